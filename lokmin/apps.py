from django.apps import AppConfig


class LokminConfig(AppConfig):
    name = "lokmin"
    verbose_name = "P2 Lokakarya Mini dan PWS"

    def ready(self) -> None:
        # The monthly PWS due date joins the core's due-date registry.
        from . import tenggat_pws  # noqa: F401
