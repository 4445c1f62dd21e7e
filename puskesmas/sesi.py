"""Idle sessions expire without a database write on every request.

``SESSION_SAVE_EVERY_REQUEST`` would rewrite the session row (and its cache entry) on every
page view only to push its expiry forward. Instead, the session of a signed-in user is
refreshed (saved, which sets a new expiry of ``SESSION_COOKIE_AGE`` from now) only when
more than a tenth of that age has passed since its last refresh. A page view within the
window reads the session and writes nothing; an idle session still expires between 90% and
100% of ``SESSION_COOKIE_AGE`` after the last activity, never later.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

# Seconds since the epoch of the last refresh, kept in the session itself.
KUNCI_SEGAR = "_disegarkan"
# Refresh once this share of the session age has passed since the last refresh.
PECAHAN_SEGAR = 10


def perlu_disegarkan(terakhir: int | None, sekarang: int, umur: int) -> bool:
    """Is a session last refreshed at ``terakhir`` due for a new expiry at ``sekarang``?"""
    return terakhir is None or sekarang - terakhir >= umur // PECAHAN_SEGAR


def stempel_saat_masuk(sender, request, user, **kwargs):
    """At sign-in the session is saved anyway: stamp it then, not on the next page view."""
    if request is not None and hasattr(request, "session"):
        request.session[KUNCI_SEGAR] = int(time.time())


class SesiBergeserMiddleware:
    """Extend the session of a signed-in user at most once per tenth of its age."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sesi = request.session
        # No cookie: nothing to extend (and no session created for anonymous visitors).
        if sesi.session_key is not None and SESSION_KEY in sesi:
            sekarang = int(time.time())
            terakhir = sesi.get(KUNCI_SEGAR)
            if perlu_disegarkan(terakhir, sekarang, settings.SESSION_COOKIE_AGE):
                # Marks the session modified: SessionMiddleware saves it with a fresh
                # expiry and sends the cookie again.
                sesi[KUNCI_SEGAR] = sekarang
        return self.get_response(request)
