"""Pages of the verification: the kabupaten's list, the page of one assessment, its forms
and steps, and the bounded number of queries of both pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pkp.models import NilaiManajemen, NilaiPelayanan, PenilaianPKP, StatusVerifikasi
from pkp.services.penilaian import penilaian_buka, penilaian_langkah
from pkp.services.verifikasi import (
    PESAN_CATATAN_KOREKSI,
    PESAN_KONFLIK_PUTUSAN,
    nilai_verifikasi,
)
from puskesmas.alat.alur import StatusAlur
from tests.factories import PuskesmasFactory

from .conftest import TAHUN, isi_semua


@pytest.fixture
def diajukan(dunia, penilaian_a):
    isi_semua(penilaian_a, capaian="90", skor=7, mutu="95")
    return penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)


def _daftar(client, dunia):
    return client.get(reverse("pkp:verifikasi_daftar", args=[dunia.kab_x.pk]), {"tahun": TAHUN})


def test_the_list_shows_every_puskesmas_of_the_kabupaten_with_its_status(dunia, diajukan, masuk):
    baris = NilaiManajemen.objects.filter(penilaian=diajukan).first()
    nilai_verifikasi(baris=baris, user=dunia.verifikator_x, versi=baris.versi, status="setuju")
    r = _daftar(masuk(dunia.verifikator_x), dunia)
    assert r.status_code == 200
    daftar = {b.puskesmas.nama: b for b in r.context["daftar"]}
    assert set(daftar) == {"Alfa", "Beta"}  # not C, of kabupaten Y
    assert daftar["Alfa"].status_label == "Diajukan" and daftar["Alfa"].diajukan_pada
    assert daftar["Alfa"].terverifikasi == 1
    assert daftar["Alfa"].jumlah_butir == sum(
        m.objects.filter(penilaian=diajukan).count()
        for m in (NilaiPelayanan, NilaiManajemen, type(diajukan).baris_mutu.rel.related_model)
    )
    assert daftar["Beta"].status_label == "Belum dibuka" and daftar["Beta"].penilaian is None
    html = r.content.decode()
    assert reverse("pkp:verifikasi", args=[diajukan.pk]) in html


def test_scope_of_the_pages(dunia, diajukan, masuk):
    url = reverse("pkp:verifikasi", args=[diajukan.pk])
    assert masuk(dunia.verifikator_y).get(url).status_code == 404
    assert _daftar(masuk(dunia.verifikator_y), dunia).status_code == 404
    assert masuk(dunia.kapus_a).get(url).status_code == 403
    assert masuk(dunia.admin_x).get(url).status_code == 200
    baris = NilaiManajemen.objects.filter(penilaian=diajukan).first()
    post = reverse("pkp:verifikasi_manajemen", args=[baris.pk])
    data = {"versi": baris.versi, "status": "setuju"}
    assert masuk(dunia.verifikator_y).post(post, data).status_code == 404
    assert masuk(dunia.admin_x).post(post, data).status_code == 403
    assert masuk(dunia.kapus_a).post(post, data).status_code == 403
    baris.refresh_from_db()
    assert baris.status_verifikasi == StatusVerifikasi.BELUM


def test_the_verifier_corrects_with_a_note_and_the_page_shows_it_with_its_history(
    dunia, diajukan, masuk
):
    client = masuk(dunia.verifikator_x)
    baris = NilaiManajemen.objects.filter(penilaian=diajukan, variabel__kode="1.1.2").get()
    post = reverse("pkp:verifikasi_manajemen", args=[baris.pk])
    r = client.post(post, {"versi": baris.versi, "status": "dikoreksi", "nilai": "4"}, follow=True)
    assert PESAN_CATATAN_KOREKSI in [str(m) for m in r.context["messages"]]
    r = client.post(
        post,
        {"versi": baris.versi, "status": "dikoreksi", "nilai": "4", "catatan": "RUK belum sah"},
    )
    assert r.status_code == 302 and r["Location"].endswith(f"#manajemen-{baris.pk}")
    baris.refresh_from_db()
    assert (baris.status_verifikasi, baris.skor_akhir) == (StatusVerifikasi.DIKOREKSI, 4)
    # The same form again, opened before the save: refused as stale.
    r = client.post(post, {"versi": baris.versi - 1, "status": "setuju"}, follow=True)
    assert PESAN_KONFLIK_PUTUSAN in [str(m) for m in r.context["messages"]]
    r = client.get(reverse("pkp:verifikasi", args=[diajukan.pk]))
    html = r.content.decode()
    assert "RUK belum sah" in html and 'data-testid="riwayat-butir"' in html
    assert "Belum diverifikasi → Dikoreksi" in html
    pel = NilaiPelayanan.objects.filter(penilaian=diajukan).first()
    r = client.post(
        reverse("pkp:verifikasi_pelayanan", args=[pel.pk]),
        {"versi": pel.versi, "status": "dikoreksi", "nilai": "72,5", "catatan": "Register"},
    )
    pel.refresh_from_db()
    assert str(pel.capaian_akhir) == "72.50"


def test_agree_all_return_and_set_from_the_page(dunia, diajukan, masuk):
    client = masuk(dunia.verifikator_x)
    langkah = reverse("pkp:verifikasi_langkah", args=[diajukan.pk])
    r = client.post(langkah, {"langkah": "ajukan"})
    assert r.status_code == 403  # a verifier does not submit for the Puskesmas
    r = client.post(langkah, {"langkah": "tetapkan"}, follow=True)
    assert any("belum diverifikasi" in str(m) for m in r.context["messages"])
    rincian = client.get(reverse("pkp:verifikasi", args=[diajukan.pk])).context["rincian"]
    for bagian in rincian.semua_bagian:
        client.post(
            reverse("pkp:verifikasi_setujui_semua", args=[diajukan.pk]), {"bagian": bagian.kunci}
        )
    client.post(langkah, {"langkah": "tetapkan"})
    diajukan.refresh_from_db()
    assert diajukan.status == StatusAlur.DITETAPKAN
    html = client.get(reverse("pkp:verifikasi", args=[diajukan.pk])).content.decode()
    assert 'data-testid="terkunci"' in html
    assert 'data-testid="form-putusan"' not in html and 'data-testid="setujui-semua"' not in html
    assert 'data-testid="langkah-' not in html


def _butir_lagi(penilaian, puskesmas, user):
    """Another Puskesmas with a submitted assessment: the list grows by one row."""
    penilaian_lain, _ = penilaian_buka(puskesmas=puskesmas, tahun=TAHUN, user=user)
    isi_semua(penilaian_lain)
    return penilaian_langkah(penilaian=penilaian_lain, langkah="ajukan", user=user)


def test_the_list_runs_a_bounded_number_of_queries(dunia, diajukan, masuk):
    from puskesmas.choices import Peran
    from tests.factories import pengguna

    client = masuk(dunia.verifikator_x)
    _daftar(client, dunia)
    with CaptureQueriesContext(connection) as sedikit:
        _daftar(client, dunia)
    for i in range(3):
        p = PuskesmasFactory(nama=f"Tambahan {i}", kecamatan=dunia.a.kecamatan)
        kapus = pengguna(f"kapus_t{i}", Peran.KEPALA_PUSKESMAS, puskesmas=p)
        _butir_lagi(diajukan, p, kapus)
    assert PenilaianPKP.objects.count() == 4
    with CaptureQueriesContext(connection) as banyak:
        r = _daftar(client, dunia)
    assert len(r.context["daftar"]) == 5
    assert len(banyak) == len(sedikit), [q["sql"] for q in banyak.captured_queries]


def test_the_verification_page_runs_a_bounded_number_of_queries(dunia, diajukan, masuk):
    client = masuk(dunia.verifikator_x)
    url = reverse("pkp:verifikasi", args=[diajukan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as sebelum:
        client.get(url)
    # More history and more verdicts: the same number of queries.
    for baris in NilaiManajemen.objects.filter(penilaian=diajukan)[:10]:
        nilai_verifikasi(
            baris=baris,
            user=dunia.verifikator_x,
            versi=baris.versi,
            status="dikoreksi",
            nilai=4,
            catatan="Koreksi",
        )
    with CaptureQueriesContext(connection) as sesudah:
        client.get(url)
    assert len(sesudah) == len(sebelum) and len(sesudah) < 40


def test_the_list_is_linked_from_the_pkp_start_page_and_the_dinkes_home(dunia, masuk):
    url = reverse("pkp:verifikasi_daftar", args=[dunia.kab_x.pk])
    client = masuk(dunia.verifikator_x)
    assert url in client.get(reverse("pkp:index")).content.decode()
    assert url in client.get(reverse("beranda")).content.decode()
    assert url not in masuk(dunia.kapus_a).get(reverse("pkp:index")).content.decode()


def test_the_page_shows_the_evidence_the_suggestion_and_the_note(dunia, diajukan, masuk):
    from pkp.models import BuktiPKP

    baris = NilaiManajemen.objects.get(penilaian=diajukan, variabel__kode="1.1.1")
    NilaiManajemen.objects.filter(pk=baris.pk).update(
        skor_saran=10, alasan_saran="Renstra disahkan dengan analisis kebutuhan", catatan="Lihat SK"
    )
    BuktiPKP.objects.create(nilai=baris, tautan="/perencanaan/renstra/1/", keterangan="Renstra")
    BuktiPKP.objects.create(nilai=baris, tautan="//luar.example/x", keterangan="Tautan luar")
    html = masuk(dunia.verifikator_x).get(reverse("pkp:verifikasi", args=[diajukan.pk]))
    html = html.content.decode()
    assert "Renstra disahkan dengan analisis kebutuhan" in html and "Lihat SK" in html
    assert '<a href="/perencanaan/renstra/1/">Renstra</a>' in html
    assert "Tautan luar" in html and "luar.example" not in html
