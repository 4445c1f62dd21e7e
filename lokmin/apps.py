from django.apps import AppConfig


class LokminConfig(AppConfig):
    name = "lokmin"
    verbose_name = "P2 Lokakarya Mini dan PWS"

    def ready(self) -> None:
        # The Lokmin bulanan and tribulanan and the monthly PWS join the core's due-date
        # registry (each module registers on import); the PWS of the month and the PIS-PK
        # agenda item join the sections the Lokmin notulen pulls in (after the RPK ones).
        from . import tarikan_pispk, tarikan_pws, tenggat, tenggat_pws  # noqa: F401
