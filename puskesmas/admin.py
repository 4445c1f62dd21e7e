"""Admin for reference data and accounts only; day-to-day work happens in the app's pages."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from .alat.impor import BerkasDitolak, CSVAman, XLSXAman, pesan_terlalu_besar
from .models import (
    Desa,
    Kabupaten,
    Kecamatan,
    Klaster,
    PenugasanPeran,
    Provinsi,
    Puskesmas,
    TahunPerencanaan,
    User,
)
from .resources import (
    DesaResource,
    KabupatenResource,
    KecamatanResource,
    KlasterResource,
    PuskesmasResource,
)


class ImporTerbatasForm(ImportForm):
    """The admin's import form, refusing a file over ``MAX_IMPORT_FILE_SIZE`` before it is
    stored or read (the formats check again on the bytes)."""

    def clean_import_file(self):
        berkas = self.cleaned_data["import_file"]
        if berkas.size > settings.MAX_IMPORT_FILE_SIZE:
            raise forms.ValidationError(
                pesan_terlalu_besar(berkas.size, settings.MAX_IMPORT_FILE_SIZE)
            )
        return berkas


class ImporEksporReferensi(ImportExportMixin):
    """Import/export of reference data: CSV and xlsx only, both bounded like every upload,
    xlsx read by the project's bounded reader and written by its safe writer."""

    formats = import_formats = export_formats = [CSVAman, XLSXAman]
    import_form_class = ImporTerbatasForm
    rollback_on_validation_errors = True  # all rows or none, as every other import

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, BerkasDitolak):
            form.add_error("import_file", e.pesan)
        else:
            super().add_data_read_fail_error_to_form(form, e)


@admin.register(Provinsi)
class ProvinsiAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]


@admin.register(Kabupaten)
class KabupatenAdmin(ImporEksporReferensi, SimpleHistoryAdmin):
    resource_classes = [KabupatenResource]
    list_display = ["kode", "nama", "jenis", "provinsi"]
    list_filter = ["jenis", "provinsi"]
    search_fields = ["kode", "nama"]
    list_select_related = ["provinsi"]


@admin.register(Kecamatan)
class KecamatanAdmin(ImporEksporReferensi, SimpleHistoryAdmin):
    resource_classes = [KecamatanResource]
    list_display = ["kode", "nama", "kabupaten"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kabupaten"]
    autocomplete_fields = ["kabupaten"]


@admin.register(Puskesmas)
class PuskesmasAdmin(ImporEksporReferensi, SimpleHistoryAdmin):
    resource_classes = [PuskesmasResource]
    list_display = ["kode", "nama", "kecamatan", "kabupaten", "rawat_inap"]
    list_filter = ["rawat_inap"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan", "kabupaten"]
    autocomplete_fields = ["kecamatan"]


@admin.register(Klaster)
class KlasterAdmin(ImporEksporReferensi, SimpleHistoryAdmin):
    resource_classes = [KlasterResource]
    list_display = ["nomor", "nama"]


@admin.register(Desa)
class DesaAdmin(ImporEksporReferensi, SimpleHistoryAdmin):
    resource_classes = [DesaResource]
    list_display = ["kode", "nama", "jenis", "puskesmas"]
    list_filter = ["jenis"]
    search_fields = ["kode", "nama"]
    list_select_related = ["puskesmas"]
    autocomplete_fields = ["puskesmas"]


@admin.register(TahunPerencanaan)
class TahunPerencanaanAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "aktif"]


class PenugasanInline(admin.TabularInline):
    model = PenugasanPeran
    extra = 0
    autocomplete_fields = ["puskesmas", "kabupaten"]


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "nama_lengkap", "nip", "jabatan", "is_active"]
    search_fields = ["username", "nama_lengkap", "nip"]
    fieldsets = UserAdmin.fieldsets + (
        ("Kepegawaian", {"fields": ("nama_lengkap", "nip", "jabatan")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Kepegawaian", {"fields": ("nama_lengkap", "nip", "jabatan")}),
    )
    inlines = [PenugasanInline]
