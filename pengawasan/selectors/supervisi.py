"""Reads of supervisi: a Puskesmas's visits of a year (filtered), the year's plan against
its realisation, one visit's findings with their RTL, the kabupaten recap, and the visits
with findings still open (the RTM input pack)."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from puskesmas.alat.rtl import TERBUKA
from puskesmas.models import RTL, Puskesmas

from .. import aturan_supervisi as aturan
from ..models import KunjunganSupervisi, TemuanSupervisi


def kunjungan_daftar(
    *, puskesmas, tahun: int, user, jenis: str = "", status: str = ""
) -> list[KunjunganSupervisi]:
    """The visits of a year at ``puskesmas`` with their number of findings (one query)."""
    qs = (
        KunjunganSupervisi.objects.for_user(user)
        .filter(puskesmas=puskesmas, tahun=tahun)
        .annotate(jumlah_temuan=Count("temuan"))
    )
    if jenis in aturan.Jenis.__members__.values():
        qs = qs.filter(pelaksana__in=aturan.pelaksana_dari_jenis(jenis))
    if status in aturan.Status.__members__.values():
        qs = qs.filter(status=status)
    return list(qs.order_by("bulan", "tanggal", "pk"))


def rekap_tahun(*, puskesmas, tahun: int, user) -> aturan.Rekap:
    return aturan.rekap(
        KunjunganSupervisi.objects.for_user(user)
        .filter(puskesmas=puskesmas, tahun=tahun)
        .values_list("terjadwal", "status")
    )


def rencana_per_bulan(*, puskesmas, tahun: int, user) -> list[tuple[int, list]]:
    """The year's plan month by month (every month, empty ones too)."""
    rows = list(
        KunjunganSupervisi.objects.for_user(user)
        .filter(puskesmas=puskesmas, tahun=tahun, terjadwal=True)
        .order_by("bulan", "pk")
    )
    return [(b, [k for k in rows if k.bulan == b]) for b in range(1, 13)]


def _jenis_temuan() -> ContentType:
    return ContentType.objects.get_for_model(TemuanSupervisi)


def temuan_dengan_rtl(kunjungan: KunjunganSupervisi, user) -> list[tuple[TemuanSupervisi, RTL]]:
    """Each finding of a visit with its RTL (or None), in two queries."""
    temuan = list(kunjungan.temuan.all())
    rtl = {
        r.sumber_id: r
        for r in RTL.objects.for_user(user)
        .filter(sumber_jenis=_jenis_temuan(), sumber_id__in=[t.pk for t in temuan])
        .select_related("pj")
    }
    return [(t, rtl.get(t.pk)) for t in temuan]


def rekap_kabupaten(*, kabupaten, tahun: int, user) -> list[dict]:
    """Every Puskesmas of the kabupaten with its plan, realisation and Dinkes visits of the
    year (one query for the Puskesmas, one for the counts)."""
    daftar = list(Puskesmas.objects.for_user(user).filter(kabupaten=kabupaten).order_by("nama"))
    hitung = {
        r.pop("puskesmas"): r
        for r in KunjunganSupervisi.objects.for_user(user)
        .filter(puskesmas__in=daftar, tahun=tahun)
        .values("puskesmas")
        .annotate(
            rencana=Count("pk", filter=Q(terjadwal=True)),
            terlaksana=Count("pk", filter=Q(terjadwal=True, status=aturan.Status.DILAKSANAKAN)),
            sewaktu=Count("pk", filter=Q(terjadwal=False, status=aturan.Status.DILAKSANAKAN)),
            dinkes=Count(
                "pk",
                filter=Q(pelaksana=aturan.Pelaksana.DINKES, status=aturan.Status.DILAKSANAKAN),
            ),
        )
    }
    kosong = {"rencana": 0, "terlaksana": 0, "sewaktu": 0, "dinkes": 0}
    return [{"puskesmas": p, **{**kosong, **hitung.get(p.pk, {})}} for p in daftar]


def kunjungan_temuan_terbuka(*, puskesmas, tahun: int, sampai: date, user) -> list[dict]:
    """Visits done in ``tahun`` up to ``sampai`` with findings still open: without an RTL,
    or with one not yet closed (the RTM's "Hasil supervisi")."""
    kunjungan = list(
        KunjunganSupervisi.objects.for_user(user)
        .filter(
            puskesmas=puskesmas,
            tahun=tahun,
            status=aturan.Status.DILAKSANAKAN,
            tanggal__lte=sampai,
        )
        .order_by("tanggal", "pk")
    )
    temuan = list(TemuanSupervisi.objects.filter(kunjungan__in=kunjungan).order_by("pk"))
    status_rtl = dict(
        RTL.objects.filter(
            sumber_jenis=_jenis_temuan(), sumber_id__in=[t.pk for t in temuan]
        ).values_list("sumber_id", "status")
    )
    hasil = []
    for k in kunjungan:
        terbuka = [
            (t, status_rtl.get(t.pk))
            for t in temuan
            if t.kunjungan_id == k.pk and (t.pk not in status_rtl or status_rtl[t.pk] in TERBUKA)
        ]
        if terbuka:
            hasil.append({"kunjungan": k, "temuan": terbuka})
    return hasil
