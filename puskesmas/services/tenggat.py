"""The daily due-date reminders of every registered kind (``puskesmas.alat.tenggat_daftar``).

The task that runs this keeps its name (``perencanaan.tasks.kirim_pengingat_tenggat``, in the
beat schedule); the service lives here because it walks every app's kinds.
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from ..alat import tenggat_daftar as td
from ..alat.tenggat import (
    Pengingat,
    TahapPengingat,
    hari_pengingat,
    tahap_pengingat,
    tanggal_indonesia,
)
from ..models import Puskesmas
from ..selectors.tenggat import tanggal_sendiri
from .inti import notifikasi_kirim

logger = logging.getLogger(__name__)

UKURAN_BATCH = 500

JUDUL = {
    TahapPengingat.H7: "Pengingat: {nama} {tahun} jatuh tempo 7 hari lagi",
    TahapPengingat.H3: "Pengingat: {nama} {tahun} jatuh tempo 3 hari lagi",
    TahapPengingat.H1: "Pengingat: {nama} {tahun} jatuh tempo besok",
    TahapPengingat.LEWAT: "Terlambat: {nama} {tahun} melewati batas waktu",
}


def pesan_pengingat(
    *,
    tenggat: td.Tenggat,
    kejadian: td.Kejadian,
    puskesmas: Puskesmas,
    batas: date,
    pengingat: Pengingat,
    hari_ini: date,
) -> tuple[str, str]:
    """The title and text of one reminder, in Indonesian, with the due date."""
    nama = tenggat.judul(kejadian)
    tahun = kejadian.tahun
    judul = JUDUL[pengingat.tahap].format(nama=nama, tahun=tahun)
    teks = tenggat.tindakan.format(
        puskesmas=puskesmas, tahun=tahun, batas=tanggal_indonesia(batas), kejadian=nama
    )
    if pengingat.tahap == TahapPengingat.LEWAT:
        teks += (
            f" Batas waktu sudah lewat {(hari_ini - batas).days} hari dan belum selesai; "
            "segera selesaikan."
        )
    else:
        teks += f" Sisa waktu {(batas - hari_ini).days} hari."
    return judul, teks


def kunci_pengingat(*, kejadian: td.Kejadian, puskesmas_id: int, pengingat: Pengingat) -> str:
    """``tenggat:<jenis>:<puskesmas>:<tahun>:<stage>``; a repeating kind's occurrence joins
    the year (``<tahun>-<kejadian>``). The once-a-year kinds keep the key they had before the
    registry, so reminders already sent are not sent again."""
    tahun = f"{kejadian.tahun}-{kejadian.kode}" if kejadian.kode else str(kejadian.tahun)
    return f"tenggat:{kejadian.jenis}:{puskesmas_id}:{tahun}:{pengingat.kode}"


def pengingat_tenggat_kirim(*, hari_ini: date) -> int:
    """Send today's reminders of every registered kind of ``hari_ini``'s year; return how many.

    For every occurrence of every kind whose reminder stage (H-7, H-3, H-1, overdue weekly:
    ``puskesmas.alat.tenggat.tahap_pengingat``, limited to the kind's ``tahap``) falls today
    by the policy date or a kabupaten's own date, each Puskesmas where it is still open
    reminds the kind's recipients: in-app, and by e-mail where they have an address.

    Exactly once per person, stage and occurrence: each notification carries a key
    (``kunci_pengingat``) and notifications are unique on (recipient, key), so a second run or
    a retry creates nothing new.

    Puskesmas are read in batches of ``UKURAN_BATCH`` by primary key, three reads per batch
    (the Puskesmas, the kind's done dates, the recipients). Each Puskesmas's reminders are
    their own transaction: a worker killed mid-run keeps every reminder already committed
    (and its e-mail queued), and the rerun skips them through the keys; e-mails of reminders
    committed but never queued are queued again. A system job: no user, so no capability
    check.
    """
    tahun = hari_ini.year
    sendiri = tanggal_sendiri(tahun=tahun)
    terkirim = 0
    for tenggat in td.semua():
        for kejadian in tenggat.kejadian_tahun(tahun):
            kab_sendiri = sendiri.get((tenggat.kode, kejadian.kode), {})
            kab_hari_ini = [
                kab for kab, d in kab_sendiri.items() if hari_pengingat(d, hari_ini, tenggat.tahap)
            ]
            kondisi = Q(kabupaten_id__in=kab_hari_ini)
            if hari_pengingat(kejadian.batas, hari_ini, tenggat.tahap):
                kondisi |= ~Q(kabupaten_id__in=list(kab_sendiri))
            elif not kab_hari_ini:
                continue
            qs = Puskesmas.objects.filter(kondisi).order_by("pk").only("pk", "nama", "kabupaten_id")
            terakhir = 0
            while True:
                batch = list(qs.filter(pk__gt=terakhir)[:UKURAN_BATCH])
                if not batch:
                    break
                terakhir = batch[-1].pk
                terkirim += _kirim_batch(
                    tenggat, kejadian, batch, kab_sendiri=kab_sendiri, hari_ini=hari_ini
                )
    logger.info("Pengingat tenggat %s: %d notifikasi baru", hari_ini, terkirim)
    return terkirim


def _kirim_batch(
    tenggat: td.Tenggat,
    kejadian: td.Kejadian,
    batch: list[Puskesmas],
    *,
    kab_sendiri: dict[int, date],
    hari_ini: date,
) -> int:
    """One occurrence's reminders for a batch: two reads (done dates, recipients), then one
    insert per notification, committed per Puskesmas."""
    selesai = tenggat.selesai([p.pk for p in batch], kejadian)
    perlu: dict[int, tuple[Puskesmas, date, Pengingat]] = {}
    for p in batch:
        batas = kab_sendiri.get(p.kabupaten_id, kejadian.batas)
        pengingat = tahap_pengingat(
            batas=batas, selesai_pada=selesai.get(p.pk), hari_ini=hari_ini, tahap=tenggat.tahap
        )
        if pengingat is not None:
            perlu[p.pk] = (p, batas, pengingat)
    if not perlu:
        return 0
    penerima = tenggat.penerima(list(perlu), kejadian)
    ada_tautan = tenggat.tautan is not None and tenggat.tautan(next(iter(perlu))) is not None
    jumlah = 0
    sudah_ada: list[str] = []
    for pk, (p, batas, pengingat) in perlu.items():
        judul, pesan = pesan_pengingat(
            tenggat=tenggat,
            kejadian=kejadian,
            puskesmas=p,
            batas=batas,
            pengingat=pengingat,
            hari_ini=hari_ini,
        )
        tautan = (tenggat.tautan(pk) if ada_tautan else None) or reverse(
            "puskesmas_detail", args=[pk]
        )
        kunci = kunci_pengingat(kejadian=kejadian, puskesmas_id=pk, pengingat=pengingat)
        with transaction.atomic():
            for user in penerima.get(pk, []):
                baru = notifikasi_kirim(
                    penerima=user, judul=judul, pesan=pesan, tautan=tautan, kunci=kunci, email=True
                )
                jumlah += baru is not None
                if baru is None:
                    sudah_ada.append(kunci)
    _email_tertinggal_kirim(sudah_ada)
    return jumlah


def _email_tertinggal_kirim(kunci: list[str]) -> None:
    """Queue again the e-mails of reminders that exist but were never mailed.

    A worker killed between a reminder's commit and queueing its e-mail leaves the reminder
    without its e-mail, and the rerun skips the reminder by its key: this picks the e-mail
    up. Queueing one twice is harmless: ``kirim_email_notifikasi`` sends each at most once.
    """
    if not kunci:
        return
    from ..models import Notifikasi
    from ..tasks import kirim_email_notifikasi

    for pk in Notifikasi.objects.filter(
        kunci__in=set(kunci), kirim_email=True, email_terkirim_pada__isnull=True
    ).values_list("pk", flat=True):
        kirim_email_notifikasi.delay(pk)
