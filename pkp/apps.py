from django.apps import AppConfig


class PkpConfig(AppConfig):
    name = "pkp"
    verbose_name = "Penilaian Kinerja Puskesmas"

    def ready(self) -> None:
        # PKP plugs into the core's registries (the core never imports PKP):
        # - the suggestion rules join the registry of suggestion rules: P1's (1.1.1–1.1.3),
        #   P2's (1.1.4–1.1.6) and P3's (1.1.9–1.1.15), each read through its app's selectors;
        # - a set assessment becomes a source of the next cycle's analisis situasi;
        # - the PKP due dates (submission, verification) join the due-date registry
        #   (``tenggat`` registers on import);
        # - the assessments waiting for someone join the work inbox (``kotak_masuk``);
        # - who hears of each workflow step joins the notification registry
        #   (``pemberitahuan`` declares on import).
        from puskesmas.alat import sumber_analisis

        from . import (  # noqa: F401
            kotak_masuk,
            pemberitahuan,
            saran_p1,
            saran_p2,
            saran_p3_audit,
            saran_p3_register,
            saran_p3_rtm,
            tenggat,
        )
        from .selectors import perencanaan

        saran_p1.daftarkan()
        saran_p2.daftarkan()
        saran_p3_register.daftarkan()
        saran_p3_audit.daftarkan()
        saran_p3_rtm.daftarkan()
        sumber_analisis.daftar(perencanaan.KODE, perencanaan.bagian_analisis)
