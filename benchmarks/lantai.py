"""The floor of each measured page: one hand-written SQL returning the rows the page shows.

A page can never be faster than the query that fetches its rows; the ratio page / floor is
what Django, the ORM, the templates and the scoping add. Each floor is plain SQL any
database of the app runs (SQLite and PostgreSQL), with the page's own order and page size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class Lantai:
    sql: str
    params: tuple = ()

    def jalankan(self) -> list[tuple]:
        with connection.cursor() as c:
            c.execute(self.sql, self.params)
            return c.fetchall()


_JUMLAH = """
    (SELECT COUNT(*) FROM puskesmas_desa d WHERE d.puskesmas_id = p.id) AS jumlah_desa,
    (SELECT COUNT(*) FROM puskesmas_pustu t WHERE t.puskesmas_id = p.id) AS jumlah_pustu
"""


def beranda_nasional(halaman: int = 1) -> Lantai:
    """Kabupaten with their Puskesmas and rawat inap counts, 50 per page."""
    return Lantai(
        """
        SELECT k.id, k.kode, k.nama, v.nama,
               (SELECT COUNT(*) FROM puskesmas_puskesmas p WHERE p.kabupaten_id = k.id),
               (SELECT COUNT(*) FROM puskesmas_puskesmas p
                 WHERE p.kabupaten_id = k.id AND p.rawat_inap)
          FROM puskesmas_kabupaten k JOIN puskesmas_provinsi v ON v.id = k.provinsi_id
         ORDER BY v.kode, k.kode
         LIMIT 50 OFFSET %s
        """,
        ((halaman - 1) * 50,),
    )


def puskesmas_kabupaten(kabupaten_id: int, batas: int | None = None) -> Lantai:
    """The Puskesmas of one kabupaten with desa and Pustu counts (recap; list page)."""
    return Lantai(
        f"""
        SELECT p.id, p.kode, p.nama, p.rawat_inap, c.nama, {_JUMLAH}
          FROM puskesmas_puskesmas p JOIN puskesmas_kecamatan c ON c.id = p.kecamatan_id
         WHERE p.kabupaten_id = %s
         ORDER BY c.nama, p.nama
         {"LIMIT %s" if batas else ""}
        """,
        (kabupaten_id, batas) if batas else (kabupaten_id,),
    )


def puskesmas_nasional() -> Lantai:
    """First page (50) of every Puskesmas, with desa and Pustu counts."""
    return Lantai(
        f"""
        SELECT p.id, p.kode, p.nama, p.rawat_inap, c.nama, k.nama, {_JUMLAH}
          FROM puskesmas_puskesmas p
          JOIN puskesmas_kecamatan c ON c.id = p.kecamatan_id
          JOIN puskesmas_kabupaten k ON k.id = p.kabupaten_id
         ORDER BY c.nama, p.nama
         LIMIT 50
        """
    )


def detail_puskesmas(puskesmas_id: int) -> Lantai:
    """Desa, Pustu and staff of one Puskesmas, in one statement."""
    return Lantai(
        """
        SELECT 'desa', d.id, d.nama FROM puskesmas_desa d WHERE d.puskesmas_id = %s
        UNION ALL
        SELECT 'pustu', t.id, t.nama FROM puskesmas_pustu t WHERE t.puskesmas_id = %s
        UNION ALL
        SELECT r.peran, u.id, u.nama_lengkap
          FROM puskesmas_penugasanperan r JOIN puskesmas_user u ON u.id = r.user_id
         WHERE r.puskesmas_id = %s
        """,
        (puskesmas_id,) * 3,
    )


def riwayat(puskesmas_id: int) -> Lantai:
    """The 100 latest changes to the Puskesmas, its desa, Pustu and sasaran, by the owner
    column every history row carries (``puskesmas/alat/riwayat.py``) and its index."""
    bagian = " UNION ALL ".join(
        f"""SELECT * FROM (SELECT '{m}' AS m, h.history_id, h.history_date, h.history_type,
                   h.riwayat_objek
              FROM puskesmas_historical{m} h WHERE h.riwayat_puskesmas_id = %s
             ORDER BY h.history_date DESC LIMIT 100) {m}"""
        for m in ("puskesmas", "desa", "pustu", "sasarandesa")
    )
    return Lantai(
        f"SELECT * FROM ({bagian}) x ORDER BY history_date DESC LIMIT 100",
        (puskesmas_id,) * 4,
    )


def pengguna_kabupaten(kabupaten_id: int) -> Lantai:
    """First page (50) of everyone with a role in one kabupaten, by name: the role rows
    found through their two indexes (kabupaten; Puskesmas of the kabupaten)."""
    return Lantai(
        """
        SELECT u.id, u.username, u.nama_lengkap, u.is_active
          FROM puskesmas_user u
         WHERE u.id IN (
                SELECT r.user_id FROM puskesmas_penugasanperan r WHERE r.kabupaten_id = %s
                UNION ALL
                SELECT r.user_id FROM puskesmas_penugasanperan r
                  JOIN puskesmas_puskesmas p ON p.id = r.puskesmas_id
                 WHERE p.kabupaten_id = %s)
         ORDER BY u.nama_lengkap, u.username
         LIMIT 50
        """,
        (kabupaten_id, kabupaten_id),
    )


def ruk_kabupaten(kabupaten_id: int, tahun_ruk: int) -> Lantai:
    """Every Puskesmas of a kabupaten with its RUK of the year: status, activities, budget."""
    return Lantai(
        """
        SELECT p.id, p.nama, r.id, r.status, COUNT(k.id), SUM(k.kebutuhan_anggaran)
          FROM puskesmas_puskesmas p
          LEFT JOIN perencanaan_ruk r ON r.puskesmas_id = p.id AND r.tahun = %s
          LEFT JOIN perencanaan_kegiatanruk k ON k.ruk_id = r.id
         WHERE p.kabupaten_id = %s
         GROUP BY p.id, p.nama, r.id, r.status
         ORDER BY p.nama
        """,
        (tahun_ruk, kabupaten_id),
    )


def kepatuhan(kabupaten_id: int, tahun: int) -> Lantai:
    """Every Puskesmas of a kabupaten with the state of its current targets and SK date."""
    return Lantai(
        """
        SELECT p.id, p.nama, c.nama, t.status, t.diajukan_pada, s.tanggal
          FROM puskesmas_puskesmas p
          JOIN puskesmas_kecamatan c ON c.id = p.kecamatan_id
          LEFT JOIN perencanaan_penetapantarget t
                 ON t.puskesmas_id = p.id AND t.tahun = %s AND t.status <> 'digantikan'
          LEFT JOIN perencanaan_sktargetkinerja s ON s.penetapan_id = t.id
         WHERE p.kabupaten_id = %s
         ORDER BY c.nama, p.nama
        """,
        (tahun, kabupaten_id),
    )


def kegiatan_ruk(ruk_id: int) -> Lantai:
    """The activities of one RUK, by klaster and number."""
    return Lantai(
        """
        SELECT k.id, k.klaster_id, k.upaya, k.sasaran, k.target, k.waktu,
               k.kebutuhan_anggaran, k.sumber_pembiayaan
          FROM perencanaan_kegiatanruk k
         WHERE k.ruk_id = %s
         ORDER BY k.klaster_id, k.urutan
        """,
        (ruk_id,),
    )
