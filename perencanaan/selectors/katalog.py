"""Reads of the indicator catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from puskesmas.alat.impor import ekspor_dengan_resource
from puskesmas.models import Kabupaten, Klaster

from ..models import Indikator
from ..resources import IndikatorResource
from ..services.katalog import TEMPLAT_KATALOG, katalog_untuk

# ``katalog_untuk`` is defined with the catalogue's services (next to the template the
# import and export share) and re-exported here, because other areas read it through it.
__all__ = ["katalog_untuk", "indikator_tahun", "per_klaster", "tahun_katalog", "katalog_xlsx"]


@dataclass(frozen=True)
class GrupKlaster:
    klaster: Klaster
    indikator: list[Indikator]


def indikator_tahun(*, kabupaten: Kabupaten, tahun: int, aktif: bool | None = None):
    """Indicators of one kabupaten and year (all, or only active/inactive), with klaster."""
    qs = Indikator.objects.filter(kabupaten=kabupaten, tahun=tahun).select_related("klaster")
    if aktif is not None:
        qs = qs.filter(aktif=aktif)
    return qs.order_by("klaster__nomor", "urutan", "kode")


def per_klaster(indikator) -> list[GrupKlaster]:
    """Group indicators (ordered by klaster) under their klaster, in one pass."""
    return [
        GrupKlaster(klaster=k, indikator=list(rows))
        for k, rows in groupby(indikator, key=lambda i: i.klaster)
    ]


def tahun_katalog(*, kabupaten: Kabupaten) -> list[int]:
    """Years for which the kabupaten has a catalogue, newest first."""
    return list(
        Indikator.objects.filter(kabupaten=kabupaten)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .distinct()
    )


def katalog_xlsx(*, kabupaten: Kabupaten, tahun: int) -> bytes:
    """The year's active catalogue as a workbook that the import reads back unchanged."""
    return ekspor_dengan_resource(
        IndikatorResource(kabupaten=kabupaten, tahun=tahun),
        indikator_tahun(kabupaten=kabupaten, tahun=tahun, aktif=True),
        TEMPLAT_KATALOG,
    )


def templat_katalog_xlsx() -> bytes:
    return ekspor_dengan_resource(IndikatorResource(), [], TEMPLAT_KATALOG)
