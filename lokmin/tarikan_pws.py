"""The PWS in the Lokmin bulanan's notulen (a ``lokmin.tarikan`` section), not retyped.

**Policy** (docs/domain.md, Lokakarya Mini): the bulanan held in month M evaluates the PWS of
month M−1, the last month complete by then (a month's data is due by day 5 of the next one,
the Lokmin is held by day 10); the January bulanan reads December of the year before. Per
indicator: the classic PWS chart (cumulative coverage per desa against the cumulative
target) and the desa table with each status. Loaded by ``LokminConfig.ready()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import kalender, pws, tarikan
from .grafik_pws import grafik_pws
from .selectors import lokmin as _rpk  # noqa: F401 - registers the RPK sections first
from .selectors_pws import NAMA_BULAN, tabel_pws


@dataclass
class PwsNotulen:
    tahun: int
    bulan: int
    tabel: list  # selectors_pws.TabelIndikator, each with ``grafik`` and ``jumlah_status``


@tarikan.daftar
def pws_bulan_lalu(lokmin, user):
    if not lokmin.bulanan:
        return None
    tahun, bulan = kalender.bulan_lalu(lokmin.tahun, lokmin.bulan)
    tabel = tabel_pws(puskesmas=lokmin.puskesmas, tahun=tahun, bulan=bulan)
    for t in tabel:
        t.grafik = grafik_pws(t, bulan)
        t.jumlah_status = [(pws.LABEL_STATUS[s], n) for s, n in t.ringkasan.items()]
    return tarikan.Bagian(
        kode="pws",
        judul=f"PWS bulan {NAMA_BULAN[bulan - 1]} {tahun}: cakupan dan status per desa",
        template="lokmin/_tarikan_pws.html",
        data=PwsNotulen(tahun, bulan, tabel),
        extra={"puskesmas_pk": lokmin.puskesmas_id},
        keterangan=""
        if tabel
        else f"Belum ada indikator PWS (indikator katalog dengan kelompok sasaran) tahun {tahun}.",
    )
