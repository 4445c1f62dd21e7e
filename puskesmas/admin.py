"""Admin for reference data and accounts only; day-to-day work happens in the app's pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Kabupaten,
    Kecamatan,
    Klaster,
    PenugasanPeran,
    Provinsi,
    Puskesmas,
    TahunPerencanaan,
    User,
)


@admin.register(Provinsi)
class ProvinsiAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]


@admin.register(Kabupaten)
class KabupatenAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "jenis", "provinsi"]
    list_filter = ["jenis", "provinsi"]
    search_fields = ["kode", "nama"]
    list_select_related = ["provinsi"]


@admin.register(Kecamatan)
class KecamatanAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "kabupaten"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kabupaten"]
    autocomplete_fields = ["kabupaten"]


@admin.register(Puskesmas)
class PuskesmasAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "kecamatan", "kabupaten", "rawat_inap"]
    list_filter = ["rawat_inap"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan", "kabupaten"]
    autocomplete_fields = ["kecamatan"]


@admin.register(Klaster)
class KlasterAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "nama"]


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
