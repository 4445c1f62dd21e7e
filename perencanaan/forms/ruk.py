"""Forms of the RUK: one activity, the workflow step, and the Excel upload."""

from __future__ import annotations

from django import forms

from puskesmas.alat.fields import RupiahField
from puskesmas.forms.inti import BerkasExcelForm
from puskesmas.models import Klaster

from ..models import KOLOM_KEGIATAN_RUK, KegiatanRUK


class KegiatanRUKForm(forms.ModelForm):
    versi = forms.CharField(widget=forms.HiddenInput, required=False)
    kebutuhan_anggaran = RupiahField(
        label="Kebutuhan anggaran (Rp)",
        min_value=0,
        max_value=10**15 - 1,
        help_text="Dalam rupiah, misalnya 1.500.000.",
    )

    class Meta:
        model = KegiatanRUK
        fields = [*KOLOM_KEGIATAN_RUK, "masalah", "pemecahan"]
        widgets = {
            "rincian": forms.Textarea(attrs={"rows": 2}),
            "tujuan": forms.Textarea(attrs={"rows": 2}),
            "kebutuhan_sumber_daya": forms.Textarea(attrs={"rows": 2}),
            "masalah": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "waktu": "Misalnya Januari–Desember, atau Triwulan II.",
            "masalah": "Masalah hasil analisis situasi yang ditangani kegiatan ini.",
            "pemecahan": "Alternatif pemecahan terpilih yang dilaksanakan kegiatan ini (boleh kosong).",
        }

    def __init__(self, *args, masalah, pemecahan=None, klaster_ids=None, versi="", **kwargs):
        super().__init__(*args, **kwargs)
        klaster = Klaster.objects.order_by("nomor")
        if klaster_ids is not None:
            klaster = klaster.filter(pk__in=klaster_ids)
            if len(klaster_ids) == 1:
                self.fields["klaster"].empty_label = None
        self.fields["klaster"].queryset = klaster
        self.fields["masalah"].queryset = masalah
        self.fields["masalah"].label_from_instance = lambda m: (
            f"[Klaster {m.klaster.nomor}, USG {m.skor}] {m.uraian[:120]}"
        )
        self.fields["versi"].initial = versi
        # Only chosen solutions of this RUK's problems are offered; anything else posted is
        # refused here, and again by the service.
        pilihan = self.fields["pemecahan"]
        pilihan.queryset = pemecahan if pemecahan is not None else pilihan.queryset.none()
        pilihan.label_from_instance = lambda p: f"{p.uraian} (masalah: {p.masalah.uraian[:60]})"
        pilihan.error_messages["invalid_choice"] = (
            "Pilih pemecahan terpilih dari masalah Puskesmas ini pada tahun sebelum tahun RUK."
        )


ImporRUKForm = BerkasExcelForm
