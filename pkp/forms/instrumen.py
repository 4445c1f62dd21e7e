from django import forms

from puskesmas.alat.fields import DesimalField
from puskesmas.forms.inti import BerversiForm

from ..models import IndikatorMutu, IndikatorPelayanan, Instrumen, VariabelManajemen
from ..services.instrumen import FIELD_AMBANG

PESAN_CUKUP_DI_ATAS_BAIK = "Batas cukup tidak boleh lebih tinggi dari batas baik."


class VariabelForm(BerversiForm):
    class Meta:
        model = VariabelManajemen
        fields = ["nama", "definisi_operasional", "nilai_0", "nilai_4", "nilai_7", "nilai_10"]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ["definisi_operasional", "nilai_0", "nilai_4", "nilai_7", "nilai_10"]
        }


class AmbangForm(BerversiForm):
    """Thresholds of the three aspects; numbers typed the Indonesian way ("8,5")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama, field in list(self.fields.items()):
            if "_batas_" in nama:
                model_field = Instrumen._meta.get_field(nama)
                self.fields[nama] = DesimalField(
                    label=field.label,
                    min_value=0,
                    max_value=100 if not nama.startswith("manajemen") else 10,
                    max_digits=model_field.max_digits,
                    decimal_places=model_field.decimal_places,
                )

    class Meta:
        model = Instrumen
        fields = list(FIELD_AMBANG)

    def clean(self):
        data = super().clean()
        for aspek in ("pelayanan", "manajemen", "mutu"):
            baik, cukup = data.get(f"{aspek}_batas_baik"), data.get(f"{aspek}_batas_cukup")
            if baik is not None and cukup is not None and cukup > baik:
                self.add_error(f"{aspek}_batas_cukup", PESAN_CUKUP_DI_ATAS_BAIK)
        return data


class _IndikatorForm(BerversiForm):
    """Name, target and direction of a pelayanan or mutu indicator (an inverse indicator,
    e.g. waktu tunggu, is "makin rendah makin baik")."""

    target = DesimalField(label="Target", min_value=0, max_digits=8, decimal_places=2)

    class Meta:
        fields = ["nama", "target", "arah", "satuan"]


class IndikatorPelayananForm(_IndikatorForm):
    class Meta(_IndikatorForm.Meta):
        model = IndikatorPelayanan


class IndikatorMutuForm(_IndikatorForm):
    class Meta(_IndikatorForm.Meta):
        model = IndikatorMutu
