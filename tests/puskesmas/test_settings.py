import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from puskesmas.settings import env

ROOT = Path(__file__).resolve().parents[2]


def test_env_helpers_fail_fast(monkeypatch):
    monkeypatch.setenv("X_BOOL", "ture")
    with pytest.raises(ImproperlyConfigured, match="^X_BOOL must be a boolean .*got 'ture'$"):
        env.env_bool("X_BOOL", False)
    monkeypatch.setenv("X_INT", "8h")
    with pytest.raises(ImproperlyConfigured, match="^X_INT must be an integer, got '8h'$"):
        env.env_int("X_INT", 1)
    monkeypatch.setenv("X_INT", "10")
    with pytest.raises(ImproperlyConfigured, match="^X_INT must be at least 300, got 10$"):
        env.env_int("X_INT", 1, minimum=300)
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env.env_list("X_LIST") == ["a.example", "b.example"]
    monkeypatch.delenv("X_REQ", raising=False)
    with pytest.raises(ImproperlyConfigured, match="^Environment variable X_REQ is required$"):
        env.env_str("X_REQ")


def _manage(*args, **extra_env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "puskesmas.settings.production",
    "SECRET_KEY": "k" * 20 + "9f8e7d6c5b4a3z2y1x0w-vutsrqponmlkjihgfedcba",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "simpus.example.go.id",
}


def test_check_deploy_with_production_settings_is_clean():
    r = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_production_refuses_a_weak_secret_key():
    r = _manage("check", **{**PRODUCTION, "SECRET_KEY": "short"})
    assert r.returncode != 0 and "SECRET_KEY" in r.stderr


def test_production_refuses_sqlite():
    r = _manage("check", **{**PRODUCTION, "DATABASE_URL": "sqlite:///x.db"})
    assert r.returncode != 0 and "PostgreSQL" in r.stderr


def test_a_bad_value_stops_start_up():
    r = _manage("check", DJANGO_SETTINGS_MODULE="puskesmas.settings.local", DEBUG="ture")
    assert r.returncode != 0 and "DEBUG must be a boolean" in r.stderr


def test_migrations_are_complete():
    r = _manage(
        "makemigrations", "--check", "--dry-run", DJANGO_SETTINGS_MODULE="puskesmas.settings.test"
    )
    assert r.returncode == 0, r.stdout + r.stderr


def _production_value(expr, **extra):
    r = _manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings as s; print(repr(({expr})))",
        **{**PRODUCTION, **extra},
    )
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_production_keeps_connections_and_caches_sessions_in_redis():
    db = "s.DATABASES['default']"
    assert _production_value(f"{db}['CONN_MAX_AGE'], {db}['CONN_HEALTH_CHECKS']") == "(60, True)"
    assert _production_value(f"{db}['CONN_MAX_AGE']", CONN_MAX_AGE="0") == "0"
    # Server-side binding with prepared statements after 5 runs; 0 keeps the binding only.
    opsi = f"{db}['OPTIONS']"
    assert _production_value(opsi) == repr({"server_side_binding": True, "prepare_threshold": 5})
    assert _production_value(opsi, DB_PREPARE_THRESHOLD="0") == repr(
        {"server_side_binding": True, "prepare_threshold": None}
    )
    # Without CACHE_URL the broker's Redis is the cache; with it, that server.
    cache = "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE"
    assert _production_value(cache) == repr(
        (
            "django.core.cache.backends.redis.RedisCache",
            "redis://127.0.0.1:6379/0",
            "django.contrib.sessions.backends.cached_db",
        )
    )
    assert "redis://cache:6379/2" in _production_value(cache, CACHE_URL="redis://cache:6379/2")
    assert _production_value("s.SESSION_SAVE_EVERY_REQUEST") == "False"


def test_local_settings_need_no_cache_server():
    r = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)",
        DJANGO_SETTINGS_MODULE="puskesmas.settings.local",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


def _nilai_lokal(extra_env: dict) -> list[str]:
    """DEBUG and the WhiteNoise finder setting of the local settings, read in a fresh
    interpreter so the environment given is the one the settings see."""
    kode = (
        "import puskesmas.settings.local as s;"
        "print(s.DEBUG, s.WHITENOISE_USE_FINDERS, s.WHITENOISE_AUTOREFRESH)"
    )
    lingkungan = {k: v for k, v in os.environ.items() if k != "DEBUG"} | extra_env
    hasil = subprocess.run(
        [sys.executable, "-c", kode], cwd=ROOT, env=lingkungan, capture_output=True, text=True
    )
    assert hasil.returncode == 0, hasil.stderr
    return hasil.stdout.split()


def test_make_run_shows_the_app_without_debug_pages_unless_asked():
    # Static files are still served (WhiteNoise from the app folders, no collectstatic).
    assert _nilai_lokal({}) == ["False", "True", "True"]
    assert _nilai_lokal({"DEBUG": "1"}) == ["True", "True", "True"]
