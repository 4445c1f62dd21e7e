"""What counts as done for the two PKP due dates (registered in ``pkp.tenggat``), read for
many Puskesmas at once: one query each, whatever their number.

A kind's year is the calendar year of its due date (so the daily reminders of that year find
it); the assessment it is about is the year before, carried in the occurrence's code.
"""

from __future__ import annotations

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import TruncDate

from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.tautan import balik
from puskesmas.alat.tenggat_daftar import Kejadian
from puskesmas.choices import Peran
from puskesmas.models import JejakAlur, PenugasanPeran, Puskesmas, User

from ..models import PenilaianPKP

# Submitted counts from the first submission; a return for revision keeps it done (it was
# submitted on time), as a set assessment does.
STATUS_DIAJUKAN = (StatusAlur.DIAJUKAN, StatusAlur.DIKEMBALIKAN, StatusAlur.DITETAPKAN)


def tahun_penilaian(kejadian: Kejadian) -> int:
    """The assessment year an occurrence is about (its code, else the year before)."""
    return int(kejadian.kode) if kejadian.kode else kejadian.tahun - 1


def kueri_diajukan(puskesmas_ids: list[int], kejadian: Kejadian):
    """Self-assessment: the local date of the first «ajukan» of an assessment of the year
    that is diajukan, dikembalikan or ditetapkan (the registry's ``kueri_selesai``)."""
    tahun = tahun_penilaian(kejadian)
    # The content type by name, not by a looked-up id: the statement is composed once per
    # process (``kueri_tersusun``) and reads nothing while composing.
    meta = PenilaianPKP._meta
    # Nested two levels down: the Puskesmas is the outer query's outer query.
    penilaian = PenilaianPKP.objects.filter(
        puskesmas_id=OuterRef(OuterRef("pk")), tahun=tahun, status__in=STATUS_DIAJUKAN
    ).values("pk")[:1]
    pertama = (
        JejakAlur.objects.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_id=Subquery(penilaian),
            langkah="ajukan",
        )
        .order_by("waktu")
        .values("waktu")[:1]
    )
    return (
        Puskesmas.objects.filter(pk__in=puskesmas_ids)
        .order_by()
        .annotate(_selesai=TruncDate(Subquery(pertama)))
        .values_list("pk", "_selesai")
    )


def kueri_ditetapkan(puskesmas_ids: list[int], kejadian: Kejadian):
    """Verification: the local date the Dinkes set (tetapkan) the assessment of the year."""
    return (
        PenilaianPKP.objects.filter(
            puskesmas_id__in=puskesmas_ids,
            tahun=tahun_penilaian(kejadian),
            status=StatusAlur.DITETAPKAN,
        )
        .annotate(_selesai=TruncDate("ditetapkan_pada"))
        .values_list("puskesmas_id", "_selesai")
    )


def penerima_verifikator(puskesmas_ids: list[int], kejadian: Kejadian) -> dict[int, list[User]]:
    """The active verifiers of each Puskesmas's kabupaten. One query: each verifier's
    role row joined to the Puskesmas of its kabupaten among ``puskesmas_ids``."""
    hasil: dict[int, dict[int, User]] = {pk: {} for pk in puskesmas_ids}
    for tugas in (
        PenugasanPeran.objects.filter(
            kabupaten__puskesmas__in=list(puskesmas_ids),
            peran=Peran.VERIFIKATOR_DINKES,
            user__is_active=True,
        )
        .annotate(_puskesmas=F("kabupaten__puskesmas"))
        .select_related("user")
    ):
        hasil[tugas._puskesmas][tugas.user_id] = tugas.user
    return {pk: list(users.values()) for pk, users in hasil.items()}


def tautan_penilaian(puskesmas_id: int) -> str:
    return balik("pkp:penilaian", kwargs={"puskesmas_pk": puskesmas_id})
