"""URL patterns of P1 Perencanaan, one group per step, in the order of the yearly cycle."""

from django.urls import path

from . import views
from .choices import JenisPembahasan
from .views import analisis, katalog, renstra, rpk, ruk, target, tenggat, tim

app_name = "perencanaan"

KATALOG = "kabupaten/<int:kabupaten_pk>/indikator/"
RENSTRA = "p/<int:puskesmas_pk>/renstra/"
TIM = "p/<int:puskesmas_pk>/tim/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # katalog
    path(KATALOG, katalog.KatalogView.as_view(), name="katalog"),
    path(f"{KATALOG}tambah/", katalog.IndikatorTambahView.as_view(), name="katalog_tambah"),
    path(f"{KATALOG}<int:pk>/ubah/", katalog.IndikatorUbahView.as_view(), name="katalog_ubah"),
    path(f"{KATALOG}<int:pk>/aktif/", katalog.IndikatorAktifView.as_view(), name="katalog_aktif"),
    path(f"{KATALOG}salin/", katalog.KatalogSalinView.as_view(), name="katalog_salin"),
    path(f"{KATALOG}buat/", katalog.KatalogBuatView.as_view(), name="katalog_buat"),
    path(f"{KATALOG}ekspor/", katalog.KatalogEksporView.as_view(), name="katalog_ekspor"),
    path(f"{KATALOG}templat/", katalog.KatalogTemplatView.as_view(), name="katalog_templat"),
    path(f"{KATALOG}impor/", katalog.KatalogImporView.as_view(), name="katalog_impor"),
    path(
        "p/<int:puskesmas_pk>/indikator/",
        katalog.KatalogPuskesmasView.as_view(),
        name="katalog_puskesmas",
    ),
    # renstra
    path(RENSTRA, renstra.RenstraListView.as_view(), name="renstra_list"),
    path(f"{RENSTRA}tambah/", renstra.RenstraTambahView.as_view(), name="renstra_tambah"),
    path(f"{RENSTRA}<int:pk>/", renstra.RenstraDetailView.as_view(), name="renstra_detail"),
    path(f"{RENSTRA}<int:pk>/ubah/", renstra.RenstraUbahView.as_view(), name="renstra_ubah"),
    path(
        f"{RENSTRA}<int:pk>/langkah/", renstra.RenstraLangkahView.as_view(), name="renstra_langkah"
    ),
    # tim
    path(TIM, tim.TimView.as_view(), name="tim"),
    path(f"{TIM}ubah/", tim.TimUbahView.as_view(), name="tim_ubah"),
    path(f"{TIM}sk.pdf", tim.TimSkPdfView.as_view(), name="tim_sk_pdf"),
    path(f"{TIM}langkah/", tim.TimLangkahView.as_view(), name="tim_langkah"),
    # analisis
    path("p/<int:puskesmas_pk>/analisis/", analisis.AnalisisView.as_view(), name="analisis"),
    path(
        "p/<int:puskesmas_pk>/analisis/capaian/",
        analisis.CapaianView.as_view(),
        name="analisis_capaian",
    ),
    path(
        "p/<int:puskesmas_pk>/analisis/masalah/tambah/",
        analisis.MasalahTambahView.as_view(),
        name="masalah_tambah",
    ),
    path(
        "p/<int:puskesmas_pk>/analisis/pdf/",
        analisis.AnalisisPdfView.as_view(),
        name="analisis_pdf",
    ),
    path(
        "p/<int:puskesmas_pk>/analisis/survei/tambah/",
        analisis.HasilSurveiTambahView.as_view(),
        name="survei_tambah",
    ),
    path("survei/<int:pk>/hapus/", analisis.HasilSurveiHapusView.as_view(), name="survei_hapus"),
    path("masalah/<int:pk>/", analisis.MasalahDetailView.as_view(), name="masalah_detail"),
    path(
        "masalah/<int:pk>/penyebab/",
        analisis.PenyebabTambahView.as_view(),
        name="penyebab_tambah",
    ),
    path(
        "masalah/<int:pk>/pemecahan/",
        analisis.PemecahanTambahView.as_view(),
        name="pemecahan_tambah",
    ),
    path("penyebab/<int:pk>/hapus/", analisis.PenyebabHapusView.as_view(), name="penyebab_hapus"),
    path(
        "pemecahan/<int:pk>/pilih/", analisis.PemecahanPilihView.as_view(), name="pemecahan_pilih"
    ),
    path(
        "pemecahan/<int:pk>/hapus/", analisis.PemecahanHapusView.as_view(), name="pemecahan_hapus"
    ),
    path("masalah/<int:pk>/ubah/", analisis.MasalahUbahView.as_view(), name="masalah_ubah"),
    path("masalah/<int:pk>/hapus/", analisis.MasalahHapusView.as_view(), name="masalah_hapus"),
    # target
    path("p/<int:puskesmas_pk>/target/", target.TargetView.as_view(), name="target"),
    path(
        "p/<int:puskesmas_pk>/target/ekspor/",
        target.TargetEksporView.as_view(),
        name="target_ekspor",
    ),
    path(
        "p/<int:puskesmas_pk>/target/templat/",
        target.TargetTemplatView.as_view(),
        name="target_templat",
    ),
    path(
        "p/<int:puskesmas_pk>/target/impor/", target.TargetImporView.as_view(), name="target_impor"
    ),
    path("target/<int:pk>/alur/", target.PenetapanAlurView.as_view(), name="target_alur"),
    path("target/<int:pk>/revisi/", target.PenetapanRevisiView.as_view(), name="target_revisi"),
    path("target/<int:pk>/sk/", target.TargetSkTetapkanView.as_view(), name="target_sk"),
    path("target/indikator/<int:pk>/", target.TargetDetailView.as_view(), name="target_detail"),
    path("sk-target/<int:pk>/pdf/", target.TargetSkPdfView.as_view(), name="target_sk_pdf"),
    # ruk
    path("p/<int:puskesmas_pk>/ruk/", ruk.RUKListView.as_view(), name="ruk_list"),
    path("p/<int:puskesmas_pk>/ruk/buat/", ruk.RUKBuatView.as_view(), name="ruk_buat"),
    path("ruk/<int:pk>/", ruk.RUKDetailView.as_view(), name="ruk_detail"),
    path("ruk/<int:pk>/alur/", ruk.RUKAlurView.as_view(), name="ruk_alur"),
    path(
        "ruk/<int:pk>/kegiatan/tambah/",
        ruk.KegiatanRUKTambahView.as_view(),
        name="ruk_kegiatan_tambah",
    ),
    path(
        "ruk/kegiatan/<int:pk>/ubah/", ruk.KegiatanRUKUbahView.as_view(), name="ruk_kegiatan_ubah"
    ),
    path(
        "ruk/kegiatan/<int:pk>/hapus/",
        ruk.KegiatanRUKHapusView.as_view(),
        name="ruk_kegiatan_hapus",
    ),
    path("ruk/<int:pk>/pdf/", ruk.RUKPdfView.as_view(), name="ruk_pdf"),
    path("ruk/<int:pk>/xlsx/", ruk.RUKXlsxView.as_view(), name="ruk_xlsx"),
    path("ruk/<int:pk>/templat.xlsx", ruk.RUKTemplatView.as_view(), name="ruk_templat"),
    path("ruk/<int:pk>/impor/", ruk.RUKImporView.as_view(), name="ruk_impor"),
    path("kabupaten/<int:kabupaten_pk>/ruk/", ruk.RUKKabupatenView.as_view(), name="ruk_kabupaten"),
    # rpk
    path("ruk/<int:pk>/rpk/", rpk.RPKSusunView.as_view(), name="rpk_susun"),
    path("p/<int:puskesmas_pk>/rpk/", rpk.RPKListView.as_view(), name="rpk_list"),
    path("p/<int:puskesmas_pk>/rpk/bulan/", rpk.RPKBulanView.as_view(), name="rpk_bulan"),
    path("rpk/<int:pk>/", rpk.RPKDetailView.as_view(), name="rpk_detail"),
    path(
        "rpk/<int:pk>/pembahasan/lintas-program/",
        rpk.RPKPembahasanView.as_view(jenis=JenisPembahasan.LINTAS_PROGRAM),
        name="rpk_pembahasan_lp",
    ),
    path(
        "rpk/<int:pk>/pembahasan/lintas-sektor/",
        rpk.RPKPembahasanView.as_view(jenis=JenisPembahasan.LINTAS_SEKTOR),
        name="rpk_pembahasan_ls",
    ),
    path("rpk/<int:pk>/pagu/", rpk.RPKPaguView.as_view(), name="rpk_pagu"),
    path("rpk/<int:pk>/alur/", rpk.RPKAlurView.as_view(), name="rpk_alur"),
    path("rpk/<int:pk>/pdf/", rpk.RPKPdfView.as_view(), name="rpk_pdf"),
    path("rpk/<int:pk>/excel/", rpk.RPKXlsxView.as_view(), name="rpk_xlsx"),
    path(
        "rpk/<int:pk>/kegiatan/tambah/",
        rpk.KegiatanRPKTambahView.as_view(),
        name="rpk_kegiatan_tambah",
    ),
    path(
        "rpk/kegiatan/<int:pk>/ubah/", rpk.KegiatanRPKUbahView.as_view(), name="rpk_kegiatan_ubah"
    ),
    path(
        "rpk/kegiatan/<int:pk>/hapus/",
        rpk.KegiatanRPKHapusView.as_view(),
        name="rpk_kegiatan_hapus",
    ),
    path(
        "kabupaten/<int:kabupaten_pk>/tahapan/",
        ruk.TahapanKabupatenView.as_view(),
        name="tahapan_kabupaten",
    ),
    path(
        "kabupaten/<int:kabupaten_pk>/target-beda/",
        target.TargetBedaKabupatenView.as_view(),
        name="target_beda_kabupaten",
    ),
    path(
        "kabupaten/<int:kabupaten_pk>/sk-target/zip/",
        target.TargetSkKabupatenZipView.as_view(),
        name="sk_target_kabupaten_zip",
    ),
    # tenggat
    path(
        "kabupaten/<int:kabupaten_pk>/kepatuhan/",
        tenggat.KepatuhanView.as_view(),
        name="tenggat_kepatuhan",
    ),
    path(
        "kabupaten/<int:kabupaten_pk>/tenggat/",
        tenggat.TenggatKabupatenView.as_view(),
        name="tenggat_kabupaten",
    ),
]
