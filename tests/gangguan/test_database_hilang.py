"""The database goes away under a running server, and comes back.

A gunicorn server (as in production, with kept connections: CONN_MAX_AGE) reaches the test
database through a TCP proxy. The test closes the proxy: every page, signed in or not,
answers the Indonesian 503 page quickly and /sehat/ reports the database down. It opens
the proxy again: the same server process, not restarted, serves pages again.
"""

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from .conftest import AKAR, env_proses
from .proksi import ProksiTCP

pytestmark = pytest.mark.gangguan

HALAMAN = ["/", "/perencanaan/", "/notifikasi/", "/akun/masuk/"]


def _minta(url: str, cookie: str = "") -> tuple[int, str, float]:
    mulai = time.monotonic()
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            status, isi = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, isi = e.code, e.read().decode()
    return status, isi, time.monotonic() - mulai


@pytest.fixture
def server(transactional_db, tmp_path):
    s = connection.settings_dict
    proksi = ProksiTCP((s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)))
    proksi.buka()
    port = ProksiTCP(("127.0.0.1", 1)).port  # a free port for the server
    env = env_proses(
        DJANGO_SETTINGS_MODULE="puskesmas.settings.test",
        DATABASE_URL=f"postgres://{s['USER']}@127.0.0.1:{proksi.port}/{s['NAME']}",
        CONN_MAX_AGE=600,
    )
    log = tmp_path / "gunicorn.log"
    proses = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "puskesmas.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--threads=2",
            "--timeout=30",
        ],
        cwd=AKAR,
        env=env,
        stdout=open(log, "wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    akhir = time.monotonic() + 30
    while True:
        try:
            if _minta(url + "/sehat/")[0] == 200:
                break
        except OSError:
            pass
        assert proses.poll() is None and time.monotonic() < akhir, log.read_text()[-3000:]
        time.sleep(0.2)
    yield url, proksi, proses
    proses.terminate()
    proses.wait(timeout=10)
    proksi.tutup()


def test_pages_answer_503_while_the_database_is_away_and_recover(server, dunia):
    url, proksi, proses = server
    klien = Client()
    klien.force_login(dunia.staf_a)
    cookie = f"{settings.SESSION_COOKIE_NAME}={klien.cookies[settings.SESSION_COOKIE_NAME].value}"
    for h in HALAMAN:
        assert _minta(url + h, cookie)[0] == 200, h  # the kept connection is open now

    proksi.tutup()
    waktu = []
    for h in HALAMAN + ["/perencanaan/", "/"]:
        status, isi, detik = _minta(url + h, cookie)
        waktu.append(detik)
        assert status == 503, (h, status, isi[:500])
        assert "Layanan sedang terganggu" in isi
        assert not re.search(r"Traceback|OperationalError|psycopg|127\.0\.0\.1", isi)
    status, isi, _ = _minta(url + "/sehat/")
    assert status == 503
    assert json.loads(isi) == {"status": "gagal", "database": "gagal", "broker": "ok", "disk": "ok"}

    proksi.buka()
    pulih = time.monotonic()
    status, isi, _ = _minta(url + "/", cookie)
    assert status == 200, isi[:500]  # the first request after the return is served
    assert dunia.a.nama in isi or "Beranda" in isi
    pulih = time.monotonic() - pulih
    assert _minta(url + "/sehat/")[0] == 200
    assert proses.poll() is None  # the same process: no restart

    # A blip while idle (the database restarted between two requests): the kept
    # connection is dead, and the health check replaces it before the request uses it.
    for h in HALAMAN:
        assert _minta(url + h, cookie)[0] == 200
    proksi.tutup()
    proksi.buka()
    for h in HALAMAN:
        assert _minta(url + h, cookie)[0] == 200, h
    print(
        f"\n503 while down: slowest {max(waktu) * 1000:.0f} ms over {len(waktu)} pages; "
        f"first page after the return: {pulih * 1000:.0f} ms"
    )
