"""The national default PKP instrument as plain data: no ORM, no request.

* Kinerja manajemen: the 29 variables of PKP Lampiran 2, read from
  ``pkp/data/rubrik_manajemen.csv`` (kept byte-for-byte as published, typos included), plus
  the rows whose source text is doubtful (``CATATAN_TINJAU``): they arrive flagged
  *perlu ditinjau* so that each Dinkes reads them before scoring with them.
* Kinerja pelayanan: the SPM and PIS-PK indicators of the P1 default catalogue, grouped by
  klaster. A placeholder: Dinkes worksheets list many more programme indicators, which each
  Dinkes adds to its own copy.
* Mutu pelayanan: the four indicators the PKP guide names as examples, with common targets.
  Also a placeholder, to be adapted per kabupaten.

The services load this into the database; once loaded, the database is the instrument and
nothing reads this module again for that year.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from perencanaan.katalog_default import KATALOG_BAWAAN

BERKAS_RUBRIK = Path(__file__).resolve().parent / "data" / "rubrik_manajemen.csv"


@dataclass(frozen=True)
class VariabelBawaan:
    komponen_kode: str
    komponen_nama: str
    kode: str
    nama: str
    definisi_operasional: str
    nilai_0: str
    nilai_4: str
    nilai_7: str
    nilai_10: str
    alasan_tinjau: str = ""

    @property
    def perlu_ditinjau(self) -> bool:
        return bool(self.alasan_tinjau)


@dataclass(frozen=True)
class IndikatorPelayananBawaan:
    klaster: int
    kode: str
    nama: str
    target: Decimal
    arah: str
    satuan: str


@dataclass(frozen=True)
class IndikatorMutuBawaan:
    kode: str
    nama: str
    target: Decimal
    arah: str
    satuan: str


# Why a row of the published rubric needs a Dinkes's review before it is used for scoring.
# These are the rows where the source is garbled or the split into levels is a judgement
# call; the texts themselves are kept as published.
CATATAN_TINJAU: dict[str, str] = {
    "1.1.3": (
        "Sumber memuat lima potongan teks untuk empat tingkat nilai; «Ada dokumen RPK» "
        "diletakkan di awal nilai 4 (mungkin aslinya sel gabungan untuk nilai 4–10)."
    ),
    "1.1.5": (
        "Nilai 4 menyebut «evaluasi bulanan» padahal variabel ini Lokmin tribulanan "
        "(mengulang teks 1.1.4)."
    ),
    "1.1.6": (
        "Nilai 0 diawali huruf kecil dan nilai 10 diakhiri tanda « ` » yang tidak semestinya; "
        "periksa kelengkapan teks."
    ),
    "1.1.11": (
        "Batas antara nama variabel dan definisi operasional tidak jelas di sumber; "
        "definisi diawali huruf kecil."
    ),
    "1.1.12": (
        "Teks nilai 0 rusak dan bertentangan: setelah «tidak ada media pengaduan» isinya "
        "seperti nilai 10. Nilai 7 memuat «data ata lengkap»."
    ),
    "1.2.1": (
        "Definisi operasional berbunyi seperti kriteria penilaian, dan tingkat nilainya "
        "disusun berbeda dari baris lain."
    ),
    "1.2.4": (
        "Teks nilai 7 menyambung dua kalimat tanpa pemisah "
        "(«dilakukan kalibrasiTidak ada bukti pelaksanaan»)."
    ),
    "1.4.1": "Nilai 10 berbunyi «< 9 jenis nakes»; kemungkinan maksudnya minimal 9 jenis.",
}


def variabel_manajemen(berkas: Path = BERKAS_RUBRIK) -> tuple[VariabelBawaan, ...]:
    """The manajemen rubric, one entry per variable in the order of the file."""
    with open(berkas, newline="", encoding="utf-8") as f:
        return tuple(
            VariabelBawaan(
                komponen_kode=b["komponen_kode"],
                komponen_nama=b["komponen_nama"],
                kode=b["variabel_kode"],
                nama=b["variabel_nama"],
                definisi_operasional=b["definisi_operasional"],
                nilai_0=b["nilai_0"],
                nilai_4=b["nilai_4"],
                nilai_7=b["nilai_7"],
                nilai_10=b["nilai_10"],
                alasan_tinjau=CATATAN_TINJAU.get(b["variabel_kode"], ""),
            )
            for b in csv.DictReader(f)
        )


def indikator_pelayanan() -> tuple[IndikatorPelayananBawaan, ...]:
    """Placeholder kinerja pelayanan indicators: the P1 default catalogue (SPM, PIS-PK)."""
    return tuple(
        IndikatorPelayananBawaan(
            klaster=i.klaster,
            kode=i.kode,
            nama=i.nama,
            target=i.target_default,
            arah=i.arah,
            satuan=i.satuan,
        )
        for i in KATALOG_BAWAAN
    )


# Placeholder mutu pelayanan indicators: the examples of the PKP guide. Waktu tunggu is an
# inverse indicator (minutes, lower is better).
MUTU_BAWAAN: tuple[IndikatorMutuBawaan, ...] = (
    IndikatorMutuBawaan("MUTU-01", "Kepatuhan kebersihan tangan", Decimal(85), "naik", "%"),
    IndikatorMutuBawaan("MUTU-02", "Kepatuhan identifikasi pasien", Decimal(100), "naik", "%"),
    IndikatorMutuBawaan("MUTU-03", "Waktu tunggu rawat jalan", Decimal(60), "turun", "menit"),
    IndikatorMutuBawaan("MUTU-04", "Kepuasan pasien", Decimal(76), "naik", "%"),
)
