"""Forms of the self-assessment: achievements of one klaster/programme (or mutu), the scores
of one management component, evidence, and the Excel import."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from puskesmas.alat.fields import DesimalField
from puskesmas.forms.inti import BerkasExcelForm

from ..models import SKOR_PILIHAN
from ..resources.penilaian import teks_target
from ..services import penilaian as svc

ImporCapaianForm = BerkasExcelForm


def _ringkas(nilai: Decimal | None) -> Decimal | None:
    """87.50 → 87.5 and 95.00 → 95, so the field shows "87,5" and "95"."""
    if nilai is None:
        return None
    if nilai == nilai.to_integral_value():
        return nilai.quantize(Decimal(1))
    return nilai.normalize()


class CapaianForm(forms.Form):
    """One row per indicator: capaian (typed the Indonesian way) and a source note, each with
    the version its row was read at."""

    def __init__(self, data=None, *, baris, baca_saja: bool = False):
        super().__init__(data)
        self.baris = list(baris)
        self.baca_saja = baca_saja
        for b in self.baris:
            self.fields[f"capaian_{b.pk}"] = DesimalField(
                label=f"Capaian {b.indikator.kode}",
                required=False,
                min_value=Decimal(0),
                max_value=Decimal("99999999.99"),
                max_digits=10,
                decimal_places=2,
                initial=_ringkas(b.capaian),
                disabled=baca_saja,
            )
            self.fields[f"keterangan_{b.pk}"] = forms.CharField(
                label=f"Keterangan sumber {b.indikator.kode}",
                required=False,
                max_length=255,
                initial=b.keterangan_sumber,
                disabled=baca_saja,
            )
            self.fields[f"versi_{b.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=b.versi
            )

    def daftar(self):
        """(row, target text, capaian field, note field, version field) for the table."""
        return [
            (
                b,
                teks_target(b.indikator),
                self[f"capaian_{b.pk}"],
                self[f"keterangan_{b.pk}"],
                self[f"versi_{b.pk}"],
            )
            for b in self.baris
        ]

    def isian(self) -> dict[int, svc.IsianCapaian]:
        d = self.cleaned_data
        return {
            b.pk: svc.IsianCapaian(
                versi=d.get(f"versi_{b.pk}"),
                capaian=d.get(f"capaian_{b.pk}"),
                keterangan_sumber=d.get(f"keterangan_{b.pk}") or "",
            )
            for b in self.baris
        }


class SkorForm(forms.Form):
    """One management component: for each variable the level text that fits (0/4/7/10),
    and a note, required when the choice differs from the app's suggestion."""

    def __init__(self, data=None, *, baris, saran: dict, baca_saja: bool = False):
        super().__init__(data)
        self.baris = list(baris)
        self.saran = saran
        self.baca_saja = baca_saja
        for b in self.baris:
            v = b.variabel
            teks = {0: v.nilai_0, 4: v.nilai_4, 7: v.nilai_7, 10: v.nilai_10}
            self.fields[f"skor_{b.pk}"] = forms.TypedChoiceField(
                label=f"Nilai {v.kode}",
                choices=[(n, f"{n} — {teks[n]}") for n, _ in SKOR_PILIHAN],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=b.skor,
                disabled=baca_saja,
            )
            self.fields[f"catatan_{b.pk}"] = forms.CharField(
                label=f"Catatan {v.kode}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=b.catatan,
                disabled=baca_saja,
            )
            self.fields[f"versi_{b.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=b.versi
            )

    def clean(self):
        data = super().clean()
        for b in self.baris:
            skor = data.get(f"skor_{b.pk}")
            s = self.saran.get(b.variabel.kode)
            catatan = (data.get(f"catatan_{b.pk}") or "").strip()
            if s is not None and skor is not None and skor != s.skor and not catatan:
                self.add_error(f"catatan_{b.pk}", svc.pesan_saran(skor, s.skor))
        return data

    def daftar(self):
        """(row, suggestion, score field, note field, version field) for the template."""
        return [
            (
                b,
                self.saran.get(b.variabel.kode),
                self[f"skor_{b.pk}"],
                self[f"catatan_{b.pk}"],
                self[f"versi_{b.pk}"],
            )
            for b in self.baris
        ]

    def isian(self) -> dict[int, svc.IsianSkor]:
        d = self.cleaned_data
        return {
            b.pk: svc.IsianSkor(
                versi=d.get(f"versi_{b.pk}"),
                skor=d.get(f"skor_{b.pk}"),
                catatan=d.get(f"catatan_{b.pk}") or "",
            )
            for b in self.baris
        }


class BuktiForm(forms.Form):
    """One piece of evidence: a file, a signed document of the Puskesmas, or an app path."""

    keterangan = forms.CharField(
        label="Keterangan",
        max_length=255,
        help_text="Misalnya «SK Tim Manajemen Puskesmas 2027» atau «Notulen Lokmin Maret».",
        error_messages={"required": svc.PESAN_BUKTI_KETERANGAN},
    )
    berkas = forms.FileField(
        label="Unggah berkas",
        required=False,
        help_text="PDF, JPG, PNG, XLSX atau DOCX; paling besar 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"}),
    )
    dokumen = forms.ModelChoiceField(
        label="atau pilih dokumen bertanda tangan Puskesmas",
        queryset=None,
        required=False,
        empty_label="— tidak —",
        error_messages={"invalid_choice": svc.PESAN_BUKTI_DOKUMEN},
    )
    tautan = forms.CharField(
        label="atau tautan halaman aplikasi",
        required=False,
        max_length=300,
        help_text="Alamat halaman di aplikasi ini, diawali «/».",
    )

    def __init__(self, *args, dokumen, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this Puskesmas's signed documents can be chosen.
        self.fields["dokumen"].queryset = dokumen
        self.fields["dokumen"].label_from_instance = lambda d: (
            f"{d.jenis} {d.perihal} {d.nomor} ({d.tanggal:%d/%m/%Y})".replace("  ", " ")
        )

    def clean_berkas(self):
        berkas = self.cleaned_data.get("berkas")
        if berkas:
            try:
                svc.periksa_berkas_bukti(berkas)
            except svc.PenilaianGagal as exc:
                raise forms.ValidationError(exc.message) from None
        return berkas

    def clean_tautan(self):
        tautan = (self.cleaned_data.get("tautan") or "").strip()
        if tautan and not svc.tautan_sah(tautan):
            raise forms.ValidationError(svc.PESAN_BUKTI_TAUTAN)
        return tautan

    def clean(self):
        data = super().clean()
        if sum(bool(data.get(k)) for k in ("berkas", "dokumen", "tautan")) != 1 and not (
            self.errors
        ):
            raise forms.ValidationError(svc.PESAN_BUKTI_SATU)
        return data
