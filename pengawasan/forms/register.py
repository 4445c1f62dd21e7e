"""Forms of the registers and the quality programme (saved through the services)."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory

from puskesmas.alat.fields import BilanganBulatField, DesimalField
from puskesmas.forms.inti import BerversiForm
from puskesmas.forms.rtl import InputTanggal
from puskesmas.models import User

from ..models import (
    AnggotaTimMutu,
    EvaluasiTimMutu,
    JenisMedia,
    KegiatanMutu,
    Pengaduan,
    RealisasiMutu,
    RencanaProgramMutu,
    Risiko,
    SurveiKepuasan,
    TimMutu,
)

TEKS = {"rows": 3}


def petugas_di(puskesmas):
    """Users holding a role at ``puskesmas``: members, owners, PJ."""
    return (
        User.objects.filter(peran__puskesmas=puskesmas, is_active=True)
        .distinct()
        .order_by("nama_lengkap", "username")
    )


class PengaduanForm(BerversiForm):
    class Meta:
        model = Pengaduan
        fields = ["tanggal", "media", "isi", "analisis"]
        widgets = {
            "tanggal": InputTanggal(),
            "isi": forms.Textarea(attrs=TEKS),
            "analisis": forms.Textarea(attrs=TEKS),
        }
        help_texts = {"analisis": "Penyebab dan penilaian atas pengaduan ini."}


class MediaForm(forms.Form):
    """The channels offered in a year: a checkbox and a note per channel."""

    def __init__(self, *args, media_ada: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        media_ada = media_ada or {}
        for kode, label in JenisMedia.choices:
            self.fields[f"ada_{kode}"] = forms.BooleanField(
                label=label, required=False, initial=kode in media_ada
            )
            self.fields[f"ket_{kode}"] = forms.CharField(
                label=f"Keterangan {label}",
                required=False,
                max_length=200,
                initial=media_ada.get(kode, ""),
            )

    def media(self) -> dict[str, str]:
        return {
            kode: self.cleaned_data[f"ket_{kode}"].strip()
            for kode, _ in JenisMedia.choices
            if self.cleaned_data.get(f"ada_{kode}")
        }


class SurveiForm(BerversiForm):
    class Meta:
        model = SurveiKepuasan
        fields = [
            "periode",
            "tanggal_mulai",
            "tanggal_selesai",
            "jumlah_responden",
            *[f"u{i}" for i in range(1, 10)],
            "analisis",
            "dipublikasikan",
            "media_publikasi",
            "tanggal_publikasi",
        ]
        widgets = {
            "tanggal_mulai": InputTanggal(),
            "tanggal_selesai": InputTanggal(),
            "tanggal_publikasi": InputTanggal(),
            "analisis": forms.Textarea(attrs=TEKS),
        }
        # Numbers as Indonesians type them: "3,45" is three point four five.
        field_classes = {
            "jumlah_responden": BilanganBulatField,
            **{f"u{i}": DesimalField for i in range(1, 10)},
        }
        help_texts = {
            f"u{i}": "Nilai rata-rata responden, 1 sampai 4 (misalnya 3,25)." for i in (1,)
        }

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("tanggal_mulai"), data.get("tanggal_selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("tanggal_selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
        return data


class RisikoForm(BerversiForm):
    class Meta:
        model = Risiko
        fields = [
            "risiko",
            "area",
            "kemungkinan",
            "dampak",
            "pengendalian",
            "pemilik",
            "status",
            "tanggal_tinjau",
        ]
        widgets = {
            "risiko": forms.Textarea(attrs={"rows": 2}),
            "pengendalian": forms.Textarea(attrs=TEKS),
            "tanggal_tinjau": InputTanggal(),
        }

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pemilik"].queryset = petugas_di(puskesmas)


class TimMutuForm(BerversiForm):
    class Meta:
        model = TimMutu
        fields = ["nomor_sk", "tanggal_sk"]
        widgets = {"tanggal_sk": InputTanggal()}


class AnggotaTimMutuForm(forms.ModelForm):
    class Meta:
        model = AnggotaTimMutu
        fields = ["user", "kedudukan", "bidang", "uraian_tugas"]
        widgets = {"uraian_tugas": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = petugas_di(puskesmas)


AnggotaTimMutuFormSet = inlineformset_factory(
    TimMutu, AnggotaTimMutu, form=AnggotaTimMutuForm, extra=3, can_delete=True
)


class EvaluasiTimMutuForm(BerversiForm):
    class Meta:
        model = EvaluasiTimMutu
        fields = ["tanggal", "hasil", "rekomendasi"]
        widgets = {
            "tanggal": InputTanggal(),
            "hasil": forms.Textarea(attrs=TEKS),
            "rekomendasi": forms.Textarea(attrs=TEKS),
        }


EKSTENSI_KAK = (".pdf", ".doc", ".docx", ".odt", ".jpg", ".jpeg", ".png")
MAKS_KAK = 10 * 1024 * 1024
PESAN_KAK_BESAR = "Lampiran KAK paling besar 10 MB."
PESAN_KAK_JENIS = "Lampiran KAK berupa PDF, dokumen Word/ODT, atau gambar JPG/PNG."


class RencanaMutuForm(BerversiForm):
    class Meta:
        model = RencanaProgramMutu
        fields = ["kak", "berkas_kak", "evaluasi"]
        widgets = {"kak": forms.Textarea(attrs={"rows": 6}), "evaluasi": forms.Textarea(attrs=TEKS)}
        help_texts = {"berkas_kak": "Opsional: KAK yang sudah ditandatangani (PDF, Word, gambar)."}

    def clean_berkas_kak(self):
        berkas = self.cleaned_data.get("berkas_kak")
        if berkas and berkas is not self.instance.berkas_kak:
            # Bounded before anything reads it; the name only picks the kind.
            if berkas.size > MAKS_KAK:
                raise forms.ValidationError(PESAN_KAK_BESAR)
            if not berkas.name.lower().endswith(EKSTENSI_KAK):
                raise forms.ValidationError(PESAN_KAK_JENIS)
        return berkas


class KegiatanMutuForm(BerversiForm):
    class Meta:
        model = KegiatanMutu
        fields = ["kegiatan", "sumber_dana", "sumber_daya", "bulan", "pj"]

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pj"].queryset = petugas_di(puskesmas)
        self.fields["bulan"].widget = forms.Select(choices=BULAN)


BULAN = [
    (1, "Januari"), (2, "Februari"), (3, "Maret"), (4, "April"), (5, "Mei"), (6, "Juni"),
    (7, "Juli"), (8, "Agustus"), (9, "September"), (10, "Oktober"), (11, "November"),
    (12, "Desember"),
]  # fmt: skip


class RealisasiMutuForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)
    realisasi = forms.ChoiceField(label="Realisasi", choices=RealisasiMutu.choices)
    tanggal = forms.DateField(label="Tanggal pelaksanaan", required=False, widget=InputTanggal())
    catatan = forms.CharField(
        label="Catatan / bukti pelaksanaan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
