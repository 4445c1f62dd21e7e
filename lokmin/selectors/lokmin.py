"""Reads of the Lokakarya Mini: the year's calendar of a Puskesmas, what counts as done
for the due-date registry, the RTL a meeting reviews, and the notulen's pulled-in
sections (RPK realisation and plan)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch

from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.tautan import balik
from puskesmas.alat.tenggat_daftar import Kejadian
from puskesmas.models import RTL
from puskesmas.selectors import rtl as rtl_selectors

from .. import kalender, tarikan
from ..kalender import JenisLokmin
from ..models import Lokmin, TinjauanRTL
from . import realisasi


def kueri_lokmin(puskesmas_ids, kejadian: Kejadian, jenis: JenisLokmin):
    """(Puskesmas, date held) of the Lokmin of that month approved by the Kepala: the read
    of the registry's ``kueri_selesai``."""
    return Lokmin.objects.filter(
        puskesmas_id__in=list(puskesmas_ids),
        tahun=kejadian.tahun,
        bulan=kalender.bulan_dari_kode(kejadian.kode),
        jenis=jenis.value,
        status=StatusAlur.DISAHKAN,
    ).values_list("puskesmas_id", "tanggal")


def tautan_lokmin(puskesmas_id: int) -> str | None:
    try:
        return balik("lokmin:daftar", args=[puskesmas_id])
    except NoReverseMatch:
        return None


@dataclass
class BarisKalender:
    jenis: JenisLokmin
    bulan: int
    batas: date
    lokmin: Lokmin | None

    @property
    def label(self) -> str:
        return f"{kalender.LABEL_JENIS[self.jenis]} {kalender.label_kejadian(f'{self.bulan:02d}')}"


def kalender_tahun(*, puskesmas, tahun: int, user) -> list[BarisKalender]:
    """Every Lokmin the year asks for, with the meeting held for it (one query)."""
    ada = {
        (lk.jenis, lk.bulan): lk
        for lk in Lokmin.objects.for_user(user).filter(puskesmas=puskesmas, tahun=tahun)
    }
    baris = []
    for bulan in range(1, 13):
        for jenis in JenisLokmin:
            if kalender.diadakan(jenis, bulan):
                baris.append(
                    BarisKalender(
                        jenis, bulan, kalender.batas(tahun, bulan), ada.get((jenis.value, bulan))
                    )
                )
    return baris


def rtl_lokmin(lokmin: Lokmin, user):
    """The RTL this meeting raised."""
    return rtl_selectors.rtl_dari_sumber(sumber=lokmin, user=user)


@dataclass
class BarisTinjauan:
    rtl: RTL
    tinjauan: TinjauanRTL | None


def tinjauan_daftar(lokmin: Lokmin, user) -> list[BarisTinjauan]:
    """The earlier RTL this meeting reviews: those it reviewed, and while it is a draft
    every RTL of the Puskesmas still open or awaiting evaluation from elsewhere."""
    ditinjau = {
        t.rtl_id: t
        for t in TinjauanRTL.objects.filter(lokmin=lokmin).select_related(
            "rtl__klaster", "rtl__pj", "oleh"
        )
    }
    baris = [BarisTinjauan(t.rtl, t) for t in ditinjau.values()]
    if lokmin.bisa_diubah:
        for rtl in rtl_selectors.rtl_untuk_ditinjau(
            puskesmas=lokmin.puskesmas, user=user, kecuali_sumber=lokmin
        ):
            if rtl.pk not in ditinjau:
                baris.append(BarisTinjauan(rtl, None))
    return sorted(baris, key=lambda b: (b.rtl.batas, b.rtl.pk))


def rtl_belum_ditinjau(lokmin: Lokmin) -> int:
    """How many earlier RTL still open are not yet reviewed at ``lokmin`` (no scope: a
    check inside the workflow step, whose user was already checked)."""
    qs = RTL.objects.filter(
        puskesmas_id=lokmin.puskesmas_id,
        status__in=["belum", "proses", "selesai"],
    ).exclude(sumber_jenis=ContentType.objects.get_for_model(Lokmin), sumber_id=lokmin.pk)
    return qs.exclude(tinjauan_lokmin__lokmin=lokmin).count()


# --- What the notulen pulls in ------------------------------------------------------------


@tarikan.daftar
def _realisasi_bulan_lalu(lokmin: Lokmin, user):
    if not lokmin.bulanan:
        return None
    tahun, bulan = kalender.bulan_lalu(lokmin.tahun, lokmin.bulan)
    rpk = realisasi.rpk_tahun(puskesmas=lokmin.puskesmas, tahun=tahun, user=user)
    return tarikan.Bagian(
        kode="realisasi_bulan_lalu",
        judul=f"Realisasi kegiatan RPK bulan {kalender.BULAN_NAMA[bulan - 1]} {tahun}",
        template="lokmin/_tarikan_realisasi.html",
        data=realisasi.realisasi_bulan(rpk=rpk, bulan=bulan),
        keterangan="" if rpk else f"Belum ada RPK tahun {tahun}.",
    )


@tarikan.daftar
def _kegiatan_bulan_ini(lokmin: Lokmin, user):
    if not lokmin.bulanan:
        return None
    rpk = realisasi.rpk_tahun(puskesmas=lokmin.puskesmas, tahun=lokmin.tahun, user=user)
    return tarikan.Bagian(
        kode="kegiatan_bulan_ini",
        judul=f"Rencana kegiatan RPK bulan {lokmin.nama_bulan} {lokmin.tahun}",
        template="lokmin/_tarikan_rencana.html",
        data=realisasi.realisasi_bulan(rpk=rpk, bulan=lokmin.bulan),
        keterangan="" if rpk else f"Belum ada RPK tahun {lokmin.tahun}.",
        extra={"bulan": lokmin.bulan},
    )


@tarikan.daftar
def _hasil_triwulan(lokmin: Lokmin, user):
    if lokmin.bulanan:
        return None
    bulan_bulan = kalender.triwulan_lalu(lokmin.tahun, lokmin.bulan)
    data = []
    for tahun, bulan in bulan_bulan:
        rpk = realisasi.rpk_tahun(puskesmas=lokmin.puskesmas, tahun=tahun, user=user)
        data.append(
            (
                f"{kalender.BULAN_NAMA[bulan - 1]} {tahun}",
                realisasi.realisasi_bulan(rpk=rpk, bulan=bulan),
            )
        )
    return tarikan.Bagian(
        kode="hasil_triwulan",
        judul="Hasil kegiatan triwulan per klaster",
        template="lokmin/_tarikan_triwulan.html",
        data=data,
    )


# The PWS of the month is pulled in here by the PWS part (a ``tarikan.daftar`` section).
