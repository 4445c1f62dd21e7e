from django.apps import AppConfig


class PkpConfig(AppConfig):
    name = "pkp"
    verbose_name = "Penilaian Kinerja Puskesmas"

    def ready(self) -> None:
        # PKP plugs into the core's registries (the core never imports PKP):
        # - P1's suggestion rules (1.1.1–1.1.3) join the registry of suggestion rules;
        #   P3's register and quality rules (1.1.9–1.1.13) join it too;
        # - a set assessment becomes a source of the next cycle's analisis situasi;
        # - the PKP due dates (submission, verification) join the due-date registry
        #   (``tenggat`` registers on import);
        # - the assessments waiting for someone join the work inbox (``kotak_masuk``).
        from puskesmas.alat import sumber_analisis

        from . import kotak_masuk, saran_p1, saran_p3_audit, tenggat  # noqa: F401
        from .selectors import perencanaan

        saran_p1.daftarkan()
        from . import saran_p3_rtm

        saran_p3_rtm.daftarkan()
        saran_p3_audit.daftarkan()
        from . import saran_p1, saran_p3_register  # noqa: F401

        saran_p1.daftarkan()
        saran_p3_register.daftarkan()
        sumber_analisis.daftar(perencanaan.KODE, perencanaan.bagian_analisis)
