"""Supervisi pages: tenancy (staff of B and a verifier of Y get 404), the recorder's pages,
bounded queries on the lists, the report PDF, and the ways in."""

import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from pengawasan import aturan_supervisi as aturan
from pengawasan.models import KunjunganSupervisi, TemuanSupervisi
from puskesmas.models import RTL

from .factories_supervisi import KunjunganSupervisiFactory, TemuanSupervisiFactory

TAHUN = 2025


def pdf_teks(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: install poppler-utils")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _daftar(p, **q):
    url = reverse("pengawasan:supervisi_daftar", args=[p.pk])
    return url + "?" + "&".join(f"{k}={v}" for k, v in {"tahun": TAHUN, **q}.items())


def test_list_is_seen_inside_the_scope_only(dunia, client):
    k = KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, lokasi="SDN 1 Alfa")
    for user in (dunia.staf_a, dunia.verifikator_x, dunia.nasional):
        client.force_login(user)
        r = client.get(_daftar(dunia.a))
        assert r.status_code == 200
        assert "SDN 1 Alfa" in r.content.decode()
    for user in (dunia.staf_b, dunia.verifikator_y):
        client.force_login(user)
        assert client.get(_daftar(dunia.a)).status_code == 404
        for nama in ("supervisi_detail", "supervisi_pdf", "supervisi_ubah"):
            assert client.get(reverse(f"pengawasan:{nama}", args=[k.pk])).status_code == 404


def test_list_filters_by_year_kind_and_status(dunia, client):
    KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, lokasi="Lokasi dinkes", pelaksana="dinkes"
    )
    KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, lokasi="Lokasi mutu", pelaksana="tim_mutu"
    )
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN - 1, lokasi="Lokasi lama")
    client.force_login(dunia.kapus_a)
    isi = client.get(_daftar(dunia.a)).content.decode()
    assert "Lokasi dinkes" in isi and "Lokasi mutu" in isi and "Lokasi lama" not in isi
    isi = client.get(_daftar(dunia.a, jenis="eksternal")).content.decode()
    assert "Lokasi dinkes" in isi and "Lokasi mutu" not in isi
    isi = client.get(_daftar(dunia.a, status="direncanakan")).content.decode()
    assert "Lokasi dinkes" not in isi and "Lokasi mutu" not in isi
    isi = client.get(_daftar(dunia.a, tahun=TAHUN - 1)).content.decode()
    assert "Lokasi lama" in isi


def test_a_planned_visit_past_its_month_is_marked_late(dunia, client):
    lewat = KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=2020, bulan=1, terjadwal=True, status="direncanakan", tanggal=None
    )
    nanti = KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=2099, bulan=12, terjadwal=True, status="direncanakan", tanggal=None
    )
    client.force_login(dunia.staf_a)
    assert (
        f'data-testid="terlambat-{lewat.pk}"'
        in client.get(_daftar(dunia.a, tahun=2020)).content.decode()
    )
    assert "terlambat-" not in client.get(_daftar(dunia.a, tahun=2099)).content.decode()
    detail = reverse("pengawasan:supervisi_detail", args=[lewat.pk])
    assert 'data-testid="terlambat"' in client.get(detail).content.decode()
    detail = reverse("pengawasan:supervisi_detail", args=[nanti.pk])
    assert 'data-testid="terlambat"' not in client.get(detail).content.decode()


@pytest.mark.parametrize("nama", ["daftar", "rencana", "kabupaten"])
def test_lists_take_a_bounded_number_of_queries(dunia, client, django_assert_max_num_queries, nama):
    def buat(n):
        for i in range(n):
            k = KunjunganSupervisiFactory(
                puskesmas=dunia.a, tahun=TAHUN, terjadwal=bool(i % 2), bulan=1 + i % 12
            )
            TemuanSupervisiFactory(kunjungan=k)

    url = (
        reverse("pengawasan:supervisi_kabupaten", args=[dunia.kab_x.pk])
        if nama == "kabupaten"
        else reverse(f"pengawasan:supervisi_{nama}", args=[dunia.a.pk])
    ) + f"?tahun={TAHUN}"
    client.force_login(dunia.verifikator_x if nama == "kabupaten" else dunia.kapus_a)
    buat(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(url).status_code == 200
    buat(12)
    # Flat in rows: as many queries for 14 visits as for 2.
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        r = client.get(url)
    assert r.status_code == 200
    assert len(sedikit.captured_queries) <= 25


def test_plan_page_adds_a_planned_visit(dunia, client):
    url = reverse("pengawasan:supervisi_rencana", args=[dunia.a.pk]) + f"?tahun={TAHUN}"
    data = {
        "bulan": 7, "pelaksana": "pj_klaster", "nama_pelaksana": "PJ Klaster 2",
        "tempat": "sekolah", "lokasi": "SDN 2", "aspek": ["kin_evaluasi", "adm_sdm"],
    }  # fmt: skip
    client.force_login(dunia.staf_a)
    assert client.post(url, data).status_code == 403
    client.force_login(dunia.verifikator_x)
    assert client.post(url, data).status_code == 403
    client.force_login(dunia.pj2_a)
    r = client.post(url, data)
    assert r.status_code == 302
    k = KunjunganSupervisi.objects.get()
    assert (k.tahun, k.bulan, k.terjadwal, k.status, k.dicatat_oleh) == (
        TAHUN, 7, True, "direncanakan", dunia.pj2_a,
    )  # fmt: skip
    isi = client.get(url).content.decode()
    assert f'data-testid="rencana-{k.pk}"' in isi and "SDN 2" in isi
    # No aspect: the form says so and nothing is added.
    r = client.post(url, {**data, "aspek": []})
    assert r.status_code == 200 and KunjunganSupervisi.objects.count() == 1


def test_the_dinkes_records_its_visit_and_its_finding_raises_an_rtl(dunia, client):
    url = reverse("pengawasan:supervisi_dinkes_catat", args=[dunia.a.pk])
    data = {
        "tanggal": "2025-03-04", "nama_pelaksana": "Seksi Yankes", "tempat": "puskesmas",
        "aspek": ["adm_pelayanan"], "hasil": "Antrian panjang",
    }  # fmt: skip
    client.force_login(dunia.verifikator_y)
    assert client.post(url, data).status_code == 404
    client.force_login(dunia.kapus_a)
    assert client.post(url, data).status_code == 403
    client.force_login(dunia.verifikator_x)
    r = client.post(url, data)
    k = KunjunganSupervisi.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse(
        "pengawasan:supervisi_detail", args=[k.pk]
    )
    assert k.pelaksana == "dinkes" and k.tahun == 2025
    # Its findings and RTL go through the Dinkes's pages, not the Puskesmas's.
    temuan = {"aspek": "adm_pelayanan", "uraian": "Antrian lebih dari 2 jam"}
    puskesmas_url = reverse("pengawasan:supervisi_temuan", args=[k.pk])
    assert client.post(puskesmas_url, temuan).status_code == 404
    r = client.post(reverse("pengawasan:supervisi_dinkes_temuan", args=[k.pk]), temuan)
    assert r.status_code == 302
    t = TemuanSupervisi.objects.get()
    # A finding of another visit is not reached through this one.
    lain = TemuanSupervisiFactory(kunjungan__puskesmas=dunia.a, kunjungan__pelaksana="dinkes")
    r = client.post(
        reverse("pengawasan:supervisi_dinkes_temuan", args=[k.pk]),
        {"temuan": lain.pk, "hapus": "1"},
    )
    assert r.status_code == 404 and TemuanSupervisi.objects.filter(pk=lain.pk).exists()
    client.force_login(dunia.kapus_a)
    assert (
        client.post(reverse("pengawasan:supervisi_dinkes_temuan", args=[k.pk]), temuan).status_code
        == 403
    )
    client.force_login(dunia.verifikator_x)
    detail = client.get(reverse("pengawasan:supervisi_detail", args=[k.pk])).content.decode()
    assert reverse("pengawasan:supervisi_dinkes_temuan_rtl", args=[k.pk]) in detail
    assert reverse("pengawasan:supervisi_dinkes_ubah", args=[k.pk]) in detail
    p = f"rtl{t.pk}-"
    r = client.post(
        reverse("pengawasan:supervisi_dinkes_temuan_rtl", args=[k.pk]),
        {
            "temuan": t.pk, p + "masalah": t.uraian, p + "rencana": "Tambah loket",
            p + "jenis": "korektif", p + "pj": dunia.kapus_a.pk, p + "batas": "2025-06-30",
        },
    )  # fmt: skip
    assert r.status_code == 302
    rtl = RTL.objects.get()
    assert rtl.sumber == t and rtl.puskesmas == dunia.a and rtl.pj == dunia.kapus_a
    detail = client.get(reverse("pengawasan:supervisi_detail", args=[k.pk])).content.decode()
    assert f'data-testid="rtl-temuan-{t.pk}"' in detail


def test_the_puskesmas_realises_a_planned_visit_and_records_findings(dunia, client):
    k = KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, terjadwal=True, status="direncanakan", tanggal=None
    )
    client.force_login(dunia.kapus_a)
    detail = reverse("pengawasan:supervisi_detail", args=[k.pk])
    isi = client.get(detail).content.decode()
    assert 'data-testid="form-temuan"' not in isi  # not done yet
    assert client.get(reverse("pengawasan:supervisi_dinkes_ubah", args=[k.pk])).status_code == 404
    url = reverse("pengawasan:supervisi_ubah", args=[k.pk])
    assert client.get(url).status_code == 200
    data = {
        "versi": 1, "status": "dilaksanakan", "tanggal": "2025-03-12", "bulan": 3,
        "pelaksana": "kepala_puskesmas", "nama_pelaksana": "dr. Sari", "tempat": "puskesmas",
        "aspek": ["adm_pelayanan"], "hasil": "Cukup",
    }  # fmt: skip
    r = client.post(url, {**data, "status": "dibatalkan"})
    assert r.status_code == 200 and aturan.PESAN_ALASAN_BATAL in r.content.decode()
    assert client.post(url, data).status_code == 302
    k.refresh_from_db()
    assert (k.status, k.tanggal, k.versi) == ("dilaksanakan", date(2025, 3, 12), 2)
    r = client.post(url, {**data, "hasil": "Baik sekali"})  # the same form again: stale
    assert r.status_code == 200 and 'data-testid="konflik"' in r.content.decode()
    assert r.context["form"].data["versi"] == "2"  # re-armed: a second save goes through
    assert client.post(url, r.context["form"].data).status_code == 302
    k.refresh_from_db()
    assert (k.hasil, k.versi) == ("Baik sekali", 3)
    r = client.post(
        reverse("pengawasan:supervisi_temuan", args=[k.pk]),
        {"aspek": "adm_keuangan", "uraian": "SPJ terlambat", "rekomendasi": "Jadwal SPJ"},
    )
    assert r.status_code == 302
    isi = client.get(detail).content.decode()
    assert "SPJ terlambat" in isi and 'data-testid="buat-rtl-' in isi
    t = TemuanSupervisi.objects.get()
    assert f'data-testid="ubah-temuan-{t.pk}"' in isi
    r = client.post(
        reverse("pengawasan:supervisi_temuan", args=[k.pk]),
        {"temuan": t.pk, "aspek": "adm_keuangan", "uraian": "SPJ terlambat 2 bulan"},
    )
    t.refresh_from_db()
    assert r.status_code == 302 and t.uraian == "SPJ terlambat 2 bulan"
    r = client.post(
        reverse("pengawasan:supervisi_temuan", args=[k.pk]), {"temuan": t.pk, "hapus": "1"}
    )
    assert r.status_code == 302 and not TemuanSupervisi.objects.exists()
    TemuanSupervisiFactory(kunjungan=k, uraian="SPJ terlambat")
    client.force_login(dunia.staf_a)
    isi = client.get(detail).content.decode()
    assert "SPJ terlambat" in isi and 'data-testid="buat-rtl-' not in isi
    assert 'data-testid="tautan-ubah"' not in isi


def test_the_report_pdf_holds_the_visit_its_findings_and_their_rtl(dunia, client):
    k = KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, pelaksana="tim_mutu", nama_pelaksana="Tim Mutu Alfa",
        tempat="posyandu", lokasi="Posyandu Mawar", aspek=["adm_alat", "kin_teknis"],
    )  # fmt: skip
    t = TemuanSupervisiFactory(kunjungan=k, aspek="adm_alat", uraian="Dacin tidak ditera")
    TemuanSupervisiFactory(kunjungan=k, aspek="kin_teknis", uraian="KMS tidak diisi")
    from ..lokmin.factories import RTLFactory

    RTLFactory(
        puskesmas=dunia.a, sumber_objek=t, rencana="Tera ulang dacin", pj_instansi="UPT Metrologi"
    )
    client.force_login(dunia.verifikator_x)
    r = client.get(reverse("pengawasan:supervisi_pdf", args=[k.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = " ".join(pdf_teks(r.content).split())
    for bagian in (
        "LAPORAN HASIL SUPERVISI", "Tim Mutu Alfa", "Posyandu Mawar", "Peralatan",
        "Pelayanan teknis", "Dacin tidak ditera", "Tera ulang", "Metrologi",
        "KMS tidak diisi", "Belum ada RTL", "Kepala Puskesmas",
    ):  # fmt: skip
        assert bagian in teks, (bagian, teks)


def test_the_dinkes_report_is_signed_by_its_supervisor(dunia, client):
    dunia.verifikator_x.nama_lengkap = "Budi Santoso"
    dunia.verifikator_x.save()
    k = KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, pelaksana="dinkes", dicatat_oleh=dunia.verifikator_x
    )
    client.force_login(dunia.staf_a)
    teks = " ".join(
        pdf_teks(client.get(reverse("pengawasan:supervisi_pdf", args=[k.pk])).content).split()
    )
    assert "Dinas Kesehatan" in teks and dunia.verifikator_x.get_full_name() in teks


def test_kabupaten_page_for_its_dinkes_only(dunia, client):
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, pelaksana="dinkes")
    url = reverse("pengawasan:supervisi_kabupaten", args=[dunia.kab_x.pk]) + f"?tahun={TAHUN}"
    client.force_login(dunia.verifikator_x)
    isi = client.get(url).content.decode()
    assert f'data-testid="kab-{dunia.a.pk}"' in isi and f'data-testid="kab-{dunia.b.pk}"' in isi
    assert reverse("pengawasan:supervisi_dinkes_catat", args=[dunia.a.pk]) in isi
    client.force_login(dunia.admin_x)  # reads the recap, records no visit
    isi = client.get(url).content.decode()
    assert reverse("pengawasan:supervisi_dinkes_catat", args=[dunia.a.pk]) not in isi
    client.force_login(dunia.verifikator_y)
    assert client.get(url).status_code == 404


def test_supervisi_is_reachable(dunia, client):
    client.force_login(dunia.kapus_a)
    isi = client.get(reverse("pengawasan:index")).content.decode()
    assert reverse("pengawasan:supervisi_daftar", args=[dunia.a.pk]) in isi
    assert reverse("pengawasan:supervisi_rencana", args=[dunia.a.pk]) in isi
    isi = client.get(reverse("puskesmas_detail", args=[dunia.a.pk])).content.decode()
    assert reverse("pengawasan:supervisi_daftar", args=[dunia.a.pk]) in isi
    client.force_login(dunia.verifikator_x)
    kab = reverse("pengawasan:supervisi_kabupaten", args=[dunia.kab_x.pk])
    assert kab in client.get(reverse("pengawasan:index")).content.decode()
    assert kab in client.get(reverse("beranda")).content.decode()
    isi = client.get(_daftar(dunia.a)).content.decode()
    assert reverse("pengawasan:supervisi_dinkes_catat", args=[dunia.a.pk]) in isi
    assert reverse("pengawasan:supervisi_catat", args=[dunia.a.pk]) not in isi
