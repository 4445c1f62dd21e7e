"""Factories of the internal audit's models."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from pengawasan.models import (
    AnggotaTimAudit,
    Audit,
    ButirTilik,
    DaftarTilik,
    HasilKriteria,
    JadwalAudit,
    ProgramAudit,
    TemuanAudit,
    TimAudit,
)

from ..factories import PuskesmasFactory, UserFactory


class TimAuditFactory(DjangoModelFactory):
    class Meta:
        model = TimAudit

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = 2026
    nomor_sk = factory.Sequence(lambda n: f"800/{n}/SK/PKM")
    tanggal_sk = date(2026, 1, 5)


class AnggotaTimAuditFactory(DjangoModelFactory):
    class Meta:
        model = AnggotaTimAudit

    tim = factory.SubFactory(TimAuditFactory)
    user = factory.SubFactory(UserFactory)
    peran = "anggota"


class ProgramAuditFactory(DjangoModelFactory):
    class Meta:
        model = ProgramAudit

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = 2026
    tujuan = "Memantau mutu layanan sepanjang tahun."


class JadwalAuditFactory(DjangoModelFactory):
    class Meta:
        model = JadwalAudit
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramAuditFactory)
    unit = "Ruang KIA"
    jenis = factory.LazyFunction(lambda: ["proses"])
    acuan = factory.LazyFunction(lambda: ["sop"])
    uraian_kriteria = "SOP ANC terpadu"
    bulan = 3
    auditi = factory.SubFactory(UserFactory)

    @factory.post_generation
    def auditor(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.auditor.set(extracted)


class DaftarTilikFactory(DjangoModelFactory):
    class Meta:
        model = DaftarTilik

    puskesmas = factory.SubFactory(PuskesmasFactory)
    nama = factory.Sequence(lambda n: f"Daftar tilik ANC {n}")


class ButirTilikFactory(DjangoModelFactory):
    class Meta:
        model = ButirTilik

    daftar = factory.SubFactory(DaftarTilikFactory)
    nomor = factory.Sequence(lambda n: n + 1)
    kriteria = "Petugas melakukan pemeriksaan 10T pada setiap kunjungan ANC"
    acuan = "sop"


class AuditFactory(DjangoModelFactory):
    class Meta:
        model = Audit

    jadwal = factory.SubFactory(JadwalAuditFactory)
    puskesmas = factory.LazyAttribute(lambda o: o.jadwal.program.puskesmas)
    tanggal = date(2026, 3, 10)
    metode = factory.LazyFunction(lambda: ["telaah_dokumen", "wawancara"])
    dibuat_oleh = factory.SubFactory(UserFactory)


class HasilKriteriaFactory(DjangoModelFactory):
    class Meta:
        model = HasilKriteria

    audit = factory.SubFactory(AuditFactory)
    nomor = factory.Sequence(lambda n: n + 1)
    kriteria = "Rekam medis ANC lengkap"
    acuan = "sop"


class TemuanAuditFactory(DjangoModelFactory):
    class Meta:
        model = TemuanAudit

    audit = factory.SubFactory(AuditFactory)
    nomor = factory.Sequence(lambda n: n + 1)
    kategori = "minor"
    uraian = "Dua dari sepuluh rekam medis ANC tanpa hasil lab"
    bukti = "Rekam medis no. 12 dan 15"
    analisis = "Alur rujukan internal ke laboratorium belum jelas"
