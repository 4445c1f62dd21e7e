"""Root causes (fishbone), alternative solutions with their scores and the one chosen, the
RUK activities that carry it, the problem-analysis PDF, and the other inputs of the
analisis situasi (N-2 achievements, population per desa, survey results)."""

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.choices import JenisSurvei, KategoriPenyebab
from perencanaan.models import RUK, AlternatifPemecahan, HasilSurvei, PenyebabMasalah
from perencanaan.selectors.analisis import analisis_situasi, demografi_desa
from perencanaan.services.analisis import (
    PESAN_MASALAH_DIPAKAI,
    PESAN_PEMECAHAN_DIPAKAI,
    PESAN_PEMECAHAN_LAIN,
    hasil_survei_simpan,
    pemecahan_hapus,
    pemecahan_pilih,
    pemecahan_tambah,
    penyebab_hapus,
    penyebab_tambah,
)
from perencanaan.services.ruk import kegiatan_ruk_simpan
from puskesmas.alat.access import PESAN_DITOLAK, PESAN_KLASTER_LAIN
from puskesmas.alat.alur import DokumenTerkunci
from puskesmas.choices import KategoriSasaran
from puskesmas.models import Desa, SasaranDesa

from .factories_ruk import (
    CapaianFactory,
    IndikatorRUKFactory,
    KegiatanRUKFactory,
    MasalahFactory,
    RUKFactory,
    klaster,
)

N = 2026


def pdftotext(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: install poppler-utils (make test does)")
    hasil = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(hasil.stdout.decode().split())


@pytest.fixture
def klien(masuk):
    def _klien(user):
        c = masuk(user)
        c.post(reverse("pilih_tahun"), {"tahun": N})
        return c

    return _klien


def _alternatif(masalah, uraian="Pelatihan kader", m=4, i=4, v=4, c=3, user=None):
    return pemecahan_tambah(
        masalah=masalah,
        uraian=uraian,
        magnitude=m,
        importancy=i,
        vulnerability=v,
        cost=c,
        user=user,
    )


# --- services ---------------------------------------------------------------------------


def test_causes_and_solutions_are_saved_with_history(dunia):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    p = penyebab_tambah(
        masalah=m, kategori=KategoriPenyebab.DANA, uraian="  BOK terlambat  ", user=dunia.pj2_a
    )
    assert (p.kategori, p.uraian) == ("dana", "BOK terlambat")
    assert p.history.get().history_user == dunia.pj2_a
    a = _alternatif(m, user=dunia.ktu_a)
    assert a.dipilih is False  # never chosen by itself, even as the only one
    assert a.history.get().history_user == dunia.ktu_a


def test_exactly_one_solution_is_chosen_and_choosing_is_explicit(dunia):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    a = _alternatif(m, "Pelatihan kader", user=dunia.pj2_a)
    b = _alternatif(m, "Kunjungan rumah", 5, 5, 5, 1, user=dunia.pj2_a)
    assert not AlternatifPemecahan.objects.filter(masalah=m, dipilih=True).exists()
    pemecahan_pilih(pemecahan=a, user=dunia.pj2_a)
    assert list(AlternatifPemecahan.objects.filter(dipilih=True)) == [a]
    pemecahan_pilih(pemecahan=b, user=dunia.pj2_a)
    assert list(AlternatifPemecahan.objects.filter(dipilih=True)) == [b]
    pemecahan_pilih(pemecahan=b, user=dunia.pj2_a)  # again: still one
    assert list(AlternatifPemecahan.objects.filter(dipilih=True)) == [b]
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        AlternatifPemecahan.objects.filter(pk=a.pk).update(dipilih=True)


def test_pj_klaster_writes_only_their_own_klaster_and_others_only_read(dunia):
    m4 = MasalahFactory(puskesmas=dunia.a, tahun=N, klaster=klaster(4))
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_KLASTER_LAIN)}$"):
        penyebab_tambah(masalah=m4, kategori="metode", uraian="x", user=dunia.pj2_a)
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_KLASTER_LAIN)}$"):
        _alternatif(m4, user=dunia.pj2_a)
    for user in (dunia.staf_a, dunia.verifikator_x):
        with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_DITOLAK)}$"):
            penyebab_tambah(masalah=m4, kategori="metode", uraian="x", user=user)
    penyebab_tambah(masalah=m4, kategori="metode", uraian="SOP belum ada", user=dunia.kapus_a)
    a = _alternatif(m4, user=dunia.ktu_a)
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_KLASTER_LAIN)}$"):
        pemecahan_pilih(pemecahan=a, user=dunia.pj2_a)
    assert PenyebabMasalah.objects.count() == 1


def test_submitted_ruk_locks_causes_and_solutions_of_its_problems(dunia):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    p = penyebab_tambah(masalah=m, kategori="manusia", uraian="Kader kurang", user=dunia.ktu_a)
    a = _alternatif(m, user=dunia.ktu_a)
    pemecahan_pilih(pemecahan=a, user=dunia.ktu_a)
    ruk = RUKFactory(puskesmas=dunia.a, tahun=N + 1)
    # Linked through the solution only: the problem is part of the RUK all the same.
    KegiatanRUKFactory(ruk=ruk, pemecahan=a)
    RUK.objects.filter(pk=ruk.pk).update(status="diajukan")
    pesan = PESAN_MASALAH_DIPAKAI.format(tahun=N + 1, status="Diajukan")
    for panggil in (
        lambda: penyebab_tambah(masalah=m, kategori="dana", uraian="x", user=dunia.ktu_a),
        lambda: penyebab_hapus(penyebab=p, user=dunia.ktu_a),
        lambda: _alternatif(m, "Lain", user=dunia.ktu_a),
        lambda: pemecahan_pilih(pemecahan=a, user=dunia.ktu_a),
        lambda: pemecahan_hapus(pemecahan=a, user=dunia.ktu_a),
    ):
        with pytest.raises(DokumenTerkunci, match=f"^{re.escape(pesan)}$"):
            panggil()
    RUK.objects.filter(pk=ruk.pk).update(status="dikembalikan")
    penyebab_hapus(penyebab=p, user=dunia.ktu_a)
    assert not PenyebabMasalah.objects.exists()


def test_a_chosen_solution_carried_by_activities_is_not_switched_or_deleted(dunia):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    a = _alternatif(m, "Pelatihan kader", user=dunia.ktu_a)
    b = _alternatif(m, "Kunjungan rumah", user=dunia.ktu_a)
    pemecahan_pilih(pemecahan=a, user=dunia.ktu_a)
    KegiatanRUKFactory(ruk=RUKFactory(puskesmas=dunia.a, tahun=N + 1), upaya="Latih", pemecahan=a)
    pesan = PESAN_PEMECAHAN_DIPAKAI.format(uraian="Pelatihan kader", kegiatan="Latih")
    with pytest.raises(DokumenTerkunci, match=f"^{re.escape(pesan)}$"):
        pemecahan_pilih(pemecahan=b, user=dunia.ktu_a)
    with pytest.raises(DokumenTerkunci, match=f"^{re.escape(pesan)}$"):
        pemecahan_hapus(pemecahan=a, user=dunia.ktu_a)
    assert AlternatifPemecahan.objects.get(pk=a.pk).dipilih
    pemecahan_hapus(pemecahan=b, user=dunia.ktu_a)  # not carried: may go
    assert list(AlternatifPemecahan.objects.all()) == [a]


def _kegiatan(ruk, pemecahan):
    k = KegiatanRUKFactory.build(ruk=ruk, klaster=klaster(2), upaya="Latih kader")
    k.pemecahan = pemecahan
    return k


def test_an_activity_carries_only_a_chosen_solution_of_its_puskesmas_and_year(dunia):
    ruk = RUKFactory(puskesmas=dunia.a, tahun=N + 1)
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    a = _alternatif(m, user=dunia.ktu_a)
    pesan = PESAN_PEMECAHAN_LAIN.format(tahun=N)
    with pytest.raises(PermissionDenied, match=f"^{re.escape(pesan)}$"):  # not chosen yet
        kegiatan_ruk_simpan(kegiatan=_kegiatan(ruk, a), user=dunia.ktu_a)
    pemecahan_pilih(pemecahan=a, user=dunia.ktu_a)
    lain_tahun = _alternatif(MasalahFactory(puskesmas=dunia.a, tahun=N - 1), user=dunia.ktu_a)
    pemecahan_pilih(pemecahan=lain_tahun, user=dunia.ktu_a)
    lain_pkm = _alternatif(MasalahFactory(puskesmas=dunia.b, tahun=N), user=dunia.nasional)
    pemecahan_pilih(pemecahan=lain_pkm, user=dunia.nasional)
    for salah in (lain_tahun, lain_pkm):
        with pytest.raises(PermissionDenied, match=f"^{re.escape(pesan)}$"):
            kegiatan_ruk_simpan(kegiatan=_kegiatan(ruk, salah), user=dunia.ktu_a)
    k = kegiatan_ruk_simpan(kegiatan=_kegiatan(ruk, a), user=dunia.ktu_a)
    assert list(a.kegiatan_ruk.all()) == [k]


def test_the_ruk_form_offers_only_chosen_solutions_and_refuses_others(dunia, klien):
    ruk = RUKFactory(puskesmas=dunia.a, tahun=N + 1)
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    a = _alternatif(m, "Pelatihan kader", user=dunia.ktu_a)
    b = _alternatif(m, "Tidak dipilih", user=dunia.ktu_a)
    pemecahan_pilih(pemecahan=a, user=dunia.ktu_a)
    c = klien(dunia.ktu_a)
    url = reverse("perencanaan:ruk_kegiatan_tambah", args=[ruk.pk])
    html = c.get(url).content.decode()
    assert "Pelatihan kader" in html and "Tidak dipilih" not in html
    data = {
        "klaster": klaster(2).pk,
        "upaya": "Latih kader",
        "kebutuhan_anggaran": "1.000.000",
        "sumber_pembiayaan": "BOK",
    }
    r = c.post(url, {**data, "pemecahan": b.pk})
    assert "Pilih pemecahan terpilih dari masalah Puskesmas ini" in r.content.decode()
    r = c.post(url, {**data, "pemecahan": a.pk})
    assert r.status_code == 302
    assert a.kegiatan_ruk.get().upaya == "Latih kader"
    tabel = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert "Pemecahan: Pelatihan kader" in tabel


# --- pages ------------------------------------------------------------------------------


def test_problem_page_shows_fishbone_causes_scores_and_the_formula(dunia, klien):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N, uraian="K6 rendah")
    penyebab_tambah(masalah=m, kategori="lingkungan", uraian="Jarak <jauh>", user=dunia.ktu_a)
    a = _alternatif(m, "Kelas ibu hamil", 4, 4, 4, 3, user=dunia.ktu_a)
    _alternatif(m, "Kunjungan rumah", 2, 2, 2, 2, user=dunia.ktu_a)
    pemecahan_pilih(pemecahan=a, user=dunia.ktu_a)
    html = klien(dunia.staf_a).get(reverse("perencanaan:masalah_detail", args=[m.pk]))
    html = html.content.decode()
    fishbone = html[html.index('data-testid="fishbone"') :]
    fishbone = fishbone[: fishbone.index("</svg>")]
    assert "<svg" in fishbone and "Jarak &lt;jauh&gt;" in fishbone and "<jauh>" not in html
    assert "P = (M × I × V) ÷ C" in html
    baris = html[html.index(f'data-testid="pemecahan-{a.pk}"') :]
    baris = baris[: baris.index("</tr>")]
    assert "21,33" in baris and "Terpilih" in baris
    # Staff read only: no forms.
    assert reverse("perencanaan:penyebab_tambah", args=[m.pk]) not in html


def test_forms_explain_what_is_wrong_in_indonesian(dunia, klien):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    c = klien(dunia.pj2_a)
    r = c.post(
        reverse("perencanaan:penyebab_tambah", args=[m.pk]),
        {"penyebab-kategori": "", "penyebab-uraian": ""},
    )
    html = r.content.decode()
    assert "Pilih kategori penyebab." in html and "Tuliskan akar penyebabnya." in html
    r = c.post(
        reverse("perencanaan:pemecahan_tambah", args=[m.pk]),
        {
            "pemecahan-uraian": "Latih",
            "pemecahan-magnitude": "6",
            "pemecahan-importancy": "0",
            "pemecahan-vulnerability": "x",
            "pemecahan-cost": "",
        },
    )
    html = r.content.decode()
    assert "Tidak boleh lebih dari 5." in html and "Tidak boleh kurang dari 1." in html
    assert "Wajib diisi." in html
    assert not AlternatifPemecahan.objects.exists() and not PenyebabMasalah.objects.exists()
    r = c.post(
        reverse("perencanaan:pemecahan_tambah", args=[m.pk]),
        {
            "pemecahan-uraian": "Latih",
            "pemecahan-magnitude": "5",
            "pemecahan-importancy": "1",
            "pemecahan-vulnerability": "3",
            "pemecahan-cost": "2",
        },
    )
    assert r.status_code == 302
    a = AlternatifPemecahan.objects.get()
    assert (a.magnitude, a.importancy, a.vulnerability, a.cost) == (5, 1, 3, 2)
    r = c.post(reverse("perencanaan:pemecahan_pilih", args=[a.pk]), follow=True)
    assert "«Latih» dipilih sebagai pemecahan masalah." in r.content.decode()


def test_pj_of_another_klaster_gets_403_on_the_problem_forms(dunia, klien):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N, klaster=klaster(4))
    c = klien(dunia.pj2_a)
    r = c.post(
        reverse("perencanaan:penyebab_tambah", args=[m.pk]),
        {"penyebab-kategori": "dana", "penyebab-uraian": "x"},
    )
    assert r.status_code == 403
    assert c.get(reverse("perencanaan:masalah_detail", args=[m.pk])).status_code == 200


def test_locked_problem_page_says_why_and_offers_no_forms(dunia, klien):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    ruk = RUKFactory(puskesmas=dunia.a, tahun=N + 1, status="disahkan")
    KegiatanRUKFactory(ruk=ruk).masalah.add(m)
    html = klien(dunia.ktu_a).get(reverse("perencanaan:masalah_detail", args=[m.pk]))
    html = html.content.decode()
    assert PESAN_MASALAH_DIPAKAI.format(tahun=N + 1, status="Disahkan") in html
    assert reverse("perencanaan:penyebab_tambah", args=[m.pk]) not in html


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _isi(dunia, n_masalah, tahun_ruk):
    for _ in range(n_masalah):
        m = MasalahFactory(puskesmas=dunia.a, tahun=N)
        penyebab_tambah(masalah=m, kategori="dana", uraian="BOK", user=dunia.ktu_a)
        penyebab_tambah(masalah=m, kategori="metode", uraian="SOP", user=dunia.ktu_a)
        a = _alternatif(m, user=dunia.ktu_a)
        pemecahan_pilih(pemecahan=a, user=dunia.ktu_a)
        ruk = RUKFactory(puskesmas=dunia.a, tahun=tahun_ruk)
        KegiatanRUKFactory(ruk=ruk, pemecahan=a if tahun_ruk == N + 1 else None).masalah.add(m)
        tahun_ruk += 1
    return m


def test_analysis_pages_query_count_is_bounded_and_flat(
    dunia, klien, django_assert_max_num_queries
):
    c = klien(dunia.staf_a)
    m = _isi(dunia, 1, N + 1)
    desa = Desa.objects.create(puskesmas=dunia.a, kode="D1", nama="Desa 1")
    SasaranDesa.objects.create(desa=desa, tahun=N, kategori="penduduk", jumlah=1000)
    HasilSurvei.objects.create(
        puskesmas=dunia.a, tahun=N, jenis="ikm", nilai=80, tanggal=date(2025, 11, 1)
    )
    halaman = reverse("perencanaan:analisis", args=[dunia.a.pk])
    detail = reverse("perencanaan:masalah_detail", args=[m.pk])
    with django_assert_max_num_queries(20):
        sedikit = _jumlah_query(c, halaman)
    with django_assert_max_num_queries(15):
        sedikit_detail = _jumlah_query(c, detail)
    _isi(dunia, 8, N + 2)
    for n in range(8):
        penyebab_tambah(masalah=m, kategori="manusia", uraian=f"P{n}", user=dunia.ktu_a)
        _alternatif(m, f"A{n}", user=dunia.ktu_a)
        d = Desa.objects.create(puskesmas=dunia.a, kode=f"E{n}", nama=f"Desa E{n}")
        SasaranDesa.objects.create(desa=d, tahun=N, kategori="balita", jumlah=50)
        HasilSurvei.objects.create(
            puskesmas=dunia.a, tahun=N, jenis="smd", nilai=n, tanggal=date(2025, 11, 1)
        )
        i = IndikatorRUKFactory(kabupaten=dunia.kab_x, tahun=N - 2, kode=f"Z{n}")
        CapaianFactory(puskesmas=dunia.a, indikator=i)
    assert _jumlah_query(c, halaman) == sedikit
    assert _jumlah_query(c, detail) == sedikit_detail


def test_pdf_of_the_problem_analysis(dunia, klien):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N, uraian="Cakupan K6 rendah", urgency=5)
    MasalahFactory(puskesmas=dunia.a, tahun=N, uraian="Stunting tinggi")
    penyebab_tambah(masalah=m, kategori="mesin", uraian="USG rusak", user=dunia.ktu_a)
    a = _alternatif(m, "Kelas ibu hamil", 4, 4, 4, 3, user=dunia.ktu_a)
    _alternatif(m, "Kunjungan rumah", 1, 2, 3, 4, user=dunia.ktu_a)
    pemecahan_pilih(pemecahan=a, user=dunia.ktu_a)
    r = klien(dunia.staf_a).get(reverse("perencanaan:analisis_pdf", args=[dunia.a.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = pdftotext(r.content)
    for isi in (
        "ANALISIS MASALAH",
        "Cakupan K6 rendah",
        "Stunting tinggi",
        "Mesin/alat",
        "USG rusak",
        "P = (M × I × V) ÷ C",
        "21,33",
        "1,50",
        "Pemecahan terpilih: Kelas ibu hamil (skor 21,33)",
    ):
        assert isi in teks, isi
    # The USG table lists the higher score first.
    assert teks.index("Cakupan K6 rendah") < teks.index("Stunting tinggi")


# --- other inputs of the analisis situasi -----------------------------------------------


def test_achievements_of_n_minus_2_sit_beside_n_minus_1_by_kode(dunia, klien):
    kab = dunia.kab_x
    k6_lalu = IndikatorRUKFactory(kabupaten=kab, tahun=N - 1, kode="K6", nama="Cakupan K6")
    baru = IndikatorRUKFactory(kabupaten=kab, tahun=N - 1, kode="BARU")
    k6_n2 = IndikatorRUKFactory(kabupaten=kab, tahun=N - 2, kode="K6")
    k6_n3 = IndikatorRUKFactory(kabupaten=kab, tahun=N - 3, kode="K6")
    CapaianFactory(puskesmas=dunia.a, indikator=k6_lalu, target=90, capaian=85)
    CapaianFactory(puskesmas=dunia.a, indikator=k6_n2, target=88, capaian=70)
    CapaianFactory(puskesmas=dunia.a, indikator=k6_n3, target=1, capaian=1)
    CapaianFactory(puskesmas=dunia.b, indikator=k6_n2, target=50, capaian=99)  # other PKM
    baris = {
        b.indikator.kode: b for k in analisis_situasi(puskesmas=dunia.a, tahun=N) for b in k.baris
    }
    assert (baris["K6"].target_n2, baris["K6"].capaian_n2) == (Decimal(88), Decimal(70))
    assert baris["K6"].tercapai_n2 is False
    assert (baris["BARU"].target_n2, baris["BARU"].capaian_n2, baris["BARU"].tercapai_n2) == (
        None,
        None,
        None,
    )
    assert baru.pk
    html = klien(dunia.staf_a).get(reverse("perencanaan:analisis", args=[dunia.a.pk]))
    html = html.content.decode()
    row = html[html.index('data-testid="capaian-K6"') :]
    row = row[: row.index("</tr>")]
    assert ">88<" in row and ">70<" in row
    assert f"Capaian {N - 2} (%)" in html


def test_population_per_desa_from_the_latest_figures_up_to_n(dunia, klien):
    Desa.objects.filter(puskesmas=dunia.a).delete()  # the fixture's own desa
    d1 = Desa.objects.create(puskesmas=dunia.a, kode="01", nama="Alpha")
    d2 = Desa.objects.create(puskesmas=dunia.a, kode="02", nama="Beta")
    lain = Desa.objects.create(puskesmas=dunia.b, kode="03", nama="Gamma")
    for desa, tahun, kategori, jumlah in [
        (d1, N - 1, KategoriSasaran.PENDUDUK, 1200),
        (d2, N - 1, KategoriSasaran.PENDUDUK, 800),
        (d1, N - 1, KategoriSasaran.BALITA, 100),
        (d1, N - 2, KategoriSasaran.PENDUDUK, 1),
        (d1, N + 1, KategoriSasaran.PENDUDUK, 9999),  # a later year is not the situation
        (lain, N, KategoriSasaran.PENDUDUK, 5),
    ]:
        SasaranDesa.objects.create(desa=desa, tahun=tahun, kategori=kategori, jumlah=jumlah)
    demo = demografi_desa(puskesmas=dunia.a, tahun=N)
    assert demo.tahun == N - 1
    assert demo.kategori == [
        ("penduduk", "Jumlah penduduk"),
        ("balita", "Balita (0-59 bulan)"),
    ]
    assert [(d.nama, n) for d, n in demo.baris] == [("Alpha", [1200, 100]), ("Beta", [800, None])]
    assert demo.jumlah == [2000, 100]
    html = klien(dunia.staf_a).get(reverse("perencanaan:analisis", args=[dunia.a.pk]))
    tabel = html.content.decode()
    tabel = tabel[tabel.index('data-testid="tabel-demografi"') :]
    tabel = tabel[: tabel.index("</table>")]
    assert "Alpha" in tabel and "1.200" in tabel and "2.000" in tabel and "Gamma" not in tabel
    kosong = demografi_desa(puskesmas=dunia.b, tahun=N - 5)
    assert kosong.tahun is None and kosong.kategori == []


def test_survey_results_are_typed_by_management_and_read_by_all(dunia, klien):
    url = reverse("perencanaan:survei_tambah", args=[dunia.a.pk])
    assert klien(dunia.pj2_a).post(url, {}).status_code == 403
    c = klien(dunia.ktu_a)
    r = c.post(url, {"jenis": "", "nilai": "abc", "tanggal": "kemarin"})
    html = r.content.decode()
    assert "Pilih jenis survei." in html and "Isi tanggal yang sah" in html
    r = c.post(
        url,
        {
            "jenis": JenisSurvei.IKS,
            "nilai": "0,42",
            "tanggal": "2025-10-01",
            "sumber": "Aplikasi KS",
        },
    )
    assert r.status_code == 302
    s = HasilSurvei.objects.get()
    assert (s.puskesmas, s.tahun, s.nilai) == (dunia.a, N, Decimal("0.42"))
    assert s.history.get().history_user == dunia.ktu_a
    html = klien(dunia.staf_a).get(reverse("perencanaan:analisis", args=[dunia.a.pk]))
    daftar = html.content.decode()
    daftar = daftar[daftar.index('data-testid="daftar-survei"') :]
    assert "Indeks Keluarga Sehat" in daftar[: daftar.index("</ul>")]
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_DITOLAK)}$"):
        hasil_survei_simpan(
            survei=HasilSurvei(
                puskesmas=dunia.a, tahun=N, jenis="ikm", nilai=1, tanggal=date(2025, 1, 1)
            ),
            user=dunia.pj2_a,
        )
    r = klien(dunia.ktu_a).post(reverse("perencanaan:survei_hapus", args=[s.pk]))
    assert r.status_code == 302 and not HasilSurvei.objects.exists()
