"""The verifier's verdict on one item: agree, or correct with the value and a note."""

from django import forms

from puskesmas.alat.fields import DesimalField

from ..models import SKOR_PILIHAN, StatusVerifikasi

PILIHAN_PUTUSAN = [
    (StatusVerifikasi.SETUJU.value, "Setuju"),
    (StatusVerifikasi.DIKOREKSI.value, "Koreksi"),
]


class _PutusanForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="Putusan", choices=PILIHAN_PUTUSAN, error_messages={"required": "Pilih putusan."}
    )
    catatan = forms.CharField(
        label="Catatan verifikator",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PutusanCapaianForm(_PutusanForm):
    """An indicator of kinerja pelayanan or mutu: the corrected achievement."""

    nilai = DesimalField(
        label="Capaian hasil koreksi", required=False, min_value=0, max_digits=10, decimal_places=2
    )


class PutusanSkorForm(_PutusanForm):
    """A management variable: the corrected score 0/4/7/10."""

    nilai = forms.TypedChoiceField(
        label="Nilai hasil koreksi",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *SKOR_PILIHAN],
    )
