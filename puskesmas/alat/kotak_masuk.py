"""«Menunggu tindakan Anda»: the work inbox on every home page, as a registry of providers.

The core knows no app. Each app registers, in its ``AppConfig.ready()``, the providers of
the work it creates::

    from puskesmas.alat import kotak_masuk as km

    km.daftar("rpk_diajukan", rpk_menunggu_pengesahan)   # (Konteks) -> Iterable[Butir]

A provider reads what waits for the user in the workflow state (a document submitted, sent
or returned) or in the deadline registry, and answers with ``Butir``: what to do, where,
by when. It must answer in a **bounded number of queries** whatever the number of
documents (one query per kind of document is the norm), and none when the user holds no role
it serves (``Konteks.lingkup`` tells, without a query). ``kotak_masuk`` gathers every
provider's items, overdue first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from .access import Lingkup, lingkup

if TYPE_CHECKING:
    from puskesmas.models import User

# Order among items without a deadline, or with the same one: lower first.
PRIORITAS_TINGGI = 10
PRIORITAS_SEDANG = 50
PRIORITAS_RENDAH = 90


@dataclass(frozen=True)
class Butir:
    """One thing waiting for the user.

    * ``label``: what to do, in a sentence ("RUK 2027 Puskesmas Alfa menunggu pengesahan");
    * ``url``: the page where it is done;
    * ``batas``: its due date, if it has one; ``terlambat``: past it and still open;
    * ``prioritas``: order among items that tie on the above (``PRIORITAS_*``);
    * ``keterangan``: a short note beside it ("terlambat 3 hari", the reason it came back).
    """

    label: str
    url: str
    batas: date | None = None
    terlambat: bool = False
    prioritas: int = PRIORITAS_SEDANG
    keterangan: str = ""

    def urutan(self) -> tuple:
        return (
            not self.terlambat,
            self.batas is None,
            self.batas or date.max,
            self.prioritas,
            self.label,
        )


@dataclass(frozen=True)
class Konteks:
    """What every provider is asked with: the user, their scope (read once), the year the
    user is looking at, and today's date."""

    user: User
    lingkup: Lingkup
    tahun: int
    hari_ini: date

    @cached_property
    def puskesmas(self) -> list:
        """The user's Puskesmas (pk, nama, kabupaten), by name: read once for every
        provider that names them."""
        from puskesmas.models import Puskesmas

        ids = self.lingkup.puskesmas_ids()
        if not ids:
            return []
        return list(
            Puskesmas.objects.filter(pk__in=ids)
            .only("pk", "nama", "kabupaten_id")
            .order_by("nama", "pk")
        )


Penyedia = Callable[[Konteks], Iterable[Butir]]


_DAFTAR: dict[str, Penyedia] = {}


def daftar(kode: str, penyedia: Penyedia) -> Penyedia:
    """Register a provider under a stable code. The same function again is harmless
    (``ready()`` may run twice in tests); another one under a taken code is an error."""
    ada = _DAFTAR.get(kode)
    if ada is not None and ada is not penyedia:
        raise ValueError(f"Penyedia kotak masuk {kode!r} sudah terdaftar.")
    _DAFTAR[kode] = penyedia
    return penyedia


def batalkan(kode: str) -> None:
    """Remove a provider (tests that register one of their own clean up with this)."""
    _DAFTAR.pop(kode, None)


def semua() -> dict[str, Penyedia]:
    return dict(_DAFTAR)


def kotak_masuk(*, user, tahun: int, hari_ini: date | None = None) -> list[Butir]:
    """Everything waiting for ``user``, overdue first, then by due date, then by priority."""
    from django.utils import timezone

    scope = lingkup(user)
    if not scope.penugasan and not scope.nasional:
        return []
    konteks = Konteks(
        user=user, lingkup=scope, tahun=tahun, hari_ini=hari_ini or timezone.localdate()
    )
    butir = [b for penyedia in _DAFTAR.values() for b in penyedia(konteks)]
    return sorted(butir, key=Butir.urutan)


# --- Documents received by the Dinkes -----------------------------------------------------
#
# The Dinkes home page counts, per kind of document the Puskesmas send, how many arrived
# and where they stand. Same rule as the providers above: an app registers a function
# ``(Konteks) -> Iterable[Rekap]`` answering in a bounded number of queries.


@dataclass(frozen=True)
class Rekap:
    """One kind of document received, in one kabupaten: ``angka`` are (label, count) pairs
    in display order ("Menunggu tinjauan", 2); ``url`` the page listing them."""

    judul: str
    url: str
    angka: tuple[tuple[str, int], ...]
    kode: str = ""


PenyediaRekap = Callable[[Konteks], Iterable[Rekap]]

_DAFTAR_REKAP: dict[str, PenyediaRekap] = {}


def daftar_rekap(kode: str, penyedia: PenyediaRekap) -> PenyediaRekap:
    """Register a provider of the documents-received counts (rules as ``daftar``)."""
    ada = _DAFTAR_REKAP.get(kode)
    if ada is not None and ada is not penyedia:
        raise ValueError(f"Penyedia rekap {kode!r} sudah terdaftar.")
    _DAFTAR_REKAP[kode] = penyedia
    return penyedia


def batalkan_rekap(kode: str) -> None:
    _DAFTAR_REKAP.pop(kode, None)


def dokumen_diterima(*, user, tahun: int, hari_ini: date | None = None) -> list[Rekap]:
    """The counts of every registered kind of document received, for a Dinkes user."""
    from django.utils import timezone

    scope = lingkup(user)
    if not scope.tingkat_kabupaten:
        return []
    konteks = Konteks(
        user=user, lingkup=scope, tahun=tahun, hari_ini=hari_ini or timezone.localdate()
    )
    return [r for penyedia in _DAFTAR_REKAP.values() for r in penyedia(konteks)]
