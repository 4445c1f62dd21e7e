"""Writes of pengendalian: one click raises an RTL for something that deviates (an indicator
behind its cumulative target, an RPK activity not realised on schedule, a funding source
spending behind plan), linked to it as its ``sumber`` so the RTL board and the RTL page know
where it came from."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from perencanaan.models import RPK
from puskesmas.alat import access
from puskesmas.alat import rtl as aturan_rtl
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.choices import Peran
from puskesmas.models import RTL, User
from puskesmas.services import rtl as rtl_services
from puskesmas.services.inti import kunci_puskesmas

from ..selectors.pengendalian import penyimpangan

JENIS = ("indikator", "kegiatan", "sumber")
HARI_BATAS = 30  # an RTL raised here is due in this many days (editable on the RTL)
RENCANA_DEFAULT = "Analisis penyebab penyimpangan dan laksanakan langkah perbaikan."

PESAN_TIDAK_MENYIMPANG = "Tidak ada penyimpangan pada data ini untuk bulan {bulan}."
PESAN_SUDAH_ADA = "Sudah ada RTL yang belum dievaluasi untuk {label}: buka di papan RTL."
PESAN_TANPA_PJ = "Tidak ada pegawai yang dapat menjadi penanggung jawab di Puskesmas ini."


def _pj(puskesmas, klaster_id, user) -> User:
    """The PJ klaster of the klaster at the Puskesmas, else the user clicking if they work
    there, else the Kepala Puskesmas (all editable on the RTL)."""
    dasar = User.objects.filter(is_active=True, peran__puskesmas=puskesmas)
    if klaster_id is not None:
        pj = dasar.filter(peran__peran=Peran.PJ_KLASTER, peran__klaster_id=klaster_id).first()
        if pj is not None:
            return pj
    if dasar.filter(pk=user.pk).exists():
        return user
    kepala = dasar.filter(peran__peran=Peran.KEPALA_PUSKESMAS).first()
    if kepala is None:
        raise AlurTidakSah(PESAN_TANPA_PJ)
    return kepala


@transaction.atomic
def pengendalian_rtl_buat(
    *, puskesmas, tahun: int, bulan: int, jenis: str, kunci: str, user
) -> RTL:
    """Raise an RTL for the deviation ``jenis``/``kunci`` (an indicator or activity id, or a
    funding source code) found at ``puskesmas`` up to ``bulan``. Refused when it does not
    deviate (any more) or an RTL for it is still open or awaiting evaluation."""
    access.wajib(user, Aksi.KENDALIKAN, puskesmas)
    kunci_puskesmas(puskesmas)
    pen = penyimpangan(puskesmas=puskesmas, tahun=tahun, bulan=bulan)
    tidak = AlurTidakSah(PESAN_TIDAK_MENYIMPANG.format(bulan=bulan))
    if jenis == "indikator":
        baris = next((i for i in pen.indikator_tertinggal if str(i.indikator.pk) == kunci), None)
        if baris is None:
            raise tidak
        sumber = baris.indikator
        label = f"Pengendalian: {sumber.nama}"
        masalah = (
            f"Cakupan kumulatif {sumber.nama} s.d. bulan {bulan} {tahun} "
            f"{baris.cakupan_bulat}% di bawah target kumulatif {baris.target_bulat}% "
            f"(selisih {baris.selisih})."
        )
        klaster_id = sumber.klaster_id
    elif jenis == "kegiatan":
        baris = next((k for k in pen.kegiatan if str(k.kegiatan.pk) == kunci), None)
        if baris is None:
            raise tidak
        sumber = baris.kegiatan
        label = f"Pengendalian: kegiatan RPK {sumber.kegiatan}"
        masalah = (
            f"Kegiatan RPK {sumber.kegiatan} belum terealisasi sesuai jadwal pada bulan "
            f"{', '.join(map(str, baris.bulan))} {tahun}."
        )
        klaster_id = sumber.klaster_id
    elif jenis == "sumber":
        baris = next((s for s in pen.sumber_tertinggal if s.kode == kunci), None)
        sumber = RPK.objects.filter(puskesmas=puskesmas, tahun=tahun).first()
        if baris is None or sumber is None:
            raise tidak
        label = f"Pengendalian: serapan dana {baris.label} RPK {tahun}"
        masalah = (
            f"Serapan dana {baris.label} s.d. bulan {bulan} {tahun} baru {baris.persen}% dari "
            f"rencana (Rp {baris.realisasi:,.0f} dari Rp {baris.rencana:,.0f})."
        )
        klaster_id = None
    else:
        raise tidak
    ada = RTL.objects.filter(
        puskesmas=puskesmas,
        sumber_jenis=ContentType.objects.get_for_model(type(sumber)),
        sumber_id=sumber.pk,
        sumber_label=label,
        status__in=[*aturan_rtl.TERBUKA, aturan_rtl.StatusRTL.SELESAI],
    ).exists()
    if ada:
        raise AlurTidakSah(PESAN_SUDAH_ADA.format(label=label.removeprefix("Pengendalian: ")))
    data = {
        "klaster": sumber.klaster if klaster_id else None,
        "masalah": masalah,
        "penyebab": "",
        "jenis": aturan_rtl.JenisRTL.KOREKTIF.value,
        "rencana": RENCANA_DEFAULT,
        "pj": _pj(puskesmas, klaster_id, user),
        "pj_instansi": "",
        "batas": timezone.localdate() + timedelta(days=HARI_BATAS),
    }
    if jenis != "sumber":
        return rtl_services.rtl_buat(
            puskesmas=puskesmas,
            data=data,
            user=user,
            aksi=Aksi.KENDALIKAN,
            sumber=sumber,
            sumber_label=label,
        )
    # The RPK is approved and locked, and the core refuses RTL "inside" a locked source; the
    # spending of a funding source is not an edit of the RPK, so the link is set afterwards.
    rtl = rtl_services.rtl_buat(
        puskesmas=puskesmas, data=data, user=user, aksi=Aksi.KENDALIKAN, sumber_label=label
    )
    rtl.sumber_jenis = ContentType.objects.get_for_model(RPK)
    rtl.sumber_id = sumber.pk
    rtl._history_user = user
    rtl._change_reason = f"Dibuat dari {label}"
    rtl.save(update_fields=["sumber_jenis", "sumber_id"])
    return rtl
