from django.urls import path

from . import views_pws
from .views import index, lokmin, pispk, realisasi

app_name = "lokmin"

PWS = "pws/p/<int:puskesmas_pk>/"

urlpatterns = [
    path("", index.IndexView.as_view(), name="index"),
    path("puskesmas/<int:puskesmas_pk>/", lokmin.LokminDaftarView.as_view(), name="daftar"),
    path("puskesmas/<int:puskesmas_pk>/buat/", lokmin.LokminBuatView.as_view(), name="buat"),
    path("<int:pk>/", lokmin.LokminDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", lokmin.LokminUbahView.as_view(), name="ubah"),
    path("<int:pk>/peserta/pegawai/", lokmin.PesertaPegawaiView.as_view(), name="peserta_pegawai"),
    path("<int:pk>/peserta/luar/", lokmin.PesertaLuarView.as_view(), name="peserta_luar"),
    path("<int:pk>/peserta/hapus/", lokmin.PesertaHapusView.as_view(), name="peserta_hapus"),
    path("<int:pk>/hadir/", lokmin.KehadiranView.as_view(), name="hadir"),
    path("<int:pk>/notulen/", lokmin.NotulenView.as_view(), name="notulen"),
    path("<int:pk>/tinjauan/", lokmin.TinjauanView.as_view(), name="tinjauan"),
    path("<int:pk>/rtl/", lokmin.LokminRTLView.as_view(), name="rtl"),
    path("<int:pk>/rtl/hapus/", lokmin.LokminRTLHapusView.as_view(), name="rtl_hapus"),
    path("<int:pk>/alur/", lokmin.LokminAlurView.as_view(), name="alur"),
    path("<int:pk>/undangan.pdf", lokmin.UndanganPdfView.as_view(), name="undangan_pdf"),
    path("<int:pk>/daftar-hadir.pdf", lokmin.DaftarHadirPdfView.as_view(), name="daftar_hadir_pdf"),
    path("<int:pk>/notulen.pdf", lokmin.NotulenPdfView.as_view(), name="notulen_pdf"),
    path(
        "puskesmas/<int:puskesmas_pk>/realisasi/",
        realisasi.RealisasiBulanView.as_view(),
        name="realisasi",
    ),
    path(
        "puskesmas/<int:puskesmas_pk>/realisasi/rekap/",
        realisasi.RealisasiRekapView.as_view(),
        name="realisasi_rekap",
    ),
    # PWS
    path(PWS, views_pws.PwsDasborView.as_view(), name="pws_dasbor"),
    path(f"{PWS}isi/", views_pws.PwsIsiView.as_view(), name="pws_isi"),
    path(f"{PWS}templat/", views_pws.PwsTemplatView.as_view(), name="pws_templat"),
    path(f"{PWS}impor/", views_pws.PwsImporView.as_view(), name="pws_impor"),
    # PIS-PK
    path("pispk/p/<int:puskesmas_pk>/", pispk.PispkView.as_view(), name="pispk"),
    path(
        "pispk/p/<int:puskesmas_pk>/templat/",
        pispk.PispkTemplatView.as_view(),
        name="pispk_templat",
    ),
    path("pispk/p/<int:puskesmas_pk>/impor/", pispk.PispkImporView.as_view(), name="pispk_impor"),
    path(
        "pws/kabupaten/<int:kabupaten_pk>/",
        views_pws.PwsKabupatenView.as_view(),
        name="pws_kabupaten",
    ),
]
