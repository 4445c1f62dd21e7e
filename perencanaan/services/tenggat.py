"""Writes of the due dates: a kabupaten's own dates of every registered kind.

The daily reminders of every registered kind are the core's
(``puskesmas.services.tenggat``); ``pengingat_tenggat_kirim`` is re-exported here under its
old address, which the task and its callers use.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from puskesmas.alat import access
from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.access import Aksi
from puskesmas.models import Kabupaten, TenggatKabupaten, User
from puskesmas.services.inti import KonflikVersi, selaraskan_baris
from puskesmas.services.tenggat import pengingat_tenggat_kirim

from ..choices import JenisTenggat
from ..tenggat import JENIS

__all__ = ["TenggatTidakSah", "pengingat_tenggat_kirim", "tenggat_kabupaten_simpan"]

# P1's own kinds; the kabupaten's form lists every registered kind (``td.semua()``).
KODE = tuple(t.kode for t in JENIS)
Kunci = tuple[str, str]  # (kind, occurrence); occurrence "" for a kind due once a year

PESAN_TAHUN = "Tanggal harus berada dalam tahun {tahun}."
PESAN_URUTAN = "Batas SK Target Kinerja tidak boleh sebelum batas target kinerja per klaster."


class TenggatTidakSah(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _kunci(k) -> Kunci:
    return k if isinstance(k, tuple) else (k, "")


@transaction.atomic
def tenggat_kabupaten_simpan(
    *,
    kabupaten: Kabupaten,
    tahun: int,
    tanggal: dict,
    semula: dict,
    user: User,
) -> dict[Kunci, date]:
    """Set (or, with None, clear back to the policy date) a kabupaten's due dates of every
    registered kind (``puskesmas.alat.tenggat_daftar``) for ``tahun``.

    ``tanggal`` and ``semula`` are keyed by (kind, occurrence), or by the kind alone for a
    kind due once a year; an occurrence missing from ``tanggal`` is cleared. ``semula`` are
    the kabupaten's own dates as the form showed them: if someone changed them since,
    nothing is saved and ``KonflikVersi`` is raised, so two admins cannot silently
    overwrite each other. A date must lie in the year of its policy date. Every change is
    in the audit history. Returns the dates now in force.
    """
    access.wajib(user, Aksi.KELOLA_KATALOG, kabupaten)
    tanggal = {_kunci(k): v for k, v in tanggal.items()}
    semula = {_kunci(k): v for k, v in semula.items()}
    bawaan = {(k.jenis, k.kode): k.batas for t in td.semua() for k in t.kejadian_tahun(tahun)}
    ada = {
        (t.jenis, t.kejadian): t
        for t in TenggatKabupaten.objects.select_for_update(of=("self",)).filter(
            kabupaten=kabupaten, tahun=tahun, jenis__in={j for j, _k in bawaan}
        )
    }
    for kunci in bawaan:
        sekarang = ada[kunci].tanggal if kunci in ada else None
        if sekarang != semula.get(kunci):
            raise KonflikVersi()
    berlaku = {k: tanggal.get(k) or bawaan[k] for k in bawaan}
    for kunci, d in berlaku.items():
        if d.year != bawaan[kunci].year:
            raise TenggatTidakSah(PESAN_TAHUN.format(tahun=bawaan[kunci].year))
    target, sk = (JenisTenggat.TARGET_KINERJA, ""), (JenisTenggat.SK_TARGET, "")
    if target in berlaku and sk in berlaku and berlaku[sk] < berlaku[target]:
        raise TenggatTidakSah(PESAN_URUTAN)
    selaraskan_baris(
        ada=ada,
        baru={kunci: tanggal.get(kunci) for kunci in bawaan},
        kolom="tanggal",
        buat=lambda kunci, baru: TenggatKabupaten(
            kabupaten=kabupaten, tahun=tahun, jenis=kunci[0], kejadian=kunci[1], tanggal=baru
        ),
        user=user,
    )
    return berlaku
