"""Due dates of every registered kind (``puskesmas.alat.tenggat_daftar``) on the home pages.

The core knows no app: these tags walk the registry, so a kind an app registers shows up here
without a change to the core's templates.
"""

import html
from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..alat.tenggat import LABEL_KEPATUHAN, WARNA_KEPATUHAN, Kepatuhan, StatusTenggat
from ..selectors import tenggat as sel

register = template.Library()


@register.inclusion_tag("puskesmas/tenggat_beranda.html", takes_context=True)
def tenggat_beranda(context):
    """Every registered due date of each Puskesmas of the user, for the selected year."""
    tahun = context.get("tahun")
    daftar = context.get("daftar_puskesmas")
    if tahun is None or daftar is None:
        return {"daftar": [], "tahun": tahun}
    return {"daftar": sel.tenggat_puskesmas(puskesmas=daftar, tahun=tahun), "tahun": tahun}


@register.inclusion_tag("puskesmas/tenggat_dinkes.html", takes_context=True)
def tenggat_dinkes(context):
    """The compliance counts of each kind, per kabupaten of the Dinkes user."""
    tahun = context.get("tahun")
    kabupaten = context.get("daftar_kabupaten")
    puskesmas = context.get("puskesmas_kabupaten")
    if tahun is None or kabupaten is None or puskesmas is None:
        return {"daftar": []}
    return {
        "daftar": sel.ringkasan_kabupaten(
            kabupaten=kabupaten, puskesmas=puskesmas, tahun=tahun, hari_ini=timezone.localdate()
        ),
        "tahun": tahun,
    }


@register.simple_tag
def sel_tenggat_baris(jenis) -> str:
    """Every cell of one Puskesmas's row (its kinds, in order), in one call."""
    bahasa = get_language()
    return mark_safe("".join(_sel(j.keadaan, j.kode, bahasa) for j in jenis))


@lru_cache(maxsize=4096)
def _tanggal(hari, bahasa: str) -> str:
    """A date as the pages write it ("3 Maret 2027"), per language (the key), escaped."""
    return html.escape(date_format(hari, "j F Y"))


@lru_cache(maxsize=1024)
def _awal_sel(kunci: str, kepatuhan: Kepatuhan) -> str:
    """The cell up to its note: the same for every row of a column in the same state."""
    return (
        f'<td data-kolom="{html.escape(kunci)}" data-kepatuhan="{html.escape(kepatuhan)}">'
        f'<span class="badge {html.escape(WARNA_KEPATUHAN[kepatuhan])}">'
        f"{html.escape(LABEL_KEPATUHAN[kepatuhan])}</span>"
        '<div class="small">'
    )


def _sel(k, kunci, bahasa) -> str:
    """A kabupaten's table has a hundred rows of eight kinds: the cell is built as a plain
    string, a fraction of the cost of an ``{% include %}`` or of ``format_html`` per cell,
    with the same markup. Every variable part is escaped (``html.escape``, as Django's
    ``escape`` does, without its per-call check for lazy text) or is an integer; the part
    before the note is kept per column and state."""
    if k.selesai:
        keterangan = _tanggal(k.selesai_pada, bahasa)
        if k.hari_terlambat:
            keterangan += f" · terlambat {int(k.hari_terlambat)} hari"
    elif k.hari_terlambat:
        keterangan = f'<span class="text-danger">lewat {int(k.hari_terlambat)} hari</span>'
    elif k.status == StatusTenggat.HARI_INI:
        keterangan = "jatuh tempo hari ini"
    else:
        keterangan = f"{int(k.sisa_hari)} hari lagi"
    return f"{_awal_sel(kunci, k.kepatuhan)}{keterangan}</div></td>"
