"""Number fields that read numbers the way Indonesians type them.

Django's plain IntegerField quietly reads "3.000" as 3 (it drops a trailing ".000");
here "3.000" is three thousand and "12,5" is twelve and a half, and anything else gets a
clear Indonesian message.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from .angka import baca_angka

PESAN_BULAT = "Isi dengan bilangan bulat, misalnya 3000 atau 3.000."
PESAN_DESIMAL = "Isi dengan angka, misalnya 12,5 atau 1.250."


class BilanganBulatField(forms.IntegerField):
    def __init__(self, *, contoh: str | None = None, **kwargs):
        kwargs.setdefault("localize", True)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)
        self.error_messages.update(
            {
                # ``contoh``: an example that fits the field ("4" for a monthly volume).
                "invalid": f"Isi dengan bilangan bulat, misalnya {contoh}."
                if contoh
                else PESAN_BULAT,
                "min_value": "Tidak boleh kurang dari %(limit_value)s.",
                "max_value": "Tidak boleh lebih dari %(limit_value)s.",
                "required": "Wajib diisi.",
            }
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        angka = baca_angka(value)
        if angka is None or angka != angka.to_integral_value():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(angka)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["inputmode"] = "numeric"
        return attrs


class DesimalField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.error_messages.update(
            {
                "invalid": PESAN_DESIMAL,
                "min_value": "Tidak boleh kurang dari %(limit_value)s.",
                "max_value": "Tidak boleh lebih dari %(limit_value)s.",
                "max_decimal_places": "Paling banyak %(max)s angka di belakang koma.",
                "required": "Wajib diisi.",
            }
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        angka = baca_angka(value)
        if angka is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return Decimal(angka)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["inputmode"] = "decimal"
        return attrs


class RupiahField(BilanganBulatField):
    """A whole number of rupiah: read as ``BilanganBulatField`` ("10.000.000" or
    "10000000"), shown back grouped with dots ("10.000.000") when the form opens."""

    def prepare_value(self, value):
        from .angka import format_angka

        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return format_angka(value, 0)
        return value
