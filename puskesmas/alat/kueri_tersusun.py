"""Statements composed once per process: the ORM builds a read's SQL, later calls reuse it.

The pages' larger reads (the deadline registry's done-dates of every kind in one
``UNION ALL``, the PWS month's completeness) are querysets of nested subqueries. Composing
one costs the ORM several milliseconds of CPU on every request, more than the database
takes to answer it, and the statement is the same each time but for the Puskesmas ids.

``baris_tersusun(kunci, susun, ids)`` runs ``susun(ids)`` (a ``values_list`` queryset) and
keeps its compiled SQL for the process, keyed by ``kunci`` and the number of ids (several
lists of ids may be given: ``susun(ids_a, ids_b)``, keyed by each one's length). It builds
the statement once with stand-in ids (negative numbers no row has), notes where they land
among the parameters, and from then on puts the real ids in their place: the database
gets the statement the ORM wrote, with the parameters it would have had.

The rule for ``susun``: what it reads besides ``ids`` must be in ``kunci`` (the
occurrence, the year, the builder itself), and it must not read the database or the clock
while composing; the current time zone (``TruncDate``) is added to the key here. If a
stand-in cannot be found among the parameters (an id used in a way the ORM transforms),
nothing is kept and the queryset simply runs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from threading import Lock
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.utils import timezone

# Ids no row has (primary keys are positive), far from any real value.
_TANDA_AWAL = -(2**62)
# Compiled statements kept per process: a key per read, occurrence and number of ids; a
# Dinkes page asks for 10 to 100 Puskesmas, a staff page for one.
BATAS = 512


@dataclass(frozen=True)
class _Tersusun:
    compiler: Any
    sql: str
    params: tuple
    posisi: tuple[tuple[int, tuple[int, int]], ...]  # (parameter, (list, id in the list))


_simpanan: OrderedDict[Hashable, _Tersusun | None] = OrderedDict()
_kunci_simpanan = Lock()


def kosongkan() -> None:
    """Forget every kept statement (after a schema change; tests)."""
    with _kunci_simpanan:
        _simpanan.clear()


def _susun(susun: Callable[..., QuerySet], panjang: tuple[int, ...], using: str):
    tanda, urutan, awal = [], {}, _TANDA_AWAL
    for d, n in enumerate(panjang):
        daftar = [awal - i for i in range(n)]
        urutan.update({x: (d, i) for i, x in enumerate(daftar)})
        tanda.append(daftar)
        awal -= n
    compiler = susun(*tanda).query.get_compiler(using)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # nothing to ask the database: the queryset answers by itself
        return None
    posisi = tuple(
        (j, urutan[p])
        for j, p in enumerate(params)
        if type(p) is int and p in urutan  # noqa: E721 (bool is an int too)
    )
    if {x for _, x in posisi} != set(urutan.values()):
        return None
    return _Tersusun(compiler=compiler, sql=sql, params=tuple(params), posisi=posisi)


def baris_tersusun(
    kunci: Hashable,
    susun: Callable[..., QuerySet],
    *daftar_ids: Iterable[int],
    using: str = DEFAULT_DB_ALIAS,
) -> list[tuple]:
    """The rows of ``susun(*daftar_ids)`` (a ``values_list`` queryset; each argument a list
    of ids), its SQL composed once per process for ``kunci`` and the lists' lengths (see
    the module's docstring)."""
    daftar = [list(dict.fromkeys(ids)) for ids in daftar_ids]
    if not any(daftar):
        return list(susun(*daftar))
    panjang = tuple(len(d) for d in daftar)
    kunci_penuh = (kunci, panjang, using, timezone.get_current_timezone_name())
    try:
        hash(kunci_penuh)
    except TypeError:  # a key that cannot be kept: composed as usual
        return list(susun(*daftar))
    with _kunci_simpanan:
        ada = kunci_penuh in _simpanan
        tersusun = _simpanan.get(kunci_penuh)
        if ada:
            _simpanan.move_to_end(kunci_penuh)
    if not ada:
        tersusun = _susun(susun, panjang, using)
        with _kunci_simpanan:
            _simpanan[kunci_penuh] = tersusun
            while len(_simpanan) > BATAS:
                _simpanan.popitem(last=False)
    if tersusun is None:
        return list(susun(*daftar))
    params = list(tersusun.params)
    for j, (d, i) in tersusun.posisi:
        params[j] = daftar[d][i]
    with connections[using].cursor() as cursor:
        cursor.execute(tersusun.sql, params)
        rows = cursor.fetchall()
    # The converters of the compiled query turn database values into Python ones (a date
    # read from SQLite is text until then); they depend on the columns, not the connection.
    return list(tersusun.compiler.results_iter(results=[rows], tuple_expected=True))
