"""The scope rules of ``puskesmas.alat.access``, mostly without a database.

``Lingkup`` is plain data: most rules are checked on scopes built by hand, against whatever
the HAK table says (it is tested role by role in test_matrix.py), so these tests pin the
logic, not the table. A few tests read the scope from real role assignments.
"""

import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied

from puskesmas.alat import access
from puskesmas.alat.access import (
    HAK,
    PESAN_DITOLAK,
    PESAN_KLASTER_LAIN,
    TANPA_LINGKUP,
    Aksi,
    Lingkup,
    Penugasan,
)
from puskesmas.choices import PERAN_KABUPATEN, PERAN_PUSKESMAS, Peran

from ..factories import UserFactory, beri_peran

# Puskesmas A (id 1) and B (id 2) in kabupaten X (id 10); Puskesmas C (id 3) in Y (id 20).
A, B, C = 1, 2, 3
X, Y = 10, 20


def di_puskesmas(peran, puskesmas=A, klaster=None):
    return Penugasan(peran, puskesmas, None, klaster)


def di_kabupaten(peran, kabupaten=X):
    return Penugasan(peran, None, kabupaten, None)


def pengguna_dengan(scope: Lingkup):
    """A signed-in user whose scope is already read (what ``lingkup`` caches per request)."""
    return SimpleNamespace(is_authenticated=True, is_active=True, _lingkup=scope)


# --- Lingkup: plain data ------------------------------------------------------------------


@pytest.mark.parametrize("aksi", list(Aksi))
@pytest.mark.parametrize("peran", sorted(PERAN_PUSKESMAS))
def test_a_puskesmas_role_acts_only_at_its_own_puskesmas(aksi, peran):
    scope = Lingkup(penugasan=(di_puskesmas(peran, A),), kabupaten_puskesmas={A: X})
    boleh = peran in HAK[aksi]
    assert scope.puskesmas_ids(aksi) == ({A} if boleh else set())
    assert scope.boleh(aksi, puskesmas_id=A, kabupaten_id=X) is boleh
    assert scope.boleh(aksi, puskesmas_id=B, kabupaten_id=X) is False
    # Working at a Puskesmas of X does not make a user act on X as a whole.
    assert scope.kabupaten_ids(aksi) == set()
    assert scope.boleh(aksi, puskesmas_id=None, kabupaten_id=X) is False


@pytest.mark.parametrize("aksi", list(Aksi))
@pytest.mark.parametrize("peran", sorted(PERAN_KABUPATEN))
def test_a_kabupaten_role_acts_on_its_kabupaten_only(aksi, peran):
    scope = Lingkup(penugasan=(di_kabupaten(peran, X),))
    boleh = peran in HAK[aksi]
    assert scope.kabupaten_ids(aksi) == ({X} if boleh else set())
    assert scope.puskesmas_ids(aksi) == set()
    # Any Puskesmas of X, named by its kabupaten.
    assert scope.boleh(aksi, puskesmas_id=A, kabupaten_id=X) is boleh
    assert scope.boleh(aksi, puskesmas_id=None, kabupaten_id=X) is boleh
    assert scope.boleh(aksi, puskesmas_id=C, kabupaten_id=Y) is False
    assert scope.boleh(aksi, puskesmas_id=None, kabupaten_id=None) is False


def test_default_action_is_seeing():
    scope = Lingkup(penugasan=(di_puskesmas(Peran.STAF, A), di_kabupaten(Peran.ADMIN_DINKES, Y)))
    assert scope.puskesmas_ids() == scope.puskesmas_ids(Aksi.LIHAT) == {A}
    assert scope.kabupaten_ids() == scope.kabupaten_ids(Aksi.LIHAT) == {Y}


@pytest.mark.parametrize("aksi", list(Aksi))
def test_a_national_admin_may_do_what_the_table_gives_the_national_role(aksi):
    scope = Lingkup(nasional=True)
    harapan = Peran.ADMIN_NASIONAL in HAK[aksi]
    assert scope.boleh(aksi, puskesmas_id=A, kabupaten_id=X) is harapan
    assert scope.boleh(aksi, puskesmas_id=None, kabupaten_id=None) is harapan


def test_an_action_missing_from_the_table_is_refused_even_to_a_national_admin():
    assert Lingkup(nasional=True).boleh("bukan_aksi", puskesmas_id=A, kabupaten_id=X) is False


def test_one_user_with_roles_at_two_puskesmas_keeps_each_role_at_its_own_place():
    """Kepala TU at A and PJ klaster 3 at B: Kepala TU rights at A only, klaster 3 at B only."""
    scope = Lingkup(
        penugasan=(di_puskesmas(Peran.KEPALA_TU, A), di_puskesmas(Peran.PJ_KLASTER, B, 3)),
        kabupaten_puskesmas={A: X, B: X},
    )
    assert scope.peran == {Peran.KEPALA_TU, Peran.PJ_KLASTER}
    assert scope.punya_peran(Peran.KEPALA_TU)
    assert scope.punya_peran(Peran.KEPALA_TU, puskesmas_id=A)
    assert not scope.punya_peran(Peran.KEPALA_TU, puskesmas_id=B)
    assert scope.punya_peran(Peran.PJ_KLASTER, puskesmas_id=B)
    assert not scope.punya_peran(Peran.PJ_KLASTER, puskesmas_id=A)
    assert not scope.punya_peran(Peran.KEPALA_PUSKESMAS)
    assert scope.klaster_ids(A) == set()
    assert scope.klaster_ids(B) == {3}
    assert scope.puskesmas_ids() == {A, B}
    for aksi in Aksi:
        assert (A in scope.puskesmas_ids(aksi)) is (Peran.KEPALA_TU in HAK[aksi])
        assert (B in scope.puskesmas_ids(aksi)) is (Peran.PJ_KLASTER in HAK[aksi])


def test_klaster_are_only_those_of_pj_roles_at_that_puskesmas():
    scope = Lingkup(
        penugasan=(
            di_puskesmas(Peran.PJ_KLASTER, A, 2),
            di_puskesmas(Peran.PJ_KLASTER, A, 4),
            di_puskesmas(Peran.PJ_KLASTER, B, 5),
            # Another role carrying a klaster id grants no klaster.
            di_puskesmas(Peran.STAF, A, 7),
        )
    )
    assert scope.klaster_ids(A) == {2, 4}
    assert scope.klaster_ids(B) == {5}
    assert scope.klaster_ids(C) == set()


def test_kabupaten_seen_are_the_dinkes_ones_and_those_of_ones_puskesmas():
    staf = Lingkup(penugasan=(di_puskesmas(Peran.STAF, C),), kabupaten_puskesmas={C: Y})
    assert staf.kabupaten_terlihat() == {Y}
    dinkes = Lingkup(
        penugasan=(di_kabupaten(Peran.VERIFIKATOR_DINKES, X), di_puskesmas(Peran.STAF, C)),
        kabupaten_puskesmas={C: Y},
    )
    assert dinkes.kabupaten_terlihat() == {X, Y}
    assert TANPA_LINGKUP.kabupaten_terlihat() == set()


@pytest.mark.parametrize(
    ("penugasan", "puskesmas", "kabupaten"),
    [
        ((), False, False),
        ((di_puskesmas(Peran.STAF),), True, False),
        ((di_puskesmas(Peran.TIM_MUTU),), True, False),
        ((di_kabupaten(Peran.VERIFIKATOR_DINKES),), False, True),
        ((di_kabupaten(Peran.ADMIN_DINKES), di_puskesmas(Peran.KEPALA_TU)), True, True),
        ((Penugasan(Peran.ADMIN_NASIONAL, None, None, None),), False, False),
    ],
)
def test_level_of_a_scope(penugasan, puskesmas, kabupaten):
    scope = Lingkup(penugasan=penugasan)
    assert scope.tingkat_puskesmas is puskesmas
    assert scope.tingkat_kabupaten is kabupaten


def test_no_scope_sees_and_does_nothing():
    assert TANPA_LINGKUP == Lingkup()
    assert not TANPA_LINGKUP.nasional
    assert TANPA_LINGKUP.peran == set()
    assert TANPA_LINGKUP.puskesmas_ids() == set()
    for aksi in Aksi:
        assert not TANPA_LINGKUP.boleh(aksi, puskesmas_id=A, kabupaten_id=X)


# --- The README's role table --------------------------------------------------------------


def test_role_table_renders_any_table_row_by_row(monkeypatch):
    """``tabel_hak`` on a small table of its own (test_access.py holds the README to the real
    one): one row per role in declaration order with its scope and what it sees, actions in
    declaration order without the plain "read", the PJ klaster's klaster-bound actions
    marked, and "read only" for a role with nothing else."""
    monkeypatch.setattr(access, "URAIAN_AKSI", {aksi: f"<{aksi.value}>" for aksi in Aksi})
    monkeypatch.setattr(
        access,
        "HAK",
        {aksi: frozenset() for aksi in Aksi}
        | {
            Aksi.LIHAT: access.SEMUA_PERAN,
            # Listed out of declaration order on purpose: the table follows Aksi.
            Aksi.ISI_TARGET: frozenset({Peran.PJ_KLASTER}),
            Aksi.SUSUN_KLASTER: frozenset({Peran.PJ_KLASTER, Peran.KEPALA_TU}),
            Aksi.UBAH_PROFIL: frozenset({Peran.PJ_KLASTER, Peran.KEPALA_TU}),
            Aksi.KELOLA_KATALOG: frozenset({Peran.ADMIN_DINKES, Peran.ADMIN_NASIONAL}),
        },
    )
    klaster = " (**own klaster only**)"
    assert access.tabel_hak() == (
        "| role (scope) | sees | may also |\n"
        "| --- | --- | --- |\n"
        "| Staf Puskesmas (a Puskesmas) | own Puskesmas | read only |\n"
        "| Penanggung Jawab Klaster (a Puskesmas, one klaster) | own Puskesmas | "
        f"<ubah_profil>; <susun_klaster>{klaster}; <isi_target>{klaster} |\n"
        "| Kepala Tata Usaha (a Puskesmas) | own Puskesmas | <ubah_profil>; <susun_klaster> |\n"
        "| Kepala Puskesmas (a Puskesmas) | own Puskesmas | read only |\n"
        "| Tim Mutu / Auditor Internal (a Puskesmas) | own Puskesmas | read only |\n"
        "| Verifikator Dinas Kesehatan (a kabupaten) | every Puskesmas of the kabupaten "
        "| read only |\n"
        "| Admin Dinas Kesehatan (a kabupaten) | every Puskesmas of the kabupaten "
        "| <kelola_katalog> |\n"
        "| Admin Nasional (the whole country) | everything | <kelola_katalog> |\n"
    )


# --- Owner of an object -------------------------------------------------------------------


class Kab(SimpleNamespace):
    tenant_kabupaten_path = ""


class Pusk(SimpleNamespace):
    tenant_puskesmas_path = ""


class Baris(SimpleNamespace):
    """Owned two steps away, like a SasaranDesa (desa__puskesmas)."""

    tenant_puskesmas_path = "desa__puskesmas"


class Katalog(SimpleNamespace):
    tenant_kabupaten_path = "kabupaten"


class TargetKatalog(SimpleNamespace):
    """Owned by a kabupaten two steps away (through its catalogue entry)."""

    tenant_kabupaten_path = "katalog__kabupaten"


class TanpaPemilik(SimpleNamespace):
    pass


def test_owner_is_found_along_the_declared_path():
    pusk = Pusk(pk=A, kabupaten_id=X)
    assert access.puskesmas_dan_kabupaten(pusk) == (A, X)
    assert access.puskesmas_dan_kabupaten(Baris(desa=SimpleNamespace(puskesmas=pusk))) == (A, X)
    kab = Kab(pk=Y)
    assert access.puskesmas_dan_kabupaten(kab) == (None, Y)
    assert access.puskesmas_dan_kabupaten(Katalog(kabupaten=kab)) == (None, Y)
    baris = TargetKatalog(katalog=Katalog(kabupaten=kab))
    assert access.puskesmas_dan_kabupaten(baris) == (None, Y)


def test_national_data_has_no_owner_and_only_a_national_role_acts_on_it():
    """Rows whose kabupaten is empty (the PKP standar nasional) belong to no kabupaten."""
    nasional = Katalog(kabupaten=None)
    assert access.puskesmas_dan_kabupaten(nasional) == (None, None)
    assert access.puskesmas_dan_kabupaten(TargetKatalog(katalog=nasional)) == (None, None)
    dinkes_x = pengguna_dengan(Lingkup(penugasan=(di_kabupaten(Peran.ADMIN_DINKES, X),)))
    assert not access.boleh(dinkes_x, Aksi.KELOLA_INSTRUMEN_PKP, nasional)
    assert access.boleh(
        pengguna_dengan(Lingkup(nasional=True)), Aksi.KELOLA_INSTRUMEN_PKP, nasional
    )


def test_an_object_without_a_tenant_path_is_a_programming_error():
    with pytest.raises(TypeError, match="^TanpaPemilik declares no tenant path$"):
        access.puskesmas_dan_kabupaten(TanpaPemilik(pk=1))
    # Never a silent "allowed" or "not allowed": every access check on it fails loudly.
    with pytest.raises(TypeError, match="declares no tenant path"):
        access.boleh(pengguna_dengan(Lingkup(nasional=True)), Aksi.LIHAT, TanpaPemilik())


# --- Decisions for a user -----------------------------------------------------------------


def test_boleh_and_wajib_ask_the_scope_about_the_owner():
    kepala_a = pengguna_dengan(Lingkup(penugasan=(di_puskesmas(Peran.KEPALA_PUSKESMAS, A),)))
    pusk_a, pusk_b = Pusk(pk=A, kabupaten_id=X), Pusk(pk=B, kabupaten_id=X)
    assert access.boleh(kepala_a, Aksi.LIHAT, pusk_a)
    assert not access.boleh(kepala_a, Aksi.LIHAT, pusk_b)
    access.wajib(kepala_a, Aksi.LIHAT, pusk_a)
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_DITOLAK)}$"):
        access.wajib(kepala_a, Aksi.LIHAT, pusk_b)
    dinkes_x = pengguna_dengan(Lingkup(penugasan=(di_kabupaten(Peran.ADMIN_DINKES, X),)))
    assert access.boleh(dinkes_x, Aksi.LIHAT, Katalog(kabupaten=Kab(pk=X)))
    assert not access.boleh(dinkes_x, Aksi.LIHAT, Katalog(kabupaten=Kab(pk=Y)))


def test_kepala_tu_at_a_and_pj_at_b_does_not_plan_every_klaster_at_b():
    user = pengguna_dengan(
        Lingkup(penugasan=(di_puskesmas(Peran.KEPALA_TU, A), di_puskesmas(Peran.PJ_KLASTER, B, 3)))
    )
    pusk_a, pusk_b = Pusk(pk=A, kabupaten_id=X), Pusk(pk=B, kabupaten_id=X)
    assert access.klaster_diizinkan(user, pusk_a) is None  # every klaster at A
    assert access.klaster_diizinkan(user, pusk_b) == {3}
    access.wajib_klaster(user, pusk_a, 5)
    access.wajib_klaster(user, pusk_b, 3)
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_KLASTER_LAIN)}$"):
        access.wajib_klaster(user, pusk_b, 5)
    # A row without a klaster belongs to the whole Puskesmas: not a PJ's to change.
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_KLASTER_LAIN)}$"):
        access.wajib_klaster(user, pusk_b, None)


@pytest.mark.parametrize("peran", [Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS])
def test_the_heads_of_a_puskesmas_plan_for_every_klaster(peran):
    user = pengguna_dengan(Lingkup(penugasan=(di_puskesmas(peran, A),)))
    assert access.klaster_diizinkan(user, Pusk(pk=A, kabupaten_id=X)) is None
    access.wajib_klaster(user, Pusk(pk=A, kabupaten_id=X), None)
    assert access.klaster_diizinkan(user, Pusk(pk=B, kabupaten_id=X)) == set()


def test_a_national_admin_plans_for_every_klaster_and_others_for_none():
    assert (
        access.klaster_diizinkan(
            pengguna_dengan(Lingkup(nasional=True)), Pusk(pk=A, kabupaten_id=X)
        )
        is None
    )
    staf = pengguna_dengan(Lingkup(penugasan=(di_puskesmas(Peran.STAF, A),)))
    assert access.klaster_diizinkan(staf, Pusk(pk=A, kabupaten_id=X)) == set()
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_KLASTER_LAIN)}$"):
        access.wajib_klaster(staf, Pusk(pk=A, kabupaten_id=X), 2)


def scope_of(peran, klaster=None):
    """A scope holding ``peran`` at its own level: at Puskesmas A, in kabupaten X, or national."""
    if peran in PERAN_PUSKESMAS:
        return Lingkup(penugasan=(di_puskesmas(peran, A, klaster),), kabupaten_puskesmas={A: X})
    if peran in PERAN_KABUPATEN:
        return Lingkup(penugasan=(di_kabupaten(peran, X),))
    return Lingkup(nasional=True, penugasan=(Penugasan(peran, None, None, None),))


@pytest.mark.parametrize("peran", list(Peran))
def test_the_klaster_limit_follows_the_table_at_every_level(monkeypatch, peran):
    """Give document drafting to any one role, at whatever level it is held, and its holder
    plans every klaster exactly where it may draft: the limit is derived from HAK alone, with
    the Puskesmas's own ids, like every other decision (a kabupaten role by its kabupaten)."""
    monkeypatch.setitem(HAK, Aksi.SUSUN_RENCANA, frozenset({peran}))
    user = pengguna_dengan(scope_of(peran, klaster=3 if peran == Peran.PJ_KLASTER else None))
    pusk_a = Pusk(pk=A, kabupaten_id=X)
    assert access.klaster_diizinkan(user, pusk_a) is None
    access.wajib_klaster(user, pusk_a, None)
    for pusk in (pusk_a, Pusk(pk=B, kabupaten_id=X), Pusk(pk=C, kabupaten_id=Y)):
        every_klaster = access.klaster_diizinkan(user, pusk) is None
        assert every_klaster is access.boleh(user, Aksi.SUSUN_RENCANA, pusk), pusk


# --- Reading the scope --------------------------------------------------------------------


@pytest.mark.parametrize(
    "user",
    [
        None,
        SimpleNamespace(is_authenticated=False, is_active=True, _lingkup=Lingkup(nasional=True)),
        SimpleNamespace(is_authenticated=True, is_active=False, _lingkup=Lingkup(nasional=True)),
    ],
)
def test_anonymous_and_inactive_users_have_no_scope(user):
    assert access.lingkup(user) is TANPA_LINGKUP


def test_a_scope_already_read_is_used_as_it_is():
    scope = Lingkup(penugasan=(di_puskesmas(Peran.STAF, A),))
    assert access.lingkup(pengguna_dengan(scope)) is scope


def test_scope_is_read_from_role_assignments_at_two_puskesmas(dunia):
    """Kepala TU at A who is PJ klaster 3 at B, read from the database."""
    user = UserFactory(username="ktu_a_pj_b")
    beri_peran(user, Peran.KEPALA_TU, puskesmas=dunia.a)
    beri_peran(user, Peran.PJ_KLASTER, puskesmas=dunia.b, klaster_nomor=3)
    scope = access.lingkup(user)
    assert access.lingkup(user) is scope  # cached on the user for the request
    assert not scope.nasional
    klaster_3 = scope.klaster_ids(dunia.b.pk)
    assert len(klaster_3) == 1
    assert sorted(scope.penugasan, key=lambda p: p.peran) == sorted(
        [
            Penugasan(Peran.KEPALA_TU, dunia.a.pk, None, None),
            Penugasan(Peran.PJ_KLASTER, dunia.b.pk, None, next(iter(klaster_3))),
        ],
        key=lambda p: p.peran,
    )
    assert scope.kabupaten_puskesmas == {dunia.a.pk: dunia.kab_x.pk, dunia.b.pk: dunia.kab_x.pk}
    assert access.klaster_diizinkan(user, dunia.a) is None
    assert access.klaster_diizinkan(user, dunia.b) == klaster_3
    with pytest.raises(PermissionDenied, match=f"^{re.escape(PESAN_KLASTER_LAIN)}$"):
        access.wajib_klaster(user, dunia.b, None)


def test_kabupaten_roles_carry_no_puskesmas_in_the_scope(dunia):
    scope = access.lingkup(dunia.verifikator_x)
    assert scope.penugasan == (Penugasan(Peran.VERIFIKATOR_DINKES, None, dunia.kab_x.pk, None),)
    assert scope.kabupaten_puskesmas == {}
    assert not scope.nasional


def test_national_scope_comes_from_the_role_or_from_superuser(dunia):
    assert access.lingkup(dunia.nasional).nasional
    su = UserFactory(username="su", is_superuser=True)
    assert access.lingkup(su).nasional
    assert access.lingkup(su).penugasan == ()
