"""Due dates of every registered kind (``puskesmas.alat.tenggat_daftar``) on the home pages.

The core knows no app: these tags walk the registry, so a kind an app registers shows up here
without a change to the core's templates.
"""

from django import template
from django.utils import timezone

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
