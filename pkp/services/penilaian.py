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

import os
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from perencanaan.models import CapaianTahunan
from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import alur_jalankan
from puskesmas.alat.impor import Galat, ekspor_dengan_resource, impor_dengan_resource
from puskesmas.services.inti import KonflikVersi, kunci_puskesmas

from .. import saran_daftar
from ..models import (
    BuktiPKP,
    Instrumen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    StatusVerifikasi,
    SumberCapaian,
)
from ..selectors import hitung
from ..selectors.instrumen import pohon

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


def isi_hasil(penilaian: PenilaianPKP, hasil) -> None:
    """Copy a computed final result (``hitung``) onto the assessment's stored fields,
    without saving: what the ranking reads."""
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


def _simpan_hasil(penilaian: PenilaianPKP, user) -> None:
    """Keep the final result on the set assessment (the ranking reads only this)."""
    isi_hasil(penilaian, hitung.hasil_penilaian(penilaian, akhir=True))
    penilaian.ditetapkan_oleh = user
    penilaian.ditetapkan_pada = timezone.now()
    penilaian._history_user = user
    penilaian.save()


@transaction.atomic
def penilaian_langkah(*, penilaian: PenilaianPKP, langkah: str, user, catatan: str = ""):
    """Run one workflow step; a return keeps its reason, a penetapan keeps the result; the
    people the step concerns are notified within the step (``pkp.pemberitahuan``)."""
    penilaian = alur_jalankan(objek=penilaian, langkah=langkah, user=user, catatan=catatan)
    if langkah == "kembalikan":
        penilaian.catatan_pengembalian = catatan.strip()
        penilaian.save(update_fields=["catatan_pengembalian"])
    elif langkah == "tetapkan":
        _simpan_hasil(penilaian, user)
    return penilaian


# --- filling in the assessment ------------------------------------------------------------

PESAN_BARIS_LAIN = "Baris yang dikirim bukan bagian dari penilaian ini."
PESAN_SARAN_CATATAN = (
    "Nilai {skor} berbeda dari saran aplikasi ({saran}); tuliskan catatan mengapa nilai ini "
    "yang dipilih."
)
BATAS_BUKTI = 10 * 1024 * 1024
EKSTENSI_BUKTI = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".xlsx": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
}
PESAN_BUKTI_BESAR = (
    "Berkas bukti terlalu besar ({ukuran} MB); batasnya {batas} MB. Perkecil berkas atau "
    "unggah bagian yang perlu saja."
)
PESAN_BUKTI_JENIS = (
    "Jenis berkas bukti tidak diterima. Unggah berkas PDF, JPG, PNG, XLSX atau DOCX."
)
PESAN_BUKTI_ISI = (
    "Isi berkas tidak sesuai dengan jenisnya ({ekstensi}). Simpan ulang berkas dari aplikasi "
    "aslinya lalu unggah kembali."
)
PESAN_BUKTI_SATU = (
    "Pilih satu jenis bukti saja: unggah berkas, pilih dokumen di aplikasi, atau tulis tautan "
    "halaman aplikasi."
)
PESAN_BUKTI_DOKUMEN = "Dokumen yang dipilih bukan dokumen bertanda tangan Puskesmas ini."
PESAN_BUKTI_TAUTAN = (
    "Tautan harus alamat halaman di aplikasi ini, diawali «/», misalnya /perencanaan/…; "
    "alamat situs lain tidak diterima."
)
PESAN_BUKTI_KETERANGAN = "Keterangan bukti wajib diisi."


class IsianTidakSah(PenilaianGagal):
    """Some rows of a save are wrong: ``galat`` maps a row's pk to its message."""

    def __init__(self, galat: dict[int, str]):
        super().__init__(next(iter(galat.values())))
        self.galat = galat


@dataclass(frozen=True)
class IsianCapaian:
    """What the form sends for one indicator row."""

    versi: int | None
    capaian: Decimal | None
    keterangan_sumber: str = ""


@dataclass(frozen=True)
class IsianSkor:
    """What the form sends for one management variable."""

    versi: int | None
    skor: int | None
    catatan: str = ""


def _kunci_penilaian(penilaian: PenilaianPKP, user) -> PenilaianPKP:
    """Lock the assessment for this transaction; refuse unless it may still be edited."""
    terkini = PenilaianPKP.objects.select_for_update().get(pk=penilaian.pk)
    access.wajib(user, Aksi.ISI_PKP, terkini)
    terkini.pastikan_bisa_diubah()
    return terkini


def _reset_verifikasi(baris) -> None:
    """The Puskesmas changed an item the verifier had looked at: they must look again."""
    if baris.status_verifikasi != StatusVerifikasi.BELUM:
        baris.status_verifikasi = StatusVerifikasi.BELUM
        baris.diverifikasi_oleh = None
        baris.diverifikasi_pada = None


def _simpan_baris(baris, user, alasan: str) -> None:
    baris.versi += 1
    baris._history_user = user
    baris._change_reason = alasan
    baris.save()


def _capaian_simpan(*, penilaian, qs, isian: dict[int, IsianCapaian], user) -> int:
    access.wajib(user, Aksi.ISI_PKP, penilaian.puskesmas)
    penilaian = _kunci_penilaian(penilaian, user)
    baris = {b.pk: b for b in qs.filter(penilaian=penilaian, pk__in=list(isian))}
    if set(baris) != set(isian):
        raise PenilaianGagal(PESAN_BARIS_LAIN)
    # Every row is checked before any is written: a stale row refuses the whole save.
    for pk, isi in isian.items():
        if isi.versi is None or isi.versi != baris[pk].versi:
            raise KonflikVersi()
    berubah = 0
    for pk, isi in isian.items():
        b = baris[pk]
        keterangan = (isi.keterangan_sumber or "").strip()
        if b.capaian == isi.capaian and b.keterangan_sumber == keterangan:
            continue
        if b.capaian != isi.capaian:
            b.sumber = SumberCapaian.DIKETIK
        b.capaian = isi.capaian
        b.keterangan_sumber = keterangan
        _reset_verifikasi(b)
        _simpan_baris(b, user, "Diisi Puskesmas")
        berubah += 1
    return berubah


@transaction.atomic
def nilai_pelayanan_simpan(
    *, penilaian: PenilaianPKP, kelompok, isian: dict[int, IsianCapaian], user
) -> int:
    """Save the achievements of one klaster/programme in one transaction. Each row carries
    the version it was read at; one stale row refuses the whole save (``KonflikVersi``).
    A changed value becomes «diketik». Returns the number of rows changed."""
    qs = NilaiPelayanan.objects.select_for_update().filter(indikator__kelompok=kelompok)
    return _capaian_simpan(penilaian=penilaian, qs=qs, isian=isian, user=user)


@transaction.atomic
def nilai_mutu_simpan(*, penilaian: PenilaianPKP, isian: dict[int, IsianCapaian], user) -> int:
    """Save the mutu pelayanan achievements, as ``nilai_pelayanan_simpan``."""
    qs = NilaiMutu.objects.select_for_update()
    return _capaian_simpan(penilaian=penilaian, qs=qs, isian=isian, user=user)


def saran_komponen(penilaian: PenilaianPKP, variabel) -> dict[str, saran_daftar.Saran]:
    """The app's suggestions for the given variables (by code) of this assessment."""
    return saran_daftar.saran_untuk(
        puskesmas=penilaian.puskesmas,
        tahun=penilaian.tahun,
        kode=[v.kode for v in variabel],
    )


def pesan_saran(skor: int, saran: int) -> str:
    return PESAN_SARAN_CATATAN.format(skor=skor, saran=saran)


@transaction.atomic
def nilai_manajemen_simpan(
    *, penilaian: PenilaianPKP, komponen, isian: dict[int, IsianSkor], user
) -> int:
    """Save the scores of one management component in one transaction.

    The suggestion of each variable is worked out again here and kept on the row
    (``skor_saran``, ``alasan_saran``), so what the person saw and what the verifier reads
    agree; a score that differs from it needs a note (``IsianTidakSah`` otherwise). Versions
    as in ``nilai_pelayanan_simpan``. Returns the number of rows changed."""
    access.wajib(user, Aksi.ISI_PKP, penilaian.puskesmas)
    penilaian = _kunci_penilaian(penilaian, user)
    baris = {
        b.pk: b
        for b in NilaiManajemen.objects.select_for_update()
        .select_related("variabel")
        .filter(penilaian=penilaian, variabel__komponen=komponen, pk__in=list(isian))
    }
    if set(baris) != set(isian):
        raise PenilaianGagal(PESAN_BARIS_LAIN)
    for pk, isi in isian.items():
        if isi.versi is None or isi.versi != baris[pk].versi:
            raise KonflikVersi()
    saran = saran_komponen(penilaian, [b.variabel for b in baris.values()])
    galat = {}
    for pk, isi in isian.items():
        s = saran.get(baris[pk].variabel.kode)
        if (
            s is not None
            and isi.skor is not None
            and isi.skor != s.skor
            and not (isi.catatan or "").strip()
        ):
            galat[pk] = pesan_saran(isi.skor, s.skor)
    if galat:
        raise IsianTidakSah(galat)
    berubah = 0
    for pk, isi in isian.items():
        b = baris[pk]
        s = saran.get(b.variabel.kode)
        catatan = (isi.catatan or "").strip()
        skor_saran = s.skor if s is not None else None
        alasan_saran = s.alasan if s is not None else ""
        if (b.skor, b.catatan, b.skor_saran, b.alasan_saran) == (
            isi.skor,
            catatan,
            skor_saran,
            alasan_saran,
        ):
            continue
        if (b.skor, b.catatan) != (isi.skor, catatan):
            _reset_verifikasi(b)
        b.skor, b.catatan = isi.skor, catatan
        b.skor_saran, b.alasan_saran = skor_saran, alasan_saran
        _simpan_baris(b, user, "Dinilai Puskesmas")
        berubah += 1
    return berubah


# --- evidence -------------------------------------------------------------------------------


def _ukuran_mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def periksa_berkas_bukti(berkas) -> None:
    """Refuse a file that is too large, of a type not accepted, or whose first bytes do not
    match its extension (a renamed executable, say). Raises PenilaianGagal."""
    if berkas.size > BATAS_BUKTI:
        raise PenilaianGagal(
            PESAN_BUKTI_BESAR.format(ukuran=_ukuran_mb(berkas.size), batas=_ukuran_mb(BATAS_BUKTI))
        )
    ekstensi = os.path.splitext(berkas.name or "")[1].lower()
    if ekstensi not in EKSTENSI_BUKTI:
        raise PenilaianGagal(PESAN_BUKTI_JENIS)
    berkas.seek(0)
    awal = berkas.read(8)
    berkas.seek(0)
    if not any(awal.startswith(tanda) for tanda in EKSTENSI_BUKTI[ekstensi]):
        raise PenilaianGagal(PESAN_BUKTI_ISI.format(ekstensi=ekstensi))


def tautan_sah(tautan: str) -> bool:
    """A path of this app: starts with one "/", no scheme, host, backslash or whitespace."""
    if not tautan.startswith("/") or tautan.startswith("//"):
        return False
    if any(c in tautan for c in "\\\r\n\t ") or ":" in tautan.split("?")[0].split("#")[0]:
        return False
    bagian = urlsplit(tautan)
    return not bagian.scheme and not bagian.netloc


def _kunci_nilai(nilai: NilaiManajemen, user) -> NilaiManajemen:
    access.wajib(user, Aksi.ISI_PKP, nilai)
    _kunci_penilaian(nilai.penilaian, user)
    return NilaiManajemen.objects.select_for_update().get(pk=nilai.pk)


def _bukti_berubah(nilai: NilaiManajemen, user) -> None:
    """Evidence changed: a verified item goes back to the verifier. The row's version is
    left alone (a form of the component opened meanwhile stays valid)."""
    if nilai.status_verifikasi != StatusVerifikasi.BELUM:
        _reset_verifikasi(nilai)
        nilai._history_user = user
        nilai._change_reason = "Bukti diubah Puskesmas"
        nilai.save(update_fields=["status_verifikasi", "diverifikasi_oleh", "diverifikasi_pada"])


@transaction.atomic
def bukti_tambah(
    *,
    nilai: NilaiManajemen,
    user,
    keterangan: str,
    berkas=None,
    dokumen=None,
    tautan: str = "",
) -> BuktiPKP:
    """Attach one piece of evidence to a management score: a file (bounded size, accepted
    types), a signed document of the same Puskesmas, or a path of this app."""
    nilai = _kunci_nilai(nilai, user)
    tautan = (tautan or "").strip()
    keterangan = (keterangan or "").strip()
    if sum(bool(x) for x in (berkas, dokumen, tautan)) != 1:
        raise PenilaianGagal(PESAN_BUKTI_SATU)
    if not keterangan:
        raise PenilaianGagal(PESAN_BUKTI_KETERANGAN)
    if berkas:
        periksa_berkas_bukti(berkas)
    if dokumen is not None and dokumen.puskesmas_id != nilai.penilaian.puskesmas_id:
        raise PenilaianGagal(PESAN_BUKTI_DOKUMEN)
    if tautan and not tautan_sah(tautan):
        raise PenilaianGagal(PESAN_BUKTI_TAUTAN)
    bukti = BuktiPKP(
        nilai=nilai,
        dokumen=dokumen,
        tautan=tautan,
        keterangan=keterangan[:255],
        dibuat_oleh=user,
    )
    if berkas:
        bukti.berkas.save(os.path.basename(berkas.name), berkas, save=False)
    bukti._history_user = user
    try:
        bukti.save()
        _bukti_berubah(nilai, user)
    except BaseException:
        if bukti.berkas:  # the row is not kept: neither is its file
            bukti.berkas.storage.delete(bukti.berkas.name)
        raise
    return bukti


@transaction.atomic
def bukti_hapus(*, bukti: BuktiPKP, user) -> None:
    """Remove one piece of evidence while the assessment may be edited; its file goes once
    the removal is committed."""
    nilai = _kunci_nilai(bukti.nilai, user)
    bukti = BuktiPKP.objects.get(pk=bukti.pk, nilai=nilai)
    nama = bukti.berkas.name if bukti.berkas else ""
    storage = bukti.berkas.storage
    bukti._history_user = user
    bukti.delete()
    _bukti_berubah(nilai, user)
    if nama:
        transaction.on_commit(lambda: storage.delete(nama))


# --- the Excel template of achievements ----------------------------------------------------


def templat_capaian(penilaian: PenilaianPKP) -> bytes:
    """The achievements template of ``penilaian``, pre-filled with today's values."""
    from ..resources.penilaian import TEMPLAT_CAPAIAN, CapaianResource, baris_templat
    from ..selectors.penilaian import baris_capaian

    pelayanan, mutu = baris_capaian(penilaian)
    return ekspor_dengan_resource(
        CapaianResource(), baris_templat(pelayanan, mutu), TEMPLAT_CAPAIAN
    )


def nilai_impor(*, penilaian: PenilaianPKP, berkas, user) -> tuple[int, list[Galat]]:
    """Import achievements from the template. Returns (rows changed, errors).

    All or nothing: every error of the file comes back with its row and column, and
    nothing is saved unless there are none. The file is read and checked before the
    assessment is locked; under the lock its state is checked again. Rows written get
    ``sumber=impor``; an unchanged row is left alone."""
    from ..resources.penilaian import TEMPLAT_CAPAIAN, CapaianResource, baris_templat
    from ..selectors.penilaian import baris_capaian

    access.wajib(user, Aksi.ISI_PKP, penilaian.puskesmas)
    penilaian.pastikan_bisa_diubah()
    pelayanan, mutu = baris_capaian(penilaian)
    resource = CapaianResource(baris=baris_templat(pelayanan, mutu))

    def simpan(nilai: dict) -> int:
        berubah = 0
        model_pk: dict[type, list[int]] = {}
        for b in nilai:
            model_pk.setdefault(type(b), []).append(b.pk)
        terkini = {
            (model, b.pk): b
            for model, pks in model_pk.items()
            for b in model.objects.select_for_update().filter(pk__in=pks, penilaian=penilaian)
        }
        for asal, (capaian, keterangan) in nilai.items():
            b = terkini[(type(asal), asal.pk)]
            if b.capaian == capaian and b.keterangan_sumber == keterangan:
                continue
            b.capaian, b.keterangan_sumber = capaian, keterangan
            b.sumber = SumberCapaian.IMPOR
            _reset_verifikasi(b)
            _simpan_baris(b, user, "Impor Excel")
            berubah += 1
        return berubah

    def kunci():
        _kunci_penilaian(penilaian, user)
        resource.simpan = simpan

    hasil = impor_dengan_resource(resource, berkas, TEMPLAT_CAPAIAN, kunci=kunci)
    if not hasil.sah:
        return 0, hasil.galat
    return resource.jumlah, []
