"""Writes of the indicator catalogue: create it for a year, copy, edit, import from Excel."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.impor import (
    BULAT,
    DESIMAL,
    PILIHAN,
    Galat,
    Kolom,
    Templat,
    impor_dengan_resource,
)
from puskesmas.choices import KategoriSasaran
from puskesmas.models import Kabupaten, Klaster
from puskesmas.referensi import pastikan_klaster

from ..choices import Arah, JenisIndikator
from ..katalog_default import KATALOG_BAWAAN
from ..models import Indikator
from ..resources import (  # noqa: F401  (messages of the import, here with the others)
    PESAN_KLASTER,
    PESAN_KODE_GANDA_BERKAS,
    PESAN_TARGET_MAKS,
    PESAN_TERLALU_PANJANG,
    IndikatorResource,
)

PESAN_TIDAK_ADA_SUMBER = (
    "Belum ada katalog indikator tahun sebelumnya yang dapat disalin ke tahun {tahun}."
)
PESAN_KODE_GANDA = "Kode «{kode}» sudah dipakai indikator lain pada katalog tahun {tahun}."
PESAN_TAHUN_DI_LUAR = (
    "Katalog hanya dapat dibuat untuk tahun yang sedang direncanakan ({awal}–{akhir}); "
    "tahun {tahun} di luar rentang itu."
)
PESAN_KATALOG_SUDAH_ADA = "Katalog indikator tahun {tahun} sudah ada."

# Fields copied from one year's catalogue to another.
FIELD_SALIN = (
    "kode",
    "nama",
    "klaster_id",
    "jenis",
    "satuan",
    "definisi_operasional",
    "numerator",
    "denominator",
    "arah",
    "target_default",
    "kategori_sasaran",
    "urutan",
)


class KatalogGagal(Exception):
    """A catalogue change that cannot be made; ``message`` says why, in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


TEMPLAT_KATALOG = Templat(
    judul="Templat impor katalog indikator",
    nama_sheet="Indikator",
    kolom=(
        Kolom("Kode", "kode", lebar=12, keterangan="unik dalam satu tahun, mis. SPM-01"),
        Kolom("Nama indikator", "nama", lebar=45),
        Kolom(
            "Klaster",
            "klaster",
            BULAT,
            lebar=9,
            minimum=None,
            keterangan="1 Manajemen, 2 Ibu dan Anak, 3 Usia Dewasa dan Lansia, "
            "4 Penanggulangan Penyakit Menular, 5 Lintas Klaster",
        ),
        Kolom(
            "Jenis",
            "jenis",
            PILIHAN,
            wajib=False,
            pilihan=tuple(JenisIndikator.values),
            lebar=9,
            keterangan="spm = SPM Kesehatan, pispk = PIS-PK, lain = indikator kinerja lain; "
            "kosong = lain",
        ),
        Kolom("Satuan", "satuan", wajib=False, lebar=9, keterangan="kosong = %"),
        Kolom(
            "Arah",
            "arah",
            PILIHAN,
            wajib=False,
            pilihan=tuple(Arah.values),
            lebar=9,
            keterangan="naik = makin tinggi makin baik, turun = makin rendah makin baik; "
            "kosong = naik",
        ),
        Kolom(
            "Target default",
            "target_default",
            DESIMAL,
            wajib=False,
            lebar=10,
            keterangan="persen, 0–1000; kosong = 100",
        ),
        Kolom(
            "Kelompok sasaran",
            "kategori_sasaran",
            PILIHAN,
            wajib=False,
            pilihan=tuple(KategoriSasaran.values),
            lebar=20,
            keterangan="kelompok penduduk desa yang menjadi penyebut; boleh kosong",
        ),
        Kolom("Definisi operasional", "definisi_operasional", wajib=False, lebar=45),
        Kolom("Numerator", "numerator", wajib=False, lebar=35),
        Kolom("Denominator", "denominator", wajib=False, lebar=35),
    ),
    petunjuk=(
        "Satu baris untuk satu indikator. Baris dengan kode yang sudah ada di katalog tahun "
        "ini memperbarui indikator tersebut; kode baru menambah indikator.",
        "Tidak ada yang disimpan selama masih ada kesalahan di berkas.",
    ),
)


def _klaster_per_nomor() -> dict[int, Klaster]:
    klaster = {k.nomor: k for k in Klaster.objects.all()}
    return klaster if len(klaster) >= 5 else pastikan_klaster()


def _tahun_sumber(*, kabupaten: Kabupaten, tahun: int) -> int | None:
    """The latest year before ``tahun`` for which the kabupaten has a catalogue."""
    return (
        Indikator.objects.filter(kabupaten=kabupaten, tahun__lt=tahun)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    )


def _salinan(sumber: Indikator, *, tahun: int) -> Indikator:
    return Indikator(
        kabupaten_id=sumber.kabupaten_id,
        tahun=tahun,
        aktif=True,
        **{f: getattr(sumber, f) for f in FIELD_SALIN},
    )


def katalog_untuk(*, kabupaten: Kabupaten, tahun: int):
    """The active indicators of ``kabupaten`` for ``tahun``; other areas read it here.

    A read and nothing else: pages call it on GET, and a GET never writes. A year without
    a catalogue gives no rows until the admin Dinkes creates it (``katalog_buat``).
    """
    return Indikator.objects.filter(kabupaten=kabupaten, tahun=tahun, aktif=True).select_related(
        "klaster"
    )


def rentang_tahun_katalog() -> tuple[int, int]:
    """The years a catalogue may be created for: those being planned. The year before the
    active one (its achievements are analysed), the active year, and the next (RUK N+1)."""
    from puskesmas.selectors.inti import tahun_aktif

    tahun = tahun_aktif()
    return tahun - 1, tahun + 1


def tahun_katalog_wajar(tahun: int) -> bool:
    awal, akhir = rentang_tahun_katalog()
    return awal <= tahun <= akhir


@transaction.atomic
def katalog_buat(*, user, kabupaten: Kabupaten, tahun: int) -> int:
    """Create the kabupaten's catalogue of ``tahun``: a copy of its latest earlier year if
    any, else the default catalogue (SPM and PIS-PK). An explicit action of the admin
    Dinkes, for a year being planned only. Returns the number of indicators created."""
    access.wajib(user, Aksi.KELOLA_KATALOG, kabupaten)
    if not tahun_katalog_wajar(tahun):
        awal, akhir = rentang_tahun_katalog()
        raise KatalogGagal(PESAN_TAHUN_DI_LUAR.format(awal=awal, akhir=akhir, tahun=tahun))
    return katalog_isi_awal(kabupaten=kabupaten, tahun=tahun, user=user)


@transaction.atomic
def katalog_isi_awal(*, kabupaten: Kabupaten, tahun: int, user=None) -> int:
    """Fill an empty catalogue year (no access check: ``katalog_buat`` for people, this for
    the demo data and the shell). Does nothing when the year has indicators already."""
    # Lock the kabupaten so two simultaneous requests do not both create the catalogue.
    Kabupaten.objects.select_for_update().filter(pk=kabupaten.pk).exists()
    if Indikator.objects.filter(kabupaten=kabupaten, tahun=tahun).exists():
        return 0
    sumber = _tahun_sumber(kabupaten=kabupaten, tahun=tahun)
    if sumber is not None:
        baru = [
            _salinan(i, tahun=tahun)
            for i in Indikator.objects.filter(kabupaten=kabupaten, tahun=sumber, aktif=True)
        ]
    else:
        klaster = _klaster_per_nomor()
        baru = [
            Indikator(
                kabupaten=kabupaten,
                tahun=tahun,
                kode=b.kode,
                nama=b.nama,
                klaster=klaster[b.klaster],
                jenis=b.jenis,
                satuan=b.satuan,
                arah=b.arah,
                target_default=b.target_default,
                kategori_sasaran=b.kategori_sasaran,
                definisi_operasional=b.definisi_operasional,
                numerator=b.numerator,
                denominator=b.denominator,
                urutan=urutan,
            )
            for urutan, b in enumerate(KATALOG_BAWAAN, start=1)
        ]
    if baru:
        bulk_create_with_history(baru, Indikator, default_user=user)
    return len(baru)


@transaction.atomic
def katalog_salin_tahun_lalu(*, user, kabupaten: Kabupaten, tahun: int) -> tuple[int, int]:
    """Copy the latest earlier year's active indicators into ``tahun``.

    Codes already in ``tahun`` are left as they are. Returns (source year, rows added).
    """
    access.wajib(user, Aksi.KELOLA_KATALOG, kabupaten)
    sumber = _tahun_sumber(kabupaten=kabupaten, tahun=tahun)
    if sumber is None:
        raise KatalogGagal(PESAN_TIDAK_ADA_SUMBER.format(tahun=tahun))
    ada = set(
        Indikator.objects.filter(kabupaten=kabupaten, tahun=tahun).values_list("kode", flat=True)
    )
    baru = [
        _salinan(i, tahun=tahun)
        for i in Indikator.objects.filter(kabupaten=kabupaten, tahun=sumber, aktif=True)
        if i.kode not in ada
    ]
    if baru:
        bulk_create_with_history(baru, Indikator, default_user=user)
    return sumber, len(baru)


@transaction.atomic
def indikator_simpan(*, user, indikator: Indikator) -> Indikator:
    """Create or update one indicator of a catalogue (the kabupaten and year are set)."""
    access.wajib(user, Aksi.KELOLA_KATALOG, indikator)
    ganda = Indikator.objects.filter(
        kabupaten_id=indikator.kabupaten_id, tahun=indikator.tahun, kode=indikator.kode
    ).exclude(pk=indikator.pk)
    if ganda.exists():
        raise KatalogGagal(PESAN_KODE_GANDA.format(kode=indikator.kode, tahun=indikator.tahun))
    indikator._history_user = user
    indikator.save()
    return indikator


@transaction.atomic
def indikator_atur_aktif(*, user, indikator: Indikator, aktif: bool) -> Indikator:
    """Deactivate (or reactivate) an indicator. It is kept: targets may still point at it."""
    access.wajib(user, Aksi.KELOLA_KATALOG, indikator)
    if indikator.aktif != aktif:
        indikator.aktif = aktif
        indikator._history_user = user
        indikator.save(update_fields=["aktif"])
    return indikator


@dataclass
class HasilImpor:
    galat: list[Galat] = field(default_factory=list)
    dibuat: int = 0
    diubah: int = 0

    @property
    def sah(self) -> bool:
        return not self.galat


def katalog_impor(*, user, kabupaten: Kabupaten, tahun: int, berkas) -> HasilImpor:
    """Validate the whole workbook, then upsert every row by kode; nothing saved on errors.

    The file is read and checked (``IndikatorResource``'s dry run) before any lock; the
    kabupaten is locked only to write, so two imports (or a first visit creating the year)
    do not both add the same code."""
    access.wajib(user, Aksi.KELOLA_KATALOG, kabupaten)
    resource = IndikatorResource(
        kabupaten=kabupaten, tahun=tahun, user=user, klaster=_klaster_per_nomor().values()
    )

    def kunci():
        Kabupaten.objects.select_for_update().filter(pk=kabupaten.pk).exists()

    hasil = impor_dengan_resource(resource, berkas, TEMPLAT_KATALOG, kunci=kunci)
    if not hasil.sah:
        return HasilImpor(galat=hasil.galat)
    return HasilImpor(dibuat=resource.dibuat, diubah=resource.diubah)
