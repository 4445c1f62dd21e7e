"""Due dates of every registered kind (``puskesmas.alat.tenggat_daftar``) on the home pages.

The core knows no app: these tags walk the registry, so a kind an app registers shows up here
without a change to the core's templates.
"""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

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
    return mark_safe("".join(sel_tenggat(j.keadaan, j.kode) for j in jenis))


@register.simple_tag
def sel_tenggat(keadaan, kunci) -> str:
    """One cell of the compliance table (a kind at a Puskesmas). A kabupaten's table has
    a hundred rows of eight kinds: built here in Python, the cell costs a fraction of an
    ``{% include %}`` per cell, with the same markup."""
    k = keadaan
    if k.selesai:
        keterangan = date_format(k.selesai_pada, "j F Y")
        if k.hari_terlambat:
            keterangan += f" · terlambat {k.hari_terlambat} hari"
        keterangan = escape(keterangan)  # SafeString: format_html keeps it as it is
    elif k.hari_terlambat:
        keterangan = format_html('<span class="text-danger">lewat {} hari</span>', k.hari_terlambat)
    elif k.status == StatusTenggat.HARI_INI:
        keterangan = "jatuh tempo hari ini"
    else:
        keterangan = f"{k.sisa_hari} hari lagi"
    return format_html(
        '<td data-kolom="{}" data-kepatuhan="{}"><span class="badge {}">{}</span>'
        '<div class="small">{}</div></td>',
        kunci,
        k.kepatuhan,
        k.warna_kepatuhan,
        k.label_kepatuhan,
        keterangan,
    )
