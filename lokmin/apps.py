from django.apps import AppConfig


class LokminConfig(AppConfig):
    name = "lokmin"
    verbose_name = "P2 Lokakarya Mini dan PWS"
