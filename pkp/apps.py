from django.apps import AppConfig


class PkpConfig(AppConfig):
    name = "pkp"
    verbose_name = "Penilaian Kinerja Puskesmas"

    def ready(self) -> None:
        # PKP plugs into the core's registries (the core never imports PKP):
        # - P1's suggestion rules (1.1.1–1.1.3) and P2's (1.1.4–1.1.6) join the registry
        #   of suggestion rules;
        # - a set assessment becomes a source of the next cycle's analisis situasi;
        # - the PKP due dates (submission, verification) join the due-date registry
        #   (``tenggat`` registers on import);
        # - the assessments waiting for someone join the work inbox (``kotak_masuk``);
        # - who hears of each workflow step joins the notification registry
        #   (``pemberitahuan`` declares on import).
        from puskesmas.alat import sumber_analisis

        from . import kotak_masuk, pemberitahuan, saran_p1, saran_p2, tenggat  # noqa: F401
        from .selectors import perencanaan

        saran_p1.daftarkan()
        saran_p2.daftarkan()
        sumber_analisis.daftar(perencanaan.KODE, perencanaan.bagian_analisis)
