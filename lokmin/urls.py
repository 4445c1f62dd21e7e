from django.urls import path

from . import views, views_pws

app_name = "lokmin"

PWS = "pws/p/<int:puskesmas_pk>/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # PWS
    path(PWS, views_pws.PwsDasborView.as_view(), name="pws_dasbor"),
    path(f"{PWS}isi/", views_pws.PwsIsiView.as_view(), name="pws_isi"),
    path(f"{PWS}templat/", views_pws.PwsTemplatView.as_view(), name="pws_templat"),
    path(f"{PWS}impor/", views_pws.PwsImporView.as_view(), name="pws_impor"),
    path(
        "pws/kabupaten/<int:kabupaten_pk>/",
        views_pws.PwsKabupatenView.as_view(),
        name="pws_kabupaten",
    ),
]
