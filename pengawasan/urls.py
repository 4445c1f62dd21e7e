from django.urls import path

from . import views
from .views import pengendalian as v_pengendalian
from .views import rtm as v_rtm
from .views import supervisi as v_supervisi

app_name = "pengawasan"

SP = "supervisi/p/<int:puskesmas_pk>/"

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
]
