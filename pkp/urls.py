"""URL patterns of PKP."""

from django.urls import path

from . import views
from .views import instrumen, penilaian, peringkat, verifikasi

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
    path(
        "instrumen/<int:pk>/ekspor/",
        instrumen.InstrumenEksporView.as_view(),
        name="instrumen_ekspor",
    ),
    path(
        "instrumen/<int:pk>/impor/", instrumen.InstrumenImporView.as_view(), name="instrumen_impor"
    ),
    path(
        "instrumen/<int:pk>/kelompok/tambah/",
        instrumen.KelompokTambahView.as_view(),
        name="kelompok_tambah",
    ),
    path(
        "instrumen/<int:pk>/pelayanan/tambah/",
        instrumen.PelayananTambahView.as_view(),
        name="pelayanan_tambah",
    ),
    path(
        "instrumen/pelayanan/<int:pk>/hapus/",
        instrumen.PelayananHapusView.as_view(),
        name="pelayanan_hapus",
    ),
    path(
        "instrumen/<int:pk>/variabel/tambah/",
        instrumen.VariabelTambahView.as_view(),
        name="variabel_tambah",
    ),
    path(
        "instrumen/variabel/<int:pk>/hapus/",
        instrumen.VariabelHapusView.as_view(),
        name="variabel_hapus",
    ),
    path("instrumen/<int:pk>/mutu/tambah/", instrumen.MutuTambahView.as_view(), name="mutu_tambah"),
    path("instrumen/mutu/<int:pk>/hapus/", instrumen.MutuHapusView.as_view(), name="mutu_hapus"),
    # verifikasi Dinkes
    path(
        "kabupaten/<int:kabupaten_pk>/verifikasi/",
        verifikasi.VerifikasiDaftarView.as_view(),
        name="verifikasi_daftar",
    ),
    path("penilaian/<int:pk>/verifikasi/", verifikasi.VerifikasiView.as_view(), name="verifikasi"),
    path(
        "penilaian/<int:pk>/verifikasi/setujui-semua/",
        verifikasi.SetujuiSemuaView.as_view(),
        name="verifikasi_setujui_semua",
    ),
    path(
        "penilaian/<int:pk>/verifikasi/langkah/",
        verifikasi.VerifikasiLangkahView.as_view(),
        name="verifikasi_langkah",
    ),
    path(
        "verifikasi/pelayanan/<int:pk>/",
        verifikasi.PutusanPelayananView.as_view(),
        name="verifikasi_pelayanan",
    ),
    path(
        "verifikasi/manajemen/<int:pk>/",
        verifikasi.PutusanManajemenView.as_view(),
        name="verifikasi_manajemen",
    ),
    path("verifikasi/mutu/<int:pk>/", verifikasi.PutusanMutuView.as_view(), name="verifikasi_mutu"),
    path(
        "penilaian/<int:pk>/umpan-balik.pdf",
        verifikasi.UmpanBalikPdfView.as_view(),
        name="umpan_balik_pdf",
    ),
    path("penilaian/<int:pk>/laporan.pdf", verifikasi.LaporanPdfView.as_view(), name="laporan_pdf"),
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
    path(
        "penilaian/pelayanan/<int:pk>/rtl/",
        penilaian.RtlPelayananView.as_view(),
        name="rtl_pelayanan",
    ),
    path(
        "penilaian/manajemen/<int:pk>/rtl/",
        penilaian.RtlManajemenView.as_view(),
        name="rtl_manajemen",
    ),
    path("penilaian/mutu/<int:pk>/rtl/", penilaian.RtlMutuView.as_view(), name="rtl_mutu"),
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
