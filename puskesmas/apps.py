from django.apps import AppConfig


class PuskesmasConfig(AppConfig):
    name = "puskesmas"
    verbose_name = "Inti: wilayah, Puskesmas, pengguna"
