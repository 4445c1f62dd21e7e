from django.apps import AppConfig


class PkpConfig(AppConfig):
    name = "pkp"
    verbose_name = "Penilaian Kinerja Puskesmas"

    def ready(self) -> None:
        # The PKP due dates (submission, verification) join the core's due-date registry.
        from . import tenggat  # noqa: F401
