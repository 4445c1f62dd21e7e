"""The form of a kabupaten's own due dates for one year."""

from __future__ import annotations

from django import forms

from puskesmas.alat.tenggat import tanggal_indonesia

from ..choices import JenisTenggat
from ..services.tenggat import PESAN_TAHUN, PESAN_URUTAN
from ..tenggat import batas_default

FIELD = {
    JenisTenggat.TARGET_KINERJA: "batas_target_kinerja",
    JenisTenggat.SK_TARGET: "batas_sk_target",
}


class InputTanggal(forms.DateInput):
    input_type = "date"


def _tanggal():
    # The browser's date input wants ISO dates, whatever the display locale.
    return InputTanggal(format="%Y-%m-%d")


class TanggalTersembunyi(forms.DateInput):
    input_type = "hidden"


class TenggatKabupatenForm(forms.Form):
    """Two dates; an empty one means the policy default applies."""

    batas_target_kinerja = forms.DateField(
        label="Batas target kinerja per klaster", required=False, widget=_tanggal()
    )
    batas_sk_target = forms.DateField(
        label="Batas SK Target Kinerja", required=False, widget=_tanggal()
    )
    # The kabupaten's own dates as this form showed them: a lost race is caught on save.
    semula_target_kinerja = forms.DateField(
        required=False, widget=TanggalTersembunyi(format="%Y-%m-%d")
    )
    semula_sk_target = forms.DateField(required=False, widget=TanggalTersembunyi(format="%Y-%m-%d"))

    def __init__(self, *args, tahun: int, tersimpan: dict, **kwargs):
        initial = {FIELD[j]: tersimpan.get(j) for j in FIELD} | {
            f"semula_{j}": tersimpan.get(j) for j in FIELD
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.tahun = tahun
        for jenis, nama in FIELD.items():
            default = tanggal_indonesia(batas_default(jenis, tahun))
            self.fields[
                nama
            ].help_text = f"Bawaan kebijakan: {default}. Kosongkan untuk memakai tanggal bawaan."

    def clean(self):
        data = super().clean()
        berlaku = {}
        for jenis, nama in FIELD.items():
            d = data.get(nama)
            if d is not None and d.year != self.tahun:
                self.add_error(nama, PESAN_TAHUN.format(tahun=self.tahun))
            berlaku[jenis] = d or batas_default(jenis, self.tahun)
        if (
            not self.errors
            and berlaku[JenisTenggat.SK_TARGET] < berlaku[JenisTenggat.TARGET_KINERJA]
        ):
            self.add_error("batas_sk_target", PESAN_URUTAN)
        return data

    def tanggal(self) -> dict:
        return {j: self.cleaned_data.get(nama) for j, nama in FIELD.items()}

    def semula(self) -> dict:
        return {j: self.cleaned_data.get(f"semula_{j}") for j in FIELD}
