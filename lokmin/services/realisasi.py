"""Writes of the RPK realisation: a month of one klaster's activities in one transaction,
by its PJ klaster (or the management, every klaster)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from perencanaan.models import BULAN_FIELDS, RPK, KegiatanRPK
from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, StatusAlur

from .. import aturan
from ..models import RealisasiRPK

PESAN_RPK_BELUM_SAH = "Realisasi dicatat untuk RPK yang sudah disahkan Kepala Puskesmas."
PESAN_BARIS = "{kegiatan}: {pesan}"


@transaction.atomic
def realisasi_simpan(*, rpk: RPK, bulan: int, baris: list[dict], user) -> int:
    """Save the realisation of ``bulan`` for the activities in ``baris`` (each a dict with
    ``kegiatan``, ``terlaksana``, ``alasan``, ``volume``, ``biaya``); a row with
    ``terlaksana`` None is left empty. All rows or none: the first invalid row refuses the
    whole save with its activity named. Returns the count of rows saved."""
    rpk = RPK.objects.select_for_update().get(pk=rpk.pk)
    access.wajib(user, Aksi.LAPOR_KLASTER, rpk)
    if rpk.status != StatusAlur.DISAHKAN:
        raise AlurTidakSah(PESAN_RPK_BELUM_SAH)
    if not 1 <= bulan <= 12:
        raise AlurTidakSah("Bulan tidak dikenal.")
    disimpan = 0
    for b in baris:
        kegiatan: KegiatanRPK = b["kegiatan"]
        if kegiatan.rpk_id != rpk.pk:
            raise AlurTidakSah("Kegiatan bukan bagian dari RPK ini.")
        access.wajib_klaster(user, rpk.puskesmas, kegiatan.klaster_id)
        if b.get("terlaksana") is None:
            continue
        volume, biaya = b.get("volume") or 0, b.get("biaya") or Decimal(0)
        pesan = aturan.periksa_realisasi(
            terlaksana=b["terlaksana"], alasan=b.get("alasan") or "", volume=volume, biaya=biaya
        )
        if pesan:
            raise AlurTidakSah(PESAN_BARIS.format(kegiatan=kegiatan.kegiatan, pesan=pesan))
        r = RealisasiRPK.objects.filter(kegiatan=kegiatan, bulan=bulan).first() or RealisasiRPK(
            kegiatan=kegiatan, bulan=bulan
        )
        r.terlaksana = b["terlaksana"]
        r.alasan = "" if b["terlaksana"] else (b.get("alasan") or "").strip()
        r.volume, r.biaya, r.diisi_oleh = volume, biaya, user
        r._history_user = user
        r.save()
        disimpan += 1
    return disimpan


def volume_rencana(kegiatan: KegiatanRPK, bulan: int) -> int:
    return getattr(kegiatan, BULAN_FIELDS[bulan - 1])
