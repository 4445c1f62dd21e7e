"""Reads of PWS: the sheet of a month, the figures per desa, the dashboards.

Every function reads a bounded number of queries whatever the number of desa, indicators,
months or Puskesmas: the catalogue, targets, sasaran and values are each read in one go and
the figures are computed by the pure rules of ``lokmin.pws``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from perencanaan.models import Indikator, PenetapanTarget, TargetKinerja
from perencanaan.selectors.target import katalog, populasi_sasaran
from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.kueri_tersusun import baris_tersusun
from puskesmas.models import Desa, Klaster, Puskesmas

from . import pws
from .models_pws import LembarPWS, NilaiPWS

NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def indikator_pws(*, kabupaten, tahun: int, klaster_id: int | None = None) -> list[Indikator]:
    """The catalogue's indicators that have a population group (a sasaran per desa)."""
    return [
        i
        for i in katalog(kabupaten=kabupaten, tahun=tahun)
        if i.kategori_sasaran and (klaster_id is None or i.klaster_id == klaster_id)
    ]


def target_tahunan(*, puskesmas_ids, tahun: int, indikator) -> dict[tuple[int, int], Decimal]:
    """(puskesmas id, indikator id) → the yearly target % in force: two queries.

    The target in force is the newest revision signed with an SK; before any SK the
    catalogue's default target is used, so PWS can start in January.
    """
    lebih_baru = PenetapanTarget.objects.filter(
        puskesmas=OuterRef("puskesmas"),
        tahun=tahun,
        status=StatusAlur.DISAHKAN,
        sk__isnull=False,
        revisi__gt=OuterRef("revisi"),
    )
    berlaku = PenetapanTarget.objects.filter(
        puskesmas_id__in=list(puskesmas_ids),
        tahun=tahun,
        status=StatusAlur.DISAHKAN,
        sk__isnull=False,
    ).exclude(Exists(lebih_baru))
    hasil = {(p, i.pk): i.target_default for p in puskesmas_ids for i in indikator}
    for p, ind, t in TargetKinerja.objects.filter(
        penetapan__in=berlaku, indikator__in=[i.pk for i in indikator]
    ).values_list("penetapan__puskesmas_id", "indikator_id", "target_persen"):
        hasil[(p, ind)] = t
    return hasil


def capaian_tahun(*, puskesmas_ids, tahun: int, indikator_ids) -> dict[tuple[int, int], list]:
    """(desa id, indikator id) → twelve monthly values (None where not entered): one query."""
    hasil: dict[tuple[int, int], list] = defaultdict(lambda: [None] * 12)
    for desa, ind, bulan, nilai in NilaiPWS.objects.filter(
        lembar__puskesmas_id__in=list(puskesmas_ids),
        lembar__tahun=tahun,
        indikator_id__in=list(indikator_ids),
    ).values_list("desa_id", "indikator_id", "lembar__bulan", "nilai"):
        hasil[(desa, ind)][bulan - 1] = nilai
    return hasil


@dataclass
class BarisDesaPWS:
    desa: Desa
    hasil: pws.HasilPWS
    bulanan: list  # cumulative coverage per month 1..bulan (the trend), None where unknown


@dataclass
class TabelIndikator:
    indikator: Indikator
    target_tahunan: Decimal | None
    baris: list[BarisDesaPWS] = field(default_factory=list)

    @property
    def ringkasan(self) -> dict[str, int]:
        return pws.ringkas_status([b.hasil.status for b in self.baris])


def tabel_pws(*, puskesmas, tahun: int, bulan: int, klaster_id: int | None = None):
    """One table per PWS indicator: every desa with its figures for the month and trend."""
    desa = list(Desa.objects.filter(puskesmas=puskesmas).order_by("nama"))
    indikator = indikator_pws(kabupaten=puskesmas.kabupaten, tahun=tahun, klaster_id=klaster_id)
    target = target_tahunan(puskesmas_ids=[puskesmas.pk], tahun=tahun, indikator=indikator)
    sasaran = populasi_sasaran(desa_ids=[d.pk for d in desa], tahun=tahun)
    capaian = capaian_tahun(
        puskesmas_ids=[puskesmas.pk], tahun=tahun, indikator_ids=[i.pk for i in indikator]
    )
    hasil = []
    for ind in indikator:
        t = target.get((puskesmas.pk, ind.pk))
        tabel = TabelIndikator(ind, t)
        for d in desa:
            nilai = capaian.get((d.pk, ind.pk), [None] * 12)
            s = sasaran.get((d.pk, ind.kategori_sasaran))
            tren = [pws.cakupan(pws.kumulatif(nilai, m), s) for m in range(1, bulan + 1)]
            tabel.baris.append(
                BarisDesaPWS(
                    d, pws.hitung(capaian=nilai, bulan=bulan, sasaran=s, target_tahunan=t), tren
                )
            )
        hasil.append(tabel)
    return hasil


# --- the grid ---------------------------------------------------------------------------


@dataclass
class SelPWS:
    desa: Desa
    indikator: Indikator
    sasaran: int | None
    nilai: NilaiPWS | None

    @property
    def nama(self) -> str:
        return f"n-{self.desa.pk}-{self.indikator.pk}"


@dataclass
class GridPWS:
    lembar: LembarPWS | None
    indikator: list[Indikator]
    desa: list[Desa]
    sel: dict[tuple[int, int], SelPWS]

    def baris(self):
        return [(d, [self.sel[(d.pk, i.pk)] for i in self.indikator]) for d in self.desa]


def grid_pws(*, puskesmas, tahun: int, bulan: int, klaster_id: int) -> GridPWS:
    """The sheet of one klaster and month: desa × indicators, each with its value and sasaran."""
    lembar = (
        LembarPWS.objects.filter(
            puskesmas=puskesmas, tahun=tahun, bulan=bulan, klaster_id=klaster_id
        )
        .select_related("diubah_oleh")
        .first()
    )
    desa = list(Desa.objects.filter(puskesmas=puskesmas).order_by("nama"))
    indikator = indikator_pws(kabupaten=puskesmas.kabupaten, tahun=tahun, klaster_id=klaster_id)
    sasaran = populasi_sasaran(desa_ids=[d.pk for d in desa], tahun=tahun)
    nilai = {}
    if lembar is not None:
        nilai = {
            (n.desa_id, n.indikator_id): n
            for n in NilaiPWS.objects.filter(lembar=lembar).select_related("diisi_oleh")
        }
    sel = {
        (d.pk, i.pk): SelPWS(d, i, sasaran.get((d.pk, i.kategori_sasaran)), nilai.get((d.pk, i.pk)))
        for d in desa
        for i in indikator
    }
    return GridPWS(lembar, indikator, desa, sel)


# --- completeness -----------------------------------------------------------------------


def _tepat_waktu(tahun: int, bulan: int) -> Q:
    """The values of month ``bulan`` first entered by its due day (``pws.tepat_waktu``).

    ``diisi_pada`` moves when a value is changed, so the first entry is the value's earliest
    history row; a value is on time when any of its history rows is before the end of the due
    day (the earliest then is too), or, for a value without history, when ``diisi_pada`` is.
    Filters inside the one aggregate query: no query per value.
    """
    akhir = timezone.make_aware(
        datetime.combine(pws.batas_isi(tahun, bulan) + timedelta(days=1), time.min)
    )
    riwayat_awal = NilaiPWS.history.model.objects.filter(id=OuterRef("pk"), history_date__lt=akhir)
    return Q(diisi_pada__lt=akhir) | Q(Exists(riwayat_awal))


@dataclass(frozen=True)
class Kelengkapan:
    klaster: Klaster
    diharapkan: int
    terisi: int
    tepat_waktu: int = 0

    @property
    def persen_tepat_waktu(self) -> int | None:
        k = pws.ketepatan(self.diharapkan, self.tepat_waktu)
        return None if k is None else round(k)

    @property
    def persen(self) -> int | None:
        if not self.diharapkan:
            return None
        return round(self.terisi * 100 / self.diharapkan)


def kelengkapan(*, puskesmas, tahun: int, bulan: int) -> list[Kelengkapan]:
    """Per klaster of the month: cells expected (desa × indicators), cells entered and cells
    entered on time (by ``pws.batas_isi``)."""
    jumlah_desa = Desa.objects.filter(puskesmas=puskesmas).count()
    indikator = indikator_pws(kabupaten=puskesmas.kabupaten, tahun=tahun)
    per_klaster: dict[int, int] = defaultdict(int)
    for i in indikator:
        per_klaster[i.klaster_id] += 1
    terisi = {
        klaster: (n, tepat)
        for klaster, n, tepat in NilaiPWS.objects.filter(
            lembar__puskesmas=puskesmas,
            lembar__tahun=tahun,
            lembar__bulan=bulan,
            indikator__in=[i.pk for i in indikator],
        )
        .values_list("lembar__klaster_id")
        .annotate(n=Count("pk"), tepat=Count("pk", filter=_tepat_waktu(tahun, bulan)))
        .values_list("lembar__klaster_id", "n", "tepat")
    }
    return [
        Kelengkapan(k, per_klaster.get(k.pk, 0) * jumlah_desa, *terisi.get(k.pk, (0, 0)))
        for k in Klaster.objects.order_by("nomor")
    ]


# --- kabupaten --------------------------------------------------------------------------


@dataclass
class BarisPuskesmasPWS:
    puskesmas: Puskesmas
    status: dict[str, int]
    diharapkan: int = 0
    terisi: int = 0
    tepat_waktu: int = 0

    @property
    def skor(self) -> float | None:
        """Mean status rank of the computable cells (0 jelek … 3 baik): lower is worse."""
        n = sum(v for k, v in self.status.items() if k != pws.TIDAK_DAPAT_DIHITUNG)
        if not n:
            return None
        return (
            sum(
                pws.URUTAN_STATUS[k] * v
                for k, v in self.status.items()
                if k != pws.TIDAK_DAPAT_DIHITUNG
            )
            / n
        )

    @property
    def kelengkapan(self) -> int | None:
        return round(self.terisi * 100 / self.diharapkan) if self.diharapkan else None

    @property
    def ketepatan(self) -> int | None:
        k = pws.ketepatan(self.diharapkan, self.tepat_waktu)
        return None if k is None else round(k)


def pws_kabupaten(*, user, kabupaten, tahun: int, bulan: int) -> list[BarisPuskesmasPWS]:
    """Every Puskesmas of the kabupaten with its desa statuses of the month, worst first."""
    puskesmas = list(Puskesmas.objects.for_user(user).filter(kabupaten=kabupaten).order_by("nama"))
    ids = [p.pk for p in puskesmas]
    desa = list(Desa.objects.filter(puskesmas_id__in=ids).order_by("nama"))
    indikator = indikator_pws(kabupaten=kabupaten, tahun=tahun)
    target = target_tahunan(puskesmas_ids=ids, tahun=tahun, indikator=indikator)
    sasaran = populasi_sasaran(desa_ids=[d.pk for d in desa], tahun=tahun)
    capaian = capaian_tahun(puskesmas_ids=ids, tahun=tahun, indikator_ids=[i.pk for i in indikator])
    baris = {p.pk: BarisPuskesmasPWS(p, dict.fromkeys(pws.LABEL_STATUS, 0)) for p in puskesmas}
    for d in desa:
        b = baris[d.puskesmas_id]
        for ind in indikator:
            nilai = capaian.get((d.pk, ind.pk), [None] * 12)
            h = pws.hitung(
                capaian=nilai,
                bulan=bulan,
                sasaran=sasaran.get((d.pk, ind.kategori_sasaran)),
                target_tahunan=target.get((d.puskesmas_id, ind.pk)),
            )
            b.status[h.status] += 1
            b.diharapkan += 1
            b.terisi += nilai[bulan - 1] is not None
    for p, tepat in (
        NilaiPWS.objects.filter(
            lembar__puskesmas_id__in=ids,
            lembar__tahun=tahun,
            lembar__bulan=bulan,
            indikator__in=[i.pk for i in indikator],
            # as counted above: a value of a desa of that Puskesmas, so on time ≤ entered
            desa__puskesmas_id=F("lembar__puskesmas_id"),
        )
        .filter(_tepat_waktu(tahun, bulan))
        .values_list("lembar__puskesmas_id")
        .annotate(n=Count("pk"))
        .values_list("lembar__puskesmas_id", "n")
    ):
        baris[p].tepat_waktu = tepat
    return sorted(
        baris.values(), key=lambda b: (b.skor is None, b.skor if b.skor is not None else 0)
    )


# --- due date ---------------------------------------------------------------------------


def selesai_bulan(puskesmas_ids, kejadian) -> dict[int, date]:
    """{puskesmas id: date} of the Puskesmas whose month is complete (every desa × every PWS
    indicator entered), dated by the last save of that month: one query for any number,
    each Puskesmas row carrying its desa count, its kabupaten's indicator count and its
    entered cells (compared here: as a filter the database would count them twice)."""
    from django.db.models import IntegerField, Max, Subquery
    from django.db.models.functions import Coalesce

    def susun(ids):
        bulan = int(kejadian.kode)

        def hitung(qs, kelompok):
            return Coalesce(
                Subquery(
                    qs.order_by().values(kelompok).annotate(n=Count("pk")).values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            )

        indikator = Indikator.objects.filter(
            kabupaten_id=OuterRef("kabupaten_id"), tahun=kejadian.tahun, aktif=True
        ).exclude(kategori_sasaran="")
        terisi = NilaiPWS.objects.filter(
            lembar__puskesmas_id=OuterRef("pk"),
            lembar__tahun=kejadian.tahun,
            lembar__bulan=bulan,
            indikator__aktif=True,
        ).exclude(indikator__kategori_sasaran="")
        return (
            Puskesmas.objects.filter(pk__in=ids)
            .order_by()
            .annotate(
                jumlah_desa=hitung(
                    Desa.objects.filter(puskesmas_id=OuterRef("pk")), "puskesmas_id"
                ),
                jumlah_indikator=hitung(indikator, "kabupaten_id"),
                n=hitung(terisi, "lembar__puskesmas_id"),
                terakhir=Subquery(
                    terisi.order_by()
                    .values("lembar__puskesmas_id")
                    .annotate(t=Max("diisi_pada"))
                    .values("t")[:1]
                ),
            )
            .values_list("pk", "jumlah_desa", "jumlah_indikator", "n", "terakhir")
        )

    # Composed once per process for the occurrence (``kueri_tersusun``).
    rows = baris_tersusun(("pws_selesai_bulan", kejadian), susun, puskesmas_ids)
    hasil = {}
    for pk, desa, indikator_n, n, terakhir in rows:
        diharapkan = desa * indikator_n
        if diharapkan and n >= diharapkan and terakhir is not None:
            hasil[pk] = timezone.localdate(terakhir)
    return hasil


def tautan_pws(puskesmas_id: int) -> str:
    from puskesmas.alat.tautan import balik

    return balik("lokmin:pws_isi", args=[puskesmas_id])
