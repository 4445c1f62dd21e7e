"""Writes of the February due dates: a kabupaten's own dates.

The daily reminders of every registered kind are the core's
(``puskesmas.services.tenggat``); ``pengingat_tenggat_kirim`` is re-exported here under its
old address, which the task and its callers use.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.models import Kabupaten, TenggatKabupaten, User
from puskesmas.services.inti import KonflikVersi, selaraskan_baris
from puskesmas.services.tenggat import pengingat_tenggat_kirim

from ..choices import JenisTenggat
from ..tenggat import JENIS, batas_default

__all__ = ["TenggatTidakSah", "pengingat_tenggat_kirim", "tenggat_kabupaten_simpan"]

KODE = tuple(t.kode for t in JENIS)

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
            kabupaten=kabupaten, tahun=tahun, jenis__in=KODE, kejadian=""
        )
    }
    for jenis in KODE:
        sekarang = ada[jenis].tanggal if jenis in ada else None
        if sekarang != semula.get(jenis):
            raise KonflikVersi()
    berlaku = {j: tanggal.get(j) or batas_default(j, tahun) for j in KODE}
    for d in berlaku.values():
        if d.year != tahun:
            raise TenggatTidakSah(PESAN_TAHUN.format(tahun=tahun))
    if berlaku[JenisTenggat.SK_TARGET] < berlaku[JenisTenggat.TARGET_KINERJA]:
        raise TenggatTidakSah(PESAN_URUTAN)
    selaraskan_baris(
        ada=ada,
        baru={jenis: tanggal.get(jenis) for jenis in KODE},
        kolom="tanggal",
        buat=lambda jenis, baru: TenggatKabupaten(
            kabupaten=kabupaten, tahun=tahun, jenis=jenis, tanggal=baru
        ),
        user=user,
    )
    return berlaku
