"""Backup and restore: round trip, refusals, mismatches.

On the default SQLite test database through its online backup API; where the suite runs on
PostgreSQL (.ci/run) the same tests go through pg_dump / pg_restore. The PostgreSQL fault
test (tests/gangguan/test_cadangan_pg.py) also checks the sequences.
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from puskesmas.alat import cadangan
from puskesmas.alat.cadangan import CadanganDitolak, checksum_database, pulihkan
from puskesmas.management.commands import pulihkan as perintah_pulihkan

from .cadangan_bantu import database_kosong, hash_media, isi_data, ubah_arsip, ubah_manifest


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def tujuan(transactional_db, tmp_path):
    """A fresh, empty database (of the test database's engine) and media folder."""
    with database_kosong(tmp_path) as k:
        yield k, tmp_path / "media-pulih"


def berkas_db() -> str:
    return cadangan.BERKAS_DB[connection.vendor]


@pytest.fixture
def arsip(transactional_db, dunia, media, tmp_path):
    isi_data(dunia)
    keluar = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", keluar=str(keluar))
    return keluar


def test_pulih_ke_database_baru_sama_persis(arsip, media, tujuan):
    k, media_baru = tujuan
    asal = checksum_database(connection)
    assert asal["puskesmas_tugaslatar"]["baris"] == 3
    assert asal["puskesmas_notifikasi"]["baris"] >= 5
    assert len(hash_media(media)) == 6

    hasil = pulihkan(koneksi=k, media_root=media_baru, arsip=arsip)

    assert hasil.selisih == []
    pulih = checksum_database(k)
    assert pulih.keys() == asal.keys()
    for tabel, nilai in asal.items():
        assert pulih[tabel] == nilai, tabel
    assert hash_media(media_baru) == hash_media(media)
    assert hasil.manifest["tabel"] == asal


def test_checksum_berubah_bila_satu_nilai_berubah(arsip, tujuan):
    k, media_baru = tujuan
    pulihkan(koneksi=k, media_root=media_baru, arsip=arsip)
    with k.cursor() as c:
        c.execute(
            "UPDATE puskesmas_notifikasi SET judul = judul || ' ' WHERE id = (SELECT MIN(id) FROM puskesmas_notifikasi)"
        )
    hasil = cadangan.bandingkan(
        {"tabel": checksum_database(connection), "media": {}}, checksum_database(k), media_baru
    )
    assert hasil == [cadangan.SELISIH_CHECKSUM.format(tabel="puskesmas_notifikasi")]


def _tabel(k) -> int:
    with k.cursor() as c:
        return len(k.introspection.table_names(c))


@pytest.mark.parametrize("sasaran", ["database", "media/tugas"], ids=["database", "media"])
def test_arsip_diubah_ditolak_tanpa_mengubah_apa_pun(arsip, tujuan, tmp_path, sasaran):
    k, media_baru = tujuan

    def balik_satu_byte(nama, data):
        if nama.startswith(sasaran) and data:
            return data[:-1] + bytes([data[-1] ^ 1])
        return data

    rusak = ubah_arsip(arsip, tmp_path / "rusak.tar.gz", balik_satu_byte)
    with pytest.raises(CadanganDitolak) as e:
        pulihkan(koneksi=k, media_root=media_baru, arsip=rusak)
    assert "tidak sesuai checksum manifest" in str(e.value)
    assert _tabel(k) == 0
    assert not media_baru.exists()


def test_berkas_asing_dan_berkas_hilang_ditolak(arsip, tujuan, tmp_path):
    k, media_baru = tujuan
    hilang = ubah_manifest(
        arsip, tmp_path / "a.tar.gz", lambda m: m["berkas"].update({"media/x.pdf": "0" * 64})
    )
    with pytest.raises(CadanganDitolak, match="tidak ada di arsip"):
        pulihkan(koneksi=k, media_root=media_baru, arsip=hilang)

    def buang(m):
        m["berkas"] = {n: h for n, h in m["berkas"].items() if n == berkas_db()}
        m["media"] = {}

    asing = ubah_manifest(arsip, tmp_path / "b.tar.gz", buang)
    with pytest.raises(CadanganDitolak, match="tidak tercantum di manifest"):
        pulihkan(koneksi=k, media_root=media_baru, arsip=asing)
    assert _tabel(k) == 0


def test_bukan_arsip_ditolak(tujuan, tmp_path):
    k, media_baru = tujuan
    palsu = tmp_path / "palsu.tar.gz"
    palsu.write_bytes(b"bukan arsip")
    with pytest.raises(CadanganDitolak, match="tidak dapat dibaca"):
        pulihkan(koneksi=k, media_root=media_baru, arsip=palsu)


def test_selisih_dilaporkan_dalam_bahasa_indonesia(arsip, tujuan, tmp_path):
    k, media_baru = tujuan

    def ubah(m):
        m["tabel"]["puskesmas_tugaslatar"]["baris"] = 4
        m["tabel"]["puskesmas_notifikasi"]["sha256"] = "0" * 64
        nama = sorted(m["media"])[0]
        m["media"][nama] = "0" * 64

    hasil = pulihkan(
        koneksi=k, media_root=media_baru, arsip=ubah_manifest(arsip, tmp_path / "m.tar.gz", ubah)
    )
    nama = sorted(hasil.manifest["media"])[0]
    assert hasil.selisih == [
        "Tabel puskesmas_notifikasi: checksum isi berbeda dari manifest.",
        "Tabel puskesmas_tugaslatar: 3 baris, manifest 4 baris.",
        f"Berkas media {nama}: checksum berbeda dari manifest.",
    ]


def test_perintah_pulihkan_menolak_database_terisi(arsip, media):
    with pytest.raises(CommandError) as e:
        call_command("pulihkan", str(arsip))
    assert "Database tujuan tidak kosong" in str(e.value)


def test_perintah_pulihkan_keluar_bukan_nol_bila_selisih(
    arsip, tujuan, settings, tmp_path, capsys, monkeypatch
):
    k, media_baru = tujuan
    monkeypatch.setattr(perintah_pulihkan, "connections", {"default": k})
    settings.MEDIA_ROOT = media_baru

    def ubah(m):
        m["tabel"]["puskesmas_tugaslatar"]["baris"] = 9

    salah = ubah_manifest(arsip, tmp_path / "s.tar.gz", ubah)
    with pytest.raises(CommandError, match="1 selisih dengan manifest"):
        call_command("pulihkan", str(salah))
    assert "Tabel puskesmas_tugaslatar: 3 baris, manifest 9 baris." in capsys.readouterr().err


def test_perintah_pulihkan_berhasil(arsip, tujuan, settings, capsys, monkeypatch):
    k, media_baru = tujuan
    monkeypatch.setattr(perintah_pulihkan, "connections", {"default": k})
    settings.MEDIA_ROOT = media_baru
    call_command("pulihkan", str(arsip))
    assert "Pemulihan berhasil dan cocok dengan manifest" in capsys.readouterr().out
    assert checksum_database(k) == checksum_database(connection)


def test_mesin_lain_ditolak(arsip, tujuan, tmp_path):
    k, media_baru = tujuan
    lain = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    salah = ubah_manifest(arsip, tmp_path / "lain.tar.gz", lambda m: m.update(mesin=lain))
    with pytest.raises(CadanganDitolak, match=f"dari database {lain}"):
        pulihkan(koneksi=k, media_root=media_baru, arsip=salah)


def test_media_tujuan_terisi_ditolak(arsip, tujuan):
    k, media_baru = tujuan
    (media_baru / "lama").mkdir(parents=True)
    (media_baru / "lama" / "x.txt").write_text("x")
    with pytest.raises(CadanganDitolak, match="Folder media tujuan tidak kosong"):
        pulihkan(koneksi=k, media_root=media_baru, arsip=arsip)
    assert _tabel(k) == 0
