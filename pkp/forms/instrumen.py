from django import forms

from perencanaan.models import Indikator
from puskesmas.alat.fields import DesimalField
from puskesmas.forms.inti import BerkasExcelForm, BerversiForm

from ..aturan_target import periksa_target
from ..models import (
    IndikatorMutu,
    IndikatorPelayanan,
    Instrumen,
    KelompokPelayanan,
    VariabelManajemen,
)
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
    """Name, target and kind of target of a pelayanan or mutu indicator (an inverse
    indicator, e.g. waktu tunggu, is "turun"; a band, e.g. 150–250 ‰, "rentang" with an
    upper bound), numbers typed the Indonesian way."""

    target = DesimalField(label="Target", min_value=0, max_digits=8, decimal_places=2, help_text="")
    target_atas = DesimalField(
        label="Batas atas rentang",
        min_value=0,
        max_digits=8,
        decimal_places=2,
        required=False,
        help_text="Hanya untuk target rentang; target di atas menjadi batas bawahnya.",
    )

    class Meta:
        fields = ["nama", "arah", "target", "target_atas", "satuan"]

    def __init__(self, *args, instrumen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrumen = instrumen

    def clean(self):
        data = super().clean()
        for kunci, pesan in periksa_target(
            data.get("arah"), data.get("target"), data.get("target_atas")
        ).items():
            if kunci not in self.errors:
                self.add_error(kunci, pesan)
        return data


def _katalog_field(form, instrumen) -> None:
    """The catalogue link: only the kabupaten's catalogue of the instrument's year (none for
    the national default)."""
    field = form.fields["indikator_katalog"]
    if instrumen is None or instrumen.kabupaten_id is None:
        del form.fields["indikator_katalog"]
        return
    field.queryset = Indikator.objects.filter(
        kabupaten_id=instrumen.kabupaten_id, tahun=instrumen.tahun
    ).order_by("klaster__nomor", "urutan", "kode")
    field.label_from_instance = lambda i: f"{i.kode} {i.nama}"
    field.required = False
    field.help_text = "Capaiannya diambil dari capaian tahunan Puskesmas di perencanaan."


class IndikatorPelayananForm(_IndikatorForm):
    class Meta(_IndikatorForm.Meta):
        model = IndikatorPelayanan
        fields = [*_IndikatorForm.Meta.fields, "indikator_katalog"]

    def __init__(self, *args, instrumen=None, **kwargs):
        super().__init__(*args, instrumen=instrumen, **kwargs)
        _katalog_field(self, instrumen)


class IndikatorMutuForm(_IndikatorForm):
    class Meta(_IndikatorForm.Meta):
        model = IndikatorMutu


# --- adding rows ---------------------------------------------------------------------------


class IndikatorPelayananTambahForm(IndikatorPelayananForm):
    class Meta(IndikatorPelayananForm.Meta):
        fields = ["kelompok", "kode", *IndikatorPelayananForm.Meta.fields]

    def __init__(self, *args, instrumen=None, **kwargs):
        super().__init__(*args, instrumen=instrumen, **kwargs)
        self.fields["kelompok"].queryset = instrumen.kelompok_pelayanan.all()
        self.fields["kelompok"].empty_label = None


class IndikatorMutuTambahForm(IndikatorMutuForm):
    class Meta(IndikatorMutuForm.Meta):
        fields = ["kode", *IndikatorMutuForm.Meta.fields]


class VariabelTambahForm(forms.ModelForm):
    class Meta:
        model = VariabelManajemen
        fields = [
            "komponen",
            "kode",
            "nama",
            "definisi_operasional",
            "nilai_0",
            "nilai_4",
            "nilai_7",
            "nilai_10",
        ]
        widgets = VariabelForm.Meta.widgets

    def __init__(self, *args, instrumen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["komponen"].queryset = instrumen.komponen_manajemen.all()
        self.fields["komponen"].empty_label = None


class KelompokTambahForm(forms.ModelForm):
    class Meta:
        model = KelompokPelayanan
        fields = ["nama", "klaster"]
        help_texts = {"klaster": "Kosongkan untuk program yang bukan klaster ILP."}

    def __init__(self, *args, instrumen=None, **kwargs):
        super().__init__(*args, **kwargs)


class ImporInstrumenForm(BerkasExcelForm):
    pass
