"""The one queryset method that applies a user's scope: ``for_user(user)``.

A model declares the path to its owner, either ``tenant_puskesmas_path`` (to a Puskesmas,
"" for the Puskesmas itself) or ``tenant_kabupaten_path`` (to a kabupaten). Rows outside the
user's scope are simply not there, so views built on it answer 404.
"""

from django.db import models
from django.db.models import Q


def _prefix(path: str) -> str:
    return f"{path}__" if path else ""


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user, aksi=None):
        from .access import Aksi, lingkup

        aksi = aksi or Aksi.LIHAT
        scope = lingkup(user)
        if scope.nasional:
            return self.all()
        model = self.model
        if hasattr(model, "tenant_puskesmas_path"):
            p = _prefix(model.tenant_puskesmas_path)
            condition = Q(**{f"{p}id__in": scope.puskesmas_ids(aksi)}) | Q(
                **{f"{p}kabupaten_id__in": scope.kabupaten_ids(aksi)}
            )
        elif hasattr(model, "tenant_kabupaten_path"):
            p = _prefix(model.tenant_kabupaten_path)
            ids = scope.kabupaten_terlihat() if aksi == Aksi.LIHAT else scope.kabupaten_ids(aksi)
            condition = Q(**{f"{p}id__in": ids})
        else:  # pragma: no cover - a programming error, caught by tests of every model
            raise TypeError(f"{model.__name__} declares no tenant path")
        return self.filter(condition)


class NotifikasiQuerySet(models.QuerySet):
    """Rows that belong to one user (notifications, the user's own background jobs)."""

    def for_user(self, user, aksi=None):
        if not user.is_authenticated:
            return self.none()
        field = "penerima" if hasattr(self.model, "penerima") else "dibuat_oleh"
        return self.filter(**{field: user})

    def belum_dibaca(self):
        return self.filter(dibaca_pada__isnull=True)
