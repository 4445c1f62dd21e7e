"""Shared fixtures. ``dunia`` is the tenancy world every access test is written against:

* kabupaten X with Puskesmas A and B, kabupaten Y with Puskesmas C;
* users: staff and kepala of A, staff of B, verifikator and admin of X, verifikator of Y,
  a national admin.
"""

import os
from dataclasses import dataclass

import pytest

from puskesmas.choices import Peran
from puskesmas.models import Kabupaten, Puskesmas, User

from .factories import (
    DesaFactory,
    KabupatenFactory,
    KecamatanFactory,
    PuskesmasFactory,
    PustuFactory,
    SasaranDesaFactory,
    pengguna,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Fixtures and markers whose tests talk to the shared broker (Redis in CI): a real worker
# thread consumes the default queue, so two of them at once in parallel pytest workers would
# take each other's tasks. ``make test`` runs with ``--dist loadgroup``: these tests form one
# group and run one after another in the same pytest worker.
GRUP_BROKER = "broker"


def _pakai_broker(item) -> bool:
    return "celery_worker_nyata" in getattr(item, "fixturenames", ()) or bool(
        item.get_closest_marker("gangguan")
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _pakai_broker(item):
            item.add_marker(pytest.mark.xdist_group(GRUP_BROKER))


@dataclass
class Dunia:
    kab_x: Kabupaten
    kab_y: Kabupaten
    a: Puskesmas
    b: Puskesmas
    c: Puskesmas
    staf_a: User
    kapus_a: User
    ktu_a: User
    pj2_a: User
    staf_b: User
    verifikator_x: User
    admin_x: User
    verifikator_y: User
    nasional: User


@pytest.fixture
def dunia(db) -> Dunia:
    return buat_dunia()


def buat_dunia() -> Dunia:
    """The world of ``dunia``, for fixtures that build it once for a whole module."""
    kab_x = KabupatenFactory(kode="3301", nama="Kabupaten X")
    kab_y = KabupatenFactory(kode="3302", nama="Kabupaten Y")
    kec_x = KecamatanFactory(kabupaten=kab_x)
    kec_y = KecamatanFactory(kabupaten=kab_y)
    a = PuskesmasFactory(nama="Alfa", kecamatan=kec_x)
    b = PuskesmasFactory(nama="Beta", kecamatan=kec_x)
    c = PuskesmasFactory(nama="Charlie", kecamatan=kec_y)
    for p in (a, b, c):
        desa = DesaFactory(puskesmas=p)
        SasaranDesaFactory(desa=desa)
        PustuFactory(puskesmas=p, desa=desa)
    return Dunia(
        kab_x=kab_x,
        kab_y=kab_y,
        a=a,
        b=b,
        c=c,
        staf_a=pengguna("staf_a", Peran.STAF, puskesmas=a),
        kapus_a=pengguna("kapus_a", Peran.KEPALA_PUSKESMAS, puskesmas=a),
        ktu_a=pengguna("ktu_a", Peran.KEPALA_TU, puskesmas=a),
        pj2_a=pengguna("pj2_a", Peran.PJ_KLASTER, puskesmas=a, klaster_nomor=2),
        staf_b=pengguna("staf_b", Peran.STAF, puskesmas=b),
        verifikator_x=pengguna("verif_x", Peran.VERIFIKATOR_DINKES, kabupaten=kab_x),
        admin_x=pengguna("admin_x", Peran.ADMIN_DINKES, kabupaten=kab_x),
        verifikator_y=pengguna("verif_y", Peran.VERIFIKATOR_DINKES, kabupaten=kab_y),
        nasional=pengguna("nasional", Peran.ADMIN_NASIONAL),
    )


@pytest.fixture
def masuk(client):
    """Sign ``client`` in as a user: ``masuk(user)`` returns the client."""

    def _masuk(user):
        client.force_login(user)
        return client

    return _masuk


@pytest.fixture
def celery_worker_nyata(transactional_db):
    """A real Celery worker thread on the configured broker (Redis in CI, else in-memory).

    Tasks sent while it runs go through the broker instead of running eagerly.
    """
    from celery.contrib.testing.worker import start_worker

    from puskesmas.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
            yield app.conf.broker_url
    finally:
        app.conf.task_always_eager = True


@pytest.fixture
def hanya_tenggat_p1(monkeypatch):
    """Only P1's due-date kinds registered. Tests that count every reminder, every status
    of a page or every inbox item of a day use it: other apps' kinds (Lokmin every month,
    the PKP due on the SK's day) are tested by those apps."""
    from perencanaan.tenggat import JENIS
    from puskesmas.alat import tenggat_daftar

    monkeypatch.setattr(tenggat_daftar, "_DAFTAR", {t.kode: t for t in JENIS})
