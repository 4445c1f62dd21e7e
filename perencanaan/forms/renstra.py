"""Forms of the Rencana lima tahunan."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.forms import inlineformset_factory

from puskesmas.alat.fields import BilanganBulatField, DesimalField

from ..models import RencanaLimaTahunan, TargetRenstra

PESAN_NAMA_ATAU_INDIKATOR = "Pilih indikator dari katalog atau tulis nama indikatornya."
PESAN_BUKAN_KATALOG = "Pilih indikator dari katalog tahun mulai periode ini."


class RenstraBuatForm(forms.ModelForm):
    tahun_mulai = BilanganBulatField(
        label="Tahun mulai",
        min_value=2000,
        max_value=2096,
        help_text="Periode lima tahun: tahun mulai sampai tahun mulai + 4.",
    )

    class Meta:
        model = RencanaLimaTahunan
        fields = ["tahun_mulai", "visi", "misi", "tata_nilai", "analisis_kebutuhan"]
        widgets = {
            "visi": forms.Textarea(attrs={"rows": 2}),
            "misi": forms.Textarea(attrs={"rows": 4}),
            "tata_nilai": forms.Textarea(attrs={"rows": 2}),
            "analisis_kebutuhan": forms.Textarea(attrs={"rows": 5}),
        }

    def validate_unique(self):
        # The owning Puskesmas is not a form field; the service checks the period.
        pass


class RenstraForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = RencanaLimaTahunan
        fields = ["visi", "misi", "tata_nilai", "analisis_kebutuhan"]
        widgets = RenstraBuatForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["versi"] = self.instance.versi


def _target_field(label: str) -> DesimalField:
    return DesimalField(
        label=label,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm text-end"}),
    )


class TargetRenstraForm(forms.ModelForm):
    """One indicator row: from the catalogue of the period's first year, or a free name."""

    indikator = forms.TypedChoiceField(
        label="Indikator katalog",
        required=False,
        coerce=int,
        error_messages={"invalid_choice": PESAN_BUKAN_KATALOG},
    )
    nama = forms.CharField(label="Nama indikator", required=False, max_length=255)
    target_1 = _target_field("Tahun ke-1")
    target_2 = _target_field("Tahun ke-2")
    target_3 = _target_field("Tahun ke-3")
    target_4 = _target_field("Tahun ke-4")
    target_5 = _target_field("Tahun ke-5")

    class Meta:
        model = TargetRenstra
        fields = [
            "indikator",
            "nama",
            "satuan",
            "target_1",
            "target_2",
            "target_3",
            "target_4",
            "target_5",
        ]

    def __init__(self, *args, katalog: dict, pilihan: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.katalog = katalog  # pk -> Indikator, read once for the whole formset
        lama = self.instance.indikator_id
        if lama and lama not in katalog:
            # An indicator since deactivated stays selectable on the rows that use it.
            katalog = self.katalog = {**katalog, lama: self.instance.indikator}
            pilihan = [*pilihan, ("Tidak aktif", [(lama, str(self.instance.indikator))])]
        self.fields["indikator"].choices = [("", "— tulis nama sendiri —"), *pilihan]
        self.fields["satuan"].required = False
        for nama, field in self.fields.items():
            if nama != "DELETE":
                css = field.widget.attrs.get("class", "form-control form-control-sm")
                if isinstance(field.widget, forms.Select):
                    css = "form-select form-select-sm"
                field.widget.attrs["class"] = css

    def clean_indikator(self):
        pk = self.cleaned_data.get("indikator")
        if pk in ("", None):
            return None
        indikator = self.katalog.get(pk)
        if indikator is None:
            raise forms.ValidationError(PESAN_BUKAN_KATALOG)
        return indikator

    def clean(self):
        data = super().clean()
        indikator = data.get("indikator")
        if not indikator and not (data.get("nama") or "").strip():
            self.add_error("nama", PESAN_NAMA_ATAU_INDIKATOR)
        if indikator:
            data["nama"] = (data.get("nama") or "").strip() or indikator.nama
            data["satuan"] = data.get("satuan") or indikator.satuan
        data["satuan"] = data.get("satuan") or "%"
        return data


TargetRenstraFormSet = inlineformset_factory(
    RencanaLimaTahunan,
    TargetRenstra,
    form=TargetRenstraForm,
    extra=3,
    can_delete=True,
)


def pilihan_katalog(indikator) -> tuple[dict, list]:
    """(pk -> Indikator, choices grouped by klaster) from one read of the catalogue."""
    katalog, grup = {}, {}
    for i in indikator:
        katalog[i.pk] = i
        grup.setdefault(str(i.klaster), []).append((i.pk, f"{i.kode} {i.nama}"))
    return katalog, list(grup.items())
