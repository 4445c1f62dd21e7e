"""Writes of the due-date area: a kabupaten's own dates, and the daily reminders."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.choices import Peran
from puskesmas.models import Kabupaten, Notifikasi, PenugasanPeran, Puskesmas, User
from puskesmas.services.inti import KonflikVersi, notifikasi_kirim, selaraskan_baris

from ..choices import JenisTenggat
from ..models import TenggatKabupaten
from ..selectors import tenggat as sel
from ..tenggat import (
    Pengingat,
    TahapPengingat,
    batas_default,
    hari_pengingat,
    tahap_pengingat,
    tanggal_indonesia,
)

logger = logging.getLogger(__name__)

PESAN_TAHUN = "Tanggal harus berada dalam tahun {tahun}."
PESAN_URUTAN = "Batas SK Target Kinerja tidak boleh sebelum batas target kinerja per klaster."


class TenggatTidakSah(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def tenggat_kabupaten_simpan(
    *,
    kabupaten: Kabupaten,
    tahun: int,
    tanggal: dict[str, date | None],
    semula: dict[str, date | None],
    user: User,
) -> dict[str, date]:
    """Set (or, with None, clear back to the policy default) a kabupaten's due dates.

    ``semula`` are the kabupaten's own dates as the form showed them: if someone changed
    them since, nothing is saved and ``KonflikVersi`` is raised, so two admins cannot
    silently overwrite each other. Every change is in the audit history. Returns the dates
    now in force.
    """
    access.wajib(user, Aksi.KELOLA_KATALOG, kabupaten)
    ada = {
        t.jenis: t
        for t in TenggatKabupaten.objects.select_for_update(of=("self",)).filter(
            kabupaten=kabupaten, tahun=tahun
        )
    }
    for jenis in sel.JENIS:
        sekarang = ada[jenis].tanggal if jenis in ada else None
        if sekarang != semula.get(jenis):
            raise KonflikVersi()
    berlaku = {j: tanggal.get(j) or batas_default(j, tahun) for j in sel.JENIS}
    for d in berlaku.values():
        if d.year != tahun:
            raise TenggatTidakSah(PESAN_TAHUN.format(tahun=tahun))
    if berlaku[JenisTenggat.SK_TARGET] < berlaku[JenisTenggat.TARGET_KINERJA]:
        raise TenggatTidakSah(PESAN_URUTAN)
    selaraskan_baris(
        ada=ada,
        baru={jenis: tanggal.get(jenis) for jenis in sel.JENIS},
        kolom="tanggal",
        buat=lambda jenis, baru: TenggatKabupaten(
            kabupaten=kabupaten, tahun=tahun, jenis=jenis, tanggal=baru
        ),
        user=user,
    )
    return berlaku


# --- Daily reminders --------------------------------------------------------------------

# Who is reminded of what, inside the Puskesmas.
PENERIMA = {
    JenisTenggat.TARGET_KINERJA: (Peran.PJ_KLASTER, Peran.KEPALA_TU),
    JenisTenggat.SK_TARGET: (Peran.KEPALA_PUSKESMAS, Peran.KEPALA_TU),
}

UKURAN_BATCH = 500


@dataclass(frozen=True)
class _Jatuh:
    """Which kabupaten have a reminder of one step due today."""

    jenis: str
    default_hari_ini: bool  # the policy date makes a reminder due today
    kab_sendiri: frozenset[int]  # kabupaten with their own date for this step
    kab_sendiri_hari_ini: frozenset[int]  # ... whose own date makes a reminder due today

    @property
    def ada(self) -> bool:
        return self.default_hari_ini or bool(self.kab_sendiri_hari_ini)

    def kondisi(self) -> Q:
        q = Q(kabupaten_id__in=self.kab_sendiri_hari_ini)
        if self.default_hari_ini:
            q |= ~Q(kabupaten_id__in=self.kab_sendiri)
        return q


def _jatuh_hari_ini(hari_ini: date) -> list[_Jatuh]:
    """One query over every kabupaten's own dates: which steps have reminders today."""
    tahun = hari_ini.year
    sendiri: dict[str, dict[int, date]] = {j: {} for j in sel.JENIS}
    for kab, jenis, tanggal in TenggatKabupaten.objects.filter(tahun=tahun).values_list(
        "kabupaten_id", "jenis", "tanggal"
    ):
        sendiri[jenis][kab] = tanggal
    hasil = []
    for jenis in sel.JENIS:
        jatuh = _Jatuh(
            jenis=jenis,
            default_hari_ini=hari_pengingat(batas_default(jenis, tahun), hari_ini),
            kab_sendiri=frozenset(sendiri[jenis]),
            kab_sendiri_hari_ini=frozenset(
                kab for kab, d in sendiri[jenis].items() if hari_pengingat(d, hari_ini)
            ),
        )
        if jatuh.ada:
            hasil.append(jatuh)
    return hasil


JUDUL = {
    TahapPengingat.H7: "Pengingat: {nama} {tahun} jatuh tempo 7 hari lagi",
    TahapPengingat.H3: "Pengingat: {nama} {tahun} jatuh tempo 3 hari lagi",
    TahapPengingat.H1: "Pengingat: {nama} {tahun} jatuh tempo besok",
    TahapPengingat.LEWAT: "Terlambat: {nama} {tahun} melewati batas waktu",
}

TINDAKAN = {
    JenisTenggat.TARGET_KINERJA: "Target kinerja per klaster {puskesmas} tahun {tahun} "
    "harus diajukan Tim Perencanaan paling lambat {batas}.",
    JenisTenggat.SK_TARGET: "SK Target Kinerja {puskesmas} tahun {tahun} "
    "harus ditetapkan Kepala Puskesmas paling lambat {batas}.",
}


def pesan_pengingat(
    *, jenis: str, puskesmas: Puskesmas, tahun: int, batas: date, pengingat: Pengingat, hari_ini
) -> tuple[str, str]:
    """The title and text of one reminder, in Indonesian, with the due date."""
    nama = JenisTenggat(jenis).label
    judul = JUDUL[pengingat.tahap].format(nama=nama, tahun=tahun)
    teks = TINDAKAN[jenis].format(puskesmas=puskesmas, tahun=tahun, batas=tanggal_indonesia(batas))
    if pengingat.tahap == TahapPengingat.LEWAT:
        teks += (
            f" Batas waktu sudah lewat {(hari_ini - batas).days} hari dan belum selesai; "
            "segera selesaikan."
        )
    else:
        teks += f" Sisa waktu {(batas - hari_ini).days} hari."
    return judul, teks


def kunci_pengingat(*, jenis: str, puskesmas_id: int, tahun: int, pengingat: Pengingat) -> str:
    return f"tenggat:{jenis}:{puskesmas_id}:{tahun}:{pengingat.kode}"


def pengingat_tenggat_kirim(*, hari_ini: date) -> int:
    """Send today's reminders of the due dates of ``hari_ini``'s year; return how many.

    For every Puskesmas whose target kinerja or SK is still open and whose reminder stage
    (H-7, H-3, H-1, overdue: see ``perencanaan.tenggat.tahap_pengingat``) falls today, each
    responsible person gets an in-app notification (and an e-mail where they have an
    address): target kinerja to the PJ klaster and the Kepala TU, the SK to the Kepala
    Puskesmas and the Kepala TU.

    Exactly once: each notification carries the key
    ``tenggat:<jenis>:<puskesmas>:<tahun>:<stage>`` and the notification table is unique on
    (recipient, key), so a second run or a retry creates nothing new.

    Puskesmas are read in batches of ``UKURAN_BATCH`` by primary key, two reads per batch
    (the Puskesmas with their dates, the recipients), so a national run over 10,000
    Puskesmas stays small. Each Puskesmas's reminders are their own transaction: a worker
    killed mid-run keeps every reminder already committed (and its e-mail queued), and the
    rerun skips them through the keys. A system job: no user, so no capability check.
    """
    tahun = hari_ini.year
    terkirim = 0
    for jatuh in _jatuh_hari_ini(hari_ini):
        qs = sel.dengan_tenggat(
            Puskesmas.objects.filter(jatuh.kondisi())
            .order_by("pk")
            .only("pk", "nama", "kabupaten_id"),
            tahun=tahun,
        )
        terakhir = 0
        while True:
            batch = list(qs.filter(pk__gt=terakhir)[:UKURAN_BATCH])
            if not batch:
                break
            terakhir = batch[-1].pk
            terkirim += _kirim_batch(jatuh.jenis, batch, tahun=tahun, hari_ini=hari_ini)
    logger.info("Pengingat tenggat %s: %d notifikasi baru", hari_ini, terkirim)
    return terkirim


def _kirim_batch(jenis: str, batch: list[Puskesmas], *, tahun: int, hari_ini: date) -> int:
    """Reminders of one step for a batch read with ``dengan_tenggat``: one more read (the
    recipients), then one insert per notification, committed per Puskesmas."""
    perlu: dict[int, tuple[Puskesmas, date, Pengingat]] = {}
    for p in batch:
        t = sel.TanggalTenggat.dari_objek(p, tahun=tahun)
        b = t.batas[jenis]
        pengingat = tahap_pengingat(batas=b, selesai_pada=t.selesai[jenis], hari_ini=hari_ini)
        if pengingat is not None:
            perlu[p.pk] = (p, b, pengingat)
    if not perlu:
        return 0
    penerima: dict[int, dict[int, User]] = {pk: {} for pk in perlu}
    for tugas in PenugasanPeran.objects.filter(
        puskesmas_id__in=list(perlu), peran__in=PENERIMA[jenis], user__is_active=True
    ).select_related("user"):
        # A person with two roles (PJ of two klaster, say) is reminded once.
        penerima[tugas.puskesmas_id][tugas.user_id] = tugas.user
    ada_halaman_target = sel.tautan_target(next(iter(perlu))) is not None
    jumlah = 0
    sudah_ada: list[str] = []
    for pk, (p, b, pengingat) in perlu.items():
        judul, pesan = pesan_pengingat(
            jenis=jenis, puskesmas=p, tahun=tahun, batas=b, pengingat=pengingat, hari_ini=hari_ini
        )
        tautan = (sel.tautan_target(pk) if ada_halaman_target else None) or _tautan_cadangan(pk)
        kunci = kunci_pengingat(jenis=jenis, puskesmas_id=pk, tahun=tahun, pengingat=pengingat)
        with transaction.atomic():
            for user in penerima[pk].values():
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
    from puskesmas.tasks import kirim_email_notifikasi

    for pk in Notifikasi.objects.filter(
        kunci__in=set(kunci), kirim_email=True, email_terkirim_pada__isnull=True
    ).values_list("pk", flat=True):
        kirim_email_notifikasi.delay(pk)


def _tautan_cadangan(puskesmas_id: int) -> str:
    from django.urls import reverse

    return reverse("puskesmas_detail", args=[puskesmas_id])
