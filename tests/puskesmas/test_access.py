import pytest
from django.core.exceptions import PermissionDenied

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.choices import Peran
from puskesmas.models import Desa, Kabupaten, Puskesmas, Pustu, SasaranDesa

from ..factories import beri_peran


def test_staff_see_only_their_own_puskesmas(dunia):
    assert set(Puskesmas.objects.for_user(dunia.staf_a)) == {dunia.a}
    assert set(Desa.objects.for_user(dunia.staf_a)) == set(dunia.a.desa.all())
    assert set(SasaranDesa.objects.for_user(dunia.staf_a)) == set(
        SasaranDesa.objects.filter(desa__puskesmas=dunia.a)
    )


def test_verifier_sees_every_puskesmas_of_the_kabupaten_and_nothing_else(dunia):
    assert set(Puskesmas.objects.for_user(dunia.verifikator_x)) == {dunia.a, dunia.b}
    assert set(Puskesmas.objects.for_user(dunia.verifikator_y)) == {dunia.c}
    assert set(Pustu.objects.for_user(dunia.verifikator_y)) == set(dunia.c.pustu.all())


def test_national_admin_sees_everything(dunia):
    assert Puskesmas.objects.for_user(dunia.nasional).count() == 3


def test_a_user_without_roles_sees_nothing(dunia, django_user_model):
    orang = django_user_model.objects.create_user("tanpa_peran", password="x")
    assert not Puskesmas.objects.for_user(orang).exists()
    assert not Kabupaten.objects.for_user(orang).exists()


def test_inactive_users_lose_their_scope(dunia):
    dunia.staf_a.is_active = False
    assert not Puskesmas.objects.for_user(dunia.staf_a).exists()


def test_staff_can_read_their_own_kabupaten_but_not_recap_it(dunia):
    assert set(Kabupaten.objects.for_user(dunia.staf_a)) == {dunia.kab_x}
    assert not access.boleh(dunia.staf_a, Aksi.REKAP_KABUPATEN, dunia.kab_x)
    assert access.boleh(dunia.verifikator_x, Aksi.REKAP_KABUPATEN, dunia.kab_x)
    assert not access.boleh(dunia.verifikator_y, Aksi.REKAP_KABUPATEN, dunia.kab_x)


@pytest.mark.parametrize(
    "nama, aksi, boleh",
    [
        ("staf_a", Aksi.UBAH_PROFIL, False),
        ("kapus_a", Aksi.UBAH_PROFIL, True),
        ("ktu_a", Aksi.KELOLA_WILAYAH, True),
        ("pj2_a", Aksi.KELOLA_WILAYAH, False),
        ("kapus_a", Aksi.LIHAT_RIWAYAT, True),
        ("ktu_a", Aksi.LIHAT_RIWAYAT, False),
        ("verifikator_x", Aksi.LIHAT_RIWAYAT, True),
        ("verifikator_x", Aksi.UBAH_PROFIL, False),
        ("admin_x", Aksi.UBAH_PROFIL, True),
        ("verifikator_y", Aksi.LIHAT, False),
        ("staf_b", Aksi.LIHAT, False),
    ],
)
def test_capabilities_on_puskesmas_a(dunia, nama, aksi, boleh):
    assert access.boleh(getattr(dunia, nama), aksi, dunia.a) is boleh


def test_capability_follows_the_owner_of_nested_objects(dunia):
    sasaran = SasaranDesa.objects.filter(desa__puskesmas=dunia.a).first()
    assert access.boleh(dunia.ktu_a, Aksi.KELOLA_WILAYAH, sasaran)
    sasaran_b = SasaranDesa.objects.filter(desa__puskesmas=dunia.b).first()
    assert not access.boleh(dunia.ktu_a, Aksi.KELOLA_WILAYAH, sasaran_b)
    with pytest.raises(PermissionDenied, match=access.PESAN_DITOLAK):
        access.wajib(dunia.ktu_a, Aksi.KELOLA_WILAYAH, sasaran_b)


def test_one_person_may_hold_several_roles(dunia):
    beri_peran(dunia.pj2_a, Peran.TIM_MUTU, puskesmas=dunia.a)
    scope = access.lingkup(dunia.pj2_a)
    assert scope.peran == {Peran.PJ_KLASTER, Peran.TIM_MUTU}
    assert scope.klaster_ids(dunia.a.pk) == {2}
    assert scope.klaster_ids(dunia.b.pk) == set()


def test_role_scope_is_enforced_by_the_database(dunia):
    from django.db import IntegrityError, transaction

    from puskesmas.models import PenugasanPeran

    # The check constraint's name is in the message on SQLite and PostgreSQL alike.
    with (
        pytest.raises(IntegrityError, match="penugasan_lingkup_sesuai_peran"),
        transaction.atomic(),
    ):
        PenugasanPeran.objects.create(
            user=dunia.staf_a, peran=Peran.VERIFIKATOR_DINKES, puskesmas=dunia.a
        )
    with pytest.raises(IntegrityError, match="penugasan_klaster_hanya_pj"), transaction.atomic():
        PenugasanPeran.objects.create(user=dunia.staf_a, peran=Peran.PJ_KLASTER, puskesmas=dunia.a)


def test_scope_is_read_once_per_request(dunia, django_assert_num_queries):
    user = type(dunia.staf_a).objects.get(pk=dunia.staf_a.pk)
    with django_assert_num_queries(1):
        access.lingkup(user)
        access.lingkup(user)
        access.boleh(user, Aksi.LIHAT, dunia.a)


def test_a_role_is_held_once_per_scope(dunia):
    from django.db import IntegrityError, transaction

    from puskesmas.models import PenugasanPeran

    for kwargs in (
        {"peran": Peran.STAF, "puskesmas": dunia.a},
        {"peran": Peran.VERIFIKATOR_DINKES, "kabupaten": dunia.kab_x},
        {"peran": Peran.ADMIN_NASIONAL},
    ):
        user = {
            Peran.STAF: dunia.staf_a,
            Peran.VERIFIKATOR_DINKES: dunia.verifikator_x,
            Peran.ADMIN_NASIONAL: dunia.nasional,
        }[kwargs["peran"]]
        with pytest.raises(IntegrityError), transaction.atomic():
            PenugasanPeran.objects.create(user=user, **kwargs)
    klaster = dunia.pj2_a.peran.get().klaster
    with pytest.raises(IntegrityError), transaction.atomic():
        PenugasanPeran.objects.create(
            user=dunia.pj2_a, peran=Peran.PJ_KLASTER, puskesmas=dunia.a, klaster=klaster
        )
    # The same person may be PJ of a second klaster.
    from puskesmas.referensi import pastikan_klaster

    PenugasanPeran.objects.create(
        user=dunia.pj2_a, peran=Peran.PJ_KLASTER, puskesmas=dunia.a, klaster=pastikan_klaster()[3]
    )


def test_every_capability_is_described_for_the_role_table():
    assert set(access.URAIAN_AKSI) == set(Aksi) == set(access.HAK)


def test_the_readme_role_table_is_hak():
    """The README's "Who may do what" table is exactly what ``tabel_hak`` renders from HAK,
    so a rule cannot change without its documentation (security review, finding 6)."""
    from pathlib import Path

    from django.conf import settings

    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    awal, akhir = "<!-- tabel_hak -->\n", "<!-- /tabel_hak -->"
    assert readme.count(awal) == 1 and readme.count(akhir) == 1
    tabel = readme.split(awal)[1].split(akhir)[0]
    assert tabel == access.tabel_hak()


def test_the_role_table_lists_exactly_what_hak_grants():
    baris = {
        b.split(" | ")[0].lstrip("| ").split(" (")[0]: b.split(" | ")[2]
        for b in access.tabel_hak().splitlines()[2:]
    }
    for peran in Peran:
        for aksi in Aksi:
            if aksi != Aksi.LIHAT:
                assert (access.URAIAN_AKSI[aksi] in baris[peran.label]) is (
                    peran in access.HAK[aksi]
                ), (peran, aksi)


@pytest.mark.parametrize(
    "nama, aksi, boleh",
    [
        # Finding 6: the Kepala Puskesmas sends the RUK to Dinkes, not the Kepala TU.
        ("ktu_a", Aksi.KIRIM_DINKES, False),
        ("kapus_a", Aksi.KIRIM_DINKES, True),
        # Finding 5: documents are the Kepala TU's; a PJ klaster keeps klaster rows.
        ("pj2_a", Aksi.SUSUN_RENCANA, False),
        ("pj2_a", Aksi.SUSUN_KLASTER, True),
        ("ktu_a", Aksi.SUSUN_RENCANA, True),
        ("staf_a", Aksi.SUSUN_KLASTER, False),
    ],
)
def test_hardened_capabilities(dunia, nama, aksi, boleh):
    assert access.boleh(getattr(dunia, nama), aksi, dunia.a) is boleh


def test_klaster_limits_follow_the_document_capability(dunia):
    assert access.klaster_diizinkan(dunia.ktu_a, dunia.a) is None
    assert access.klaster_diizinkan(dunia.kapus_a, dunia.a) is None
    assert access.klaster_diizinkan(dunia.pj2_a, dunia.a) == {dunia.pj2_a.peran.get().klaster_id}
    assert access.klaster_diizinkan(dunia.admin_x, dunia.a) == frozenset()
