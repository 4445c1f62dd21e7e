"""The year a PKP page works on."""

from puskesmas.views.beranda import tahun_terpilih


def tahun_pkp(request) -> int:
    """A ``tahun`` parameter of the form or query, else the last finished year (the
    navbar's year minus one): the PKP of year N is filled, verified and ranked after N ends,
    on its January–December data."""
    nilai = request.POST.get("tahun") or request.GET.get("tahun")
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        return tahun_terpilih(request) - 1
    return tahun if 2000 <= tahun <= 2100 else tahun_terpilih(request) - 1
