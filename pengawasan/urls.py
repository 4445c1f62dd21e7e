from django.urls import path

from . import views
from .views import audit as v_audit

app_name = "pengawasan"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
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
