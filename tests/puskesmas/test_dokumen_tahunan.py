"""The shared bases of the planning documents: every yearly document inherits
``DokumenTahunan`` (scoped, audited, one per Puskesmas and year, enforced by the database),
and folding the declarations kept the tables and names existing data lives under."""

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import UniqueConstraint

from perencanaan.forms.rpk import KegiatanRPKForm
from perencanaan.models import (
    KOLOM_KEGIATAN_RPK,
    RPK,
    RUK,
    KegiatanRPK,
    KegiatanRUK,
    KolomKegiatan,
    TimPerencanaan,
)
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.models import DokumenTahunan, Puskesmas


def dokumen_tahunan() -> list:
    return [m for m in apps.get_models() if issubclass(m, DokumenTahunan)]


def unik_per_tahun(model) -> list[UniqueConstraint]:
    return [
        c
        for c in model._meta.constraints
        if isinstance(c, UniqueConstraint)
        and set(c.fields) == {"puskesmas", "tahun"}
        and c.condition is None
    ]


def test_every_model_unique_per_puskesmas_and_year_inherits_the_base():
    # A new yearly document that copies the declarations instead of inheriting fails here.
    assert {m for m in apps.get_models() if unik_per_tahun(m)} == set(dokumen_tahunan())
    assert {TimPerencanaan, RUK, RPK} <= set(dokumen_tahunan())


@pytest.mark.parametrize("model", dokumen_tahunan(), ids=lambda m: m.__name__)
def test_a_yearly_document_is_scoped_audited_and_one_per_year(model):
    assert model.tenant_puskesmas_path == "puskesmas"
    assert isinstance(model.objects.all(), ScopedQuerySet)
    assert model._meta.ordering == ["-tahun"]
    assert model.history.model._meta.db_table == (
        f"{model._meta.app_label}_historical{model._meta.model_name}"
    )
    assert len(unik_per_tahun(model)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("model", dokumen_tahunan(), ids=lambda m: m.__name__)
def test_the_database_holds_the_one_per_year_rule(model):
    with connection.cursor() as cursor:
        batasan = connection.introspection.get_constraints(cursor, model._meta.db_table)
    assert any(b["unique"] and b["columns"] == ["puskesmas_id", "tahun"] for b in batasan.values())


def test_a_second_document_for_the_same_puskesmas_and_year_is_refused(dunia):
    RUK.objects.create(puskesmas=dunia.a, tahun=2027)
    RUK.objects.create(puskesmas=dunia.a, tahun=2028)
    RUK.objects.create(puskesmas=dunia.b, tahun=2027)
    with pytest.raises(IntegrityError), transaction.atomic():
        RUK.objects.create(puskesmas=dunia.a, tahun=2027)


def test_the_fold_kept_the_names_existing_data_and_code_use():
    assert {m: unik_per_tahun(m)[0].name for m in (TimPerencanaan, RUK, RPK)} == {
        TimPerencanaan: "tim_unik",
        RUK: "ruk_unik",
        RPK: "rpk_unik",
    }
    assert {m: m.history.model._meta.db_table for m in (TimPerencanaan, RUK, RPK)} == {
        TimPerencanaan: "perencanaan_historicaltimperencanaan",
        RUK: "perencanaan_historicalruk",
        RPK: "perencanaan_historicalrpk",
    }
    akses = {
        m: m._meta.get_field("puskesmas").remote_field.get_accessor_name()
        for m in (TimPerencanaan, RUK, RPK)
    }
    assert akses == {TimPerencanaan: "tim_perencanaan", RUK: "ruk", RPK: "rpk"}
    assert all(hasattr(Puskesmas, nama) for nama in akses.values())
    assert RUK._meta.get_field("tahun").verbose_name == "tahun anggaran"


def test_activity_rows_share_the_formulir_columns():
    bersama = {f.name for f in KolomKegiatan._meta.fields}
    for model in (KegiatanRUK, KegiatanRPK):
        assert issubclass(model, KolomKegiatan)
        assert bersama <= {f.name for f in model._meta.fields}
        assert model._meta.ordering == ["klaster__nomor", "urutan", "pk"]
    assert {m: m.history.model._meta.db_table for m in (KegiatanRUK, KegiatanRPK)} == {
        KegiatanRUK: "perencanaan_historicalkegiatanruk",
        KegiatanRPK: "perencanaan_historicalkegiatanrpk",
    }


def test_the_rpk_form_edits_exactly_the_listed_columns():
    assert tuple(KegiatanRPKForm.Meta.fields) == KOLOM_KEGIATAN_RPK
    assert "kegiatan_ruk" not in KOLOM_KEGIATAN_RPK
    assert all(KegiatanRPK._meta.get_field(n).editable for n in KOLOM_KEGIATAN_RPK)
