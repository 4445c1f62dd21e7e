"""Forms of the Tim Perencanaan."""

from __future__ import annotations

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from puskesmas.models import Pustu

from ..models import AnggotaTim, TimPerencanaan
from ..services.tim import PESAN_KETUA, kepala_tu_di, petugas_di

PESAN_GANDA = "{nama} tercantum lebih dari sekali. Setiap orang cukup satu baris."
PESAN_KETUA_ANGGOTA = "{nama} sudah menjadi ketua; tidak perlu dicantumkan lagi sebagai anggota."


class TimForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TimPerencanaan
        fields = ["nomor_sk", "tanggal_sk", "ketua"]
        widgets = {"tanggal_sk": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, puskesmas, **kwargs):
        super().__init__(*args, **kwargs)
        ketua = self.fields["ketua"]
        ketua.queryset = kepala_tu_di(puskesmas).order_by("nama_lengkap")
        ketua.error_messages["invalid_choice"] = PESAN_KETUA
        ketua.empty_label = "— pilih Kepala Tata Usaha —"
        if not ketua.queryset.exists():
            ketua.help_text = (
                "Belum ada pengguna dengan peran Kepala Tata Usaha di Puskesmas ini. "
                "Minta admin menetapkan perannya terlebih dahulu."
            )
        if not self.is_bound:
            self.initial["versi"] = self.instance.versi if self.instance.pk else None

    def validate_unique(self):
        # Puskesmas and year come from the page, not the form; the service checks them.
        pass


class AnggotaForm(forms.ModelForm):
    class Meta:
        model = AnggotaTim
        fields = ["user", "peran", "klaster", "pustu"]

    def __init__(
        self, *args, puskesmas, pilihan_user, pilihan_pustu, pilihan_klaster=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = petugas_di(puskesmas)
        self.fields["user"].choices = pilihan_user
        self.fields["user"].error_messages["invalid_choice"] = (
            "Pilih pengguna yang memegang peran di Puskesmas ini."
        )
        self.fields["pustu"].queryset = Pustu.objects.filter(puskesmas=puskesmas)
        self.fields["pustu"].choices = pilihan_pustu
        self.fields["klaster"].empty_label = "—"
        if pilihan_klaster is not None:  # read once for every row of the formset
            self.fields["klaster"].choices = pilihan_klaster
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"


class BaseAnggotaFormSet(BaseInlineFormSet):
    ketua = None  # set by the view from the main form before validating

    def validate_unique(self):
        pass  # duplicates get the clearer message of clean()

    def clean(self):
        super().clean()
        dilihat = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            user = form.cleaned_data.get("user")
            if user is None:
                continue
            if self.ketua is not None and user.pk == self.ketua.pk:
                form.add_error("user", PESAN_KETUA_ANGGOTA.format(nama=user))
            elif user.pk in dilihat:
                form.add_error("user", PESAN_GANDA.format(nama=user))
            dilihat.add(user.pk)


AnggotaFormSet = inlineformset_factory(
    TimPerencanaan,
    AnggotaTim,
    form=AnggotaForm,
    formset=BaseAnggotaFormSet,
    extra=4,
    can_delete=True,
)
