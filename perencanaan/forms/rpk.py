"""Forms of the RPK / POA: one activity (volume per month, lokasi, biaya, PJ …), the LP/LS
discussion, returning with a reason, and the month picker."""

from __future__ import annotations

from django import forms

from puskesmas.alat.fields import BilanganBulatField, RupiahField
from puskesmas.models import Klaster

from ..choices import JenisPembahasan, SumberPembiayaan
from ..models import BULAN_FIELDS, KOLOM_KEGIATAN_RPK, KegiatanRPK, PembahasanRPK
from ..rpk_banding import NAMA_BULAN, SINGKAT_BULAN

BATAS_RUPIAH = 10**15 - 1
BATAS_VOLUME = 1_000_000


class KegiatanRPKForm(forms.ModelForm):
    """One RPK row. The month volumes are twelve small whole-number inputs."""

    klaster = forms.ModelChoiceField(
        label="Program/klaster", queryset=Klaster.objects.all(), empty_label=None
    )
    biaya = RupiahField(
        label="Biaya (alokasi, Rp)",
        max_value=BATAS_RUPIAH,
        help_text="Alokasi anggaran untuk kegiatan ini, misalnya 1.500.000.",
    )
    sidik = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = KegiatanRPK
        fields = KOLOM_KEGIATAN_RPK
        widgets = {
            "tujuan": forms.Textarea(attrs={"rows": 2}),
            "kebutuhan_sumber_daya": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, klaster_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        if klaster_ids is not None:  # a PJ klaster: only their own klaster
            self.fields["klaster"].queryset = Klaster.objects.filter(pk__in=klaster_ids)
        for i, nama in enumerate(BULAN_FIELDS):
            self.fields[nama] = BilanganBulatField(
                contoh="4",
                label=SINGKAT_BULAN[i],
                max_value=BATAS_VOLUME,
                required=False,
                initial=0,
            )
            self.fields[nama].widget.attrs.update(
                {
                    "aria-label": f"Volume {NAMA_BULAN[i]}",
                    "class": "form-control form-control-sm text-end",
                }
            )
        self.fields["lokasi"].help_text = "Desa, Posyandu, sekolah atau tempat pelaksanaan."

    def clean(self):
        data = super().clean()
        for nama in BULAN_FIELDS:
            if data.get(nama) is None and nama not in self.errors:
                data[nama] = 0
        return data

    @property
    def bulan(self):
        return [self[nama] for nama in BULAN_FIELDS]

    @property
    def kolom_utama(self):
        return [self[n] for n in self.Meta.fields if n not in BULAN_FIELDS]

    def data_kegiatan(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "sidik"}


class PembahasanForm(forms.ModelForm):
    """One discussion that agreed the RPK: lintas program (January Lokmin bulanan) or lintas
    sektor (February Lokmin tribulanan); ``jenis`` comes from the page, not the form."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PembahasanRPK
        fields = ["tanggal", "forum", "catatan"]
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "catatan": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {"tanggal": {"invalid": "Isi tanggal yang sah, misalnya 10/01/2027."}}

    def __init__(self, *args, jenis: str, **kwargs):
        super().__init__(*args, **kwargs)
        nama = JenisPembahasan(jenis).label.lower()
        self.fields["tanggal"].error_messages["required"] = (
            f"Tanggal pembahasan {nama} wajib diisi."
        )
        self.fields["forum"].widget.attrs["placeholder"] = CONTOH_FORUM[jenis]
        self.fields["forum"].help_text = f"Mis. {CONTOH_FORUM[jenis]}."


CONTOH_FORUM = {
    JenisPembahasan.LINTAS_PROGRAM: "Lokakarya Mini bulanan Januari",
    JenisPembahasan.LINTAS_SEKTOR: "Lokakarya Mini tribulanan Februari",
}


class PaguForm(forms.Form):
    """The pagu of each funding source; an empty field means it is not known yet."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kode, label in SumberPembiayaan.choices:
            self.fields[self.nama_field(kode)] = RupiahField(
                label=f"Pagu {label} (Rp)",
                max_value=BATAS_RUPIAH,
                required=False,
                help_text="Kosongkan bila pagu sumber ini belum diketahui.",
            )

    @staticmethod
    def nama_field(kode: str) -> str:
        return f"pagu_{kode.lower()}"

    def data_pagu(self) -> dict:
        return {
            kode: self.cleaned_data.get(self.nama_field(kode)) for kode in SumberPembiayaan.values
        }


class KembalikanForm(forms.Form):
    catatan = forms.CharField(label="Alasan dikembalikan", widget=forms.Textarea(attrs={"rows": 2}))


class BulanForm(forms.Form):
    bulan = forms.TypedChoiceField(
        label="Bulan",
        coerce=int,
        choices=[(i, nama) for i, nama in enumerate(NAMA_BULAN, start=1)],
    )
