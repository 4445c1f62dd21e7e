from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "pengawasan"
    verbose_name = "P3 Pengawasan dan Pengendalian"

    def ready(self) -> None:
        # Each area registers its deadlines, RTM pack sections, inbox items and notifications
        # on import; one line per area module below.
        from . import paket_register, pemberitahuan_register, tanda_tangan_register  # noqa: F401
