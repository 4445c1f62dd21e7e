"""The Lokmin bulanan's notulen pulls in the PWS of the month before: per indicator the
chart and each desa's coverage and status, on the page and in the PDF, in a fixed number
of queries."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lokmin import tarikan

from .factories import LokminFactory
from .factories_pws import desa_dengan_sasaran, indikator_pws, nilai_pws
from .test_lokmin import pdftotext

TAHUN = 2026


def _pws(dunia):
    """K1 (target 90) in two desa; February: cumulative target 15 %. Sukamaju 10 + 12 of
    120 = 18.3 %, up on January: baik. Sukaduka 10 + 2 of 120 = 10 %, down: jelek."""
    ind = indikator_pws(dunia.kab_x, kode="KIA-1", nama="Kunjungan K1", target=Decimal(90))
    maju = desa_dengan_sasaran(dunia.a, 120, nama="Sukamaju", tahun=TAHUN)
    duka = desa_dengan_sasaran(dunia.a, 120, nama="Sukaduka", tahun=TAHUN)
    for desa, nilai in ((maju, (10, 12)), (duka, (10, 2))):
        for bulan, n in enumerate(nilai, 1):
            nilai_pws(puskesmas=dunia.a, desa=desa, indikator=ind, bulan=bulan, nilai=n)
    return ind


def _bagian_pws(lokmin, user):
    return next((b for b in tarikan.semua(lokmin, user) if b.kode == "pws"), None)


def test_the_bulanan_pulls_in_last_months_pws_with_statuses_and_chart(dunia, client):
    _pws(dunia)
    lokmin = LokminFactory(puskesmas=dunia.a, tahun=TAHUN, bulan=3, tanggal=date(TAHUN, 3, 5))
    client.force_login(dunia.staf_a)
    r = client.get(reverse("lokmin:detail", args=[lokmin.pk]))
    assert r.status_code == 200
    bagian = next(b for b in r.context["bagian"] if b.kode == "pws")
    assert bagian.judul == "PWS bulan Februari 2026: cakupan dan status per desa"
    (tabel,) = bagian.data.tabel
    status = {b.desa.nama: b.hasil.label_status for b in tabel.baris}
    assert status["Sukamaju"] == "Baik" and status["Sukaduka"] == "Jelek"
    html = r.content.decode()
    assert 'data-testid="bagian-pws"' in html
    assert html.count('data-testid="tarikan-pws-grafik"><svg') == 1
    assert "18,3%" in html and "10,0%" in html

    teks = pdftotext(client.get(reverse("lokmin:notulen_pdf", args=[lokmin.pk])).content)
    assert "PWS bulan Februari 2026" in teks
    assert "Sukamaju" in teks and "Baik" in teks and "Jelek" in teks and "18,3%" in teks


def test_january_reads_december_and_the_tribulanan_has_no_pws_section(dunia):
    _pws(dunia)
    januari = LokminFactory(puskesmas=dunia.a, tahun=TAHUN + 1, bulan=1)
    b = _bagian_pws(januari, dunia.staf_a)
    assert b.judul == f"PWS bulan Desember {TAHUN}: cakupan dan status per desa"
    tri = LokminFactory(puskesmas=dunia.a, tahun=TAHUN, bulan=5, jenis="tribulanan")
    assert _bagian_pws(tri, dunia.staf_a) is None


def test_no_pws_indicator_says_so(dunia):
    lokmin = LokminFactory(puskesmas=dunia.a, tahun=TAHUN, bulan=3)
    b = _bagian_pws(lokmin, dunia.staf_a)
    assert b.data.tabel == []
    assert b.keterangan.startswith("Belum ada indikator PWS")


def test_the_detail_page_queries_do_not_grow_with_desa_and_indicators(dunia, client):
    ind = _pws(dunia)
    lokmin = LokminFactory(puskesmas=dunia.a, tahun=TAHUN, bulan=3)
    client.force_login(dunia.ktu_a)
    url = reverse("lokmin:detail", args=[lokmin.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    for i in range(3):
        lain = indikator_pws(dunia.kab_x, kode=f"KIA-{i + 5}", nama=f"Indikator {i}")
        desa = desa_dengan_sasaran(dunia.a, 50, nama=f"Desa {i}", tahun=TAHUN)
        for x in (ind, lain):
            nilai_pws(puskesmas=dunia.a, desa=desa, indikator=x, bulan=2, nilai=5)
    with CaptureQueriesContext(connection) as banyak:
        r = client.get(url)
    assert len(next(b for b in r.context["bagian"] if b.kode == "pws").data.tabel) == 4
    assert len(banyak) == len(sedikit)
