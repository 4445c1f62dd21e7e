"""Pure rules of the pemecahan masalah: no ORM, no Django.

Each alternative solution of a problem is scored with the efektivitas × efisiensi method
(docs/domain.md, "Akar penyebab dan pemecahan masalah"):

* efektivitas = M × I × V, where M (magnitude) is how much of the problem the solution
  removes, I (importancy) how important the solution is, V (vulnerability) how sensitive
  the problem is to it, each 1–5;
* efisiensi is read through C (cost), 1 (cheap) to 5 (expensive);
* prioritas = (M × I × V) ÷ C, shown with two decimals, rounded half up.

The method is policy, not a source rule, so it lives here and only here: the page, the PDF
and the ranking read ``RUMUS`` and ``skor``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Generic, TypeVar

T = TypeVar("T")

SKOR_MIN, SKOR_MAKS = 1, 5
RUMUS = "P = (M × I × V) ÷ C"
DUA_DESIMAL = Decimal("0.01")


@dataclass(frozen=True)
class NilaiMIVC:
    magnitude: int
    importancy: int
    vulnerability: int
    cost: int
    urutan: Any = 0  # creation order: the older alternative wins a full tie

    def __post_init__(self):
        for nama in ("magnitude", "importancy", "vulnerability", "cost"):
            nilai = getattr(self, nama)
            if type(nilai) is not int or not SKOR_MIN <= nilai <= SKOR_MAKS:
                raise ValueError(f"{nama} harus bilangan bulat 1–5, bukan {nilai!r}")

    @property
    def efektivitas(self) -> int:
        return self.magnitude * self.importancy * self.vulnerability

    @property
    def skor(self) -> Decimal:
        """(M × I × V) ÷ C, two decimals, half up: 4 × 4 × 4 ÷ 3 = 21.33."""
        return (Decimal(self.efektivitas) / Decimal(self.cost)).quantize(
            DUA_DESIMAL, rounding=ROUND_HALF_UP
        )

    def kunci(self) -> tuple:
        """Sort key: highest exact score first (not the rounded one), then the cheaper,
        then the older alternative."""
        return (-Decimal(self.efektivitas) / Decimal(self.cost), self.cost, self.urutan)


@dataclass(frozen=True)
class PeringkatPemecahan(Generic[T]):
    nomor: int  # 1 = the best-scoring alternative
    skor: Decimal
    item: T


def urutkan_pemecahan(
    items: Iterable[T], nilai: Callable[[T], NilaiMIVC]
) -> list[PeringkatPemecahan[T]]:
    """Rank ``items`` by their score; ``nilai`` reads the M, I, V, C of one item.

    The ranking informs the choice and does not make it: the chosen alternative is the one
    the team marks, which may be another (say, one the budget allows)."""
    berpasangan = [(nilai(item), item) for item in items]
    berpasangan.sort(key=lambda p: p[0].kunci())
    return [
        PeringkatPemecahan(nomor=i, skor=n.skor, item=item)
        for i, (n, item) in enumerate(berpasangan, start=1)
    ]
