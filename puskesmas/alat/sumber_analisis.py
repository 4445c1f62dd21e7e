"""Sources of the analisis situasi: a registry that later parts of the cycle feed.

The analisis situasi of planning year N (P1) reads what the cycle concluded about the year
before: today the Penilaian Kinerja Puskesmas of N-1 once the Dinkes has set it (its
achievements per indicator, its group, its weakest management variables and indicators),
later perhaps RTM conclusions. Those apps come after P1 along the cycle, and P1 must not
import them (STYLE.md, "Which way imports run"): each registers a function here in its
``AppConfig.ready``, and P1's page lists whatever the registered sources return, without
knowing who they are.

A source is ``fungsi(*, puskesmas, tahun) -> BagianAnalisis | None``: ``tahun`` is the
planning year N of the page; None when it has nothing for that year. It returns plain
text (numbers already written the Indonesian way) so the page only lays it out. It must
run a fixed number of queries, whatever the number of rows behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kolom:
    label: str
    angka: bool = False  # right-aligned


@dataclass(frozen=True)
class Tabel:
    judul: str
    kolom: tuple[Kolom, ...]
    baris: tuple[tuple[str, ...], ...]
    kosong: str = ""  # shown instead of an empty table
    kode: str = ""  # a stable name (page anchors, tests)

    @property
    def kolom_angka(self) -> frozenset[int]:
        """Positions of the right-aligned columns (the template reads cells by position)."""
        return frozenset(n for n, k in enumerate(self.kolom) if k.angka)


@dataclass(frozen=True)
class Tautan:
    label: str
    url: str


@dataclass(frozen=True)
class BagianAnalisis:
    """One block of the analisis situasi page from one source."""

    kode: str
    judul: str
    ringkasan: tuple[str, ...] = field(default=())  # short lines under the title
    tabel: tuple[Tabel, ...] = field(default=())
    tautan: tuple[Tautan, ...] = field(default=())


SumberAnalisis = Callable[..., "BagianAnalisis | None"]

_DAFTAR: dict[str, SumberAnalisis] = {}


def daftar(kode: str, fungsi: SumberAnalisis) -> None:
    """Register a source under ``kode``; a second, different one for a code is an error."""
    if kode in _DAFTAR and _DAFTAR[kode] is not fungsi:
        raise ValueError(f"Sumber analisis situasi «{kode}» sudah terdaftar.")
    _DAFTAR[kode] = fungsi


def batalkan(kode: str) -> None:
    """Remove a registration (tests)."""
    _DAFTAR.pop(kode, None)


def terdaftar() -> tuple[str, ...]:
    return tuple(_DAFTAR)


def bagian_untuk(*, puskesmas, tahun: int) -> list[BagianAnalisis]:
    """The blocks every registered source has for ``puskesmas`` and planning year
    ``tahun``, in the order the sources were registered."""
    hasil = []
    for fungsi in _DAFTAR.values():
        bagian = fungsi(puskesmas=puskesmas, tahun=tahun)
        if bagian is not None:
            hasil.append(bagian)
    return hasil
