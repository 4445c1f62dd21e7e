from decimal import Decimal

import pytest
from django.urls import reverse

from perencanaan.katalog_default import KATALOG_BAWAAN, PIS_PK, SPM_KESEHATAN
from perencanaan.models import Indikator
from perencanaan.services.katalog import (
    PESAN_KODE_GANDA,
    PESAN_TAHUN_DI_LUAR,
    PESAN_TIDAK_ADA_SUMBER,
    KatalogGagal,
    katalog_buat,
    katalog_isi_awal,
    katalog_salin_tahun_lalu,
    katalog_untuk,
)
from puskesmas.selectors.inti import tahun_aktif

from ..factories import KabupatenFactory
from .factories_katalog import IndikatorFactory, klaster


def url(nama, dunia, *args, kab=None):
    return reverse(f"perencanaan:{nama}", args=[(kab or dunia.kab_x).pk, *args])


# --- default catalogue ------------------------------------------------------------------


def test_default_catalogue_has_the_12_spm_services_and_12_pispk_indicators():
    assert len(SPM_KESEHATAN) == 12 and len(PIS_PK) == 12
    assert {b.jenis for b in SPM_KESEHATAN} == {"spm"}
    assert {b.jenis for b in PIS_PK} == {"pispk"}
    assert all(b.target_default == 100 for b in SPM_KESEHATAN)
    assert len({b.kode for b in KATALOG_BAWAAN}) == 24
    assert all(b.definisi_operasional and b.numerator and b.denominator for b in KATALOG_BAWAAN)
    per_kode = {b.kode: b for b in SPM_KESEHATAN}
    assert [per_kode[f"SPM-{n:02d}"].klaster for n in range(1, 13)] == [
        2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4
    ]  # fmt: skip
    assert per_kode["SPM-01"].kategori_sasaran == "ibu_hamil"
    assert per_kode["SPM-05"].kategori_sasaran == "usia_pendidikan_dasar"
    assert per_kode["SPM-07"].kategori_sasaran == "usia_lanjut"
    assert per_kode["SPM-08"].kategori_sasaran == ""


def test_katalog_buat_creates_the_default_once(dunia):
    kab, tahun = dunia.kab_x, tahun_aktif()
    assert list(katalog_untuk(kabupaten=kab, tahun=tahun)) == []  # reading creates nothing
    assert katalog_buat(user=dunia.admin_x, kabupaten=kab, tahun=tahun) == 24
    indikator = list(katalog_untuk(kabupaten=kab, tahun=tahun))
    assert len(indikator) == 24
    spm1 = next(i for i in indikator if i.kode == "SPM-01")
    assert spm1.klaster.nomor == 2 and spm1.jenis == "spm" and spm1.target_default == 100
    assert spm1.history.count() == 1  # audit history is written for bulk creation too
    assert spm1.history.first().history_user == dunia.admin_x
    assert katalog_buat(user=dunia.admin_x, kabupaten=kab, tahun=tahun) == 0
    assert Indikator.objects.filter(kabupaten=kab).count() == 24


def test_katalog_buat_copies_the_latest_earlier_year(dunia):
    kab, tahun = dunia.kab_x, tahun_aktif()
    IndikatorFactory(kabupaten=kab, tahun=tahun - 2, kode="LAMA", nama="Dua tahun lalu")
    IndikatorFactory(kabupaten=kab, tahun=tahun - 1, kode="A1", nama="A", klaster=klaster(3))
    IndikatorFactory(kabupaten=kab, tahun=tahun - 1, kode="NON", aktif=False)
    katalog_buat(user=dunia.admin_x, kabupaten=kab, tahun=tahun)
    hasil = {i.kode: i for i in katalog_untuk(kabupaten=kab, tahun=tahun)}
    assert set(hasil) == {"A1"}  # latest year only, inactive rows left behind
    assert hasil["A1"].klaster.nomor == 3 and hasil["A1"].tahun == tahun
    # another kabupaten is untouched and gets the default
    assert katalog_isi_awal(kabupaten=dunia.kab_y, tahun=tahun) == 24


def test_katalog_buat_is_for_dinkes_admins_and_years_being_planned(dunia):
    from django.core.exceptions import PermissionDenied

    tahun = tahun_aktif()
    for user in (dunia.verifikator_x, dunia.kapus_a, dunia.staf_a):
        with pytest.raises(PermissionDenied):
            katalog_buat(user=user, kabupaten=dunia.kab_x, tahun=tahun)
    for jauh in (2001, tahun - 2, tahun + 2):
        with pytest.raises(KatalogGagal) as exc:
            katalog_buat(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=jauh)
        assert exc.value.message == PESAN_TAHUN_DI_LUAR.format(
            awal=tahun - 1, akhir=tahun + 1, tahun=jauh
        )
    assert not Indikator.objects.exists()


def test_katalog_untuk_with_only_inactive_rows_creates_nothing(db):
    kab = KabupatenFactory()
    IndikatorFactory(kabupaten=kab, tahun=2026, aktif=False)
    assert list(katalog_untuk(kabupaten=kab, tahun=2026)) == []
    assert Indikator.objects.filter(kabupaten=kab).count() == 1


def test_copy_last_year_keeps_existing_codes_and_is_idempotent(dunia):
    kab = dunia.kab_x
    IndikatorFactory(kabupaten=kab, tahun=2025, kode="K1", nama="Nama lama 2025")
    IndikatorFactory(kabupaten=kab, tahun=2025, kode="K2", nama="K2 2025")
    IndikatorFactory(kabupaten=kab, tahun=2026, kode="K1", nama="Sudah diubah 2026")
    sumber, jumlah = katalog_salin_tahun_lalu(user=dunia.admin_x, kabupaten=kab, tahun=2026)
    assert (sumber, jumlah) == (2025, 1)
    nama = dict(Indikator.objects.filter(kabupaten=kab, tahun=2026).values_list("kode", "nama"))
    assert nama == {"K1": "Sudah diubah 2026", "K2": "K2 2025"}
    assert katalog_salin_tahun_lalu(user=dunia.admin_x, kabupaten=kab, tahun=2026) == (2025, 0)


def test_copy_without_an_earlier_year_says_so(dunia):
    with pytest.raises(KatalogGagal) as exc:
        katalog_salin_tahun_lalu(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=2026)
    assert exc.value.message == PESAN_TIDAK_ADA_SUMBER.format(tahun=2026)


def test_copy_is_for_dinkes_admins_only(dunia):
    from django.core.exceptions import PermissionDenied

    from puskesmas.alat.access import PESAN_DITOLAK

    IndikatorFactory(kabupaten=dunia.kab_x, tahun=2025)
    for user in (dunia.verifikator_x, dunia.kapus_a):
        with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
            katalog_salin_tahun_lalu(user=user, kabupaten=dunia.kab_x, tahun=2026)


# --- pages --------------------------------------------------------------------------------


def test_admin_creates_a_missing_year_with_the_button_and_the_list_groups_it(masuk, dunia):
    tahun = tahun_aktif() + 1
    c = masuk(dunia.admin_x)
    html = c.get(url("katalog", dunia) + f"?tahun={tahun}").content.decode()
    assert f"Katalog indikator tahun {tahun} belum dibuat." in html
    assert f"Buat katalog tahun {tahun}" in html
    assert not Indikator.objects.exists()  # the visit created nothing
    r = c.post(url("katalog_buat", dunia), {"tahun": tahun})
    assert r.status_code == 302 and r["Location"].endswith(f"?tahun={tahun}")
    html = c.get(r["Location"]).content.decode()
    assert f"Katalog tahun {tahun} dibuat: 24 indikator." in html
    assert f"Katalog indikator tahun {tahun}" in html and "Buat katalog" not in html
    assert 'data-testid="katalog-klaster-2"' in html and 'data-testid="katalog-klaster-4"' in html
    assert "Pelayanan kesehatan ibu hamil" in html and "Salin dari tahun sebelumnya" in html
    assert Indikator.objects.filter(kabupaten=dunia.kab_x, tahun=tahun).count() == 24


def test_a_year_outside_the_plan_is_refused_in_indonesian(masuk, dunia):
    tahun = tahun_aktif()
    c = masuk(dunia.admin_x)
    html = c.get(url("katalog", dunia) + "?tahun=2001").content.decode()
    assert "Buat katalog" not in html
    assert f"tahun yang sedang direncanakan ({tahun - 1}–{tahun + 1})" in html
    r = c.post(url("katalog_buat", dunia), {"tahun": "2001"}, follow=True)
    pesan = PESAN_TAHUN_DI_LUAR.format(awal=tahun - 1, akhir=tahun + 1, tahun=2001)
    assert pesan in r.content.decode()
    verifikator = masuk(dunia.verifikator_x)
    assert verifikator.post(url("katalog_buat", dunia), {"tahun": tahun}).status_code == 403
    assert not Indikator.objects.exists()


def test_reading_another_years_catalogue_writes_nothing(dunia):
    """Security review, finding 8: a read-only user opening ``?tahun=2001`` created 24
    indicator rows under their name. Opening any year's catalogue now writes nothing."""
    from django.apps import apps
    from django.test import Client

    def jumlah():
        return {m._meta.label: m._base_manager.count() for m in apps.get_models()}

    klien = {}
    for user in (dunia.staf_a, dunia.verifikator_x, dunia.admin_x):
        klien[user] = Client()
        klien[user].force_login(user)  # signing in writes (session, audit): do it first
    sebelum = jumlah()
    for user, u in (
        (dunia.staf_a, reverse("perencanaan:katalog_puskesmas", args=[dunia.a.pk])),
        (dunia.verifikator_x, url("katalog", dunia)),
        (dunia.verifikator_x, url("katalog_ekspor", dunia)),
        (dunia.admin_x, url("katalog", dunia)),
    ):
        for tahun in (2001, tahun_aktif(), tahun_aktif() + 1):
            assert klien[user].get(f"{u}?tahun={tahun}").status_code == 200
    assert jumlah() == sebelum
    r = klien[dunia.staf_a].get(
        reverse("perencanaan:katalog_puskesmas", args=[dunia.a.pk]) + "?tahun=2001"
    )
    assert "Katalog disusun oleh admin Dinas Kesehatan." in r.content.decode()


def test_verifikator_reads_without_edit_buttons(masuk, dunia):
    katalog_isi_awal(kabupaten=dunia.kab_x, tahun=tahun_aktif())
    html = masuk(dunia.verifikator_x).get(url("katalog", dunia)).content.decode()
    assert "Pelayanan kesehatan balita" in html
    assert "Salin dari tahun sebelumnya" not in html and "Nonaktifkan" not in html
    assert "Buat katalog" not in html


def test_puskesmas_staff_read_their_kabupaten_catalogue(masuk, dunia):
    katalog_isi_awal(kabupaten=dunia.kab_x, tahun=2026)
    c = masuk(dunia.staf_a)
    r = c.get(reverse("perencanaan:katalog_puskesmas", args=[dunia.a.pk]) + "?tahun=2026")
    assert r.status_code == 200
    assert "Pelayanan kesehatan ibu hamil" in r.content.decode()
    assert c.get(reverse("perencanaan:katalog_puskesmas", args=[dunia.c.pk])).status_code == 404
    assert c.get(url("katalog", dunia)).status_code == 403
    assert masuk(dunia.verifikator_y).get(url("katalog", dunia)).status_code == 404


def test_admin_adds_edits_and_deactivates_an_indicator(masuk, dunia):
    c = masuk(dunia.admin_x)
    data = {
        "tahun": "2026",
        "kode": "LK-01",
        "nama": "Cakupan kunjungan keluarga",
        "klaster": klaster(5).pk,
        "jenis": "lain",
        "satuan": "%",
        "arah": "naik",
        "target_default": "87,5",
        "kategori_sasaran": "kk",
        "urutan": "",
    }
    r = c.post(url("katalog_tambah", dunia), data)
    assert r.status_code == 302
    i = Indikator.objects.get(kabupaten=dunia.kab_x, tahun=2026, kode="LK-01")
    assert i.target_default == Decimal("87.5") and i.history.first().history_user == dunia.admin_x

    r = c.post(url("katalog_ubah", dunia, i.pk), {**data, "nama": "Nama baru"})
    assert r.status_code == 302
    i.refresh_from_db()
    assert i.nama == "Nama baru"

    r = c.post(url("katalog_aktif", dunia, i.pk), {"aktif": "0"})
    assert r.status_code == 302
    i.refresh_from_db()
    assert not i.aktif
    assert i.pk not in {x.pk for x in katalog_untuk(kabupaten=dunia.kab_x, tahun=2026)}


def test_duplicate_code_is_refused_and_the_form_keeps_what_was_typed(masuk, dunia):
    IndikatorFactory(kabupaten=dunia.kab_x, tahun=2026, kode="DUP")
    r = masuk(dunia.admin_x).post(
        url("katalog_tambah", dunia),
        {
            "tahun": "2026",
            "kode": "DUP",
            "nama": "Nama yang diketik",
            "klaster": klaster(2).pk,
            "jenis": "lain",
            "satuan": "%",
            "arah": "naik",
            "target_default": "abc",
        },
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert PESAN_KODE_GANDA.format(kode="DUP", tahun=2026) in html
    assert "Isi dengan angka" in html and "Nama yang diketik" in html


def test_editing_is_for_dinkes_admins(masuk, dunia):
    i = IndikatorFactory(kabupaten=dunia.kab_x)
    for user in (dunia.verifikator_x, dunia.kapus_a):
        c = masuk(user)
        assert c.get(url("katalog_ubah", dunia, i.pk)).status_code == 403
        assert c.post(url("katalog_aktif", dunia, i.pk), {"aktif": "0"}).status_code == 403
    i.refresh_from_db()
    assert i.aktif


def test_an_indicator_of_another_kabupaten_is_404(masuk, dunia):
    lain = IndikatorFactory(kabupaten=dunia.kab_y)
    c = masuk(dunia.admin_x)
    assert c.get(url("katalog_ubah", dunia, lain.pk)).status_code == 404
    assert c.post(url("katalog_aktif", dunia, lain.pk), {"aktif": "0"}).status_code == 404


def test_copy_button(masuk, dunia):
    IndikatorFactory(kabupaten=dunia.kab_x, tahun=2025, kode="X1")
    r = masuk(dunia.admin_x).post(url("katalog_salin", dunia), {"tahun": "2026"}, follow=True)
    assert "1 indikator disalin dari katalog tahun 2025." in r.content.decode()
    assert Indikator.objects.filter(kabupaten=dunia.kab_x, tahun=2026, kode="X1").exists()


def _tambah(kab, n, tahun=2026):
    for k in range(n):
        IndikatorFactory(kabupaten=kab, tahun=tahun, klaster=klaster(k % 5 + 1))


@pytest.mark.parametrize("nama_url", ["katalog", "katalog_puskesmas"])
def test_list_query_count_does_not_grow_with_rows(
    masuk, dunia, django_assert_max_num_queries, nama_url
):
    _tambah(dunia.kab_x, 5)
    user = dunia.admin_x if nama_url == "katalog" else dunia.staf_a
    c = masuk(user)
    u = (
        url("katalog", dunia)
        if nama_url == "katalog"
        else reverse("perencanaan:katalog_puskesmas", args=[dunia.a.pk])
    ) + "?tahun=2026"
    c.get(u)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        assert c.get(u).status_code == 200
    _tambah(dunia.kab_x, 40)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        assert c.get(u).status_code == 200
    with django_assert_max_num_queries(15):
        c.get(u)


def test_a_non_numeric_puskesmas_choice_is_ignored(masuk, dunia):
    from django.urls import reverse

    r = masuk(dunia.kapus_a).get(reverse("perencanaan:index"), {"puskesmas": "abc"})
    assert r.status_code == 200
