"""Idle sessions: extended by activity, but not written on every page view."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from puskesmas.sesi import KUNCI_SEGAR, perlu_disegarkan

AWAL = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)


def _tulis_sesi(kueri) -> list[str]:
    return [
        q["sql"]
        for q in kueri.captured_queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def _kedaluwarsa(client, settings):
    kunci = client.cookies[settings.SESSION_COOKIE_NAME].value
    return Session.objects.get(session_key=kunci).expire_date


def test_refresh_rule():
    umur = 8 * 60 * 60
    assert perlu_disegarkan(None, 1000, umur)
    assert not perlu_disegarkan(1000, 1000 + umur // 10 - 1, umur)
    assert perlu_disegarkan(1000, 1000 + umur // 10, umur)


def test_a_page_view_within_the_window_writes_no_session(settings, client, dunia):
    umur = settings.SESSION_COOKIE_AGE
    with time_machine.travel(AWAL, tick=False) as waktu:
        client.force_login(dunia.staf_a)  # sign-in stamps the session
        awal = _kedaluwarsa(client, settings)
        assert awal == AWAL + timedelta(seconds=umur)
        assert client.session[KUNCI_SEGAR] == int(AWAL.timestamp())

        waktu.shift(umur // 10 - 60)
        with CaptureQueriesContext(connection) as kueri:
            r = client.get(reverse("beranda"))
        assert r.status_code == 200
        assert _tulis_sesi(kueri) == []
        assert _kedaluwarsa(client, settings) == awal


def test_activity_after_the_window_extends_the_session(settings, client, dunia):
    umur = settings.SESSION_COOKIE_AGE
    with time_machine.travel(AWAL, tick=False) as waktu:
        client.force_login(dunia.staf_a)
        client.get(reverse("beranda"))
        # A working day of page views, one every tenth of the age and a bit: each extends.
        for langkah in range(1, 15):
            waktu.shift(umur // 10 + 1)
            with CaptureQueriesContext(connection) as kueri:
                r = client.get(reverse("beranda"))
            assert r.status_code == 200, langkah
            assert len(_tulis_sesi(kueri)) == 1
            sekarang = AWAL + langkah * timedelta(seconds=umur // 10 + 1)
            assert _kedaluwarsa(client, settings) == sekarang + timedelta(seconds=umur)
            assert client.session[KUNCI_SEGAR] == int(sekarang.timestamp())


def test_an_idle_session_still_expires(settings, client, dunia):
    umur = settings.SESSION_COOKIE_AGE
    with time_machine.travel(AWAL, tick=False) as waktu:
        client.force_login(dunia.staf_a)
        client.get(reverse("beranda"))
        # Views inside the window do not extend the session...
        for _ in range(5):
            waktu.shift(umur // 60)  # five views within the first tenth
            assert client.get(reverse("beranda")).status_code == 200
        # ... so it ends one age after the last refresh, not after the last view.
        waktu.move_to(AWAL + timedelta(seconds=umur + 1))
        r = client.get(reverse("beranda"))
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_sessions_from_before_the_stamp_are_refreshed_once(settings, client, dunia):
    with time_machine.travel(AWAL, tick=False):
        client.force_login(dunia.staf_a)
        sesi = client.session
        del sesi[KUNCI_SEGAR]
        sesi.save()
        kueri_per_halaman = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as kueri:
                assert client.get(reverse("beranda")).status_code == 200
            kueri_per_halaman.append(len(_tulis_sesi(kueri)))
        assert kueri_per_halaman == [1, 0, 0]
        assert client.session[KUNCI_SEGAR] == int(AWAL.timestamp())


def test_anonymous_visitors_get_no_session(client, db):
    with CaptureQueriesContext(connection) as kueri:
        r = client.get(reverse("login"))
    assert r.status_code == 200
    assert _tulis_sesi(kueri) == [] and not Session.objects.exists()
