from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import gangguan, views, views_latar

auth_patterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/ubah/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "kata-sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("kata-sandi/lupa/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "kata-sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "kata-sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "kata-sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

puskesmas_patterns = [
    path("", views.PuskesmasListView.as_view(), name="puskesmas_list"),
    path("<int:puskesmas_pk>/", views.PuskesmasDetailView.as_view(), name="puskesmas_detail"),
    path("<int:puskesmas_pk>/ubah/", views.PuskesmasUpdateView.as_view(), name="puskesmas_ubah"),
    path("<int:puskesmas_pk>/riwayat/", views.RiwayatPuskesmasView.as_view(), name="riwayat"),
    path("<int:puskesmas_pk>/desa/tambah/", views.DesaCreateView.as_view(), name="desa_tambah"),
    path(
        "<int:puskesmas_pk>/desa/<int:pk>/ubah/", views.DesaUpdateView.as_view(), name="desa_ubah"
    ),
    path(
        "<int:puskesmas_pk>/desa/<int:pk>/hapus/", views.DesaDeleteView.as_view(), name="desa_hapus"
    ),
    path(
        "<int:puskesmas_pk>/desa/<int:pk>/sasaran/",
        views.SasaranDesaView.as_view(),
        name="desa_sasaran",
    ),
    path("<int:puskesmas_pk>/pustu/tambah/", views.PustuCreateView.as_view(), name="pustu_tambah"),
    path(
        "<int:puskesmas_pk>/pustu/<int:pk>/ubah/",
        views.PustuUpdateView.as_view(),
        name="pustu_ubah",
    ),
    path(
        "<int:puskesmas_pk>/pustu/<int:pk>/hapus/",
        views.PustuDeleteView.as_view(),
        name="pustu_hapus",
    ),
]

urlpatterns = [
    path("", views.BerandaView.as_view(), name="beranda"),
    path("akun/", include(auth_patterns)),
    path("tahun/", views.PilihTahunView.as_view(), name="pilih_tahun"),
    path("puskesmas/", include(puskesmas_patterns)),
    path("kabupaten/", views.RekapKabupatenIndexView.as_view(), name="rekap_kabupaten_index"),
    path("kabupaten/<int:pk>/", views.RekapKabupatenView.as_view(), name="rekap_kabupaten"),
    path("notifikasi/", views.NotifikasiListView.as_view(), name="notifikasi_list"),
    path("notifikasi/baca/", views.NotifikasiBacaView.as_view(), name="notifikasi_baca_semua"),
    path("notifikasi/<int:pk>/baca/", views.NotifikasiBacaView.as_view(), name="notifikasi_baca"),
    path("tugas/<int:pk>/", views.TugasLatarView.as_view(), name="tugas_latar"),
    path(
        "tugas/<int:pk>/ulang/", views_latar.TugasLatarUlangView.as_view(), name="tugas_latar_ulang"
    ),
    path("sehat/", gangguan.sehat, name="sehat"),
    path("pengguna/", include("puskesmas.urls_pengguna")),
    path("perencanaan/", include("perencanaan.urls")),
    path("lokmin/", include("lokmin.urls")),
    path("pengawasan/", include("pengawasan.urls")),
    path("pkp/", include("pkp.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Admin data referensi"
admin.site.site_title = "Admin SIMPUS Manajemen"
