from decimal import Decimal

import pytest
from django.urls import reverse

from perencanaan.forms.renstra import PESAN_BUKAN_KATALOG
from perencanaan.models import RencanaLimaTahunan, TargetRenstra
from perencanaan.services.renstra import (
    PESAN_PERIODE_BENTROK,
    PESAN_TANPA_TARGET,
    periode_bentrok,
)
from puskesmas.alat.alur import PESAN_CATATAN, PESAN_TERKUNCI, PESAN_URUTAN
from puskesmas.services.inti import PESAN_KONFLIK

from .factories_katalog import IndikatorFactory, RencanaLimaTahunanFactory, TargetRenstraFactory


@pytest.mark.parametrize(
    "mulai, ada, hasil",
    [(2025, [], None), (2030, [2025], None), (2029, [2025], 2025), (2021, [2025], 2025),
     (2020, [2025], None), (2027, [2015, 2025], 2025)],
)  # fmt: skip
def test_periode_bentrok(mulai, ada, hasil):
    assert periode_bentrok(mulai, ada) == hasil


def url(nama, dunia, *args):
    return reverse(f"perencanaan:{nama}", args=[dunia.a.pk, *args])


def test_create_and_one_per_period(masuk, dunia):
    c = masuk(dunia.kapus_a)
    data = {"tahun_mulai": "2025", "visi": "Sehat", "misi": "Satu\nDua", "tata_nilai": "",
            "analisis_kebutuhan": "Kebutuhan"}  # fmt: skip
    r = c.post(url("renstra_tambah", dunia), data)
    renstra = RencanaLimaTahunan.objects.get(puskesmas=dunia.a)
    assert r.status_code == 302 and r["Location"] == url("renstra_ubah", dunia, renstra.pk)
    assert renstra.status == "draft" and renstra.history.first().history_user == dunia.kapus_a

    r = c.post(url("renstra_tambah", dunia), {**data, "tahun_mulai": "2027", "visi": "Diketik"})
    assert r.status_code == 200
    html = r.content.decode()
    pesan = PESAN_PERIODE_BENTROK.format(mulai=2027, selesai=2031, lain_mulai=2025,
                                         lain_selesai=2029)  # fmt: skip
    assert pesan in html and "Diketik" in html
    assert RencanaLimaTahunan.objects.count() == 1
    # another Puskesmas may have the same period
    r = masuk(dunia.staf_b).get(url("renstra_list", dunia))
    assert r.status_code == 404


def test_staff_may_read_but_not_create(masuk, dunia):
    c = masuk(dunia.staf_a)
    assert c.get(url("renstra_list", dunia)).status_code == 200
    assert c.get(url("renstra_tambah", dunia)).status_code == 403


def _data_ubah(renstra, baris, hapus=()):
    data = {
        "visi": "Visi baru",
        "misi": "Misi 1\nMisi 2",
        "tata_nilai": "Ramah",
        "analisis_kebutuhan": "",
        "versi": str(renstra.versi),
        "target-TOTAL_FORMS": str(len(baris)),
        "target-INITIAL_FORMS": str(sum(1 for b in baris if b.get("id"))),
        "target-MIN_NUM_FORMS": "0",
        "target-MAX_NUM_FORMS": "1000",
    }
    for i, b in enumerate(baris):
        for k, v in b.items():
            data[f"target-{i}-{k}"] = v
    return data


def test_edit_with_catalogue_and_free_text_rows(masuk, dunia):
    renstra = RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=2025)
    ind = IndikatorFactory(kabupaten=dunia.kab_x, tahun=2025, nama="Dari katalog", satuan="orang")
    lain = IndikatorFactory(kabupaten=dunia.kab_y, tahun=2025)
    c = masuk(dunia.ktu_a)
    r = c.get(url("renstra_ubah", dunia, renstra.pk))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Dari katalog" in html and lain.nama not in html and ">2029<" in html
    target = {
        f"target_{n}": v
        for n, v in zip(range(1, 6), ["80", "82,5", "85", "1.000", "95"], strict=True)
    }
    baris = [
        {"indikator": str(ind.pk), "nama": "", "satuan": "", **target},
        {"indikator": "", "nama": "Indikator sendiri", "satuan": "%", **target},
    ]
    r = c.post(url("renstra_ubah", dunia, renstra.pk), _data_ubah(renstra, baris))
    assert r.status_code == 302, r.content.decode()
    renstra.refresh_from_db()
    assert renstra.visi == "Visi baru" and renstra.versi == 2
    rows = list(TargetRenstra.objects.filter(renstra=renstra).order_by("pk"))
    assert [(t.nama, t.satuan, t.indikator_id) for t in rows] == [
        ("Dari katalog", "orang", ind.pk),
        ("Indikator sendiri", "%", None),
    ]
    assert rows[0].target_2 == Decimal("82.5") and rows[0].target_4 == Decimal(1000)

    # a stale version is refused and the typed rows stay on the form
    data = _data_ubah(renstra, [{"indikator": "", "nama": "Baris baru diketik", **target}])
    data["versi"] = "1"
    data["target-INITIAL_FORMS"] = "0"
    r = c.post(url("renstra_ubah", dunia, renstra.pk), data)
    assert r.status_code == 200
    assert PESAN_KONFLIK in r.content.decode() and "Baris baru diketik" in r.content.decode()
    assert 'data-testid="konflik"' in r.content.decode()
    assert r.context["form"]["versi"].value() == "2"
    assert TargetRenstra.objects.filter(renstra=renstra).count() == 2


def test_rows_need_a_name_or_a_catalogue_indicator_and_numbers(masuk, dunia):
    renstra = RencanaLimaTahunanFactory(puskesmas=dunia.a)
    lain = IndikatorFactory(kabupaten=dunia.kab_y, tahun=2025)
    baris = [
        {"indikator": "", "nama": "", "target_1": "1", "target_2": "x", "target_3": "1",
         "target_4": "1", "target_5": "1"},
        {"indikator": str(lain.pk), "nama": "", "target_1": "1", "target_2": "1",
         "target_3": "1", "target_4": "1", "target_5": "1"},
    ]  # fmt: skip
    r = masuk(dunia.kapus_a).post(
        url("renstra_ubah", dunia, renstra.pk), _data_ubah(renstra, baris)
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Pilih indikator dari katalog atau tulis nama indikatornya." in html
    assert "Isi dengan angka" in html
    assert PESAN_BUKAN_KATALOG in html
    assert not TargetRenstra.objects.exists()


def test_workflow_history_and_locking(masuk, dunia):
    renstra = RencanaLimaTahunanFactory(puskesmas=dunia.a)
    langkah = url("renstra_langkah", dunia, renstra.pk)
    detail = url("renstra_detail", dunia, renstra.pk)

    # nothing to submit yet
    r = masuk(dunia.ktu_a).post(langkah, {"langkah": "ajukan"}, follow=True)
    assert PESAN_TANPA_TARGET in r.content.decode()
    TargetRenstraFactory(renstra=renstra)

    # approving a draft is out of order
    r = masuk(dunia.kapus_a).post(langkah, {"langkah": "sahkan"}, follow=True)
    pesan = PESAN_URUTAN.format(dokumen="Rencana lima tahunan", status="Draf", langkah="disahkan")
    assert pesan in r.content.decode()

    # PJ klaster may not submit (nor draft: see the test below)
    assert masuk(dunia.pj2_a).post(langkah, {"langkah": "ajukan"}).status_code == 403

    masuk(dunia.ktu_a).post(langkah, {"langkah": "ajukan"})
    renstra.refresh_from_db()
    assert renstra.status == "diajukan"
    # submitted: locked for editing
    r = masuk(dunia.ktu_a).get(url("renstra_ubah", dunia, renstra.pk), follow=True)
    assert "terkunci" in r.content.decode()

    # Kepala TU cannot approve; returning needs a reason
    assert masuk(dunia.ktu_a).post(langkah, {"langkah": "sahkan"}).status_code == 403
    r = masuk(dunia.kapus_a).post(langkah, {"langkah": "kembalikan", "catatan": " "}, follow=True)
    assert PESAN_CATATAN in r.content.decode()
    masuk(dunia.kapus_a).post(langkah, {"langkah": "kembalikan", "catatan": "Lengkapi misi"})
    renstra.refresh_from_db()
    assert renstra.status == "dikembalikan" and renstra.bisa_diubah

    masuk(dunia.ktu_a).post(langkah, {"langkah": "ajukan"})
    masuk(dunia.kapus_a).post(langkah, {"langkah": "sahkan"})
    renstra.refresh_from_db()
    assert renstra.status == "disahkan"
    assert [j.langkah for j in renstra.jejak()] == ["sahkan", "ajukan", "kembalikan", "ajukan"]

    html = masuk(dunia.kapus_a).get(detail).content.decode()
    assert "Lengkapi misi" in html and 'data-langkah="' not in html and "terkunci" in html

    # approved: editing refused with the lock message, nothing changes
    data = _data_ubah(renstra, [])
    r = masuk(dunia.kapus_a).post(url("renstra_ubah", dunia, renstra.pk), data, follow=True)
    assert PESAN_TERKUNCI.format(dokumen="Rencana lima tahunan", status="Disahkan") in (
        r.content.decode()
    )
    renstra.refresh_from_db()
    assert renstra.visi != "Visi baru"


def test_detail_shows_buttons_by_role(masuk, dunia):
    renstra = RencanaLimaTahunanFactory(puskesmas=dunia.a)
    TargetRenstraFactory(renstra=renstra, nama="Cakupan K6")
    detail = url("renstra_detail", dunia, renstra.pk)
    html = masuk(dunia.ktu_a).get(detail).content.decode()
    assert 'data-langkah="ajukan"' in html and "Cakupan K6" in html
    html = masuk(dunia.staf_a).get(detail).content.decode()
    assert 'data-langkah="' not in html
    html = masuk(dunia.verifikator_x).get(detail).content.decode()
    assert "Cakupan K6" in html


def test_list_query_count_does_not_grow(masuk, dunia, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=2020)
    c = masuk(dunia.kapus_a)
    with CaptureQueriesContext(connection) as awal:
        assert c.get(url("renstra_list", dunia)).status_code == 200
    for tahun in range(2025, 2061, 5):
        TargetRenstraFactory(
            renstra=RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=tahun)
        )
    with django_assert_max_num_queries(len(awal.captured_queries)):
        r = c.get(url("renstra_list", dunia))
    assert "2055–2059" in r.content.decode()
    with django_assert_max_num_queries(12):
        c.get(url("renstra_list", dunia))


def test_pj_klaster_may_neither_create_nor_rewrite_the_renstra(masuk, dunia):
    """The Kepala TU drafts the Renstra and the Kepala Puskesmas approves it; a PJ klaster
    plans only the rows of their klaster (security review, finding 5)."""
    from django.core.exceptions import PermissionDenied

    from perencanaan.services.renstra import renstra_buat, renstra_simpan

    renstra = RencanaLimaTahunanFactory(puskesmas=dunia.a, tahun_mulai=2025, visi="Asli")
    c = masuk(dunia.pj2_a)
    assert c.get(url("renstra_list", dunia)).status_code == 200
    assert c.get(url("renstra_tambah", dunia)).status_code == 403
    data = {"tahun_mulai": "2030", "visi": "Visi PJ", "misi": "Misi"}
    assert c.post(url("renstra_tambah", dunia), data).status_code == 403
    assert c.get(url("renstra_ubah", dunia, renstra.pk)).status_code == 403
    assert (
        c.post(url("renstra_ubah", dunia, renstra.pk), _data_ubah(renstra, [])).status_code == 403
    )
    assert url("renstra_tambah", dunia) not in c.get(url("renstra_list", dunia)).content.decode()
    with pytest.raises(PermissionDenied):
        renstra_buat(user=dunia.pj2_a, puskesmas=dunia.a, tahun_mulai=2030, visi="v", misi="m")
    renstra.visi = "Ditimpa"
    with pytest.raises(PermissionDenied):
        renstra_simpan(user=dunia.pj2_a, renstra=renstra, versi=renstra.versi)
    renstra.refresh_from_db()
    assert renstra.visi == "Asli" and RencanaLimaTahunan.objects.count() == 1
