from django import forms

from ..models_pispk import JenisLangkah


class LangkahPISPKForm(forms.Form):
    langkah = forms.ChoiceField(label="Langkah", choices=JenisLangkah.choices)
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    uraian = forms.CharField(
        label="Uraian / intervensi yang disepakati",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
