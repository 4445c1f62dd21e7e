"""Forms of the RTL: raise one (from any source), progress, follow-up, evaluation, stop."""

from django import forms

from ..alat import rtl as aturan
from ..models import RTL, Klaster, User
from ..services.rtl import KOLOM_RTL, MAKS_BUKTI


class InputTanggal(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RTLForm(forms.ModelForm):
    """An RTL as its source raises it; the PJ is one of the Puskesmas's people or an
    instansi (lintas sektor)."""

    class Meta:
        model = RTL
        fields = list(KOLOM_RTL)
        widgets = {
            "batas": InputTanggal(),
            "masalah": forms.Textarea(attrs={"rows": 2}),
            "penyebab": forms.Textarea(attrs={"rows": 2}),
            "rencana": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, puskesmas, instansi_boleh: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pj"].queryset = (
            User.objects.filter(peran__puskesmas=puskesmas, is_active=True)
            .distinct()
            .order_by("nama_lengkap", "username")
        )
        self.fields["pj"].required = False
        self.fields["klaster"].queryset = Klaster.objects.order_by("nomor")
        self.fields[
            "pj_instansi"
        ].help_text = "Untuk tindakan bersama lintas sektor: Camat, Kepala Desa, dan sebagainya."
        if not instansi_boleh:
            del self.fields["pj_instansi"]

    def clean(self):
        data = super().clean()
        pesan = aturan.periksa_pj(
            ada_user=data.get("pj") is not None, instansi=data.get("pj_instansi", "") or ""
        )
        if pesan:
            self.add_error("pj", pesan)
        return data


class ProgresForm(forms.Form):
    catatan = forms.CharField(label="Catatan progres", widget=forms.Textarea(attrs={"rows": 2}))
    batas_baru = forms.DateField(
        label="Batas waktu baru (bila dilanjutkan)", required=False, widget=InputTanggal()
    )


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", BanyakBerkasInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        tunggal = super().clean
        if isinstance(data, (list, tuple)):
            return [tunggal(d, initial) for d in data]
        return [tunggal(data, initial)] if data else []


class TindakLanjutForm(forms.Form):
    uraian = forms.CharField(
        label="Tindak lanjut yang dilakukan", widget=forms.Textarea(attrs={"rows": 3})
    )
    tanggal = forms.DateField(label="Tanggal dilaksanakan", widget=InputTanggal())
    berkas = BanyakBerkasField(
        label="Berkas bukti",
        required=False,
        help_text=f"Foto, daftar hadir, laporan; paling banyak {MAKS_BUKTI} berkas.",
    )


class EvaluasiForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal evaluasi", widget=InputTanggal())
    hasil = forms.ChoiceField(
        label="Hasil", choices=[(k.value, v) for k, v in aturan.LABEL_HASIL.items()]
    )
    catatan = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rencana_lanjutan = forms.CharField(
        label="Rencana tindak lanjut berikutnya (bila belum efektif)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    batas_lanjutan = forms.DateField(
        label="Batas waktu RTL lanjutan", required=False, widget=InputTanggal()
    )


class HentikanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan tidak dilanjutkan", widget=forms.Textarea(attrs={"rows": 2})
    )
