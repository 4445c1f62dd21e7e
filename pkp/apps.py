from django.apps import AppConfig


class PkpConfig(AppConfig):
    name = "pkp"
    verbose_name = "Penilaian Kinerja Puskesmas"

    def ready(self) -> None:
        # P1's suggestion rules (1.1.1–1.1.3) join the registry of suggestion rules, and a
        # set assessment becomes a source of the next cycle's analisis situasi (P1 reads it
        # through the core's registry, never by importing PKP).
        from puskesmas.alat import sumber_analisis

        from . import saran_p1
        from .selectors import perencanaan

        saran_p1.daftarkan()
        sumber_analisis.daftar(perencanaan.KODE, perencanaan.bagian_analisis)
        # The PKP due dates (submission, verification) join the core's due-date registry.
        from . import tenggat  # noqa: F401
