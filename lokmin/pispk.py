"""Pure rules of PIS-PK (Program Indonesia Sehat dengan Pendekatan Keluarga): no ORM.

Each surveyed family answers 12 indicators with Y, N or N/A (not applicable).

* ``iks_keluarga``: count(Y) ÷ (12 − count(N/A)); None when every answer is N/A.
* ``kategori_keluarga``: sehat above 0.800, pra-sehat 0.500–0.800, tidak sehat below 0.500.
* ``iks_wilayah``: healthy families ÷ families surveyed (every surveyed family counts in the
  denominator, also one whose own IKS cannot be computed), with the same bands.
* ``cakupan_indikator``: Y ÷ (Y + N) of one indicator over the families.
* ``cakupan_survei``: families surveyed ÷ families in the wilayah, in %; reached from 30 %
  (**policy**: exactly 30 % counts as reached).

Fractions are exact (Decimal, unrounded); rounding is for display.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

Y, N, NA = "Y", "N", "N/A"
JAWABAN = (Y, N, NA)
JUMLAH_INDIKATOR = 12

INDIKATOR = (
    "Keluarga mengikuti program KB",
    "Ibu melakukan persalinan di fasilitas kesehatan",
    "Bayi mendapat imunisasi dasar lengkap",
    "Bayi mendapat ASI eksklusif",
    "Balita mendapatkan pemantauan pertumbuhan",
    "Penderita TB paru berobat sesuai standar",
    "Penderita hipertensi berobat teratur",
    "Penderita gangguan jiwa mendapat pengobatan dan tidak ditelantarkan",
    "Tidak ada anggota keluarga yang merokok",
    "Keluarga sudah menjadi anggota JKN",
    "Keluarga mempunyai akses sarana air bersih",
    "Keluarga mempunyai akses atau menggunakan jamban sehat",
)

SEHAT = "sehat"
PRA_SEHAT = "pra_sehat"
TIDAK_SEHAT = "tidak_sehat"
LABEL_KATEGORI = {SEHAT: "Keluarga sehat", PRA_SEHAT: "Pra-sehat", TIDAK_SEHAT: "Tidak sehat"}
BATAS_SEHAT = Decimal("0.800")  # above it: sehat
BATAS_PRA_SEHAT = Decimal("0.500")  # from it up to BATAS_SEHAT: pra-sehat

BATAS_SURVEI = Decimal(30)  # % of families surveyed the PKP rubric asks for
SERATUS = Decimal(100)

PESAN_JUMLAH = "Satu keluarga harus menjawab tepat 12 indikator."
PESAN_JAWABAN = "Jawaban harus Y, N, atau N/A, bukan «{nilai}»."


def periksa(jawaban: Sequence[str]) -> None:
    """Raise ValueError unless ``jawaban`` holds 12 answers, each Y, N or N/A."""
    if len(jawaban) != JUMLAH_INDIKATOR:
        raise ValueError(PESAN_JUMLAH)
    for j in jawaban:
        if j not in JAWABAN:
            raise ValueError(PESAN_JAWABAN.format(nilai=j))


def iks_keluarga(jawaban: Sequence[str]) -> Decimal | None:
    """count(Y) ÷ (12 − count(N/A)); None when every indicator is N/A."""
    periksa(jawaban)
    berlaku = JUMLAH_INDIKATOR - jawaban.count(NA)
    if not berlaku:
        return None
    return Decimal(jawaban.count(Y)) / berlaku


def kategori(iks: Decimal | None) -> str | None:
    """sehat (> 0.800), pra-sehat (0.500–0.800), tidak sehat (< 0.500); None without an IKS."""
    if iks is None:
        return None
    if iks > BATAS_SEHAT:
        return SEHAT
    if iks >= BATAS_PRA_SEHAT:
        return PRA_SEHAT
    return TIDAK_SEHAT


def iks_wilayah(keluarga: Sequence[Sequence[str]]) -> Decimal | None:
    """Healthy families ÷ families surveyed; None when no family was surveyed."""
    if not keluarga:
        return None
    sehat = sum(1 for j in keluarga if kategori(iks_keluarga(j)) == SEHAT)
    return Decimal(sehat) / len(keluarga)


def cakupan_indikator(keluarga: Sequence[Sequence[str]], nomor: int) -> Decimal | None:
    """Y ÷ (Y + N) of indicator ``nomor`` (1–12) in %; None when no family had it apply."""
    if not 1 <= nomor <= JUMLAH_INDIKATOR:
        raise ValueError(PESAN_JUMLAH)
    jawaban = [j[nomor - 1] for j in keluarga]
    ya, tidak = jawaban.count(Y), jawaban.count(N)
    if not ya + tidak:
        return None
    return Decimal(ya) * SERATUS / (ya + tidak)


def cakupan_survei(disurvei: int, jumlah_keluarga: int | None) -> Decimal | None:
    """Families surveyed ÷ families in the wilayah, in %; None without a family count."""
    if not jumlah_keluarga:
        return None
    return Decimal(disurvei) * SERATUS / jumlah_keluarga


def survei_tercapai(cakupan: Decimal | None) -> bool:
    """The rubric's bar: more than 30 % of families (policy: exactly 30 % counts)."""
    return cakupan is not None and cakupan >= BATAS_SURVEI
