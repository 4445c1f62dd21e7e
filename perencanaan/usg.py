"""Pure rules of the analisis situasi and perumusan masalah: no ORM, no Django.

* ``kesenjangan``: the gap between last year's achievement and its target, the right way
  round for indicators where lower is better.
* ``urutkan_usg``: problems ranked by their USG score (Urgency + Seriousness + Growth,
  each 1–5). Ties go to the higher U, then the higher S, then the problem written down
  first, so the order never depends on the database. (G never decides: with the same
  total, U and S, G is the same too.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

T = TypeVar("T")

SKOR_MIN, SKOR_MAKS = 1, 5


@dataclass(frozen=True)
class NilaiUSG:
    urgency: int
    seriousness: int
    growth: int
    urutan: Any = 0  # creation order (pk or timestamp): the older problem wins a full tie

    def __post_init__(self):
        for nama in ("urgency", "seriousness", "growth"):
            nilai = getattr(self, nama)
            if not (isinstance(nilai, int) and SKOR_MIN <= nilai <= SKOR_MAKS):
                raise ValueError(f"{nama} harus bilangan bulat 1–5, bukan {nilai!r}")

    @property
    def total(self) -> int:
        return self.urgency + self.seriousness + self.growth

    def kunci(self) -> tuple:
        """Sort key: highest total first, then U, then S, then the oldest.

        G is not in the key: total − U − S is G, so it cannot break a tie U and S left.
        """
        return (-self.total, -self.urgency, -self.seriousness, self.urutan)


@dataclass(frozen=True)
class Peringkat(Generic[T]):
    nomor: int  # 1 = top priority
    skor: int
    item: T


def urutkan_usg(items: Iterable[T], nilai: Callable[[T], NilaiUSG]) -> list[Peringkat[T]]:
    """Rank ``items`` by USG; ``nilai`` reads the scores of one item."""
    berpasangan = [(nilai(item), item) for item in items]
    berpasangan.sort(key=lambda p: p[0].kunci())
    return [
        Peringkat(nomor=i, skor=n.total, item=item)
        for i, (n, item) in enumerate(berpasangan, start=1)
    ]


@dataclass(frozen=True)
class Kesenjangan:
    selisih: Decimal  # positive: better than the target; negative: short of it
    tercapai: bool


def kesenjangan(*, target: Decimal, capaian: Decimal, turun: bool = False) -> Kesenjangan:
    """Gap of ``capaian`` against ``target`` (percentages).

    For a normal indicator the gap is capaian − target; for an inverse one (``turun``:
    lower is better, e.g. a death or drop-out rate) it is target − capaian. Either way a
    negative gap means the target was not achieved.
    """
    target, capaian = Decimal(target), Decimal(capaian)
    selisih = (target - capaian) if turun else (capaian - target)
    return Kesenjangan(selisih=selisih, tercapai=selisih >= 0)
