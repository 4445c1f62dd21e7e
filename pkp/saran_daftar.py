"""The registry of PKP suggestion rules: one rule per rubric variable of kinerja manajemen.

A rule says which score (0/4/7/10) the app's own records support for one variable and why,
in words that cite those records; the person assessing decides, and a score that differs
from the suggestion needs a note (``PenilaianPKP.periksa_siap``).

A registration joins two parts, kept apart so the rule can be tested without a database:

* ``kumpulkan(puskesmas, tahun)`` reads the facts the rule needs (through the selectors of
  the app that owns the records) and returns a plain value;
* ``aturan(fakta)`` is a pure function of those facts returning a ``Saran``.

Apps register their rules in ``AppConfig.ready`` (P1's in ``pkp.saran_p1``, P2's 1.1.4–1.1.6
in ``pkp.saran_p2``; P3 adds 1.1.9–1.1.15), so PKP never needs to know which app holds a
record.
The suggestion panel lists the variables that have no rule yet.

Rules of one app usually need the same records: a collector reads them through a reader
marked ``@sekali``, which runs once per (puskesmas, tahun) within one ``saran_untuk`` call
and hands every later collector the same value, so a page's query count does not grow with
the number of rules.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

SKOR = (0, 4, 7, 10)


@dataclass(frozen=True)
class Rujukan:
    """A record a suggestion rests on: its label and the app page that shows it."""

    label: str
    url: str = ""


@dataclass(frozen=True)
class Saran:
    skor: int  # 0, 4, 7 or 10
    alasan: str  # why, citing the records, in Indonesian
    rujukan: tuple[Rujukan, ...] = field(default=())

    def __post_init__(self):
        if self.skor not in SKOR or isinstance(self.skor, bool):
            raise ValueError(f"Saran harus bernilai 0, 4, 7 atau 10 ({self.skor!r}).")
        object.__setattr__(self, "rujukan", tuple(self.rujukan))


@dataclass(frozen=True)
class AturanSaran:
    kode: str  # the rubric variable's code, e.g. "1.1.1"
    kumpulkan: Callable[[Any, int], Any]  # (puskesmas, tahun) -> facts
    aturan: Callable[[Any], Saran]  # facts -> suggestion (pure)


_DAFTAR: dict[str, AturanSaran] = {}
# name -> (tahun -> {column name: subquery on the Puskesmas's row}); see ``baris_puskesmas``.
_KOLOM: dict[str, Callable[[int], dict]] = {}

# The reads shared within the current ``saran_untuk`` call (None outside one).
_BACAAN: ContextVar[dict | None] = ContextVar("saran_bacaan", default=None)


@contextlib.contextmanager
def bacaan_bersama() -> Iterator[None]:
    """Within this block the ``@sekali`` reads run once per Puskesmas and year (as within one
    ``saran_untuk`` call); a block inside another shares the outer one's reads."""
    if _BACAAN.get() is not None:
        yield
        return
    token = _BACAAN.set({})
    try:
        yield
    finally:
        _BACAAN.reset(token)


def sekali(baca: Callable[[Any, int], Any]) -> Callable[[Any, int], Any]:
    """Mark ``baca(puskesmas, tahun)`` as a read shared by several collectors: within one
    ``saran_untuk`` call it runs once per Puskesmas and year; outside one it just runs."""

    @functools.wraps(baca)
    def bungkus(puskesmas, tahun: int):
        memo = _BACAAN.get()
        if memo is None:
            return baca(puskesmas, tahun)
        kunci = (baca, puskesmas.pk, tahun)
        if kunci not in memo:
            memo[kunci] = baca(puskesmas, tahun)
        return memo[kunci]

    return bungkus


def daftar_kolom(nama: str, kolom: Callable[[int], dict]) -> None:
    """Register columns every collector may read on the Puskesmas's row (``baris_puskesmas``):
    an app's flags and counts for a year, so that the apps' first reads are one query."""
    _KOLOM[nama] = kolom


@sekali
def baris_puskesmas(puskesmas, tahun: int) -> dict:
    """The Puskesmas's row with every registered column for ``tahun``: one query, once per
    request."""
    from puskesmas.models import Puskesmas

    kolom: dict = {}
    for buat in _KOLOM.values():
        kolom.update(buat(tahun))
    if not kolom:
        return {}
    return Puskesmas.objects.filter(pk=puskesmas.pk).values(**kolom).get()


def daftar(kode: str, *, kumpulkan: Callable[[Any, int], Any], aturan: Callable[[Any], Saran]):
    """Register the rule of variable ``kode``; registering a code twice is a programming
    error (two apps claiming one variable)."""
    if kode in _DAFTAR and _DAFTAR[kode].aturan is not aturan:
        raise ValueError(f"Aturan saran untuk variabel {kode} sudah terdaftar.")
    _DAFTAR[kode] = AturanSaran(kode, kumpulkan, aturan)
    return _DAFTAR[kode]


def batalkan(kode: str) -> None:
    """Remove a registration (tests)."""
    _DAFTAR.pop(kode, None)


def terdaftar() -> frozenset[str]:
    return frozenset(_DAFTAR)


def saran_untuk(*, puskesmas, tahun: int, kode: list[str] | None = None) -> dict[str, Saran]:
    """The suggestions for ``puskesmas`` in assessment year ``tahun``, keyed by variable
    code: every registered rule, or only those of ``kode``."""
    pilih = _DAFTAR if kode is None else {k: _DAFTAR[k] for k in kode if k in _DAFTAR}
    with bacaan_bersama():
        return {k: a.aturan(a.kumpulkan(puskesmas, tahun)) for k, a in pilih.items()}


def tanpa_aturan(kode: list[str]) -> list[str]:
    """The codes among ``kode`` that no rule covers yet (shown on the suggestion panel)."""
    return [k for k in kode if k not in _DAFTAR]
