"""What an RTM's input pack pulls in, not retyped: a registry of sections.

Each section is a function ``(rtm, user) -> BagianPaket | None`` (None: nothing to show for
this meeting). The RTM page and the notulen RTM PDF render every registered section in order
of ``urutan``. Each area of P3 (audit, registers, pengendalian, ...) and P2 (PWS, RPK
realisation, RTL) registers its own section, so the RTM never needs to know them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class BagianPaket:
    kode: str
    judul: str
    template: str  # renders ``bagian.data``; used on the page and in the PDF
    data: object = None
    ringkasan: str = ""  # one line for the summary table of the PDF
    urutan: int = 100
    extra: dict = field(default_factory=dict)


_BAGIAN: list[Callable] = []


def daftar(fungsi: Callable) -> Callable:
    """Register a section (idempotent: registering the same function twice keeps one)."""
    if fungsi not in _BAGIAN:
        _BAGIAN.append(fungsi)
    return fungsi


def semua(rtm, user) -> list[BagianPaket]:
    hasil = [b for b in (f(rtm, user) for f in _BAGIAN) if b is not None]
    return sorted(hasil, key=lambda b: b.urutan)
