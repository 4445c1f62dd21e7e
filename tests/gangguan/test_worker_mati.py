"""A worker killed with SIGKILL in the middle of the daily reminder run.

The run is acknowledged late, so its message stays in Redis as unacknowledged; a new worker
takes it back once the visibility timeout has passed (shortened here to 1 s for the new
worker) and runs it again. Each Puskesmas's reminders were committed on their own, so the
rerun finds those by their keys and sends only the rest: every recipient ends with exactly
one reminder of the stage, and every reminder with its e-mail.
"""

import time

import pytest
from django.contrib.auth.hashers import make_password

from perencanaan.tasks import kirim_pengingat_tenggat
from puskesmas.choices import Peran
from puskesmas.models import Notifikasi, PenugasanPeran, Puskesmas, User
from puskesmas.referensi import pastikan_klaster

from ..factories import KecamatanFactory

pytestmark = pytest.mark.gangguan

JUMLAH_PUSKESMAS = 200  # two recipients each: a run of several seconds
HARI = "2027-02-07"  # H-7 of the target kinerja due date (14 February)


def _banyak_penerima() -> set[int]:
    """JUMLAH_PUSKESMAS Puskesmas with a Kepala TU and a PJ klaster each (bulk, fast)."""
    kec = KecamatanFactory()
    Puskesmas.objects.bulk_create(
        Puskesmas(
            kode=f"GG{i:05d}",
            nama=f"Gangguan {i}",
            kecamatan=kec,
            kabupaten_id=kec.kabupaten_id,
            alamat="Jl. Uji",
            kepala_nama="dr. Uji",
            kepala_nip="198001012005012001",
        )
        for i in range(JUMLAH_PUSKESMAS)
    )
    puskesmas = list(Puskesmas.objects.filter(kode__startswith="GG").order_by("pk"))
    sandi = make_password("rahasia-uji-123")
    User.objects.bulk_create(
        User(
            username=f"{peran}{p.kode}",
            nama_lengkap=f"{peran} {p.kode}",
            email=f"{peran}{p.kode}@contoh.go.id",
            password=sandi,
        )
        for p in puskesmas
        for peran in ("ktu", "pj")
    )
    user = {u.username: u for u in User.objects.filter(username__contains="GG")}
    klaster = pastikan_klaster()[2]
    PenugasanPeran.objects.bulk_create(
        [
            PenugasanPeran(user=user[f"ktu{p.kode}"], peran=Peran.KEPALA_TU, puskesmas=p)
            for p in puskesmas
        ]
        + [
            PenugasanPeran(
                user=user[f"pj{p.kode}"], peran=Peran.PJ_KLASTER, puskesmas=p, klaster=klaster
            )
            for p in puskesmas
        ]
    )
    return {u.pk for u in user.values()}


def _pengingat():
    return Notifikasi.objects.filter(kunci__startswith="tenggat:target_kinerja:")


def _tunggu(kondisi, batas: float, pesan: str):
    akhir = time.monotonic() + batas
    while not kondisi():
        assert time.monotonic() < akhir, pesan()
        time.sleep(0.05)


def test_reminders_survive_a_killed_worker(transactional_db, pekerja, antrean, lewat_broker):
    penerima = _banyak_penerima()
    total = len(penerima)

    pertama = pekerja()
    mulai = time.monotonic()
    kirim_pengingat_tenggat.apply_async(kwargs={"hari_ini": HARI}, queue=antrean)
    # Kill once a sixth of the reminders are committed: well inside the run.
    _tunggu(
        lambda: _pengingat().count() >= total // 6,
        30,
        lambda: f"the run did not start: {pertama.log.read_text()[-2000:]}",
    )
    pertama.bunuh()
    dibunuh_pada = time.monotonic() - mulai
    sebelum = _pengingat().count()
    assert 0 < sebelum < total, f"the run finished before the kill ({sebelum}/{total})"

    kedua = pekerja(CELERY_VISIBILITY_TIMEOUT=1)
    mulai_ulang = time.monotonic()
    _tunggu(
        lambda: (
            _pengingat().count() == total
            and not _pengingat().filter(email_terkirim_pada__isnull=True).exists()
        ),
        60,
        lambda: (
            f"rerun incomplete: {_pengingat().count()}/{total}; {kedua.log.read_text()[-2000:]}"
        ),
    )
    selesai = time.monotonic() - mulai_ulang
    time.sleep(1)  # nothing more arrives late

    per_orang = {}
    for user_id, kunci in _pengingat().values_list("penerima_id", "kunci"):
        per_orang.setdefault(user_id, []).append(kunci)
    assert set(per_orang) == penerima  # none missing
    assert all(len(k) == 1 and k[0].endswith(":H-7") for k in per_orang.values())  # none twice
    # The rerun was the redelivered task: it logs when the whole run (every registered kind
    # of due date, not only these) has finished.
    _tunggu(
        lambda: "Pengingat tenggat" in kedua.log.read_text(),
        60,
        lambda: f"the redelivered run did not finish: {kedua.log.read_text()[-2000:]}",
    )
    print(
        f"\n{total} reminders; killed after {dibunuh_pada:.1f}s with {sebelum} committed; "
        f"the new worker finished the rest in {selesai:.1f}s"
    )
