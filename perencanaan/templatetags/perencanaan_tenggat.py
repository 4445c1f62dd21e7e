"""Due-date widgets the core pages include: the Puskesmas home page and the Dinkes recap."""

from django import template
from django.utils import timezone

from puskesmas.alat.access import Aksi, lingkup

from ..selectors import tenggat as sel

register = template.Library()


@register.inclusion_tag("perencanaan/tenggat_beranda.html", takes_context=True)
def tenggat_beranda(context):
    """Both February due dates of each Puskesmas of the user, for the selected year."""
    tahun = context.get("tahun")
    daftar = context.get("daftar_puskesmas")
    if tahun is None or daftar is None:
        return {"daftar": [], "tahun": tahun}
    return {
        "daftar": sel.tenggat_puskesmas(puskesmas=daftar, tahun=tahun),
        "tahun": tahun,
        "hari_ini": timezone.localdate(),
    }


@register.inclusion_tag("perencanaan/tenggat_rekap.html", takes_context=True)
def tenggat_rekap(context):
    """The compliance summary of a kabupaten on its recap page."""
    kabupaten = context.get("object")
    tahun = context.get("tahun")
    if kabupaten is None or tahun is None:
        return {"kepatuhan": None}
    kepatuhan = sel.kepatuhan_kabupaten(
        kabupaten=kabupaten, tahun=tahun, puskesmas=context.get("daftar_puskesmas")
    )
    user = context.get("user")
    return {
        "kepatuhan": kepatuhan,
        "tahun": tahun,
        "boleh_atur": user is not None
        and lingkup(user).boleh(Aksi.KELOLA_KATALOG, puskesmas_id=None, kabupaten_id=kabupaten.pk),
    }
