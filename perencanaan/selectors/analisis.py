"""Reads of the analisis situasi: last year's achievements per klaster and the ranked problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Klaster

from ..choices import Arah
from ..models import CapaianTahunan, Indikator, KegiatanRUK, Masalah, TargetKinerja
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
    """Achievements of year ``tahun - 1`` against their targets, per klaster.

    ``tahun`` is the planning year N; the indicators are those of the catalogue of N-1.
    """
    indikator = indikator_katalog(kabupaten=puskesmas.kabupaten, tahun=tahun - 1)
    capaian = {
        c.indikator_id: c
        for c in CapaianTahunan.objects.filter(puskesmas=puskesmas, indikator__in=indikator)
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


def masalah_berperingkat(*, puskesmas, tahun: int) -> list[Peringkat[Masalah]]:
    """The problems of planning year ``tahun``, ranked by USG, each with its RUK activities."""
    qs = (
        Masalah.objects.filter(puskesmas=puskesmas, tahun=tahun)
        .select_related("klaster", "indikator")
        .prefetch_related(
            Prefetch(
                "kegiatan_ruk",
                queryset=KegiatanRUK.objects.select_related("ruk").order_by(
                    "ruk__tahun", "klaster__nomor", "urutan", "pk"
                ),
            )
        )
    )
    return urutkan_usg(qs, lambda m: NilaiUSG(m.urgency, m.seriousness, m.growth, urutan=m.pk))
