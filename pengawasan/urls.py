from django.urls import path

from . import views
from .views import audit as v_audit
from .views import pengendalian as v_pengendalian
from .views import register as v_register
from .views import rtm as v_rtm
from .views import supervisi as v_supervisi

app_name = "pengawasan"

SP = "supervisi/p/<int:puskesmas_pk>/"
PKM = "puskesmas/<int:puskesmas_pk>/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # Supervisi
    path(SP, v_supervisi.SupervisiDaftarView.as_view(), name="supervisi_daftar"),
    path(f"{SP}rencana/", v_supervisi.RencanaView.as_view(), name="supervisi_rencana"),
    path(f"{SP}catat/", v_supervisi.CatatView.as_view(), name="supervisi_catat"),
    path(
        f"{SP}catat-dinkes/", v_supervisi.CatatDinkesView.as_view(), name="supervisi_dinkes_catat"
    ),
    path(
        "supervisi/kabupaten/<int:kabupaten_pk>/",
        v_supervisi.SupervisiKabupatenView.as_view(),
        name="supervisi_kabupaten",
    ),
    path("supervisi/<int:pk>/", v_supervisi.SupervisiDetailView.as_view(), name="supervisi_detail"),
    path(
        "supervisi/<int:pk>/ubah/", v_supervisi.SupervisiUbahView.as_view(), name="supervisi_ubah"
    ),
    path("supervisi/<int:pk>/temuan/", v_supervisi.TemuanView.as_view(), name="supervisi_temuan"),
    path(
        "supervisi/<int:pk>/temuan/rtl/",
        v_supervisi.TemuanRTLView.as_view(),
        name="supervisi_temuan_rtl",
    ),
    path(
        "supervisi/<int:pk>/laporan.pdf",
        v_supervisi.SupervisiPdfView.as_view(),
        name="supervisi_pdf",
    ),
    path(
        "supervisi/dinkes/<int:pk>/ubah/",
        v_supervisi.SupervisiDinkesUbahView.as_view(),
        name="supervisi_dinkes_ubah",
    ),
    path(
        "supervisi/dinkes/<int:pk>/temuan/",
        v_supervisi.TemuanDinkesView.as_view(),
        name="supervisi_dinkes_temuan",
    ),
    path(
        "supervisi/dinkes/<int:pk>/temuan/rtl/",
        v_supervisi.TemuanRTLDinkesView.as_view(),
        name="supervisi_dinkes_temuan_rtl",
    ),
    # RTM
    path("rtm/p/<int:puskesmas_pk>/", v_rtm.RTMDaftarView.as_view(), name="rtm_daftar"),
    path("rtm/p/<int:puskesmas_pk>/buat/", v_rtm.RTMBuatView.as_view(), name="rtm_buat"),
    path("rtm/<int:pk>/", v_rtm.RTMDetailView.as_view(), name="rtm_detail"),
    path("rtm/<int:pk>/ubah/", v_rtm.RTMUbahView.as_view(), name="rtm_ubah"),
    path("rtm/<int:pk>/peserta/", v_rtm.RTMPesertaView.as_view(), name="rtm_peserta"),
    path("rtm/<int:pk>/hadir/", v_rtm.RTMHadirView.as_view(), name="rtm_hadir"),
    path("rtm/<int:pk>/rtl/", v_rtm.RTMRTLView.as_view(), name="rtm_rtl"),
    path("rtm/<int:pk>/rtl/hapus/", v_rtm.RTMRTLHapusView.as_view(), name="rtm_rtl_hapus"),
    path("rtm/<int:pk>/alur/", v_rtm.RTMAlurView.as_view(), name="rtm_alur"),
    path("rtm/<int:pk>/notulen.pdf", v_rtm.RTMNotulenPdfView.as_view(), name="rtm_notulen_pdf"),
    # Pengendalian
    path(
        "pengendalian/p/<int:puskesmas_pk>/",
        v_pengendalian.PengendalianView.as_view(),
        name="pengendalian",
    ),
    path(
        "pengendalian/p/<int:puskesmas_pk>/tindak-lanjut/",
        v_pengendalian.PengendalianRTLView.as_view(),
        name="pengendalian_rtl",
    ),
    path(
        "pengendalian/kabupaten/<int:kabupaten_pk>/",
        v_pengendalian.PengendalianKabupatenView.as_view(),
        name="pengendalian_kabupaten",
    ),
    # Audit internal
    path("audit/p/<int:puskesmas_pk>/", v_audit.AuditDaftarView.as_view(), name="audit_daftar"),
    path("audit/p/<int:puskesmas_pk>/tim/", v_audit.TimAuditView.as_view(), name="audit_tim"),
    path(
        "audit/p/<int:puskesmas_pk>/tim/simpan/",
        v_audit.TimAuditSimpanView.as_view(),
        name="audit_tim_simpan",
    ),
    path(
        "audit/p/<int:puskesmas_pk>/tim/anggota/",
        v_audit.TimAnggotaView.as_view(),
        name="audit_tim_anggota",
    ),
    path("audit/tim/<int:pk>/alur/", v_audit.TimAlurView.as_view(), name="audit_tim_alur"),
    path(
        "audit/p/<int:puskesmas_pk>/program/",
        v_audit.ProgramAuditView.as_view(),
        name="audit_program",
    ),
    path(
        "audit/p/<int:puskesmas_pk>/program/buat/",
        v_audit.ProgramBuatView.as_view(),
        name="audit_program_buat",
    ),
    path(
        "audit/p/<int:puskesmas_pk>/program/jadwal/",
        v_audit.JadwalView.as_view(),
        name="audit_jadwal",
    ),
    path(
        "audit/program/<int:pk>/alur/", v_audit.ProgramAlurView.as_view(), name="audit_program_alur"
    ),
    path("audit/jadwal/<int:pk>/mulai/", v_audit.AuditMulaiView.as_view(), name="audit_mulai"),
    path(
        "audit/p/<int:puskesmas_pk>/tilik/", v_audit.TilikDaftarView.as_view(), name="audit_tilik"
    ),
    path(
        "audit/p/<int:puskesmas_pk>/tilik/buat/",
        v_audit.TilikBuatView.as_view(),
        name="audit_tilik_buat",
    ),
    path("audit/tilik/<int:pk>/", v_audit.TilikDetailView.as_view(), name="audit_tilik_detail"),
    path(
        "audit/tilik/<int:pk>/excel/", v_audit.TilikEksporView.as_view(), name="audit_tilik_ekspor"
    ),
    path("audit/<int:pk>/", v_audit.AuditDetailView.as_view(), name="audit_detail"),
    path("audit/<int:pk>/ubah/", v_audit.AuditUbahView.as_view(), name="audit_ubah"),
    path("audit/<int:pk>/hasil/", v_audit.HasilView.as_view(), name="audit_hasil"),
    path("audit/<int:pk>/temuan/", v_audit.TemuanView.as_view(), name="audit_temuan"),
    path(
        "audit/<int:pk>/temuan/analisis/",
        v_audit.TemuanAnalisisView.as_view(),
        name="audit_temuan_analisis",
    ),
    path("audit/<int:pk>/temuan/rtl/", v_audit.TemuanRTLView.as_view(), name="audit_temuan_rtl"),
    path("audit/<int:pk>/temuan/bawa/", v_audit.TemuanBawaView.as_view(), name="audit_temuan_bawa"),
    path("audit/<int:pk>/tutup/", v_audit.AuditTutupView.as_view(), name="audit_tutup"),
    path("audit/<int:pk>/laporan.pdf", v_audit.LaporanPdfView.as_view(), name="audit_laporan_pdf"),
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
