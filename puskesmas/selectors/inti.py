"""Reads that join or aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from ..alat.kueri_tersusun import baris_tersusun
from ..models import Desa, Kabupaten, Notifikasi, Puskesmas, Pustu, TahunPerencanaan


def tahun_aktif() -> int:
    """The running planning year: the one marked active, else the calendar year."""
    from django.utils import timezone

    from ..alat.memo import ingat

    # Every page reads it (the navbar's year): composed once per process.
    baris = ingat(("tahun_aktif",), lambda: baris_tersusun(("tahun_aktif",), _baca_tahun_aktif))
    return (baris[0][0] if baris else None) or timezone.localdate().year


def _baca_tahun_aktif():
    return TahunPerencanaan.objects.filter(aktif=True).order_by("-tahun").values_list("tahun")[:1]


def jumlah_notifikasi_belum_dibaca(user) -> int:
    """The navbar's count of the user's unread notifications; every page reads it, so its
    statement is composed once per process. 0 for an anonymous user."""
    if not user.is_authenticated:
        return 0
    baris = baris_tersusun(("notifikasi_belum_dibaca",), _baca_belum_dibaca, [user.pk])
    return baris[0][0] if baris else 0


def _baca_belum_dibaca(user_ids):
    return (
        Notifikasi.objects.filter(penerima_id__in=user_ids)
        .belum_dibaca()
        .order_by()
        .values("penerima_id")
        .annotate(n=Count("pk"))
        .values_list("n")
    )


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


def _historis(model):
    """The historical model of ``model``, read from simple-history's descriptor on the
    class: ``model.history`` builds a new manager class on every access (costly on a page
    that asks it of every model)."""
    nama = getattr(model._meta, "simple_history_manager_attribute", None)
    if nama is None:
        return None
    for kelas in model.__mro__:
        deskriptor = kelas.__dict__.get(nama)
        if deskriptor is not None:
            return getattr(deskriptor, "model", None)
    return None


def _model_berriwayat():
    """Every model with audit history that belongs to a Puskesmas (any app, now or later).

    Its history must be a ``Riwayat`` (owner columns); tests/puskesmas/test_riwayat.py
    fails for a model declaring a plain ``HistoricalRecords``. A proxy model shares its
    concrete model's history table: listing both would show every change twice."""
    from ..alat.riwayat import KolomRiwayat

    for model in apps.get_models():
        if model._meta.proxy or not hasattr(model, "tenant_puskesmas_path"):
            continue
        historis = _historis(model)
        if historis is not None and issubclass(historis, KolomRiwayat):
            yield model


# The statement for one tuple of models, built once per process: composing ~60 ORM
# subqueries cost more than the database takes to answer them.
_SQL_RIWAYAT: dict[tuple, str] = {}


def _sql_riwayat(models: tuple) -> str:
    sql = _SQL_RIWAYAT.get(models)
    if sql is not None:
        return sql
    from django.contrib.auth import get_user_model
    from django.db import connection

    q = connection.ops.quote_name
    bagian = []
    for i, model in enumerate(models):
        h = _historis(model)._meta
        kolom = ", ".join(
            q(h.get_field(f).column)
            for f in ("history_date", "history_type", "riwayat_objek", "history_change_reason")
        )
        # Each part: the newest rows of its index (Puskesmas, time), wrapped so that its
        # ORDER BY/LIMIT is allowed inside UNION ALL on every database.
        bagian.append(
            f"SELECT * FROM (SELECT {kolom}, {q(h.get_field('history_user').column)} AS u, "
            f"{i} AS m FROM {q(h.db_table)} "
            f"WHERE {q(h.get_field('riwayat_puskesmas').column)} = %s "
            f"ORDER BY {q(h.get_field('history_date').column)} DESC LIMIT %s) AS p{i}"
        )
    pengguna = get_user_model()._meta
    sql = (
        f"SELECT r.{q(h.get_field('history_date').column)}, r.{q('history_type')}, "
        f"r.{q('riwayat_objek')}, r.{q('history_change_reason')}, "
        f"pg.{q(pengguna.get_field('nama_lengkap').column)}, "
        f"pg.{q(pengguna.get_field('username').column)}, r.m "
        f"FROM ({' UNION ALL '.join(bagian)}) AS r "
        f"LEFT JOIN {q(pengguna.db_table)} AS pg ON pg.{q(pengguna.pk.column)} = r.u "
        f"ORDER BY r.{q(h.get_field('history_date').column)} DESC LIMIT %s"
    )
    _SQL_RIWAYAT[models] = sql
    return sql


def _waktu(nilai) -> datetime:
    """A history time as the ORM would give it (SQLite answers raw SQL with text)."""
    if isinstance(nilai, str):
        from django.utils.dateparse import parse_datetime

        nilai = parse_datetime(nilai)
    if nilai.tzinfo is None:
        from django.utils import timezone

        nilai = timezone.make_aware(nilai, UTC)
    return nilai


def riwayat_puskesmas(*, puskesmas: Puskesmas, batas: int = 100) -> list[Perubahan]:
    """The latest changes to anything of one Puskesmas, newest first, in one query.

    Every historical row carries its Puskesmas and a label of the object
    (``alat/riwayat.py``), so the history of all models is one ``UNION ALL`` of the
    historical tables, each part the newest ``batas`` rows of the index (Puskesmas, time),
    with the user joined once: the number of queries does not grow with the number of
    models, and the rows of a deleted object (or of a child whose parent is gone) are
    still found. The statement is plain SQL built once from the models' metadata.
    """
    from django.db import connection

    models = tuple(_model_berriwayat())
    if not models:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_sql_riwayat(models), [puskesmas.pk, batas] * len(models) + [batas])
        rows = cursor.fetchall()
    return [
        Perubahan(
            waktu=_waktu(waktu),
            jenis=jenis,
            model=str(models[i]._meta.verbose_name),
            objek=objek,
            oleh=(nama or username) if username else "sistem",
            alasan=alasan or "",
        )
        for waktu, jenis, objek, alasan, nama, username, i in rows
    ]


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
