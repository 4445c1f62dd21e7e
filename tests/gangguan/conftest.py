"""Fault tests: real processes on the production kind of services, killed or cut off.

They need PostgreSQL (the worker and server processes they start must see the test
database, which SQLite's in-memory test database cannot share) and Redis (the broker whose
unacknowledged messages come back). ``.ci/run`` sets DATABASE_URL and CELERY_BROKER_URL, so
CI always runs them, and if a service is unreachable there they fail, never skip. Without
those variables (a developer's SQLite default) they are deselected at collection and the
run says so; ``make test`` through ``.ci/run`` runs them.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

AKAR = Path(__file__).resolve().parents[2]


def layanan_tersedia() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get(
        "CELERY_BROKER_URL", ""
    ).startswith("redis")


def pytest_collection_modifyitems(config, items):
    if layanan_tersedia():
        return
    dipilih, ditunda = [], []
    for item in items:
        (ditunda if item.get_closest_marker("gangguan") else dipilih).append(item)
    if ditunda:
        config.hook.pytest_deselected(items=ditunda)
        items[:] = dipilih
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"{len(ditunda)} fault tests deselected: they need DATABASE_URL=postgres://... "
                "and CELERY_BROKER_URL=redis://... (.ci/run sets both)",
                yellow=True,
            )


def env_proses(**lain) -> dict:
    """Environment of a child process that must use this test run's database."""
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    env = dict(os.environ, DATABASE_URL=url, PYTHONUNBUFFERED="1")
    env.update({k: str(v) for k, v in lain.items()})
    return env


class Pekerja:
    """A ``celery -A puskesmas worker`` subprocess in its own process group."""

    def __init__(self, antrean: str, log: Path, **env):
        self.log = log
        self.proses = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "puskesmas",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-Q",
                antrean,
                "--loglevel=INFO",
            ],
            cwd=AKAR,
            env=env_proses(DJANGO_SETTINGS_MODULE="tests.gangguan.settings_pekerja", **env),
            stdout=open(log, "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def tunggu_siap(self, batas: float = 30) -> None:
        akhir = time.monotonic() + batas
        while time.monotonic() < akhir:
            if self.proses.poll() is not None:
                raise AssertionError(f"worker exited: {self.log.read_text()[-3000:]}")
            if b" ready." in self.log.read_bytes():
                return
            time.sleep(0.1)
        raise AssertionError(f"worker not ready: {self.log.read_text()[-3000:]}")

    def bunuh(self) -> None:
        """SIGKILL the whole group: main process and pool children die with no cleanup."""
        try:
            os.killpg(self.proses.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proses.wait(timeout=10)

    def hentikan(self) -> None:
        # At the end of a test nothing it runs matters any more: no graceful shutdown.
        if self.proses.poll() is None:
            self.bunuh()


@pytest.fixture
def antrean():
    """A queue of this test alone: other runs on the same Redis never take its messages."""
    return f"uji-gangguan-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def pekerja(tmp_path, antrean):
    """``pekerja(**env)`` starts a worker on this test's queue; all are stopped at the end."""
    semua = []

    def mulai(**env):
        p = Pekerja(antrean, tmp_path / f"pekerja-{len(semua)}.log", **env)
        semua.append(p)
        p.tunggu_siap()
        return p

    yield mulai
    for p in semua:
        p.hentikan()


@pytest.fixture
def lewat_broker():
    """Tasks sent by the test go to the broker instead of running eagerly."""
    from puskesmas.celery import app

    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True
