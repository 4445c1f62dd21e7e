"""Panels an app adds to the page of one RTL: a registry, so the core never imports an app.

A panel function ``(rtl, user) -> Panel | None`` answers for the RTL raised from the kind of
source it knows (None otherwise), in a bounded number of queries. The RTL page renders
every panel returned, in registration order, between the RTL's details and its steps (an
indicator's monthly figures since the follow-up, with the suggested evaluation, say).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    judul: str
    template: str  # renders ``panel.data``
    data: object = None
    extra: dict = field(default_factory=dict)


_PANEL: list[Callable] = []


def daftar(fungsi: Callable) -> Callable:
    """Register a panel (idempotent)."""
    if fungsi not in _PANEL:
        _PANEL.append(fungsi)
    return fungsi


def batalkan(fungsi: Callable) -> None:
    if fungsi in _PANEL:
        _PANEL.remove(fungsi)


def semua(rtl, user) -> list[Panel]:
    return [p for p in (f(rtl, user) for f in _PANEL) if p is not None]
