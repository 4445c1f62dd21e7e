"""The work-inbox registry of the core: order of the items, registration rules, and no
provider asked for a user without any role."""

from datetime import date

import pytest

from puskesmas.alat import kotak_masuk as km

from ..factories import UserFactory


def test_overdue_first_then_by_due_date_then_priority_then_label():
    b = [
        km.Butir("tanpa batas, rendah", "/", prioritas=km.PRIORITAS_RENDAH),
        km.Butir("tanpa batas, tinggi", "/", prioritas=km.PRIORITAS_TINGGI),
        km.Butir("batas Maret", "/", batas=date(2026, 3, 1)),
        km.Butir("terlambat Februari", "/", batas=date(2026, 2, 14), terlambat=True),
        km.Butir("batas Februari", "/", batas=date(2026, 2, 28)),
        km.Butir("terlambat Januari", "/", batas=date(2026, 1, 31), terlambat=True),
    ]
    assert [x.label for x in sorted(b, key=km.Butir.urutan)] == [
        "terlambat Januari",
        "terlambat Februari",
        "batas Februari",
        "batas Maret",
        "tanpa batas, tinggi",
        "tanpa batas, rendah",
    ]


def test_kotak_masuk_gathers_every_provider_and_sorts(dunia):
    def lambat(k):
        assert k.user == dunia.staf_a and k.tahun == 2026 and k.hari_ini == date(2026, 2, 20)
        return [km.Butir("belakangan", "/b")]

    def mendesak(k):
        return [km.Butir("lebih dulu", "/a", batas=date(2026, 2, 14), terlambat=True)]

    km.daftar("uji_lambat", lambat)
    km.daftar("uji_mendesak", mendesak)
    try:
        hasil = km.kotak_masuk(user=dunia.staf_a, tahun=2026, hari_ini=date(2026, 2, 20))
    finally:
        km.batalkan("uji_lambat")
        km.batalkan("uji_mendesak")
    labels = [b.label for b in hasil]
    assert labels.index("lebih dulu") == 0 and "belakangan" in labels


@pytest.mark.django_db
def test_a_user_without_a_role_gets_nothing_and_costs_no_provider_query(
    django_assert_num_queries,
):
    dipanggil = []
    km.daftar("uji_tanpa_peran", lambda k: dipanggil.append(k) or [km.Butir("x", "/")])
    try:
        user = UserFactory()
        with django_assert_num_queries(1):  # reading the user's roles
            assert km.kotak_masuk(user=user, tahun=2026) == []
    finally:
        km.batalkan("uji_tanpa_peran")
    assert dipanggil == []


def test_a_code_is_one_provider():
    def satu(k):
        return []

    def lain(k):
        return []

    km.daftar("uji_kode", satu)
    try:
        km.daftar("uji_kode", satu)  # again: harmless
        with pytest.raises(ValueError, match="sudah terdaftar"):
            km.daftar("uji_kode", lain)
    finally:
        km.batalkan("uji_kode")
    assert "uji_kode" not in km.semua()


def test_the_apps_register_their_providers():
    assert {
        "tenggat",
        "perencanaan_menunggu_kepala",
        "perencanaan_dikembalikan",
        "perencanaan_klaster_tanpa_target",
        "perencanaan_ruk_dikirim",
        "pkp_menunggu_verifikasi",
        "pkp_dikembalikan",
    } <= set(km.semua())


# --- RTL ------------------------------------------------------------------------------------


def test_rtl_join_the_inbox_of_their_pj_and_of_those_who_evaluate(dunia):
    import datetime as dt

    from puskesmas.alat.kotak_masuk import kotak_masuk
    from puskesmas.models import RTL

    hari_ini = dt.date(2027, 5, 20)
    lewat = RTL.objects.create(
        puskesmas=dunia.a, sumber_label="Lokmin bulanan April 2027", masalah="K1 rendah",
        rencana="Kunjungan rumah", pj=dunia.pj2_a, batas=dt.date(2027, 5, 1), dibuat_oleh=dunia.ktu_a,
    )  # fmt: skip
    RTL.objects.create(
        puskesmas=dunia.a, sumber_label="Audit", masalah="Stok", rencana="Minta obat",
        pj=dunia.staf_a, batas=dt.date(2027, 6, 1), status="selesai", dibuat_oleh=dunia.ktu_a,
    )  # fmt: skip
    RTL.objects.create(
        puskesmas=dunia.b, sumber_label="Audit", masalah="Lain", rencana="Di Beta",
        pj=dunia.staf_b, batas=dt.date(2027, 6, 1), status="selesai", dibuat_oleh=dunia.ktu_a,
    )  # fmt: skip

    def label(user):
        return [b.label for b in kotak_masuk(user=user, tahun=2027, hari_ini=hari_ini)]

    pj = kotak_masuk(user=dunia.pj2_a, tahun=2027, hari_ini=hari_ini)
    rtl = [b for b in pj if b.label == "RTL: Kunjungan rumah"]
    assert len(rtl) == 1 and rtl[0].terlambat and rtl[0].url == f"/rtl/{lewat.pk}/"
    # Finished RTL wait for whoever evaluates, in their own Puskesmas only.
    evaluasi = "RTL selesai ditindaklanjuti: evaluasi efektivitasnya (Minta obat)"
    assert evaluasi in label(dunia.kapus_a) and evaluasi in label(dunia.ktu_a)
    assert not any("Di Beta" in x for x in label(dunia.kapus_a))
    # The staff who followed it up has nothing left on it.
    assert not any("Minta obat" in x for x in label(dunia.staf_a))
