from django.apps import AppConfig


class PkpConfig(AppConfig):
    name = "pkp"
    verbose_name = "Penilaian Kinerja Puskesmas"

    def ready(self) -> None:
        # The assessments waiting for someone join the core's work inbox.
        from . import kotak_masuk  # noqa: F401
