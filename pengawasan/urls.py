from django.urls import path

from . import views
from .views import pengendalian as v_pengendalian
from .views import rtm as v_rtm

app_name = "pengawasan"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
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
