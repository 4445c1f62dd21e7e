from django.apps import AppConfig


class PuskesmasConfig(AppConfig):
    name = "puskesmas"
    verbose_name = "Inti: wilayah, Puskesmas, pengguna"

    def ready(self):
        # Sessions are stamped at sign-in, so the first page view after it writes nothing.
        from django.contrib.auth.signals import user_logged_in

        from .sesi import stempel_saat_masuk

        user_logged_in.connect(stempel_saat_masuk, dispatch_uid="puskesmas.sesi.stempel")

        # The deadline registry's overdue and soon-due items join the work inbox.
        from .alat import kotak_masuk
        from .selectors.tenggat import kotak_masuk_tenggat

        kotak_masuk.daftar("tenggat", kotak_masuk_tenggat)
        from .selectors.rtl import kotak_masuk_rtl

        kotak_masuk.daftar("rtl", kotak_masuk_rtl)

        # Large PDFs are rendered by a background job (alat/dokumen.py).
        from .alat import dokumen

        dokumen.daftar_tugas()

        # Statements kept per process are forgotten when the schema changes under it.
        from django.db.models.signals import post_migrate

        from .alat import kueri_tersusun

        post_migrate.connect(
            lambda **kwargs: kueri_tersusun.kosongkan(), dispatch_uid="puskesmas.kueri_tersusun"
        )
