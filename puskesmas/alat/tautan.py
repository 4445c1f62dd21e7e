"""URLs of rows without the resolver's walk for each one: ``balik`` answers as ``reverse``.

A Dinkes table links each of its hundred rows to the Puskesmas (``{% url %}`` per row) and
every work-inbox item carries its address. Django's ``reverse`` walks the namespaces and
the candidate patterns each time (about 25 µs), while for one view name and non-negative
integer arguments the address is always the same text with the numbers in it.

``balik(nama, args, kwargs)`` reverses a view name once per process with stand-in
numbers, keeps the text around them and from then on puts the real numbers in their
place. It serves integer arguments only (ids, years); anything else (text, a model
instance, a negative number) goes to ``reverse`` unchanged. A name whose address does not
come out as the same text around the numbers for stand-ins of 19 digits and for numbers
from 0, 7, 42 and 2026 up (a pattern that depends on the value, not only on its digits,
or that refuses some numbers) is never kept. The key holds everything
else ``reverse`` reads: the current app, the script prefix, the URLconf and the language.

``{% url %}`` in every template goes through here (``templatetags/tautan.py``, a builtin).
"""

from __future__ import annotations

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Stand-ins: digits no real argument shares; and the first numbers of the sets the kept
# pattern is checked against (0, one digit, two, four), each set counting up from there.
_TANDA = 7_310_000_000_000_000_001
_PERIKSA = (0, 7, 42, 2026)

# key -> the text between the numbers (one more piece than numbers), or None: not kept.
_POLA: dict[tuple, tuple[str, ...] | None] = {}


@receiver(setting_changed)
def _lupakan(*, setting, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME", "LANGUAGE_CODE"):
        kosongkan()


def kosongkan() -> None:
    """Forget every kept address (a test that swaps URL patterns)."""
    _POLA.clear()


def _bilangan(nilai) -> bool:
    return type(nilai) is int and nilai >= 0  # noqa: E721 (bool is an int too)


def _pola(nama: str, n: int, nama_kw: tuple[str, ...], current_app):
    """The pieces of ``nama``'s address around its ``n`` positional (or ``nama_kw``)
    numbers, or None when the address is not the same text for every number."""

    def balik_dengan(awal: int) -> str:
        angka = [awal + i for i in range(n + len(nama_kw))]
        return reverse(
            nama,
            args=angka[:n] or None,
            kwargs=dict(zip(nama_kw, angka[n:], strict=True)) or None,
            current_app=current_app,
        )

    try:
        contoh = balik_dengan(_TANDA)
        periksa = [(awal, balik_dengan(awal)) for awal in _PERIKSA]
    except NoReverseMatch:  # a pattern that takes only some numbers (or none): not kept
        return None
    bagian, sisa = [], contoh
    for i in range(n + len(nama_kw)):
        tanda = str(_TANDA + i)
        if sisa.count(tanda) != 1:
            return None
        depan, sisa = sisa.split(tanda)
        bagian.append(depan)
    bagian.append(sisa)
    pola = tuple(bagian)
    for awal, hasil in periksa:
        if hasil != _gabung(pola, [str(awal + i) for i in range(n + len(nama_kw))]):
            return None
    return pola


def _gabung(pola: tuple[str, ...], angka) -> str:
    hasil = [pola[0]]
    for a, b in zip(angka, pola[1:], strict=True):
        hasil.append(a)
        hasil.append(b)
    return "".join(hasil)


def balik(nama, args=(), kwargs=None, current_app=None) -> str:
    """``reverse(nama, args=args, kwargs=kwargs, current_app=current_app)``, from the kept
    pattern when every argument is a non-negative integer (see the module's docstring)."""
    kwargs = kwargs or {}
    if (
        not isinstance(nama, str)
        or not all(_bilangan(a) for a in args)
        or not all(_bilangan(v) for v in kwargs.values())
    ):
        return reverse(nama, args=args or None, kwargs=kwargs or None, current_app=current_app)
    nama_kw = tuple(sorted(kwargs))
    kunci = (nama, len(args), nama_kw, current_app, get_script_prefix(), get_urlconf())
    kunci += (get_language(),)
    try:
        pola = _POLA[kunci]
    except KeyError:
        pola = _POLA[kunci] = _pola(nama, len(args), nama_kw, current_app)
    if pola is None:  # raises NoReverseMatch where reverse does
        return reverse(nama, args=args or None, kwargs=kwargs or None, current_app=current_app)
    return _gabung(pola, [str(a) for a in args] + [str(kwargs[k]) for k in nama_kw])
