from django.apps import AppConfig


class LokminConfig(AppConfig):
    name = "lokmin"
    verbose_name = "P2 Lokakarya Mini dan PWS"

    def ready(self) -> None:
        # The Lokmin bulanan and tribulanan join the core's due-date registry.
        from . import tenggat  # noqa: F401
