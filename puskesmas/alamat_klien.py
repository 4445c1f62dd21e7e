"""The client's IP address, for login throttling (django-axes' ``AXES_CLIENT_IP_CALLABLE``).

Behind a reverse proxy every request comes from the proxy's address, so throttling on
``REMOTE_ADDR`` alone would lock one address for everybody: anyone could lock any account.
``X-Forwarded-For`` carries the real address, but it is also written by the client, so
only the entries added by our own proxies can be believed. Each proxy appends the address
it received the request from; behind ``TRUSTED_PROXY_COUNT`` proxies the client is the
entry that many places from the right. Everything further left is the client's own text
and is ignored, so a forged header neither dodges a lockout nor locks someone else.

django-axes' ``AXES_IPWARE_*`` settings are not used: they only act when django-ipware is
installed, and this rule is short enough to own and test here.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _sebagai_ip(teks: str) -> str | None:
    teks = teks.strip()
    calon = [teks]
    # Some proxies write "203.0.113.9:51234" or "[2001:db8::1]:51234".
    if teks.startswith("[") and "]" in teks:
        calon.append(teks[1 : teks.index("]")])
    elif teks.count(":") == 1:
        calon.append(teks.split(":")[0])
    for c in calon:
        try:
            return str(ipaddress.ip_address(c))
        except ValueError:
            continue
    return None


def alamat_klien(request) -> str | None:
    langsung = request.META.get("REMOTE_ADDR")
    jumlah_proxy = settings.TRUSTED_PROXY_COUNT
    if jumlah_proxy <= 0:
        return langsung  # no proxy: the header is whatever the client chose to send
    diteruskan = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entri = [e for e in (s.strip() for s in diteruskan.split(",")) if e]
    if len(entri) < jumlah_proxy:
        # Did not pass through all our proxies (a direct request from inside the
        # deployment): its own peer is the best address there is.
        return langsung
    return _sebagai_ip(entri[-jumlah_proxy]) or langsung
