from django.urls import path

from . import views
from .views import analisis, katalog, renstra, rpk, ruk, target, tenggat, tim

app_name = "perencanaan"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    *katalog.urlpatterns,
    *renstra.urlpatterns,
    *tim.urlpatterns,
    *analisis.urlpatterns,
    *target.urlpatterns,
    *ruk.urlpatterns,
    *rpk.urlpatterns,
    *tenggat.urlpatterns,
]
