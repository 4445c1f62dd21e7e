"""Display of PKP values: ``{{ v|nilai_pkp }}`` one decimal with a comma (``scoring.tampil``,
half up), "–" when there is no value; ``{{ k|romawi }}`` a group as I, II, III."""

from django import template

from puskesmas.alat.angka import format_angka

from .. import scoring
from ..selectors.ekspor import romawi as _romawi

register = template.Library()


@register.filter
def nilai_pkp(nilai):
    if nilai is None or nilai == "":
        return "–"
    return format_angka(scoring.tampil(nilai), 1)


@register.filter
def selisih_pkp(nilai):
    """A change with its sign: "+2,5", "−1,0", "0,0"; "–" without one."""
    if nilai is None:
        return "–"
    teks = format_angka(abs(scoring.tampil(nilai)), 1)
    if scoring.tampil(nilai) > 0:
        return f"+{teks}"
    if scoring.tampil(nilai) < 0:
        return f"−{teks}"
    return teks


@register.filter
def romawi(kelompok):
    return _romawi(kelompok) or "–"


@register.filter
def warna_kelompok(kelompok):
    """The Bootstrap colour of a group's badge."""
    return {1: "success", 2: "warning", 3: "danger"}.get(
        None if kelompok is None else int(kelompok), "secondary"
    )


@register.filter
def ambil(daftar, i):
    """``daftar[i]`` in a template (branch values aligned with the columns)."""
    try:
        return daftar[int(i)]
    except (IndexError, TypeError, ValueError):
        return None
