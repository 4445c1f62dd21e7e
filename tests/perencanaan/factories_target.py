"""Factories of the target kinerja area: catalogue rows, revisions, targets, SK."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from perencanaan.models import (
    Indikator,
    PenetapanTarget,
    SKTargetKinerja,
    TargetDesa,
    TargetKinerja,
)
from puskesmas.referensi import pastikan_klaster


def klaster(nomor: int):
    return pastikan_klaster()[nomor]


class IndikatorFactory(DjangoModelFactory):
    class Meta:
        model = Indikator

    tahun = 2026
    kode = factory.Sequence(lambda n: f"T{n:04d}")
    nama = factory.Sequence(lambda n: f"Indikator uji {n}")
    klaster = factory.LazyFunction(lambda: klaster(2))
    satuan = "%"
    target_default = Decimal(100)
    kategori_sasaran = ""


class PenetapanTargetFactory(DjangoModelFactory):
    class Meta:
        model = PenetapanTarget

    tahun = 2026
    revisi = 0


class TargetKinerjaFactory(DjangoModelFactory):
    class Meta:
        model = TargetKinerja

    penetapan = factory.SubFactory(PenetapanTargetFactory)
    indikator = factory.SubFactory(IndikatorFactory)
    target_persen = Decimal(90)


class TargetDesaFactory(DjangoModelFactory):
    class Meta:
        model = TargetDesa

    target = factory.SubFactory(TargetKinerjaFactory)
    penduduk_sasaran = 100
    sasaran = 90


class SKTargetKinerjaFactory(DjangoModelFactory):
    class Meta:
        model = SKTargetKinerja

    nomor = factory.Sequence(lambda n: f"440/{n:03d}/SK/2026")
    tanggal = dt.date(2026, 2, 27)
    kepala_nama = "dr. Kepala Uji"
    kepala_nip = "198001012005012001"
    lampiran = factory.LazyFunction(list)


def katalog_uji(kabupaten, tahun=2026, *, per_klaster=(1, 2, 1, 1, 1)):
    """A small catalogue: ``per_klaster[i]`` indicators for klaster i+1.

    Klaster 2's first indicator counts pregnant women (kategori ``ibu_hamil``), klaster 3's
    the elderly: they get sasaran per desa; the rest have no population group.
    """
    kategori = {2: "ibu_hamil", 3: "usia_lanjut"}
    hasil = []
    for nomor, jumlah in enumerate(per_klaster, start=1):
        for i in range(jumlah):
            hasil.append(
                IndikatorFactory(
                    kabupaten=kabupaten,
                    tahun=tahun,
                    kode=f"K{nomor}-{i + 1:02d}",
                    nama=f"Indikator klaster {nomor} nomor {i + 1}",
                    klaster=klaster(nomor),
                    urutan=i,
                    kategori_sasaran=kategori.get(nomor, "") if i == 0 else "",
                    target_default=Decimal(95) if nomor == 2 else Decimal(100),
                )
            )
    return hasil


class Siap:
    """What the target tests work on: Puskesmas A's desa with population and a catalogue."""

    def __init__(self, dunia, tahun, desa, indikator):
        self.dunia = dunia
        self.tahun = tahun
        self.desa = desa
        self.indikator = indikator

    def kode(self, kode):
        return next(i for i in self.indikator if i.kode == kode)


def siapkan(dunia, tahun=2026, per_klaster=(1, 2, 1, 1, 1)) -> Siap:
    """Two more desa of A with population figures (A's first desa has none for ibu hamil)."""
    from ..factories import DesaFactory, SasaranDesaFactory

    mekar = DesaFactory(puskesmas=dunia.a, nama="Mekar")
    SasaranDesaFactory(desa=mekar, tahun=tahun, kategori="ibu_hamil", jumlah=37)
    SasaranDesaFactory(desa=mekar, tahun=tahun, kategori="usia_lanjut", jumlah=200)
    sari = DesaFactory(puskesmas=dunia.a, nama="Sari")
    SasaranDesaFactory(desa=sari, tahun=tahun, kategori="ibu_hamil", jumlah=20)
    return Siap(
        dunia, tahun, [mekar, sari], katalog_uji(dunia.kab_x, tahun, per_klaster=per_klaster)
    )


def isi_semua(penetapan, user, indikator, persen=Decimal(90)):
    """Fill every indicator's target through the service, klaster by klaster."""
    from perencanaan.services.target import target_klaster_simpan

    per_klaster = {}
    for ind in indikator:
        per_klaster.setdefault(ind.klaster, {})[ind.pk] = persen
    for k, nilai in per_klaster.items():
        # A reason for every target, kept only where it differs from the Dinkes default.
        target_klaster_simpan(
            penetapan=penetapan,
            klaster=k,
            nilai=nilai,
            user=user,
            alasan_beda=dict.fromkeys(nilai, "Disesuaikan dengan capaian tahun lalu"),
        )
