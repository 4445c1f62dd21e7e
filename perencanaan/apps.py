import importlib
import pkgutil

from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    name = "perencanaan"
    verbose_name = "P1 Perencanaan"

    def ready(self) -> None:
        # The two February due dates join the core's due-date registry; the notifications of
        # each workflow step and the work-inbox providers join theirs.
        # Service modules register their background jobs (puskesmas.alat.latar); load them all
        # so the web process and the Celery worker know the same jobs.
        from . import (
            kotak_masuk,  # noqa: F401
            pemberitahuan,  # noqa: F401
            services,
            tenggat,  # noqa: F401
        )

        for info in pkgutil.iter_modules(services.__path__):
            importlib.import_module(f"{services.__name__}.{info.name}")
