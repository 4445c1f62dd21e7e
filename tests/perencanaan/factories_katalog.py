"""Factories of the indicator catalogue, Renstra and Tim Perencanaan (shared by P1 tests)."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from perencanaan.models import (
    AnggotaTim,
    Indikator,
    RencanaLimaTahunan,
    TargetRenstra,
    TimPerencanaan,
)
from puskesmas.referensi import pastikan_klaster

from ..factories import KabupatenFactory, PuskesmasFactory, UserFactory


def klaster(nomor: int):
    return pastikan_klaster()[nomor]


class IndikatorFactory(DjangoModelFactory):
    class Meta:
        model = Indikator
        skip_postgeneration_save = True

    kabupaten = factory.SubFactory(KabupatenFactory)
    tahun = 2026
    kode = factory.Sequence(lambda n: f"IND-{n:03d}")
    nama = factory.Sequence(lambda n: f"Indikator uji {n}")
    klaster = factory.LazyFunction(lambda: klaster(2))
    jenis = "lain"
    satuan = "%"
    target_default = Decimal(100)
    urutan = factory.Sequence(lambda n: n)


class RencanaLimaTahunanFactory(DjangoModelFactory):
    class Meta:
        model = RencanaLimaTahunan

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun_mulai = 2025
    visi = "Masyarakat sehat dan mandiri"
    misi = "Pelayanan bermutu\nPemberdayaan masyarakat"
    tata_nilai = "Ramah, cepat, tepat"


class TargetRenstraFactory(DjangoModelFactory):
    class Meta:
        model = TargetRenstra

    renstra = factory.SubFactory(RencanaLimaTahunanFactory)
    nama = factory.Sequence(lambda n: f"Target renstra {n}")
    target_1 = Decimal(80)
    target_2 = Decimal(85)
    target_3 = Decimal(90)
    target_4 = Decimal(95)
    target_5 = Decimal(100)


class TimPerencanaanFactory(DjangoModelFactory):
    class Meta:
        model = TimPerencanaan

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = 2026
    nomor_sk = factory.Sequence(lambda n: f"800/{n}/SK/2026")
    tanggal_sk = dt.date(2026, 1, 5)
    ketua = factory.SubFactory(UserFactory)


class AnggotaTimFactory(DjangoModelFactory):
    class Meta:
        model = AnggotaTim

    tim = factory.SubFactory(TimPerencanaanFactory)
    user = factory.SubFactory(UserFactory)
