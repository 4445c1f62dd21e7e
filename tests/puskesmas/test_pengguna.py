"""User management in the app: scope of the list, forms and services, and its rules."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.choices import Peran
from puskesmas.forms.pengguna import (
    PESAN_EMAIL_DITOLAK,
    PESAN_KABUPATEN_DI_LUAR,
    PESAN_PERAN_TIDAK_TERSEDIA,
    PESAN_PUSKESMAS_DI_LUAR,
    PESAN_USERNAME_DITOLAK,
)
from puskesmas.models import PenugasanPeran, User
from puskesmas.referensi import pastikan_klaster
from puskesmas.services import pengguna as svc
from puskesmas.services.pengguna import sidik_identitas

from ..factories import PuskesmasFactory, UserFactory, beri_peran, pengguna

NIP = "198501012010011001"


def _baru(**lain):
    data = {
        "username": "dewi",
        "nama_lengkap": "Dewi Lestari",
        "nip": NIP,
        "jabatan": "Bidan",
        "email": "dewi@contoh.go.id",
        "peran": Peran.STAF,
        "cara_sandi": "atur",
        "kata_sandi1": "Puskesmas-Sehat-2027",
        "kata_sandi2": "Puskesmas-Sehat-2027",
    }
    data.update(lain)
    return data


def _html(r) -> str:
    return r.content.decode()


# --- who sees the pages ----------------------------------------------------------------


def test_kepala_puskesmas_lists_only_the_people_of_their_puskesmas(masuk, dunia):
    html = _html(masuk(dunia.kapus_a).get(reverse("pengguna:daftar")))
    for u in (dunia.staf_a, dunia.kapus_a, dunia.ktu_a, dunia.pj2_a):
        assert f">{u.username}<" in html
    for u in (dunia.staf_b, dunia.verifikator_x, dunia.admin_x, dunia.verifikator_y):
        assert f">{u.username}<" not in html


def test_admin_dinkes_lists_every_puskesmas_and_the_dinkes_of_their_kabupaten(masuk, dunia):
    html = _html(masuk(dunia.admin_x).get(reverse("pengguna:daftar")))
    for u in (dunia.staf_a, dunia.kapus_a, dunia.staf_b, dunia.verifikator_x, dunia.admin_x):
        assert f">{u.username}<" in html
    assert f">{dunia.verifikator_y.username}<" not in html
    assert f">{dunia.nasional.username}<" not in html


def test_the_list_shows_name_nip_jabatan_roles_and_status(masuk, dunia):
    dunia.staf_a.nip, dunia.staf_a.jabatan, dunia.staf_a.is_active = NIP, "Perawat", False
    dunia.staf_a.save()
    html = _html(masuk(dunia.kapus_a).get(reverse("pengguna:daftar")))
    baris = re.search(r"<tr>\s*<td><a[^>]*>[^<]*</a></td>\s*<td>staf_a</td>.*?</tr>", html, re.S)
    assert baris is not None
    teks = baris.group(0)
    assert NIP in teks and "Perawat" in teks and "Staf Puskesmas" in teks and "Nonaktif" in teks


@pytest.mark.parametrize("nama", ["staf_a", "ktu_a", "pj2_a", "verifikator_x"])
def test_people_who_manage_nobody_get_403_and_no_menu(masuk, dunia, nama):
    client = masuk(getattr(dunia, nama))
    assert client.get(reverse("pengguna:daftar")).status_code == 403
    assert client.get(reverse("pengguna:tambah")).status_code == 403
    assert 'data-menu="pengguna"' not in _html(client.get(reverse("beranda")))


@pytest.mark.parametrize("nama", ["kapus_a", "admin_x", "nasional"])
def test_managers_have_the_menu_entry(masuk, dunia, nama):
    html = _html(masuk(getattr(dunia, nama)).get(reverse("beranda")))
    assert 'data-menu="pengguna"' in html


def test_a_user_outside_the_scope_is_404_for_every_page(masuk, dunia):
    client = masuk(dunia.kapus_a)
    for nama in ("detail", "ubah", "peran_tambah"):
        assert client.get(reverse(f"pengguna:{nama}", args=[dunia.staf_b.pk])).status_code == 404
    for nama in ("status", "peran_cabut", "kirim_tautan", "peran_tambah", "ubah"):
        r = client.post(reverse(f"pengguna:{nama}", args=[dunia.staf_b.pk]), {"aktif": "0"})
        assert r.status_code == 404, nama
    dunia.staf_b.refresh_from_db()
    assert dunia.staf_b.is_active
    client = masuk(dunia.admin_x)
    assert client.get(reverse("pengguna:detail", args=[dunia.verifikator_y.pk])).status_code == 404


def test_list_queries_are_bounded_and_do_not_grow_with_rows(masuk, dunia):
    client = masuk(dunia.admin_x)
    client.get(reverse("pengguna:daftar"))
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(reverse("pengguna:daftar")).status_code == 200
    for i in range(15):
        p = PuskesmasFactory(kecamatan=dunia.a.kecamatan)
        beri_peran(UserFactory(username=f"tambahan{i}"), Peran.STAF, puskesmas=p)
        beri_peran(UserFactory(username=f"tambahan{i}"), Peran.TIM_MUTU, puskesmas=dunia.a)
    with CaptureQueriesContext(connection) as banyak:
        html = _html(client.get(reverse("pengguna:daftar")))
    assert "tambahan14" in html
    assert len(banyak) == len(sedikit) <= 14


# --- choices offered ---------------------------------------------------------------------


def test_kepala_puskesmas_is_offered_only_puskesmas_roles_at_their_puskesmas(masuk, dunia):
    form = masuk(dunia.kapus_a).get(reverse("pengguna:tambah")).context["form"]
    assert {v for v, _ in form.fields["peran"].choices if v} == {
        Peran.STAF,
        Peran.PJ_KLASTER,
        Peran.TIM_MUTU,
        Peran.KEPALA_TU,
        Peran.KEPALA_PUSKESMAS,
    }
    assert list(form.fields["puskesmas"].queryset) == [dunia.a]
    assert "kabupaten" not in form.fields
    assert form.initial["puskesmas"] == dunia.a.pk


def test_admin_dinkes_is_offered_puskesmas_and_dinkes_roles_of_their_kabupaten(masuk, dunia):
    form = masuk(dunia.admin_x).get(reverse("pengguna:tambah")).context["form"]
    peran = {v for v, _ in form.fields["peran"].choices if v}
    assert {Peran.VERIFIKATOR_DINKES, Peran.ADMIN_DINKES, Peran.STAF} <= peran
    assert Peran.ADMIN_NASIONAL not in peran
    assert set(form.fields["puskesmas"].queryset) == {dunia.a, dunia.b}
    assert list(form.fields["kabupaten"].queryset) == [dunia.kab_x]


# --- create ------------------------------------------------------------------------------


def test_kepala_creates_an_account_with_a_password_and_it_signs_in(masuk, dunia, client):
    r = masuk(dunia.kapus_a).post(
        reverse("pengguna:tambah"), _baru(puskesmas=dunia.a.pk, nip="19850101 201001 1 001")
    )
    baru = User.objects.get(username="dewi")
    assert r.status_code == 302 and r["Location"] == reverse("pengguna:detail", args=[baru.pk])
    assert baru.nip == NIP and baru.jabatan == "Bidan" and baru.is_active
    assert [(p.peran, p.puskesmas) for p in baru.peran.all()] == [(Peran.STAF, dunia.a)]
    assert baru.history.first().history_user == dunia.kapus_a
    assert PenugasanPeran.history.filter(user_id=baru.pk).first().history_user == dunia.kapus_a
    assert mail.outbox == []
    client.logout()
    r = client.post(reverse("login"), {"username": "dewi", "password": "Puskesmas-Sehat-2027"})
    assert r.status_code == 302 and r["Location"] == reverse("beranda")


def test_an_account_can_be_created_with_a_link_to_set_its_password(masuk, dunia):
    r = masuk(dunia.admin_x).post(
        reverse("pengguna:tambah"),
        _baru(cara_sandi="tautan", kata_sandi1="", kata_sandi2="", puskesmas=dunia.b.pk),
    )
    assert r.status_code == 302
    baru = User.objects.get(username="dewi")
    assert not baru.has_usable_password()
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == ["dewi@contoh.go.id"]
    assert pesan.subject == svc.SUBJEK_EMAIL_AKUN_BARU
    assert "telah membuatkan akun SIMPUS Manajemen untuk Anda" in pesan.body
    assert "/akun/kata-sandi/atur/" in pesan.body


def test_bad_input_is_explained_and_what_was_typed_is_kept(masuk, dunia):
    r = masuk(dunia.kapus_a).post(
        reverse("pengguna:tambah"),
        _baru(username="staf_a", nip="12345", email=dunia.kapus_a.email, puskesmas=dunia.a.pk),
    )
    assert r.status_code == 200
    form = r.context["form"]
    assert form.errors["username"] == [PESAN_USERNAME_DITOLAK]
    assert form.errors["nip"] == ["NIP terdiri dari 18 angka tanpa spasi."]
    assert form.errors["email"] == [PESAN_EMAIL_DITOLAK]
    assert 'value="Dewi Lestari"' in _html(r) and 'value="Bidan"' in _html(r)
    assert not User.objects.filter(nama_lengkap="Dewi Lestari").exists()


def test_password_rules_and_link_need_their_fields(masuk, dunia):
    client = masuk(dunia.kapus_a)
    r = client.post(
        reverse("pengguna:tambah"),
        _baru(puskesmas=dunia.a.pk, kata_sandi1="12345678", kata_sandi2="12345678"),
    )
    assert r.context["form"].errors["kata_sandi1"]
    r = client.post(reverse("pengguna:tambah"), _baru(puskesmas=dunia.a.pk, kata_sandi2="lain"))
    assert r.context["form"].errors["kata_sandi2"] == ["Kedua kata sandi tidak sama."]
    r = client.post(
        reverse("pengguna:tambah"), _baru(puskesmas=dunia.a.pk, cara_sandi="tautan", email="")
    )
    assert r.context["form"].errors["email"] == [
        "Isi e-mail agar tautan pembuatan kata sandi dapat dikirim."
    ]
    assert not User.objects.filter(username="dewi").exists()


def test_a_forged_puskesmas_outside_the_scope_is_a_form_error(masuk, dunia):
    r = masuk(dunia.kapus_a).post(reverse("pengguna:tambah"), _baru(puskesmas=dunia.b.pk))
    assert r.status_code == 200
    assert r.context["form"].errors["puskesmas"] == [PESAN_PUSKESMAS_DI_LUAR]
    r = masuk(dunia.admin_x).post(reverse("pengguna:tambah"), _baru(puskesmas=dunia.c.pk))
    assert r.context["form"].errors["puskesmas"] == [PESAN_PUSKESMAS_DI_LUAR]
    r = masuk(dunia.admin_x).post(
        reverse("pengguna:tambah"),
        _baru(peran=Peran.VERIFIKATOR_DINKES, kabupaten=dunia.kab_y.pk),
    )
    assert r.context["form"].errors["kabupaten"] == [PESAN_KABUPATEN_DI_LUAR]
    r = masuk(dunia.kapus_a).post(
        reverse("pengguna:tambah"),
        _baru(peran=Peran.VERIFIKATOR_DINKES, kabupaten=dunia.kab_x.pk),
    )
    assert r.context["form"].errors["peran"] == [PESAN_PERAN_TIDAK_TERSEDIA]
    assert not User.objects.filter(username="dewi").exists()


def test_pj_klaster_needs_a_klaster(masuk, dunia):
    client = masuk(dunia.kapus_a)
    r = client.post(reverse("pengguna:tambah"), _baru(puskesmas=dunia.a.pk, peran="pj_klaster"))
    assert r.context["form"].errors["klaster"] == [svc.PESAN_KLASTER_WAJIB]
    klaster3 = pastikan_klaster()[3]
    r = client.post(
        reverse("pengguna:tambah"),
        _baru(puskesmas=dunia.a.pk, peran="pj_klaster", klaster=klaster3.pk),
    )
    assert r.status_code == 302
    assert User.objects.get(username="dewi").peran.get().klaster == klaster3


def test_admin_dinkes_creates_a_verifier_of_their_kabupaten(masuk, dunia):
    r = masuk(dunia.admin_x).post(
        reverse("pengguna:tambah"),
        _baru(peran=Peran.VERIFIKATOR_DINKES, kabupaten=dunia.kab_x.pk, puskesmas=dunia.a.pk),
    )
    assert r.status_code == 302
    p = User.objects.get(username="dewi").peran.get()
    assert (p.peran, p.kabupaten, p.puskesmas) == (Peran.VERIFIKATOR_DINKES, dunia.kab_x, None)


# --- roles of an existing user -----------------------------------------------------------


def test_adding_and_removing_a_role(masuk, dunia):
    client = masuk(dunia.kapus_a)
    url = reverse("pengguna:peran_tambah", args=[dunia.staf_a.pk])
    r = client.post(url, {"peran": Peran.TIM_MUTU, "puskesmas": dunia.a.pk})
    assert r.status_code == 302
    mutu = dunia.staf_a.peran.get(peran=Peran.TIM_MUTU)
    assert mutu.history.first().history_user == dunia.kapus_a
    r = client.post(url, {"peran": Peran.TIM_MUTU, "puskesmas": dunia.a.pk})
    assert r.context["form"].non_field_errors() == [svc.PESAN_PERAN_GANDA]
    staf = dunia.staf_a.peran.get(peran=Peran.STAF)
    r = client.post(reverse("pengguna:peran_cabut", args=[dunia.staf_a.pk]), {"penugasan": staf.pk})
    assert r.status_code == 302
    assert list(dunia.staf_a.peran.values_list("peran", flat=True)) == [Peran.TIM_MUTU]
    jejak = PenugasanPeran.history.filter(id=staf.pk, history_type="-").get()
    assert jejak.history_user == dunia.kapus_a


def test_a_forged_puskesmas_is_refused_when_adding_a_role(masuk, dunia):
    r = masuk(dunia.kapus_a).post(
        reverse("pengguna:peran_tambah", args=[dunia.staf_a.pk]),
        {"peran": Peran.STAF, "puskesmas": dunia.b.pk},
    )
    assert r.status_code == 200
    assert r.context["form"].errors["puskesmas"] == [PESAN_PUSKESMAS_DI_LUAR]
    assert dunia.staf_a.peran.count() == 1


def test_the_only_role_of_a_user_cannot_be_removed(masuk, dunia):
    staf = dunia.staf_a.peran.get()
    r = masuk(dunia.kapus_a).post(
        reverse("pengguna:peran_cabut", args=[dunia.staf_a.pk]), {"penugasan": staf.pk}, follow=True
    )
    assert svc.PESAN_PERAN_TERAKHIR in _html(r)
    assert PenugasanPeran.objects.filter(pk=staf.pk).exists()


def test_a_manager_cannot_remove_their_own_last_managing_role(masuk, dunia):
    beri_peran(dunia.kapus_a, Peran.TIM_MUTU, puskesmas=dunia.a)
    kapus = dunia.kapus_a.peran.get(peran=Peran.KEPALA_PUSKESMAS)
    r = masuk(dunia.kapus_a).post(
        reverse("pengguna:peran_cabut", args=[dunia.kapus_a.pk]),
        {"penugasan": kapus.pk},
        follow=True,
    )
    assert svc.PESAN_PERAN_KELOLA_TERAKHIR in _html(r)
    assert PenugasanPeran.objects.filter(pk=kapus.pk).exists()


def test_a_role_outside_the_scope_cannot_be_removed(masuk, dunia):
    beri_peran(dunia.staf_a, Peran.STAF, puskesmas=dunia.c)
    di_c = dunia.staf_a.peran.get(puskesmas=dunia.c)
    r = masuk(dunia.admin_x).post(
        reverse("pengguna:peran_cabut", args=[dunia.staf_a.pk]), {"penugasan": di_c.pk}
    )
    assert r.status_code == 404
    assert PenugasanPeran.objects.filter(pk=di_c.pk).exists()


def test_removing_the_last_role_in_scope_returns_to_the_list(masuk, dunia):
    beri_peran(dunia.staf_b, Peran.STAF, puskesmas=dunia.a)
    di_a = dunia.staf_b.peran.get(puskesmas=dunia.a)
    r = masuk(dunia.kapus_a).post(
        reverse("pengguna:peran_cabut", args=[dunia.staf_b.pk]), {"penugasan": di_a.pk}
    )
    assert r["Location"] == reverse("pengguna:daftar")
    assert dunia.staf_b.peran.get().puskesmas == dunia.b


# --- the account itself ------------------------------------------------------------------


def test_deactivating_signs_the_user_out_and_can_be_undone(masuk, dunia, client):
    from django.test import Client

    korban = Client()
    korban.force_login(dunia.staf_a)
    assert korban.get(reverse("beranda")).status_code == 200
    url = reverse("pengguna:status", args=[dunia.staf_a.pk])
    r = masuk(dunia.kapus_a).post(url, {"aktif": "0"})
    assert r.status_code == 302
    dunia.staf_a.refresh_from_db()
    assert not dunia.staf_a.is_active
    assert korban.get(reverse("beranda")).status_code == 302
    assert dunia.staf_a.history.first().history_user == dunia.kapus_a
    masuk(dunia.kapus_a).post(url, {"aktif": "1"})
    dunia.staf_a.refresh_from_db()
    assert dunia.staf_a.is_active


def test_nobody_deactivates_themselves_and_an_empty_post_changes_nothing(masuk, dunia):
    client = masuk(dunia.kapus_a)
    r = client.post(
        reverse("pengguna:status", args=[dunia.kapus_a.pk]), {"aktif": "0"}, follow=True
    )
    assert svc.PESAN_NONAKTIF_DIRI in _html(r)
    client.post(reverse("pengguna:status", args=[dunia.staf_a.pk]))
    dunia.kapus_a.refresh_from_db()
    dunia.staf_a.refresh_from_db()
    assert dunia.kapus_a.is_active and dunia.staf_a.is_active


def test_editing_the_account(masuk, dunia):
    r = masuk(dunia.admin_x).post(
        reverse("pengguna:ubah", args=[dunia.staf_b.pk]),
        {
            "nama_lengkap": "Siti Aminah",
            "nip": NIP,
            "jabatan": "Sanitarian",
            "email": "",
            "sidik": sidik_identitas(dunia.staf_b),
        },
    )
    assert r.status_code == 302
    dunia.staf_b.refresh_from_db()
    assert (dunia.staf_b.nama_lengkap, dunia.staf_b.jabatan) == ("Siti Aminah", "Sanitarian")
    assert dunia.staf_b.history.first().history_user == dunia.admin_x


def test_an_account_with_roles_elsewhere_can_be_seen_but_not_taken_over(masuk, dunia):
    # The verifier of Y also works at A: the Kepala of A may not change their e-mail
    # (and so their password) nor deactivate them; their role in Y stays hidden.
    beri_peran(dunia.verifikator_y, Peran.STAF, puskesmas=dunia.a)
    client = masuk(dunia.kapus_a)
    r = client.get(reverse("pengguna:detail", args=[dunia.verifikator_y.pk]))
    assert r.status_code == 200
    assert "Kabupaten Y" not in _html(r)
    assert "juga memegang peran di luar wilayah Anda" in _html(r)
    assert client.get(reverse("pengguna:ubah", args=[dunia.verifikator_y.pk])).status_code == 403
    r = client.post(reverse("pengguna:status", args=[dunia.verifikator_y.pk]), {"aktif": "0"})
    assert r.status_code == 403
    dunia.verifikator_y.refresh_from_db()
    assert dunia.verifikator_y.is_active


def test_a_superuser_holding_a_role_at_the_puskesmas_is_left_alone(masuk, dunia):
    boss = pengguna("boss", Peran.STAF, puskesmas=dunia.a)
    boss.is_superuser = True
    boss.save()
    r = masuk(dunia.kapus_a).post(
        reverse("pengguna:ubah", args=[boss.pk]),
        {"nama_lengkap": "X", "nip": "", "jabatan": "", "email": "saya@contoh.go.id"},
    )
    assert r.status_code == 403
    boss.refresh_from_db()
    assert boss.email != "saya@contoh.go.id"


def test_sending_a_reset_link(masuk, dunia):
    r = masuk(dunia.kapus_a).post(reverse("pengguna:kirim_tautan", args=[dunia.staf_a.pk]))
    assert r.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [dunia.staf_a.email]
    assert mail.outbox[0].subject == svc.SUBJEK_EMAIL_ATUR_ULANG


# --- services re-check access ------------------------------------------------------------


def test_services_recheck_the_scope(dunia):
    with pytest.raises(PermissionDenied, match=svc.PESAN_PERAN_DI_LUAR_WILAYAH):
        svc.penugasan_tambah(
            oleh=dunia.kapus_a, pengguna=dunia.staf_a, peran=Peran.STAF, puskesmas=dunia.b
        )
    with pytest.raises(PermissionDenied, match=svc.PESAN_DI_LUAR_WILAYAH):
        svc.penugasan_tambah(
            oleh=dunia.kapus_a, pengguna=dunia.staf_b, peran=Peran.STAF, puskesmas=dunia.a
        )
    with pytest.raises(PermissionDenied, match=svc.PESAN_PERAN_DI_LUAR_WILAYAH):
        svc.pengguna_buat(
            oleh=dunia.staf_a,
            username="x",
            nama_lengkap="X",
            peran=Peran.STAF,
            puskesmas=dunia.a,
        )
    with pytest.raises(PermissionDenied, match=svc.PESAN_DI_LUAR_WILAYAH):
        svc.pengguna_ubah(
            oleh=dunia.verifikator_x,
            pengguna=dunia.staf_a,
            nama_lengkap="X",
            nip="",
            jabatan="",
            email="",
        )
    with pytest.raises(PermissionDenied, match=svc.PESAN_DI_LUAR_WILAYAH):
        svc.penugasan_cabut(oleh=dunia.admin_x, penugasan=dunia.verifikator_y.peran.get())


def test_the_object_rule_and_the_queryset_agree(dunia):
    semua = list(PenugasanPeran.objects.select_related("puskesmas"))
    for manajer in (dunia.kapus_a, dunia.admin_x, dunia.nasional, dunia.staf_a):
        scope = lingkup(manajer)
        dari_query = set(
            svc.penugasan_untuk(manajer, Aksi.KELOLA_PENGGUNA).values_list("pk", flat=True)
        )
        dari_aturan = {
            p.pk
            for p in semua
            if svc.penugasan_dalam_lingkup(scope, p)
            or (scope.nasional and p.peran == "admin_nasional")
        }
        assert dari_query == dari_aturan, manajer.username


def test_the_new_account_link_sets_the_first_password(masuk, dunia, client):
    masuk(dunia.kapus_a).post(
        reverse("pengguna:tambah"),
        _baru(cara_sandi="tautan", kata_sandi1="", kata_sandi2="", puskesmas=dunia.a.pk),
    )
    client.logout()
    tautan = re.search(r"https?://[^/\s]+(/akun/\S+/)", mail.outbox[0].body).group(1)
    halaman_atur = client.get(tautan)["Location"]
    sandi = "Sandi-Pertama-Dewi-2027"
    r = client.post(halaman_atur, {"new_password1": sandi, "new_password2": sandi})
    assert r.status_code == 302
    r = client.post(reverse("login"), {"username": "dewi", "password": sandi})
    assert r.status_code == 302 and r["Location"] == reverse("beranda")


def test_two_managers_editing_one_account_do_not_overwrite_each_other(masuk, dunia):
    from puskesmas.services.inti import PESAN_KONFLIK

    url = reverse("pengguna:ubah", args=[dunia.staf_a.pk])
    c = masuk(dunia.kapus_a)
    sidik = c.get(url).context["form"].initial["sidik"]
    data = {"nama_lengkap": "Nama Pertama", "nip": "", "jabatan": "Perawat", "email": ""}
    assert c.post(url, {**data, "sidik": sidik}).status_code == 302
    # The second manager's form was opened before the first saved.
    r = masuk(dunia.admin_x).post(url, {**data, "nama_lengkap": "Nama Kedua", "sidik": sidik})
    assert r.status_code == 200
    html = r.content.decode()
    assert PESAN_KONFLIK in html and "Nama Kedua" in html
    dunia.staf_a.refresh_from_db()
    assert dunia.staf_a.nama_lengkap == "Nama Pertama"
    baris = {b.nama: b for b in r.context["form"].konflik}
    assert (baris["nama_lengkap"].isian, baris["nama_lengkap"].tersimpan) == (
        "Nama Kedua",
        "Nama Pertama",
    )
    # Having compared, the second manager saves deliberately.
    sidik_baru = r.context["form"]["sidik"].value()
    r = masuk(dunia.admin_x).post(url, {**data, "nama_lengkap": "Nama Kedua", "sidik": sidik_baru})
    assert r.status_code == 302
    dunia.staf_a.refresh_from_db()
    assert dunia.staf_a.nama_lengkap == "Nama Kedua"
    # Signing in saves the user too, but is not an edit: no false conflict.
    from django.contrib.auth.models import update_last_login

    sidik = c.get(url).context["form"].initial["sidik"]
    update_last_login(None, dunia.staf_a)
    assert c.post(url, {**data, "jabatan": "Bidan", "sidik": sidik}).status_code == 302


def _galat_tambah(client, **lain) -> dict:
    r = client.post(reverse("pengguna:tambah"), _baru(**lain))
    assert r.status_code == 200
    return {k: list(v) for k, v in r.context["form"].errors.items()}


def test_a_clash_outside_the_scope_answers_like_one_inside(masuk, dunia):
    """Security review, finding 7: a Kepala Puskesmas must not learn which usernames or
    e-mails exist in another kabupaten. Uniqueness holds; the answer is the same."""
    c = masuk(dunia.kapus_a)
    pus = {"puskesmas": dunia.a.pk}
    dalam = _galat_tambah(c, username=dunia.staf_a.username, email=dunia.staf_a.email, **pus)
    luar = _galat_tambah(
        c, username=dunia.verifikator_y.username, email=dunia.verifikator_y.email, **pus
    )
    cadangan = _galat_tambah(c, username="Admin", **pus)
    assert dalam == luar == {"username": [PESAN_USERNAME_DITOLAK], "email": [PESAN_EMAIL_DITOLAK]}
    assert cadangan["username"] == [PESAN_USERNAME_DITOLAK]
    assert "sudah dipakai" not in PESAN_USERNAME_DITOLAK + PESAN_EMAIL_DITOLAK
    assert User.objects.filter(username__iexact=dunia.verifikator_y.username).count() == 1


def test_editing_an_email_to_another_tenants_answers_like_one_inside(masuk, dunia):
    c = masuk(dunia.kapus_a)
    url = reverse("pengguna:ubah", args=[dunia.staf_a.pk])
    awal = c.get(url).context["form"].initial
    jawaban = []
    for email in (dunia.ktu_a.email, dunia.verifikator_y.email):
        data = {**{k: v for k, v in awal.items() if v is not None}, "email": email}
        r = c.post(url, data)
        assert r.status_code == 200
        jawaban.append(list(r.context["form"].errors["email"]))
    assert jawaban == [[PESAN_EMAIL_DITOLAK]] * 2


def test_a_username_taken_during_the_save_is_refused_in_the_same_words(dunia):
    """The race between the form's check and the insert ends in the same message."""
    with pytest.raises(svc.PenggunaTidakSah) as exc:
        svc.pengguna_buat(
            oleh=dunia.kapus_a,
            username=dunia.verifikator_y.username,
            nama_lengkap="Siapa",
            peran=Peran.STAF,
            puskesmas=dunia.a,
        )
    assert exc.value.message == PESAN_USERNAME_DITOLAK


def test_user_scope_is_the_users_of_the_roles_in_scope(dunia):
    """pengguna_untuk (a union of indexed lookups) names exactly the holders of the roles
    penugasan_untuk returns, for every kind of manager and viewer."""
    from puskesmas.alat.access import Aksi
    from puskesmas.services.pengguna import pengguna_untuk, penugasan_untuk

    for user in (dunia.staf_a, dunia.kapus_a, dunia.verifikator_x, dunia.admin_x, dunia.nasional):
        for aksi in (Aksi.LIHAT, Aksi.KELOLA_PENGGUNA):
            diharapkan = set(penugasan_untuk(user, aksi).values_list("user_id", flat=True))
            hasil = set(pengguna_untuk(user, aksi).values_list("pk", flat=True))
            if user is dunia.nasional:
                assert hasil == set(User.objects.values_list("pk", flat=True))
            else:
                assert hasil == diharapkan, (user.username, aksi)
    # The admin of kabupaten X manages the people of A and B and of the Dinkes X, not of C.
    dikelola = set(pengguna_untuk(dunia.admin_x, Aksi.KELOLA_PENGGUNA))
    assert {dunia.staf_a, dunia.staf_b, dunia.verifikator_x} <= dikelola
    assert dunia.verifikator_y not in dikelola
