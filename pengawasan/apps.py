from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "pengawasan"
    verbose_name = "P3 Pengawasan dan Pengendalian"

    def ready(self) -> None:
        # Each area registers its deadlines, RTM pack sections, inbox items and notifications
        # on import; one line per area module below.
        from . import (  # noqa: F401  # noqa: F401
            kotak_masuk_rtm,
            paket_audit,
            paket_supervisi,  # noqa: F401
            pemberitahuan_audit,
            pemberitahuan_rtm,
            rtl_panel_pengendalian,
            tenggat_audit,
        )
        from .selectors import rtm_paket  # noqa: F401
