import pytest
from django.urls import reverse

from puskesmas.choices import PERAN_KABUPATEN, PERAN_PUSKESMAS, Peran
from puskesmas.models import Desa, Puskesmas, Pustu, SasaranDesa
from puskesmas.services.inti import PESAN_KONFLIK

from ..factories import DesaFactory, KecamatanFactory, PuskesmasFactory, pengguna


def test_login_page_is_indonesian(client, db):
    r = client.get(reverse("login"))
    assert r.status_code == 200
    html = r.content.decode()
    assert '<html lang="id">' in html
    assert "Masuk" in html and "Lupa kata sandi?" in html


def test_wrong_password_gets_an_indonesian_error(client, dunia):
    r = client.post(reverse("login"), {"username": "staf_a", "password": "salah"})
    assert r.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in r.content.decode()


def test_login_is_throttled_after_repeated_failures(client, dunia, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "staf_a", "password": "salah"})
    r = client.post(reverse("login"), {"username": "staf_a", "password": "rahasia-uji-123"})
    assert r.status_code == 429
    assert "Terlalu banyak percobaan masuk" in r.content.decode()
    # Another account from the same address is not locked.
    r = client.post(reverse("login"), {"username": "kapus_a", "password": "rahasia-uji-123"})
    assert r.status_code == 302


def test_successful_login_lands_on_home(client, dunia):
    r = client.post(reverse("login"), {"username": "kapus_a", "password": "rahasia-uji-123"})
    assert r.status_code == 302 and r["Location"] == reverse("beranda")
    r = client.get(reverse("beranda"))
    assert "Beranda Puskesmas" in r.content.decode()


def test_sessions_expire(settings, client, dunia):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    client.force_login(dunia.staf_a)
    client.cookies[settings.SESSION_COOKIE_NAME]["max-age"]  # the cookie is set
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()
    r = client.get(reverse("beranda"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("peran", list(Peran), ids=[p.value for p in Peran])
def test_each_role_has_its_home_page(masuk, dunia, peran):
    """Every one of the eight roles lands on the home page of its level."""
    user = {
        Peran.STAF: dunia.staf_a,
        Peran.PJ_KLASTER: dunia.pj2_a,
        Peran.KEPALA_TU: dunia.ktu_a,
        Peran.KEPALA_PUSKESMAS: dunia.kapus_a,
        Peran.VERIFIKATOR_DINKES: dunia.verifikator_x,
        Peran.ADMIN_DINKES: dunia.admin_x,
        Peran.ADMIN_NASIONAL: dunia.nasional,
    }.get(peran) or pengguna("mutu_a", peran, puskesmas=dunia.a)
    assert list(user.peran.values_list("peran", flat=True)) == [peran]
    if peran in PERAN_PUSKESMAS:
        judul, bukan = "Beranda Puskesmas", "Beranda Dinas Kesehatan"
    elif peran in PERAN_KABUPATEN:
        judul, bukan = "Beranda Dinas Kesehatan", "Beranda Puskesmas"
    else:
        judul, bukan = "Beranda nasional", "Beranda Puskesmas"
    r = masuk(user).get(reverse("beranda"))
    assert r.status_code == 200
    html = r.content.decode()
    assert judul in html and bukan not in html


def test_menu_follows_the_role(masuk, dunia):
    html = masuk(dunia.staf_a).get(reverse("beranda")).content.decode()
    assert 'data-menu="perencanaan"' in html and 'data-menu="rekap"' not in html
    html = masuk(dunia.verifikator_x).get(reverse("beranda")).content.decode()
    assert 'data-menu="rekap"' in html and 'data-menu="lokmin"' not in html


def test_puskesmas_list_shows_only_the_scope(masuk, dunia):
    html = masuk(dunia.staf_a).get(reverse("puskesmas_list")).content.decode()
    assert dunia.a.nama in html and dunia.b.nama not in html
    html = masuk(dunia.verifikator_x).get(reverse("puskesmas_list")).content.decode()
    assert dunia.a.nama in html and dunia.b.nama in html and dunia.c.nama not in html


def test_puskesmas_filter_offers_only_kecamatan_in_scope(masuk, dunia):
    html = masuk(dunia.verifikator_y).get(reverse("puskesmas_list")).content.decode()
    assert dunia.c.kecamatan.nama in html
    assert dunia.a.kecamatan.nama not in html


def test_rekap_index_goes_straight_to_the_only_kabupaten(masuk, dunia):
    r = masuk(dunia.verifikator_x).get(reverse("rekap_kabupaten_index"))
    assert r.status_code == 302 and r["Location"] == reverse(
        "rekap_kabupaten", args=[dunia.kab_x.pk]
    )


def test_kepala_edits_the_profile_and_it_is_in_the_history(masuk, dunia):
    c = masuk(dunia.kapus_a)
    url = reverse("puskesmas_ubah", args=[dunia.a.pk])
    form = c.get(url).context["form"]
    data = {**{k: v for k, v in form.initial.items() if v is not None}, "alamat": "Jl. Baru 9"}
    r = c.post(url, data)
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    dunia.a.refresh_from_db()
    assert dunia.a.alamat == "Jl. Baru 9" and dunia.a.versi == 2
    riwayat = c.get(reverse("riwayat", args=[dunia.a.pk])).content.decode()
    assert "Diubah" in riwayat and dunia.kapus_a.nama_lengkap in riwayat


def test_two_people_editing_the_same_record_do_not_overwrite_each_other(masuk, dunia):
    c = masuk(dunia.kapus_a)
    url = reverse("puskesmas_ubah", args=[dunia.a.pk])
    initial = c.get(url).context["form"].initial
    base = {k: v for k, v in initial.items() if v is not None}
    assert c.post(url, {**base, "telepon": "0281-111"}).status_code == 302
    # The second person still has the form opened at version 1.
    r = c.post(url, {**base, "telepon": "0281-222"})
    assert r.status_code == 200
    html = r.content.decode()
    assert PESAN_KONFLIK in html
    assert "0281-222" in html  # what they typed is still in the form
    dunia.a.refresh_from_db()
    assert dunia.a.telepon == "0281-111"
    beda = [(b.nama, b.isian, b.tersimpan) for b in r.context["form"].konflik if b.beda]
    assert beda == [("telepon", "0281-222", "0281-111")]
    assert 'data-testid="konflik"' in html
    # A second save, made knowingly on the re-armed form, goes through.
    assert r.context["form"]["versi"].value() == "2"
    assert c.post(url, {**base, "telepon": "0281-222", "versi": 2}).status_code == 302
    dunia.a.refresh_from_db()
    assert (dunia.a.telepon, dunia.a.versi) == ("0281-222", 3)


def test_staff_cannot_edit_the_profile(masuk, dunia):
    r = masuk(dunia.staf_a).post(reverse("puskesmas_ubah", args=[dunia.a.pk]), {"nama": "X"})
    assert r.status_code == 403
    assert "Akses ditolak" in r.content.decode()


def test_desa_forms_belong_to_the_puskesmas_in_the_url(masuk, dunia):
    c = masuk(dunia.ktu_a)
    r = c.post(
        reverse("desa_tambah", args=[dunia.a.pk]),
        {"kode": "X1", "nama": "Baru", "jenis": "desa", "puskesmas": dunia.b.pk},
    )
    assert r.status_code == 302
    assert Desa.objects.get(kode="X1").puskesmas == dunia.a


def test_duplicate_desa_code_is_explained(masuk, dunia):
    existing = dunia.a.desa.first()
    r = masuk(dunia.ktu_a).post(
        reverse("desa_tambah", args=[dunia.a.pk]),
        {"kode": existing.kode, "nama": "Lagi", "jenis": "desa"},
    )
    assert r.status_code == 200
    assert "Kode desa ini sudah dipakai" in r.content.decode()


def test_pustu_form_offers_only_desa_of_this_puskesmas(masuk, dunia):
    form = masuk(dunia.ktu_a).get(reverse("pustu_tambah", args=[dunia.a.pk])).context["form"]
    assert set(form.fields["desa"].queryset) == set(dunia.a.desa.all())
    desa_b = dunia.b.desa.first()
    r = masuk(dunia.ktu_a).post(
        reverse("pustu_tambah", args=[dunia.a.pk]), {"nama": "Curang", "desa": desa_b.pk}
    )
    assert r.status_code == 200 and not Pustu.objects.filter(nama="Curang").exists()


def test_deleting_a_pustu_is_recorded(masuk, dunia):
    pustu = dunia.a.pustu.first()
    c = masuk(dunia.ktu_a)
    assert c.post(reverse("pustu_hapus", args=[dunia.a.pk, pustu.pk])).status_code == 302
    assert not Pustu.objects.filter(pk=pustu.pk).exists()
    assert Pustu.history.filter(id=pustu.pk, history_type="-", history_user=dunia.ktu_a).exists()


def test_sasaran_form_saves_and_explains_bad_numbers(masuk, dunia):
    desa = dunia.a.desa.first()
    c = masuk(dunia.ktu_a)
    c.post(reverse("pilih_tahun"), {"tahun": "2027"})
    url = reverse("desa_sasaran", args=[dunia.a.pk, desa.pk])
    r = c.post(url, {"versi": desa.versi, "penduduk": "tiga ribu", "ibu_hamil": "-1"})
    html = r.content.decode()
    assert r.status_code == 200
    assert "Isi dengan bilangan bulat" in html and "Tidak boleh kurang dari 0" in html
    assert 'value="tiga ribu"' in html  # nothing typed is lost
    assert not SasaranDesa.objects.filter(desa=desa, tahun=2027).exists()
    # "3.000" is three thousand, as Indonesians write it.
    r = c.post(url, {"versi": desa.versi, "penduduk": "3.000", "ibu_hamil": "55"})
    assert r.status_code == 302
    assert dict(
        SasaranDesa.objects.filter(desa=desa, tahun=2027).values_list("kategori", "jumlah")
    ) == {"penduduk": 3000, "ibu_hamil": 55}


def test_sasaran_saved_meanwhile_is_shown_and_a_second_save_goes_through(masuk, dunia):
    desa = dunia.a.desa.first()
    versi = desa.versi
    c = masuk(dunia.ktu_a)
    c.post(reverse("pilih_tahun"), {"tahun": "2027"})
    url = reverse("desa_sasaran", args=[dunia.a.pk, desa.pk])
    lain = masuk(dunia.kapus_a)
    lain.post(reverse("pilih_tahun"), {"tahun": "2027"})
    assert lain.post(url, {"versi": versi, "penduduk": "3.000"}).status_code == 302
    r = c.post(url, {"versi": versi, "penduduk": "3.100"})
    assert r.status_code == 200 and PESAN_KONFLIK in r.content.decode()
    baris = {b.nama: b for b in r.context["form"].konflik}
    assert (baris["penduduk"].isian, baris["penduduk"].tersimpan) == ("3.100", "3.000")
    assert not baris["kk"].beda
    assert c.post(url, {"versi": versi + 1, "penduduk": "3.100"}).status_code == 302
    jumlah = SasaranDesa.objects.get(desa=desa, tahun=2027, kategori="penduduk").jumlah
    assert jumlah == 3100


def test_history_is_for_kepala_and_dinkes_only(masuk, dunia):
    url = reverse("riwayat", args=[dunia.a.pk])
    assert masuk(dunia.staf_a).get(url).status_code == 403
    assert masuk(dunia.kapus_a).get(url).status_code == 200
    assert masuk(dunia.verifikator_x).get(url).status_code == 200
    assert masuk(dunia.verifikator_y).get(url).status_code == 404


def test_year_switch_rejects_nonsense_and_foreign_redirects(masuk, dunia):
    c = masuk(dunia.staf_a)
    r = c.post(reverse("pilih_tahun"), {"tahun": "abc", "next": "https://jahat.example/"})
    assert r["Location"] == reverse("beranda")
    assert "tahun" not in c.session


def test_error_pages_are_indonesian(masuk, dunia):
    r = masuk(dunia.staf_a).get("/tidak-ada/")
    assert r.status_code == 404 and "Halaman tidak ditemukan" in r.content.decode()


def test_list_queries_do_not_grow_with_rows(masuk, dunia, django_assert_max_num_queries):
    c = masuk(dunia.verifikator_x)
    url = reverse("rekap_kabupaten", args=[dunia.kab_x.pk])
    c.get(url)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        assert c.get(url).status_code == 200
    for _ in range(25):
        p = PuskesmasFactory(kecamatan=KecamatanFactory(kabupaten=dunia.kab_x))
        DesaFactory(puskesmas=p)
    with CaptureQueriesContext(connection) as banyak:
        html = c.get(url).content.decode()
    assert html.count("/puskesmas/") >= 27
    assert len(banyak) == len(sedikit)
    # The recap and the Dinkes home page show every registered due-date kind: a fixed number
    # of reads plus one per kind (its done dates), whatever the number of rows.
    from puskesmas.alat import tenggat_daftar

    per_jenis = len(tenggat_daftar.semua())
    with django_assert_max_num_queries(12 + per_jenis):
        c.get(url)
    with django_assert_max_num_queries(12):
        c.get(reverse("puskesmas_list"))
    # The home page adds the work inbox and the documents received: for a verifier, the
    # RUK sent and the PKP submitted (one query each) and the RUK counts (two).
    with django_assert_max_num_queries(14 + per_jenis + 4):
        c.get(reverse("beranda"))


def test_puskesmas_detail_queries_are_bounded(masuk, dunia, django_assert_max_num_queries):
    for _ in range(20):
        DesaFactory(puskesmas=dunia.a)
    c = masuk(dunia.kapus_a)
    with django_assert_max_num_queries(14):
        assert c.get(reverse("puskesmas_detail", args=[dunia.a.pk])).status_code == 200
    # History: one query over every model with history, whatever the number of rows
    # (tests/puskesmas/test_riwayat.py checks it does not grow with the models).
    with django_assert_max_num_queries(10):
        assert c.get(reverse("riwayat", args=[dunia.a.pk])).status_code == 200


def test_puskesmas_keeps_its_kabupaten_in_step_with_the_kecamatan(dunia):
    p = Puskesmas.objects.get(pk=dunia.a.pk)
    p.kecamatan = dunia.c.kecamatan
    p.save()
    assert p.kabupaten == dunia.kab_y


def test_server_error_page_is_indonesian_and_needs_no_database(rf):
    from django.views.defaults import server_error

    r = server_error(rf.get("/"))
    assert r.status_code == 500
    html = r.content.decode()
    assert "Terjadi kesalahan pada server" in html and "tidak hilang" in html


def test_role_changes_show_in_the_puskesmas_history(masuk, dunia):
    from puskesmas.choices import Peran

    from ..factories import pengguna

    pengguna("baru_a", Peran.TIM_MUTU, puskesmas=dunia.a)
    html = masuk(dunia.kapus_a).get(reverse("riwayat", args=[dunia.a.pk])).content.decode()
    assert "penugasan peran" in html and "Tim Mutu / Auditor Internal" in html


def test_national_list_filters_by_kabupaten_before_kecamatan(masuk, dunia):
    c = masuk(dunia.nasional)
    form = c.get(reverse("puskesmas_list")).context["filter"].form
    assert list(form.fields["kecamatan"].queryset) == []
    form = c.get(reverse("puskesmas_list"), {"kabupaten": dunia.kab_y.pk}).context["filter"].form
    assert list(form.fields["kecamatan"].queryset) == [dunia.c.kecamatan]
    html = c.get(reverse("puskesmas_list"), {"kabupaten": dunia.kab_y.pk}).content.decode()
    assert dunia.c.nama in html and dunia.a.nama not in html
    # Dinkes and staff have one kabupaten: no such field.
    form = masuk(dunia.verifikator_x).get(reverse("puskesmas_list")).context["filter"].form
    assert "kabupaten" not in form.fields


def test_history_queries_do_not_grow_with_rows_that_name_related_objects(masuk, dunia):
    """__str__ of many rows names a related object (indikator, user): no query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from perencanaan.models import CapaianTahunan

    from ..perencanaan.factories_katalog import IndikatorFactory

    c = masuk(dunia.kapus_a)
    url = reverse("riwayat", args=[dunia.a.pk])

    def tambah(n):
        for _ in range(n):
            ind = IndikatorFactory(kabupaten=dunia.kab_x, tahun=2025)
            CapaianTahunan.objects.create(puskesmas=dunia.a, indikator=ind, target=90, capaian=80)

    tambah(2)
    c.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        c.get(url)
    tambah(15)
    with CaptureQueriesContext(connection) as banyak:
        html = c.get(url).content.decode()
    assert html.count("capaian tahunan") >= 17
    assert len(banyak) == len(sedikit)


def test_year_picker_posts_plain_years(masuk, dunia):
    from puskesmas.selectors.inti import tahun_aktif

    c = masuk(dunia.staf_a)
    html = c.get(reverse("beranda")).content.decode()
    tahun = tahun_aktif()
    assert f'<option value="{tahun}" selected>' in html
    c.post(reverse("pilih_tahun"), {"tahun": str(tahun + 1)})
    assert c.session["tahun"] == tahun + 1
