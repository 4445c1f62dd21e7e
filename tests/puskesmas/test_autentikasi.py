"""The signed-in user read with a statement composed once (``alat/autentikasi.py``): the same
user as Django's ``ModelBackend`` gives, one query, and nobody for an inactive account."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.forms.models import model_to_dict
from django.urls import reverse

from puskesmas.alat import kueri_tersusun as kt
from puskesmas.alat.autentikasi import ModelBackendTersusun
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
BACKEND = "puskesmas.alat.autentikasi.ModelBackendTersusun"


@pytest.fixture(autouse=True)
def _kosong():
    kt.kosongkan()
    yield
    kt.kosongkan()


def _sama(a, b):
    kolom = [f.attname for f in type(a)._meta.concrete_fields]
    assert [getattr(a, k) for k in kolom] == [getattr(b, k) for k in kolom]
    assert model_to_dict(a) == model_to_dict(b)
    assert a._state.adding is b._state.adding is False
    assert a._state.db == b._state.db


def test_the_same_user_as_djangos_backend_in_one_query(django_assert_num_queries):
    u = UserFactory(nama_lengkap="Dr. Sari", nip="198001012005012001")
    ModelBackendTersusun().get_user(u.pk)
    with django_assert_num_queries(1):
        kita = ModelBackendTersusun().get_user(u.pk)
    _sama(kita, ModelBackend().get_user(u.pk))
    assert kita.get_session_auth_hash() == u.get_session_auth_hash()
    assert any(k[0] == ("pengguna_sesi", "puskesmas.User") for k in kt._simpanan)


def test_nobody_for_an_inactive_or_missing_user():
    u = UserFactory(is_active=False)
    assert ModelBackendTersusun().get_user(u.pk) is None
    assert ModelBackendTersusun().get_user(u.pk + 1000) is None


def test_signing_in_stores_this_backend_and_the_pages_know_the_user(client):
    u = UserFactory(username="sari")
    u.set_password("kata-sandi-panjang-123")
    u.save()
    r = client.post(reverse("login"), {"username": "sari", "password": "kata-sandi-panjang-123"})
    assert r.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == BACKEND
    r = client.get(reverse("beranda"))
    assert r.status_code == 200
    assert r.context["user"].pk == u.pk


def test_a_session_signed_in_with_djangos_backend_stays_signed_in(client):
    u = UserFactory()
    client.force_login(u, backend="django.contrib.auth.backends.ModelBackend")
    r = client.get(reverse("beranda"))
    assert r.status_code == 200
    assert r.context["user"].pk == u.pk


def test_a_wrong_password_is_checked_once_and_the_failure_counted_once(client, monkeypatch):
    from axes.models import AccessAttempt
    from django.contrib.auth.signals import user_login_failed

    from puskesmas.models import User

    u = UserFactory(username="sari")
    u.set_password("kata-sandi-panjang-123")
    u.save()
    diperiksa, gagal = [], []
    asli = User.check_password
    monkeypatch.setattr(
        User, "check_password", lambda self, raw: diperiksa.append(raw) or asli(self, raw)
    )
    penerima = lambda **kwargs: gagal.append(kwargs["credentials"]["username"])  # noqa: E731
    user_login_failed.connect(penerima)
    try:
        r = client.post(reverse("login"), {"username": "sari", "password": "salah-sekali-123"})
    finally:
        user_login_failed.disconnect(penerima)
    assert r.status_code == 200  # the form again, with its error
    assert diperiksa == ["salah-sekali-123"]
    assert gagal == ["sari"]
    assert AccessAttempt.objects.get(username="sari").failures_since_start == 1
    assert BACKEND_SESSION_KEY not in client.session
