"""Reads of the analisis situasi: the achievements of the last two years per klaster,
population per desa, survey results, the ranked problems with their root causes and
solutions, and the problem-analysis document."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString, mark_safe

from puskesmas.alat.alur import StatusAlur
from puskesmas.choices import KategoriSasaran
from puskesmas.models import Desa, Klaster, SasaranDesa

from ..choices import Arah, KategoriPenyebab
from ..fishbone import fishbone_svg
from ..models import (
    AlternatifPemecahan,
    CapaianTahunan,
    HasilSurvei,
    Indikator,
    KegiatanRUK,
    Masalah,
    PenyebabMasalah,
    TargetKinerja,
)
from ..pemecahan import NilaiMIVC, PeringkatPemecahan, urutkan_pemecahan
from ..usg import NilaiUSG, Peringkat, kesenjangan, urutkan_usg


def indikator_katalog(*, kabupaten, tahun: int) -> list[Indikator]:
    """The indicator catalogue of ``kabupaten`` for ``tahun`` (active indicators only)."""
    try:
        from .katalog import katalog_untuk
    except ImportError:  # the catalogue module is optional: fall back to the table itself
        katalog_untuk = None
    if katalog_untuk is not None:
        qs = katalog_untuk(kabupaten=kabupaten, tahun=tahun)
    else:
        qs = Indikator.objects.filter(kabupaten=kabupaten, tahun=tahun, aktif=True)
    if hasattr(qs, "select_related"):
        qs = qs.select_related("klaster").order_by("klaster__nomor", "urutan", "kode")
    return list(qs)


def target_ditetapkan(*, puskesmas, tahun: int) -> dict[int, Decimal]:
    """Targets of the last SK Target Kinerja of ``tahun`` (indikator id → target %)."""
    return dict(
        TargetKinerja.objects.filter(
            penetapan__puskesmas=puskesmas,
            penetapan__tahun=tahun,
            penetapan__status__in=[StatusAlur.DISAHKAN, StatusAlur.DIKIRIM],
        )
        .order_by("penetapan__revisi")
        .values_list("indikator_id", "target_persen")
    )


@dataclass
class BarisCapaian:
    indikator: Indikator
    target: Decimal | None
    capaian: Decimal | None
    selisih: Decimal | None = None
    tercapai: bool | None = None  # None: no achievement entered yet
    # The same indicator (same kode) two years back, N-2: is the gap new or persistent?
    target_n2: Decimal | None = None
    capaian_n2: Decimal | None = None
    tercapai_n2: bool | None = None


@dataclass
class KelompokCapaian:
    klaster: Klaster
    baris: list[BarisCapaian] = field(default_factory=list)

    @property
    def tidak_tercapai(self) -> int:
        return sum(1 for b in self.baris if b.tercapai is False)

    @property
    def belum_diisi(self) -> int:
        return sum(1 for b in self.baris if b.capaian is None)


def analisis_situasi(*, puskesmas, tahun: int) -> list[KelompokCapaian]:
    """Achievements of year ``tahun - 1`` against their targets, per klaster, with those of
    ``tahun - 2`` beside them.

    ``tahun`` is the planning year N; the rows are the indicators of the catalogue of N-1.
    The catalogue is copied each year, so the N-2 figure is the achievement of the N-2
    indicator with the same kode (an indicator new in N-1 has none).
    """
    indikator = indikator_katalog(kabupaten=puskesmas.kabupaten, tahun=tahun - 1)
    capaian = {
        c.indikator_id: c
        for c in CapaianTahunan.objects.filter(puskesmas=puskesmas, indikator__in=indikator)
    }
    lalu = {
        c.indikator.kode: c
        for c in CapaianTahunan.objects.filter(
            puskesmas=puskesmas,
            indikator__kabupaten_id=puskesmas.kabupaten_id,
            indikator__tahun=tahun - 2,
        ).select_related("indikator")
    }
    kelompok = {k.pk: KelompokCapaian(klaster=k) for k in Klaster.objects.order_by("nomor")}
    for ind in indikator:
        c = capaian.get(ind.pk)
        baris = BarisCapaian(
            indikator=ind,
            target=c.target if c else None,
            capaian=c.capaian if c else None,
        )
        if c is not None:
            gap = kesenjangan(target=c.target, capaian=c.capaian, turun=ind.arah == Arah.TURUN)
            baris.selisih, baris.tercapai = gap.selisih, gap.tercapai
        c2 = lalu.get(ind.kode)
        if c2 is not None:
            gap = kesenjangan(target=c2.target, capaian=c2.capaian, turun=ind.arah == Arah.TURUN)
            baris.target_n2, baris.capaian_n2, baris.tercapai_n2 = (
                c2.target,
                c2.capaian,
                gap.tercapai,
            )
        kelompok.setdefault(ind.klaster_id, KelompokCapaian(klaster=ind.klaster)).baris.append(
            baris
        )
    return list(kelompok.values())


def capaian_awal(
    *, puskesmas, indikator: list[Indikator]
) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """Initial values of the achievement form: what is saved, else last year's SK target,
    else the catalogue's default target."""
    if not indikator:
        return {}
    ada = {
        c.indikator_id: (c.target, c.capaian)
        for c in CapaianTahunan.objects.filter(puskesmas=puskesmas, indikator__in=indikator)
    }
    sk = target_ditetapkan(puskesmas=puskesmas, tahun=indikator[0].tahun)
    return {
        ind.pk: ada.get(ind.pk, (sk.get(ind.pk, ind.target_default), None)) for ind in indikator
    }


def _masalah_qs():
    """Problems with everything their analysis shows, in a fixed number of queries."""
    return Masalah.objects.select_related("klaster", "indikator").prefetch_related(
        Prefetch(
            "kegiatan_ruk",
            queryset=KegiatanRUK.objects.select_related("ruk").order_by(
                "ruk__tahun", "klaster__nomor", "urutan", "pk"
            ),
        ),
        Prefetch("akar_penyebab", queryset=PenyebabMasalah.objects.order_by("pk")),
        Prefetch(
            "pemecahan",
            queryset=AlternatifPemecahan.objects.order_by("pk").prefetch_related(
                Prefetch(
                    "kegiatan_ruk",
                    queryset=KegiatanRUK.objects.select_related("ruk").order_by(
                        "ruk__tahun", "klaster__nomor", "urutan", "pk"
                    ),
                )
            ),
        ),
    )


def masalah_berperingkat(*, puskesmas, tahun: int) -> list[Peringkat[Masalah]]:
    """The problems of planning year ``tahun``, ranked by USG, each with its RUK activities,
    root causes and solutions (prefetched)."""
    qs = _masalah_qs().filter(puskesmas=puskesmas, tahun=tahun)
    return urutkan_usg(qs, lambda m: NilaiUSG(m.urgency, m.seriousness, m.growth, urutan=m.pk))


# --- One problem: fishbone and solutions ------------------------------------------------


@dataclass
class RincianMasalah:
    masalah: Masalah
    # Every fishbone category in its fixed order, with the causes written on it.
    tulang: list[tuple[str, list[PenyebabMasalah]]]
    pemecahan: list[PeringkatPemecahan[AlternatifPemecahan]]
    svg: SafeString

    @property
    def terpilih(self) -> PeringkatPemecahan[AlternatifPemecahan] | None:
        return next((p for p in self.pemecahan if p.item.dipilih), None)

    @property
    def jumlah_penyebab(self) -> int:
        return sum(len(daftar) for _, daftar in self.tulang)


def _nilai_mivc(p: AlternatifPemecahan) -> NilaiMIVC:
    return NilaiMIVC(p.magnitude, p.importancy, p.vulnerability, p.cost, urutan=p.pk)


def rincian_masalah(masalah: Masalah) -> RincianMasalah:
    """The analysis of one problem from its prefetched causes and solutions (``_masalah_qs``)."""
    per_kategori: dict[str, list[PenyebabMasalah]] = {k: [] for k in KategoriPenyebab.values}
    for p in masalah.akar_penyebab.all():
        per_kategori.setdefault(p.kategori, []).append(p)
    label = dict(KategoriPenyebab.choices)
    tulang = [(label.get(k, k), daftar) for k, daftar in per_kategori.items()]
    svg = fishbone_svg(masalah.uraian, [(lbl, [p.uraian for p in d]) for lbl, d in tulang])
    return RincianMasalah(
        masalah=masalah,
        tulang=tulang,
        pemecahan=urutkan_pemecahan(masalah.pemecahan.all(), _nilai_mivc),
        # Safe: fishbone_svg escapes every text it writes.
        svg=mark_safe(svg),  # noqa: S308
    )


def masalah_dengan_analisis(*, pk: int, queryset) -> Masalah:
    """One problem of ``queryset`` (already scoped) with what ``rincian_masalah`` reads;
    404 outside it."""
    return get_object_or_404(_masalah_qs().filter(pk__in=queryset.values("pk")), pk=pk)


def analisis_masalah(*, puskesmas, tahun: int) -> list[tuple[Peringkat[Masalah], RincianMasalah]]:
    """Every problem of ``tahun`` in USG order, with its analysis (the PDF)."""
    return [
        (p, rincian_masalah(p.item)) for p in masalah_berperingkat(puskesmas=puskesmas, tahun=tahun)
    ]


# --- Other inputs of the analisis situasi -----------------------------------------------


@dataclass
class Demografi:
    tahun: int | None  # the year of the figures shown (None: none entered)
    kategori: list[tuple[str, str]]  # (value, label) columns that have figures
    baris: list[tuple[Desa, list[int | None]]]
    jumlah: list[int]


def demografi_desa(*, puskesmas, tahun: int) -> Demografi:
    """Population per desa from the sasaran figures: the latest year up to ``tahun`` that has
    any (figures of N are often entered before those of N-1 are corrected)."""
    sasaran = SasaranDesa.objects.filter(desa__puskesmas=puskesmas)
    tahun_data = sasaran.filter(tahun__lte=tahun).aggregate(t=Max("tahun"))["t"]
    desa = list(Desa.objects.filter(puskesmas=puskesmas).order_by("nama"))
    if tahun_data is None:
        return Demografi(tahun=None, kategori=[], baris=[(d, []) for d in desa], jumlah=[])
    nilai = {
        (s.desa_id, s.kategori): s.jumlah
        for s in sasaran.filter(tahun=tahun_data).only("desa_id", "kategori", "jumlah")
    }
    ada = {k for _, k in nilai}
    kategori = [(v, lbl) for v, lbl in KategoriSasaran.choices if v in ada]
    baris = [(d, [nilai.get((d.pk, v)) for v, _ in kategori]) for d in desa]
    jumlah = [sum(b[i] or 0 for _, b in baris) for i in range(len(kategori))]
    return Demografi(tahun=tahun_data, kategori=kategori, baris=baris, jumlah=jumlah)


def hasil_survei(*, puskesmas, tahun: int) -> list[HasilSurvei]:
    return list(
        HasilSurvei.objects.filter(puskesmas=puskesmas, tahun=tahun).order_by(
            "jenis", "tanggal", "pk"
        )
    )
