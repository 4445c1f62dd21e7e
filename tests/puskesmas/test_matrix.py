"""Tenancy and role matrix over every URL pattern of the project.

The patterns are enumerated from the URLconf, so a URL added later is walked without anyone
remembering to add it here. A pattern whose arguments this file cannot fill fails the test:
teach ``_nilai_argumen`` about the new argument.

Three things are checked for every URL:

* tenancy: outsiders get 404 (or 403 on kabupaten pages), insiders reach the page;
* GET never writes: the row count of every table is the same before and after each GET,
  for every kind of user;
* roles: for every URL that accepts POST, the capabilities the view declares
  (``puskesmas.alat.mixins.aksi_diperlukan``) are looked up in ``access.HAK`` for each of the
  eight roles; a role without them gets 403, a role with them does not. The README's role
  table is rendered from the same HAK (``test_access``), so the three say one thing.
"""

import re
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from puskesmas.alat.access import HAK, Aksi
from puskesmas.alat.dokumen import PdfBesarMixin
from puskesmas.alat.mixins import aksi_diperlukan
from puskesmas.choices import PERAN_PUSKESMAS, Peran
from puskesmas.models import Kabupaten, Notifikasi, Puskesmas, TugasLatar, User

from ..conftest import buat_dunia
from ..factories import pengguna
from ..matrix_objek import buat_semua
from .keamanan import periksa_header_keamanan

PUBLIK = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "verifikasi",  # signed-document check: the unguessable code is the key
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


@pytest.fixture(scope="module")
def _dunia_modul(django_db_setup, django_db_blocker):
    """The world and one object of every scoped model (owned by Puskesmas A, kabupaten X or
    staf_a; and a Tim Mutu of A, so that every role has a user), built once for the module
    inside a transaction rolled back at its end. Each test runs in a savepoint of it, as in
    Django's TestCase, so what a test writes is undone before the next one."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            d = buat_dunia()
            d.mutu_a = pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=d.a)
            buat_semua(d)
            yield d
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def dunia(_dunia_modul, db):
    return _dunia_modul


@pytest.fixture
def objek_a(dunia):
    return dunia


def pengguna_per_peran(dunia) -> dict[Peran, User]:
    """One user of each of the eight roles, all inside the scope of Puskesmas A."""
    return {
        Peran.STAF: dunia.staf_a,
        Peran.PJ_KLASTER: dunia.pj2_a,  # of klaster 2, the klaster of the matrix's rows
        Peran.KEPALA_TU: dunia.ktu_a,
        Peran.KEPALA_PUSKESMAS: dunia.kapus_a,
        Peran.TIM_MUTU: dunia.mutu_a,
        Peran.VERIFIKATOR_DINKES: dunia.verifikator_x,
        Peran.ADMIN_DINKES: dunia.admin_x,
        Peran.ADMIN_NASIONAL: dunia.nasional,
    }


def test_the_matrix_has_a_user_of_every_role(objek_a):
    assert set(pengguna_per_peran(objek_a)) == set(Peran)
    for peran, user in pengguna_per_peran(objek_a).items():
        assert user.peran.filter(peran=peran).exists()


# SQL that changes rows. A GET may read anything; it may write nothing, not even an
# UPDATE that leaves the row count alone (savepoints and SELECT ... FOR UPDATE are reads).
# The session is the exception: it is the visitor's own state (the year picked with
# ``?tahun=``), not the application's data.
_TULIS = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE)\b", re.IGNORECASE)


def _get(client, url):
    """GET ``url`` and fail if the request wrote to the database anywhere."""
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    tulis = [
        x["sql"][:200]
        for x in q.captured_queries
        if _TULIS.match(x["sql"]) and '"django_session"' not in x["sql"][:80]
    ]
    assert not tulis, ("a GET wrote to the database", url, r.status_code, tulis)
    return r


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
        elif arg == "kode":  # a signed document of A (tests/matrix_objek/tanda_tangan.py)
            from puskesmas.models import DokumenTertanda

            kwargs[arg] = DokumenTertanda.objects.filter(puskesmas=dunia.a).first().kode
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


# A year nothing exists for: opening a page of it must not create that year's rows (the
# indicator catalogue once was "created on first use" by whoever looked).
TAHUN_KOSONG = 2003


def _get_tahun_kosong(client, url):
    session = client.session
    session["tahun"] = TAHUN_KOSONG  # the navbar's choice, as pilih_tahun stores it
    session.save()
    _get(client, f"{url}?tahun={TAHUN_KOSONG}")
    del session["tahun"]
    session.save()


def _panggil(client, rute, url):
    r = client.post(url) if _hanya_post(rute) else _get(client, url)
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
        return list(pengguna_per_peran(dunia).values()), [dunia.verifikator_y], {404}
    if isinstance(pemilik, Kabupaten):
        # Staff of a Puskesmas inside X can see X exists, but not its recap: 403.
        return (
            [dunia.verifikator_x, dunia.admin_x, dunia.nasional],
            [dunia.staf_b, dunia.verifikator_y],
            {403, 404},
        )
    return list(pengguna_per_peran(dunia).values()), [dunia.staf_b, dunia.verifikator_y], {404}


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
        if not _hanya_post(rute):
            _get_tahun_kosong(client, url)
    # Someone must actually be able to use the page; a URL that 403s for all is broken.
    assert {200, 302} & set(hasil_dalam.values()), (url, hasil_dalam)

    for user in luar:
        client.force_login(user)
        r = _get(client, url)
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


# --- Roles: what HAK says each role may do, on every state-changing URL ------------------


def _menerima_post(rute: Rute) -> bool:
    vc = rute.view_class
    return vc is not None and hasattr(vc, "post") and "post" in vc.http_method_names


RUTE_TULIS = [r for r in RUTE_APP if _menerima_post(r)]


def _lingkup_kabupaten(pemilik) -> bool:
    return isinstance(pemilik, Kabupaten) or hasattr(type(pemilik), "tenant_kabupaten_path")


def _hak_peran(peran: Peran, aksi: Aksi, pemilik) -> bool:
    """Does ``peran``, held inside the scope of ``pemilik``, grant ``aksi`` there (per HAK)?

    Reading only needs the scope. Puskesmas roles act on Puskesmas data only: on
    kabupaten-level data (catalogue, due dates) they read and nothing more.
    """
    if aksi == Aksi.LIHAT:
        return True
    if _lingkup_kabupaten(pemilik) and peran in PERAN_PUSKESMAS:
        return False
    return peran in HAK[aksi]


def test_every_state_changing_url_is_checked_for_roles():
    """Every POST view is either role-free or declares a capability beyond reading: a view
    that left it to its service (a message instead of a 403) would pass the role test
    below without being checked against HAK."""
    assert len(RUTE_TULIS) >= 30
    tanpa = sorted(r.nama for r in RUTE_TULIS if getattr(r.view_class, "aksi", None) is None)
    hanya_baca = []
    for r in RUTE_TULIS:
        alur = getattr(r.view_class, "alur_model", None)
        for data in [{"langkah": s.nama} for s in alur.alur] if alur is not None else [{}]:
            if r.nama not in tanpa and set(aksi_diperlukan(r.view_class, "POST", data)) == {
                Aksi.LIHAT
            }:
                hanya_baca.append(r.nama)
    # The one POST that needs no more than reading: asking for a large document's PDF
    # (whoever may read the document may download it; the job is the user's own).
    assert sorted(hanya_baca) == ["perencanaan:rpk_pdf", "perencanaan:ruk_pdf"]
    assert all(issubclass(r.view_class, PdfBesarMixin) for r in RUTE_TULIS if r.nama in hanya_baca)
    # Pages of one's own account, session and background jobs, open to every signed-in user
    # (the retry service accepts only the job's owner).
    assert tanpa == sorted(
        [
            "tugas_latar_ulang",
            "login",
            "logout",
            "notifikasi_baca",
            "notifikasi_baca_semua",
            "password_change",
            "password_reset",
            "password_reset_confirm",
            "pilih_tahun",
        ]
    )


@pytest.mark.parametrize("rute", RUTE_TULIS, ids=[r.nama for r in RUTE_TULIS])
def test_post_answers_403_exactly_to_the_roles_hak_leaves_out(rute, objek_a, client):
    dunia = objek_a
    kwargs, pemilik = _nilai_argumen(rute, dunia)
    url = _url(rute, kwargs)
    vc = rute.view_class
    if pemilik is not None and _milik_pengguna(type(pemilik)):
        orang = {Peran.STAF: dunia.staf_a}  # one's own notifications and jobs only
    else:
        orang = pengguna_per_peran(dunia)
    alur = getattr(vc, "alur_model", None)
    # A workflow view is posted each of its steps: each step needs its own capability.
    kiriman = [{"langkah": step.nama} for step in alur.alur] if alur is not None else [{}]
    hasil = []
    for data in kiriman:
        perlu = aksi_diperlukan(vc, "POST", data)
        for peran, user in orang.items():
            boleh = all(_hak_peran(peran, aksi, pemilik) for aksi in perlu)
            client.force_login(user)
            # Each POST is undone, so every role meets the same objects in the same state.
            with transaction.atomic():
                r = client.post(url, data)
                transaction.set_rollback(True)
            hasil.append((data.get("langkah"), peran.value, r.status_code))
            if boleh:
                assert r.status_code != 403, (url, data, peran, perlu)
            else:
                assert r.status_code == 403, (url, data, peran, perlu, r.status_code)
    assert any(s != 403 for *_, s in hasil), (url, hasil)
