"""Reads of PIS-PK: the survey of a Puskesmas and year per desa and for the wilayah (survey
coverage, IKS wilayah with its band, families per band, coverage of each indicator) and
the four steps. Four queries whatever the number of families and desa; the figures come
from the pure rules of ``lokmin.pispk``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from puskesmas.choices import KategoriSasaran
from puskesmas.models import Desa, SasaranDesa

from .. import pispk
from ..models_pispk import JAWABAN_KODE, JenisLangkah, KeluargaPISPK, LangkahPISPK


@dataclass
class RingkasIKS:
    """The survey of one desa, or of the whole wilayah (``desa`` None)."""

    desa: Desa | None
    jumlah_keluarga: int | None  # families in the area (sasaran kepala keluarga)
    keluarga: list = field(default_factory=list)  # answer tuples of the surveyed families

    @property
    def label(self) -> str:
        return self.desa.nama if self.desa else "Wilayah Puskesmas"

    @property
    def disurvei(self) -> int:
        return len(self.keluarga)

    @property
    def cakupan_survei(self) -> Decimal | None:
        return pispk.cakupan_survei(self.disurvei, self.jumlah_keluarga)

    @property
    def survei_tercapai(self) -> bool:
        return pispk.survei_tercapai(self.cakupan_survei)

    @cached_property
    def iks(self) -> Decimal | None:
        return pispk.iks_wilayah(self.keluarga)

    @property
    def iks_tampil(self) -> Decimal | None:
        """The IKS rounded half up to three decimals, for display (bands use the exact one)."""
        return None if self.iks is None else self.iks.quantize(Decimal("0.001"), ROUND_HALF_UP)

    @property
    def kategori(self) -> str | None:
        return pispk.kategori(self.iks)

    @property
    def label_kategori(self) -> str:
        k = self.kategori
        return pispk.LABEL_KATEGORI[k] if k else "Tidak dapat dihitung"

    @cached_property
    def per_kategori(self) -> list[tuple[str, int]]:
        """How many families fall in each band (and how many have no IKS)."""
        hitung = dict.fromkeys([*pispk.LABEL_KATEGORI, None], 0)
        for j in self.keluarga:
            hitung[pispk.kategori(pispk.iks_keluarga(j))] += 1
        return [(pispk.LABEL_KATEGORI.get(k, "Tidak dapat dihitung"), n) for k, n in hitung.items()]

    @property
    def cakupan_indikator(self) -> list[tuple[str, Decimal | None]]:
        return [
            (nama, pispk.cakupan_indikator(self.keluarga, n))
            for n, nama in enumerate(pispk.INDIKATOR, 1)
        ]


@dataclass
class RingkasPISPKTahun:
    tahun: int
    wilayah: RingkasIKS
    desa: list[RingkasIKS]
    langkah: list[tuple[str, str, LangkahPISPK | None]]  # (kode, label, recorded step)

    @property
    def ada_survei(self) -> bool:
        return bool(self.wilayah.keluarga)


def pispk_ringkas(*, puskesmas, tahun: int) -> RingkasPISPKTahun:
    """Four queries: desa, their sasaran KK, the families' answers, the steps."""
    desa = list(Desa.objects.filter(puskesmas=puskesmas).order_by("nama"))
    kk = dict(
        SasaranDesa.objects.filter(
            desa__in=[d.pk for d in desa], tahun=tahun, kategori=KategoriSasaran.KK
        ).values_list("desa_id", "jumlah")
    )
    per_desa: dict[int, list] = defaultdict(list)
    for desa_id, jawaban in KeluargaPISPK.objects.filter(
        puskesmas=puskesmas, tahun=tahun
    ).values_list("desa_id", "jawaban"):
        per_desa[desa_id].append(tuple(JAWABAN_KODE[c] for c in jawaban))
    baris = [RingkasIKS(d, kk.get(d.pk), per_desa.get(d.pk, [])) for d in desa]
    wilayah = RingkasIKS(
        None,
        sum(kk.values()) if kk else None,
        [j for b in baris for j in b.keluarga],
    )
    tercatat = {
        s.langkah: s
        for s in LangkahPISPK.objects.filter(puskesmas=puskesmas, tahun=tahun).select_related(
            "dicatat_oleh"
        )
    }
    return RingkasPISPKTahun(
        tahun=tahun,
        wilayah=wilayah,
        desa=baris,
        langkah=[(k.value, k.label, tercatat.get(k.value)) for k in JenisLangkah],
    )
