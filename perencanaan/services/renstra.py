"""Writes of the Rencana lima tahunan (Renstra) of a Puskesmas and its workflow steps."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, alur_jalankan
from puskesmas.services.inti import KonflikVersi, kunci_puskesmas

from ..models import RencanaLimaTahunan, TargetRenstra

PESAN_PERIODE_BENTROK = (
    "Periode {mulai}–{selesai} bertumpang tindih dengan rencana lima tahunan "
    "{lain_mulai}–{lain_selesai} yang sudah ada. Satu periode hanya punya satu rencana."
)
PESAN_TANPA_TARGET = (
    "Rencana lima tahunan belum dapat diajukan: tambahkan paling sedikit satu indikator "
    "dengan target tahunannya."
)

LAMA_PERIODE = 5


def periode_bentrok(tahun_mulai: int, yang_ada: Iterable[int]) -> int | None:
    """The start year of an existing five-year period overlapping the one starting at
    ``tahun_mulai``, or None. Pure: periods are [start, start + 4]."""
    for lain in sorted(yang_ada):
        if abs(lain - tahun_mulai) < LAMA_PERIODE:
            return lain
    return None


class RenstraGagal(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _periksa_periode(*, puskesmas, tahun_mulai: int, kecuali: int | None = None) -> None:
    qs = RencanaLimaTahunan.objects.filter(puskesmas=puskesmas)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    lain = periode_bentrok(tahun_mulai, qs.values_list("tahun_mulai", flat=True))
    if lain is not None:
        raise RenstraGagal(
            PESAN_PERIODE_BENTROK.format(
                mulai=tahun_mulai,
                selesai=tahun_mulai + LAMA_PERIODE - 1,
                lain_mulai=lain,
                lain_selesai=lain + LAMA_PERIODE - 1,
            )
        )


@transaction.atomic
def renstra_buat(
    *,
    user,
    puskesmas,
    tahun_mulai: int,
    visi: str,
    misi: str,
    tata_nilai: str = "",
    analisis_kebutuhan: str = "",
) -> RencanaLimaTahunan:
    """Start a Renstra for the period beginning ``tahun_mulai`` (one per period)."""
    access.wajib(user, Aksi.SUSUN_RENCANA, puskesmas)
    kunci_puskesmas(puskesmas)
    _periksa_periode(puskesmas=puskesmas, tahun_mulai=tahun_mulai)
    renstra = RencanaLimaTahunan(
        puskesmas=puskesmas,
        tahun_mulai=tahun_mulai,
        visi=visi,
        misi=misi,
        tata_nilai=tata_nilai,
        analisis_kebutuhan=analisis_kebutuhan,
    )
    renstra._history_user = user
    renstra.save()
    return renstra


@transaction.atomic
def renstra_simpan(
    *,
    user,
    renstra: RencanaLimaTahunan,
    versi: int | None,
    target_simpan: Iterable[TargetRenstra] = (),
    target_hapus: Iterable[TargetRenstra] = (),
) -> RencanaLimaTahunan:
    """Save the Renstra's texts and indicator rows, if it is still editable and nobody
    saved it since version ``versi``. Raises DokumenTerkunci or KonflikVersi."""
    access.wajib(user, Aksi.SUSUN_RENCANA, renstra)
    terkini = RencanaLimaTahunan.objects.select_for_update().get(pk=renstra.pk)
    terkini.pastikan_bisa_diubah()
    if versi is None or terkini.versi != versi:
        raise KonflikVersi()
    renstra.status = terkini.status  # the form never carries the status
    renstra.versi = terkini.versi + 1
    renstra._history_user = user
    renstra.save()
    for target in target_hapus:
        if target.pk and target.renstra_id == renstra.pk:
            target._history_user = user
            target.delete()
    for target in target_simpan:
        target.renstra = renstra
        if target.indikator_id and not target.nama:
            target.nama = target.indikator.nama
        target._history_user = user
        target.save()
    return renstra


def renstra_jalankan(*, user, renstra: RencanaLimaTahunan, langkah: str, catatan: str = ""):
    """One workflow step (ajukan, kembalikan, sahkan); a Renstra without indicators cannot
    be submitted."""
    step = RencanaLimaTahunan.alur.langkah(langkah)
    access.wajib(user, step.aksi, renstra)
    if (
        step.nama == "ajukan"
        and renstra.status in step.dari
        and not TargetRenstra.objects.filter(renstra=renstra).exists()
    ):
        raise AlurTidakSah(PESAN_TANPA_TARGET)
    return alur_jalankan(objek=renstra, langkah=langkah, user=user, catatan=catatan)
