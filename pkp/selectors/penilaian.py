"""Reads of one PKP assessment for the Puskesmas's pages: the summary page and the forms of
one klaster/programme, mutu pelayanan and one management component.

Every read here runs a fixed number of queries, whatever the number of indicators and
variables (asserted in the tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from puskesmas.models import DokumenTertanda

from .. import saran_daftar, scoring
from ..models import (
    BuktiPKP,
    KelompokPelayanan,
    KomponenManajemen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
)
from . import hitung
from .instrumen import pohon


def penilaian_tahun(*, puskesmas, tahun: int) -> PenilaianPKP | None:
    return (
        PenilaianPKP.objects.filter(puskesmas=puskesmas, tahun=tahun)
        .select_related("instrumen", "puskesmas")
        .first()
    )


def baris_capaian(penilaian: PenilaianPKP) -> tuple[list[NilaiPelayanan], list[NilaiMutu]]:
    """Every achievement row of ``penilaian`` with its indicator (two queries)."""
    pelayanan = list(
        NilaiPelayanan.objects.filter(penilaian=penilaian).select_related("indikator__kelompok")
    )
    mutu = list(NilaiMutu.objects.filter(penilaian=penilaian).select_related("indikator"))
    return pelayanan, mutu


@dataclass
class Kemajuan:
    """How far one branch is filled in: ``terisi`` of ``jumlah`` items have a value."""

    id: int | str
    nama: str
    terisi: int = 0
    jumlah: int = 0
    nilai: object = None  # the branch's current value (scoring.tampil), None: not computed
    alasan: str = ""  # why there is no value
    tidak_dihitung: list[str] = field(default_factory=list)  # items excluded, and why

    @property
    def persen(self) -> int:
        return round(100 * self.terisi / self.jumlah) if self.jumlah else 0

    @property
    def lengkap(self) -> bool:
        return self.jumlah > 0 and self.terisi == self.jumlah


@dataclass
class Ringkasan:
    penilaian: PenilaianPKP
    hasil: scoring.HasilPuskesmas
    pelayanan: list[Kemajuan]
    manajemen: list[Kemajuan]
    mutu: Kemajuan
    tanpa_aturan: list[str]
    jejak: list

    @property
    def jumlah_variabel(self) -> int:
        return sum(k.jumlah for k in self.manajemen)

    @property
    def variabel_dinilai(self) -> int:
        return sum(k.terisi for k in self.manajemen)


def _cabang(hasil: scoring.HasilAspek) -> dict:
    return {c.id: c for c in hasil.cabang}


def _daun_tidak_dihitung(cabang: scoring.HasilCabang | None, nama: dict) -> list[str]:
    if cabang is None:
        return []
    return [
        f"{nama.get(d.id, d.id)}: {d.alasan.label}"
        for d in cabang.isi
        if isinstance(d, scoring.HasilIndikator) and d.nilai is None and d.alasan is not None
    ]


def ringkasan(penilaian: PenilaianPKP) -> Ringkasan:
    """The assessment page: progress and current value per klaster/programme, component and
    mutu; what cannot be computed (and why); the workflow history."""
    tree = pohon(penilaian.instrumen)
    hasil = hitung.hasil_penilaian(penilaian, akhir=False, tree=tree)
    pel, man, mut = hitung.nilai_baris(penilaian, akhir=False)
    cabang_pel = _cabang(hasil.pelayanan)
    cabang_man = _cabang(hasil.manajemen)
    cabang_mut = _cabang(hasil.mutu) if hasil.mutu else {}

    def kemajuan(id, nama, anak, nilai, cabang, label) -> Kemajuan:
        c = cabang.get(id)
        return Kemajuan(
            id=id,
            nama=nama,
            terisi=sum(1 for a in anak if nilai.get(a.pk) is not None),
            jumlah=len(anak),
            nilai=scoring.tampil(c.nilai) if c else None,
            alasan=c.alasan.label if c and c.alasan else "",
            tidak_dihitung=_daun_tidak_dihitung(c, label),
        )

    pelayanan = []
    for k in tree.kelompok:
        anak = list(k.indikator.all())
        label = {i.pk: f"{i.kode} {i.nama}" for i in anak}
        pelayanan.append(kemajuan(k.pk, k.nama, anak, pel, cabang_pel, label))
    manajemen = []
    semua_kode = []
    for k in tree.komponen:
        anak = list(k.variabel.all())
        semua_kode.extend(v.kode for v in anak)
        baris = kemajuan(k.pk, f"{k.kode} {k.nama}", anak, man, cabang_man, {})
        baris.tidak_dihitung = []  # an unscored variable shows in the progress instead
        manajemen.append(baris)
    label_mutu = {i.pk: f"{i.kode} {i.nama}" for i in tree.mutu}
    mutu = kemajuan("mutu", "Mutu pelayanan", tree.mutu, mut, cabang_mut, label_mutu)
    return Ringkasan(
        penilaian=penilaian,
        hasil=hasil,
        pelayanan=pelayanan,
        manajemen=manajemen,
        mutu=mutu,
        tanpa_aturan=saran_daftar.tanpa_aturan(semua_kode),
        jejak=list(penilaian.jejak()),
    )


def kelompok_pelayanan(penilaian: PenilaianPKP) -> list[KelompokPelayanan]:
    return list(KelompokPelayanan.objects.filter(instrumen_id=penilaian.instrumen_id))


def komponen_manajemen(penilaian: PenilaianPKP) -> list[KomponenManajemen]:
    return list(KomponenManajemen.objects.filter(instrumen_id=penilaian.instrumen_id))


def baris_kelompok(penilaian: PenilaianPKP, kelompok: KelompokPelayanan) -> list[NilaiPelayanan]:
    return list(
        NilaiPelayanan.objects.filter(penilaian=penilaian, indikator__kelompok=kelompok)
        .select_related("indikator", "diverifikasi_oleh")
        .order_by("indikator__urutan", "pk")
    )


def baris_mutu(penilaian: PenilaianPKP) -> list[NilaiMutu]:
    return list(
        NilaiMutu.objects.filter(penilaian=penilaian).select_related(
            "indikator", "diverifikasi_oleh"
        )
    )


def baris_komponen(penilaian: PenilaianPKP, komponen: KomponenManajemen) -> list[NilaiManajemen]:
    """The scores of one component with their variable and evidence (two queries)."""
    return list(
        NilaiManajemen.objects.filter(penilaian=penilaian, variabel__komponen=komponen)
        .select_related("variabel", "diverifikasi_oleh")
        .prefetch_related(Prefetch("bukti", queryset=BuktiPKP.objects.select_related("dokumen")))
        .order_by("variabel__urutan", "pk")
    )


def dokumen_puskesmas_qs(penilaian: PenilaianPKP):
    """The signed documents of the Puskesmas, for evidence (newest first)."""
    return DokumenTertanda.objects.filter(puskesmas_id=penilaian.puskesmas_id).order_by(
        "-tanggal", "-pk"
    )
