"""Forms of the target kinerja: one klaster's targets, the SK, returning, importing."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from puskesmas.alat.fields import DesimalField
from puskesmas.forms.inti import BerkasExcelForm

from .. import target_rumus


def nama_field(indikator) -> str:
    return f"ind_{indikator.pk}"


def _ringkas(nilai: Decimal | None) -> Decimal | None:
    """95.00 → 95 and 87.50 → 87.5, so the field shows "95" and "87,5", not "95,00"."""
    if nilai is None:
        return None
    if nilai == nilai.to_integral_value():
        return nilai.quantize(Decimal(1))
    return nilai.normalize()


def nama_alasan(indikator) -> str:
    return f"alasan_{indikator.pk}"


def _koma(nilai: Decimal) -> str:
    """87.50 → "87,5": a percentage in a message, the Indonesian way."""
    return str(_ringkas(nilai)).replace(".", ",")


class TargetKlasterForm(forms.Form):
    """One number (0–100 %) per indicator of a klaster, and a reason for each that differs
    from the target the Dinkes set in its catalogue.

    Initial values are the stored targets, else the catalogue's default target.
    """

    sidik = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        data=None,
        *,
        indikator,
        tersimpan: dict[int, Decimal],
        sidik: str,
        alasan: dict[int, str] | None = None,
    ):
        super().__init__(data, initial={"sidik": sidik})
        self.indikator = list(indikator)
        alasan = alasan or {}
        for ind in self.indikator:
            awal = tersimpan.get(ind.pk, ind.target_default)
            self.fields[nama_field(ind)] = DesimalField(
                label=f"{ind.kode} · {ind.nama}",
                min_value=target_rumus.TARGET_MIN,
                max_value=target_rumus.TARGET_MAKS,
                max_digits=5,
                decimal_places=2,
                initial=_ringkas(awal),
                help_text=" · ".join(
                    t
                    for t in (
                        f"Target Dinas Kesehatan: {_koma(ind.target_default)} %",
                        f"Satuan: {ind.satuan}" if ind.satuan and ind.satuan != "%" else "",
                    )
                    if t
                ),
            )
            self.fields[nama_alasan(ind)] = forms.CharField(
                label=f"Alasan target {ind.kode} berbeda dari target Dinas Kesehatan",
                required=False,
                max_length=1000,
                initial=alasan.get(ind.pk, ""),
                widget=forms.Textarea(attrs={"rows": 1}),
                help_text="Wajib diisi bila target berbeda dari target Dinas Kesehatan.",
            )

    def clean(self):
        data = super().clean()
        for ind in self.indikator:
            nilai = data.get(nama_field(ind))
            if nilai is None or nilai == ind.target_default:
                continue
            if not (data.get(nama_alasan(ind)) or "").strip():
                self.add_error(
                    nama_alasan(ind),
                    f"Target {_koma(nilai)} % berbeda dari target Dinas Kesehatan "
                    f"({_koma(ind.target_default)} %): isi alasannya.",
                )
        return data

    def baris(self):
        """(indikator, target field, reason field) for the template's table."""
        return [(ind, self[nama_field(ind)], self[nama_alasan(ind)]) for ind in self.indikator]

    def nilai(self) -> dict[int, Decimal]:
        return {ind.pk: self.cleaned_data[nama_field(ind)] for ind in self.indikator}

    def alasan(self) -> dict[int, str]:
        return {ind.pk: self.cleaned_data.get(nama_alasan(ind), "") for ind in self.indikator}


class KembalikanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan dikembalikan",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Alasan wajib diisi agar penyusun tahu apa yang harus diperbaiki."
        },
    )


class TetapkanSKForm(forms.Form):
    nomor = forms.CharField(
        label="Nomor SK",
        max_length=100,
        help_text="Misalnya 440/012/SK/PKM/2027.",
        error_messages={"required": "Nomor SK wajib diisi."},
    )
    tanggal = forms.DateField(
        label="Tanggal SK",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Tanggal SK wajib diisi.",
            "invalid": "Tanggal tidak valid; gunakan format HH/BB/TTTT, misalnya 27/02/2027.",
        },
    )

    def __init__(self, *args, tahun: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tahun = tahun

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if self.tahun and tanggal.year not in (self.tahun - 1, self.tahun):
            raise forms.ValidationError(
                f"Tanggal SK target tahun {self.tahun} semestinya pada tahun {self.tahun - 1} "
                f"atau {self.tahun}."
            )
        return tanggal


ImporTargetForm = BerkasExcelForm
