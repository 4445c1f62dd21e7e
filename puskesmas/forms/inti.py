from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from ..alat.fields import BilanganBulatField
from ..choices import KategoriSasaran
from ..models import Desa, Puskesmas, Pustu


class BerversiForm(forms.ModelForm):
    """Carries the version the record had when the form was opened."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["versi"] = self.instance.versi


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah. Perhatikan huruf besar/kecil.",
        "inactive": "Akun ini tidak aktif. Hubungi admin Dinas Kesehatan.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"


class PuskesmasForm(BerversiForm):
    class Meta:
        model = Puskesmas
        fields = ["nama", "alamat", "telepon", "email", "rawat_inap", "kepala_nama", "kepala_nip"]


class DesaForm(BerversiForm):
    class Meta:
        model = Desa
        fields = ["kode", "nama", "jenis"]

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, **kwargs)
        self.puskesmas = puskesmas

    def clean_kode(self):
        kode = self.cleaned_data["kode"].strip()
        dupe = Desa.objects.filter(puskesmas=self.puskesmas, kode=kode).exclude(pk=self.instance.pk)
        if dupe.exists():
            raise forms.ValidationError("Kode desa ini sudah dipakai desa lain di Puskesmas ini.")
        return kode


class PustuForm(BerversiForm):
    class Meta:
        model = Pustu
        fields = ["nama", "desa"]

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the desa of this Puskesmas are offered.
        self.fields["desa"].queryset = Desa.objects.filter(puskesmas=puskesmas)
        self.fields["desa"].empty_label = "— tidak di desa tertentu —"


class SasaranDesaForm(forms.Form):
    """All population groups of one desa for one year."""

    def __init__(self, *args, nilai: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for kategori in KategoriSasaran:
            self.fields[kategori.value] = BilanganBulatField(
                label=kategori.label,
                max_value=10_000_000,
                required=False,
                initial=nilai.get(kategori.value),
            )


class BerkasExcelForm(forms.Form):
    """Upload of a workbook made from one of our templates (every Excel import uses it).

    A file over the limit or of the wrong type is refused here, before anything is stored or
    read; the cells are checked later by ``puskesmas.alat.impor.baca_xlsx``.
    """

    berkas = forms.FileField(
        label="Berkas Excel (.xlsx)",
        help_text="Gunakan templat yang diunduh dari halaman ini.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "Pilih berkas Excel yang akan diimpor."},
    )

    def clean_berkas(self):
        from ..alat.impor import PESAN_BUKAN_XLSX, pesan_terlalu_besar

        berkas = self.cleaned_data["berkas"]
        batas = settings.MAX_IMPORT_FILE_SIZE
        if berkas.size > batas:
            raise forms.ValidationError(pesan_terlalu_besar(berkas.size, batas))
        if not berkas.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(PESAN_BUKAN_XLSX)
        return berkas
