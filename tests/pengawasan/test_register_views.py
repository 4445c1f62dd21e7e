"""Pages of the registers: reachable from P3, scoped (outsiders 404), list pages in a fixed
number of queries, Excel exports keep texts as texts, yearly PDFs render."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pengawasan.models import KegiatanMutu, Pengaduan, TimMutu
from puskesmas.choices import Peran
from puskesmas.models import RTL

from ..factories import pengguna
from ..halaman_pdf import halaman
from .factories_register import (
    TAHUN,
    KegiatanMutuFactory,
    PengaduanFactory,
    RencanaProgramMutuFactory,
    RisikoFactory,
    SurveiKepuasanFactory,
    TimMutuFactory,
)


@pytest.fixture
def mutu_a(dunia):
    return pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=dunia.a)


def _url(nama, dunia, **q):
    return reverse(f"pengawasan:{nama}", args=[dunia.a.pk]) + f"?tahun={TAHUN}"


def test_p3_index_links_to_the_registers_of_ones_puskesmas(client, dunia):
    client.force_login(dunia.staf_a)
    r = client.get(reverse("pengawasan:index"))
    assert reverse("pengawasan:register", args=[dunia.a.pk]).encode() in r.content


def test_hub_links_every_register(client, dunia):
    client.force_login(dunia.staf_a)
    r = client.get(_url("register", dunia))
    assert r.status_code == 200
    for nama in ("pengaduan", "survei", "risiko", "tim_mutu", "program_mutu"):
        assert reverse(f"pengawasan:{nama}", args=[dunia.a.pk]).encode() in r.content


@pytest.mark.parametrize(
    ("nama", "buat", "maks"),
    [
        ("pengaduan", lambda d, n: [PengaduanFactory(puskesmas=d.a) for _ in range(n)], 12),
        ("survei", lambda d, n: [SurveiKepuasanFactory(puskesmas=d.a) for _ in range(n)], 12),
        (
            "risiko",
            lambda d, n: [RisikoFactory(puskesmas=d.a, pemilik=d.staf_a) for _ in range(n)],
            12,
        ),
    ],
)
def test_list_pages_take_a_fixed_number_of_queries(
    client, dunia, django_assert_max_num_queries, nama, buat, maks
):
    client.force_login(dunia.ktu_a)
    buat(dunia, 2)
    with django_assert_max_num_queries(maks) as awal:
        assert client.get(_url(nama, dunia)).status_code == 200
    buat(dunia, 10)
    with django_assert_max_num_queries(len(awal.captured_queries)):
        r = client.get(_url(nama, dunia))
    assert r.content.count(f'data-testid="{nama}-'.encode()) == 12


def test_program_page_queries_do_not_grow_with_activities(
    client, dunia, django_assert_max_num_queries
):
    client.force_login(dunia.ktu_a)
    rencana = RencanaProgramMutuFactory(puskesmas=dunia.a)
    KegiatanMutuFactory(rencana=rencana, pj=dunia.staf_a)
    with django_assert_max_num_queries(20) as awal:
        client.get(_url("program_mutu", dunia))
    for _ in range(8):
        KegiatanMutuFactory(rencana=rencana, pj=dunia.staf_a)
    with django_assert_max_num_queries(len(awal.captured_queries)):
        r = client.get(_url("program_mutu", dunia))
    assert r.content.count(b'data-testid="kegiatan-') == 9


def test_outsider_gets_404_on_rows_of_another_puskesmas(client, dunia):
    p = PengaduanFactory(puskesmas=dunia.a)
    client.force_login(dunia.staf_b)
    assert client.get(reverse("pengawasan:pengaduan_detail", args=[p.pk])).status_code == 404
    assert client.get(_url("pengaduan", dunia)).status_code == 404
    assert client.post(reverse("pengawasan:pengaduan_tutup", args=[p.pk])).status_code == 404


def test_staff_read_but_do_not_write(client, dunia):
    p = PengaduanFactory(puskesmas=dunia.a)
    client.force_login(dunia.staf_a)
    assert client.get(reverse("pengawasan:pengaduan_detail", args=[p.pk])).status_code == 200
    assert client.get(reverse("pengawasan:pengaduan_ubah", args=[p.pk])).status_code == 403


def test_tim_mutu_records_a_complaint_then_raises_an_rtl(client, dunia, mutu_a):
    client.force_login(mutu_a)
    r = client.post(
        _url("pengaduan_buat", dunia),
        {"tanggal": f"{TAHUN}-02-03", "media": "kotak_saran", "isi": "Toilet kotor",
         "analisis": "Jadwal kebersihan tidak diawasi"},
    )  # fmt: skip
    p = Pengaduan.objects.get(puskesmas=dunia.a)
    assert r.status_code == 302 and p.status == "dianalisis" and p.dicatat_oleh == mutu_a
    r = client.post(
        reverse("pengawasan:pengaduan_rtl", args=[p.pk]),
        {"masalah": "Toilet kotor", "rencana": "Jadwal piket", "jenis": "korektif",
         "pj": dunia.staf_a.pk, "batas": f"{TAHUN}-03-01"},
    )  # fmt: skip
    rtl = RTL.objects.get(sumber_id=p.pk)
    assert rtl.sumber == p
    p.refresh_from_db()
    assert p.status == "ditindaklanjuti"
    r = client.get(reverse("pengawasan:pengaduan_detail", args=[p.pk]))
    assert b"Jadwal piket" in r.content


def test_media_form_sets_the_years_channels(client, dunia, mutu_a):
    client.force_login(mutu_a)
    client.post(
        _url("pengaduan_media", dunia),
        {"tahun": TAHUN, "ada_wa": "on", "ket_wa": "0812-1", "ada_telepon": "on"},
    )
    r = client.get(_url("pengaduan", dunia))
    assert set(dunia.a.media_pengaduan.values_list("media", flat=True)) == {"wa", "telepon"}
    assert b"0812-1" in r.content


def test_tim_mutu_sk_signed_by_kepala_through_the_page(client, dunia, mutu_a):
    client.force_login(mutu_a)
    data = {
        "tahun": TAHUN, "nomor_sk": "445/12/PKM", "tanggal_sk": f"{TAHUN}-01-04",
        "anggota-TOTAL_FORMS": "1", "anggota-INITIAL_FORMS": "0",
        "anggota-0-user": dunia.staf_a.pk, "anggota-0-kedudukan": "anggota",
        "anggota-0-bidang": "ppi", "anggota-0-uraian_tugas": "Surveilans HAIs",
    }  # fmt: skip
    assert client.post(_url("tim_mutu_ubah", dunia), data).status_code == 302
    tim = TimMutu.objects.get(puskesmas=dunia.a, tahun=TAHUN)
    client.post(_url("tim_mutu_langkah", dunia), {"tahun": TAHUN, "langkah": "ajukan"})
    r = client.post(_url("tim_mutu_langkah", dunia), {"tahun": TAHUN, "langkah": "sahkan"})
    assert r.status_code == 403
    client.force_login(dunia.kapus_a)
    client.post(_url("tim_mutu_langkah", dunia), {"tahun": TAHUN, "langkah": "sahkan"})
    tim.refresh_from_db()
    assert tim.status == "disahkan"
    client.force_login(mutu_a)
    r = client.get(_url("tim_mutu_ubah", dunia))
    assert r.status_code == 302  # locked: back to the page
    r = client.get(_url("tim_mutu", dunia))
    assert "UKM esensial" in r.content.decode()  # the areas still uncovered


def test_activity_realisation_through_the_page(client, dunia, mutu_a):
    k = KegiatanMutuFactory(rencana=RencanaProgramMutuFactory(puskesmas=dunia.a))
    client.force_login(mutu_a)
    client.post(
        reverse("pengawasan:kegiatan_mutu_realisasi", args=[k.pk]),
        {"versi": k.versi, "realisasi": "terlaksana", "tanggal": f"{TAHUN}-03-12",
         "catatan": "Notulen dan foto"},
    )  # fmt: skip
    k.refresh_from_db()
    assert (k.realisasi, k.tanggal_realisasi) == ("terlaksana", date(TAHUN, 3, 12))
    client.post(reverse("pengawasan:kegiatan_mutu_hapus", args=[k.rencana_id]), {"kegiatan": k.pk})
    assert not KegiatanMutu.objects.filter(pk=k.pk).exists()


@pytest.mark.parametrize(
    ("nama", "buat", "sheet"),
    [
        (
            "pengaduan_xlsx",
            lambda d: PengaduanFactory(puskesmas=d.a, isi="=HYPERLINK(1)"),
            "Pengaduan",
        ),
        ("risiko_xlsx", lambda d: RisikoFactory(puskesmas=d.a, risiko="=HYPERLINK(1)"), "Risiko"),
        (
            "survei_xlsx",
            lambda d: SurveiKepuasanFactory(puskesmas=d.a, periode="=HYPERLINK(1)"),
            "Survei",
        ),
    ],
)
def test_exports_keep_text_as_text(client, dunia, nama, buat, sheet):
    buat(dunia)
    client.force_login(dunia.staf_a)
    r = client.get(_url(nama, dunia))
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content))[sheet]
    nilai = [c.value for c in ws[2]]
    assert "=HYPERLINK(1)" in nilai
    sel = next(c for c in ws[2] if c.value == "=HYPERLINK(1)")
    assert sel.data_type == "s"


def test_survey_export_has_numbers_and_the_ikm(client, dunia):
    SurveiKepuasanFactory(puskesmas=dunia.a)  # every unsur 3.4 → IKM 85.00, B
    client.force_login(dunia.staf_a)
    ws = load_workbook(io.BytesIO(client.get(_url("survei_xlsx", dunia)).content))["Survei"]
    judul = [c.value for c in ws[1]]
    baris = dict(zip(judul, [c.value for c in ws[2]], strict=True))
    assert baris["IKM"] == 85 and baris["Mutu"] == "B (Baik)" and baris["Responden"] == 120


@pytest.mark.parametrize("nama", ["pengaduan_pdf", "survei_pdf", "risiko_pdf", "program_mutu_pdf"])
def test_yearly_pdfs(client, dunia, nama):
    PengaduanFactory(puskesmas=dunia.a, isi="Antrean lama di loket")
    SurveiKepuasanFactory(puskesmas=dunia.a)
    RisikoFactory(puskesmas=dunia.a, risiko="Pasien jatuh")
    KegiatanMutuFactory(rencana=RencanaProgramMutuFactory(puskesmas=dunia.a), kegiatan="Audit")
    client.force_login(dunia.staf_a)
    r = client.get(_url(nama, dunia))
    assert r["Content-Type"] == "application/pdf"
    teks = " ".join(halaman(r.content))
    assert str(TAHUN) in teks


def test_sk_pdf_is_a_draft_until_signed(client, dunia):
    TimMutuFactory(puskesmas=dunia.a)
    client.force_login(dunia.staf_a)
    teks = " ".join(halaman(client.get(_url("tim_mutu_pdf", dunia)).content))
    assert "DRAF" in teks


def test_signed_sk_prints_what_was_signed(client, dunia, mutu_a):
    from pengawasan.models import AnggotaTimMutu
    from pengawasan.services import register as s

    tim = TimMutuFactory(puskesmas=dunia.a)
    a = AnggotaTimMutu.objects.create(
        tim=tim, user=dunia.staf_a, bidang="ppi", uraian_tugas="Surveilans infeksi"
    )
    s.tim_mutu_jalankan(user=mutu_a, tim=tim, langkah="ajukan")
    s.tim_mutu_jalankan(user=dunia.kapus_a, tim=tim, langkah="sahkan")
    AnggotaTimMutu.objects.filter(pk=a.pk).update(uraian_tugas="Diubah sesudahnya")
    client.force_login(dunia.staf_a)
    teks = " ".join(halaman(client.get(_url("tim_mutu_pdf", dunia)).content))
    assert "Surveilans infeksi" in teks and "Diubah sesudahnya" not in teks
    assert "DRAF" not in teks
