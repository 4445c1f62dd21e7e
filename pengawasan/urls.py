from django.urls import path

from . import views
from .views import register as v_register

app_name = "pengawasan"

PKM = "puskesmas/<int:puskesmas_pk>/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
]

# Registers and the quality programme.
urlpatterns += [
    path(f"{PKM}mutu/", v_register.RegisterView.as_view(), name="register"),
    path(f"{PKM}pengaduan/", v_register.PengaduanDaftarView.as_view(), name="pengaduan"),
    path(f"{PKM}pengaduan/baru/", v_register.PengaduanBuatView.as_view(), name="pengaduan_buat"),
    path(f"{PKM}pengaduan/media/", v_register.MediaPengaduanView.as_view(), name="pengaduan_media"),
    path(
        f"{PKM}pengaduan/ekspor.xlsx",
        v_register.RegisterEksporView.as_view(jenis="pengaduan"),
        name="pengaduan_xlsx",
    ),
    path(
        f"{PKM}pengaduan/register.pdf",
        v_register.RegisterPdfView.as_view(jenis="pengaduan"),
        name="pengaduan_pdf",
    ),
    path("pengaduan/<int:pk>/", v_register.PengaduanDetailView.as_view(), name="pengaduan_detail"),
    path("pengaduan/<int:pk>/ubah/", v_register.PengaduanUbahView.as_view(), name="pengaduan_ubah"),
    path("pengaduan/<int:pk>/rtl/", v_register.PengaduanRTLView.as_view(), name="pengaduan_rtl"),
    path(
        "pengaduan/<int:pk>/tutup/", v_register.PengaduanTutupView.as_view(), name="pengaduan_tutup"
    ),
    path(f"{PKM}survei/", v_register.SurveiDaftarView.as_view(), name="survei"),
    path(f"{PKM}survei/baru/", v_register.SurveiBuatView.as_view(), name="survei_buat"),
    path(
        f"{PKM}survei/ekspor.xlsx",
        v_register.RegisterEksporView.as_view(jenis="survei"),
        name="survei_xlsx",
    ),
    path(
        f"{PKM}survei/laporan.pdf",
        v_register.RegisterPdfView.as_view(jenis="survei"),
        name="survei_pdf",
    ),
    path("survei/<int:pk>/", v_register.SurveiDetailView.as_view(), name="survei_detail"),
    path("survei/<int:pk>/ubah/", v_register.SurveiUbahView.as_view(), name="survei_ubah"),
    path("survei/<int:pk>/rtl/", v_register.SurveiRTLView.as_view(), name="survei_rtl"),
    path(f"{PKM}risiko/", v_register.RisikoDaftarView.as_view(), name="risiko"),
    path(f"{PKM}risiko/baru/", v_register.RisikoBuatView.as_view(), name="risiko_buat"),
    path(
        f"{PKM}risiko/ekspor.xlsx",
        v_register.RegisterEksporView.as_view(jenis="risiko"),
        name="risiko_xlsx",
    ),
    path(
        f"{PKM}risiko/register.pdf",
        v_register.RegisterPdfView.as_view(jenis="risiko"),
        name="risiko_pdf",
    ),
    path("risiko/<int:pk>/ubah/", v_register.RisikoUbahView.as_view(), name="risiko_ubah"),
    path(f"{PKM}tim-mutu/", v_register.TimMutuView.as_view(), name="tim_mutu"),
    path(f"{PKM}tim-mutu/ubah/", v_register.TimMutuUbahView.as_view(), name="tim_mutu_ubah"),
    path(
        f"{PKM}tim-mutu/langkah/", v_register.TimMutuLangkahView.as_view(), name="tim_mutu_langkah"
    ),
    path(f"{PKM}tim-mutu/sk.pdf", v_register.TimMutuSkPdfView.as_view(), name="tim_mutu_pdf"),
    path(
        f"{PKM}tim-mutu/evaluasi/",
        v_register.EvaluasiTimMutuView.as_view(),
        name="tim_mutu_evaluasi",
    ),
    path(f"{PKM}program-mutu/", v_register.ProgramMutuView.as_view(), name="program_mutu"),
    path(
        f"{PKM}program-mutu/ubah/",
        v_register.RencanaMutuUbahView.as_view(),
        name="program_mutu_ubah",
    ),
    path(
        f"{PKM}program-mutu/rencana.pdf",
        v_register.ProgramMutuPdfView.as_view(),
        name="program_mutu_pdf",
    ),
    path("program-mutu/<int:pk>/kak/", v_register.LampiranKAKView.as_view(), name="lampiran_kak"),
    path(
        "program-mutu/<int:pk>/kegiatan/",
        v_register.KegiatanMutuBuatView.as_view(),
        name="kegiatan_mutu_buat",
    ),
    path(
        "kegiatan-mutu/<int:pk>/ubah/",
        v_register.KegiatanMutuUbahView.as_view(),
        name="kegiatan_mutu_ubah",
    ),
    path(
        "kegiatan-mutu/<int:pk>/realisasi/",
        v_register.KegiatanMutuRealisasiView.as_view(),
        name="kegiatan_mutu_realisasi",
    ),
    path(
        "program-mutu/<int:pk>/kegiatan/hapus/",
        v_register.KegiatanMutuHapusView.as_view(),
        name="kegiatan_mutu_hapus",
    ),
]
