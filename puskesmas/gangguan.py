"""When a service the app needs is down: an honest 503 page, and a health endpoint.

While the database is unreachable every page answers ``templates/503.html`` (Indonesian, no
stack trace) instead of a 500. The error can surface anywhere in the request: in a view,
in the authentication middleware loading the user, in the session middleware saving the
session. Django turns each of those into a 500 response at the layer where it happened, so
a middleware around them cannot catch the exception itself; instead a receiver of
``got_request_exception`` (sent while the exception is being handled) marks the request,
and the middleware replaces that response. Nothing here touches the database, so the
page renders while the database is gone, and the next request after it returns is served
normally (``CONN_HEALTH_CHECKS`` replaces a dead kept connection).

``/sehat/`` tells a proxy or a monitor whether the database, the Celery broker and the
disk are usable: 200 when all are, 503 when one is not. It needs no login and says only
"ok"/"gagal" per part, never hosts, versions or error texts.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

GALAT_DATABASE = (OperationalError, InterfaceError)
_PENANDA = "_gangguan_database"
# Seconds a client is told to wait before trying again.
COBA_LAGI_DETIK = 30


def _tandai(sender, request=None, **kwargs):
    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, GALAT_DATABASE):
        setattr(request, _PENANDA, True)


got_request_exception.connect(_tandai, dispatch_uid="puskesmas.gangguan")


def halaman_503() -> HttpResponse:
    # Rendered without a request context: the context processors read the user (database).
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(COBA_LAGI_DETIK)
    response["Cache-Control"] = "no-store"
    return response


class GangguanDatabaseMiddleware:
    """A request that failed because the database is unreachable gets a 503.

    Placed outside the session and authentication middleware (which read the database) and
    inside the security-header middleware, so the 503 page carries the same headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except GALAT_DATABASE:
            # Only reached where exceptions propagate (test clients); servers get a response.
            logger.warning("database unreachable: %s %s", request.method, request.path)
            return halaman_503()
        if getattr(request, _PENANDA, False):
            logger.warning("database unreachable: %s %s", request.method, request.path)
            return halaman_503()
        return response


# --- /sehat/ -------------------------------------------------------------------------------

BAIK, GAGAL = "ok", "gagal"


def cek_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # Leave no broken connection behind for the next request of this thread.
        connection.close_if_unusable_or_obsolete()
        return False


def cek_broker() -> bool:
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=3)
        return True
    except Exception:  # any transport error means "cannot queue work now"
        logger.warning("health check: broker unreachable", exc_info=True)
        return False


def cek_disk() -> bool:
    """Uploads and generated PDFs go to MEDIA_ROOT: it must be writable with room left."""
    path = os.fspath(settings.MEDIA_ROOT)
    while not os.path.exists(path) and os.path.dirname(path) != path:
        path = os.path.dirname(path)
    try:
        bebas = shutil.disk_usage(path).free
    except OSError:
        return False
    return os.access(path, os.W_OK) and bebas >= settings.SEHAT_DISK_MIN_MB * 1024 * 1024


@login_not_required
@never_cache
@require_GET
def sehat(request):
    hasil = {
        "database": BAIK if cek_database() else GAGAL,
        "broker": BAIK if cek_broker() else GAGAL,
        "disk": BAIK if cek_disk() else GAGAL,
    }
    semua_baik = all(v == BAIK for v in hasil.values())
    return JsonResponse(
        {"status": BAIK if semua_baik else GAGAL, **hasil}, status=200 if semua_baik else 503
    )
