"""Forms of the RTM."""

from django import forms

from puskesmas.forms.rtl import InputTanggal, RTLForm

from ..models import RTM
from ..services.rtm import KOLOM_RTM


class RTMBuatForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal pelaksanaan", widget=InputTanggal())
    waktu = forms.CharField(label="Waktu", max_length=50, required=False)
    tempat = forms.CharField(label="Tempat", max_length=200)


class RTMForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RTM
        fields = list(KOLOM_RTM)
        widgets = {
            "tanggal": InputTanggal(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "perubahan": forms.Textarea(attrs={"rows": 3}),
            "notulen": forms.Textarea(attrs={"rows": 6}),
            "analisis": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["versi"] = self.instance.versi


class RTMRTLForm(RTLForm):
    """A decision of the RTM, taken as an RTL."""

    def __init__(self, *args, rtm, **kwargs):
        super().__init__(*args, puskesmas=rtm.puskesmas, **kwargs)
