"""The year a PKP page works on."""

from perencanaan.views.katalog import tahun_dari


def tahun_pkp(request) -> int:
    """A ``tahun`` parameter of the form or query, else the last finished year (the
    navbar's year minus one): the PKP of year N is filled, verified and ranked after N ends,
    on its January–December data."""
    return tahun_dari(request, selisih=-1)
