"""Login throttling behind a reverse proxy: whose address is locked (TRUSTED_PROXY_COUNT)."""

import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from puskesmas.alamat_klien import alamat_klien

from .test_settings import PRODUCTION, _manage

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"
PENYERANG = "203.0.113.9"
KORBAN = "198.51.100.7"


def _gagal(client, settings, **meta):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "staf_a", "password": "salah"}, **meta)


def _masuk(client, **meta):
    return client.post(
        reverse("login"), {"username": "staf_a", "password": "rahasia-uji-123"}, **meta
    )


def _lewat_proxy(alamat, dikirim_klien=None):
    """What our proxy passes on: it appends the address it was reached from."""
    xff = f"{dikirim_klien}, {alamat}" if dikirim_klien else alamat
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": xff}


def test_behind_one_proxy_the_client_is_locked_not_the_proxy(client, dunia, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _gagal(client, settings, **_lewat_proxy(PENYERANG))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PENYERANG}
    assert _masuk(client, **_lewat_proxy(PENYERANG)).status_code == 429
    # Someone else reaching the same proxy signs in to the same account.
    assert _masuk(client, **_lewat_proxy(KORBAN)).status_code == 302


def test_behind_a_proxy_a_forged_header_neither_dodges_nor_causes_a_lockout(
    client, dunia, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker writes the victim's address (then new ones) into X-Forwarded-For; the
    # proxy appends the attacker's real address, and only that one is believed.
    for i in range(settings.AXES_FAILURE_LIMIT):
        meta = _lewat_proxy(PENYERANG, dikirim_klien=f"{KORBAN}, 192.0.2.{i}")
        client.post(reverse("login"), {"username": "staf_a", "password": "salah"}, **meta)
    assert _masuk(client, **_lewat_proxy(PENYERANG, dikirim_klien="192.0.2.77")).status_code == 429
    assert _masuk(client, **_lewat_proxy(KORBAN)).status_code == 302


def test_without_a_proxy_the_header_is_ignored(client, dunia, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    # A new forged address on every attempt does not dodge the lockout...
    for i in range(settings.AXES_FAILURE_LIMIT):
        meta = {"REMOTE_ADDR": PENYERANG, "HTTP_X_FORWARDED_FOR": f"192.0.2.{i}"}
        client.post(reverse("login"), {"username": "staf_a", "password": "salah"}, **meta)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PENYERANG}
    forged = {"REMOTE_ADDR": PENYERANG, "HTTP_X_FORWARDED_FOR": KORBAN}
    assert _masuk(client, **forged).status_code == 429
    # ...and naming the victim's address did not lock the victim.
    assert _masuk(client, REMOTE_ADDR=KORBAN).status_code == 302


@pytest.mark.parametrize(
    "jumlah, xff, diharapkan",
    [
        (0, "198.51.100.7", PROXY),
        (1, "", PROXY),  # not through the proxy: its own peer
        (1, "198.51.100.7, 203.0.113.9", PENYERANG),
        (2, "198.51.100.7, 203.0.113.9, 10.0.0.1", PENYERANG),
        (2, "203.0.113.9", PROXY),  # fewer entries than proxies: not through all of them
        (1, "203.0.113.9:51234", PENYERANG),
        (1, "[2001:db8::1]:51234", "2001:db8::1"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "unknown", PROXY),  # never a non-address in the lockout table
    ],
)
def test_the_client_address_rule(rf, settings, jumlah, xff, diharapkan):
    settings.TRUSTED_PROXY_COUNT = jumlah
    request = rf.post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff)
    assert alamat_klien(request) == diharapkan


def test_compose_publishes_gunicorn_only_on_the_loopback():
    """The app trusts X-Forwarded-* from its peer when a proxy is configured, so gunicorn's
    port must not be reachable from the network, only by the proxy on the host."""
    teks = (ROOT / "docker-compose.yml").read_text()
    dipublikasikan = re.findall(r'^\s*-\s*"?([0-9.:\[\]]*8000)"?\s*$', teks, re.MULTILINE)
    assert dipublikasikan, "web service publishes no port"
    assert all(p.startswith("127.0.0.1:") for p in dipublikasikan), dipublikasikan


def _ssl_header(**env):
    kode = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    return _manage("shell", "--no-imports", "-c", kode, **{**PRODUCTION, **env})


def test_the_proto_header_is_believed_only_behind_a_proxy():
    tanpa = _ssl_header()
    assert tanpa.returncode == 0, tanpa.stderr
    assert tanpa.stdout.strip() == "None"
    dengan = _ssl_header(TRUSTED_PROXY_COUNT="1")
    assert dengan.returncode == 0, dengan.stderr
    assert dengan.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.mark.parametrize("nilai", ["satu", "-1", "1.5"])
def test_a_wrong_proxy_count_stops_start_up(nilai):
    r = _manage("check", **{**PRODUCTION, "TRUSTED_PROXY_COUNT": nilai})
    assert r.returncode != 0 and "TRUSTED_PROXY_COUNT" in r.stderr


def test_check_deploy_behind_a_proxy_is_clean():
    r = _manage(
        "check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "TRUSTED_PROXY_COUNT": "1"}
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout
