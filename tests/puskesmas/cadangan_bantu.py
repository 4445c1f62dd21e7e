"""Helpers shared by the SQLite and PostgreSQL backup tests: seed data and archive edits."""

import io
import json
import tarfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import connection

from puskesmas.alat.cadangan import koneksi_lain, sha256_berkas
from puskesmas.models import TugasLatar

from ..factories import NotifikasiFactory


def isi_data(dunia) -> list[TugasLatar]:
    """Rows in many tables (the world, notifications, history) and uploaded files."""
    for i in range(5):
        NotifikasiFactory(penerima=dunia.staf_a, judul=f"Pengingat «{i}» ✓", pesan="baris\nkedua")
    tugas = []
    for i, isi in enumerate([b"PK\x03\x04 isi xlsx", b"%PDF-1.7 hasil", bytes(range(256))]):
        t = TugasLatar(jenis="impor_ruk", dibuat_oleh=dunia.staf_a, parameter={"tahun": 2027})
        t.berkas_masuk.save(f"masuk-{i}.xlsx", ContentFile(isi), save=False)
        t.berkas_hasil.save(f"hasil {i}.pdf", ContentFile(isi[::-1]), save=False)
        t.save()
        tugas.append(t)
    return tugas


@contextmanager
def database_kosong(tmp_path):
    """A new, empty database of the test database's engine: a SQLite file, or a PostgreSQL
    database beside the test database (dropped afterwards; needs autocommit, so
    transactional_db)."""
    if connection.vendor == "sqlite":
        k = koneksi_lain(connection, str(tmp_path / f"pulih-{uuid.uuid4().hex[:8]}.sqlite3"))
        try:
            yield k
        finally:
            k.close()
        return
    nama = f"{connection.settings_dict['NAME']}_pulih_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as c:
        c.execute(f'CREATE DATABASE "{nama}"')
    k = koneksi_lain(connection, nama)
    try:
        yield k
    finally:
        k.close()
        with connection.cursor() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def hash_media(akar: Path) -> dict[str, str]:
    return {
        str(p.relative_to(akar)): sha256_berkas(p) for p in sorted(akar.rglob("*")) if p.is_file()
    }


def ubah_arsip(arsip: Path, keluar: Path, ubah) -> Path:
    """Copy ``arsip`` to ``keluar`` with ``ubah(nama, data) -> data`` applied to each member."""
    with tarfile.open(arsip) as sumber, tarfile.open(keluar, "w:gz") as tujuan:
        for a in sumber.getmembers():
            data = sumber.extractfile(a).read()
            data = ubah(a.name, data)
            a.size = len(data)
            tujuan.addfile(a, io.BytesIO(data))
    return keluar


def ubah_manifest(arsip: Path, keluar: Path, ubah) -> Path:
    def f(nama, data):
        if nama != "manifest.json":
            return data
        m = json.loads(data)
        ubah(m)
        return json.dumps(m).encode()

    return ubah_arsip(arsip, keluar, f)
