"""The signed-in user, read on every request with a statement composed once per process.

Django's ``ModelBackend.get_user`` asks the ORM for ``User.objects.get(pk=...)`` on every
request; composing that query costs several times what the database takes to answer it.
``ModelBackendTersusun`` reads the same columns through ``kueri_tersusun`` and builds the
user as the ORM does (``Model.from_db``), with the same check (``user_can_authenticate``:
an inactive user is nobody). Signing in, permissions and everything else are
``ModelBackend``'s own.

Django's ``ModelBackend`` stays listed after it only so that sessions signed in before this
backend existed stay valid. It must not check a password a second time: a sign-in this
backend refuses stops here (``PermissionDenied``, which Django's ``authenticate`` treats as
"no", sending ``user_login_failed`` once as before), so a failed or guessed password costs
one hash, not two.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS

from .kueri_tersusun import baris_tersusun


def _kolom(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _baca_pengguna(ids):
    model = get_user_model()
    return model._default_manager.filter(pk__in=ids).values_list(*_kolom(model))


class ModelBackendTersusun(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and password is not None:
            raise PermissionDenied  # the same answer ModelBackend would give: not signed in
        return user

    def get_user(self, user_id):
        if type(user_id) is not int:  # noqa: E721 (the session's key, as the pk field gives it)
            return super().get_user(user_id)
        model = get_user_model()
        baris = baris_tersusun(("pengguna_sesi", model._meta.label), _baca_pengguna, [user_id])
        if not baris:
            return None
        user = model.from_db(DEFAULT_DB_ALIAS, _kolom(model), baris[0])
        return user if self.user_can_authenticate(user) else None
