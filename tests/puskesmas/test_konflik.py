"""The shared edit-conflict tool: values shown as a user reads them, rows compared, and
the form re-armed with the stored version while keeping what was typed."""

import datetime
from decimal import Decimal

from django import forms
from django.http import QueryDict

from puskesmas.alat.konflik import KOSONG, banding, konflik_tampilkan, teks_nilai


class _Form(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    nama = forms.CharField(label="Nama")
    jumlah = forms.IntegerField(label="Jumlah", required=False)
    jenis = forms.ChoiceField(label="Jenis", choices=[("a", "Satu"), ("b", "Dua")])
    aktif = forms.BooleanField(label="Aktif", required=False)


def _form(**data):
    q = QueryDict(mutable=True)
    q.update({"versi": "3", "nama": "Budi", "jumlah": "1500000", "jenis": "a", **data})
    form = _Form(q)
    assert form.is_valid(), form.errors
    return form


def test_values_read_the_indonesian_way():
    assert teks_nilai(None, None) == KOSONG
    assert teks_nilai(None, "") == KOSONG
    assert teks_nilai(None, []) == KOSONG
    assert teks_nilai(None, True) == "Ya"
    assert teks_nilai(None, False) == "Tidak"
    assert teks_nilai(None, 1500000) == "1.500.000"
    assert teks_nilai(None, Decimal("87.50")) == "87,5"
    assert teks_nilai(None, datetime.date(2027, 1, 8)) == "8 Januari 2027"
    assert teks_nilai(_Form().fields["jenis"], "b") == "Dua"
    assert teks_nilai(None, ["b", "a"]) == "a, b"
    assert teks_nilai(None, "  teks  ") == "teks"


def test_rows_follow_the_form_and_mark_differences():
    form = _form(nama="Budi", aktif="on")
    baris = banding(form, {"jumlah": 1500000, "nama": "Ani", "aktif": False})
    assert [(b.nama, b.isian, b.tersimpan, b.beda) for b in baris] == [
        ("nama", "Budi", "Ani", True),
        ("jumlah", "1.500.000", "1.500.000", False),
        ("aktif", "Ya", "Tidak", True),
    ]
    assert baris[0].label == "Nama"


def test_the_form_keeps_the_input_and_carries_the_stored_version():
    form = _form(nama="Budi")
    konflik_tampilkan(form, pesan="Bentrok.", token={"versi": 7}, tersimpan={"nama": "Ani"})
    assert form.non_field_errors() == ["Bentrok."]
    assert form["versi"].value() == "7"
    assert form["nama"].value() == "Budi"
    assert [b.tersimpan for b in form.konflik] == ["Ani"]
    assert 'value="7"' in str(form["versi"])


def test_a_prefixed_form_gets_its_token_under_the_prefix():
    q = QueryDict(mutable=True)
    q.update({"x-versi": "1", "x-nama": "Budi", "x-jenis": "a"})
    form = _Form(q, prefix="x")
    assert form.is_valid()
    konflik_tampilkan(form, pesan="Bentrok.", token={"versi": None}, tersimpan={})
    assert form["versi"].value() == ""
    assert form.konflik == []
