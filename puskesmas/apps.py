from django.apps import AppConfig


class PuskesmasConfig(AppConfig):
    name = "puskesmas"
    verbose_name = "Inti: wilayah, Puskesmas, pengguna"

    def ready(self):
        # Sessions are stamped at sign-in, so the first page view after it writes nothing.
        from django.contrib.auth.signals import user_logged_in

        from .sesi import stempel_saat_masuk

        user_logged_in.connect(stempel_saat_masuk, dispatch_uid="puskesmas.sesi.stempel")
