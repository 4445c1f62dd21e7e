from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "pengawasan"
    verbose_name = "P3 Pengawasan dan Pengendalian"

    def ready(self) -> None:
        # Each area registers its deadlines, RTM pack sections, inbox items and notifications
        # on import; one line per area module below.
        from . import (  # noqa: F401
            kotak_masuk_rtm,
            paket_audit,
            paket_register,
            paket_supervisi,
            pemberitahuan_audit,
            pemberitahuan_register,
            pemberitahuan_rtm,
            rtl_panel_pengendalian,
            tanda_tangan_register,
            tenggat_audit,
        )
        from .selectors import rtm_paket  # noqa: F401
