"""The collectors of P1's suggestion rules against the database: which records of which
year each reads, what they make of them, and how many queries that takes."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from perencanaan.choices import JenisPembahasan, JenisSurvei
from perencanaan.models import HasilSurvei, KegiatanRPK, PembahasanRPK
from perencanaan.services.renstra import renstra_jalankan
from perencanaan.services.rpk import rpk_susun_dari_ruk
from perencanaan.services.ruk import ruk_jalankan
from pkp import saran_daftar, saran_p1
from pkp.saran_aturan import FaktaRenstra, FaktaRPK, FaktaRUK
from pkp.saran_p1 import kumpulkan_renstra, kumpulkan_rpk, kumpulkan_ruk
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import JejakAlur

from ..perencanaan.factories_katalog import RencanaLimaTahunanFactory, TargetRenstraFactory
from ..perencanaan.factories_rpk import KegiatanRPKFactory, ruk_dengan_kegiatan
from ..perencanaan.factories_ruk import (
    CapaianFactory,
    IndikatorRUKFactory,
    KegiatanRUKFactory,
    MasalahFactory,
    RUKFactory,
)

N = 2026  # the assessment year
WIB = ZoneInfo("Asia/Jakarta")


def _sahkan_pada(objek, hari: date) -> None:
    """Move the recorded approval of ``objek`` to ``hari`` (late evening, local time: the
    date must be read in local time, not UTC)."""
    JejakAlur.objects.filter(
        content_type=ContentType.objects.get_for_model(type(objek)),
        object_id=objek.pk,
        langkah="sahkan",
    ).update(waktu=datetime(hari.year, hari.month, hari.day, 23, 30, tzinfo=WIB))


def _renstra_sah(dunia, *, mulai=2025, target=2, **isi):
    renstra = RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=mulai, **isi)
    for _ in range(target):
        TargetRenstraFactory(renstra=renstra)
    renstra_jalankan(user=dunia.ktu_a, renstra=renstra, langkah="ajukan")
    renstra_jalankan(user=dunia.kapus_a, renstra=renstra, langkah="sahkan")
    return renstra


# --- 1.1.1 ---------------------------------------------------------------------------------


def test_renstra_the_one_covering_the_year_with_its_approval_date(
    dunia, django_assert_max_num_queries
):
    RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=2020)  # ended in 2024
    renstra = _renstra_sah(dunia, analisis_kebutuhan="Hasil SMD 2024")
    _sahkan_pada(renstra, date(2025, 1, 12))
    RencanaLimaTahunanFactory(puskesmas=dunia.b, tahun_mulai=2025)  # another Puskesmas
    with django_assert_max_num_queries(3):
        fakta = kumpulkan_renstra(dunia.a, N)
    assert fakta == FaktaRenstra(
        tahun=N,
        mulai=2025,
        status="Disahkan",
        disahkan=True,
        tanggal_sah=date(2025, 1, 12),
        visi=True,
        misi=True,
        tata_nilai=True,
        jumlah_indikator=2,
        analisis_kebutuhan=True,
        url=reverse("perencanaan:renstra_detail", args=[dunia.a.pk, renstra.pk]),
    )
    assert saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N, kode=["1.1.1"])["1.1.1"].skor == 10


def test_renstra_a_draft_without_needs_analysis_or_targets(dunia):
    RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=2022, tata_nilai="  ")
    fakta = kumpulkan_renstra(dunia.a, N)
    assert (fakta.mulai, fakta.status, fakta.disahkan, fakta.tanggal_sah) == (
        2022,
        "Draf",
        False,
        None,
    )
    assert (fakta.tata_nilai, fakta.analisis_kebutuhan, fakta.jumlah_indikator) == (False, False, 0)
    assert saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N)["1.1.1"].skor == 4


@pytest.mark.parametrize("mulai", [2021, 2027])
def test_renstra_outside_its_period_is_none(dunia, mulai):
    RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=mulai)
    assert kumpulkan_renstra(dunia.a, N) == FaktaRenstra(tahun=N)


# --- 1.1.2 ---------------------------------------------------------------------------------


@pytest.fixture
def analisis_lengkap(dunia):
    """Everything the analisis situasi of planning year N holds: achievements of N-1 and
    N-2, population (dunia has figures of 2026), a survey and a ranked problem."""
    for tahun, jumlah in ((N - 1, 3), (N - 2, 2)):
        for _ in range(jumlah):
            ind = IndikatorRUKFactory(kabupaten=dunia.kab_x, tahun=tahun)
            CapaianFactory(puskesmas=dunia.a, indikator=ind)
    # not counted: year N itself, another Puskesmas, another kabupaten's catalogue
    CapaianFactory(puskesmas=dunia.a, indikator=IndikatorRUKFactory(kabupaten=dunia.kab_x, tahun=N))
    CapaianFactory(
        puskesmas=dunia.b, indikator=IndikatorRUKFactory(kabupaten=dunia.kab_x, tahun=N - 1)
    )
    CapaianFactory(
        puskesmas=dunia.a, indikator=IndikatorRUKFactory(kabupaten=dunia.kab_y, tahun=N - 2)
    )
    for jenis in (JenisSurvei.IKM, JenisSurvei.SMD, JenisSurvei.IKM):
        HasilSurvei.objects.create(
            puskesmas=dunia.a, tahun=N, jenis=jenis, nilai=Decimal(80), tanggal=date(N, 3, 1)
        )
    HasilSurvei.objects.create(  # last year's survey belongs to last year's analisis
        puskesmas=dunia.a, tahun=N - 1, jenis=JenisSurvei.IKS, nilai=1, tanggal=date(N - 1, 3, 1)
    )
    return [MasalahFactory(puskesmas=dunia.a, tahun=N) for _ in range(2)]


def test_ruk_for_the_next_year_on_the_analisis_of_the_assessment_year(
    dunia, analisis_lengkap, django_assert_max_num_queries
):
    renstra = _renstra_sah(dunia)
    ruk = RUKFactory(puskesmas=dunia.a, tahun=N + 1)
    a = KegiatanRUKFactory(ruk=ruk)
    a.masalah.add(analisis_lengkap[0])
    a.masalah.add(analisis_lengkap[1])  # two problems, still one activity
    KegiatanRUKFactory(ruk=ruk)
    RUKFactory(puskesmas=dunia.a, tahun=N)  # the RUK of N (made in N-1) is not this one
    ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    ruk_jalankan(ruk=ruk, langkah="sahkan", user=dunia.kapus_a)
    _sahkan_pada(ruk, date(N, 9, 30))
    with django_assert_max_num_queries(9):
        fakta = kumpulkan_ruk(dunia.a, N)
    assert fakta == FaktaRUK(
        tahun=N,
        ada=True,
        status="Disahkan",
        disahkan=True,
        tanggal_sah=date(N, 9, 30),
        jumlah_kegiatan=2,
        kegiatan_masalah=1,
        renstra="2025–2029",
        capaian_n1=3,
        capaian_n2=2,
        tahun_penduduk=2026,
        survei=("SMD", "IKM"),
        jumlah_masalah=2,
        url_ruk=reverse("perencanaan:ruk_detail", args=[ruk.pk]),
        url_analisis=reverse("perencanaan:analisis", args=[dunia.a.pk]),
        url_renstra=reverse("perencanaan:renstra_detail", args=[dunia.a.pk, renstra.pk]),
    )
    saran = saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N)["1.1.2"]
    assert saran.skor == 10
    assert saran.alasan.startswith("RUK 2027 disahkan 30-09-2026, 2 kegiatan")


def test_ruk_an_activity_carrying_a_chosen_solution_counts_as_using_the_analysis(
    dunia, analisis_lengkap
):
    from perencanaan.models import AlternatifPemecahan

    pemecahan = AlternatifPemecahan.objects.create(
        masalah=analisis_lengkap[0],
        uraian="Kelas ibu",
        magnitude=3,
        importancy=3,
        vulnerability=3,
        cost=2,
        dipilih=True,
    )
    ruk = RUKFactory(puskesmas=dunia.a, tahun=N + 1)
    KegiatanRUKFactory(ruk=ruk, pemecahan=pemecahan)
    fakta = kumpulkan_ruk(dunia.a, N)
    assert (fakta.jumlah_kegiatan, fakta.kegiatan_masalah) == (1, 1)
    assert (fakta.status, fakta.disahkan, fakta.tanggal_sah, fakta.renstra) == (
        "Draf",
        False,
        None,
        "",
    )


def test_ruk_follows_a_renstra_ending_in_the_year_it_is_drafted(dunia):
    renstra = _renstra_sah(dunia, mulai=2022)  # 2022–2026
    _renstra_draf = RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=2027)  # not approved
    RUKFactory(puskesmas=dunia.a, tahun=N + 1)
    fakta = kumpulkan_ruk(dunia.a, N)
    assert fakta.renstra == "2022–2026"
    assert fakta.url_renstra == reverse("perencanaan:renstra_detail", args=[dunia.a.pk, renstra.pk])
    assert _renstra_draf.status == StatusAlur.DRAFT


def test_ruk_an_empty_analysis(dunia):
    RUKFactory(puskesmas=dunia.a, tahun=N)  # population figures of dunia are of 2026
    fakta = kumpulkan_ruk(dunia.a, N - 1)
    assert fakta.ada and fakta.tahun == N - 1
    assert (fakta.capaian_n1, fakta.capaian_n2, fakta.tahun_penduduk, fakta.survei) == (
        0,
        0,
        None,
        (),
    )
    assert (fakta.jumlah_masalah, fakta.jumlah_kegiatan) == (0, 0)
    assert saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N - 1)["1.1.2"].skor == 0


def test_ruk_none_for_the_next_year(dunia):
    RUKFactory(puskesmas=dunia.a, tahun=N)
    RUKFactory(puskesmas=dunia.b, tahun=N + 1)
    assert kumpulkan_ruk(dunia.a, N) == FaktaRUK(tahun=N)


# --- 1.1.3 ---------------------------------------------------------------------------------


def _catat_pembahasan(rpk, jenis, hari):
    PembahasanRPK.objects.create(rpk=rpk, jenis=jenis, tanggal=hari, forum="Lokmin")


def test_rpk_of_the_year_derived_from_its_ruk_discussed_and_approved(
    dunia, django_assert_max_num_queries
):
    from perencanaan.services.rpk import rpk_alur

    ruk = ruk_dengan_kegiatan(dunia.a, tahun=N, jumlah=3)
    rpk = rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)
    KegiatanRPK.objects.filter(rpk=rpk).update(vol_03=1)
    _catat_pembahasan(rpk, JenisPembahasan.LINTAS_PROGRAM, date(N, 1, 8))
    _catat_pembahasan(rpk, JenisPembahasan.LINTAS_SEKTOR, date(N, 2, 10))
    rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    rpk_alur(rpk=rpk, langkah="sahkan", user=dunia.kapus_a)
    _sahkan_pada(rpk, date(N, 2, 20))
    ruk_dengan_kegiatan(dunia.a, tahun=N + 1)  # next year's RUK, no RPK yet
    with django_assert_max_num_queries(7):
        fakta = kumpulkan_rpk(dunia.a, N)
    assert fakta == FaktaRPK(
        tahun=N,
        ada=True,
        status="Disahkan",
        disahkan=True,
        tanggal_sah=date(N, 2, 20),
        jumlah_kegiatan=3,
        dari_ruk=3,
        kegiatan_ruk=3,
        pembahasan_lp=date(N, 1, 8),
        pembahasan_ls=date(N, 2, 10),
        url=reverse("perencanaan:rpk_detail", args=[rpk.pk]),
    )
    assert saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N)["1.1.3"].skor == 10
    assert kumpulkan_rpk(dunia.a, N + 1) == FaktaRPK(tahun=N + 1)


def test_rpk_differences_from_the_ruk_are_counted_as_the_rpk_page_flags_them(dunia):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=N, jumlah=4)
    rpk = rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)
    baris = list(KegiatanRPK.objects.filter(rpk=rpk).order_by("urutan"))
    KegiatanRPK.objects.filter(pk__in=[b.pk for b in baris[:2]]).update(vol_01=2)
    KegiatanRPK.objects.filter(pk=baris[2].pk).update(vol_05=1, biaya=Decimal(99_000_000))
    baris[3].delete()  # one RUK activity dropped
    KegiatanRPKFactory(rpk=rpk, vol_02=1)  # one added, not in the RUK
    _catat_pembahasan(rpk, JenisPembahasan.LINTAS_PROGRAM, date(N, 1, 8))
    fakta = kumpulkan_rpk(dunia.a, N)
    assert (fakta.status, fakta.disahkan, fakta.tanggal_sah) == ("Draf", False, None)
    assert (fakta.jumlah_kegiatan, fakta.dari_ruk, fakta.kegiatan_ruk) == (4, 3, 4)
    assert (fakta.tidak_dialokasikan, fakta.biaya_lebih, fakta.belum_dijadwalkan) == (1, 1, 0)
    assert (fakta.pembahasan_lp, fakta.pembahasan_ls) == (date(N, 1, 8), None)
    assert not fakta.sesuai_ruk
    assert saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N)["1.1.3"].skor == 4


def test_rpk_rows_not_scheduled_are_counted(dunia):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=N, jumlah=2)
    rpk = rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)
    fakta = kumpulkan_rpk(dunia.a, N)
    assert (fakta.belum_dijadwalkan, fakta.dari_ruk, fakta.tidak_dialokasikan) == (2, 2, 0)
    assert rpk.status == StatusAlur.DRAFT


# --- the registry ------------------------------------------------------------------------


def test_p1_registers_its_three_variables(monkeypatch):
    monkeypatch.setattr(saran_daftar, "_DAFTAR", {})
    saran_p1.daftarkan()
    assert saran_daftar.terdaftar() == {"1.1.1", "1.1.2", "1.1.3"}
    assert "1.1.1" not in saran_daftar.tanpa_aturan(["1.1.1", "1.1.4"])
    assert "1.1.4" in saran_daftar.tanpa_aturan(["1.1.1", "1.1.4"])


def test_a_puskesmas_without_p1_records_gets_0_for_each(dunia):
    saran = saran_daftar.saran_untuk(puskesmas=dunia.c, tahun=N, kode=["1.1.1", "1.1.2", "1.1.3"])
    assert {k: s.skor for k, s in saran.items()} == {"1.1.1": 0, "1.1.2": 0, "1.1.3": 0}
    assert saran["1.1.2"].alasan == "Tidak ada RUK 2027."
