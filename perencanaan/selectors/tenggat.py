"""What counts as done for the two February due dates (registered in ``perencanaan.tenggat``),
read for many Puskesmas at once: one query each, whatever their number.

Everything else about due dates (dates in force, status, compliance) is the core's:
``puskesmas.selectors.tenggat``.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import NoReverseMatch

from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.tautan import balik
from puskesmas.alat.tenggat_daftar import Kejadian
from puskesmas.models import Puskesmas

from ..models import PenetapanTarget, SKTargetKinerja

# Target kinerja counts as done once the team has submitted it; later steps keep it done.
STATUS_TARGET_SELESAI = (StatusAlur.DIAJUKAN, StatusAlur.DISAHKAN, StatusAlur.DIGANTIKAN)


def _sk_pertama(tahun: int) -> Subquery:
    # When the SK was signed in the app, not the date typed on it: a date typed earlier than
    # the signing cannot turn a late SK into an on-time one. The first SK of the year counts;
    # later SKs of revisions supersede it but do not make it late.
    return Subquery(
        SKTargetKinerja.objects.filter(
            penetapan__puskesmas_id=OuterRef("pk"), penetapan__tahun=tahun
        )
        .order_by("ditandatangani_pada")
        .values("ditandatangani_pada")[:1]
    )


def kueri_target(puskesmas_ids: list[int], kejadian: Kejadian):
    """Targets: the first submission (``diajukan_pada``) of any revision that is diajukan,
    disahkan or digantikan; a signed SK also counts (the targets were set). The read of
    the registry's ``kueri_selesai``: (Puskesmas, local date or NULL)."""
    return (
        Puskesmas.objects.filter(pk__in=puskesmas_ids)
        .order_by()
        .annotate(
            _selesai=TruncDate(
                Coalesce(
                    Subquery(
                        PenetapanTarget.objects.filter(
                            puskesmas_id=OuterRef("pk"),
                            tahun=kejadian.tahun,
                            status__in=STATUS_TARGET_SELESAI,
                            diajukan_pada__isnull=False,
                        )
                        .order_by("diajukan_pada")
                        .values("diajukan_pada")[:1]
                    ),
                    _sk_pertama(kejadian.tahun),
                )
            )
        )
        .values_list("pk", "_selesai")
    )


def kueri_sk(puskesmas_ids: list[int], kejadian: Kejadian):
    """SK Target Kinerja: the local date the first SK of the year was signed in the app."""
    return (
        Puskesmas.objects.filter(pk__in=puskesmas_ids)
        .order_by()
        .annotate(_selesai=TruncDate(_sk_pertama(kejadian.tahun)))
        .values_list("pk", "_selesai")
    )


def tautan_target(puskesmas_id: int) -> str | None:
    """The targets page of a Puskesmas, when that page exists."""
    try:
        return balik("perencanaan:target", kwargs={"puskesmas_pk": puskesmas_id})
    except NoReverseMatch:
        return None
