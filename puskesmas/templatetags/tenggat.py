"""Due dates of every registered kind (``puskesmas.alat.tenggat_daftar``) on the home pages.

The core knows no app: these tags walk the registry, so a kind an app registers shows up here
without a change to the core's templates.
"""

from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..alat.tenggat import StatusTenggat
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
    return mark_safe("".join(_sel(j.keadaan, j.kode) for j in jenis))


@lru_cache(maxsize=4096)
def _tanggal(hari, bahasa: str) -> str:
    """A date as the pages write it ("3 Maret 2027"), per language (the key), escaped."""
    return escape(date_format(hari, "j F Y"))


def _sel(k, kunci) -> str:
    """A kabupaten's table has a hundred rows of eight kinds: the cell is built as a plain
    string (every variable part escaped), a fraction of the cost of an ``{% include %}``
    or of ``format_html`` per cell, with the same markup."""
    if k.selesai:
        keterangan = _tanggal(k.selesai_pada, get_language())
        if k.hari_terlambat:
            keterangan += f" · terlambat {int(k.hari_terlambat)} hari"
    elif k.hari_terlambat:
        keterangan = f'<span class="text-danger">lewat {int(k.hari_terlambat)} hari</span>'
    elif k.status == StatusTenggat.HARI_INI:
        keterangan = "jatuh tempo hari ini"
    else:
        keterangan = f"{int(k.sisa_hari)} hari lagi"
    return (
        f'<td data-kolom="{escape(kunci)}" data-kepatuhan="{escape(k.kepatuhan)}">'
        f'<span class="badge {escape(k.warna_kepatuhan)}">{escape(k.label_kepatuhan)}</span>'
        f'<div class="small">{keterangan}</div></td>'
    )
