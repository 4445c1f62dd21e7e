"""Forms of the indicator catalogue."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from puskesmas.alat.fields import BilanganBulatField, DesimalField
from puskesmas.forms.inti import BerkasExcelForm

from ..models import Indikator
from ..services.katalog import PESAN_KODE_GANDA


class IndikatorForm(forms.ModelForm):
    target_default = DesimalField(
        label="Target default (%)",
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=2,
    )
    urutan = BilanganBulatField(
        label="Urutan", required=False, help_text="Urutan tampil di dalam klaster."
    )

    class Meta:
        model = Indikator
        fields = [
            "kode",
            "nama",
            "klaster",
            "jenis",
            "satuan",
            "arah",
            "target_default",
            "kategori_sasaran",
            "definisi_operasional",
            "numerator",
            "denominator",
            "urutan",
        ]
        widgets = {
            "definisi_operasional": forms.Textarea(attrs={"rows": 3}),
            "numerator": forms.Textarea(attrs={"rows": 2}),
            "denominator": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kabupaten, tahun: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.kabupaten, self.tahun = kabupaten, tahun
        self.fields["klaster"].empty_label = None

    def clean_kode(self):
        kode = self.cleaned_data["kode"].strip()
        ganda = Indikator.objects.filter(kabupaten=self.kabupaten, tahun=self.tahun, kode=kode)
        if self.instance.pk:
            ganda = ganda.exclude(pk=self.instance.pk)
        if ganda.exists():
            raise forms.ValidationError(PESAN_KODE_GANDA.format(kode=kode, tahun=self.tahun))
        return kode

    def clean_urutan(self):
        return self.cleaned_data.get("urutan") or 0


ImporKatalogForm = BerkasExcelForm
