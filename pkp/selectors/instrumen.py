"""Reads of the PKP instrument. The tree is read in a fixed number of queries, whatever
the number of indicators and variables."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from ..models import (
    IndikatorMutu,
    IndikatorPelayanan,
    Instrumen,
    KelompokPelayanan,
    KomponenManajemen,
    VariabelManajemen,
)


def instrumen_kabupaten(*, kabupaten, tahun: int) -> Instrumen | None:
    return Instrumen.objects.filter(kabupaten=kabupaten, tahun=tahun).first()


def instrumen_nasional(*, tahun: int) -> Instrumen | None:
    return Instrumen.objects.filter(kabupaten__isnull=True, tahun=tahun).first()


def tahun_nasional() -> list[int]:
    """Years that have a national default, newest first."""
    return list(
        Instrumen.objects.filter(kabupaten__isnull=True)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
    )


@dataclass(frozen=True)
class Pohon:
    """The three aspects of one instrument, ready for display."""

    kelompok: list[KelompokPelayanan]
    komponen: list[KomponenManajemen]
    mutu: list[IndikatorMutu]

    @property
    def jumlah_variabel(self) -> int:
        return sum(len(k.variabel.all()) for k in self.komponen)

    @property
    def jumlah_perlu_ditinjau(self) -> int:
        return sum(1 for k in self.komponen for v in k.variabel.all() if v.perlu_ditinjau)


def pohon(instrumen: Instrumen) -> Pohon:
    """Every row of ``instrumen`` in five queries."""
    kelompok = list(
        KelompokPelayanan.objects.filter(instrumen=instrumen)
        .select_related("klaster")
        .prefetch_related(
            Prefetch(
                "indikator",
                queryset=IndikatorPelayanan.objects.select_related("indikator_katalog"),
            )
        )
    )
    komponen = list(
        KomponenManajemen.objects.filter(instrumen=instrumen).prefetch_related(
            Prefetch("variabel", queryset=VariabelManajemen.objects.all())
        )
    )
    mutu = list(IndikatorMutu.objects.filter(instrumen=instrumen))
    return Pohon(kelompok=kelompok, komponen=komponen, mutu=mutu)


def instrumen_xlsx(instrumen: Instrumen) -> bytes:
    """The whole instrument as one workbook (sheets Pelayanan, Manajemen, Mutu, Ambang),
    the same columns the import reads, so an export reads back unchanged."""
    from puskesmas.alat.impor import ekspor_buku_dengan_resource

    from ..resources import instrumen as r

    pelayanan = r.IndikatorPelayananResource(instrumen=instrumen)
    manajemen = r.VariabelManajemenResource(instrumen=instrumen)
    mutu = r.IndikatorMutuResource(instrumen=instrumen)
    ambang = r.AmbangResource(instrumen=instrumen)
    urut_pelayanan = pelayanan.baris_ada().order_by(
        "kelompok__urutan", "kelompok_id", "urutan", "pk"
    )
    urut_manajemen = manajemen.baris_ada().order_by(
        "komponen__urutan", "komponen_id", "urutan", "pk"
    )
    return ekspor_buku_dengan_resource(
        r.BUKU_INSTRUMEN,
        {
            r.TEMPLAT_PELAYANAN.nama_sheet: (pelayanan, urut_pelayanan),
            r.TEMPLAT_MANAJEMEN.nama_sheet: (manajemen, urut_manajemen),
            r.TEMPLAT_MUTU.nama_sheet: (mutu, mutu.baris_ada()),
            r.TEMPLAT_AMBANG.nama_sheet: (ambang, ambang.baris()),
        },
    )


def penilaian_terkunci(instrumen: Instrumen) -> int:
    """How many assessments on ``instrumen`` are past the draft (submitted, returned, set):
    while there are any, the instrument's rows are not imported, added or removed."""
    from puskesmas.alat.alur import StatusAlur

    return instrumen.penilaian.exclude(status=StatusAlur.DRAFT).count()
