"""The browser security headers every page must carry (used by the URL matrix)."""


def periksa_header_keamanan(response, url: str = "") -> None:
    csp = response.get("Content-Security-Policy", "")
    arahan = {bagian.split()[0]: bagian.split()[1:] for bagian in csp.split(";") if bagian.strip()}
    assert arahan.get("script-src") == ["'self'"], (url, csp)
    assert arahan.get("object-src") == ["'none'"], (url, csp)
    assert arahan.get("frame-ancestors") == ["'none'"], (url, csp)
    assert arahan.get("form-action") == ["'self'"], (url, csp)
    assert arahan.get("base-uri") == ["'self'"], (url, csp)
    assert "'unsafe-inline'" not in arahan.get("style-src", []), (url, csp)
    # The public verification page sends no referrer at all: stricter than the default.
    assert response.get("Referrer-Policy") in {"same-origin", "no-referrer"}, url
    assert "camera=()" in response.get("Permissions-Policy", ""), url
