"""Forms of supervisi: a planned visit, an ad hoc one, a change of a visit, a finding,
and the RTL raised from a finding."""

from django import forms

from puskesmas.forms.rtl import InputTanggal, RTLForm

from .. import aturan_supervisi as aturan
from ..models import KunjunganSupervisi, TemuanSupervisi


def _pilihan_aspek() -> list:
    return [(kelompok, list(sub)) for kelompok, sub in aturan.ASPEK.items()]


def _pilihan_pelaksana(*, dinkes: bool) -> list:
    return [
        (p.value, label)
        for p, label in aturan.LABEL_PELAKSANA.items()
        if (p == aturan.Pelaksana.DINKES) == dinkes
    ]


class _KunjunganForm(forms.ModelForm):
    aspek = forms.MultipleChoiceField(
        label="Aspek yang disupervisi",
        choices=_pilihan_aspek,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, dinkes: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if "pelaksana" in self.fields:
            if dinkes:
                del self.fields["pelaksana"]
            else:
                self.fields["pelaksana"].choices = _pilihan_pelaksana(dinkes=False)
        if "tujuan" in self.fields:
            self.fields["tujuan"].widget = forms.Textarea(attrs={"rows": 2})

    def clean_aspek(self):
        pesan = aturan.periksa_aspek(self.cleaned_data["aspek"])
        if pesan:
            raise forms.ValidationError(pesan)
        return self.cleaned_data["aspek"]


class RencanaForm(_KunjunganForm):
    """A visit of the year's plan: month, place, aspects, supervisor."""

    class Meta:
        model = KunjunganSupervisi
        fields = ["bulan", "pelaksana", "nama_pelaksana", "tempat", "lokasi", "aspek", "tujuan"]
        widgets = {"bulan": forms.Select(choices=[])}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulan"].widget.choices = list(enumerate(aturan.NAMA_BULAN, start=1))


class CatatForm(_KunjunganForm):
    """An ad hoc visit, recorded once it took place."""

    class Meta:
        model = KunjunganSupervisi
        fields = [
            "tanggal",
            "pelaksana",
            "nama_pelaksana",
            "tempat",
            "lokasi",
            "aspek",
            "tujuan",
            "hasil",
        ]
        widgets = {"tanggal": InputTanggal(), "hasil": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal"].required = True


class UbahForm(_KunjunganForm):
    """A visit changed: realised (date and result), cancelled (reason), corrected."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = KunjunganSupervisi
        fields = [
            "status",
            "tanggal",
            "bulan",
            "pelaksana",
            "nama_pelaksana",
            "tempat",
            "lokasi",
            "aspek",
            "tujuan",
            "hasil",
            "alasan_batal",
        ]
        widgets = {
            "tanggal": InputTanggal(),
            "bulan": forms.Select(choices=[]),
            "hasil": forms.Textarea(attrs={"rows": 4}),
            "alasan_batal": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["versi"] = self.instance.versi
        if self.instance.terjadwal:
            self.fields["bulan"].widget.choices = list(enumerate(aturan.NAMA_BULAN, start=1))
            self.fields["bulan"].label = "Bulan rencana"
        else:
            # An ad hoc visit's month is its date's.
            del self.fields["bulan"]


class TemuanForm(forms.ModelForm):
    temuan = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TemuanSupervisi
        fields = ["aspek", "uraian", "rekomendasi"]
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 2}),
            "rekomendasi": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kunjungan=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The sub-aspects of the visit first; every sub-aspect stays possible.
        self.fields["aspek"].choices = _pilihan_aspek()


class TemuanRTLForm(RTLForm):
    """The RTL of a finding, prefilled from it."""

    def __init__(self, *args, temuan: TemuanSupervisi, **kwargs):
        kunjungan = temuan.kunjungan
        kwargs.setdefault("prefix", f"rtl{temuan.pk}")
        kwargs.setdefault(
            "initial",
            {"masalah": temuan.uraian, "rencana": temuan.rekomendasi},
        )
        super().__init__(*args, puskesmas=kunjungan.puskesmas, **kwargs)
