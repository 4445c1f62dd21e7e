"""The one registry of due dates: every kind of *tenggat* an app tracks.

The core pages (the Puskesmas and Dinkes home pages, the Dinkes compliance table) and the
daily reminder task know no app: they walk this registry. An app registers its kinds when it
is loaded (in its ``AppConfig.ready()``), for example::

    from puskesmas.alat import tenggat_daftar as td

    td.daftar(td.Tenggat(
        kode="lokmin_bulanan",
        label="Lokmin bulanan",
        kejadian=lambda tahun: [(f"{b:02d}", date(tahun, b, 10)) for b in range(1, 13)],
        selesai=lokmin_selesai,          # (puskesmas_ids, kejadian) -> {puskesmas_id: date}
        penerima=td.penerima_peran(Peran.KEPALA_PUSKESMAS),
        tindakan="Lokmin bulanan {puskesmas} ({kejadian}) harus dilaksanakan paling lambat {batas}.",
    ))

Why callables and not data: what counts as done lives in the app's own tables, and the core
must not import an app. ``selesai`` is called with many Puskesmas at once and must answer in
one query, so pages and the reminder batches stay bounded whatever the number of Puskesmas.

A kind whose done-dates are one plain read may give the read itself instead,
``kueri_selesai(puskesmas_ids, kejadian)``: a queryset of two columns, the Puskesmas id and
the local date it was done (NULL: not done; ``TruncDate`` turns a moment into it). Its
``selesai`` is then derived, and a page showing many kinds asks all such kinds in one
``UNION ALL`` (``selesai_gabungan``) instead of one query per kind. That statement is
composed once per process (``kueri_tersusun``), so a ``kueri_selesai`` depends on nothing
but its two arguments and must not read the database or the clock while it builds the
queryset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .kueri_tersusun import baris_tersusun
from .memo import ingat
from .tenggat import SEMUA_TAHAP, TahapPengingat

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from puskesmas.models import User


@dataclass(frozen=True)
class Kejadian:
    """One occurrence of a kind in a year: ``kode`` is "" for a kind due once a year.

    ``batas`` is the policy date; a kabupaten's own date, where it set one, replaces it
    (read by ``puskesmas.selectors.tenggat``).
    """

    jenis: str
    tahun: int
    kode: str
    batas: date


@dataclass(frozen=True, kw_only=True)
class Tenggat:
    """A kind of due date, as an app registers it.

    * ``kode``: stable key (stored with a kabupaten's own dates and in reminder keys);
    * ``kejadian(tahun)``: its occurrences in a year, ``[(kode_kejadian, tanggal)]`` in date
      order; ``setahun_sekali`` builds it for a kind due once a year;
    * ``selesai(puskesmas_ids, kejadian)``: ``{puskesmas_id: date}`` of those done (local
      date), **one query**; a Puskesmas missing from the answer is not done; or
      ``kueri_selesai`` (see the module's docstring), from which ``selesai`` is derived;
    * ``penerima(puskesmas_ids, kejadian)``: ``{puskesmas_id: [User]}`` to remind, one query;
      ``penerima_peran`` builds it from roles at the Puskesmas;
    * ``tindakan``: the reminder text, formatted with ``puskesmas``, ``tahun``, ``batas`` and
      ``kejadian`` (the occurrence's label);
    * ``tahap``: the reminder stages it sends (default all: H-7, H-3, H-1, overdue weekly);
    * ``tautan(puskesmas_id)``: the page where it is done, or None; ``label_tautan`` its text;
    * ``label_kejadian(kode)``: the label of one occurrence ("Januari"), for repeating kinds.
    """

    kode: str
    label: str
    kejadian: Callable[[int], list[tuple[str, date]]]
    selesai: Callable[[list[int], Kejadian], dict[int, date]] | None = None
    kueri_selesai: Callable[[list[int], Kejadian], QuerySet] | None = None
    penerima: Callable[[list[int], Kejadian], dict[int, list[User]]]
    tindakan: str
    tahap: frozenset[TahapPengingat] = field(default=SEMUA_TAHAP)
    tautan: Callable[[int], str | None] | None = None
    label_tautan: str = ""
    label_kejadian: Callable[[str], str] | None = None

    def __post_init__(self):
        if self.selesai is None and self.kueri_selesai is None:
            raise ValueError(f"Jenis tenggat {self.kode!r}: isi selesai atau kueri_selesai.")
        if self.selesai is None:
            # One read path with the pages: the union of this one kind, composed once.
            object.__setattr__(
                self,
                "selesai",
                lambda ids, kejadian: selesai_gabungan(ids, [(self, kejadian)])[0],
            )

    def kejadian_tahun(self, tahun: int) -> list[Kejadian]:
        return [Kejadian(self.kode, tahun, kode, batas) for kode, batas in self.kejadian(tahun)]

    def judul(self, kejadian: Kejadian) -> str:
        """The kind's label, with the occurrence for a repeating kind: "Lokmin bulanan Maret"."""
        if kejadian.kode and self.label_kejadian is not None:
            return f"{self.label} {self.label_kejadian(kejadian.kode)}"
        return self.label


def selesai_gabungan(
    puskesmas_ids: list[int], permintaan: list[tuple[Tenggat, Kejadian]]
) -> list[dict[int, date]]:
    """The done-dates of several kinds with a ``kueri_selesai``, in one ``UNION ALL``: one
    ``{puskesmas_id: date}`` per request, in order."""
    from django.db.models import IntegerField, Value

    if not permintaan:
        return []

    def susun(ids):
        bagian = [
            t.kueri_selesai(ids, kejadian)
            .order_by()
            .annotate(_jenis=Value(i, output_field=IntegerField()))
            for i, (t, kejadian) in enumerate(permintaan)
        ]
        return bagian[0].union(*bagian[1:], all=True) if len(bagian) > 1 else bagian[0]

    # Composed once per process for these kinds and occurrences (the readers themselves
    # are in the key: a kind's read depends on nothing but them and the ids).
    kunci = ("tenggat_selesai_gabungan", tuple((t.kueri_selesai, k) for t, k in permintaan))
    hasil: list[dict[int, date]] = [{} for _ in permintaan]
    for pk, tanggal, i in baris_tersusun(kunci, susun, puskesmas_ids):
        if tanggal is not None:
            hasil[i][pk] = tanggal
    return hasil


def setahun_sekali(aturan: Callable[[int], date]) -> Callable[[int], list[tuple[str, date]]]:
    """The occurrences of a kind due once a year on ``aturan(tahun)``."""
    return lambda tahun: [("", aturan(tahun))]


def pemegang_peran(puskesmas_ids) -> list:
    """Every active user's role at these Puskesmas, with the user: one query, shared by
    every kind that asks within a GET request (``alat/memo.py``)."""
    from puskesmas.models import PenugasanPeran

    ids = tuple(sorted(set(puskesmas_ids)))
    return ingat(
        ("pemegang_peran", ids),
        lambda: list(
            PenugasanPeran.objects.filter(puskesmas_id__in=ids, user__is_active=True)
            .select_related("user")
            .order_by("pk")
        ),
    )


def penerima_peran(*peran: str) -> Callable[[list[int], Kejadian], dict[int, list[User]]]:
    """Recipients: the active holders of ``peran`` at each Puskesmas; a person holding two of
    them (PJ of two klaster, say) once."""

    def penerima(puskesmas_ids: list[int], kejadian: Kejadian) -> dict[int, list[User]]:
        hasil: dict[int, dict[int, User]] = {pk: {} for pk in puskesmas_ids}
        for tugas in pemegang_peran(puskesmas_ids):
            if tugas.peran in peran:
                hasil[tugas.puskesmas_id][tugas.user_id] = tugas.user
        return {pk: list(users.values()) for pk, users in hasil.items()}

    return penerima


_DAFTAR: dict[str, Tenggat] = {}


def daftar(tenggat: Tenggat) -> Tenggat:
    """Register a kind. Registering the same object again is harmless (``ready()`` may run
    twice in tests); another kind under a taken code is a programming error."""
    ada = _DAFTAR.get(tenggat.kode)
    if ada is not None and ada is not tenggat:
        raise ValueError(f"Jenis tenggat {tenggat.kode!r} sudah terdaftar.")
    _DAFTAR[tenggat.kode] = tenggat
    return tenggat


def batalkan(kode: str) -> None:
    """Remove a kind (tests that register a kind of their own clean up with this)."""
    _DAFTAR.pop(kode, None)


def semua() -> list[Tenggat]:
    """Every registered kind, in registration order (the order pages show them in)."""
    return list(_DAFTAR.values())


def ambil(kode: str) -> Tenggat:
    try:
        return _DAFTAR[kode]
    except KeyError:
        raise ValueError(f"Jenis tenggat tidak dikenal: {kode}") from None
