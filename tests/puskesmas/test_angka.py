"""Reading and showing numbers the Indonesian way, and the form fields built on it: no database."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from puskesmas.alat.angka import DIGIT_MAKS, baca_angka, format_angka
from puskesmas.alat.fields import PESAN_BULAT, PESAN_DESIMAL, BilanganBulatField, DesimalField


@pytest.mark.parametrize(
    ("mentah", "angka"),
    [
        ("1.500.000", Decimal(1_500_000)),
        ("1.500.000,50", Decimal("1500000.50")),
        ("Rp 1.500.000", Decimal(1_500_000)),
        ("Rp1.500.000", Decimal(1_500_000)),
        ("rp 2.000", Decimal(2000)),
        ("RP 2.000", Decimal(2000)),
        ("Rp\u00a01.500.000", Decimal(1_500_000)),  # non-breaking space, as Excel writes it
        ("1\u00a0500\u00a0000", Decimal(1_500_000)),
        ("1 500 000", Decimal(1_500_000)),
        ("  42  ", Decimal(42)),
        ("12,5", Decimal("12.5")),
        ("0,75", Decimal("0.75")),
        ("12.5", Decimal("12.5")),
        ("12.50", Decimal("12.50")),
        ("12.5000", Decimal("12.5000")),  # four decimals: not a thousands group
        ("3.000", Decimal(3000)),
        ("1.234.567", Decimal(1_234_567)),
        ("85%", Decimal(85)),
        ("-3", Decimal(-3)),
        (2500, Decimal(2500)),
        (12.25, Decimal("12.25")),
        (Decimal("7.5"), Decimal("7.5")),
    ],
)
def test_numbers_are_read_the_indonesian_way(mentah, angka):
    hasil = baca_angka(mentah)
    assert hasil == angka
    # The same digits, not just an equal value: "12.50" keeps its two decimals for the
    # DecimalField's max_decimal_places check.
    assert str(hasil) == str(angka)


@pytest.mark.parametrize(
    "mentah",
    [
        None,
        True,
        False,
        "",
        "sepuluh",
        "Rp",
        "1,2,3",
        "Infinity",
        "-Infinity",
        "inf",
        "NaN",
        "nan",
        "sNaN",
        float("inf"),
        float("-inf"),
        float("nan"),
        Decimal("Infinity"),
        Decimal("NaN"),
        "1e999999999",  # finite, but int() of it would take minutes and gigabytes
        "9" * (DIGIT_MAKS + 1),
        Decimal("1E+30"),
        "-1e30",
    ],
)
def test_what_is_not_a_sane_number_reads_as_none(mentah):
    assert baca_angka(mentah) is None


def test_up_to_thirty_digits_before_the_comma_is_still_a_number():
    assert DIGIT_MAKS == 30
    assert baca_angka("9" * DIGIT_MAKS) == Decimal("9" * DIGIT_MAKS)
    assert baca_angka(Decimal("1E+29")) == Decimal("1E+29")
    assert baca_angka("-" + "9" * DIGIT_MAKS) == Decimal("-" + "9" * DIGIT_MAKS)
    # Many digits after the comma are harmless: the form fields refuse them by their rules.
    assert baca_angka("0," + "1" * 40) == Decimal("0." + "1" * 40)


def tampil(nilai, desimal=None):
    with translation.override("id"):
        return format_angka(nilai, desimal)


@pytest.mark.parametrize(
    ("nilai", "desimal", "teks"),
    [
        (1_234_567, None, "1.234.567"),
        (Decimal("1500000.00"), None, "1.500.000"),  # whole: no ",00"
        (Decimal("1500000.50"), None, "1.500.000,50"),
        (Decimal("12.5"), 1, "12,5"),
        (Decimal("12.5"), 2, "12,50"),
        (Decimal("12"), 2, "12,00"),  # asked for two decimals: shown even when whole
        (0, None, "0"),
        (-2500, None, "-2.500"),
        ("3.000", None, "3.000"),
        ("12,5", None, "12,5"),
        (None, None, ""),
        ("", None, ""),
        ("tidak ada", None, "tidak ada"),  # not a number: shown as it is
    ],
)
def test_numbers_are_shown_the_indonesian_way(nilai, desimal, teks):
    assert tampil(nilai, desimal) == teks


class Formulir(forms.Form):
    jumlah = BilanganBulatField(max_value=10_000_000, required=False)
    persen = DesimalField(max_digits=5, decimal_places=2, required=False)
    volume = BilanganBulatField(contoh="4", required=False)


def galat(data):
    form = Formulir(data)
    assert not form.is_valid()
    return form.errors


@pytest.mark.parametrize("mentah", ["Infinity", "-Infinity", "NaN", "inf", "1e999999999"])
def test_a_form_refuses_infinity_and_nan_with_an_indonesian_message(mentah):
    assert galat({"jumlah": mentah, "persen": mentah}) == {
        "jumlah": [PESAN_BULAT],
        "persen": [PESAN_DESIMAL],
    }


def test_whole_number_field_reads_thousands_and_refuses_fractions():
    form = Formulir({"jumlah": "3.000", "persen": "12,5", "volume": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"jumlah": 3000, "persen": Decimal("12.5"), "volume": None}
    assert type(form.cleaned_data["jumlah"]) is int
    assert galat({"jumlah": "12,5"}) == {"jumlah": [PESAN_BULAT]}
    assert galat({"volume": "x"}) == {"volume": ["Isi dengan bilangan bulat, misalnya 4."]}


def test_limits_are_explained_in_indonesian():
    assert galat({"jumlah": "-1"}) == {"jumlah": ["Tidak boleh kurang dari 0."]}
    assert galat({"jumlah": "10.000.001"}) == {"jumlah": ["Tidak boleh lebih dari 10000000."]}
    assert galat({"persen": "12,345"}) == {"persen": ["Paling banyak 2 angka di belakang koma."]}


def test_fields_ask_phones_for_the_right_keyboard():
    form = Formulir()
    assert form.fields["jumlah"].widget.attrs["inputmode"] == "numeric"
    assert form.fields["persen"].widget.attrs["inputmode"] == "decimal"
