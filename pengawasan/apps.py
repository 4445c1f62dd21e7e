from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "pengawasan"
    verbose_name = "P3 Pengawasan dan Pengendalian"
