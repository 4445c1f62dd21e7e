"""The daily reminder task on a real Celery worker (Redis in CI, in-memory locally)."""

import time
from datetime import date

import pytest

from perencanaan.tasks import kirim_pengingat_tenggat
from puskesmas.models import Notifikasi

from .factories_tenggat import target_selesai

# Counts below are of the kinds these tests set up, on days a Lokmin is also due.
pytestmark = pytest.mark.usefixtures("hanya_tenggat_p1")


def test_reminders_through_a_real_worker_arrive_once(celery_worker_nyata, dunia, mailoutbox):
    target_selesai(dunia.b, date(2027, 2, 1))  # B is done: only A is reminded
    hasil = kirim_pengingat_tenggat.apply_async(kwargs={"hari_ini": "2027-02-07"})
    assert hasil.get(timeout=30) == 2
    assert (
        kirim_pengingat_tenggat.apply_async(kwargs={"hari_ini": "2027-02-07"}).get(timeout=30) == 0
    )
    kunci = f"tenggat:target_kinerja:{dunia.a.pk}:2027:H-7"
    assert set(
        Notifikasi.objects.filter(kunci__startswith="tenggat:").values_list(
            "penerima__username", "kunci"
        )
    ) == {("pj2_a", kunci), ("ktu_a", kunci)}
    # The e-mails go out through the same worker, once each.
    batas = time.monotonic() + 30
    while Notifikasi.objects.filter(email_terkirim_pada__isnull=True).exists():
        assert time.monotonic() < batas, "e-mail tasks did not run"
        time.sleep(0.2)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([dunia.pj2_a.email, dunia.ktu_a.email])
