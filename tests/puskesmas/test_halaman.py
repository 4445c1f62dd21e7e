"""Keyset pages of the national Puskesmas list (puskesmas/alat/halaman.py)."""

import base64
import json

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from puskesmas.alat.halaman import baca_kursor, halaman_kunci, kode_kursor
from puskesmas.models import Puskesmas
from puskesmas.views.puskesmas import PuskesmasListView

from ..factories import KecamatanFactory, PuskesmasFactory

PER_HALAMAN = 5


@pytest.fixture
def banyak(dunia, monkeypatch):
    """Sixteen Puskesmas (three of ``dunia`` and thirteen more, nine of them in kab_x),
    five to a page: pages of 5, 5, 5 and 1."""
    monkeypatch.setattr(PuskesmasListView, "paginate_by", PER_HALAMAN)
    kec_x = KecamatanFactory(kabupaten=dunia.kab_x)
    kec_y = KecamatanFactory(kabupaten=dunia.kab_y)
    # Created out of kode order, so the order shown is the key's and not the insertion's.
    for i in (7, 2, 11, 0, 5, 9, 12, 3, 1):
        PuskesmasFactory(kode=f"3301{i:04d}", nama=f"Z {i}", kecamatan=kec_x)
    for i in (4, 8, 6, 10):
        PuskesmasFactory(kode=f"3302{i:04d}", nama=f"A {i}", kecamatan=kec_y)
    return dunia


def _halaman(c, tautan=""):
    r = c.get(reverse("puskesmas_list") + tautan)
    assert r.status_code == 200
    return r.context["halaman"], r


def _jalan_maju(c, tautan=""):
    """Every page from ``tautan`` on, following "Berikutnya"."""
    halaman_semua = []
    while True:
        halaman, _ = _halaman(c, tautan)
        halaman_semua.append(halaman)
        if not halaman.ada_berikutnya:
            return halaman_semua
        tautan = halaman.url_berikutnya


def _jalan_mundur(c, tautan):
    halaman_semua = []
    while True:
        halaman, _ = _halaman(c, tautan)
        halaman_semua.insert(0, halaman)
        if not halaman.ada_sebelumnya:
            return halaman_semua
        tautan = halaman.url_sebelumnya


def _kode(halaman_semua):
    return [p.kode for h in halaman_semua for p in h]


def test_pages_walk_every_row_once_forwards_and_backwards(masuk, banyak):
    c = masuk(banyak.nasional)
    semua = sorted(Puskesmas.objects.values_list("kode", flat=True))
    assert len(semua) == 16

    maju = _jalan_maju(c)
    assert [len(h) for h in maju] == [5, 5, 5, 1]
    assert _kode(maju) == semua
    assert not maju[0].ada_sebelumnya and maju[0].jumlah == 16
    assert all(h.jumlah == 16 for h in maju)

    # Back from the last page: the same pages, in the same order, each row once.
    mundur = _jalan_mundur(c, maju[-1].url_sebelumnya)
    assert _kode(mundur) == semua[:15]
    assert [len(h) for h in mundur] == [5, 5, 5]
    assert mundur[-1].ada_berikutnya
    assert _kode(_jalan_maju(c, mundur[-1].url_berikutnya)) == semua[15:]


def test_the_links_are_shown_in_indonesian(masuk, banyak):
    c = masuk(banyak.nasional)
    halaman, r = _halaman(c)
    html = r.content.decode()
    assert "16 Puskesmas" in html
    assert "Berikutnya »" in html and "« Sebelumnya" not in html
    _, r = _halaman(c, halaman.url_berikutnya)
    html = r.content.decode()
    assert "Berikutnya »" in html and "« Sebelumnya" in html and ">Awal<" in html


def test_the_filter_is_kept_across_pages(masuk, banyak):
    c = masuk(banyak.nasional)
    awal = f"?kabupaten={banyak.kab_x.pk}&rawat_inap="
    halaman, r = _halaman(c, awal)
    assert f"kabupaten={banyak.kab_x.pk}" in halaman.url_berikutnya
    assert f"kabupaten={banyak.kab_x.pk}" in r.content.decode()
    maju = _jalan_maju(c, awal)
    harapan = sorted(
        Puskesmas.objects.filter(kabupaten=banyak.kab_x).values_list("kode", flat=True)
    )
    assert len(harapan) == 11
    assert _kode(maju) == harapan
    assert all(h.jumlah == 11 for h in maju)
    mundur = _jalan_mundur(c, maju[-1].url_sebelumnya)
    assert _kode(mundur) == harapan[:10]
    assert all(f"kabupaten={banyak.kab_x.pk}" in h.url_berikutnya for h in mundur)


def test_a_page_number_from_an_old_link_is_dropped(masuk, banyak):
    c = masuk(banyak.nasional)
    halaman, _ = _halaman(c, "?page=3")
    assert "page=" not in halaman.url_berikutnya
    assert [p.kode for p in halaman] == sorted(Puskesmas.objects.values_list("kode", flat=True))[
        :PER_HALAMAN
    ]


_KURSOR_RUSAK = [
    "setelah=bukan-kursor!!",
    "setelah=%25%00",
    "sebelum=zzz",
    "setelah=" + base64.urlsafe_b64encode(b'["a","b"]').decode(),  # wrong length
    "sebelum=" + base64.urlsafe_b64encode(b'["a","b"]').decode(),
    "setelah=" + base64.urlsafe_b64encode(b'{"kode":1}').decode(),
    "setelah=" + base64.urlsafe_b64encode(b"[[1]]").decode(),
    "setelah=" + "A" * 5000,
]


def test_a_bad_cursor_gives_the_first_page(masuk, banyak):
    c = masuk(banyak.nasional)
    pertama, _ = _halaman(c)
    for kursor in _KURSOR_RUSAK:
        halaman, _ = _halaman(c, "?" + kursor)
        assert [p.kode for p in halaman] == [p.kode for p in pertama], kursor
        assert not halaman.ada_sebelumnya and halaman.ada_berikutnya, kursor
        assert halaman.kursor_rusak, kursor


def test_a_cursor_the_key_field_cannot_hold_gives_the_first_page(dunia):
    qs = Puskesmas.objects.all()
    params = QueryDict(mutable=True)
    params["setelah"] = kode_kursor(("bukan-angka",))
    halaman = halaman_kunci(qs, params, kunci=("pk",), per_halaman=2)
    assert [p.pk for p in halaman] == sorted(qs.values_list("pk", flat=True))[:2]
    assert halaman.kursor_rusak and not halaman.ada_sebelumnya


def test_page_one_and_a_late_page_cost_the_same_and_use_no_offset(masuk, banyak):
    c = masuk(banyak.nasional)
    maju = _jalan_maju(c)
    akhir = maju[-2].url_berikutnya  # the last page
    c.get(reverse("puskesmas_list"))  # warm the session and the scope
    with CaptureQueriesContext(connection) as pertama:
        c.get(reverse("puskesmas_list"))
    with CaptureQueriesContext(connection) as terakhir:
        halaman, _ = _halaman(c, akhir)
    assert len(halaman) == 1
    assert len(pertama) == len(terakhir) <= 12
    sql = [q["sql"].upper() for q in terakhir.captured_queries]
    assert not any("OFFSET" in s for s in sql)
    assert any("LIMIT 6" in s for s in sql)
    assert not any("OFFSET" in q["sql"].upper() for q in pertama.captured_queries)


def test_dinkes_keeps_numbered_pages_by_kecamatan(masuk, banyak):
    r = masuk(banyak.verifikator_x).get(reverse("puskesmas_list"), {"page": 2})
    assert r.status_code == 200
    assert "halaman" not in r.context
    assert r.context["page_obj"].number == 2
    diharapkan = list(
        Puskesmas.objects.filter(kabupaten=banyak.kab_x)
        .order_by("kecamatan__nama", "nama")
        .values_list("kode", flat=True)
    )
    assert [p.kode for p in r.context["page_obj"]] == diharapkan[5:10]
    assert "Halaman 2 dari 3" in r.content.decode()


def test_a_tuple_key_with_a_descending_field_walks_both_ways(banyak):
    kunci = ("kabupaten_id", "-kode")
    qs = Puskesmas.objects.all()
    harapan = list(qs.order_by("kabupaten_id", "-kode").values_list("kode", flat=True))

    def buka(tautan):
        return halaman_kunci(qs, QueryDict(tautan.lstrip("?")), kunci=kunci, per_halaman=3)

    tautan, maju = "", []
    while True:
        h = buka(tautan)
        maju.append(h)
        if not h.ada_berikutnya:
            break
        tautan = h.url_berikutnya
    assert _kode(maju) == harapan
    tautan, mundur = maju[-1].url_sebelumnya, []
    while True:
        h = buka(tautan)
        mundur.insert(0, h)
        if not h.ada_sebelumnya:
            break
        tautan = h.url_sebelumnya
    assert _kode(mundur) == harapan[: len(harapan) - len(maju[-1])]


def test_cursor_round_trip():
    assert baca_kursor(kode_kursor(("3301", 7)), 2) == ("3301", 7)
    assert baca_kursor(kode_kursor(("3301",)), 2) is None
    teks = json.loads(base64.urlsafe_b64decode(kode_kursor(("x",)) + "==="))
    assert teks == ["x"]
