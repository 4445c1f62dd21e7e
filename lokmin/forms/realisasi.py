"""The month form of the RPK realisation: one row per activity."""

from django import forms

from puskesmas.alat.fields import BilanganBulatField, RupiahField


class BarisRealisasiForm(forms.Form):
    terlaksana = forms.TypedChoiceField(
        label="Terlaksana",
        choices=[("", "—"), ("1", "Ya"), ("0", "Tidak")],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )
    volume = BilanganBulatField(label="Volume", required=False, min_value=0)
    biaya = RupiahField(label="Anggaran terserap (Rp)", required=False, min_value=0)
    alasan = forms.CharField(label="Alasan tidak terlaksana", required=False)
