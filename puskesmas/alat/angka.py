"""Numbers the Indonesian way, in one place: "1.500.000" and "12,5".

Django's own localisation is kept without automatic grouping (``USE_THOUSAND_SEPARATOR``
off), because grouping every integer in templates also turns ids and years written into
attributes and URLs into "1.831" and "2.026". Grouping is asked for where a number is shown
(the ``angka`` filter), and typed numbers are read by ``baca_angka``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format

# No figure in this app comes near 30 digits (rupiah budgets stay below 10^15). A longer one
# is a typo or an attack: "1e999999999" is a finite Decimal whose int() would take minutes
# and gigabytes, and even a million typed digits take half a minute to convert.
DIGIT_MAKS = 30


def baca_angka(nilai) -> Decimal | None:
    """A number typed or stored the Indonesian way, or None when it is not a number.

    "1.500.000" and "Rp 1.500.000" are 1500000, "12,5" is 12.5, "3.000" is 3000 (a dot
    followed by three digits groups thousands), "12.5" is 12.5, "85%" is 85.

    Infinity, NaN and numbers of more than ``DIGIT_MAKS`` digits before the comma are not
    numbers here: a form or an import must refuse them with a message, not fail on them.
    """
    if isinstance(nilai, bool) or nilai is None:
        return None
    if isinstance(nilai, (int, float, Decimal)):
        return _wajar(Decimal(str(nilai)))
    teks = str(nilai).strip().replace(" ", "").replace("\u00a0", "")
    for buang in ("Rp", "rp", "RP", "%"):
        teks = teks.replace(buang, "")
    if "," in teks:
        teks = teks.replace(".", "").replace(",", ".")
    elif teks.count(".") > 1 or (teks.count(".") == 1 and len(teks.split(".")[1]) == 3):
        teks = teks.replace(".", "")
    try:
        angka = Decimal(teks)
    except InvalidOperation:
        return None
    return _wajar(angka)


def _wajar(angka: Decimal) -> Decimal | None:
    """``angka`` when it is finite and of a sane size, else None."""
    if not angka.is_finite() or angka.adjusted() >= DIGIT_MAKS:
        return None
    return angka


def format_angka(nilai, desimal: int | None = None) -> str:
    """``1234567`` → "1.234.567"; ``Decimal("12.5"), 1`` → "12,5"; None → ""."""
    if nilai is None:
        return ""
    angka = baca_angka(nilai)
    if angka is None:  # "" and text that is no number are shown as they are
        return str(nilai)
    if desimal is None and angka == angka.to_integral_value():
        desimal = 0
    # number_format localises unless told not to: the active language's separators.
    return number_format(angka, desimal, force_grouping=True)
