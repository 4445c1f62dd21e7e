"""Factories of the RPK tests. They build their own RUK and KegiatanRUK, so these tests do
not depend on how the RUK pages are built."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from perencanaan.models import RPK, RUK, KegiatanRPK, KegiatanRUK
from puskesmas.alat.alur import StatusAlur
from puskesmas.referensi import pastikan_klaster

from ..factories import PuskesmasFactory


def klaster(nomor: int):
    from puskesmas.models import Klaster

    return Klaster.objects.filter(nomor=nomor).first() or pastikan_klaster()[nomor]


class RUKRPKFactory(DjangoModelFactory):
    class Meta:
        model = RUK

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = 2027
    status = StatusAlur.DISAHKAN


class KegiatanRUKRPKFactory(DjangoModelFactory):
    class Meta:
        model = KegiatanRUK

    ruk = factory.SubFactory(RUKRPKFactory)
    klaster = factory.LazyFunction(lambda: klaster(2))
    upaya = factory.Sequence(lambda n: f"Kelas ibu hamil {n}")
    rincian = "Pertemuan bulanan"
    tujuan = "Meningkatkan pengetahuan ibu hamil"
    sasaran = "Ibu hamil"
    target = "100%"
    penanggung_jawab = "Bidan Koordinator"
    kebutuhan_sumber_daya = "Bidan, modul KIA"
    mitra_kerja = "Kader Posyandu"
    waktu = "Jan–Des"
    kebutuhan_anggaran = Decimal(1_500_000)
    indikator_kinerja = "Cakupan K4"
    sumber_pembiayaan = "BOK"
    urutan = factory.Sequence(lambda n: n)


class RPKFactory(DjangoModelFactory):
    class Meta:
        model = RPK

    ruk = factory.SubFactory(RUKRPKFactory)
    puskesmas = factory.SelfAttribute("ruk.puskesmas")
    tahun = factory.SelfAttribute("ruk.tahun")


class KegiatanRPKFactory(DjangoModelFactory):
    class Meta:
        model = KegiatanRPK

    rpk = factory.SubFactory(RPKFactory)
    kegiatan_ruk = None
    klaster = factory.LazyFunction(lambda: klaster(2))
    kegiatan = factory.Sequence(lambda n: f"Kegiatan RPK {n}")
    biaya = Decimal(500_000)
    urutan = factory.Sequence(lambda n: n)


def ruk_dengan_kegiatan(puskesmas, *, tahun=2027, status=StatusAlur.DISAHKAN, jumlah=3):
    """A RUK of ``puskesmas`` with ``jumlah`` activities spread over klaster 2, 3, 4 …"""
    ruk = RUKRPKFactory(puskesmas=puskesmas, tahun=tahun, status=status)
    for i in range(jumlah):
        KegiatanRUKRPKFactory(
            ruk=ruk,
            klaster=klaster(2 + i % 3),
            upaya=f"Kegiatan RUK {i + 1}",
            kebutuhan_anggaran=Decimal(1_000_000 * (i + 1)),
        )
    return ruk
