"""Backup and restore: the database and the media files in one archive with a manifest.

An archive (``.tar.gz``) holds

* ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite: a copy made with its online backup API);
* ``media/...``: every file under ``MEDIA_ROOT``;
* ``manifest.json``: the engine, the SHA-256 of every other member, and per table its row
  count and a checksum (SHA-256 over its rows ordered by primary key, each row serialized
  deterministically).

The manifest's table figures are taken from the same snapshot as the dump (PostgreSQL: one
REPEATABLE READ transaction whose snapshot ``pg_dump --snapshot`` reuses; SQLite: counted on
the copy), so writes during a backup never make it disagree with itself.

Restore refuses an archive whose members do not match the manifest before it touches
anything, refuses a database that already has tables (or a media folder that has files)
unless forced, then loads the dump, copies the files and recounts every table and rehashes
every file: any difference is listed, in Indonesian.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
BERKAS_DB = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}

GALAT_MESIN = "Mesin database {mesin} belum didukung untuk pencadangan."
GALAT_ARSIP_RUSAK = "Arsip cadangan tidak dapat dibaca: {alasan}."
GALAT_MANIFEST = "Arsip cadangan tidak memuat manifest.json yang sah."
GALAT_FORMAT = "Format arsip cadangan {format} tidak dikenal."
GALAT_MESIN_BEDA = "Arsip ini dari database {arsip}, sedangkan database tujuan {tujuan}."
GALAT_ANGGOTA_ASING = "Arsip memuat berkas yang tidak tercantum di manifest: {nama}."
GALAT_ANGGOTA_HILANG = "Berkas {nama} tercantum di manifest tetapi tidak ada di arsip."
GALAT_ANGGOTA_UBAH = (
    "Berkas {nama} di arsip tidak sesuai checksum manifest (arsip diubah atau rusak)."
)
GALAT_DB_TERISI = (
    "Database tujuan tidak kosong ({jumlah} tabel). Pulihkan ke database kosong, "
    "atau pakai --paksa untuk menimpanya."
)
GALAT_MEDIA_TERISI = (
    "Folder media tujuan tidak kosong ({jumlah} berkas). Pulihkan ke folder kosong, "
    "atau pakai --paksa untuk menimpanya."
)
GALAT_PERINTAH = "Perintah {perintah} gagal (kode {kode}): {pesan}"
SELISIH_TABEL_HILANG = "Tabel {tabel}: ada di manifest, tidak ada di database."
SELISIH_TABEL_ASING = "Tabel {tabel}: ada di database, tidak ada di manifest."
SELISIH_BARIS = "Tabel {tabel}: {hasil} baris, manifest {manifest} baris."
SELISIH_CHECKSUM = "Tabel {tabel}: checksum isi berbeda dari manifest."
SELISIH_MEDIA = "Berkas media {nama}: checksum berbeda dari manifest."
SELISIH_MEDIA_HILANG = "Berkas media {nama}: tidak ada setelah pemulihan."


class CadanganDitolak(Exception):
    """The archive or the target is refused; nothing was changed."""


@dataclass
class HasilPulih:
    manifest: dict
    selisih: list[str] = field(default_factory=list)


def mesin(koneksi) -> str:
    if koneksi.vendor not in BERKAS_DB:
        raise CadanganDitolak(GALAT_MESIN.format(mesin=koneksi.vendor))
    return koneksi.vendor


def koneksi_lain(koneksi, nama: str | None = None):
    """A new, separate connection like ``koneksi`` (optionally to another database)."""
    if not isinstance(koneksi, BaseDatabaseWrapper):  # django.db.connection, a proxy
        koneksi = connections[koneksi.alias]
    settings_dict = dict(koneksi.settings_dict)
    if nama is not None:
        settings_dict["NAME"] = nama
    return type(koneksi)(settings_dict, alias=f"{koneksi.alias}_cadangan_{uuid.uuid4().hex[:8]}")


def sha256_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


# --- table checksums -------------------------------------------------------------------


def _nilai(v):
    """A value as plain JSON, the same for the same stored value on every run."""
    if v is None or isinstance(v, (str, int)):
        return v  # bool is an int: True -> true, stable per engine
    if isinstance(v, float):
        return {"f": repr(v)}
    if isinstance(v, decimal.Decimal):
        return {"d": str(v)}
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return {"t": v.isoformat()}
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"b": bytes(v).hex()}
    if isinstance(v, uuid.UUID):
        return {"u": str(v)}
    if isinstance(v, dict):
        return {"j": {str(k): _nilai(x) for k, x in v.items()}}
    if isinstance(v, (list, tuple)):
        return [_nilai(x) for x in v]
    return {"s": str(v)}


def _daftar_tabel(koneksi) -> list[str]:
    with koneksi.cursor() as c:
        return sorted(koneksi.introspection.table_names(c))


def _kunci_urut(koneksi, cursor, tabel: str) -> str:
    kunci = koneksi.introspection.get_primary_key_columns(cursor, tabel) or []
    if kunci:
        return ", ".join(koneksi.ops.quote_name(k) for k in kunci)
    cursor.execute(f"SELECT * FROM {koneksi.ops.quote_name(tabel)} WHERE 1 = 0")
    return ", ".join(str(i + 1) for i in range(len(cursor.description)))


def checksum_tabel(koneksi, tabel: str) -> dict:
    """Row count and SHA-256 of one table, its rows in primary-key order."""
    q = koneksi.ops.quote_name
    h = hashlib.sha256()
    baris = 0
    with koneksi.cursor() as c:
        urut = _kunci_urut(koneksi, c, tabel)
    # A server-side cursor on PostgreSQL: a table of millions of rows is streamed, not
    # loaded whole into memory.
    with koneksi.chunked_cursor() as c:
        c.execute(f"SELECT * FROM {q(tabel)} ORDER BY {urut}")
        rows = c.fetchmany(1000)
        kolom = [d[0] for d in c.description]
        h.update(json.dumps(kolom).encode() + b"\n")
        while rows:
            for row in rows:
                baris += 1
                teks = json.dumps(
                    [_nilai(v) for v in row],
                    ensure_ascii=False,
                    separators=(",", ":"),
                    sort_keys=True,
                )
                h.update(teks.encode() + b"\n")
            rows = c.fetchmany(1000)
    return {"baris": baris, "sha256": h.hexdigest()}


def checksum_database(koneksi) -> dict[str, dict]:
    return {t: checksum_tabel(koneksi, t) for t in _daftar_tabel(koneksi)}


# --- backup ----------------------------------------------------------------------------


def _env_pg(s: dict) -> dict:
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return env


def _argumen_pg(s: dict) -> list[str]:
    arg = []
    if s.get("HOST"):
        arg += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        arg += ["--port", str(s["PORT"])]
    if s.get("USER"):
        arg += ["--username", str(s["USER"])]
    return arg + ["--no-password"]


def _jalankan(perintah: list[str], env: dict) -> None:
    hasil = subprocess.run(perintah, env=env, capture_output=True, text=True)
    if hasil.returncode != 0:
        raise CadanganDitolak(
            GALAT_PERINTAH.format(
                perintah=perintah[0], kode=hasil.returncode, pesan=hasil.stderr.strip()[-500:]
            )
        )


def _cadangkan_pg(koneksi, tujuan: Path) -> dict:
    k = koneksi_lain(koneksi)
    try:
        k.ensure_connection()
        k.set_autocommit(False)
        with k.cursor() as c:
            c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            c.execute("SELECT pg_export_snapshot()")
            snapshot = c.fetchone()[0]
        tabel = checksum_database(k)
        s = k.settings_dict
        _jalankan(
            ["pg_dump", *_argumen_pg(s), "--format=custom", "--no-owner", "--no-privileges"]
            + [f"--snapshot={snapshot}", f"--file={tujuan}", str(s["NAME"])],
            _env_pg(s),
        )
        k.rollback()
        return tabel
    finally:
        k.close()


def _cadangkan_sqlite(koneksi, tujuan: Path) -> dict:
    koneksi.ensure_connection()
    salinan = sqlite3.connect(tujuan)
    try:
        koneksi.connection.backup(salinan)
    finally:
        salinan.close()
    k = koneksi_lain(koneksi, str(tujuan))
    try:
        return checksum_database(k)
    finally:
        k.close()


def _berkas_media(akar: Path) -> list[Path]:
    if not akar.is_dir():
        return []
    return sorted(p for p in akar.rglob("*") if p.is_file() and not p.is_symlink())


def cadangkan(*, koneksi, media_root: Path, arsip: Path) -> dict:
    """Write the archive ``arsip``; return its manifest."""
    jenis = mesin(koneksi)
    media_root = Path(media_root)
    with tempfile.TemporaryDirectory(prefix="cadangan-") as kerja:
        berkas_db = Path(kerja) / BERKAS_DB[jenis]
        tabel = (_cadangkan_pg if jenis == "postgresql" else _cadangkan_sqlite)(koneksi, berkas_db)
        media = {
            str(PurePosixPath(*p.relative_to(media_root).parts)): sha256_berkas(p)
            for p in _berkas_media(media_root)
        }
        manifest = {
            "format": FORMAT,
            "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "mesin": jenis,
            "berkas": {BERKAS_DB[jenis]: sha256_berkas(berkas_db)}
            | {f"{MEDIA}/{nama}": h for nama, h in media.items()},
            "tabel": tabel,
            "media": media,
        }
        isi = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode()
        (Path(kerja) / MANIFEST).write_bytes(isi)
        arsip = Path(arsip)
        arsip.parent.mkdir(parents=True, exist_ok=True)
        sementara = arsip.with_name(arsip.name + ".sebagian")
        with tarfile.open(sementara, "w:gz") as tar:
            tar.add(Path(kerja) / MANIFEST, arcname=MANIFEST)
            tar.add(berkas_db, arcname=BERKAS_DB[jenis])
            for nama in media:
                tar.add(media_root / nama, arcname=f"{MEDIA}/{nama}")
        sementara.replace(arsip)  # a backup cut short never looks like a whole one
    return manifest


# --- restore ---------------------------------------------------------------------------


def _buka_arsip(arsip: Path, kerja: Path) -> dict:
    """Extract the archive into ``kerja`` and check every member against the manifest."""
    try:
        with tarfile.open(arsip, "r:*") as tar:
            anggota = tar.getmembers()
            for a in anggota:
                if not (a.isfile() or a.isdir()):
                    raise CadanganDitolak(GALAT_ANGGOTA_ASING.format(nama=a.name))
            tar.extractall(kerja, filter="data")
    except (tarfile.TarError, OSError, EOFError) as e:
        raise CadanganDitolak(GALAT_ARSIP_RUSAK.format(alasan=e)) from e
    try:
        manifest = json.loads((kerja / MANIFEST).read_text(encoding="utf-8"))
        berkas = manifest["berkas"]
        manifest["tabel"], manifest["media"], manifest["mesin"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise CadanganDitolak(GALAT_MANIFEST) from e
    if manifest.get("format") != FORMAT:
        raise CadanganDitolak(GALAT_FORMAT.format(format=manifest.get("format")))
    ada = {
        str(PurePosixPath(*p.relative_to(kerja).parts))
        for p in kerja.rglob("*")
        if p.is_file() and p != kerja / MANIFEST
    }
    for nama in manifest["media"]:
        bagian = PurePosixPath(nama).parts
        if ".." in bagian or PurePosixPath(nama).is_absolute() or f"{MEDIA}/{nama}" not in berkas:
            raise CadanganDitolak(GALAT_MANIFEST)
    for nama in sorted(ada - set(berkas)):
        raise CadanganDitolak(GALAT_ANGGOTA_ASING.format(nama=nama))
    for nama, h in sorted(berkas.items()):
        if nama not in ada:
            raise CadanganDitolak(GALAT_ANGGOTA_HILANG.format(nama=nama))
        if sha256_berkas(kerja / nama) != h:
            raise CadanganDitolak(GALAT_ANGGOTA_UBAH.format(nama=nama))
    return manifest


def _pulihkan_pg(koneksi, berkas: Path, paksa: bool) -> None:
    s = koneksi.settings_dict
    koneksi.close()
    perintah = ["pg_restore", *_argumen_pg(s), "--no-owner", "--no-privileges", "--exit-on-error"]
    if paksa:
        perintah += ["--clean", "--if-exists"]
    _jalankan(perintah + ["--single-transaction", f"--dbname={s['NAME']}", str(berkas)], _env_pg(s))


def _pulihkan_sqlite(koneksi, berkas: Path) -> None:
    koneksi.ensure_connection()
    sumber = sqlite3.connect(berkas)
    try:
        sumber.backup(koneksi.connection)
    finally:
        sumber.close()


def bandingkan(manifest: dict, tabel: dict, media_root: Path) -> list[str]:
    """Every difference between the manifest and what the database and folder now hold."""
    selisih = []
    harap = manifest["tabel"]
    for t in sorted(set(harap) - set(tabel)):
        selisih.append(SELISIH_TABEL_HILANG.format(tabel=t))
    for t in sorted(set(tabel) - set(harap)):
        selisih.append(SELISIH_TABEL_ASING.format(tabel=t))
    for t in sorted(set(harap) & set(tabel)):
        if tabel[t]["baris"] != harap[t]["baris"]:
            selisih.append(
                SELISIH_BARIS.format(tabel=t, hasil=tabel[t]["baris"], manifest=harap[t]["baris"])
            )
        elif tabel[t]["sha256"] != harap[t]["sha256"]:
            selisih.append(SELISIH_CHECKSUM.format(tabel=t))
    for nama, h in sorted(manifest["media"].items()):
        p = Path(media_root) / nama
        if not p.is_file():
            selisih.append(SELISIH_MEDIA_HILANG.format(nama=nama))
        elif sha256_berkas(p) != h:
            selisih.append(SELISIH_MEDIA.format(nama=nama))
    return selisih


def pulihkan(*, koneksi, media_root: Path, arsip: Path, paksa: bool = False) -> HasilPulih:
    """Restore ``arsip`` into ``koneksi``'s database and ``media_root``, then verify it.

    Raises ``CadanganDitolak`` (nothing changed) for a damaged or altered archive or a
    non-empty target without ``paksa``; returns the differences found after restoring.
    """
    jenis = mesin(koneksi)
    media_root = Path(media_root)
    with tempfile.TemporaryDirectory(prefix="pulih-") as kerja:
        kerja = Path(kerja)
        manifest = _buka_arsip(Path(arsip), kerja)
        if manifest["mesin"] != jenis:
            raise CadanganDitolak(GALAT_MESIN_BEDA.format(arsip=manifest["mesin"], tujuan=jenis))
        if not paksa:
            if jumlah := len(_daftar_tabel(koneksi)):
                raise CadanganDitolak(GALAT_DB_TERISI.format(jumlah=jumlah))
            if jumlah := len(_berkas_media(media_root)):
                raise CadanganDitolak(GALAT_MEDIA_TERISI.format(jumlah=jumlah))
        berkas_db = kerja / BERKAS_DB[jenis]
        if jenis == "postgresql":
            _pulihkan_pg(koneksi, berkas_db, paksa)
        else:
            _pulihkan_sqlite(koneksi, berkas_db)
        for nama in manifest["media"]:
            tujuan = media_root / nama
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kerja / MEDIA / nama, tujuan)
    return HasilPulih(manifest, bandingkan(manifest, checksum_database(koneksi), media_root))
