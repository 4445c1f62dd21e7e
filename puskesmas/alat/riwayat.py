"""Audit history that knows its owner: every historical row carries its Puskesmas and
kabupaten, and a label of the object as it was.

Every model with history declares ``history = Riwayat()`` (a ``HistoricalRecords`` whose
historical model adds three columns):

* ``riwayat_puskesmas`` and ``riwayat_kabupaten``: the owner of the object when the row
  was written, resolved along the model's ``tenant_puskesmas_path`` or
  ``tenant_kabupaten_path`` (see ``querysets.py``). Plain integers behind a foreign key
  without a database constraint: the history outlives the object, its parents and even
  the Puskesmas;
* ``riwayat_objek``: ``str()`` of the object at that moment, so a history list shows what
  was changed without rebuilding every object (and without a query per row).

Indexed on (Puskesmas, time) and (kabupaten, time), the history of one Puskesmas across
all models is one ``UNION ALL`` (``selectors.inti.riwayat_puskesmas``) whose number of
queries does not grow with the number of models, and still holds the rows of a deleted
desa, RUK activity or any other child.

The columns are filled on every path simple-history writes a row: ``save()`` (through the
``pre_create_historical_record`` signal, from the live object and its cached relations)
and ``bulk_history_create`` / ``bulk_create_with_history`` (resolved in one query per
path step for the whole batch). A row written any other way is filled from its own
columns when it is inserted (the fields' ``pre_save``).
"""

from __future__ import annotations

import contextvars
import hashlib

from django.db import models
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

PANJANG_LABEL = 200

# Values computed for a batch by ``RiwayatManager.bulk_history_create``, keyed by the
# object's primary key, read by the fields' ``pre_save`` while the batch is inserted.
_BATCH: contextvars.ContextVar[dict | None] = contextvars.ContextVar("riwayat_batch", default=None)


def label_objek(obj) -> str:
    try:
        teks = str(obj)
    except Exception:  # a __str__ that needs a deleted relation: the row is still written
        teks = f"{obj._meta.verbose_name} #{obj.pk}"
    return teks[:PANJANG_LABEL]


def _jalur(model) -> tuple[str, str] | None:
    """("puskesmas" | "kabupaten", path) of a model, or None for a model without owner."""
    if hasattr(model, "tenant_puskesmas_path"):
        return "puskesmas", model.tenant_puskesmas_path
    if hasattr(model, "tenant_kabupaten_path"):
        return "kabupaten", model.tenant_kabupaten_path
    return None


def _ikuti(obj, path: str):
    """The id at the end of ``path`` from a live object, following cached relations
    (a query only for a relation not loaded yet); None when a link is empty."""
    if path == "":
        return obj.pk
    *langkah, akhir = path.split("__")
    for nama in langkah:
        obj = getattr(obj, nama, None)
        if obj is None:
            return None
    return getattr(obj, f"{akhir}_id", None)


def tenant_objek(obj) -> tuple[int | None, int | None]:
    """(Puskesmas id, kabupaten id) owning one live object."""
    from puskesmas.models import Puskesmas

    jalur = _jalur(type(obj))
    if jalur is None:
        return None, None
    jenis, path = jalur
    if jenis == "kabupaten":
        return None, _ikuti(obj, path)
    pk = _ikuti(obj, path)
    if pk is None:
        return None, None
    if isinstance(obj, Puskesmas):
        return pk, obj.kabupaten_id
    # The Puskesmas is often cached on the object (or its parent) already.
    target = obj
    for nama in path.split("__"):
        target = target._state.fields_cache.get(nama) if target is not None else None
    if isinstance(target, Puskesmas):
        return pk, target.kabupaten_id
    return pk, Puskesmas.objects.filter(pk=pk).values_list("kabupaten_id", flat=True).first()


def tenant_banyak(model, objs) -> dict:
    """{pk: (Puskesmas id, kabupaten id)} for many objects of one model, in one query per
    step of its tenant path (plus one for the kabupaten), whatever the number of objects."""
    from puskesmas.models import Puskesmas

    jalur = _jalur(model)
    if jalur is None:
        return {o.pk: (None, None) for o in objs}
    jenis, path = jalur
    if path == "":
        awal = {o.pk: o.pk for o in objs}
    else:
        langkah = path.split("__")
        awal = {o.pk: getattr(o, f"{langkah[0]}_id") for o in objs}
        field = model._meta.get_field(langkah[0])
        if len(langkah) > 1:
            sisa = "__".join(langkah[1:])
            ids = {v for v in awal.values() if v is not None}
            peta = dict(
                field.related_model.objects.filter(pk__in=ids).values_list("pk", f"{sisa}_id")
            )
            awal = {k: peta.get(v) for k, v in awal.items()}
    if jenis == "kabupaten":
        return {k: (None, v) for k, v in awal.items()}
    kab = dict(
        Puskesmas.objects.filter(pk__in={v for v in awal.values() if v}).values_list(
            "pk", "kabupaten_id"
        )
    )
    return {k: (v, kab.get(v)) for k, v in awal.items()}


def _isi(row) -> None:
    """Fill the three columns of a historical row about to be inserted, once."""
    if getattr(row, "_riwayat_terisi", False):
        return
    row._riwayat_terisi = True
    if type(row).__module__ == "__fake__":
        # A migration's state model: its instance is no live object to follow; rows a data
        # migration copies are filled by ``isi_riwayat_lama`` like every older row.
        return
    batch = _BATCH.get()
    pk = getattr(row, row.instance_type._meta.pk.attname)
    if batch is not None and pk in batch:
        (row.riwayat_puskesmas_id, row.riwayat_kabupaten_id), row.riwayat_objek = batch[pk]
        return
    if row.riwayat_puskesmas_id is None and row.riwayat_kabupaten_id is None:
        instance = row.instance
        row.riwayat_puskesmas_id, row.riwayat_kabupaten_id = tenant_objek(instance)
        if not row.riwayat_objek:
            row.riwayat_objek = label_objek(instance)


class _DiisiSaatSimpan:
    def pre_save(self, model_instance, add):
        if add:
            _isi(model_instance)
        return super().pre_save(model_instance, add)


class PemilikRiwayatField(_DiisiSaatSimpan, models.ForeignKey):
    """The owner of a historical row (filled when the row is inserted)."""


class LabelRiwayatField(_DiisiSaatSimpan, models.CharField):
    """What the object was called when the row was written."""


class KolomRiwayat(models.Model):
    """Abstract base of every historical model: the columns of the module docstring."""

    riwayat_puskesmas = PemilikRiwayatField(
        "puskesmas.Puskesmas",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
    )
    riwayat_kabupaten = PemilikRiwayatField(
        "puskesmas.Kabupaten",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
    )
    riwayat_objek = LabelRiwayatField(max_length=PANJANG_LABEL, blank=True, default="")

    class Meta:
        abstract = True


class RiwayatManager(HistoryManager):
    def bulk_history_create(self, objs, *args, **kwargs):
        objs = list(objs)
        tenant = tenant_banyak(self.model.instance_type, objs)
        token = _BATCH.set({o.pk: (tenant[o.pk], label_objek(o)) for o in objs})
        try:
            return super().bulk_history_create(objs, *args, **kwargs)
        finally:
            _BATCH.reset(token)


def nama_indeks(model, jenis: str) -> str:
    """A short, stable index name (the database limits names to 30 characters)."""
    kunci = f"{model._meta.app_label}.{model._meta.model_name}"
    return f"rw_{hashlib.sha1(kunci.encode()).hexdigest()[:10]}_{jenis}"


class Riwayat(HistoricalRecords):
    """``HistoricalRecords`` with the owner columns and their indexes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("bases", (KolomRiwayat,))
        kwargs.setdefault("history_manager", RiwayatManager)
        super().__init__(*args, **kwargs)

    def get_meta_options(self, model):
        meta = super().get_meta_options(model)
        meta["indexes"] = (
            *meta.get("indexes", ()),
            models.Index(
                fields=["riwayat_puskesmas", "-history_date"], name=nama_indeks(model, "p")
            ),
            models.Index(
                fields=["riwayat_kabupaten", "-history_date"], name=nama_indeks(model, "k")
            ),
        )
        return meta


def _saat_riwayat_dibuat(sender, instance, history_instance, **kwargs):
    if not isinstance(history_instance, KolomRiwayat):
        return
    history_instance._riwayat_terisi = True
    history_instance.riwayat_puskesmas_id, history_instance.riwayat_kabupaten_id = tenant_objek(
        instance
    )
    history_instance.riwayat_objek = label_objek(instance)


pre_create_historical_record.connect(_saat_riwayat_dibuat, dispatch_uid="riwayat_pemilik")


# -- Filling the rows written before these columns existed (data migrations) ------------


def _historis(apps, model):
    """The migration state's historical model of a live model, or None."""
    try:
        return apps.get_model(model._meta.app_label, f"Historical{model._meta.object_name}")
    except LookupError:
        return None


def _ekspresi_pemilik(apps, live_model, path: str):
    """An expression, on rows of ``live_model``'s table or history table, giving the id at
    the end of ``path``: the live parent first, its history when the parent is gone."""
    from django.db.models import F, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    if path == "":
        return F(live_model._meta.pk.attname)
    pertama, _, sisa = path.partition("__")
    if not sisa:
        return F(f"{pertama}_id")
    induk = live_model._meta.get_field(pertama).related_model
    induk_state = apps.get_model(induk._meta.label)
    hidup = Subquery(
        induk_state.objects.filter(pk=OuterRef(f"{pertama}_id")).values(sisa)[:1],
        output_field=IntegerField(),
    )
    induk_historis = _historis(apps, induk)
    if induk_historis is None:
        return hidup
    lama = Subquery(
        induk_historis.objects.filter(**{induk._meta.pk.attname: OuterRef(f"{pertama}_id")})
        .annotate(_v=_ekspresi_pemilik(apps, induk, sisa))
        .exclude(_v=None)
        .values("_v")[:1],
        output_field=IntegerField(),
    )
    return Coalesce(hidup, lama, output_field=IntegerField())


def isi_riwayat_lama(app_label: str):
    """A ``RunPython`` function filling the owner and label of the historical rows of one
    app written before the columns existed. The tenant paths and ``__str__`` come from the
    live models (they are class data and code, not schema); the values from the rows."""

    def isi(apps, schema_editor):
        from django.apps import apps as live_apps
        from django.db.models import IntegerField, OuterRef, Subquery
        from django.db.models.functions import Coalesce

        puskesmas_state = apps.get_model("puskesmas", "Puskesmas")
        puskesmas_historis = apps.get_model("puskesmas", "HistoricalPuskesmas")
        for live in live_apps.get_app_config(app_label).get_models():
            hist = _historis(apps, live)
            if hist is None or not hasattr(hist, "riwayat_objek"):
                continue
            jalur = _jalur(live)
            kosong = hist.objects.filter(riwayat_puskesmas=None, riwayat_kabupaten=None)
            if jalur is not None:
                jenis, path = jalur
                kosong.update(**{f"riwayat_{jenis}_id": _ekspresi_pemilik(apps, live, path)})
                if jenis == "puskesmas":
                    ref = OuterRef("riwayat_puskesmas_id")
                    hist.objects.filter(riwayat_kabupaten=None).exclude(
                        riwayat_puskesmas=None
                    ).update(
                        riwayat_kabupaten_id=Coalesce(
                            Subquery(
                                puskesmas_state.objects.filter(pk=ref).values("kabupaten_id")[:1]
                            ),
                            Subquery(
                                puskesmas_historis.objects.filter(id=ref).values("kabupaten_id")[:1]
                            ),
                            output_field=IntegerField(),
                        )
                    )
            kolom = [
                f.attname
                for f in live._meta.concrete_fields
                if f.attname in {h.attname for h in hist._meta.concrete_fields}
            ]
            baris = []
            for row in hist.objects.filter(riwayat_objek="").iterator(chunk_size=2000):
                row.riwayat_objek = label_objek(live(**{a: getattr(row, a) for a in kolom}))
                baris.append(row)
                if len(baris) >= 1000:
                    hist.objects.bulk_update(baris, ["riwayat_objek"])
                    baris = []
            if baris:
                hist.objects.bulk_update(baris, ["riwayat_objek"])

    return isi
