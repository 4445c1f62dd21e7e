"""The database goes away: every page answers the Indonesian 503 page, /sehat/ says so, and
the next request after it returns is served normally.

Here the outage is simulated inside the process (every cursor fails); the real outage, a
server whose PostgreSQL connection is cut and restored, is in tests/gangguan/.
"""

import json
import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from puskesmas import gangguan

KATA_INGGRIS = re.compile(r"\b(Traceback|Error|Exception|Server|database is|the)\b")


class DatabaseMati:
    """Every cursor fails while ``mati``; undone before the test database is rolled back."""

    def __init__(self):
        self.mp = pytest.MonkeyPatch()

    def mulai(self):
        def gagal(self, *args, **kwargs):
            raise OperationalError("connection refused (simulated)")

        self.mp.setattr(BaseDatabaseWrapper, "cursor", gagal)

    def pulih(self):
        self.mp.undo()


@pytest.fixture
def database(db):
    d = DatabaseMati()
    yield d
    d.pulih()


@pytest.fixture
def klien(dunia):
    c = Client(raise_request_exception=False)
    c.force_login(dunia.staf_a)
    return c


def _periksa_503(r):
    assert r.status_code == 503
    teks = r.content.decode()
    assert "Layanan sedang terganggu" in teks
    assert not KATA_INGGRIS.search(re.sub(r"<[^>]+>", " ", teks)), teks
    assert "simulated" not in teks
    assert r["Retry-After"].isdigit()


@pytest.mark.parametrize("url", ["/", "/perencanaan/", "/notifikasi/", "/akun/masuk/"])
def test_every_page_answers_503_while_the_database_is_down(klien, database, url):
    database.mulai()
    _periksa_503(klien.get(url))


def test_a_post_answers_503_too(klien, database):
    database.mulai()
    _periksa_503(klien.post("/notifikasi/baca/"))


def test_a_failing_session_save_answers_503(klien, monkeypatch):
    # The view worked; saving the session at the end of the request did not.
    def gagal(self, must_create=False):
        raise OperationalError("simulated")

    monkeypatch.setattr(SessionStore, "save", gagal)
    # Choosing a year writes it into the session, so the session is saved at the end.
    _periksa_503(klien.post("/tahun/", {"tahun": "2027"}))


def test_the_app_recovers_without_a_restart(klien, database):
    database.mulai()
    _periksa_503(klien.get("/"))
    database.pulih()
    assert klien.get("/").status_code == 200


def test_other_errors_stay_500(klien, monkeypatch):
    from puskesmas.views import beranda as views

    def rusak(*args, **kwargs):
        raise ValueError("bug")

    monkeypatch.setattr(views.BerandaView, "get", rusak)
    r = klien.get("/")
    assert r.status_code == 500
    assert "Terjadi kesalahan pada server" in r.content.decode()


def test_health_is_200_when_all_is_well(db):
    r = Client().get("/sehat/")
    assert r.status_code == 200, r.content
    assert json.loads(r.content) == {"status": "ok", "database": "ok", "broker": "ok", "disk": "ok"}
    assert "no-cache" in r["Cache-Control"] or "max-age=0" in r["Cache-Control"]
    assert "sessionid" not in r.cookies


def test_health_is_503_when_the_database_is_down(database):
    database.mulai()
    r = Client().get("/sehat/")
    assert r.status_code == 503
    data = json.loads(r.content)
    assert data == {"status": "gagal", "database": "gagal", "broker": "ok", "disk": "ok"}


@pytest.mark.parametrize("bagian", ["cek_broker", "cek_disk"])
def test_health_is_503_when_broker_or_disk_fails(db, monkeypatch, bagian):
    monkeypatch.setattr(gangguan, bagian, lambda: False)
    r = Client().get("/sehat/")
    assert r.status_code == 503
    nama = {"cek_broker": "broker", "cek_disk": "disk"}[bagian]
    assert json.loads(r.content)[nama] == "gagal"


def test_an_unreachable_broker_is_reported(settings, monkeypatch):
    from puskesmas.celery import app

    # A port where nothing listens: the check must fail quickly, not hang. Celery reads
    # CELERY_BROKER_URL from the environment before its configuration (CI sets it).
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:9/0")
    assert gangguan.cek_broker() is False


def test_the_disk_check_needs_free_space(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "belum-ada"
    settings.SEHAT_DISK_MIN_MB = 0
    assert gangguan.cek_disk() is True
    settings.SEHAT_DISK_MIN_MB = 10**12  # an exabyte
    assert gangguan.cek_disk() is False


def test_health_only_answers_get(db):
    assert Client().post("/sehat/").status_code == 405
