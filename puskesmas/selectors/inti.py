"""Reads that join or aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from ..models import Desa, Kabupaten, Puskesmas, Pustu, TahunPerencanaan


def tahun_aktif() -> int:
    """The running planning year: the one marked active, else the calendar year."""
    from django.utils import timezone

    tahun = TahunPerencanaan.objects.filter(aktif=True).values_list("tahun", flat=True).first()
    return tahun or timezone.localdate().year


def puskesmas_list(*, user, kabupaten: Kabupaten | None = None):
    """Puskesmas the user may see, with the counts the lists show, in one query."""
    qs = Puskesmas.objects.for_user(user).select_related("kecamatan", "kabupaten")
    if kabupaten is not None:
        qs = qs.filter(kabupaten=kabupaten)
    # Correlated subqueries rather than JOIN + GROUP BY: the database counts only for the
    # rows of the page it returns, not for all 10,000 Puskesmas before paginating.
    return qs.annotate(
        jumlah_desa=_jumlah(Desa, "puskesmas"),
        jumlah_pustu=_jumlah(Pustu, "puskesmas"),
    ).order_by("kecamatan__nama", "nama")


def _jumlah(model, fk: str):
    sub = (
        model.objects.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def kabupaten_list(*, user):
    return (
        Kabupaten.objects.for_user(user)
        .select_related("provinsi")
        .annotate(
            jumlah_puskesmas=Count("puskesmas", distinct=True),
            jumlah_rawat_inap=Count(
                "puskesmas", filter=Q(puskesmas__rawat_inap=True), distinct=True
            ),
        )
        .order_by("provinsi__kode", "kode")
    )


@dataclass(frozen=True)
class Perubahan:
    waktu: datetime
    jenis: str  # +, ~, -
    model: str
    objek: str
    oleh: str
    alasan: str

    @property
    def jenis_label(self) -> str:
        return {"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}[self.jenis]


def _model_berriwayat():
    """Every model with audit history that belongs to a Puskesmas (any app, now or later).

    A proxy model shares its concrete model's history table: listing both would show
    every change twice."""
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        if hasattr(model, "tenant_puskesmas_path") and hasattr(model, "history"):
            yield model


def riwayat_puskesmas(*, puskesmas: Puskesmas, batas: int = 100) -> list[Perubahan]:
    """The latest changes to anything of one Puskesmas, newest first.

    One query per model with history, each bounded by ``batas``; the history tables keep
    the owner's foreign key, so deleted rows are still found.
    """
    hasil: list[Perubahan] = []
    for model in _model_berriwayat():
        path = model.tenant_puskesmas_path
        historical = model.history.model
        if path == "":
            filt = {"id": puskesmas.pk}
        elif "__" not in path:
            filt = {f"{path}_id": puskesmas.pk}
        else:
            first, rest = path.split("__", 1)
            # Historical rows keep the FK id; follow the live relation for deeper paths.
            filt = {f"{first}__{rest}": puskesmas.pk}
        # The objects' own foreign keys come with the rows, and are handed to the rebuilt
        # instance, so a __str__ that names its indikator or user costs no query per row.
        fk = [
            f.name
            for f in model._meta.concrete_fields
            if f.many_to_one and f.name in {h.name for h in historical._meta.concrete_fields}
        ]
        rows = (
            historical.objects.filter(**filt)
            .select_related("history_user", *fk)
            .order_by("-history_date")[:batas]
        )
        for row in rows:
            instance = row.instance
            for name in fk:
                if row._state.fields_cache.get(name) is not None:
                    instance._state.fields_cache[name] = row._state.fields_cache[name]
            hasil.append(
                Perubahan(
                    waktu=row.history_date,
                    jenis=row.history_type,
                    model=str(model._meta.verbose_name),
                    objek=str(instance),
                    oleh=str(row.history_user) if row.history_user else "sistem",
                    alasan=row.history_change_reason or "",
                )
            )
    hasil.sort(key=lambda p: p.waktu, reverse=True)
    return hasil[:batas]


@dataclass(frozen=True)
class Penandatangan:
    nama: str
    nip: str
    tanggal: date


def penandatangan(*, puskesmas: Puskesmas, dokumen=None) -> Penandatangan:
    """Who signs a document, and on which date.

    An approved document (one with a "sahkan" step in its workflow trail) is signed by the
    Kepala who approved it, on that day, even if the Kepala has changed since. Otherwise
    the current Kepala Puskesmas (profile, else the user holding the role), today.
    """
    from django.utils import timezone

    from ..choices import Peran

    if dokumen is not None:
        sah = dokumen.jejak().filter(langkah="sahkan").first()
        if sah is not None:
            return Penandatangan(
                sah.oleh.get_full_name(), sah.oleh.nip, timezone.localtime(sah.waktu).date()
            )
    nama, nip = puskesmas.kepala_nama, puskesmas.kepala_nip
    if not nama or not nip:
        kapus = (
            puskesmas.penugasan.filter(peran=Peran.KEPALA_PUSKESMAS).select_related("user").first()
        )
        if kapus is not None:
            nama, nip = nama or kapus.user.get_full_name(), nip or kapus.user.nip
    return Penandatangan(nama, nip, timezone.localdate())


def tanggal_disahkan(dokumen) -> date | None:
    """The day ``dokumen`` (a ``DokumenAlur``) was last approved (its latest "sahkan" step
    in the workflow trail), in local time; None when the trail has none (one query)."""
    from django.utils import timezone

    if dokumen is None:
        return None
    sah = dokumen.jejak().filter(langkah="sahkan").values_list("waktu", flat=True).first()
    return None if sah is None else timezone.localtime(sah).date()
