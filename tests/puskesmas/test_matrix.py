"""Tenancy and role matrix over every URL pattern of the project.

The patterns are enumerated from the URLconf, so a URL added later is walked without anyone
remembering to add it here. A pattern whose arguments this file cannot fill fails the test:
teach ``_nilai_argumen`` about the new argument.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from puskesmas.models import Kabupaten, Notifikasi, Puskesmas, TugasLatar, User

from ..matrix_objek import buat_semua
from .keamanan import periksa_header_keamanan

PUBLIK = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "sehat",
}


@dataclass(frozen=True)
class Rute:
    nama: str | None  # namespaced name, e.g. "perencanaan:index"
    pola: str
    argumen: tuple[str, ...]
    posisi: int  # unnamed groups (some admin regexes)
    callback: object

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None)

    @property
    def admin(self) -> bool:
        return self.pola.startswith("admin/")


def semua_rute():
    def jalan(resolver, prefix="", ns=None, argumen=(), posisi=0):
        for p in resolver.url_patterns:
            regex = p.pattern.regex
            args = argumen + tuple(regex.groupindex)
            pos = posisi + regex.groups - len(regex.groupindex)
            if isinstance(p, URLResolver):
                sub_ns = ":".join(filter(None, [ns, p.namespace])) or None
                yield from jalan(p, prefix + str(p.pattern), sub_ns, args, pos)
            elif isinstance(p, URLPattern):
                nama = f"{ns}:{p.name}" if ns and p.name else p.name
                yield Rute(nama, prefix + str(p.pattern), args, pos, p.callback)

    return list(jalan(get_resolver()))


RUTE = semua_rute()


def test_every_project_url_has_a_name():
    tanpa_nama = [r.pola for r in RUTE if not r.admin and not r.nama]
    assert tanpa_nama == []


def test_the_matrix_sees_the_urls_of_every_app():
    namespaces = {r.nama.split(":")[0] for r in RUTE if r.nama and ":" in r.nama}
    assert {"perencanaan", "lokmin", "pengawasan", "pkp"} <= namespaces
    assert len([r for r in RUTE if not r.admin]) >= 20


@pytest.fixture
def objek_a(dunia):
    """One object of every scoped model, owned by Puskesmas A, kabupaten X or staf_a."""
    buat_semua(dunia)
    return dunia


def _milik_pengguna(model) -> bool:
    """Models scoped to the user who owns them (notifications, background jobs)."""
    return model in (Notifikasi, TugasLatar)


def _objek_untuk(rute: Rute, dunia):
    """The object a ``pk`` argument names: the view's model, owned by A / X / staf_a."""
    model = getattr(rute.view_class, "model", None)
    if model is None:
        raise AssertionError(f"{rute.nama}: a <pk> view must declare its model")
    if _milik_pengguna(model):
        obj = model.objects.for_user(dunia.staf_a).first()
    elif model is User:
        # A user "belongs" to Puskesmas A by holding a role there.
        obj = User.objects.filter(peran__puskesmas=dunia.a).order_by("pk").first()
    elif hasattr(model, "tenant_kabupaten_path"):
        path = model.tenant_kabupaten_path
        obj = dunia.kab_x if not path else model.objects.filter(**{path: dunia.kab_x}).first()
    else:
        path = model.tenant_puskesmas_path
        obj = dunia.a if not path else model.objects.filter(**{path: dunia.a}).first()
    if obj is None:
        raise AssertionError(
            f"{rute.nama}: no {model.__name__} of Puskesmas A / kabupaten X: add one in "
            "tests/matrix_objek/"
        )
    return obj


def _nilai_argumen(rute: Rute, dunia) -> tuple[dict, object]:
    kwargs, pemilik = {}, None
    for arg in rute.argumen:
        if arg == "puskesmas_pk":
            kwargs[arg], pemilik = dunia.a.pk, pemilik or dunia.a
        elif arg == "kabupaten_pk":
            kwargs[arg], pemilik = dunia.kab_x.pk, pemilik or dunia.kab_x
        elif arg == "pk":
            obj = _objek_untuk(rute, dunia)
            # A user's owner is the Puskesmas where they hold their role: outsiders get 404.
            kwargs[arg], pemilik = obj.pk, (dunia.a if isinstance(obj, User) else obj)
        elif arg in {"uidb64", "token"}:
            kwargs[arg] = "x"
        elif rute.admin:
            kwargs[arg] = {"app_label": "puskesmas", "content_type_id": 1}.get(arg, "1")
        else:
            raise AssertionError(f"{rute.nama}: teach the matrix the argument <{arg}>")
    return kwargs, pemilik


def _url(rute: Rute, kwargs) -> str:
    if rute.nama is None:  # the admin's catch-all
        return "/admin/tidak-ada/"
    if rute.posisi:
        return reverse(rute.nama, args=["1"] * rute.posisi)
    return reverse(rute.nama, kwargs=kwargs)


def _hanya_post(rute: Rute) -> bool:
    vc = rute.view_class
    return (
        vc is not None
        and hasattr(vc, "post")
        and (not hasattr(vc, "get") or "get" not in vc.http_method_names)
    )


def _panggil(client, rute, url):
    r = client.post(url) if _hanya_post(rute) else client.get(url)
    if r.status_code == 200:
        periksa_header_keamanan(r, url)
    return r


def _pemilik_puskesmas(pemilik):
    if isinstance(pemilik, Puskesmas):
        return pemilik
    if pemilik is None or not hasattr(type(pemilik), "tenant_puskesmas_path"):
        return None
    path = type(pemilik).tenant_puskesmas_path
    target = pemilik
    for part in filter(None, path.split("__")):
        target = getattr(target, part)
    return target


def _orang_dalam_luar(dunia, pemilik):
    """(insiders, outsiders, expected status of outsiders) for an object's owner."""
    if _milik_pengguna(type(pemilik)):
        return [dunia.staf_a], [dunia.staf_b, dunia.verifikator_x, dunia.nasional], {404}
    if hasattr(type(pemilik), "tenant_kabupaten_path") and not isinstance(pemilik, Kabupaten):
        # Kabupaten data (catalogue, due dates): every Puskesmas of X may read it.
        return (
            [dunia.staf_a, dunia.kapus_a, dunia.verifikator_x, dunia.admin_x, dunia.nasional],
            [dunia.verifikator_y],
            {404},
        )
    if isinstance(pemilik, Kabupaten):
        # Staff of a Puskesmas inside X can see X exists, but not its recap: 403.
        return (
            [dunia.verifikator_x, dunia.admin_x, dunia.nasional],
            [dunia.staf_b, dunia.verifikator_y],
            {403, 404},
        )
    return (
        [
            dunia.staf_a,
            dunia.kapus_a,
            dunia.ktu_a,
            dunia.verifikator_x,
            dunia.admin_x,
            dunia.nasional,
        ],
        [dunia.staf_b, dunia.verifikator_y],
        {404},
    )


RUTE_APP = [r for r in RUTE if not r.admin]
RUTE_ADMIN = [r for r in RUTE if r.admin]


@pytest.mark.parametrize("rute", RUTE_APP, ids=[r.nama or r.pola for r in RUTE_APP])
def test_url_matrix(rute, dunia, objek_a, client):
    kwargs, pemilik = _nilai_argumen(rute, dunia)
    url = _url(rute, kwargs)

    anon = _panggil(client, rute, url)
    if rute.nama in PUBLIK:
        assert anon.status_code in {200, 302}, (url, anon.status_code)
        assert "/akun/masuk/" not in anon.get("Location", "") or rute.nama == "login"
        return
    assert anon.status_code == 302 and anon["Location"].startswith(reverse("login")), (
        url,
        anon.status_code,
    )

    if pemilik is None:
        # Pages of no one object: every signed-in role reaches them without an error.
        for user in (
            dunia.staf_a,
            dunia.kapus_a,
            dunia.verifikator_x,
            dunia.verifikator_y,
            dunia.nasional,
        ):
            client.force_login(user)
            r = _panggil(client, rute, url)
            assert r.status_code in {200, 302, 403}, (url, user.username, r.status_code)
        return

    dalam, luar, status_luar = _orang_dalam_luar(dunia, pemilik)
    hasil_dalam = {}
    for user in dalam:
        client.force_login(user)
        r = _panggil(client, rute, url)
        hasil_dalam[user.username] = r.status_code
        assert r.status_code in {200, 302, 403, 405}, (url, user.username, r.status_code)
    # Someone must actually be able to use the page; a URL that 403s for all is broken.
    assert {200, 302} & set(hasil_dalam.values()), (url, hasil_dalam)

    for user in luar:
        client.force_login(user)
        r = client.get(url)
        assert r.status_code in status_luar | {405}, (url, user.username, r.status_code)
        if _pemilik_puskesmas(pemilik) is not None:
            assert r.status_code in {404, 405}, (url, user.username, r.status_code)
        if hasattr(rute.view_class, "post"):
            r = client.post(url, {})
            assert r.status_code in status_luar, ("POST", url, user.username, r.status_code)


@pytest.mark.parametrize("rute", RUTE_ADMIN, ids=[r.nama or r.pola for r in RUTE_ADMIN])
def test_admin_is_for_superusers_only(rute, dunia, objek_a, client):
    kwargs, _ = _nilai_argumen(rute, dunia)
    url = _url(rute, kwargs)
    for user in (None, dunia.staf_a, dunia.verifikator_x, dunia.admin_x):
        if user is not None:
            client.force_login(user)
        r = client.get(url)
        if rute.nama in {"login", "logout"} or url.endswith(("/login/", "/logout/")):
            assert r.status_code in {200, 302, 405}
            continue
        assert r.status_code in {302, 404}, (url, getattr(user, "username", None), r.status_code)
        if r.status_code == 302:
            assert "/login/" in r["Location"] or "/akun/masuk/" in r["Location"]
