"""The ranking of a kabupaten: hand-computed groups and order, the page (sort, filter,
comparison with last year), the Excel export, the PDF recap, ``pkp_ranking``, the national
counts, scope, and bounded queries."""

import csv
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pkp import scoring
from pkp.models import KelompokPelayanan, KomponenManajemen, VariabelManajemen
from pkp.selectors import ekspor
from pkp.selectors.peringkat import (
    LABEL_BELUM_DIBUKA,
    peringkat_kabupaten,
    rekap_nasional,
    saring,
    urutkan,
)
from puskesmas.alat.alur import StatusAlur
from puskesmas.choices import Peran

from ..factories import KabupatenFactory, KecamatanFactory, PuskesmasFactory, pengguna
from .conftest import TAHUN
from .peringkat_data import HARAPAN, instrumen_x, kabupaten_kecil, tetapkan


@pytest.fixture
def kecil(dunia):
    return kabupaten_kecil(dunia)


def _url(halaman, dunia, **query):
    url = reverse(f"pkp:{halaman}", args=[dunia.kab_x.pk])
    q = "&".join(f"{k}={v}" for k, v in {"tahun": TAHUN, **query}.items())
    return f"{url}?{q}"


# --- the ranking itself -----------------------------------------------------------------


def test_the_ranking_matches_the_hand_computed_groups_and_order(dunia, kecil):
    data = peringkat_kabupaten(kabupaten=dunia.kab_x, tahun=TAHUN)
    dapat = [
        (
            b.puskesmas.nama,
            None if b.kelompok is None else int(b.kelompok),
            b.nomor,
            b.nilai.pelayanan,
            b.nilai.manajemen,
        )
        for b in data.ditetapkan
    ]
    assert dapat == HARAPAN
    # Not set yet: listed apart with their status, never ranked; C (kabupaten Y) absent.
    assert [(b.puskesmas.nama, b.status) for b in data.belum] == [("Hotel", StatusAlur.DIAJUKAN)]
    assert data.jumlah_kelompok() == {1: 1, 2: 3, 3: 1, None: 1}


def test_branch_values_and_last_year(dunia, kecil):
    data = peringkat_kabupaten(kabupaten=dunia.kab_x, tahun=TAHUN)
    assert len(data.kolom_pelayanan) == 4 and len(data.kolom_manajemen) == 5
    echo = next(b for b in data.ditetapkan if b.puskesmas.nama == "Echo")
    assert echo.nilai.cabang_pelayanan == [Decimal(95)] * 4
    assert echo.nilai.cabang_manajemen == [Decimal(10)] + [Decimal(7)] * 4
    alfa = data.ditetapkan[0]
    # Last year's branches are matched to this year's columns across the two copies.
    assert alfa.lalu.kelompok == scoring.Kelompok.II
    assert alfa.lalu.cabang_pelayanan == [Decimal(85)] * 4
    assert alfa.lalu.cabang_manajemen == [Decimal(7)] * 5
    assert alfa.perubahan_kelompok == 1
    assert alfa.selisih_pelayanan == Decimal(10)
    assert alfa.selisih_manajemen == Decimal(3)
    assert echo.lalu is None and echo.perubahan_kelompok is None


def test_a_puskesmas_without_an_assessment_is_listed_as_not_started(dunia, standar):
    instrumen_x(dunia, TAHUN)
    data = peringkat_kabupaten(kabupaten=dunia.kab_x, tahun=TAHUN)
    assert data.ditetapkan == []
    assert [b.status_label for b in data.belum] == [LABEL_BELUM_DIBUKA] * 2


def test_sorting_by_any_column_and_filtering(dunia, kecil):
    data = peringkat_kabupaten(kabupaten=dunia.kab_x, tahun=TAHUN)

    def nama(baris):
        return [b.puskesmas.nama for b in baris]

    semua = data.ditetapkan
    # Rows without a value go last both ways; equal values keep the rank order.
    assert nama(urutkan(data, semua, "pelayanan", False)) == [
        "Foxtrot",
        "Delta",
        "Alfa",
        "Echo",
        "Beta",
        "Golf",
    ]
    assert nama(urutkan(data, semua, "manajemen", True))[:3] == ["Alfa", "Delta", "Golf"]
    assert nama(urutkan(data, semua, "nama", True)) == sorted(nama(semua), reverse=True)
    komponen_11 = data.kolom_manajemen[0].kode_urut
    assert nama(urutkan(data, semua, komponen_11, False))[0] == "Foxtrot"
    assert nama(urutkan(data, semua, "tidak-ada", False)) == nama(semua)
    assert nama(saring(semua, kelompok="2")) == ["Echo", "Beta", "Delta"]
    assert nama(saring(semua, kelompok="0")) == ["Golf"]
    assert nama(saring(semua, nama="ET")) == ["Beta"]
    assert nama(saring(data.semua, status="diajukan")) == ["Hotel"]


# --- the page -----------------------------------------------------------------------------


def test_the_page_shows_the_ranking_with_displayed_values(dunia, kecil, masuk):
    r = masuk(dunia.verifikator_x).get(_url("peringkat", dunia))
    assert r.status_code == 200
    html = r.content.decode()
    assert html.index('data-testid="peringkat-') < html.index("Hotel")
    urutan = [b.puskesmas.kode for b in r.context["ditetapkan"]]
    assert [kecil[n].kode for n, *_ in HARAPAN] == urutan
    assert "7,6" in html and "95,0" in html  # one decimal, comma
    assert 'data-testid="belum-' in html and "Diajukan" in html
    assert "<svg" in html and "Kinerja pelayanan Puskesmas" in html
    assert "naik 1" in html  # Alfa: II → I
    assert "Ditetapkan tanpa kelompok: 1" in html  # Golf
    assert "Kelompok II (cukup): 3" in html and "Belum ditetapkan: 1" in html


def test_the_page_sorts_and_filters_from_the_query(dunia, kecil, masuk):
    c = masuk(dunia.admin_x)
    r = c.get(_url("peringkat", dunia, urut="pelayanan", arah="naik"))
    assert [b.puskesmas.nama for b in r.context["ditetapkan"]][:2] == ["Foxtrot", "Delta"]
    r = c.get(_url("peringkat", dunia, kelompok="3"))
    assert [b.puskesmas.nama for b in r.context["ditetapkan"]] == ["Foxtrot"]
    assert r.context["belum"] == []
    r = c.get(_url("peringkat", dunia, nama="hot"))
    assert r.context["ditetapkan"] == [] and len(r.context["belum"]) == 1


def test_the_page_defaults_to_the_last_finished_year(dunia, kecil, masuk):
    from puskesmas.selectors.inti import tahun_aktif

    r = masuk(dunia.verifikator_x).get(reverse("pkp:peringkat", args=[dunia.kab_x.pk]))
    assert r.context["tahun"] == tahun_aktif() - 1


def test_the_result_page_of_a_puskesmas_has_its_radar(dunia, kecil, masuk):
    url = reverse("pkp:hasil_puskesmas", args=[dunia.a.pk]) + f"?tahun={TAHUN}"
    r = masuk(dunia.staf_a).get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Profil kinerja Alfa" in html and f"Tahun {TAHUN - 1}" in html
    assert r.context["baris"].kelompok == scoring.Kelompok.I
    # Another Puskesmas's people do not see it; before penetapan it says so.
    assert masuk(dunia.staf_b).get(url).status_code == 404
    hotel = kecil["Hotel"]
    url = reverse("pkp:hasil_puskesmas", args=[hotel.pk]) + f"?tahun={TAHUN}"
    r = masuk(dunia.verifikator_x).get(url)
    assert 'data-testid="hasil-belum"' in r.content.decode() and r.context["grafik"] is None


# --- exports ----------------------------------------------------------------------------


def test_the_excel_export_holds_the_same_numbers(dunia, kecil, masuk):
    r = masuk(dunia.verifikator_x).get(_url("peringkat_xlsx", dunia))
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content))["Peringkat"]
    baris = list(ws.iter_rows(values_only=True))
    judul = baris[0]
    i = {j: n for n, j in enumerate(judul)}
    isi = baris[1:]
    assert [r[i["Puskesmas"]] for r in isi] == [n for n, *_ in HARAPAN]
    assert [r[i["Kelompok"]] for r in isi] == ["I", "II", "II", "II", "III", "Tanpa kelompok"]
    assert [r[i["Peringkat dalam kelompok"]] for r in isi] == [1, 1, 2, 3, 1, 1]
    pel = [r[i["Kinerja pelayanan (%)"]] for r in isi]
    man = [r[i["Kinerja manajemen"]] for r in isi]
    assert pel == [95, 95, 95, 88, 70, None]
    assert man == [10, 7.6, 7, 10, 4, 10]
    assert all(isinstance(v, int | float) for v in pel + man if v is not None)
    assert isi[0][i[f"Kelompok {TAHUN - 1}"]] == "II"
    assert isi[0][i[f"Kinerja pelayanan {TAHUN - 1} (%)"]] == 85
    # The kode column stays text.
    assert all(isinstance(r[i["Kode Puskesmas"]], str) for r in isi)


def test_the_pdf_recap_has_the_table_and_the_chart(dunia, kecil, masuk, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: install poppler-utils (make test does)")
    r = masuk(dunia.admin_x).get(_url("peringkat_pdf", dunia))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    berkas = tmp_path / "rekap.pdf"
    berkas.write_bytes(r.content)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "PENETAPAN KELOMPOK KINERJA PUSKESMAS" in teks.upper()
    for nama in ("Alfa", "Echo", "Beta", "Delta", "Foxtrot", "Golf"):
        assert nama in teks
    assert teks.index("Echo") < teks.index("Beta") < teks.index("Delta")
    assert "7,6" in teks and "Hotel (Diajukan)" in teks
    assert "Kinerja pelayanan Puskesmas" in teks  # the chart's title, drawn inline


def test_a_recap_of_as_many_rows_as_the_threshold_goes_through_the_job(
    dunia, kecil, masuk, settings, tmp_path
):
    from django.test import TestCase

    from puskesmas.alat.dokumen import JENIS_PDF_BESAR
    from puskesmas.models import TugasLatar
    from tests.pdf_latar import halaman_siapkan, isi, siapkan_pdf

    settings.MEDIA_ROOT = tmp_path
    settings.PDF_BESAR_MIN_BARIS = 6  # the six ranked Puskesmas of X: the table's rows
    url = _url("peringkat_pdf", dunia)
    c = masuk(dunia.verifikator_x)
    with CaptureQueriesContext(connection) as q, TestCase.captureOnCommitCallbacks() as cb:
        r = c.get(url)
    assert halaman_siapkan(r) and not cb
    assert not [
        x
        for x in q.captured_queries
        if x["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and '"django_session"' not in x["sql"][:80]
    ]
    assert not TugasLatar.objects.exists()
    # Outsiders can neither start the job nor read the page.
    for user, status in ((dunia.verifikator_y, {404}), (dunia.staf_a, {403, 404})):
        luar = masuk(user)
        assert luar.get(url).status_code in status
        assert luar.post(url).status_code in status
    assert not TugasLatar.objects.exists()

    c = masuk(dunia.verifikator_x)  # one test client: signed in again
    mulai = siapkan_pdf(c, url)
    [tugas] = TugasLatar.objects.all()
    assert mulai.status_code == 302 and mulai["Location"] == reverse("tugas_latar", args=[tugas.pk])
    assert tugas.jenis == JENIS_PDF_BESAR and tugas.status == TugasLatar.Status.BERHASIL
    assert tugas.kabupaten == dunia.kab_x and tugas.puskesmas is None
    folder = f"dokumen/rekap/{dunia.kab_x.pk}/peringkat-pkp/{TAHUN}/"
    assert tugas.parameter["berkas"].startswith(folder)
    assert tugas.tautan_hasil == url  # the year of the recap comes back with the link
    r = c.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pdf = isi(r)
    assert pdf.startswith(b"%PDF")
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf")] == [
        tugas.parameter["berkas"]
    ]
    # The other verifier of another kabupaten still gets a 404, even with the file made.
    assert masuk(dunia.verifikator_y).get(url).status_code == 404
    # Another year is another recap (its one ranked row, large here too): not made yet.
    settings.PDF_BESAR_MIN_BARIS = 1
    c = masuk(dunia.verifikator_x)
    assert halaman_siapkan(c.get(_url("peringkat_pdf", dunia, tahun=TAHUN - 1)))


def test_pkp_ranking_prints_the_ranking_as_csv(dunia, kecil):
    keluar = io.StringIO()
    call_command(
        "pkp_ranking", "--kabupaten", dunia.kab_x.kode, "--tahun", str(TAHUN), stdout=keluar
    )
    baris = list(csv.reader(io.StringIO(keluar.getvalue())))
    judul, isi = baris[0], baris[1:]
    i = {j: n for n, j in enumerate(judul)}
    assert [
        (r[i["Puskesmas"]], r[i["Kelompok"]], r[i["Peringkat dalam kelompok"]]) for r in isi
    ] == [
        ("Alfa", "I", "1"),
        ("Echo", "II", "1"),
        ("Beta", "II", "2"),
        ("Delta", "II", "3"),
        ("Foxtrot", "III", "1"),
        ("Golf", "Tanpa kelompok", "1"),
    ]
    assert [r[i["Kinerja manajemen"]] for r in isi] == ["10.0", "7.6", "7.0", "10.0", "4.0", "10.0"]
    assert isi[-1][i["Kinerja pelayanan (%)"]] == ""
    # The same rows as the Excel export.
    data = peringkat_kabupaten(kabupaten=dunia.kab_x, tahun=TAHUN)
    assert judul == [k.judul for k in ekspor.kolom(data)]


def test_pkp_ranking_refuses_an_unknown_kabupaten(db):
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("pkp_ranking", "--kabupaten", "0000", "--tahun", "2020")


# --- national view ------------------------------------------------------------------------


def test_the_national_view_counts_groups_per_kabupaten(dunia, kecil, masuk):
    r = masuk(dunia.nasional).get(reverse("pkp:peringkat_nasional") + f"?tahun={TAHUN}")
    assert r.status_code == 200
    per_kode = {k.kode: k for k in r.context["daftar"]}
    x, y = per_kode[dunia.kab_x.kode], per_kode[dunia.kab_y.kode]
    assert (x.jumlah_puskesmas, x.kelompok_1, x.kelompok_2, x.kelompok_3) == (7, 1, 3, 1)
    assert (x.tanpa_kelompok, x.jumlah_ditetapkan, x.jumlah_diajukan) == (1, 6, 1)
    assert x.belum_ditetapkan == 1
    assert (y.jumlah_puskesmas, y.kelompok_1, y.jumlah_ditetapkan) == (1, 1, 1)
    # Last year's set assessment of A is not counted in this year's figures.
    lalu = {k.kode: k for k in rekap_nasional(tahun=TAHUN - 1)}
    assert (lalu[dunia.kab_x.kode].kelompok_2, lalu[dunia.kab_x.kode].jumlah_ditetapkan) == (1, 1)


@pytest.mark.parametrize("nama", ["verifikator_x", "admin_x", "staf_a", "kapus_a"])
def test_the_national_view_is_for_the_admin_nasional_only(dunia, masuk, nama):
    r = masuk(getattr(dunia, nama)).get(reverse("pkp:peringkat_nasional"))
    assert r.status_code == 403


# --- scope ------------------------------------------------------------------------------


@pytest.mark.parametrize("nama", ["peringkat", "peringkat_xlsx", "peringkat_pdf"])
def test_scope_of_the_ranking(dunia, kecil, masuk, nama):
    url = _url(nama, dunia)
    assert masuk(dunia.verifikator_y).get(url).status_code == 404  # another kabupaten
    assert masuk(dunia.staf_b).get(url).status_code in {403, 404}  # staff
    assert masuk(dunia.kapus_a).get(url).status_code in {403, 404}
    for user in (dunia.verifikator_x, dunia.admin_x, dunia.nasional):
        assert masuk(user).get(url).status_code == 200


# --- bounded queries ----------------------------------------------------------------------


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200
    return len(q)


def _kabupaten_dengan(n_puskesmas: int, tambah_indikator: int, admin, verifikator):
    """A kabupaten of ``n_puskesmas`` set assessments; its instrument grows by one
    klaster/programme and one component of ``tambah_indikator`` rows each."""
    from pkp.models import IndikatorPelayanan
    from pkp.services.instrumen import instrumen_salin

    kab = admin.peran.first().kabupaten
    salinan = instrumen_salin(user=admin, kabupaten=kab, tahun=TAHUN)
    kel = KelompokPelayanan.objects.create(instrumen=salinan, nama="Program tambahan", urutan=99)
    kom = KomponenManajemen.objects.create(instrumen=salinan, kode="9.9", nama="Tambahan")
    for i in range(tambah_indikator):
        IndikatorPelayanan.objects.create(kelompok=kel, kode=f"T{i}", nama=f"Tambahan {i}")
        VariabelManajemen.objects.create(
            komponen=kom,
            kode=f"9.9.{i}",
            nama=f"V {i}",
            nilai_0="a",
            nilai_4="b",
            nilai_7="c",
            nilai_10="d",
        )
    kec = KecamatanFactory(kabupaten=kab)
    for i in range(n_puskesmas):
        p = PuskesmasFactory(nama=f"Q{i}", kecamatan=kec)
        tetapkan(p, TAHUN, verifikator, capaian=str(60 + 7 * i), skor=(4, 7, 10)[i % 3])
    PuskesmasFactory(kecamatan=kec)  # one without an assessment
    return kab


def test_the_ranking_page_runs_a_bounded_number_of_queries(db, standar, masuk):
    ukuran = {}
    for n, tambah in ((1, 1), (6, 8)):
        kab = KabupatenFactory()
        admin = pengguna(f"admin_{n}", Peran.ADMIN_DINKES, kabupaten=kab)
        verif = pengguna(f"verif_{n}", Peran.VERIFIKATOR_DINKES, kabupaten=kab)
        _kabupaten_dengan(n, tambah, admin, verif)
        client = masuk(verif)
        url = reverse("pkp:peringkat", args=[kab.pk]) + f"?tahun={TAHUN}"
        ukuran[n] = (
            _jumlah_query(client, url),
            _jumlah_query(client, url + "&urut=manajemen&arah=turun&kelompok=2"),
            _jumlah_query(client, reverse("pkp:peringkat_xlsx", args=[kab.pk]) + f"?tahun={TAHUN}"),
        )
    assert ukuran[1] == ukuran[6]


def test_the_national_view_runs_a_bounded_number_of_queries(dunia, masuk):
    client = masuk(dunia.nasional)
    url = reverse("pkp:peringkat_nasional") + f"?tahun={TAHUN}"
    sedikit = _jumlah_query(client, url)
    kabupaten_kecil(dunia)  # set assessments in X and Y
    for _ in range(5):
        kab = KabupatenFactory()
        PuskesmasFactory(kecamatan=KecamatanFactory(kabupaten=kab))
    assert _jumlah_query(client, url) == sedikit
    with CaptureQueriesContext(connection) as q:
        assert len(list(rekap_nasional(tahun=TAHUN))) == 7
    assert len(q) == 1  # one GROUP BY


# --- charts -------------------------------------------------------------------------------


def test_the_charts_colour_by_group_and_compare_with_last_year(dunia, kecil):
    from pkp.selectors.peringkat import grafik_kabupaten, grafik_puskesmas
    from puskesmas.alat.grafik import WARNA

    data = peringkat_kabupaten(kabupaten=dunia.kab_x, tahun=TAHUN)
    batang = grafik_kabupaten(data)
    for warna in ("baik", "cukup", "kurang"):
        assert f'fill="{WARNA[warna]}"' in batang
    assert "Baik 91,0" in batang and "Cukup 81,0" in batang  # the thresholds
    assert "Golf: tidak dapat dihitung" in batang  # no pelayanan value: never a bar at 0
    radar = grafik_puskesmas(data, data.ditetapkan[0])
    assert f"Tahun {TAHUN}" in radar and f"Tahun {TAHUN - 1}" in radar
    assert radar.count("(×10)") == 5  # the five management components, scaled
    assert radar.count("<polygon") == 4 + 2  # four grid rings, this year and last year
