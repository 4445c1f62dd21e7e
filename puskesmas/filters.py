import django_filters
from django import forms

from .alat.access import lingkup
from .forms.widget import PilihanPanjang
from .models import Kabupaten, Kecamatan, Puskesmas


class PuskesmasFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="nama",
        lookup_expr="icontains",
        label="Cari nama",
        widget=forms.TextInput(attrs={"placeholder": "nama Puskesmas"}),
    )
    # Hundreds of options for a national user: rendered without a template per option.
    kabupaten = django_filters.ModelChoiceFilter(
        queryset=Kabupaten.objects.none(), label="Kabupaten/kota", widget=PilihanPanjang
    )
    kecamatan = django_filters.ModelChoiceFilter(
        queryset=Kecamatan.objects.none(), widget=PilihanPanjang
    )
    rawat_inap = django_filters.BooleanFilter(
        label="Rawat inap",
        widget=forms.Select(
            choices=[("", "Semua"), ("true", "Rawat inap"), ("false", "Non rawat inap")]
        ),
    )

    class Meta:
        model = Puskesmas
        fields = ["q", "kabupaten", "kecamatan", "rawat_inap"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        terlihat = Puskesmas.objects.for_user(user)
        if lingkup(user).nasional:
            # Thousands of kecamatan nationwide: choose a kabupaten first, then its kecamatan.
            self.filters["kabupaten"].queryset = Kabupaten.objects.order_by("nama")
            try:
                dipilih = int((self.data or {}).get("kabupaten") or 0)
            except (TypeError, ValueError):
                dipilih = 0
            kecamatan = Kecamatan.objects.filter(kabupaten_id=dipilih)
        else:
            del self.filters["kabupaten"]
            kecamatan = Kecamatan.objects.filter(puskesmas__in=terlihat).distinct()
        self.filters["kecamatan"].queryset = kecamatan.order_by("nama")
        self.filters["kecamatan"].label = "Kecamatan"
