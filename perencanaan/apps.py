from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    name = "perencanaan"
    verbose_name = "P1 Perencanaan"
