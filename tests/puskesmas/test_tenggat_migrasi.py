"""The kabupaten due dates move to the core with their ids and history, and back again."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Only perencanaan steps back (the core's table exists from puskesmas 0007 on).
SEBELUM = [("perencanaan", "0004_analisis_penyebab_pemecahan_survei")]
SESUDAH = [("perencanaan", "0006_hapus_tenggat_kabupaten_lama")]


def migrasi(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


def terbaru():
    """Every app's latest migration, so later tests see the schema they expect."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_rows_and_history_are_copied_and_new_rows_get_fresh_ids():
    apps = migrasi(SEBELUM)
    Provinsi = apps.get_model("puskesmas", "Provinsi")
    Kabupaten = apps.get_model("puskesmas", "Kabupaten")
    prov = Provinsi.objects.create(kode="33", nama="Jawa Tengah")
    kab = Kabupaten.objects.create(provinsi=prov, kode="3301", nama="Kabupaten X")
    lama = apps.get_model("perencanaan", "TenggatKabupaten")
    riwayat_lama = apps.get_model("perencanaan", "HistoricalTenggatKabupaten")
    t = lama.objects.create(
        id=7, kabupaten=kab, tahun=2027, jenis="sk_target", tanggal=date(2027, 3, 5)
    )
    riwayat_lama.objects.create(
        id=t.id,
        kabupaten=kab,
        tahun=2027,
        jenis="sk_target",
        tanggal=date(2027, 3, 5),
        history_date=datetime(2027, 1, 2, tzinfo=UTC),
        history_type="+",
    )

    apps = migrasi(SESUDAH)
    baru = apps.get_model("puskesmas", "TenggatKabupaten")
    (r,) = baru.objects.all()
    assert (r.id, r.kabupaten_id, r.tahun, r.jenis, r.kejadian, r.tanggal) == (
        7,
        kab.pk,
        2027,
        "sk_target",
        "",
        date(2027, 3, 5),
    )
    (h,) = apps.get_model("puskesmas", "HistoricalTenggatKabupaten").objects.all()
    assert (h.id, h.jenis, h.kejadian, h.history_type) == (7, "sk_target", "", "+")
    # The id sequence moved past the copied ids (PostgreSQL): a new row does not collide.
    n = baru.objects.create(
        kabupaten_id=kab.pk, tahun=2027, jenis="target_kinerja", tanggal=date(2027, 2, 20)
    )
    assert n.id != 7

    # And back: the February kinds return to the old table.
    apps = migrasi(SEBELUM)
    assert sorted(
        apps.get_model("perencanaan", "TenggatKabupaten").objects.values_list("id", "jenis")
    ) == sorted([(7, "sk_target"), (n.id, "target_kinerja")])
    apps = migrasi(SESUDAH)
    assert apps.get_model("puskesmas", "TenggatKabupaten").objects.count() == 2
    terbaru()
