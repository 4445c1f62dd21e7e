"""The verification code of a signed document, as printed on its PDF (``_verifikasi.html``)."""

from django import template
from django.utils.safestring import mark_safe

from ..alat.tanda_tangan import url_verifikasi as _url

register = template.Library()


@register.filter
def url_verifikasi(rekaman) -> str:
    return _url(rekaman.kode)


@register.simple_tag
def qr_verifikasi(rekaman, skala: int = 2) -> str:
    """The QR code of the verification address as inline SVG.

    Rendered here rather than fetched: the PDF renderer loads nothing from outside, and
    the SVG is made by segno from the site's own address and a code of [A-Z2-7-], so
    there is no user text in it to escape.
    """
    import io

    import segno

    qr = segno.make(_url(rekaman.kode), error="m")
    buf = io.BytesIO()
    qr.save(buf, kind="svg", scale=skala, border=2, xmldecl=False, svgns=True, nl=False)
    return mark_safe(buf.getvalue().decode("ascii"))
