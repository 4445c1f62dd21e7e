"""Forms of the Lokakarya Mini."""

from django import forms

from puskesmas.forms.rtl import InputTanggal, RTLForm

from ..kalender import LABEL_JENIS
from ..models import KategoriPeserta, KeputusanTinjauan, Lokmin
from ..services.lokmin import KOLOM_LOKMIN


class LokminBuatForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis", choices=[(k.value, v) for k, v in LABEL_JENIS.items()])
    bulan = forms.IntegerField(label="Bulan", min_value=1, max_value=12)
    tanggal = forms.DateField(label="Tanggal pelaksanaan", widget=InputTanggal())
    waktu = forms.CharField(label="Waktu", max_length=50, required=False)
    tempat = forms.CharField(label="Tempat", max_length=200)


class LokminForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Lokmin
        fields = list(KOLOM_LOKMIN)
        widgets = {
            "tanggal": InputTanggal(),
            "undangan_dikirim": InputTanggal(),
            "agenda": forms.Textarea(attrs={"rows": 7}),
            "pengarahan_poa": forms.Textarea(attrs={"rows": 3}),
            "kesepakatan_pegawai": forms.Textarea(attrs={"rows": 3}),
            "masalah_sektor": forms.Textarea(attrs={"rows": 3}),
            "komitmen_lintas_sektor": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lokmin = self.instance
        if not self.is_bound:
            self.initial["versi"] = lokmin.versi
        # Only the fields of this kind and month: January's briefing and staff agreement,
        # the tribulanan's sector problems, February's cross-sector commitment.
        if not (lokmin.bulanan and lokmin.bulan == 1):
            del self.fields["pengarahan_poa"], self.fields["kesepakatan_pegawai"]
        if lokmin.bulanan:
            del self.fields["masalah_sektor"]
        if lokmin.bulanan or lokmin.bulan != 2:
            del self.fields["komitmen_lintas_sektor"]


class PesertaLuarForm(forms.Form):
    nama = forms.CharField(label="Nama", max_length=150)
    jabatan = forms.CharField(label="Jabatan", max_length=150, required=False)
    instansi = forms.CharField(label="Instansi", max_length=150)
    kategori = forms.ChoiceField(label="Kategori")

    def __init__(self, *args, lokmin, **kwargs):
        super().__init__(*args, **kwargs)
        from ..aturan import KATEGORI_LUAR

        boleh = KATEGORI_LUAR[lokmin.jenis]
        self.fields["kategori"].choices = [(k, v) for k, v in KategoriPeserta.choices if k in boleh]


class TinjauanForm(forms.Form):
    rtl = forms.IntegerField(widget=forms.HiddenInput)
    keputusan = forms.ChoiceField(label="Keputusan", choices=KeputusanTinjauan.choices)
    catatan = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 2}))
    batas_baru = forms.DateField(
        label="Batas baru (bila dilanjutkan)", required=False, widget=InputTanggal()
    )


class LokminRTLForm(RTLForm):
    """An RTL raised at a Lokmin: the instansi as PJ only at the tribulanan."""

    def __init__(self, *args, lokmin, **kwargs):
        super().__init__(
            *args, puskesmas=lokmin.puskesmas, instansi_boleh=not lokmin.bulanan, **kwargs
        )
