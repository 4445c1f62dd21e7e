from django.urls import path

from .views import index, lokmin, realisasi

app_name = "lokmin"

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
]
