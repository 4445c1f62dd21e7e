"""Backup and restore on PostgreSQL: pg_dump (custom format) and pg_restore into a fresh
database created for the test, then every table's count and checksum and every file's hash
compared with the source. The SQLite variant is tests/puskesmas/test_cadangan.py.
"""

import time

import pytest
from django.core.management import call_command
from django.db import connection

from puskesmas.alat.cadangan import CadanganDitolak, checksum_database, pulihkan

from ..puskesmas.cadangan_bantu import database_kosong, hash_media, isi_data, ubah_arsip

pytestmark = pytest.mark.gangguan


@pytest.fixture
def database_baru(transactional_db, tmp_path):
    """An empty PostgreSQL database beside the test database, dropped afterwards."""
    with database_kosong(tmp_path) as k:
        yield k


def test_pulih_postgresql_sama_persis_dan_arsip_diubah_ditolak(
    transactional_db, dunia, settings, tmp_path, database_baru
):
    settings.MEDIA_ROOT = tmp_path / "media"
    isi_data(dunia)
    arsip = tmp_path / "cadangan.tar.gz"
    mulai = time.monotonic()
    call_command("cadangkan", keluar=str(arsip))
    lama_cadang = time.monotonic() - mulai
    asal = checksum_database(connection)
    assert asal["puskesmas_tugaslatar"]["baris"] == 3

    rusak = ubah_arsip(
        arsip,
        tmp_path / "rusak.tar.gz",
        lambda nama, data: (
            data[:100] + bytes([data[100] ^ 1]) + data[101:] if nama == "database.dump" else data
        ),
    )
    with pytest.raises(CadanganDitolak, match="tidak sesuai checksum manifest"):
        pulihkan(koneksi=database_baru, media_root=tmp_path / "m1", arsip=rusak)
    with database_baru.cursor() as c:
        assert database_baru.introspection.table_names(c) == []

    mulai = time.monotonic()
    hasil = pulihkan(koneksi=database_baru, media_root=tmp_path / "m2", arsip=arsip)
    print(
        f"\nbackup {lama_cadang:.2f} s, restore and check {time.monotonic() - mulai:.2f} s, "
        f"{len(asal)} tables, {sum(t['baris'] for t in asal.values())} rows, "
        f"archive {arsip.stat().st_size} bytes"
    )

    assert hasil.selisih == []
    pulih = checksum_database(database_baru)
    assert pulih.keys() == asal.keys()
    for tabel, nilai in asal.items():
        assert pulih[tabel] == nilai, tabel
    assert hash_media(tmp_path / "m2") == hash_media(tmp_path / "media")
    # Sequences come back too: a new row does not collide with a restored one.
    with database_baru.cursor() as c:
        c.execute("SELECT MAX(id) FROM puskesmas_notifikasi")
        terbesar = c.fetchone()[0]
        c.execute(
            "INSERT INTO puskesmas_notifikasi "
            "(penerima_id, judul, pesan, tautan, kunci, dibuat, kirim_email) "
            "SELECT penerima_id, 'baru', '', '', '', now(), false FROM puskesmas_notifikasi "
            "LIMIT 1 "
            "RETURNING id"
        )
        assert c.fetchone()[0] > terbesar

    with pytest.raises(CadanganDitolak, match="Database tujuan tidak kosong"):
        pulihkan(koneksi=database_baru, media_root=tmp_path / "m3", arsip=arsip)
