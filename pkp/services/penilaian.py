"""Writes of a PKP assessment: opening it for a year, and moving it along its workflow.

Opening creates one row per item of the kabupaten's instrument, so every later edit is an
update of a row that exists (and a version to check). Kinerja pelayanan is pre-filled from
the achievements the Puskesmas recorded in P1 (``CapaianTahunan``) for indicators the
instrument links to its catalogue; the source is kept on each row.

The workflow is ``PenilaianPKP.alur`` run by ``puskesmas.alat.alur``; ``penilaian_langkah``
adds what only PKP needs: on ``tetapkan`` the final result is computed and kept on the row,
in the same transaction as the step.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from perencanaan.models import CapaianTahunan
from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import alur_jalankan
from puskesmas.services.inti import kunci_puskesmas

from ..models import (
    Instrumen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    SumberCapaian,
)
from ..selectors import hitung
from ..selectors.instrumen import pohon
from .verifikasi import penilaian_beri_tahu

PESAN_TANPA_INSTRUMEN = (
    "Instrumen PKP {kabupaten} tahun {tahun} belum tersedia. Admin Dinkes perlu menyalin "
    "standar nasional terlebih dahulu."
)


class PenilaianGagal(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def penilaian_buka(*, puskesmas, tahun: int, user) -> tuple[PenilaianPKP, bool]:
    """The assessment of ``puskesmas`` for ``tahun``, created with its rows when missing.
    Returns (penilaian, created); a double click gets the same one."""
    access.wajib(user, Aksi.ISI_PKP, puskesmas)
    kunci_puskesmas(puskesmas)
    ada = PenilaianPKP.objects.filter(puskesmas=puskesmas, tahun=tahun).first()
    if ada is not None:
        return ada, False
    instrumen = Instrumen.objects.filter(kabupaten_id=puskesmas.kabupaten_id, tahun=tahun).first()
    if instrumen is None:
        raise PenilaianGagal(
            PESAN_TANPA_INSTRUMEN.format(kabupaten=puskesmas.kabupaten, tahun=tahun)
        )
    penilaian = PenilaianPKP(puskesmas=puskesmas, tahun=tahun, instrumen=instrumen)
    penilaian._history_user = user
    penilaian.save()
    tree = pohon(instrumen)
    capaian = dict(
        CapaianTahunan.objects.filter(puskesmas=puskesmas, indikator__tahun=tahun).values_list(
            "indikator_id", "capaian"
        )
    )
    pelayanan = []
    for k in tree.kelompok:
        for i in k.indikator.all():
            nilai = capaian.get(i.indikator_katalog_id) if i.indikator_katalog_id else None
            pelayanan.append(
                NilaiPelayanan(
                    penilaian=penilaian,
                    indikator=i,
                    capaian=nilai,
                    sumber=SumberCapaian.CAPAIAN if nilai is not None else SumberCapaian.DIKETIK,
                    keterangan_sumber=(
                        f"Capaian tahunan {tahun} di aplikasi" if nilai is not None else ""
                    ),
                )
            )
    manajemen = [
        NilaiManajemen(penilaian=penilaian, variabel=v)
        for k in tree.komponen
        for v in k.variabel.all()
    ]
    mutu = [NilaiMutu(penilaian=penilaian, indikator=i) for i in tree.mutu]
    for model, baris in (
        (NilaiPelayanan, pelayanan),
        (NilaiManajemen, manajemen),
        (NilaiMutu, mutu),
    ):
        bulk_create_with_history(baris, model, default_user=user)
    return penilaian, True


def _simpan_hasil(penilaian: PenilaianPKP, user) -> None:
    """Keep the final result on the set assessment (the ranking reads only this)."""
    hasil = hitung.hasil_penilaian(penilaian, akhir=True)
    empat = Decimal("0.0001")

    def bulat(nilai):
        return None if nilai is None else nilai.quantize(empat)

    penilaian.nilai_pelayanan = bulat(hasil.pelayanan.nilai)
    penilaian.nilai_manajemen = bulat(hasil.manajemen.nilai)
    penilaian.nilai_mutu = bulat(hasil.mutu.nilai if hasil.mutu else None)
    penilaian.kelompok_pelayanan = hasil.pelayanan.kelompok
    penilaian.kelompok_manajemen = hasil.manajemen.kelompok
    penilaian.kelompok_mutu = hasil.mutu.kelompok if hasil.mutu else None
    penilaian.kelompok = hasil.kelompok
    penilaian.hasil = hitung.ringkas(hasil)
    penilaian.ditetapkan_oleh = user
    penilaian.ditetapkan_pada = timezone.now()
    penilaian._history_user = user
    penilaian.save()


@transaction.atomic
def penilaian_langkah(*, penilaian: PenilaianPKP, langkah: str, user, catatan: str = ""):
    """Run one workflow step; a return keeps its reason, a penetapan keeps the result; the
    people the step concerns are notified (``verifikasi.penilaian_beri_tahu``)."""
    penilaian = alur_jalankan(objek=penilaian, langkah=langkah, user=user, catatan=catatan)
    if langkah == "kembalikan":
        penilaian.catatan_pengembalian = catatan.strip()
        penilaian.save(update_fields=["catatan_pengembalian"])
    elif langkah == "tetapkan":
        _simpan_hasil(penilaian, user)
    penilaian_beri_tahu(penilaian=penilaian, langkah=langkah, catatan=catatan)
    return penilaian
