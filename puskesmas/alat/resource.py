"""What every app's ``resources.py`` builds on: widgets and a base Resource for imports.

django-import-export's own widgets read numbers the English way ("1.500" is one and a half)
and resolve a foreign key against the whole table. These read numbers the Indonesian way
(``baca_angka``) and resolve a foreign key only inside a queryset the caller hands over (the
user's scope), refusing anything else with a message in Indonesian. Messages raised here
end up, through ``puskesmas.alat.impor.impor_dengan_resource``, as ``Galat`` with the Excel
row and the column's title.

Rendering returns the value itself, not a string: the project's writer ``buat_xlsx`` needs
numbers as numbers and text as text.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError
from import_export import resources
from import_export.widgets import Widget

from .angka import baca_angka

PESAN_BUKAN_ANGKA = "«{nilai}» bukan angka. Isi dengan angka saja, misalnya 1500000 atau 12,5."
PESAN_BUKAN_BULAT = "«{nilai}» harus bilangan bulat."
PESAN_MINIMUM = "Tidak boleh kurang dari {minimum}."
PESAN_MAKSIMUM = "Tidak boleh lebih dari {maksimum}."
PESAN_TERLALU_PANJANG = "Terlalu panjang ({panjang} karakter); batasnya {batas}."
PESAN_BUKAN_PILIHAN = "«{nilai}» bukan pilihan yang sah. Pilihan: {daftar}."
PESAN_TIDAK_DIKENAL = "«{nilai}» tidak dikenal."


def kosong(nilai) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


class AngkaWidget(Widget):
    """A number typed the Indonesian way ("1.500.000", "12,5"); ``bulat`` for whole numbers."""

    def __init__(
        self,
        *,
        bulat: bool = False,
        minimum: Decimal | None = Decimal(0),
        maksimum: Decimal | None = None,
        pesan_maksimum: str = PESAN_MAKSIMUM,
    ):
        super().__init__(coerce_to_string=False)
        self.bulat, self.minimum, self.maksimum = bulat, minimum, maksimum
        self.pesan_maksimum = pesan_maksimum

    def clean(self, value, row=None, **kwargs):
        if kosong(value):
            return None
        angka = baca_angka(value)
        if angka is None:
            raise ValueError(PESAN_BUKAN_ANGKA.format(nilai=value))
        if self.bulat and angka != angka.to_integral_value():
            raise ValueError(PESAN_BUKAN_BULAT.format(nilai=value))
        if self.minimum is not None and angka < self.minimum:
            raise ValueError(PESAN_MINIMUM.format(minimum=self.minimum))
        if self.maksimum is not None and angka > self.maksimum:
            raise ValueError(self.pesan_maksimum.format(maksimum=self.maksimum))
        return int(angka) if self.bulat else angka

    def render(self, value, obj=None, **kwargs):
        return value


class TeksWidget(Widget):
    """Text, stripped; empty is ""; longer than ``maks`` is refused with ``pesan_panjang``."""

    def __init__(self, *, maks: int | None = None, pesan_panjang: str = PESAN_TERLALU_PANJANG):
        super().__init__(coerce_to_string=False)
        self.maks, self.pesan_panjang = maks, pesan_panjang

    def clean(self, value, row=None, **kwargs):
        if kosong(value):
            return ""
        teks = str(value).strip()
        if self.maks is not None and len(teks) > self.maks:
            raise ValueError(self.pesan_panjang.format(batas=self.maks, panjang=len(teks)))
        return teks

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class PilihanWidget(Widget):
    """One of ``pilihan`` ({typed text: stored value}), compared without case."""

    def __init__(self, pilihan: dict[str, str], *, daftar: tuple[str, ...] | None = None):
        super().__init__(coerce_to_string=False)
        self.pilihan = {str(k).casefold(): v for k, v in pilihan.items()}
        self.daftar = daftar or tuple(pilihan)

    def clean(self, value, row=None, **kwargs):
        if kosong(value):
            return None
        nilai = self.pilihan.get(str(value).strip().casefold())
        if nilai is None:
            raise ValueError(PESAN_BUKAN_PILIHAN.format(nilai=value, daftar=", ".join(self.daftar)))
        return nilai

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


def _kunci(nilai) -> str:
    """Key to compare a typed value with a field: 1, 1.0, "1" and Decimal(1) are one key."""
    if isinstance(nilai, bool):
        return str(nilai)
    if isinstance(nilai, (int, float, Decimal)):
        angka = Decimal(str(nilai))
        if angka.is_finite() and angka == angka.to_integral_value():
            return str(int(angka))
        return str(angka)
    return " ".join(str(nilai).split()).casefold()


class FKTerbatasWidget(Widget):
    """A foreign key resolved by ``field`` only inside ``queryset`` (the user's scope).

    Anything outside it is refused with ``pesan`` (a format string with ``{nilai}``, or a
    callable of the typed value). When ``semua`` (a wider queryset) is given, a value found
    there but outside ``queryset`` gets ``pesan_di_luar`` instead, called with the object, so
    the user learns it exists but is not theirs to import. The querysets are read once, on
    first use, so a 20,000-row file costs two queries, not 20,000.
    """

    def __init__(
        self,
        queryset,
        field: str,
        *,
        pesan: str | Callable[[object], str] = PESAN_TIDAK_DIKENAL,
        semua=None,
        pesan_di_luar: Callable[[object], str] | None = None,
    ):
        super().__init__(coerce_to_string=False)
        self.queryset, self.field, self.semua = queryset, field, semua
        self.pesan, self.pesan_di_luar = pesan, pesan_di_luar
        self._boleh: dict[str, object] | None = None
        self._dikenal: dict[str, object] | None = None

    def _peta(self, queryset) -> dict[str, object]:
        return {_kunci(getattr(o, self.field)): o for o in queryset}

    def clean(self, value, row=None, **kwargs):
        if kosong(value):
            return None
        if self._boleh is None:
            self._boleh = self._peta(self.queryset)
        obj = self._boleh.get(_kunci(value))
        if obj is not None:
            return obj
        if self.semua is not None and self.pesan_di_luar is not None:
            if self._dikenal is None:
                self._dikenal = self._peta(self.semua)
            lain = self._dikenal.get(_kunci(value))
            if lain is not None:
                raise ValueError(self.pesan_di_luar(lain))
        tampil = str(value).strip() if isinstance(value, str) else _kunci(value)
        raise ValueError(
            self.pesan(tampil) if callable(self.pesan) else self.pesan.format(nilai=tampil)
        )

    def render(self, value, obj=None, **kwargs):
        return None if value is None else getattr(value, self.field)


class ResourceImpor(resources.ModelResource):
    """Base of every import Resource: the dry run validates, only the real run writes.

    ``impor_dengan_resource`` runs ``import_data`` twice, first ``dry_run=True`` outside any
    lock, then for real inside one transaction once nothing was wrong. The dry run writes
    nothing at all (not even inside a transaction rolled back afterwards), so a 20,000-row
    file is validated without 20,000 inserts. Checks that need the whole row or earlier rows
    (duplicates, ranges) go in ``periksa_baris``; they land next to the widgets' errors of
    the same row, so one upload shows every problem.
    """

    class Meta:
        skip_diff = True
        use_transactions = True
        # No savepoint per row: rows are not written one by one in the dry run, and the real
        # run is all or nothing anyway (any error rolls the whole transaction back).
        use_bulk = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.dry_run = bool(kwargs.get("dry_run"))

    def import_instance(self, instance, row, **kwargs):
        galat: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            galat = exc.update_error_dict(galat)
        tambahan: dict[str, list[str]] = {}
        self.periksa_baris(instance, row, tambahan)
        for kunci, pesan in tambahan.items():
            galat.setdefault(kunci, []).extend(ValidationError(p) for p in pesan)
        if galat:
            raise ValidationError(galat)

    def periksa_baris(self, instance, row, galat: dict[str, list[str]]) -> None:
        """Add {field attribute: [messages]} for checks beyond one cell. Default: none."""

    def save_instance(self, instance, is_create, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        self.simpan_baris(instance, is_create, row)

    def simpan_baris(self, instance, is_create: bool, row) -> None:
        """Write one valid row (real run only)."""
        instance.save()
