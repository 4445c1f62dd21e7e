"""Excel template of an assessment's achievements (kinerja pelayanan and mutu pelayanan),
as a django-import-export Resource on the project's shared tools.

One sheet, one row per indicator: kode, indikator, target (read-only hints), capaian and
keterangan sumber. The kode is resolved only among the indicators of this assessment's
instrument, so a row of another kabupaten's or year's instrument is refused by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from import_export.fields import Field

from puskesmas.alat.angka import format_angka
from puskesmas.alat.impor import DESIMAL, KOLOM_BARIS, TEKS, Kolom, Templat
from puskesmas.alat.resource import AngkaWidget, FKTerbatasWidget, ResourceImpor, TeksWidget

from ..models import JenisTarget, NilaiPelayanan

PESAN_KODE_TIDAK_DIKENAL = (
    "Kode «{kode}» tidak ada di instrumen PKP penilaian ini. Gunakan kode dari templat yang "
    "diunduh dari halaman penilaian."
)
PESAN_KODE_GANDA = "Kode «{kode}» sudah ada di baris {baris}. Setiap indikator hanya sekali."
PESAN_KODE_RANCU = (
    "Kode «{kode}» dipakai lebih dari satu indikator di instrumen ini; isi capaiannya di "
    "formulir penilaian."
)
PESAN_DESIMAL = "Paling banyak 2 angka di belakang koma."
PESAN_CAPAIAN_MAKS = "Capaian terlalu besar (paling besar {maksimum})."
CAPAIAN_MAKS = Decimal("99999999.99")

TEMPLAT_CAPAIAN = Templat(
    judul="Templat capaian kinerja pelayanan dan mutu pelayanan (PKP)",
    nama_sheet="Capaian",
    kolom=(
        Kolom("Kode", "kode", TEKS, lebar=16),
        Kolom("Indikator", "indikator", TEKS, wajib=False, lebar=60, keterangan="tidak dibaca"),
        Kolom("Target", "target", TEKS, wajib=False, lebar=22, keterangan="tidak dibaca"),
        Kolom(
            "Capaian",
            "capaian",
            DESIMAL,
            wajib=False,
            lebar=14,
            keterangan="angka dalam satuan target, misalnya 87,5; kosong: tidak diubah",
        ),
        Kolom("Keterangan sumber", "keterangan", TEKS, wajib=False, lebar=40),
    ),
    petunjuk=(
        "Satu baris untuk satu indikator kinerja pelayanan atau mutu pelayanan; jangan "
        "mengubah kode.",
        "Capaian ditulis dalam satuan targetnya (persen, menit, permil …). Sel capaian yang "
        "kosong tidak mengubah isian di aplikasi.",
        "Tidak ada yang disimpan sampai seluruh berkas benar; semua kesalahan ditampilkan "
        "sekaligus.",
    ),
)


def teks_target(indikator) -> str:
    """The target as read by a person: "≥ 95 %", "≤ 60 menit", "150–250 ‰"."""
    satuan = f" {indikator.satuan}" if indikator.satuan else ""
    if indikator.arah == JenisTarget.RENTANG:
        atas = format_angka(indikator.target_atas) if indikator.target_atas is not None else "?"
        return f"{format_angka(indikator.target)}–{atas}{satuan}"
    tanda = "≤" if indikator.arah == JenisTarget.TURUN else "≥"
    return f"{tanda} {format_angka(indikator.target)}{satuan}"


@dataclass
class BarisCapaian:
    """One indicator row of the template: ``baris`` is the NilaiPelayanan / NilaiMutu."""

    kode: str
    indikator: str
    target: str
    capaian: Decimal | None
    keterangan_sumber: str
    baris: object = None  # the row it fills (None on a row read from a file)
    baris_templat: object = None  # the template row a file's kode resolves to (self here)

    def __post_init__(self):
        if self.baris is not None:
            self.baris_templat = self


def baris_templat(baris_pelayanan, baris_mutu) -> list[BarisCapaian]:
    """The template rows of an assessment, kinerja pelayanan first, then mutu."""
    return [
        BarisCapaian(
            kode=b.indikator.kode,
            indikator=b.indikator.nama,
            target=teks_target(b.indikator),
            capaian=b.capaian,
            keterangan_sumber=b.keterangan_sumber,
            baris=b,
        )
        for b in [*baris_pelayanan, *baris_mutu]
    ]


class CapaianResource(ResourceImpor):
    """Achievements by kode within one assessment. ``simpan`` (the service's writer)
    receives {row: (capaian, keterangan)} once the whole file is valid."""

    kode = Field(attribute="baris_templat", column_name="kode")
    indikator = Field(attribute="indikator", column_name="indikator", readonly=True)
    target = Field(attribute="target", column_name="target", readonly=True)
    capaian = Field(
        attribute="capaian",
        column_name="capaian",
        widget=AngkaWidget(maksimum=CAPAIAN_MAKS, pesan_maksimum=PESAN_CAPAIAN_MAKS),
    )
    keterangan = Field(
        attribute="keterangan_sumber", column_name="keterangan", widget=TeksWidget(maks=255)
    )

    class Meta:
        model = NilaiPelayanan
        fields = ("kode", "indikator", "target", "capaian", "keterangan")
        export_order = fields
        skip_diff = True

    def __init__(self, *, baris: list[BarisCapaian] = ()):
        super().__init__()
        self.simpan: Callable[[dict], int] | None = None
        self.jumlah = 0
        baris = list(baris)
        hitung: dict[str, int] = {}
        for b in baris:
            hitung[b.kode.casefold()] = hitung.get(b.kode.casefold(), 0) + 1
        self._rancu = {k for k, n in hitung.items() if n > 1}
        self.fields["kode"].widget = FKTerbatasWidget(
            baris, "kode", pesan=lambda v: PESAN_KODE_TIDAK_DIKENAL.format(kode=v)
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.nilai: dict[object, tuple[Decimal | None, str]] = {}
        self._dilihat: dict[int, int] = {}

    def get_instance(self, instance_loader, row):
        return None

    def init_instance(self, row=None):
        return BarisCapaian(kode="", indikator="", target="", capaian=None, keterangan_sumber="")

    def periksa_baris(self, instance, row, galat):
        asal = getattr(instance, "baris_templat", None)
        if asal is not None:
            kunci = asal.kode.casefold()
            if kunci in self._rancu:
                galat.setdefault("baris_templat", []).append(
                    PESAN_KODE_RANCU.format(kode=asal.kode)
                )
            elif id(asal) in self._dilihat:
                galat.setdefault("baris_templat", []).append(
                    PESAN_KODE_GANDA.format(kode=asal.kode, baris=self._dilihat[id(asal)])
                )
            else:
                self._dilihat[id(asal)] = row[KOLOM_BARIS]
        capaian = instance.capaian
        if capaian is not None and capaian.as_tuple().exponent < -2:
            galat.setdefault("capaian", []).append(PESAN_DESIMAL)

    def simpan_baris(self, instance, is_create, row):
        if instance.capaian is None:
            return  # an empty cell leaves the row as it is
        self.nilai[instance.baris_templat.baris] = (instance.capaian, instance.keterangan_sumber)

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and self.simpan is not None:
            self.jumlah = self.simpan(self.nilai)
