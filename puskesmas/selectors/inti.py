"""Reads that join or aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
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

    Its history must be a ``Riwayat`` (owner columns); tests/puskesmas/test_riwayat.py
    fails for a model declaring a plain ``HistoricalRecords``. A proxy model shares its
    concrete model's history table: listing both would show every change twice."""
    from ..alat.riwayat import KolomRiwayat

    for model in apps.get_models():
        if model._meta.proxy:
            continue
        if (
            hasattr(model, "tenant_puskesmas_path")
            and hasattr(model, "history")
            and issubclass(model.history.model, KolomRiwayat)
        ):
            yield model


_KOLOM_RIWAYAT = (
    "history_date",
    "history_type",
    "riwayat_objek",
    "history_change_reason",
    "history_user__nama_lengkap",
    "history_user__username",
)


def riwayat_puskesmas(*, puskesmas: Puskesmas, batas: int = 100) -> list[Perubahan]:
    """The latest changes to anything of one Puskesmas, newest first, in one query.

    Every historical row carries its Puskesmas and a label of the object
    (``alat/riwayat.py``), so the history of all models is one ``UNION ALL`` of the
    historical tables, each part the newest ``batas`` rows of the index (Puskesmas, time):
    the number of queries does not grow with the number of models, and the rows of a
    deleted object (or of a child whose parent is gone) are still found.
    """
    models = list(_model_berriwayat())
    if not models:
        return []
    bagian = []
    for i, model in enumerate(models):
        historis = model.history.model
        # The newest rows of this table by the index (a subquery: a compound statement
        # may not hold LIMIT in its parts on every database).
        terbaru = (
            historis.objects.filter(riwayat_puskesmas_id=puskesmas.pk)
            .order_by("-history_date")
            .values("history_id")[:batas]
        )
        bagian.append(
            historis.objects.filter(history_id__in=terbaru)
            .annotate(_model=Value(i, output_field=IntegerField()))
            .order_by()
            .values_list(*_KOLOM_RIWAYAT, "_model")
        )
    rows = bagian[0].union(*bagian[1:], all=True).order_by("-history_date")[:batas]
    hasil = [
        Perubahan(
            waktu=waktu,
            jenis=jenis,
            model=str(models[i]._meta.verbose_name),
            objek=objek,
            oleh=(nama or username) if username else "sistem",
            alasan=alasan or "",
        )
        for waktu, jenis, objek, alasan, nama, username, i in rows
    ]
    return hasil


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
