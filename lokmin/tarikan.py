"""What a Lokmin's notulen pulls in, not retyped: a registry of sections.

Each section is a function ``(lokmin, user) -> Bagian | None`` (None: nothing for this
meeting). The Lokmin pages and the notulen PDF render every registered section in order.
The RPK sections are registered by ``lokmin.selectors.lokmin``; the PWS of the month is
registered here by the PWS part (a section with its charts and desa statuses), and the
PIS-PK agenda item by the PIS-PK part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Bagian:
    kode: str
    judul: str
    template: str  # renders ``bagian.data``; used on the page and in the PDF
    data: object = None
    keterangan: str = ""
    extra: dict = field(default_factory=dict)


_BAGIAN: list[Callable] = []


def daftar(fungsi: Callable) -> Callable:
    """Register a section (idempotent: registering the same function twice keeps one)."""
    if fungsi not in _BAGIAN:
        _BAGIAN.append(fungsi)
    return fungsi


def semua(lokmin, user) -> list[Bagian]:
    return [b for b in (f(lokmin, user) for f in _BAGIAN) if b is not None]
