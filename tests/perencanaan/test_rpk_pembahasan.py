"""The two discussions that agree an RPK (lintas program, lintas sektor). The migration that
turned the old single discussion into the lintas program record: test_migrasi_data."""

import datetime as dt

import pytest
from django.urls import reverse

from perencanaan.models import PembahasanRPK
from perencanaan.services import rpk as services
from puskesmas.alat.alur import DokumenTerkunci
from puskesmas.services.inti import KonflikVersi

from .factories_rpk import ruk_dengan_kegiatan


@pytest.fixture
def rpk(dunia):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=2027, jumlah=1)
    return services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)


def _simpan(rpk, user, jenis, tanggal, forum="", catatan=""):
    return services.rpk_pembahasan_simpan(
        rpk=rpk, jenis=jenis, versi=rpk.versi, user=user, tanggal=tanggal, forum=forum,
        catatan=catatan,
    )  # fmt: skip


def _catatan(rpk):
    return [(p.jenis, p.tanggal, p.forum, p.catatan) for p in rpk.pembahasan.order_by("jenis")]


@pytest.mark.django_db
def test_the_two_discussions_are_separate_records_and_a_second_save_replaces_one(rpk, dunia):
    rpk = _simpan(rpk, dunia.ktu_a, "lp", dt.date(2027, 1, 8), " Lokmin Januari ", "Sepakat")
    rpk = _simpan(rpk, dunia.kapus_a, "ls", dt.date(2027, 2, 5), "Lokmin tribulanan I")
    rpk = _simpan(rpk, dunia.ktu_a, "lp", dt.date(2027, 1, 9), "Lokmin Januari")
    assert _catatan(rpk) == [
        ("lp", dt.date(2027, 1, 9), "Lokmin Januari", ""),
        ("ls", dt.date(2027, 2, 5), "Lokmin tribulanan I", ""),
    ]
    assert PembahasanRPK.history.filter(jenis="lp").count() == 2


@pytest.mark.django_db
def test_a_stale_version_or_a_locked_rpk_saves_nothing(rpk, dunia):
    lama = rpk.versi
    rpk = _simpan(rpk, dunia.ktu_a, "lp", dt.date(2027, 1, 8))
    with pytest.raises(KonflikVersi):
        services.rpk_pembahasan_simpan(
            rpk=rpk, jenis="ls", versi=lama, user=dunia.ktu_a, tanggal=dt.date(2027, 2, 5),
            forum="", catatan="",
        )  # fmt: skip
    rpk = _simpan(rpk, dunia.ktu_a, "ls", dt.date(2027, 2, 5))
    rpk = services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    with pytest.raises(DokumenTerkunci):
        _simpan(rpk, dunia.ktu_a, "ls", dt.date(2027, 2, 6))
    assert [t for _, t, _, _ in _catatan(rpk)] == [dt.date(2027, 1, 8), dt.date(2027, 2, 5)]


@pytest.mark.django_db
def test_the_pages_name_the_forum_of_each_discussion(rpk, dunia, masuk):
    client = masuk(dunia.ktu_a)
    isi = client.get(reverse("perencanaan:rpk_detail", args=[rpk.pk])).content.decode()
    assert "lintas program pada Lokakarya Mini bulanan Januari" in isi
    assert "lintas sektor pada Lokakarya Mini tribulanan Februari" in isi
    url_ls = reverse("perencanaan:rpk_pembahasan_ls", args=[rpk.pk])
    assert url_ls in isi
    isi = client.get(url_ls).content.decode()
    assert 'placeholder="Lokakarya Mini tribulanan Februari"' in isi
    r = client.post(url_ls, {"tanggal": "2027-02-05", "forum": "Lokmin TW I", "versi": rpk.versi})
    assert r.status_code == 302
    isi = client.get(reverse("perencanaan:rpk_detail", args=[rpk.pk])).content.decode()
    assert "5 Februari 2027 · Lokmin TW I" in isi
    isi = client.get(reverse("perencanaan:rpk_list", args=[dunia.a.pk])).content.decode()
    assert "Lintas sektor: 5 Februari 2027" in isi
