"""Reads of the target kinerja: the catalogue to fill, the rows of a revision, the SK in force."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, F, OuterRef, prefetch_related_objects

from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Desa, Puskesmas, SasaranDesa

from ..models import Indikator, PenetapanTarget, SKTargetKinerja, TargetKinerja


def _katalog_untuk():
    """The catalogue area's ``katalog_untuk``, wherever it lives; None when absent."""
    for modul in ("perencanaan.selectors.katalog", "perencanaan.services.katalog"):
        try:
            return importlib.import_module(modul).katalog_untuk
        except (ImportError, AttributeError):
            continue
    return None


def katalog(*, kabupaten, tahun: int) -> list[Indikator]:
    """The active indicators of a kabupaten's catalogue for a year, klaster loaded.

    The catalogue area provides ``katalog_untuk`` (a read: a missing year stays empty until
    the admin Dinkes creates it); without it, the rows in the table are used as they are.
    """
    katalog_untuk = _katalog_untuk()
    if katalog_untuk is None:
        hasil = Indikator.objects.filter(kabupaten=kabupaten, tahun=tahun, aktif=True)
    else:
        hasil = katalog_untuk(kabupaten=kabupaten, tahun=tahun)
    if hasattr(hasil, "select_related"):
        return list(
            hasil.filter(aktif=True)
            .select_related("klaster")
            .order_by("klaster__nomor", "urutan", "kode")
        )
    daftar = [i for i in hasil if i.aktif]
    prefetch_related_objects(daftar, "klaster")
    return sorted(daftar, key=lambda i: (i.klaster.nomor, i.urutan, i.kode))


def penetapan_terkini(*, puskesmas, tahun: int) -> PenetapanTarget | None:
    """The newest revision of a Puskesmas's targets for a year (None before anyone starts)."""
    return (
        PenetapanTarget.objects.filter(puskesmas=puskesmas, tahun=tahun).order_by("-revisi").first()
    )


@dataclass
class BarisTarget:
    indikator: Indikator
    target: TargetKinerja | None

    @property
    def terisi(self) -> bool:
        return self.target is not None


@dataclass
class GrupKlaster:
    klaster: object
    baris: list[BarisTarget] = field(default_factory=list)
    boleh_diisi: bool = False

    @property
    def jumlah_terisi(self) -> int:
        return sum(1 for b in self.baris if b.terisi)

    @property
    def lengkap(self) -> bool:
        return self.jumlah_terisi == len(self.baris)


def target_per_klaster(
    *, penetapan: PenetapanTarget | None, indikator: list[Indikator]
) -> list[GrupKlaster]:
    """The catalogue grouped by klaster, each indicator with its target (or None): 1 query."""
    target = {}
    if penetapan is not None:
        target = {
            t.indikator_id: t
            for t in TargetKinerja.objects.filter(penetapan=penetapan).select_related("diisi_oleh")
        }
    grup: dict[int, GrupKlaster] = {}
    for ind in indikator:
        g = grup.setdefault(ind.klaster_id, GrupKlaster(klaster=ind.klaster))
        g.baris.append(BarisTarget(ind, target.get(ind.pk)))
    return sorted(grup.values(), key=lambda g: g.klaster.nomor)


def target_berlaku(*, puskesmas, tahun: int):
    """TargetKinerja rows in force: those of the newest revision signed with an SK.

    This is what PWS and PKP measure against; an unsigned later revision does not count
    until its SK is signed. Empty when no SK exists yet.
    """
    penetapan = (
        PenetapanTarget.objects.filter(
            puskesmas=puskesmas, tahun=tahun, status=StatusAlur.DISAHKAN, sk__isnull=False
        )
        .order_by("-revisi")
        .first()
    )
    if penetapan is None:
        return TargetKinerja.objects.none()
    return TargetKinerja.objects.filter(penetapan=penetapan).select_related(
        "indikator", "indikator__klaster"
    )


@dataclass(frozen=True)
class StatusTarget:
    """Where a Puskesmas stands with its targets of one year (for deadlines and recaps)."""

    status: str  # "none" | "draft" | "diajukan" | "sk"
    label: str
    penetapan: PenetapanTarget | None = None
    diajukan_pada: datetime | None = None
    sk: SKTargetKinerja | None = None
    tanggal_sk: date | None = None
    revisi_berjalan: bool = False  # an SK is in force and a newer revision is being drafted

    @property
    def selesai(self) -> bool:
        return self.status == "sk"


def status_target(*, puskesmas, tahun: int) -> StatusTarget:
    """none / draft / diajukan / sk, with the dates; at most two queries."""
    daftar = list(
        PenetapanTarget.objects.filter(puskesmas=puskesmas, tahun=tahun)
        .exclude(status=StatusAlur.DIGANTIKAN)
        .select_related("sk")
        .order_by("-revisi")
    )
    if not daftar:
        return StatusTarget("none", "Belum disusun")
    terbaru = daftar[0]
    bersk = next((p for p in daftar if p.status == StatusAlur.DISAHKAN), None)
    if bersk is not None:
        sk = getattr(bersk, "sk", None)
        return StatusTarget(
            "sk",
            "SK ditetapkan",
            penetapan=bersk,
            diajukan_pada=bersk.diajukan_pada,
            sk=sk,
            tanggal_sk=sk.tanggal if sk else None,
            revisi_berjalan=terbaru.pk != bersk.pk,
        )
    if terbaru.status == StatusAlur.DIAJUKAN:
        return StatusTarget(
            "diajukan", "Diajukan", penetapan=terbaru, diajukan_pada=terbaru.diajukan_pada
        )
    label = "Dikembalikan" if terbaru.status == StatusAlur.DIKEMBALIKAN else "Draf"
    return StatusTarget("draft", label, penetapan=terbaru, diajukan_pada=terbaru.diajukan_pada)


def sk_daftar(*, puskesmas, tahun: int):
    """Every SK of the year, newest revision first (the superseded ones stay listed)."""
    return (
        SKTargetKinerja.objects.filter(penetapan__puskesmas=puskesmas, penetapan__tahun=tahun)
        .select_related("penetapan", "digantikan_oleh")
        .order_by("-penetapan__revisi")
    )


def populasi_sasaran(*, desa_ids, tahun: int) -> dict[tuple[int, str], int]:
    """(desa id, kategori) → jumlah for the year: one query for any number of desa."""
    return {
        (d, k): j
        for d, k, j in SasaranDesa.objects.filter(desa_id__in=desa_ids, tahun=tahun).values_list(
            "desa_id", "kategori", "jumlah"
        )
    }


@dataclass(frozen=True)
class BarisDesa:
    desa: Desa
    penduduk_sasaran: int | None
    sasaran: int | None


def target_per_desa(*, target: TargetKinerja) -> list[BarisDesa]:
    """Every desa of the Puskesmas with its stored sasaran (None where data was missing)."""
    tersimpan = {td.desa_id: td for td in target.per_desa.all()}
    hasil = []
    for desa in Desa.objects.filter(puskesmas_id=target.penetapan.puskesmas_id).order_by("nama"):
        td = tersimpan.get(desa.pk)
        hasil.append(
            BarisDesa(desa, td.penduduk_sasaran if td else None, td.sasaran if td else None)
        )
    return hasil


@dataclass
class BedaPuskesmas:
    """One Puskesmas on the Dinkes review page: its newest revision of the year (None before
    it starts) and the targets of it that differ from the Dinkes default."""

    puskesmas: object
    penetapan: PenetapanTarget | None = None
    beda: list = field(default_factory=list)


def target_beda_kabupaten(*, user, kabupaten, tahun: int) -> list[BedaPuskesmas]:
    """Per Puskesmas of the kabupaten, the targets of its newest revision that differ from
    the catalogue's default, with the reason given: three queries, however many there are.

    The newest revision is what the Kepala will sign (or has signed), so it is what the
    Dinkes reviews before the SK.
    """
    daftar = {
        p.pk: BedaPuskesmas(p)
        for p in Puskesmas.objects.for_user(user).filter(kabupaten=kabupaten).order_by("nama")
    }
    lebih_baru = PenetapanTarget.objects.filter(
        puskesmas=OuterRef("puskesmas"), tahun=OuterRef("tahun"), revisi__gt=OuterRef("revisi")
    )
    terbaru = list(
        PenetapanTarget.objects.filter(puskesmas__in=list(daftar), tahun=tahun).exclude(
            Exists(lebih_baru)
        )
    )
    for p in terbaru:
        daftar[p.puskesmas_id].penetapan = p
    beda = (
        TargetKinerja.objects.filter(penetapan__in=[p.pk for p in terbaru])
        .exclude(target_persen=F("indikator__target_default"))
        .select_related("indikator__klaster", "penetapan")
        .order_by("indikator__klaster__nomor", "indikator__urutan", "indikator__kode")
    )
    for t in beda:
        daftar[t.penetapan.puskesmas_id].beda.append(t)
    return list(daftar.values())
