"""URL patterns of PKP."""

from django.urls import path

from . import views
from .views import instrumen, peringkat

app_name = "pkp"

INSTRUMEN = "kabupaten/<int:kabupaten_pk>/instrumen/"
PERINGKAT = "kabupaten/<int:kabupaten_pk>/peringkat/"

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
    # peringkat
    path(PERINGKAT, peringkat.PeringkatKabupatenView.as_view(), name="peringkat"),
    path(f"{PERINGKAT}xlsx/", peringkat.PeringkatXlsxView.as_view(), name="peringkat_xlsx"),
    path(f"{PERINGKAT}pdf/", peringkat.PeringkatPdfView.as_view(), name="peringkat_pdf"),
    path(
        "peringkat/nasional/",
        peringkat.PeringkatNasionalView.as_view(),
        name="peringkat_nasional",
    ),
    path(
        "p/<int:puskesmas_pk>/hasil/",
        peringkat.HasilPuskesmasView.as_view(),
        name="hasil_puskesmas",
    ),
]
