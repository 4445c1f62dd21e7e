"""Arithmetic of the target kinerja: plain values in, plain values out (no ORM).

The absolute sasaran of a desa is its population of the indicator's group times the target
percentage, rounded *up*: a target of 95 % of 37 pregnant women is 35.15, and the
Puskesmas must reach 36 women to meet it, never 35.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, InvalidOperation

TARGET_MIN = Decimal(0)
TARGET_MAKS = Decimal(100)


def sasaran_absolut(penduduk_sasaran: int | None, target_persen: Decimal | None) -> int | None:
    """ceil(penduduk_sasaran × target % ÷ 100); None when either figure is missing."""
    if penduduk_sasaran is None or target_persen is None:
        return None
    if penduduk_sasaran < 0:
        raise ValueError("penduduk sasaran tidak boleh negatif")
    nilai = Decimal(penduduk_sasaran) * Decimal(target_persen) / Decimal(100)
    return int(nilai.to_integral_value(rounding=ROUND_CEILING))


@dataclass(frozen=True)
class SasaranDesa:
    desa_id: int
    penduduk_sasaran: int | None
    sasaran: int | None


def sasaran_per_desa(
    penduduk: Mapping[int, int | None], target_persen: Decimal | None
) -> tuple[list[SasaranDesa], int | None]:
    """Sasaran of every desa, and their total.

    ``penduduk`` maps desa id to the population of the indicator's group (None when the
    desa has not reported it). Desa without a figure get no sasaran and are left out of the
    total; the total is None when no desa has a figure at all.
    """
    hasil = [
        SasaranDesa(desa_id, jumlah, sasaran_absolut(jumlah, target_persen))
        for desa_id, jumlah in penduduk.items()
    ]
    diketahui = [h.sasaran for h in hasil if h.sasaran is not None]
    return hasil, (sum(diketahui) if diketahui else None)


def target_sah(nilai: Decimal | None) -> bool:
    """A target is a percentage between 0 and 100 with at most two decimals."""
    if nilai is None:
        return False
    return TARGET_MIN <= nilai <= TARGET_MAKS and nilai == nilai.quantize(Decimal("0.01"))


def indikator_tanpa_target(katalog: Iterable[str], bertarget: Iterable[str]) -> list[str]:
    """Codes of the catalogue that have no target yet, in catalogue order."""
    ada = set(bertarget)
    return [kode for kode in katalog if kode not in ada]


def sidik(nilai: Iterable[tuple[int, Decimal | None]]) -> str:
    """A short fingerprint of a set of targets (indikator id, target %).

    A form carries the fingerprint of what it showed; if the rows changed before it is
    saved, someone else saved in between and the user must look again. Unlike a version
    number on the whole document, PJ of different klaster never block each other.
    """
    teks = ";".join(
        f"{pk}={'' if v is None else Decimal(v).normalize()}" for pk, v in sorted(nilai)
    )
    return hashlib.sha256(teks.encode()).hexdigest()[:16]


def kelompokkan_lampiran(lampiran: Iterable[Mapping]) -> list[dict]:
    """Snapshot rows of an SK grouped by klaster, in order: [{klaster, nomor, baris}]."""
    grup: dict[tuple, dict] = {}
    for baris in lampiran:
        kunci = (baris.get("klaster_nomor", 0), baris.get("klaster", ""))
        g = grup.setdefault(kunci, {"nomor": kunci[0], "klaster": kunci[1], "baris": []})
        g["baris"].append(baris)
    return [grup[k] for k in sorted(grup)]


def format_persen(nilai) -> str:
    """12.50 → "12,5"; 100.00 → "100" (Indonesian decimal comma, no useless zeros).

    It writes the targets of a stored SK snapshot into a PDF, so it never raises: a value
    that is not a number (an empty cell, text from an older snapshot) is shown as it is.
    """
    teks = "" if nilai is None else str(nilai).strip()
    try:
        d = Decimal(teks.replace(",", "."))
        return format(d.quantize(Decimal("0.01")).normalize(), "f").replace(".", ",")
    except InvalidOperation:
        return teks
