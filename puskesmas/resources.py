"""Reference data in and out of the national admin's ``/admin/`` (django-import-export).

Rows are matched by their official codes (Kemendagri codes for regions, the Kemenkes code
for a Puskesmas, the number of a klaster), and foreign keys are written as codes too, so a
file exported from one installation imports into another. Every instance is validated as a
form would (``clean_model_instances``) before anything is saved.
"""

from __future__ import annotations

from import_export import resources
from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget

from .models import Desa, Kabupaten, Kecamatan, Klaster, Provinsi, Puskesmas


class KodeWidget(ForeignKeyWidget):
    """A foreign key by code; an unknown code is a validation error of its cell, in
    Indonesian, not an exception that stops the row."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except self.model.DoesNotExist:
            nama = self.model._meta.verbose_name
            raise ValueError(
                f"{nama.capitalize()} dengan {self.field} «{value}» tidak ada."
            ) from None


def _fk(attribute: str, model, field: str = "kode") -> Field:
    return Field(attribute=attribute, column_name=attribute, widget=KodeWidget(model, field))


class _Referensi(resources.ModelResource):
    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False


class KabupatenResource(_Referensi):
    provinsi = _fk("provinsi", Provinsi)

    class Meta(_Referensi.Meta):
        model = Kabupaten
        import_id_fields = ("kode",)
        fields = (
            "kode",
            "nama",
            "jenis",
            "provinsi",
            "nama_dinkes",
            "alamat_dinkes",
            "kepala_dinkes_nama",
            "kepala_dinkes_nip",
        )


class KecamatanResource(_Referensi):
    kabupaten = _fk("kabupaten", Kabupaten)

    class Meta(_Referensi.Meta):
        model = Kecamatan
        import_id_fields = ("kode",)
        fields = ("kode", "nama", "kabupaten")


class PuskesmasResource(_Referensi):
    kecamatan = _fk("kecamatan", Kecamatan)
    kabupaten = _fk("kabupaten", Kabupaten)

    class Meta(_Referensi.Meta):
        model = Puskesmas
        import_id_fields = ("kode",)
        fields = (
            "kode",
            "nama",
            "kecamatan",
            "kabupaten",
            "rawat_inap",
            "alamat",
            "telepon",
            "email",
            "kepala_nama",
            "kepala_nip",
        )


class DesaResource(_Referensi):
    puskesmas = _fk("puskesmas", Puskesmas)

    class Meta(_Referensi.Meta):
        model = Desa
        import_id_fields = ("puskesmas", "kode")
        fields = ("puskesmas", "kode", "nama", "jenis")


class KlasterResource(_Referensi):
    class Meta(_Referensi.Meta):
        model = Klaster
        import_id_fields = ("nomor",)
        fields = ("nomor", "nama")
