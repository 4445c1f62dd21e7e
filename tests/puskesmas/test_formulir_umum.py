"""What every form of the app shares: "Wajib diisi." for a required field (forms and model
validation alike), money grouped with dots and read back, dates as HTML5 date inputs (the
browser shows them in the user's order: dd/mm/yyyy under id-ID)."""

import datetime as dt
import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from lokmin.forms.realisasi import BarisRealisasiForm
from perencanaan.forms.rpk import KegiatanRPKForm, PaguForm
from perencanaan.forms.ruk import KegiatanRUKForm
from puskesmas.alat.fields import RupiahField
from puskesmas.forms.rtl import RTLForm
from puskesmas.models import RTL

APLIKASI = ("puskesmas", "perencanaan", "lokmin", "pkp", "pengawasan")


class Sembarang(forms.Form):
    nama = forms.CharField()
    jumlah = forms.IntegerField()


def test_a_plain_django_field_says_wajib_diisi():
    f = Sembarang(data={})
    assert not f.is_valid()
    assert f.errors["nama"] == ["Wajib diisi."]
    assert f.errors["jumlah"] == ["Wajib diisi."]


def test_an_app_form_says_wajib_diisi(db):
    f = RTLForm(data={}, puskesmas=None)
    assert not f.is_valid()
    assert "Wajib diisi." in f.errors["masalah"]


def test_model_validation_says_wajib_diisi():
    with pytest.raises(ValidationError) as e:
        RTL(masalah="", rencana="x").clean_fields(exclude=["puskesmas", "batas", "pj"])
    assert e.value.message_dict["masalah"] == ["Wajib diisi."]


def test_money_opens_grouped_and_is_read_with_or_without_dots():
    f = RupiahField(required=False)
    assert f.prepare_value(Decimal(10_000_000)) == "10.000.000"
    assert f.prepare_value(1500) == "1.500"
    assert f.prepare_value("10.000.0") == "10.000.0"  # what the user typed stays as typed
    assert f.clean("10.000.000") == f.clean("10000000") == 10_000_000
    with pytest.raises(ValidationError):
        f.clean("sepuluh juta")


@pytest.mark.parametrize(
    "form,nama",
    [
        (KegiatanRUKForm, "kebutuhan_anggaran"),
        (KegiatanRPKForm, "biaya"),
        (BarisRealisasiForm, "biaya"),
    ],
)
def test_every_money_field_is_a_rupiah_field(form, nama):
    assert isinstance(form.base_fields[nama], RupiahField)


def test_the_pagu_fields_are_rupiah_fields():
    f = PaguForm(initial={PaguForm.nama_field("BOK"): Decimal(25_000_000)})
    assert isinstance(f.fields[PaguForm.nama_field("BOK")], RupiahField)
    assert 'value="25.000.000"' in str(f[PaguForm.nama_field("BOK")])


def _semua_form():
    for app in APLIKASI:
        paket = importlib.import_module(app)
        for info in pkgutil.walk_packages(paket.__path__, f"{app}."):
            if ".migrations" in info.name or ".settings" in info.name:
                continue
            importlib.import_module(info.name)

    def turunan(c):
        for s in c.__subclasses__():
            yield s
            yield from turunan(s)

    return {f for f in turunan(forms.BaseForm) if f.__module__.split(".")[0] in APLIKASI}


def test_every_date_field_of_every_form_is_an_html5_date_input():
    dilihat = 0
    for form in _semua_form():
        for nama, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
                dilihat += 1
                w = field.widget
                assert w.input_type == "date", f"{form.__name__}.{nama}"
                # type=date takes ISO values only: the value must be rendered ISO.
                iso = w.format_value(dt.date(2027, 2, 8))
                assert iso == "2027-02-08", f"{form.__name__}.{nama}"
    assert dilihat >= 10
