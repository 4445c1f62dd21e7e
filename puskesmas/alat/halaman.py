"""Keyset ("cursor") pagination for long lists.

Page-number pagination makes the database sort every row and skip ``OFFSET`` of them, so
page 200 of a 10,000-row list costs far more than page 1. A keyset page instead asks for
the rows after (or before) the key of the last row shown: with an index on the key, any
page costs the same as the first.

``halaman_kunci(queryset, request.GET, kunci=("kode",), per_halaman=50)`` orders the
queryset by the key fields (the last of them, or the tuple as a whole, must be unique),
reads the cursor from ``?setelah=`` or ``?sebelum=``, and returns a :class:`HalamanKunci`
with the rows, whether a next/previous page exists and the links to them (other query
parameters, such as the filters, are kept). A cursor that cannot be read gives the first
page, never an error.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from functools import reduce

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict

SETELAH = "setelah"
SEBELUM = "sebelum"
# Parameters of other pagination styles: a cursor link drops them.
_BUANG = (SETELAH, SEBELUM, "page")


@dataclass
class HalamanKunci:
    object_list: list
    jumlah: int | None
    ada_berikutnya: bool
    ada_sebelumnya: bool
    url_berikutnya: str | None = None
    url_sebelumnya: str | None = None
    url_awal: str | None = None
    per_halaman: int = 0
    kursor_rusak: bool = field(default=False, repr=False)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def ada_halaman_lain(self) -> bool:
        return self.ada_berikutnya or self.ada_sebelumnya


def kode_kursor(nilai: tuple) -> str:
    """An opaque, URL-safe cursor for the key values of one row."""
    teks = json.dumps([_json(v) for v in nilai], separators=(",", ":"))
    return base64.urlsafe_b64encode(teks.encode()).decode().rstrip("=")


def baca_kursor(kursor: str, panjang: int) -> tuple | None:
    """The key values in ``kursor``, or None if it is not a cursor of ``panjang`` values."""
    if not kursor or len(kursor) > 1000:
        return None
    try:
        teks = base64.urlsafe_b64decode(kursor + "=" * (-len(kursor) % 4)).decode()
        nilai = json.loads(teks)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(nilai, list) or len(nilai) != panjang:
        return None
    if not all(isinstance(v, str | int | float | bool) or v is None for v in nilai):
        return None
    return tuple(nilai)


def halaman_kunci(
    queryset, params: QueryDict, *, kunci: tuple[str, ...], per_halaman: int
) -> HalamanKunci:
    """One page of ``queryset`` in ``kunci`` order, after/before the cursor in ``params``.

    Two queries: a COUNT of the whole list and the page itself (``LIMIT per_halaman + 1``,
    no ``OFFSET``). ``kunci`` fields may start with ``-`` for a descending order.
    """
    if not kunci or per_halaman < 1:
        raise ValueError("halaman_kunci needs a key and a page size")
    maju = [_balik(k, False) for k in kunci]
    mundur = [_balik(k, True) for k in kunci]

    arah, kursor = SETELAH, None
    if params.get(SEBELUM):
        arah, kursor = SEBELUM, baca_kursor(params[SEBELUM], len(kunci))
    elif params.get(SETELAH):
        kursor = baca_kursor(params[SETELAH], len(kunci))
    rusak = bool(params.get(SETELAH) or params.get(SEBELUM)) and kursor is None
    if kursor is None:
        arah = SETELAH

    qs = queryset.order_by(*maju)
    if kursor is not None:
        try:
            qs = qs.filter(_lewat(kunci, kursor, sebelum=arah == SEBELUM))
            if arah == SEBELUM:
                qs = qs.order_by(*mundur)
            baris = list(qs[: per_halaman + 1])
        except (ValueError, TypeError, ValidationError):
            # A value the key field cannot hold (an edited link): start again.
            kursor, rusak, arah = None, True, SETELAH
    if kursor is None:
        baris = list(queryset.order_by(*maju)[: per_halaman + 1])

    lebih = len(baris) > per_halaman
    baris = baris[:per_halaman]
    if arah == SEBELUM:
        baris.reverse()
        ada_sebelumnya, ada_berikutnya = lebih, True
    else:
        ada_sebelumnya, ada_berikutnya = kursor is not None, lebih

    halaman = HalamanKunci(
        object_list=baris,
        jumlah=queryset.count(),
        ada_berikutnya=ada_berikutnya and bool(baris),
        ada_sebelumnya=ada_sebelumnya and bool(baris),
        per_halaman=per_halaman,
        kursor_rusak=rusak,
    )
    if halaman.ada_berikutnya:
        halaman.url_berikutnya = _url(params, SETELAH, _nilai(baris[-1], kunci))
    if halaman.ada_sebelumnya:
        halaman.url_sebelumnya = _url(params, SEBELUM, _nilai(baris[0], kunci))
        halaman.url_awal = _url(params, None, None)
    return halaman


def _balik(kunci: str, mundur: bool) -> str:
    turun = kunci.startswith("-")
    nama = kunci.lstrip("-")
    return nama if turun == mundur else f"-{nama}"


def _lewat(kunci: tuple[str, ...], nilai: tuple, *, sebelum: bool) -> Q:
    """Rows strictly past ``nilai`` in ``kunci`` order (before it if ``sebelum``):
    (a > x) OR (a = x AND b > y) OR ... — each branch can use the index on the key."""
    cabang = []
    for i, k in enumerate(kunci):
        turun = k.startswith("-")
        nama = k.lstrip("-")
        op = "lt" if turun != sebelum else "gt"
        sama = {kunci[j].lstrip("-"): nilai[j] for j in range(i)}
        cabang.append(Q(**sama, **{f"{nama}__{op}": nilai[i]}))
    return reduce(lambda a, b: a | b, cabang)


def _nilai(obj, kunci: tuple[str, ...]) -> tuple:
    hasil = []
    for k in kunci:
        v = obj
        for bagian in k.lstrip("-").split("__"):
            v = getattr(v, bagian)
        hasil.append(v)
    return tuple(hasil)


def _json(v):
    if v is None or isinstance(v, str | int | float | bool):
        return v
    return str(v)  # dates, decimals, UUIDs: the field parses the text back


def _url(params: QueryDict, arah: str | None, nilai: tuple | None) -> str:
    q = params.copy()
    for k in _BUANG:
        q.pop(k, None)
    if arah is not None:
        q[arah] = kode_kursor(nilai)
    teks = q.urlencode()
    return f"?{teks}" if teks else "?"
