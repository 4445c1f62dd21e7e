from django.apps import AppConfig


class PkpConfig(AppConfig):
    name = "pkp"
    verbose_name = "Penilaian Kinerja Puskesmas"

    def ready(self) -> None:
        # P1's suggestion rules (1.1.1–1.1.3) join the registry of suggestion rules.
        from . import saran_p1

        saran_p1.daftarkan()
