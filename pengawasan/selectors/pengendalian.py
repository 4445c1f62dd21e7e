"""Reads of pengendalian (deviation watch): what trails its plan at a Puskesmas up to a
month, worst first, for the page of one Puskesmas, the kabupaten page, the RTM input pack
and the RTL evaluation panel. Every function reads a bounded number of queries, whatever
the number of desa, indicators, activities or Puskesmas; the arithmetic is the pure rules
of ``pengawasan.aturan_pengendalian``. P3 reads P2 (PWS, realisation) and P1 (targets, RPK)
through their selectors."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from lokmin.models import RealisasiRPK
from lokmin.selectors_pws import capaian_tahun, indikator_pws, target_tahunan
from perencanaan.choices import SumberPembiayaan
from perencanaan.models import Indikator, KegiatanRPK
from perencanaan.selectors.target import populasi_sasaran
from puskesmas.alat import rtl as aturan_rtl
from puskesmas.models import RTL, Desa, Puskesmas

from .. import aturan_pengendalian as aturan

ANGKA = Decimal("0.1")


def _bulat(x: Decimal | None) -> Decimal | None:
    return None if x is None else x.quantize(ANGKA)


@dataclass
class IndikatorTertinggal:
    indikator: Indikator
    target_tahunan: Decimal | None
    cakupan: Decimal | None  # cumulative coverage, all desa together
    target: Decimal | None  # cumulative target
    rtl_terbuka: int = 0

    @property
    def selisih(self) -> Decimal | None:
        return _bulat(aturan.selisih(self.cakupan, self.target))

    @property
    def tertinggal(self) -> bool:
        return aturan.tertinggal(self.cakupan, self.target)

    @property
    def cakupan_bulat(self):
        return _bulat(self.cakupan)

    @property
    def target_bulat(self):
        return _bulat(self.target)


@dataclass
class KegiatanTertinggal:
    kegiatan: KegiatanRPK
    bulan: list[int]  # planned months with no realisation done
    rtl_terbuka: int = 0


@dataclass
class SumberTertinggal:
    kode: str
    label: str
    rencana: Decimal
    realisasi: Decimal

    @property
    def persen(self) -> Decimal | None:
        return _bulat(aturan.persen_serapan(rencana=self.rencana, realisasi=self.realisasi))

    @property
    def tertinggal(self) -> bool:
        return aturan.serapan_tertinggal(rencana=self.rencana, realisasi=self.realisasi)


@dataclass
class Penyimpangan:
    puskesmas: Puskesmas
    tahun: int
    bulan: int
    indikator: list[IndikatorTertinggal] = field(default_factory=list)  # every PWS indicator
    kegiatan: list[KegiatanTertinggal] = field(default_factory=list)
    sumber: list[SumberTertinggal] = field(default_factory=list)  # every source planned

    @property
    def indikator_tertinggal(self) -> list[IndikatorTertinggal]:
        return [i for i in self.indikator if i.tertinggal]

    @property
    def sumber_tertinggal(self) -> list[SumberTertinggal]:
        return [s for s in self.sumber if s.tertinggal]

    @property
    def jumlah(self) -> int:
        return len(self.indikator_tertinggal) + len(self.kegiatan) + len(self.sumber_tertinggal)


def _cakupan_indikator(*, puskesmas_ids, tahun: int, bulan: int, kabupaten):
    """{puskesmas id: [IndikatorTertinggal, …]} for every PWS indicator: six queries."""
    desa = list(
        Desa.objects.filter(puskesmas_id__in=list(puskesmas_ids)).values_list("pk", "puskesmas_id")
    )
    indikator = indikator_pws(kabupaten=kabupaten, tahun=tahun)
    target = target_tahunan(puskesmas_ids=puskesmas_ids, tahun=tahun, indikator=indikator)
    sasaran = populasi_sasaran(desa_ids=[d for d, _ in desa], tahun=tahun)
    capaian = capaian_tahun(
        puskesmas_ids=puskesmas_ids, tahun=tahun, indikator_ids=[i.pk for i in indikator]
    )
    desa_per = defaultdict(list)
    for d, p in desa:
        desa_per[p].append(d)
    hasil = {}
    for p in puskesmas_ids:
        baris = []
        for ind in indikator:
            data = [
                (capaian.get((d, ind.pk), [None] * 12), sasaran.get((d, ind.kategori_sasaran)))
                for d in desa_per[p]
            ]
            t = target.get((p, ind.pk))
            baris.append(
                IndikatorTertinggal(
                    ind,
                    t,
                    aturan.cakupan_gabungan(data, bulan),
                    aturan.target_kumulatif(t, bulan),
                )
            )
        hasil[p] = baris
    return hasil


def _rpk(*, puskesmas_ids, tahun: int, bulan: int):
    """({puskesmas id: [KegiatanTertinggal]}, {puskesmas id: [SumberTertinggal]}): two
    queries."""
    realisasi: dict[int, list] = defaultdict(list)
    for r in RealisasiRPK.objects.filter(
        kegiatan__rpk__puskesmas_id__in=list(puskesmas_ids), kegiatan__rpk__tahun=tahun
    ).values("kegiatan_id", "bulan", "terlaksana", "biaya"):
        realisasi[r["kegiatan_id"]].append(r)
    kegiatan = defaultdict(list)
    sumber: dict[int, dict[str, SumberTertinggal]] = defaultdict(dict)
    label = dict(SumberPembiayaan.choices)
    for k in (
        KegiatanRPK.objects.filter(rpk__puskesmas_id__in=list(puskesmas_ids), rpk__tahun=tahun)
        .select_related("klaster", "rpk")
        .order_by("klaster__nomor", "urutan", "pk")
    ):
        p = k.rpk.puskesmas_id
        rs = realisasi.get(k.pk, [])
        bulan_kosong = aturan.bulan_tidak_terealisasi(
            rencana=k.volume,
            realisasi={r["bulan"]: r["terlaksana"] for r in rs},
            sampai_bulan=bulan,
        )
        if bulan_kosong:
            kegiatan[p].append(KegiatanTertinggal(k, bulan_kosong))
        pos = sumber[p].setdefault(
            k.sumber_pembiayaan,
            SumberTertinggal(
                k.sumber_pembiayaan, label.get(k.sumber_pembiayaan, ""), Decimal(0), Decimal(0)
            ),
        )
        pos.rencana += aturan.rencana_biaya_kumulatif(biaya=k.biaya, volume=k.volume, bulan=bulan)
        pos.realisasi += sum((r["biaya"] for r in rs if r["bulan"] <= bulan), Decimal(0))
    return kegiatan, sumber


def _rtl_terbuka(*, puskesmas_ids, model) -> dict[tuple[int, int], int]:
    """(puskesmas id, source id) → open RTL raised from a source of ``model``: one query."""
    jenis = ContentType.objects.get_for_model(model)
    hasil: dict[tuple[int, int], int] = defaultdict(int)
    for p, s in RTL.objects.filter(
        puskesmas_id__in=list(puskesmas_ids),
        sumber_jenis=jenis,
        status__in=[*aturan_rtl.TERBUKA, aturan_rtl.StatusRTL.SELESAI],
    ).values_list("puskesmas_id", "sumber_id"):
        hasil[(p, s)] += 1
    return hasil


def _urutkan(pen: Penyimpangan) -> Penyimpangan:
    pen.indikator.sort(
        key=lambda i: (not i.tertinggal, i.selisih if i.selisih is not None else Decimal(0))
    )
    pen.kegiatan.sort(key=lambda k: -len(k.bulan))
    pen.sumber.sort(key=lambda s: s.persen if s.persen is not None else Decimal(1000))
    return pen


def penyimpangan_kabupaten(*, puskesmas_list, kabupaten, tahun: int, bulan: int):
    """{puskesmas id: Penyimpangan} for each Puskesmas of ``puskesmas_list`` (one kabupaten),
    each list worst first."""
    ids = [p.pk for p in puskesmas_list]
    indikator = _cakupan_indikator(puskesmas_ids=ids, tahun=tahun, bulan=bulan, kabupaten=kabupaten)
    kegiatan, sumber = _rpk(puskesmas_ids=ids, tahun=tahun, bulan=bulan)
    rtl_ind = _rtl_terbuka(puskesmas_ids=ids, model=Indikator)
    rtl_keg = _rtl_terbuka(puskesmas_ids=ids, model=KegiatanRPK)
    hasil = {}
    for p in puskesmas_list:
        pen = Penyimpangan(
            p, tahun, bulan, indikator[p.pk], kegiatan.get(p.pk, []), list(sumber[p.pk].values())
        )
        for i in pen.indikator:
            i.rtl_terbuka = rtl_ind.get((p.pk, i.indikator.pk), 0)
        for k in pen.kegiatan:
            k.rtl_terbuka = rtl_keg.get((p.pk, k.kegiatan.pk), 0)
        hasil[p.pk] = _urutkan(pen)
    return hasil


def penyimpangan(*, puskesmas, tahun: int, bulan: int) -> Penyimpangan:
    """What deviates at ``puskesmas`` up to month ``bulan`` of ``tahun``, worst first."""
    return penyimpangan_kabupaten(
        puskesmas_list=[puskesmas], kabupaten=puskesmas.kabupaten, tahun=tahun, bulan=bulan
    )[puskesmas.pk]


# --- the loop closes on data ------------------------------------------------------------


@dataclass
class BulanIndikator:
    bulan: int
    cakupan: Decimal | None
    target: Decimal | None

    @property
    def selisih(self) -> Decimal | None:
        return aturan.selisih(self.cakupan, self.target)

    @property
    def selisih_bulat(self):
        return _bulat(self.selisih)

    @property
    def cakupan_bulat(self):
        return _bulat(self.cakupan)

    @property
    def target_bulat(self):
        return _bulat(self.target)


def deret_indikator(*, puskesmas, indikator: Indikator, dari_bulan: int) -> list[BulanIndikator]:
    """The indicator's cumulative coverage against the cumulative target at ``puskesmas``
    for every month from ``dari_bulan`` up to the last month with data: four queries."""
    tahun = indikator.tahun
    desa = list(Desa.objects.filter(puskesmas=puskesmas).values_list("pk", flat=True))
    t = target_tahunan(puskesmas_ids=[puskesmas.pk], tahun=tahun, indikator=[indikator]).get(
        (puskesmas.pk, indikator.pk)
    )
    sasaran = populasi_sasaran(desa_ids=desa, tahun=tahun)
    capaian = capaian_tahun(puskesmas_ids=[puskesmas.pk], tahun=tahun, indikator_ids=[indikator.pk])
    data = [
        (capaian.get((d, indikator.pk), [None] * 12), sasaran.get((d, indikator.kategori_sasaran)))
        for d in desa
    ]
    terakhir = max((m for c, _ in data for m in range(1, 13) if c[m - 1] is not None), default=0)
    return [
        BulanIndikator(m, aturan.cakupan_gabungan(data, m), aturan.target_kumulatif(t, m))
        for m in range(max(dari_bulan, 1), terakhir + 1)
    ]
