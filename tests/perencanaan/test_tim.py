import datetime as dt
import shutil
import subprocess

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from perencanaan.forms.tim import PESAN_GANDA, PESAN_KETUA_ANGGOTA
from perencanaan.models import AnggotaTim, TimPerencanaan
from perencanaan.services.tim import (
    PESAN_KETUA,
    TimGagal,
    keterwakilan_kurang,
    tim_simpan,
)
from perencanaan.views.tim import kepala_puskesmas, konteks_sk_tim
from puskesmas.models import Pustu
from puskesmas.services.inti import PESAN_KONFLIK

from ..factories import PustuFactory
from .factories_katalog import AnggotaTimFactory, TimPerencanaanFactory, klaster

KLASTER = [(1, "Klaster 1 Manajemen"), (2, "Klaster 2 Ibu dan Anak"), (3, "Klaster 3"),
           (4, "Klaster 4"), (5, "Klaster 5 Lintas Klaster")]  # fmt: skip


def test_keterwakilan_kurang_lists_every_missing_klaster_and_pustu():
    assert keterwakilan_kurang(
        klaster=KLASTER,
        pustu=[(10, "Pustu Mawar"), (11, "Pustu Melati")],
        klaster_terwakili={2, 3, 4},
        pustu_terwakili={11},
    ) == [
        "Klaster 1 Manajemen belum terwakili di Tim Perencanaan.",
        "Klaster 5 Lintas Klaster belum terwakili di Tim Perencanaan.",
        "Pustu Mawar belum terwakili di Tim Perencanaan.",
    ]
    assert (
        keterwakilan_kurang(
            klaster=KLASTER,
            pustu=[(10, "P")],
            klaster_terwakili={1, 2, 3, 4, 5},
            pustu_terwakili={10},
        )
        == []
    )


def url(nama, dunia, tahun=2026):
    return reverse(f"perencanaan:{nama}", args=[dunia.a.pk]) + f"?tahun={tahun}"


def _data(dunia, ketua, anggota=(), tahun=2026, versi=""):
    data = {
        "tahun": str(tahun),
        "nomor_sk": "800/12/PKM/2026",
        "tanggal_sk": "2026-01-06",
        "ketua": str(ketua.pk),
        "versi": str(versi),
        "anggota-TOTAL_FORMS": str(len(anggota)),
        "anggota-INITIAL_FORMS": str(sum(1 for a in anggota if a.get("id"))),
        "anggota-MIN_NUM_FORMS": "0",
        "anggota-MAX_NUM_FORMS": "1000",
    }
    for i, a in enumerate(anggota):
        for k, v in a.items():
            data[f"anggota-{i}-{k}"] = v
    return data


def test_page_without_a_team_offers_to_form_one(masuk, dunia):
    html = masuk(dunia.ktu_a).get(url("tim", dunia)).content.decode()
    assert "Tim Perencanaan tahun 2026 belum dibentuk." in html and "Bentuk Tim Perencanaan" in html
    html = masuk(dunia.staf_a).get(url("tim", dunia)).content.decode()
    assert "belum dibentuk" in html and "Bentuk Tim Perencanaan" not in html
    assert masuk(dunia.staf_a).get(url("tim_ubah", dunia)).status_code == 403
    assert masuk(dunia.staf_b).get(url("tim", dunia)).status_code == 404


def test_chair_choices_are_the_kepala_tu_of_that_puskesmas_only(masuk, dunia):
    from puskesmas.choices import Peran

    from ..factories import pengguna

    ktu_b = pengguna("ktu_b", Peran.KEPALA_TU, puskesmas=dunia.b)
    r = masuk(dunia.kapus_a).get(url("tim_ubah", dunia))
    form = r.context["form"]
    assert list(form.fields["ketua"].queryset) == [dunia.ktu_a]
    for ketua in (dunia.kapus_a, ktu_b):
        r = masuk(dunia.kapus_a).post(url("tim_ubah", dunia), _data(dunia, ketua))
        assert r.status_code == 200
        assert PESAN_KETUA in r.content.decode()
    assert not TimPerencanaan.objects.exists()


def test_service_rechecks_the_chair(dunia):
    tim = TimPerencanaan(
        puskesmas=dunia.a, tahun=2026, nomor_sk="1", tanggal_sk=dt.date(2026, 1, 2),
        ketua=dunia.staf_a,
    )  # fmt: skip
    with pytest.raises(TimGagal) as exc:
        tim_simpan(user=dunia.kapus_a, tim=tim, versi=None)
    assert exc.value.message == PESAN_KETUA


def test_form_a_team_with_members_and_get_warnings(masuk, dunia):
    pustu_a = Pustu.objects.get(puskesmas=dunia.a)
    pustu_2 = PustuFactory(puskesmas=dunia.a, nama="Melati")
    anggota = [
        {"user": str(dunia.pj2_a.pk), "peran": "sekretaris", "klaster": str(klaster(2).pk),
         "pustu": ""},
        {"user": str(dunia.staf_a.pk), "peran": "anggota", "klaster": str(klaster(3).pk),
         "pustu": str(pustu_a.pk)},
        {"user": "", "peran": "anggota", "klaster": "", "pustu": ""},  # an empty row is ignored
    ]  # fmt: skip
    r = masuk(dunia.ktu_a).post(url("tim_ubah", dunia), _data(dunia, dunia.ktu_a, anggota))
    assert r.status_code == 302
    tim = TimPerencanaan.objects.get(puskesmas=dunia.a, tahun=2026)
    assert tim.ketua == dunia.ktu_a and tim.tanggal_sk == dt.date(2026, 1, 6)
    assert tim.anggota.count() == 2
    r = masuk(dunia.ktu_a).get(r["Location"])
    html = r.content.decode()
    assert 'data-testid="peringatan-tim"' in html
    for k in ("Klaster 1 Manajemen", "Klaster 4 Penanggulangan Penyakit Menular",
              "Klaster 5 Lintas Klaster", str(pustu_2)):  # fmt: skip
        assert f"{k} belum terwakili di Tim Perencanaan." in html
    assert "Klaster 2 Ibu dan Anak belum terwakili" not in html
    assert f"{pustu_a} belum terwakili" not in html
    assert "28 Februari" not in html and "6 Januari 2026" in html


def test_members_must_work_there_and_appear_once(masuk, dunia):
    anggota = [
        {"user": str(dunia.staf_b.pk), "peran": "anggota", "klaster": "", "pustu": ""},
        {"user": str(dunia.pj2_a.pk), "peran": "anggota", "klaster": "", "pustu": ""},
        {"user": str(dunia.pj2_a.pk), "peran": "anggota", "klaster": "", "pustu": ""},
        {"user": str(dunia.ktu_a.pk), "peran": "anggota", "klaster": "", "pustu": ""},
        {"user": str(dunia.staf_a.pk), "peran": "anggota", "klaster": "",
         "pustu": str(Pustu.objects.get(puskesmas=dunia.b).pk)},
    ]  # fmt: skip
    r = masuk(dunia.ktu_a).post(url("tim_ubah", dunia), _data(dunia, dunia.ktu_a, anggota))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Pilih pengguna yang memegang peran di Puskesmas ini." in html
    assert PESAN_GANDA.format(nama=dunia.pj2_a) in html
    assert PESAN_KETUA_ANGGOTA.format(nama=dunia.ktu_a) in html
    assert html.count("is-invalid") + html.count("text-danger small") >= 4
    assert not TimPerencanaan.objects.exists()


def test_edit_with_versions(masuk, dunia):
    tim = TimPerencanaanFactory(puskesmas=dunia.a, ketua=dunia.ktu_a)
    lama = AnggotaTimFactory(tim=tim, user=dunia.staf_a, klaster=klaster(1))
    anggota = [
        {"id": str(lama.pk), "user": str(dunia.staf_a.pk), "peran": "anggota",
         "klaster": str(klaster(1).pk), "pustu": "", "DELETE": "on"},
        {"user": str(dunia.pj2_a.pk), "peran": "anggota", "klaster": str(klaster(2).pk),
         "pustu": ""},
    ]  # fmt: skip
    c = masuk(dunia.kapus_a)
    r = c.post(url("tim_ubah", dunia), _data(dunia, dunia.ktu_a, anggota, versi=1))
    assert r.status_code == 302
    tim.refresh_from_db()
    assert tim.versi == 2
    assert list(tim.anggota.values_list("user", flat=True)) == [dunia.pj2_a.pk]
    r = c.post(url("tim_ubah", dunia), _data(dunia, dunia.ktu_a, [], versi=1))
    assert r.status_code == 200 and PESAN_KONFLIK in r.content.decode()
    assert 'data-testid="konflik"' in r.content.decode()
    assert r.context["form"]["versi"].value() == "2"
    baris = {b.nama: b for b in r.context["form"].konflik}
    assert baris["ketua"].tersimpan == str(dunia.ktu_a)


def _pdftotext(pdf: bytes) -> str:
    hasil = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return hasil.stdout.decode()


def test_sk_pdf(masuk, dunia):
    dunia.ktu_a.nama_lengkap, dunia.ktu_a.nip = "Siti Tata Usaha", "198505052010012002"
    dunia.ktu_a.save()
    tim = TimPerencanaanFactory(puskesmas=dunia.a, ketua=dunia.ktu_a, nomor_sk="800/7/2026")
    AnggotaTimFactory(tim=tim, user=dunia.pj2_a, klaster=klaster(2))
    r = masuk(dunia.staf_a).get(url("tim_sk_pdf", dunia))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    html = render_to_string(
        "perencanaan/dokumen/sk_tim.html",
        konteks_sk_tim(dunia.a, tim, nama="dr. Kepala Uji", nip="198001012005012001"),
    )
    for teks in ("Menimbang", "Mengingat", "MEMUTUSKAN", "800/7/2026", "Siti Tata Usaha",
                 str(dunia.pj2_a), "5 JANUARI 2026", "DRAF"):  # fmt: skip
        assert teks in html, teks
    # Not yet signed: a draft names no signer.
    assert "dr. Kepala Uji" not in html and "198001012005012001" not in html
    if shutil.which("pdftotext"):
        teks = " ".join(_pdftotext(r.content).split())
        assert "DRAF · belum disahkan" in teks and "198001012005012001" not in teks
        assert "Siti Tata Usaha" in teks and "Halaman 1 dari" in teks


def test_sk_pdf_without_team_redirects_with_a_message(masuk, dunia):
    r = masuk(dunia.staf_a).get(url("tim_sk_pdf", dunia, tahun=2031), follow=True)
    assert "Tim Perencanaan tahun 2031 belum dibentuk." in r.content.decode()


def test_signature_falls_back_to_the_kepala_user(dunia):
    dunia.a.kepala_nama, dunia.a.kepala_nip = "", ""
    dunia.kapus_a.nip = "197001012000011001"
    dunia.kapus_a.save()
    assert kepala_puskesmas(dunia.a) == (dunia.kapus_a.get_full_name(), "197001012000011001")


def test_team_page_query_count_does_not_grow(masuk, dunia, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..factories import UserFactory, beri_peran

    tim = TimPerencanaanFactory(puskesmas=dunia.a, ketua=dunia.ktu_a)
    AnggotaTimFactory(tim=tim, user=dunia.staf_a, klaster=klaster(1))
    c = masuk(dunia.kapus_a)
    with CaptureQueriesContext(connection) as awal:
        assert c.get(url("tim", dunia)).status_code == 200
    for n in range(15):
        from puskesmas.choices import Peran

        user = beri_peran(UserFactory(), Peran.STAF, puskesmas=dunia.a)
        AnggotaTimFactory(tim=tim, user=user, klaster=klaster(n % 5 + 1))
    with django_assert_max_num_queries(len(awal.captured_queries)):
        r = c.get(url("tim", dunia))
    assert r.content.decode().count("<tr>") >= 17
    assert AnggotaTim.objects.filter(tim=tim).count() == 16
