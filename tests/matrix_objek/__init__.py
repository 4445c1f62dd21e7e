"""Objects the URL matrix needs: one of each model, owned by Puskesmas A / kabupaten X.

Each module here defines ``buat(dunia)`` creating the objects of one area (use the
factories); the matrix calls every module, so a new app only adds a file.
"""

import importlib
import pkgutil


def buat_semua(dunia) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}").buat(dunia)
