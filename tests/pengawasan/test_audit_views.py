"""Internal audit pages: reachable from the P3 index, out of scope is 404, writing without
the capability 403, list pages in a number of queries that does not grow with the rows,
the report PDF, and the RTM pack section."""

import shutil
import subprocess
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pengawasan import paket_rtm
from pengawasan.models import Audit, TemuanAudit
from pengawasan.paket_audit import bagian_audit
from puskesmas.choices import Peran

from ..factories import pengguna
from .factories_audit import (
    AnggotaTimAuditFactory,
    AuditFactory,
    ButirTilikFactory,
    DaftarTilikFactory,
    HasilKriteriaFactory,
    JadwalAuditFactory,
    ProgramAuditFactory,
    TemuanAuditFactory,
    TimAuditFactory,
)

TAHUN = date.today().year


def pdftotext(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: install poppler-utils")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def mutu(dunia):
    return pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=dunia.a)


@pytest.fixture
def dunia_audit(dunia, mutu):
    tim = TimAuditFactory(puskesmas=dunia.a, tahun=TAHUN, status="disahkan")
    AnggotaTimAuditFactory(tim=tim, user=mutu, peran="ketua")
    program = ProgramAuditFactory(puskesmas=dunia.a, tahun=TAHUN, status="disahkan")
    daftar = DaftarTilikFactory(puskesmas=dunia.a)
    ButirTilikFactory(daftar=daftar)
    jadwal = JadwalAuditFactory(program=program, auditi=dunia.pj2_a, auditor=[mutu], bulan=1)
    audit = AuditFactory(jadwal=jadwal, tanggal=date.today(), dibuat_oleh=mutu, daftar_tilik=daftar)
    HasilKriteriaFactory(audit=audit, nomor=1, hasil="tidak_sesuai", catatan="2 RM tanpa lab")
    TemuanAuditFactory(audit=audit, nomor=1, kategori="mayor")
    return SimpleNamespace(tim=tim, program=program, daftar=daftar, jadwal=jadwal, audit=audit)


def _halaman(d, pk):
    return [
        reverse("pengawasan:audit_daftar", args=[pk]),
        reverse("pengawasan:audit_tim", args=[pk]),
        reverse("pengawasan:audit_program", args=[pk]),
        reverse("pengawasan:audit_tilik", args=[pk]),
    ]


def test_indeks_p3_menautkan_audit(masuk, dunia, dunia_audit):
    isi = masuk(dunia.ktu_a).get(reverse("pengawasan:index")).content.decode()
    for url in _halaman(dunia_audit, dunia.a.pk):
        assert url in isi


def test_halaman_terbuka(masuk, dunia, dunia_audit, mutu):
    c = masuk(mutu)
    d = dunia_audit
    for url in [
        *_halaman(d, dunia.a.pk),
        reverse("pengawasan:audit_detail", args=[d.audit.pk]),
        reverse("pengawasan:audit_tilik_detail", args=[d.daftar.pk]),
    ]:
        r = c.get(f"{url}?tahun={TAHUN}")
        assert r.status_code == 200, url
    isi = c.get(reverse("pengawasan:audit_detail", args=[d.audit.pk])).content.decode()
    assert "Tutup audit" in isi and "Ketidaksesuaian mayor" in isi


def test_di_luar_lingkup_404(masuk, dunia, dunia_audit):
    c = masuk(dunia.staf_b)
    d = dunia_audit
    for url in [
        *_halaman(d, dunia.a.pk),
        reverse("pengawasan:audit_detail", args=[d.audit.pk]),
        reverse("pengawasan:audit_laporan_pdf", args=[d.audit.pk]),
        reverse("pengawasan:audit_tilik_detail", args=[d.daftar.pk]),
        reverse("pengawasan:audit_tilik_ekspor", args=[d.daftar.pk]),
    ]:
        assert c.get(url).status_code == 404, url
    assert c.post(reverse("pengawasan:audit_tutup", args=[d.audit.pk])).status_code == 404
    assert c.post(reverse("pengawasan:audit_mulai", args=[d.jadwal.pk])).status_code == 404


def test_staf_tidak_boleh_menulis(masuk, dunia, dunia_audit):
    c = masuk(dunia.staf_a)
    d = dunia_audit
    assert c.post(reverse("pengawasan:audit_tutup", args=[d.audit.pk])).status_code == 403
    r = c.post(reverse("pengawasan:audit_program_buat", args=[dunia.a.pk]), {"tahun": TAHUN + 1})
    assert r.status_code == 403
    r = c.post(
        reverse("pengawasan:audit_tilik_detail", args=[d.daftar.pk]),
        {"kriteria": "x", "acuan": "sop"},
    )
    assert r.status_code == 403


def test_tutup_ditolak_lewat_halaman(masuk, dunia_audit, mutu):
    c = masuk(mutu)
    r = c.post(reverse("pengawasan:audit_tutup", args=[dunia_audit.audit.pk]), follow=True)
    assert "temuan nomor 1 belum memiliki RTL" in r.content.decode()
    assert Audit.objects.get(pk=dunia_audit.audit.pk).status == "berjalan"


def test_temuan_rtl_dan_bawa_lewat_halaman(masuk, dunia, dunia_audit, mutu):
    c = masuk(mutu)
    a = dunia_audit.audit
    temuan = a.temuan.get()
    r = c.post(
        reverse("pengawasan:audit_temuan_rtl", args=[a.pk]),
        {"temuan": temuan.pk, "jenis": "korektif", "rencana": "Lengkapi RM", "pj": dunia.pj2_a.pk,
         "batas": (date.today() + timedelta(days=7)).isoformat()},
        follow=True,
    )  # fmt: skip
    assert "RTL temuan 1 disepakati." in r.content.decode()
    r = c.post(
        reverse("pengawasan:audit_temuan_analisis", args=[a.pk]),
        {"temuan": temuan.pk, "analisis": "Belum ada alur hasil lab"},
        follow=True,
    )
    assert "Analisis temuan 1 tersimpan." in r.content.decode()
    assert TemuanAudit.objects.get(pk=temuan.pk).analisis == "Belum ada alur hasil lab"
    r = c.post(
        reverse("pengawasan:audit_temuan_bawa", args=[a.pk]),
        {"temuan": temuan.pk, "alasan": "Menunggu anggaran"},
        follow=True,
    )
    assert TemuanAudit.objects.get(pk=temuan.pk).dibawa
    r = c.post(reverse("pengawasan:audit_tutup", args=[a.pk]), follow=True)
    assert "Audit ditutup." in r.content.decode()


def _tambah_baris(dunia, d, mutu, n):
    for _ in range(n):
        jadwal = JadwalAuditFactory(program=d.program, auditi=dunia.pj2_a, auditor=[mutu])
        audit = AuditFactory(jadwal=jadwal, dibuat_oleh=mutu, daftar_tilik=d.daftar)
        TemuanAuditFactory(audit=audit)
        HasilKriteriaFactory(audit=audit)
        daftar = DaftarTilikFactory(puskesmas=dunia.a)
        ButirTilikFactory(daftar=daftar)


@pytest.mark.parametrize("nama", ["audit_daftar", "audit_program", "audit_tilik", "audit_tim"])
def test_kueri_daftar_tidak_bertambah(
    masuk, dunia, dunia_audit, mutu, nama, django_assert_max_num_queries
):
    c = masuk(mutu)
    url = f"{reverse(f'pengawasan:{nama}', args=[dunia.a.pk])}?tahun={TAHUN}"
    c.get(url)
    with CaptureQueriesContext(connection) as satu:
        assert c.get(url).status_code == 200
    _tambah_baris(dunia, dunia_audit, mutu, 4)
    with django_assert_max_num_queries(len(satu.captured_queries)):
        assert c.get(url).status_code == 200
    assert len(satu.captured_queries) <= 25


def test_detail_audit_kueri_tidak_bertambah(
    masuk, dunia, dunia_audit, mutu, django_assert_max_num_queries
):
    c = masuk(mutu)
    a = dunia_audit.audit
    url = reverse("pengawasan:audit_detail", args=[a.pk])
    c.get(url)
    with CaptureQueriesContext(connection) as satu:
        c.get(url)
    for i in range(2, 6):
        HasilKriteriaFactory(audit=a, nomor=i)
        TemuanAuditFactory(audit=a, nomor=i)
    with django_assert_max_num_queries(len(satu.captured_queries)):
        assert c.get(url).status_code == 200


def test_laporan_pdf(masuk, dunia, dunia_audit, mutu):
    r = masuk(mutu).get(reverse("pengawasan:audit_laporan_pdf", args=[dunia_audit.audit.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = " ".join(pdftotext(r.content).split())
    assert "LAPORAN AUDIT INTERNAL" in teks.upper()
    assert "Ruang KIA" in teks
    assert "Ketidaksesuaian mayor" in teks
    assert "2 RM tanpa lab" in teks
    assert "draf: audit belum ditutup" in teks
    assert "DRAF" in teks


def test_bagian_paket_rtm(dunia, dunia_audit, mutu):
    rtm = SimpleNamespace(puskesmas=dunia.a, tahun=TAHUN, tanggal=date.today())
    bagian = bagian_audit(rtm, dunia.kapus_a)
    assert bagian.judul == "Hasil audit internal"
    assert bagian.ringkasan == "1 dari 1 audit terjadwal dilaksanakan; 1 temuan, 1 belum tuntas."
    assert bagian.data.temuan["mayor"] == 1
    assert bagian_audit in paket_rtm._BAGIAN
    assert bagian_audit(rtm, dunia.staf_b) is None  # another Puskesmas's staff
    kosong = SimpleNamespace(puskesmas=dunia.b, tahun=TAHUN, tanggal=date.today())
    assert bagian_audit(kosong, dunia.staf_b).ringkasan == (
        f"Belum ada program audit internal tahun {TAHUN}."
    )
    from django.template.loader import render_to_string

    html = render_to_string(bagian.template, {"bagian": bagian})
    assert "Temuan belum tuntas" in html
