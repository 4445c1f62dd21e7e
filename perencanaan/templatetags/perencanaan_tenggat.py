"""The compliance summary on the Dinkes recap page (core page, this app's links)."""

from django import template

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.selectors import tenggat as sel

register = template.Library()


@register.inclusion_tag("perencanaan/tenggat_rekap.html", takes_context=True)
def tenggat_rekap(context):
    """Every registered due date of every Puskesmas of a kabupaten, on its recap page."""
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
