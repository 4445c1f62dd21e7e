"""The register forms through their pages: what a keeper types lands through the services;
errors come back on the form in Indonesian."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from pengawasan.models import (
    EvaluasiTimMutu,
    KegiatanMutu,
    RencanaProgramMutu,
    Risiko,
    SurveiKepuasan,
)
from pengawasan.services.register import PESAN_EVALUASI_TANPA_SK
from puskesmas.choices import Peran

from ..factories import pengguna
from .factories_register import (
    TAHUN,
    KegiatanMutuFactory,
    RencanaProgramMutuFactory,
    TimMutuFactory,
)


@pytest.fixture
def mutu_a(dunia):
    return pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=dunia.a)


def _url(nama, dunia):
    return reverse(f"pengawasan:{nama}", args=[dunia.a.pk]) + f"?tahun={TAHUN}"


def _survei(**kw):
    data = {
        "periode": "Semester I", "tanggal_mulai": f"{TAHUN}-05-01",
        "tanggal_selesai": f"{TAHUN}-05-31", "jumlah_responden": "150",
        "analisis": "Waktu tunggu terendah", "dipublikasikan": "on",
        "media_publikasi": "Papan informasi", "tanggal_publikasi": f"{TAHUN}-06-10",
        **{f"u{i}": "3,5" for i in range(1, 10)},
    }  # fmt: skip
    data.update(kw)
    return data


def test_survey_through_its_form(client, dunia, mutu_a):
    client.force_login(mutu_a)
    r = client.post(_url("survei_buat", dunia), _survei())
    s = SurveiKepuasan.objects.get(puskesmas=dunia.a)
    assert r.status_code == 302 and s.tahun == TAHUN and s.ikm == Decimal("87.50")
    r = client.get(reverse("pengawasan:survei_detail", args=[s.pk]))
    assert "87,50" in r.content.decode() and "Baik" in r.content.decode()
    r = client.post(reverse("pengawasan:survei_ubah", args=[s.pk]), {**_survei(), "versi": s.versi})
    assert r.status_code == 302


def test_survey_form_refuses_a_value_above_four(client, dunia, mutu_a):
    client.force_login(mutu_a)
    r = client.post(_url("survei_buat", dunia), _survei(u4="4,2"))
    assert r.status_code == 200 and not SurveiKepuasan.objects.exists()


def test_survey_form_refuses_dates_out_of_order(client, dunia, mutu_a):
    client.force_login(mutu_a)
    r = client.post(_url("survei_buat", dunia), _survei(tanggal_selesai=f"{TAHUN}-04-01"))
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in r.content.decode()


def test_risk_through_its_form(client, dunia, mutu_a):
    client.force_login(mutu_a)
    data = {
        "risiko": "Tertusuk jarum", "area": "ppi", "kemungkinan": "4", "dampak": "3",
        "pengendalian": "Safety box", "pemilik": dunia.staf_a.pk, "status": "terbuka",
        "tanggal_tinjau": f"{TAHUN}-07-01",
    }  # fmt: skip
    assert client.post(_url("risiko_buat", dunia), data).status_code == 302
    r = Risiko.objects.get(puskesmas=dunia.a)
    assert (r.skor, r.tingkat.label, r.dicatat_oleh, r.tahun) == (12, "Tinggi", mutu_a, TAHUN)
    page = client.get(_url("risiko", dunia)).content.decode()
    assert "Tertusuk jarum" in page and "Tinggi" in page
    data.update(kemungkinan="6", versi=r.versi)
    resp = client.post(reverse("pengawasan:risiko_ubah", args=[r.pk]), data)
    assert resp.status_code == 200  # 6 is outside the scale: the form says so


def test_evaluation_page_needs_a_signed_sk(client, dunia, mutu_a):
    client.force_login(mutu_a)
    data = {"tanggal": f"{TAHUN}-12-01", "hasil": "Dilaksanakan", "rekomendasi": ""}
    r = client.post(_url("tim_mutu_evaluasi", dunia), data)
    assert PESAN_EVALUASI_TANPA_SK.format(tahun=TAHUN) in r.content.decode()
    TimMutuFactory(puskesmas=dunia.a, status="disahkan")
    assert client.post(_url("tim_mutu_evaluasi", dunia), data).status_code == 302
    ev = EvaluasiTimMutu.objects.get(puskesmas=dunia.a, tahun=TAHUN)
    data.update(hasil="Diperbarui", versi=ev.versi)
    client.post(_url("tim_mutu_evaluasi", dunia), data)
    ev.refresh_from_db()
    assert ev.hasil == "Diperbarui" and ev.history.count() == 2


def test_plan_and_its_activities_through_the_pages(client, dunia, mutu_a):
    client.force_login(mutu_a)
    client.post(_url("program_mutu_ubah", dunia), {"kak": "Latar belakang ...", "evaluasi": ""})
    rencana = RencanaProgramMutu.objects.get(puskesmas=dunia.a, tahun=TAHUN)
    r = client.post(
        reverse("pengawasan:kegiatan_mutu_buat", args=[rencana.pk]),
        {"kegiatan": "Audit kepatuhan identifikasi pasien", "sumber_dana": "bok",
         "sumber_daya": "Tim mutu", "bulan": "4", "pj": dunia.staf_a.pk},
    )  # fmt: skip
    assert r.status_code == 302
    k = KegiatanMutu.objects.get(rencana=rencana)
    r = client.post(
        reverse("pengawasan:kegiatan_mutu_ubah", args=[k.pk]),
        {"kegiatan": "Audit identifikasi pasien", "sumber_dana": "jkn", "sumber_daya": "",
         "bulan": "5", "pj": "", "versi": k.versi},
    )  # fmt: skip
    k.refresh_from_db()
    assert (k.kegiatan, k.bulan, k.sumber_dana) == ("Audit identifikasi pasien", 5, "jkn")
    page = client.get(_url("program_mutu", dunia)).content.decode()
    assert "Audit identifikasi pasien" in page


def test_activity_of_another_puskesmas_is_404(client, dunia):
    k = KegiatanMutuFactory(rencana=RencanaProgramMutuFactory(puskesmas=dunia.b))
    client.force_login(dunia.ktu_a)
    r = client.post(
        reverse("pengawasan:kegiatan_mutu_realisasi", args=[k.pk]),
        {"versi": k.versi, "realisasi": "terlaksana", "tanggal": str(date(TAHUN, 1, 2))},
    )
    assert r.status_code == 404


def test_kak_attachment_uploaded_bounded_and_downloaded_in_scope(client, dunia, mutu_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pengawasan.forms.register import PESAN_KAK_JENIS

    client.force_login(mutu_a)
    salah = SimpleUploadedFile("kak.exe", b"MZ", content_type="application/octet-stream")
    r = client.post(_url("program_mutu_ubah", dunia), {"kak": "KAK", "berkas_kak": salah})
    assert PESAN_KAK_JENIS in r.content.decode()
    assert not RencanaProgramMutu.objects.exists()
    berkas = SimpleUploadedFile("KAK mutu.pdf", b"%PDF-1.4 uji", content_type="application/pdf")
    r = client.post(_url("program_mutu_ubah", dunia), {"kak": "KAK", "berkas_kak": berkas})
    rencana = RencanaProgramMutu.objects.get(puskesmas=dunia.a)
    assert r.status_code == 302 and rencana.nama_berkas_kak == "KAK mutu.pdf"
    url = reverse("pengawasan:lampiran_kak", args=[rencana.pk])
    r = client.get(url)
    assert b"".join(r.streaming_content) == b"%PDF-1.4 uji"
    client.force_login(dunia.staf_b)
    assert client.get(url).status_code == 404
