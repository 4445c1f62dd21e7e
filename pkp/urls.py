"""URL patterns of PKP."""

from django.urls import path

from . import views
from .views import instrumen, penilaian

app_name = "pkp"

INSTRUMEN = "kabupaten/<int:kabupaten_pk>/instrumen/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # instrumen
    path(
        "instrumen/nasional/", instrumen.InstrumenNasionalView.as_view(), name="instrumen_nasional"
    ),
    path(INSTRUMEN, instrumen.InstrumenKabupatenView.as_view(), name="instrumen"),
    path(f"{INSTRUMEN}salin/", instrumen.InstrumenSalinView.as_view(), name="instrumen_salin"),
    path(
        "p/<int:puskesmas_pk>/instrumen/",
        instrumen.InstrumenPuskesmasView.as_view(),
        name="instrumen_puskesmas",
    ),
    path("instrumen/<int:pk>/ambang/", instrumen.AmbangUbahView.as_view(), name="ambang_ubah"),
    path(
        "instrumen/variabel/<int:pk>/ubah/",
        instrumen.VariabelUbahView.as_view(),
        name="variabel_ubah",
    ),
    path(
        "instrumen/variabel/<int:pk>/konfirmasi/",
        instrumen.VariabelKonfirmasiView.as_view(),
        name="variabel_konfirmasi",
    ),
    path(
        "instrumen/pelayanan/<int:pk>/ubah/",
        instrumen.IndikatorPelayananUbahView.as_view(),
        name="pelayanan_ubah",
    ),
    path(
        "instrumen/mutu/<int:pk>/ubah/",
        instrumen.IndikatorMutuUbahView.as_view(),
        name="mutu_ubah",
    ),
    # penilaian mandiri
    path("p/<int:puskesmas_pk>/penilaian/", penilaian.PenilaianView.as_view(), name="penilaian"),
    path(
        "p/<int:puskesmas_pk>/penilaian/buka/",
        penilaian.PenilaianBukaView.as_view(),
        name="penilaian_buka",
    ),
    path(
        "penilaian/<int:pk>/ajukan/",
        penilaian.PenilaianAjukanView.as_view(),
        name="penilaian_ajukan",
    ),
    path(
        "penilaian/<int:pk>/pelayanan/",
        penilaian.PelayananIsiView.as_view(),
        name="penilaian_pelayanan",
    ),
    path("penilaian/<int:pk>/mutu/", penilaian.MutuIsiView.as_view(), name="penilaian_mutu"),
    path(
        "penilaian/<int:pk>/manajemen/",
        penilaian.ManajemenIsiView.as_view(),
        name="penilaian_manajemen",
    ),
    path(
        "penilaian/<int:pk>/templat/",
        penilaian.CapaianTemplatView.as_view(),
        name="penilaian_templat",
    ),
    path(
        "penilaian/<int:pk>/impor/",
        penilaian.CapaianImporView.as_view(),
        name="penilaian_impor",
    ),
    path("penilaian/nilai/<int:pk>/bukti/", penilaian.BuktiView.as_view(), name="bukti"),
    path("penilaian/bukti/<int:pk>/hapus/", penilaian.BuktiHapusView.as_view(), name="bukti_hapus"),
    path(
        "penilaian/bukti/<int:pk>/berkas/", penilaian.BuktiBerkasView.as_view(), name="bukti_berkas"
    ),
]
