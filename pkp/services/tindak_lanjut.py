"""Follow-up of a set PKP assessment: a weak variable or indicator becomes an RTL of the
Puskesmas (the one RTL model, ``puskesmas.services.rtl``), its row the RTL's source."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import RTL
from puskesmas.services import rtl as rtl_services

from .. import scoring
from ..models import NilaiManajemen, NilaiMutu, NilaiPelayanan, PenilaianPKP
from ..selectors.verifikasi import tindak_lanjut
from .penilaian import PenilaianGagal

PESAN_RTL_BELUM_DITETAPKAN = (
    "RTL dari hasil penilaian kinerja dibuat setelah penilaian ditetapkan Dinas Kesehatan."
)
PESAN_RTL_BUKAN_LEMAH = (
    "Butir ini tidak termasuk variabel atau indikator terlemah pada umpan balik penilaian ini."
)
PESAN_RTL_SUDAH_ADA = "Butir ini sudah memiliki RTL."
# The RTL is due this many days after it is raised (the PJ can change it on the RTL page).
HARI_RTL_PKP = 90

JENIS_BARIS = {NilaiPelayanan: "pelayanan", NilaiManajemen: "manajemen", NilaiMutu: "mutu"}


def _angka(nilai) -> str:
    return str(scoring.tampil(nilai)).replace(".", ",")


@transaction.atomic
def penilaian_rtl_buat(*, baris: NilaiPelayanan | NilaiManajemen | NilaiMutu, user) -> RTL:
    """Raise an RTL from one weak item of a set assessment (one RTL per item): the problem
    names the item and its final value, the plan aims at full marks next year, the PJ is
    the person raising it. Refused before the assessment is set, for an item that is not
    among the weakest, and for an item that already has its RTL."""
    access.wajib(user, Aksi.TINDAK_LANJUT_PKP, baris)
    penilaian = (
        PenilaianPKP.objects.select_for_update()
        .select_related("puskesmas", "instrumen")
        .get(pk=baris.penilaian_id)
    )
    if penilaian.status != StatusAlur.DITETAPKAN:
        raise PenilaianGagal(PESAN_RTL_BELUM_DITETAPKAN)
    butir = {(b.lemah.jenis, b.lemah.baris_id): b for b in tindak_lanjut(penilaian)}
    b = butir.get((JENIS_BARIS[type(baris)], baris.pk))
    if b is None:
        raise PenilaianGagal(PESAN_RTL_BUKAN_LEMAH)
    if b.rtl is not None:
        raise PenilaianGagal(PESAN_RTL_SUDAH_ADA)
    t, tahun = b.lemah, penilaian.tahun
    if t.jenis == "manajemen":
        nilai = f"nilai {int(t.nilai)} dari 10"
        rencana = f"Perbaiki {t.kode} agar mencapai nilai 10 pada penilaian kinerja {tahun + 1}."
    else:
        nilai = f"cakupan {_angka(t.nilai)} % dari target"
        rencana = f"Tingkatkan capaian {t.kode} sampai target pada penilaian kinerja {tahun + 1}."
    if t.alasan_saran:
        rencana += f" Menurut catatan aplikasi: {t.alasan_saran}"
    return rtl_services.rtl_buat(
        puskesmas=penilaian.puskesmas,
        data={
            "masalah": f"PKP {tahun}, {t.aspek.lower()} {t.kode} {t.nama}: {nilai}.",
            "rencana": rencana,
            "pj": user,
            "batas": timezone.localdate() + timedelta(days=HARI_RTL_PKP),
        },
        user=user,
        aksi=Aksi.TINDAK_LANJUT_PKP,
        sumber=baris,
        sumber_label=f"PKP {tahun}: {t.kode} {t.nama}"[:200],
    )
