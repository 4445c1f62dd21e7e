"""Factories of the register and quality-programme tests."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from pengawasan.models import (
    AnggotaTimMutu,
    EvaluasiTimMutu,
    KegiatanMutu,
    MediaPengaduan,
    Pengaduan,
    RencanaProgramMutu,
    Risiko,
    SurveiKepuasan,
    TimMutu,
)

from ..factories import PuskesmasFactory, UserFactory

TAHUN = 2027


class MediaPengaduanFactory(DjangoModelFactory):
    class Meta:
        model = MediaPengaduan

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = TAHUN
    media = "kotak_saran"
    keterangan = "Di ruang tunggu"


class PengaduanFactory(DjangoModelFactory):
    class Meta:
        model = Pengaduan

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tanggal = date(TAHUN, 3, 4)
    media = "wa"
    isi = factory.Sequence(lambda n: f"Antrean pendaftaran terlalu lama {n}")
    analisis = ""
    dicatat_oleh = factory.SubFactory(UserFactory)


class SurveiKepuasanFactory(DjangoModelFactory):
    class Meta:
        model = SurveiKepuasan

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = TAHUN
    periode = "Semester I"
    tanggal_mulai = date(TAHUN, 5, 1)
    tanggal_selesai = date(TAHUN, 5, 31)
    jumlah_responden = 120
    dicatat_oleh = factory.SubFactory(UserFactory)
    u1 = u2 = u3 = u4 = u5 = u6 = u7 = u8 = u9 = Decimal("3.400")


class RisikoFactory(DjangoModelFactory):
    class Meta:
        model = Risiko

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = TAHUN
    risiko = factory.Sequence(lambda n: f"Pasien jatuh di ruang tunggu {n}")
    area = "keselamatan_pasien"
    kemungkinan = 3
    dampak = 4
    pengendalian = "Pegangan tangan dan lantai antiselip"
    dicatat_oleh = factory.SubFactory(UserFactory)


class TimMutuFactory(DjangoModelFactory):
    class Meta:
        model = TimMutu

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = TAHUN
    nomor_sk = factory.Sequence(lambda n: f"800/{n}/PKM/{TAHUN}")
    tanggal_sk = date(TAHUN, 1, 6)


class AnggotaTimMutuFactory(DjangoModelFactory):
    class Meta:
        model = AnggotaTimMutu

    tim = factory.SubFactory(TimMutuFactory)
    user = factory.SubFactory(UserFactory)
    bidang = "mutu"
    uraian_tugas = "Mengumpulkan dan menganalisis indikator mutu setiap bulan."


class EvaluasiTimMutuFactory(DjangoModelFactory):
    class Meta:
        model = EvaluasiTimMutu

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = TAHUN
    tanggal = date(TAHUN, 12, 10)
    hasil = "Uraian tugas dilaksanakan; pelaporan indikator PPI terlambat dua bulan."
    dievaluasi_oleh = factory.SubFactory(UserFactory)


class RencanaProgramMutuFactory(DjangoModelFactory):
    class Meta:
        model = RencanaProgramMutu

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = TAHUN
    kak = "Latar belakang, tujuan, sasaran, cara melaksanakan kegiatan."


class KegiatanMutuFactory(DjangoModelFactory):
    class Meta:
        model = KegiatanMutu

    rencana = factory.SubFactory(RencanaProgramMutuFactory)
    kegiatan = factory.Sequence(lambda n: f"Audit kepatuhan kebersihan tangan {n}")
    sumber_dana = "bok"
    sumber_daya = "Tim PPI, formulir observasi"
    bulan = 3
