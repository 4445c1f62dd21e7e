"""Writes of the Dinkes verification of a PKP assessment.

A verifier goes through the items of a submitted assessment (every kinerja pelayanan and
mutu indicator, every management variable): each is agreed (``setuju``) or corrected
(``dikoreksi``, with the corrected value and a note). Every write re-checks the verifier's
capability on the assessment, works only while it is *diajukan* (before submission the
Puskesmas is still filling it; once returned it is theirs again; once set it is locked for
both sides), and refuses a row saved by someone else since the page was opened (the row's
``versi``). The audit history keeps who changed what, when, from which value to which.

Who hears of each workflow step is declared in ``pkp.pemberitahuan`` (the core's registry).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import StatusAlur
from puskesmas.services.inti import KonflikVersi

from .. import scoring
from ..models import (
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    StatusVerifikasi,
)

PESAN_BUKAN_DIAJUKAN = (
    "Penilaian ini berstatus «{status}»: verifikasi hanya dapat dilakukan selama penilaian "
    "berstatus Diajukan."
)
PESAN_CATATAN_KOREKSI = "Catatan koreksi wajib diisi agar Puskesmas tahu alasan koreksinya."
PESAN_NILAI_KOREKSI = "Isi nilai hasil koreksi."
PESAN_SKOR_KOREKSI = "Nilai hasil koreksi kinerja manajemen hanya 0, 4, 7 atau 10."
PESAN_CAPAIAN_KOREKSI = "Capaian hasil koreksi harus berupa angka tidak negatif."
PESAN_STATUS_VERIFIKASI = "Pilih «Setuju» atau «Koreksi»."
PESAN_BAGIAN = "Bagian penilaian tidak dikenal."
PESAN_KONFLIK_PUTUSAN = (
    "Butir ini telah diubah oleh pengguna lain sejak halaman dibuka. Periksa isinya yang "
    "terbaru, lalu simpan putusan Anda kembali."
)

MODEL_BARIS = {"pelayanan": NilaiPelayanan, "manajemen": NilaiManajemen, "mutu": NilaiMutu}


class VerifikasiGagal(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _kunci_penilaian(penilaian: PenilaianPKP, user) -> PenilaianPKP:
    """The assessment, locked for this transaction, if ``user`` may verify it now."""
    access.wajib(user, Aksi.VERIFIKASI_PKP, penilaian)
    terkini = PenilaianPKP.objects.select_for_update().get(pk=penilaian.pk)
    if terkini.status != StatusAlur.DIAJUKAN:
        raise VerifikasiGagal(PESAN_BUKAN_DIAJUKAN.format(status=terkini.get_status_display()))
    return terkini


def _nilai_koreksi(baris, nilai):
    """The corrected value in the row's own kind: a 0/4/7/10 score or an achievement."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        raise VerifikasiGagal(PESAN_NILAI_KOREKSI)
    if isinstance(baris, NilaiManajemen):
        try:
            skor = int(nilai)
        except (TypeError, ValueError):
            raise VerifikasiGagal(PESAN_SKOR_KOREKSI) from None
        if skor not in scoring.SKOR_MANAJEMEN or str(skor) != str(nilai).strip():
            raise VerifikasiGagal(PESAN_SKOR_KOREKSI)
        return skor
    if isinstance(nilai, float):
        nilai = str(nilai)
    try:
        capaian = Decimal(nilai)
    except (InvalidOperation, TypeError, ValueError):
        raise VerifikasiGagal(PESAN_CAPAIAN_KOREKSI) from None
    if not capaian.is_finite() or capaian < 0:
        raise VerifikasiGagal(PESAN_CAPAIAN_KOREKSI)
    return capaian.quantize(Decimal("0.01"))


def _tulis_putusan(baris, *, status: str, nilai, catatan: str, user, penilaian) -> None:
    koreksi = status == StatusVerifikasi.DIKOREKSI
    if isinstance(baris, NilaiManajemen):
        baris.skor_verifikasi = nilai if koreksi else None
    else:
        baris.capaian_verifikasi = nilai if koreksi else None
    baris.status_verifikasi = status
    baris.catatan_verifikasi = catatan
    baris.diverifikasi_oleh = user
    baris.diverifikasi_pada = timezone.now()
    baris.versi += 1
    baris.penilaian = penilaian
    baris._history_user = user
    baris._change_reason = (
        "Verifikasi: "
        + ("dikoreksi" if koreksi else "disetujui")
        + (f" ({catatan})" if catatan else "")
    )
    baris.save()


@transaction.atomic
def nilai_verifikasi(
    *,
    baris: NilaiPelayanan | NilaiManajemen | NilaiMutu,
    user,
    versi: int | None,
    status: str,
    nilai=None,
    catatan: str = "",
):
    """Agree with one item (``status="setuju"``) or correct it (``"dikoreksi"``, with
    ``nilai`` and a required ``catatan``). ``versi`` is the row's version when the page
    was opened: a row saved since is refused (``KonflikVersi``)."""
    model = type(baris)
    penilaian = _kunci_penilaian(baris.penilaian, user)
    terkini = model.objects.select_for_update().get(pk=baris.pk)
    if versi is None or terkini.versi != versi:
        raise KonflikVersi(PESAN_KONFLIK_PUTUSAN)
    catatan = (catatan or "").strip()
    if status == StatusVerifikasi.SETUJU:
        nilai = None
    elif status == StatusVerifikasi.DIKOREKSI:
        nilai = _nilai_koreksi(terkini, nilai)
        if not catatan:
            raise VerifikasiGagal(PESAN_CATATAN_KOREKSI)
    else:
        raise VerifikasiGagal(PESAN_STATUS_VERIFIKASI)
    _tulis_putusan(
        terkini, status=status, nilai=nilai, catatan=catatan, user=user, penilaian=penilaian
    )
    return terkini


def _baris_bagian(penilaian: PenilaianPKP, bagian: str):
    """The rows of one part: ``pelayanan:<KelompokPelayanan pk>``,
    ``manajemen:<KomponenManajemen pk>`` or ``mutu``."""
    jenis, _, pk = (bagian or "").partition(":")
    if jenis == "mutu" and not pk:
        return NilaiMutu.objects.filter(penilaian=penilaian)
    if not pk.isdigit():
        raise VerifikasiGagal(PESAN_BAGIAN)
    if jenis == "pelayanan":
        return NilaiPelayanan.objects.filter(penilaian=penilaian, indikator__kelompok_id=pk)
    if jenis == "manajemen":
        return NilaiManajemen.objects.filter(penilaian=penilaian, variabel__komponen_id=pk)
    raise VerifikasiGagal(PESAN_BAGIAN)


@transaction.atomic
def verifikasi_setujui_semua(*, penilaian: PenilaianPKP, bagian: str, user) -> int:
    """Agree with every item of one part (a klaster/programme, a component, or mutu) that
    is not verified yet; items already agreed or corrected stay as they are. Returns how
    many were agreed."""
    penilaian = _kunci_penilaian(penilaian, user)
    baris = list(
        _baris_bagian(penilaian, bagian)
        .filter(status_verifikasi=StatusVerifikasi.BELUM)
        .select_for_update()
    )
    for b in baris:
        _tulis_putusan(
            b,
            status=StatusVerifikasi.SETUJU,
            nilai=None,
            catatan="",
            user=user,
            penilaian=penilaian,
        )
    return len(baris)
