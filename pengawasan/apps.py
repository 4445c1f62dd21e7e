from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "pengawasan"
    verbose_name = "P3 Pengawasan dan Pengendalian"

    def ready(self) -> None:
        # Each area registers its deadlines, RTM pack sections, inbox items and notifications
        # on import; one line per area module below.
        from . import kotak_masuk_rtm, pemberitahuan_rtm, rtl_panel_pengendalian  # noqa: F401
        from .selectors import rtm_paket  # noqa: F401
