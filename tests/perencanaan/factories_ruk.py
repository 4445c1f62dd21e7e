"""Factories of the analisis situasi and RUK tests."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from perencanaan.models import RUK, CapaianTahunan, Indikator, KegiatanRUK, Masalah
from puskesmas.referensi import pastikan_klaster


def klaster(nomor: int):
    return pastikan_klaster()[nomor]


class IndikatorRUKFactory(DjangoModelFactory):
    class Meta:
        model = Indikator

    kabupaten = None
    tahun = 2026
    kode = factory.Sequence(lambda n: f"UJI-{n:04d}")
    nama = factory.Sequence(lambda n: f"Cakupan uji {n}")
    klaster = factory.LazyFunction(lambda: klaster(2))
    target_default = Decimal(100)


class CapaianFactory(DjangoModelFactory):
    class Meta:
        model = CapaianTahunan

    puskesmas = None
    indikator = None
    target = Decimal(90)
    capaian = Decimal(80)


class MasalahFactory(DjangoModelFactory):
    class Meta:
        model = Masalah

    puskesmas = None
    tahun = 2026
    klaster = factory.LazyFunction(lambda: klaster(2))
    uraian = factory.Sequence(lambda n: f"Masalah uji {n}")
    urgency = 3
    seriousness = 3
    growth = 3


class RUKFactory(DjangoModelFactory):
    class Meta:
        model = RUK

    puskesmas = None
    tahun = 2027


class KegiatanRUKFactory(DjangoModelFactory):
    class Meta:
        model = KegiatanRUK
        skip_postgeneration_save = True

    ruk = factory.SubFactory(RUKFactory)
    klaster = factory.LazyFunction(lambda: klaster(2))
    upaya = factory.Sequence(lambda n: f"Kegiatan uji {n}")
    kebutuhan_anggaran = Decimal(1_500_000)
    sumber_pembiayaan = "BOK"
    urutan = factory.Sequence(lambda n: n + 1)
