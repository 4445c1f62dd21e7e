"""Writes of the analisis situasi: last year's achievements and the problems found."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from puskesmas.alat import access
from puskesmas.alat.access import Aksi, wajib_klaster
from puskesmas.alat.alur import BISA_DIUBAH, DokumenTerkunci
from puskesmas.services.inti import simpan_berversi

from ..models import CapaianTahunan, Indikator, Masalah

PESAN_INDIKATOR_KLASTER = "Indikator tidak termasuk klaster yang dipilih."
PESAN_MASALAH_DIPAKAI = (
    "Masalah ini ditangani kegiatan RUK {tahun} yang berstatus «{status}», sehingga tidak dapat "
    "diubah atau dihapus. Minta Kepala Puskesmas mengembalikan RUK tersebut bila perlu diubah."
)


@transaction.atomic
def capaian_simpan(
    *,
    puskesmas,
    indikator: list[Indikator],
    nilai: dict[int, tuple[Decimal | None, Decimal | None]],
    user,
) -> int:
    """Save the achievements of ``indikator`` at ``puskesmas``: ``nilai[indikator_id]`` is
    (target, capaian). An empty capaian removes the row. Returns the number of rows kept."""
    access.wajib(user, Aksi.SUSUN_KLASTER, puskesmas)
    for ind in indikator:
        wajib_klaster(user, puskesmas, ind.klaster_id)
    ada = {
        c.indikator_id: c
        for c in CapaianTahunan.objects.select_for_update(of=("self",)).filter(
            puskesmas=puskesmas, indikator__in=indikator
        )
    }
    tersimpan = 0
    for ind in indikator:
        target, capaian = nilai.get(ind.pk, (None, None))
        baris = ada.get(ind.pk)
        if capaian is None or target is None:
            if baris is not None:
                baris._history_user = user
                baris.delete()
            continue
        tersimpan += 1
        if baris is None:
            baris = CapaianTahunan(puskesmas=puskesmas, indikator=ind)
        elif baris.target == target and baris.capaian == capaian:
            continue
        baris.target, baris.capaian = target, capaian
        baris._history_user = user
        baris.save()
    return tersimpan


@transaction.atomic
def masalah_simpan(*, masalah: Masalah, versi: int | None, user) -> Masalah:
    """Create or update a problem (optimistic lock on ``versi``)."""
    if masalah.indikator_id and masalah.indikator.klaster_id != masalah.klaster_id:
        raise ValueError(PESAN_INDIKATOR_KLASTER)
    wajib_klaster(user, masalah.puskesmas, masalah.klaster_id)
    if masalah.pk is not None:
        lama = Masalah.objects.values_list("klaster_id", flat=True).get(pk=masalah.pk)
        wajib_klaster(user, masalah.puskesmas, lama)
        _pastikan_ruk_terbuka(masalah)
    return simpan_berversi(instance=masalah, versi=versi, user=user, aksi=Aksi.SUSUN_KLASTER)


@transaction.atomic
def masalah_hapus(*, masalah: Masalah, user) -> None:
    access.wajib(user, Aksi.SUSUN_KLASTER, masalah)
    wajib_klaster(user, masalah.puskesmas, masalah.klaster_id)
    _pastikan_ruk_terbuka(masalah)
    masalah._history_user = user
    masalah.delete()


def _pastikan_ruk_terbuka(masalah: Masalah) -> None:
    """A problem that a submitted or approved RUK addresses is part of that document:
    changing or deleting it would change the locked RUK, so it is refused."""
    from ..models import RUK

    terkunci = (
        RUK.objects.select_for_update(of=("self",))
        .filter(kegiatan__masalah=masalah)
        .exclude(status__in=BISA_DIUBAH)
        .order_by("tahun")
        .first()
    )
    if terkunci is not None:
        raise DokumenTerkunci(
            PESAN_MASALAH_DIPAKAI.format(tahun=terkunci.tahun, status=terkunci.get_status_display())
        )
