"""Statements composed once per process: the ORM builds a read's SQL, later calls reuse it.

The pages' larger reads (the deadline registry's done-dates of every kind in one
``UNION ALL``, the PWS month's completeness) are querysets of nested subqueries. Composing
one costs the ORM several milliseconds of CPU on every request, more than the database
takes to answer it, and the statement is the same each time but for the Puskesmas ids.
Even the small reads every page makes (the user's roles, the unread notifications, the
active year) cost the ORM about 0.3 to 0.5 ms each to compose, and 0.1 ms composed once.

``baris_tersusun(kunci, susun, ids)`` runs ``susun(ids)`` (a ``values_list`` queryset) and
keeps its compiled SQL for the process, keyed by ``kunci`` and the number of ids rounded up
to a power of two (several lists of ids may be given: ``susun(ids_a, ids_b)``; none, for a
statement with nothing that varies, such as the active year). It builds
the statement once with stand-in ids (negative numbers no row has), notes where they land
among the parameters, and from then on puts the real ids in their place: the database
gets the statement the ORM wrote, with the parameters it would have had.

The rules for ``susun``: it uses the ids as a set (``pk__in=ids``), since a shorter list
fills its statement by repeating its last id; what it reads besides them must be in
``kunci`` (the occurrence, the year, the builder itself); and it must not read the database
or the clock while composing. The current time zone (``TruncDate``) is added to the key
here. If a stand-in cannot be found among the parameters (an id used in a way the ORM
transforms), nothing is kept and the queryset simply runs.
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
# Dinkes page asks for 10 to 100 Puskesmas (5 sizes), a staff page for one. An entry is the
# SQL text, its parameters and the converters: about 60 KB for the deadline UNION of 64 ids.
BATAS = 256


@dataclass(frozen=True)
class _Tersusun:
    sql: str
    params: tuple
    # The compiled query's converters by column: they turn database values into Python
    # ones (a date read from SQLite is text until then). Kept instead of the compiler, which
    # holds the whole query tree (about 150 KB for the deadline UNION).
    konverter: tuple[tuple[int, tuple, Any], ...]
    posisi: tuple[tuple[int, tuple[int, int]], ...]  # (parameter, (list, id in the list))


_simpanan: OrderedDict[Hashable, _Tersusun | None] = OrderedDict()
_kunci_simpanan = Lock()


def kosongkan() -> None:
    """Forget every kept statement (after a schema change; tests)."""
    with _kunci_simpanan:
        _simpanan.clear()


def _ember(n: int) -> int:
    """The statement size for ``n`` ids: the next power of two (0 stays 0), so a Dinkes
    page's 10 to 100 Puskesmas need 5 statements per read, not 90."""
    return 1 << (n - 1).bit_length() if n else 0


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
    kolom = [s[0] for s in compiler.select[0 : compiler.col_count]]
    if compiler.has_composite_fields(kolom):
        return None
    konverter = tuple(
        (i, tuple(fungsi), ekspresi)
        for i, (fungsi, ekspresi) in compiler.get_converters(kolom).items()
    )
    return _Tersusun(sql=sql, params=tuple(params), posisi=posisi, konverter=konverter)


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
    if daftar and not any(daftar):
        return list(susun(*daftar))
    panjang = tuple(_ember(len(d)) for d in daftar)
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
        # A list shorter than its statement's size repeats its last id: a set of ids
        # (``IN``) is the same with an id twice.
        params[j] = daftar[d][min(i, len(daftar[d]) - 1)]
    koneksi = connections[using]
    with koneksi.cursor() as cursor:
        cursor.execute(tersusun.sql, params)
        rows = cursor.fetchall()
    if not tersusun.konverter:
        return [tuple(r) for r in rows]
    hasil = []
    for r in rows:  # as SQLCompiler.apply_converters
        r = list(r)
        for i, fungsi, ekspresi in tersusun.konverter:
            nilai = r[i]
            for f in fungsi:
                nilai = f(nilai, ekspresi, koneksi)
            r[i] = nilai
        hasil.append(tuple(r))
    return hasil
