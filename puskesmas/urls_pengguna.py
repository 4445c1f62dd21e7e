"""User management: /pengguna/… (only ``pk`` of a user as URL argument)."""

from django.urls import path

from .views import pengguna as views

app_name = "pengguna"

urlpatterns = [
    path("", views.PenggunaListView.as_view(), name="daftar"),
    path("tambah/", views.PenggunaTambahView.as_view(), name="tambah"),
    path("<int:pk>/", views.PenggunaDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.PenggunaUbahView.as_view(), name="ubah"),
    path("<int:pk>/status/", views.PenggunaStatusView.as_view(), name="status"),
    path("<int:pk>/peran/tambah/", views.PenugasanTambahView.as_view(), name="peran_tambah"),
    path("<int:pk>/peran/cabut/", views.PenugasanCabutView.as_view(), name="peran_cabut"),
    path("<int:pk>/kirim-tautan/", views.PenggunaKirimTautanView.as_view(), name="kirim_tautan"),
]
