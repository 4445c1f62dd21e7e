"""Writes of the RUK (Rencana Usulan Kegiatan, year N+1): create it, its activities,
its workflow steps, and the Excel import that runs as a background job."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from puskesmas.alat import access
from puskesmas.alat.access import Aksi, klaster_diizinkan, wajib_klaster
from puskesmas.alat.alur import AlurTidakSah, alur_jalankan
from puskesmas.alat.impor import (
    BULAT,
    PILIHAN,
    Galat,
    Kolom,
    Templat,
    ekspor_dengan_resource,
    impor_dengan_resource,
)
from puskesmas.alat.latar import GagalTugas, tugas_latar
from puskesmas.services.inti import KonflikVersi, kunci_puskesmas

from ..models import RUK, AlternatifPemecahan, KegiatanRUK
from ..resources import SUMBER_PILIHAN, KegiatanRUKResource
from .analisis import periksa_pemecahan_untuk_ruk

PESAN_RUK_KOSONG = (
    "RUK belum berisi kegiatan sehingga tidak dapat diajukan. Tambahkan minimal satu "
    "kegiatan terlebih dahulu."
)
PESAN_MASALAH_LAIN = "Masalah yang dipilih bukan masalah Puskesmas ini pada tahun {tahun}."
PESAN_IMPOR_GAGAL = "Berkas berisi {n} kesalahan. Tidak ada data yang disimpan."

# Steps that send the RUK back to its drafters with a reason: by the Kepala, by the Dinkes.
LANGKAH_KEMBALIKAN = frozenset({"kembalikan", "kembalikan_dinkes"})


# --- RUK and its activities -------------------------------------------------------------


@transaction.atomic
def ruk_buat(*, puskesmas, tahun: int, user) -> tuple[RUK, bool]:
    """The RUK of ``puskesmas`` for ``tahun`` (N+1): created when missing.

    Returns (ruk, created); asking twice gives the same RUK, never a duplicate.
    """
    access.wajib(user, Aksi.SUSUN_RENCANA, puskesmas)
    kunci_puskesmas(puskesmas)
    ada = (
        RUK.objects.select_for_update(of=("self",)).filter(puskesmas=puskesmas, tahun=tahun).first()
    )
    if ada is not None:
        return ada, False
    ruk = RUK(puskesmas=puskesmas, tahun=tahun)
    ruk._history_user = user
    ruk.save()
    return ruk, True


def token_versi(kegiatan: KegiatanRUK) -> str:
    """The version a form was opened at: the activity's last history record.

    Activities carry no version column; their audit history changes on every save, so
    it serves as the optimistic lock."""
    if kegiatan.pk is None:
        return ""
    terakhir = kegiatan.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return str(terakhir or 0)


def _kunci_ruk(ruk: RUK) -> RUK:
    """Lock the RUK row and refuse when it is no longer editable."""
    terkini = RUK.objects.select_for_update(of=("self",)).select_related("puskesmas").get(pk=ruk.pk)
    terkini.pastikan_bisa_diubah()
    return terkini


@transaction.atomic
def kegiatan_ruk_simpan(
    *, kegiatan: KegiatanRUK, masalah=(), versi: str | None = None, user
) -> KegiatanRUK:
    """Create or update one activity of a RUK in Draf/Dikembalikan.

    A PJ klaster writes only activities of their own klaster; the linked problems must be
    of the same Puskesmas and planning year N, and so must the problem of the chosen solution
    it carries (``pemecahan``). An edit made on an out-of-date form is
    refused (KonflikVersi)."""
    ruk = _kunci_ruk(kegiatan.ruk)
    access.wajib(user, Aksi.SUSUN_KLASTER, ruk)
    wajib_klaster(user, ruk.puskesmas, kegiatan.klaster_id)
    if kegiatan.pk is not None:
        lama = KegiatanRUK.objects.select_for_update().get(pk=kegiatan.pk, ruk=ruk)
        wajib_klaster(user, ruk.puskesmas, lama.klaster_id)
        if versi is None or versi != token_versi(lama):
            raise KonflikVersi()
    masalah = list(masalah)
    for m in masalah:
        if m.puskesmas_id != ruk.puskesmas_id or m.tahun != ruk.tahun - 1:
            raise PermissionDenied(PESAN_MASALAH_LAIN.format(tahun=ruk.tahun - 1))
    if kegiatan.pemecahan_id is not None:
        periksa_pemecahan_untuk_ruk(
            pemecahan=AlternatifPemecahan.objects.select_related("masalah").get(
                pk=kegiatan.pemecahan_id
            ),
            ruk=ruk,
        )
    if kegiatan.pk is None or kegiatan.klaster_id != lama.klaster_id:
        kegiatan.urutan = _urutan_berikut(ruk, kegiatan.klaster_id)
    kegiatan._history_user = user
    kegiatan.save()
    kegiatan.masalah.set(masalah)
    return kegiatan


def _urutan_berikut(ruk: RUK, klaster_id: int) -> int:
    terakhir = KegiatanRUK.objects.filter(ruk=ruk, klaster_id=klaster_id).aggregate(
        m=Max("urutan")
    )["m"]
    return (terakhir or 0) + 1


@transaction.atomic
def kegiatan_ruk_hapus(*, kegiatan: KegiatanRUK, user) -> None:
    ruk = _kunci_ruk(kegiatan.ruk)
    access.wajib(user, Aksi.SUSUN_KLASTER, ruk)
    wajib_klaster(user, ruk.puskesmas, kegiatan.klaster_id)
    kegiatan._history_user = user
    kegiatan.delete()


# --- Workflow ---------------------------------------------------------------------------


@transaction.atomic
def ruk_jalankan(*, ruk: RUK, langkah: str, user, catatan: str = "") -> RUK:
    """Move the RUK one step (ajukan, kembalikan, sahkan, kirim; the Dinkes: terima,
    kembalikan_dinkes) through the shared workflow.

    An empty RUK cannot be submitted. The reason for returning it (by the Kepala or by the
    Dinkes) is kept on the RUK (``catatan_pengembalian``) so the drafters see it until they
    submit again. Who is notified of each step is declared in ``perencanaan.pemberitahuan``."""
    if langkah == "ajukan":
        terkini = RUK.objects.select_for_update().get(pk=ruk.pk)
        if (
            terkini.status in RUK.alur.langkah("ajukan").dari
            and not KegiatanRUK.objects.filter(ruk=terkini).exists()
        ):
            access.wajib(user, RUK.alur.langkah("ajukan").aksi, terkini)
            raise AlurTidakSah(PESAN_RUK_KOSONG)
    ruk = alur_jalankan(objek=ruk, langkah=langkah, user=user, catatan=catatan)
    if langkah in LANGKAH_KEMBALIKAN:
        RUK.objects.filter(pk=ruk.pk).update(catatan_pengembalian=catatan.strip())
        ruk.catatan_pengembalian = catatan.strip()
    return ruk


# --- Excel: template, export, import -----------------------------------------------------

TEMPLAT_RUK = Templat(
    judul="Templat impor kegiatan RUK (Rencana Usulan Kegiatan)",
    nama_sheet="RUK",
    kolom=(
        Kolom("Klaster", "klaster", BULAT, lebar=9, keterangan="nomor klaster 1–5"),
        Kolom("Upaya/Kegiatan", "upaya", lebar=30),
        Kolom("Rincian kegiatan", "rincian", wajib=False, lebar=30),
        Kolom("Tujuan", "tujuan", wajib=False, lebar=25),
        Kolom("Sasaran", "sasaran", wajib=False, lebar=20),
        Kolom("Target", "target", wajib=False, lebar=14),
        Kolom("Penanggung jawab", "penanggung_jawab", wajib=False, lebar=20),
        Kolom("Kebutuhan sumber daya", "kebutuhan_sumber_daya", wajib=False, lebar=25),
        Kolom("Mitra kerja", "mitra_kerja", wajib=False, lebar=20),
        Kolom("Waktu", "waktu", wajib=False, lebar=16),
        Kolom(
            "Kebutuhan anggaran (Rp)",
            "kebutuhan_anggaran",
            BULAT,
            lebar=18,
            keterangan="angka tanpa titik pun boleh, misalnya 1500000 atau 1.500.000",
        ),
        Kolom("Indikator kinerja", "indikator_kinerja", wajib=False, lebar=25),
        Kolom("Sumber pembiayaan", "sumber_pembiayaan", PILIHAN, pilihan=SUMBER_PILIHAN, lebar=16),
    ),
    petunjuk=(
        "Satu baris untuk satu kegiatan. Baris kosong dilewati.",
        "Klaster: 1 Manajemen, 2 Ibu dan Anak, 3 Usia Dewasa dan Lansia, "
        "4 Penanggulangan Penyakit Menular, 5 Lintas Klaster.",
        "Kegiatan hasil impor ditambahkan ke RUK; kegiatan yang sudah ada tidak diubah.",
        "Bila ada satu saja kesalahan, tidak ada baris yang disimpan: semua kesalahan "
        "ditampilkan dengan nomor baris dan kolomnya.",
    ),
)


def ruk_xlsx(*, ruk: RUK, kegiatan) -> bytes:
    """The RUK's activities (in the order shown) as a workbook the import reads back."""
    return ekspor_dengan_resource(KegiatanRUKResource(ruk=ruk), kegiatan, TEMPLAT_RUK)


class ImporGagal(Exception):
    def __init__(self, galat: list[Galat]):
        super().__init__(PESAN_IMPOR_GAGAL.format(n=len(galat)))
        self.pesan = PESAN_IMPOR_GAGAL.format(n=len(galat))
        self.galat = galat


def kegiatan_ruk_impor(*, ruk: RUK, berkas, user, progres: Callable | None = None) -> int:
    """Append the activities of an Excel file to ``ruk``: all rows or none.

    Raises ImporGagal with every error (row and column) when any row is wrong; the RUK
    must be editable and the user allowed to draft it. The file is read and checked before
    any lock is taken (its progress is visible meanwhile); then the RUK is locked, checked
    again and the rows are inserted in one transaction."""
    access.wajib(user, Aksi.SUSUN_KLASTER, ruk)
    ruk.pastikan_bisa_diubah()
    resource = KegiatanRUKResource(ruk=ruk, diizinkan=klaster_diizinkan(user, ruk.puskesmas))
    jumlah = 0

    def kunci():
        terkunci = _kunci_ruk(ruk)
        access.wajib(user, Aksi.SUSUN_KLASTER, terkunci)
        resource.ruk = terkunci

        def simpan(kegiatan: list[KegiatanRUK]) -> None:
            nonlocal jumlah
            berikut: dict[int, int] = {}
            for k in kegiatan:
                if k.klaster_id not in berikut:
                    berikut[k.klaster_id] = _urutan_berikut(terkunci, k.klaster_id)
                k.urutan = berikut[k.klaster_id]
                berikut[k.klaster_id] += 1
            bulk_create_with_history(kegiatan, KegiatanRUK, default_user=user)
            jumlah = len(kegiatan)

        resource.simpan = simpan

    hasil = impor_dengan_resource(resource, berkas, TEMPLAT_RUK, kunci=kunci, progres=progres)
    if not hasil.sah:
        raise ImporGagal(hasil.galat)
    return jumlah


@tugas_latar("impor_ruk", batas_waktu=10 * 60)
def _tugas_impor_ruk(tugas, progres) -> str:
    """Background job: the uploaded file of ``tugas`` into the RUK ``parameter["ruk"]``."""
    ruk = RUK.objects.select_related("puskesmas").get(pk=tugas.parameter["ruk"])
    try:
        with tugas.berkas_masuk.open("rb") as berkas:
            n = kegiatan_ruk_impor(ruk=ruk, berkas=berkas, user=tugas.dibuat_oleh, progres=progres)
    except ImporGagal as exc:
        raise GagalTugas(exc.pesan, galat=[g.as_dict() for g in exc.galat]) from None
    except AlurTidakSah as exc:
        raise GagalTugas(exc.message) from None
    except PermissionDenied as exc:
        raise GagalTugas(str(exc) or access.PESAN_DITOLAK) from None
    progres(100, f"{n} kegiatan ditambahkan ke RUK {ruk.tahun}.")
    return reverse("perencanaan:ruk_detail", args=[ruk.pk])
