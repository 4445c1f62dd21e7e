from django.urls import path

from . import views
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
]
