"""Round trips of the perencanaan data migrations: the rows and their history move forward,
and back again.

Stepping perencanaan back unapplies every later migration of every app that depends on it
(lokmin, pkp, the history owner columns), and migrating forward again re-applies them: that is
nearly all the cost of these tests. So the module migrates back once: each test migrates from
wherever the one before it left the database to the migration before the one it tests (a few
cheap steps), and the module restores the latest schema once, after its last test. The module
is one ``xdist_group``, so its tests share a worker (and its database) under ``make test``.
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ..factories import PuskesmasFactory

pytestmark = pytest.mark.xdist_group("migrasi_perencanaan")


def migrasi(target):
    """Migrate to ``target``; the historical models of the database's state after it (the
    state the executor returns: after a forward step its models are already rendered)."""
    return MigrationExecutor(connection).migrate(target).apps


def terbaru():
    """Every app's latest migration, so later tests see the schema they expect."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(scope="module", autouse=True)
def skema_terbaru_sesudahnya(django_db_setup, django_db_blocker):
    """After the module's last test, the latest schema again (also when a test failed)."""
    yield
    with django_db_blocker.unblock():
        terbaru()


# perencanaan 0005 moves the kabupaten due dates to the core with their ids and history
# (the core's table exists from puskesmas 0007 on); 0006 drops the old table.
SEBELUM_TENGGAT = [("perencanaan", "0004_analisis_penyebab_pemecahan_survei")]
SESUDAH_TENGGAT = [("perencanaan", "0006_hapus_tenggat_kabupaten_lama")]


@pytest.mark.django_db(transaction=True)
def test_due_dates_rows_and_history_are_copied_and_new_rows_get_fresh_ids():
    apps = migrasi(SEBELUM_TENGGAT)
    Provinsi = apps.get_model("puskesmas", "Provinsi")
    Kabupaten = apps.get_model("puskesmas", "Kabupaten")
    prov = Provinsi.objects.create(kode="33", nama="Jawa Tengah")
    kab = Kabupaten.objects.create(provinsi=prov, kode="3301", nama="Kabupaten X")
    lama = apps.get_model("perencanaan", "TenggatKabupaten")
    riwayat_lama = apps.get_model("perencanaan", "HistoricalTenggatKabupaten")
    t = lama.objects.create(
        id=7, kabupaten=kab, tahun=2027, jenis="sk_target", tanggal=dt.date(2027, 3, 5)
    )
    riwayat_lama.objects.create(
        id=t.id,
        kabupaten=kab,
        tahun=2027,
        jenis="sk_target",
        tanggal=dt.date(2027, 3, 5),
        history_date=dt.datetime(2027, 1, 2, tzinfo=dt.UTC),
        history_type="+",
    )

    apps = migrasi(SESUDAH_TENGGAT)
    baru = apps.get_model("puskesmas", "TenggatKabupaten")
    (r,) = baru.objects.all()
    assert (r.id, r.kabupaten_id, r.tahun, r.jenis, r.kejadian, r.tanggal) == (
        7,
        kab.pk,
        2027,
        "sk_target",
        "",
        dt.date(2027, 3, 5),
    )
    (h,) = apps.get_model("puskesmas", "HistoricalTenggatKabupaten").objects.all()
    assert (h.id, h.jenis, h.kejadian, h.history_type) == (7, "sk_target", "", "+")
    # The id sequence moved past the copied ids (PostgreSQL): a new row does not collide.
    n = baru.objects.create(
        kabupaten_id=kab.pk, tahun=2027, jenis="target_kinerja", tanggal=dt.date(2027, 2, 20)
    )
    assert n.id != 7

    # And back: the February kinds return to the old table.
    apps = migrasi(SEBELUM_TENGGAT)
    assert sorted(
        apps.get_model("perencanaan", "TenggatKabupaten").objects.values_list("id", "jenis")
    ) == sorted([(7, "sk_target"), (n.id, "target_kinerja")])
    apps = migrasi(SESUDAH_TENGGAT)
    assert apps.get_model("puskesmas", "TenggatKabupaten").objects.count() == 2


# perencanaan 0009 turns the old single discussion of an RPK into the lintas program record.
SEBELUM_PEMBAHASAN = [("perencanaan", "0008_pembahasan_rpk")]
SESUDAH_PEMBAHASAN = [("perencanaan", "0009_pembahasan_lp_dari_rpk")]


@pytest.mark.django_db(transaction=True)
def test_the_old_single_discussion_becomes_the_lintas_program_record():
    apps = migrasi(SEBELUM_PEMBAHASAN)
    pkm = PuskesmasFactory()  # P0 tables are the same before and after
    RUK = apps.get_model("perencanaan", "RUK")
    RPK = apps.get_model("perencanaan", "RPK")
    dibahas = RPK.objects.create(
        puskesmas_id=pkm.pk,
        tahun=2026,
        ruk=RUK.objects.create(puskesmas_id=pkm.pk, tahun=2026),
        tanggal_pembahasan=dt.date(2026, 1, 9),
        forum_pembahasan="Lokakarya Mini bulanan Januari",
        catatan_pembahasan="Disepakati",
    )
    belum = RPK.objects.create(
        puskesmas_id=pkm.pk, tahun=2027, ruk=RUK.objects.create(puskesmas_id=pkm.pk, tahun=2027)
    )

    apps = migrasi(SESUDAH_PEMBAHASAN)
    Pembahasan = apps.get_model("perencanaan", "PembahasanRPK")
    assert list(
        Pembahasan.objects.values_list("rpk_id", "jenis", "tanggal", "forum", "catatan")
    ) == [(dibahas.pk, "lp", dt.date(2026, 1, 9), "Lokakarya Mini bulanan Januari", "Disepakati")]
    assert not Pembahasan.objects.filter(rpk_id=belum.pk).exists()

    # And back: the lintas program record fills the old fields again, and is gone.
    apps = migrasi(SEBELUM_PEMBAHASAN)
    assert not apps.get_model("perencanaan", "PembahasanRPK").objects.exists()
    kembali = apps.get_model("perencanaan", "RPK").objects.get(pk=dibahas.pk)
    assert (kembali.tanggal_pembahasan, kembali.catatan_pembahasan) == (
        dt.date(2026, 1, 9),
        "Disepakati",
    )
