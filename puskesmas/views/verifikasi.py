"""The public verification page of signed documents: ``/verifikasi/<kode>/``.

Open to anyone holding the code (the code is the secret), so it shows only what the
paper itself shows: jenis, nomor, tanggal, Puskesmas, the signer's name and jabatan (not
the NIP), and whether the document is still in force. Lookups are counted per client
address, so codes cannot be guessed by trying many; every miss looks the same.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View

from ..alat.tanda_tangan import tanda_tangan_dari_kode


def _alamat_klien(request) -> str:
    # The same address the login throttle (django-axes) sees, proxies included.
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "tanpa-alamat"


def terlalu_sering(request) -> bool:
    """Count this lookup; True once the address has used up this minute's allowance.

    A fixed one-minute window in the cache: cheap, no database write, and enough to make
    guessing 120-bit codes pointless.
    """
    batas = settings.VERIFIKASI_PER_MENIT
    menit = int(timezone.now().timestamp() // 60)
    kunci = f"verifikasi:{_alamat_klien(request)}:{menit}"
    cache.add(kunci, 0, timeout=120)
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.set(kunci, 1, timeout=120)
        jumlah = 1
    return jumlah > batas


def _jawab(request, template: str, context: dict, status: int = 200):
    response = render(request, template, context, status=status)
    # Not for search engines, and the code in the address is not passed on to other sites.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


@method_decorator(login_not_required, name="dispatch")
class VerifikasiView(View):
    http_method_names = ["get", "head"]

    def get(self, request, kode: str):
        if terlalu_sering(request):
            response = _jawab(request, "puskesmas/verifikasi/terlalu_sering.html", {}, status=429)
            response["Retry-After"] = "60"
            return response
        rekaman = tanda_tangan_dari_kode(kode)
        if rekaman is None:
            return _jawab(request, "puskesmas/verifikasi/tidak_ditemukan.html", {}, status=404)
        return _jawab(request, "puskesmas/verifikasi/dokumen.html", {"dok": rekaman})
