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


def puskesmas_nasional(setelah: str | None = None) -> Lantai:
    """A page (50) of every Puskesmas by code, with desa and Pustu counts: the first, or
    the one after the code ``setelah`` (the keyset page the national list shows)."""
    where, params = ("WHERE p.kode > %s", (setelah,)) if setelah is not None else ("", ())
    return Lantai(
        f"""
        SELECT p.id, p.kode, p.nama, p.rawat_inap, c.nama, k.nama, {_JUMLAH}
          FROM puskesmas_puskesmas p
          JOIN puskesmas_kecamatan c ON c.id = p.kecamatan_id
          JOIN puskesmas_kabupaten k ON k.id = p.kabupaten_id
          {where}
         ORDER BY p.kode
         LIMIT 50
        """,
        params,
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
    """The 100 latest changes to anything of the Puskesmas, with who made them: the newest
    100 rows of every history table by the owner column each carries
    (``puskesmas/alat/riwayat.py``) and its index, merged. The tables are found in the
    database itself (every table with that column), not from the app's models."""
    with connection.cursor() as c:
        tabel = sorted(
            t
            for t in connection.introspection.table_names(c)
            if "riwayat_puskesmas_id"
            in {k.name for k in connection.introspection.get_table_description(c, t)}
        )
    bagian = " UNION ALL ".join(
        f"""SELECT * FROM (SELECT {i} AS m, h.history_date, h.history_type, h.riwayat_objek,
                   h.history_user_id
              FROM {t} h WHERE h.riwayat_puskesmas_id = %s
             ORDER BY h.history_date DESC LIMIT 100) p{i}"""
        for i, t in enumerate(tabel)
    )
    return Lantai(
        f"""SELECT x.*, u.nama_lengkap, u.username FROM ({bagian}) x
              LEFT JOIN puskesmas_user u ON u.id = x.history_user_id
             ORDER BY x.history_date DESC LIMIT 100""",
        (puskesmas_id,) * len(tabel),
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


def peringkat_pkp(kabupaten_id: int, tahun: int) -> Lantai:
    """Every Puskesmas of a kabupaten with its PKP of the year (status, group, values and
    the kept result), the set ones first by group and value."""
    return Lantai(
        """
        SELECT p.id, p.kode, p.nama, c.nama, n.id, n.status, n.kelompok,
               n.nilai_pelayanan, n.nilai_manajemen, n.nilai_mutu, n.hasil
          FROM puskesmas_puskesmas p
          JOIN puskesmas_kecamatan c ON c.id = p.kecamatan_id
          LEFT JOIN pkp_penilaianpkp n ON n.puskesmas_id = p.id AND n.tahun = %s
         WHERE p.kabupaten_id = %s
         ORDER BY CASE WHEN n.status = 'ditetapkan' THEN 0 ELSE 1 END, n.kelompok,
                  n.nilai_pelayanan DESC, p.nama
        """,
        (tahun, kabupaten_id),
    )


def rtl_papan(puskesmas_id: int) -> Lantai:
    """Every RTL of one Puskesmas with its klaster and PJ, by due date."""
    return Lantai(
        """
        SELECT r.id, r.masalah, r.rencana, r.status, r.batas, r.sumber_label,
               k.nomor, u.nama_lengkap, r.pj_instansi
          FROM puskesmas_rtl r
          LEFT JOIN puskesmas_klaster k ON k.id = r.klaster_id
          LEFT JOIN puskesmas_user u ON u.id = r.pj_id
         WHERE r.puskesmas_id = %s
         ORDER BY r.batas, r.id
        """,
        (puskesmas_id,),
    )


def rtl_kabupaten(kabupaten_id: int, hari_ini) -> Lantai:
    """Per Puskesmas of a kabupaten, its RTL in each column of the board, most overdue
    first."""
    hari = hari_ini.isoformat()
    return Lantai(
        """
        SELECT p.id, p.nama,
               SUM(CASE WHEN r.status IN ('belum', 'proses') AND r.batas >= %s
                        THEN 1 ELSE 0 END) AS terbuka,
               SUM(CASE WHEN r.status IN ('belum', 'proses') AND r.batas < %s
                        THEN 1 ELSE 0 END) AS terlambat,
               SUM(CASE WHEN r.status = 'selesai' THEN 1 ELSE 0 END) AS menunggu,
               SUM(CASE WHEN r.status IN ('dievaluasi', 'tidak_dilanjutkan')
                        THEN 1 ELSE 0 END) AS ditutup
          FROM puskesmas_puskesmas p
          LEFT JOIN puskesmas_rtl r ON r.puskesmas_id = p.id
         WHERE p.kabupaten_id = %s
         GROUP BY p.id, p.nama
         ORDER BY terlambat DESC, p.nama
        """,
        (hari, hari, kabupaten_id),
    )


_INDIKATOR_PWS = """
    i.tahun = %s AND i.aktif AND i.kategori_sasaran <> ''
"""


def grid_pws(
    puskesmas_id: int, kabupaten_id: int, tahun: int, bulan: int, klaster_id: int
) -> Lantai:
    """The PWS sheet of one klaster and month: every desa × PWS indicator of the klaster,
    with the desa's sasaran and the value entered."""
    return Lantai(
        f"""
        SELECT d.id, d.nama, i.id, i.kode, s.jumlah, n.nilai
          FROM puskesmas_desa d
          JOIN perencanaan_indikator i
            ON i.kabupaten_id = %s AND i.klaster_id = %s AND {_INDIKATOR_PWS}
          LEFT JOIN puskesmas_sasarandesa s
                 ON s.desa_id = d.id AND s.tahun = i.tahun AND s.kategori = i.kategori_sasaran
          LEFT JOIN lokmin_lembarpws l
                 ON l.puskesmas_id = d.puskesmas_id AND l.tahun = i.tahun AND l.bulan = %s
                AND l.klaster_id = i.klaster_id
          LEFT JOIN lokmin_nilaipws n
                 ON n.lembar_id = l.id AND n.desa_id = d.id AND n.indikator_id = i.id
         WHERE d.puskesmas_id = %s
         ORDER BY d.nama, i.urutan, i.id
        """,
        (kabupaten_id, klaster_id, tahun, bulan, puskesmas_id),
    )


def pws_kabupaten(kabupaten_id: int, tahun: int, bulan: int) -> Lantai:
    """Per Puskesmas of a kabupaten: PWS cells expected in the month (desa × indicators),
    cells entered, and the cumulative value up to the month."""
    return Lantai(
        f"""
        SELECT p.id, p.nama,
               (SELECT COUNT(*) FROM puskesmas_desa d WHERE d.puskesmas_id = p.id)
               * (SELECT COUNT(*) FROM perencanaan_indikator i
                   WHERE i.kabupaten_id = p.kabupaten_id AND {_INDIKATOR_PWS}) AS diharapkan,
               (SELECT COUNT(*) FROM lokmin_nilaipws n
                  JOIN lokmin_lembarpws l ON l.id = n.lembar_id
                 WHERE l.puskesmas_id = p.id AND l.tahun = %s AND l.bulan = %s) AS terisi,
               (SELECT SUM(n.nilai) FROM lokmin_nilaipws n
                  JOIN lokmin_lembarpws l ON l.id = n.lembar_id
                 WHERE l.puskesmas_id = p.id AND l.tahun = %s AND l.bulan <= %s) AS kumulatif
          FROM puskesmas_puskesmas p
         WHERE p.kabupaten_id = %s
         ORDER BY p.nama
        """,
        (tahun, tahun, bulan, tahun, bulan, kabupaten_id),
    )


def pengendalian_kabupaten(kabupaten_id: int, tahun: int, bulan: int) -> Lantai:
    """Per Puskesmas of a kabupaten and PWS indicator: the cumulative value up to the month
    and the population it is measured against (the page adds RPK activities and RTL)."""
    return Lantai(
        f"""
        SELECT p.id, p.nama, i.id, i.kode,
               (SELECT SUM(n.nilai) FROM lokmin_nilaipws n
                  JOIN lokmin_lembarpws l ON l.id = n.lembar_id
                 WHERE l.puskesmas_id = p.id AND l.tahun = i.tahun AND l.bulan <= %s
                   AND n.indikator_id = i.id) AS capaian,
               (SELECT SUM(s.jumlah) FROM puskesmas_sasarandesa s
                  JOIN puskesmas_desa d ON d.id = s.desa_id
                 WHERE d.puskesmas_id = p.id AND s.tahun = i.tahun
                   AND s.kategori = i.kategori_sasaran) AS sasaran
          FROM puskesmas_puskesmas p
          JOIN perencanaan_indikator i ON i.kabupaten_id = p.kabupaten_id AND {_INDIKATOR_PWS}
         WHERE p.kabupaten_id = %s
         ORDER BY p.nama, i.urutan, i.id
        """,
        (bulan, tahun, kabupaten_id),
    )


def lokmin_daftar(puskesmas_id: int, tahun: int) -> Lantai:
    """The Lokmin of one Puskesmas in one year, by month."""
    return Lantai(
        """
        SELECT k.id, k.bulan, k.jenis, k.tanggal, k.tempat, k.status
          FROM lokmin_lokmin k
         WHERE k.puskesmas_id = %s AND k.tahun = %s
         ORDER BY k.bulan, k.jenis
        """,
        (puskesmas_id, tahun),
    )


def beranda_puskesmas(puskesmas_id: int, user_id: int) -> Lantai:
    """The work inbox of a Kepala Puskesmas as far as RTL go (open RTL the user is PJ of,
    RTL of the Puskesmas awaiting evaluation) and the five latest notifications."""
    return Lantai(
        """
        SELECT 'rtl', r.id, r.rencana
          FROM puskesmas_rtl r
         WHERE (r.pj_id = %s AND r.status IN ('belum', 'proses'))
            OR (r.puskesmas_id = %s AND r.status = 'selesai')
        UNION ALL
        SELECT * FROM (SELECT 'notifikasi', n.id, n.judul FROM puskesmas_notifikasi n
                        WHERE n.penerima_id = %s ORDER BY n.dibuat DESC LIMIT 5) x
        """,
        (user_id, puskesmas_id, user_id),
    )


def notifikasi(user_id: int) -> Lantai:
    """First page (30) of a user's notifications, newest first."""
    return Lantai(
        """
        SELECT n.id, n.judul, n.pesan, n.tautan, n.dibaca_pada, n.dibuat
          FROM puskesmas_notifikasi n
         WHERE n.penerima_id = %s
         ORDER BY n.dibuat DESC
         LIMIT 30
        """,
        (user_id,),
    )
