"""The P1 start page names the year each document plans: RUK N+1 is drafted in year N,
RPK/POA N is the schedule of year N; an RPK of N+1 already made is pointed to, not hidden
behind "belum dibuat"."""

import re

import pytest
from django.urls import reverse

from perencanaan.services import rpk as services

from .factories_rpk import ruk_dengan_kegiatan

pytestmark = pytest.mark.django_db


def _kartu(html: str, kunci: str) -> str:
    m = re.search(rf'data-kartu="{kunci}">(.*?)</a>', html, flags=re.S)
    assert m, kunci
    return re.sub(r"\s+", " ", m.group(1))


def test_the_cards_label_the_year_each_document_plans(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=2027)
    services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)  # RPK/POA 2027
    c = masuk(dunia.ktu_a)
    c.post(reverse("pilih_tahun"), {"tahun": "2026"})
    html = c.get(reverse("perencanaan:index")).content.decode()

    ruk_kartu = _kartu(html, "ruk")
    assert "RUK 2027" in ruk_kartu and "tahun anggaran 2027, disusun tahun 2026" in ruk_kartu
    rpk_kartu = _kartu(html, "rpk")
    assert "RPK/POA 2026" in rpk_kartu and "Jadwal pelaksanaan tahun 2026" in rpk_kartu
    assert "Belum dibuat" in rpk_kartu
    assert "RPK/POA 2027 (dari RUK 2027) sudah dibuat: lihat di tahun 2027." in rpk_kartu

    # In 2027 the same RPK is this year's: no pointer.
    c.post(reverse("pilih_tahun"), {"tahun": "2027"})
    rpk_kartu = _kartu(c.get(reverse("perencanaan:index")).content.decode(), "rpk")
    assert "RPK/POA 2027" in rpk_kartu and "Belum dibuat" not in rpk_kartu
    assert "sudah dibuat" not in rpk_kartu
