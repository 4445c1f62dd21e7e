"""Forms of the analisis situasi: achievements per klaster, survey results, the problems
(USG), their root causes (fishbone) and their alternative solutions (M, I, V, C)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from puskesmas.alat.fields import BilanganBulatField, DesimalField
from puskesmas.models import Klaster

from ..choices import KategoriPenyebab
from ..models import HasilSurvei, Masalah

PESAN_TARGET_KOSONG = "Isi target bila capaian diisi."


def _persen(label: str) -> DesimalField:
    return DesimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )


class CapaianKlasterForm(forms.Form):
    """One target and one achievement field per indicator of a klaster."""

    def __init__(self, *args, indikator, awal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = list(indikator)
        awal = awal or {}
        for ind in self.indikator:
            target, capaian = awal.get(ind.pk, (None, None))
            self.fields[f"target_{ind.pk}"] = _persen(f"Target {ind.kode} (%)")
            self.fields[f"capaian_{ind.pk}"] = _persen(f"Capaian {ind.kode} (%)")
            self.initial.setdefault(f"target_{ind.pk}", target)
            self.initial.setdefault(f"capaian_{ind.pk}", capaian)

    def baris(self):
        """(indikator, target field, capaian field) for the template."""
        return [
            (ind, self[f"target_{ind.pk}"], self[f"capaian_{ind.pk}"]) for ind in self.indikator
        ]

    def clean(self):
        data = super().clean()
        for ind in self.indikator:
            if (
                data.get(f"capaian_{ind.pk}") is not None
                and data.get(f"target_{ind.pk}") is None
                and f"target_{ind.pk}" not in self.errors
            ):
                self.add_error(f"target_{ind.pk}", PESAN_TARGET_KOSONG)
        return data

    def nilai(self) -> dict[int, tuple[Decimal | None, Decimal | None]]:
        return {
            ind.pk: (
                self.cleaned_data.get(f"target_{ind.pk}"),
                self.cleaned_data.get(f"capaian_{ind.pk}"),
            )
            for ind in self.indikator
        }


def _skor(label: str) -> BilanganBulatField:
    return BilanganBulatField(
        label=label,
        min_value=1,
        max_value=5,
        help_text="1 (rendah) sampai 5 (tinggi).",
    )


class MasalahForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    urgency = _skor("U (urgency): seberapa mendesak")
    seriousness = _skor("S (seriousness): seberapa serius akibatnya")
    growth = _skor("G (growth): seberapa cepat memburuk bila dibiarkan")

    class Meta:
        model = Masalah
        fields = ["klaster", "indikator", "uraian", "penyebab", "urgency", "seriousness", "growth"]
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 3}),
            "penyebab": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, indikator, klaster_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        klaster = Klaster.objects.order_by("nomor")
        if klaster_ids is not None:
            klaster = klaster.filter(pk__in=klaster_ids)
        self.fields["klaster"].queryset = klaster
        self.fields["klaster"].empty_label = (
            None if klaster_ids is not None and len(klaster_ids) == 1 else "---------"
        )
        self.fields["indikator"].queryset = self.fields["indikator"].queryset.filter(
            pk__in=[i.pk for i in indikator if klaster_ids is None or i.klaster_id in klaster_ids]
        )
        self.fields[
            "indikator"
        ].help_text = "Indikator tahun lalu yang capaiannya bermasalah (boleh kosong)."
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.versi

    def clean(self):
        data = super().clean()
        indikator, klaster = data.get("indikator"), data.get("klaster")
        if indikator and klaster and indikator.klaster_id != klaster.pk:
            self.add_error("indikator", "Indikator tidak termasuk klaster yang dipilih.")
        return data


class PenyebabForm(forms.Form):
    # Both forms share one page and have an ``uraian``: prefixes keep their ids apart.
    prefix = "penyebab"
    kategori = forms.ChoiceField(
        label="Kategori (tulang ikan)",
        choices=[("", "— pilih kategori —"), *KategoriPenyebab.choices],
        error_messages={
            "required": "Pilih kategori penyebab.",
            "invalid_choice": "Kategori penyebab tidak dikenal.",
        },
    )
    uraian = forms.CharField(
        label="Akar penyebab",
        max_length=255,
        error_messages={
            "required": "Tuliskan akar penyebabnya.",
            "max_length": "Paling banyak %(limit_value)d huruf.",
        },
    )


def _skor_pemecahan(label: str, bantuan: str) -> BilanganBulatField:
    return BilanganBulatField(label=label, min_value=1, max_value=5, help_text=bantuan)


class PemecahanForm(forms.Form):
    prefix = "pemecahan"
    uraian = forms.CharField(
        label="Alternatif pemecahan",
        max_length=255,
        error_messages={
            "required": "Tuliskan alternatif pemecahannya.",
            "max_length": "Paling banyak %(limit_value)d huruf.",
        },
    )
    magnitude = _skor_pemecahan(
        "M (magnitude)", "Besarnya masalah yang teratasi: 1 (kecil) sampai 5 (besar)."
    )
    importancy = _skor_pemecahan(
        "I (importancy)", "Pentingnya cara ini: 1 (kurang) sampai 5 (sangat penting)."
    )
    vulnerability = _skor_pemecahan(
        "V (vulnerability)", "Sensitivitas/daya ungkit terhadap masalah: 1 (lemah) sampai 5 (kuat)."
    )
    cost = _skor_pemecahan("C (cost)", "Biaya: 1 (murah) sampai 5 (mahal).")


class HasilSurveiForm(forms.ModelForm):
    nilai = DesimalField(
        label="Hasil",
        min_value=Decimal(0),
        max_value=Decimal(999999),
        max_digits=8,
        decimal_places=2,
        help_text="Angka hasil survei, misalnya IKS 0,42 atau IKM 82,5.",
    )

    class Meta:
        model = HasilSurvei
        fields = ["jenis", "nilai", "tanggal", "sumber"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "tanggal": {
                "invalid": "Isi tanggal yang sah, misalnya 15/03/2026.",
                "required": "Isi tanggal survei.",
            },
            "jenis": {"required": "Pilih jenis survei."},
        }
