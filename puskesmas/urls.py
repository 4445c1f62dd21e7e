from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import gangguan
from .views import beranda, kabupaten, notifikasi, pengguna, puskesmas, rtl, tugas, verifikasi

auth_patterns = [
    path("masuk/", beranda.LoginView.as_view(), name="login"),
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
    path("", puskesmas.PuskesmasListView.as_view(), name="puskesmas_list"),
    path("<int:puskesmas_pk>/", puskesmas.PuskesmasDetailView.as_view(), name="puskesmas_detail"),
    path("<int:puskesmas_pk>/ubah/", puskesmas.PuskesmasUbahView.as_view(), name="puskesmas_ubah"),
    path("<int:puskesmas_pk>/riwayat/", puskesmas.RiwayatPuskesmasView.as_view(), name="riwayat"),
    path("<int:puskesmas_pk>/desa/tambah/", puskesmas.DesaTambahView.as_view(), name="desa_tambah"),
    path(
        "<int:puskesmas_pk>/desa/<int:pk>/ubah/",
        puskesmas.DesaUbahView.as_view(),
        name="desa_ubah",
    ),
    path(
        "<int:puskesmas_pk>/desa/<int:pk>/hapus/",
        puskesmas.DesaHapusView.as_view(),
        name="desa_hapus",
    ),
    path(
        "<int:puskesmas_pk>/desa/<int:pk>/sasaran/",
        puskesmas.SasaranDesaView.as_view(),
        name="desa_sasaran",
    ),
    path(
        "<int:puskesmas_pk>/pustu/tambah/", puskesmas.PustuTambahView.as_view(), name="pustu_tambah"
    ),
    path(
        "<int:puskesmas_pk>/pustu/<int:pk>/ubah/",
        puskesmas.PustuUbahView.as_view(),
        name="pustu_ubah",
    ),
    path(
        "<int:puskesmas_pk>/pustu/<int:pk>/hapus/",
        puskesmas.PustuHapusView.as_view(),
        name="pustu_hapus",
    ),
    path("<int:puskesmas_pk>/rtl/", rtl.RTLPapanView.as_view(), name="rtl_papan"),
]

# RTL (corrective actions) of every part of the cycle: /rtl/<pk>/…
rtl_patterns = [
    path("<int:pk>/", rtl.RTLDetailView.as_view(), name="rtl_detail"),
    path("<int:pk>/progres/", rtl.RTLProgresView.as_view(), name="rtl_progres"),
    path("<int:pk>/tindak-lanjut/", rtl.RTLTindakLanjutView.as_view(), name="rtl_tindak_lanjut"),
    path("<int:pk>/evaluasi/", rtl.RTLEvaluasiView.as_view(), name="rtl_evaluasi"),
    path("<int:pk>/hentikan/", rtl.RTLHentikanView.as_view(), name="rtl_hentikan"),
    path("bukti/<int:pk>/", rtl.BuktiRTLView.as_view(), name="rtl_bukti"),
]

# User management: /pengguna/… (only the ``pk`` of a user as URL argument), namespaced
# "pengguna" so its short names (daftar, tambah, ubah…) do not collide with the others.
pengguna_patterns = [
    path("", pengguna.PenggunaListView.as_view(), name="daftar"),
    path("tambah/", pengguna.PenggunaTambahView.as_view(), name="tambah"),
    path("<int:pk>/", pengguna.PenggunaDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", pengguna.PenggunaUbahView.as_view(), name="ubah"),
    path("<int:pk>/status/", pengguna.PenggunaStatusView.as_view(), name="status"),
    path("<int:pk>/peran/tambah/", pengguna.PenugasanTambahView.as_view(), name="peran_tambah"),
    path("<int:pk>/peran/cabut/", pengguna.PenugasanCabutView.as_view(), name="peran_cabut"),
    path("<int:pk>/kirim-tautan/", pengguna.PenggunaKirimTautanView.as_view(), name="kirim_tautan"),
]

urlpatterns = [
    path("", beranda.BerandaView.as_view(), name="beranda"),
    path("akun/", include(auth_patterns)),
    path("tahun/", beranda.PilihTahunView.as_view(), name="pilih_tahun"),
    path("puskesmas/", include(puskesmas_patterns)),
    path("kabupaten/", kabupaten.RekapKabupatenIndexView.as_view(), name="rekap_kabupaten_index"),
    path("kabupaten/<int:pk>/", kabupaten.RekapKabupatenView.as_view(), name="rekap_kabupaten"),
    path("kabupaten/<int:kabupaten_pk>/rtl/", rtl.RTLKabupatenView.as_view(), name="rtl_kabupaten"),
    path("notifikasi/", notifikasi.NotifikasiListView.as_view(), name="notifikasi_list"),
    path("notifikasi/baca/", notifikasi.NotifikasiBacaView.as_view(), name="notifikasi_baca_semua"),
    path(
        "notifikasi/<int:pk>/baca/", notifikasi.NotifikasiBacaView.as_view(), name="notifikasi_baca"
    ),
    path("tugas/<int:pk>/", tugas.TugasLatarView.as_view(), name="tugas_latar"),
    path("verifikasi/<str:kode>/", verifikasi.VerifikasiView.as_view(), name="verifikasi"),
    path("tugas/<int:pk>/ulang/", tugas.TugasLatarUlangView.as_view(), name="tugas_latar_ulang"),
    path("sehat/", gangguan.sehat, name="sehat"),
    path("pengguna/", include((pengguna_patterns, "pengguna"))),
    path("rtl/", include(rtl_patterns)),
    path("perencanaan/", include("perencanaan.urls")),
    path("lokmin/", include("lokmin.urls")),
    path("pengawasan/", include("pengawasan.urls")),
    path("pkp/", include("pkp.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Admin data referensi"
admin.site.site_title = "Admin SIMPUS Manajemen"
