import django_filters
from django import forms

from .models import Kecamatan, Puskesmas


class PuskesmasFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="nama",
        lookup_expr="icontains",
        label="Cari nama",
        widget=forms.TextInput(attrs={"placeholder": "nama Puskesmas"}),
    )
    kecamatan = django_filters.ModelChoiceFilter(queryset=Kecamatan.objects.none())
    rawat_inap = django_filters.BooleanFilter(
        label="Rawat inap",
        widget=forms.Select(
            choices=[("", "Semua"), ("true", "Rawat inap"), ("false", "Non rawat inap")]
        ),
    )

    class Meta:
        model = Puskesmas
        fields = ["q", "kecamatan", "rawat_inap"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only kecamatan that hold a Puskesmas the user can see.
        self.filters["kecamatan"].queryset = (
            Kecamatan.objects.filter(puskesmas__in=Puskesmas.objects.for_user(user))
            .distinct()
            .order_by("nama")
        )
        self.filters["kecamatan"].label = "Kecamatan"
