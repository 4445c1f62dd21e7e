"""PKP demo data for ``seed_demo``: the demo kabupaten's assessments of the last two finished
years, so the ranking, verification and assessment pages show something real.

The PKP year of the demo is the last finished year (today's year − 1), which is what the
PKP result pages default to (the navbar's year − 1): the assessment of year N is made on
January–December data of N and set in N+1. Year N: four Puskesmas set across the three
groups, one submitted, one still a draft; year N−1: all six set, so the ranking compares.

Everything goes through the services (``penilaian_buka``, ``penilaian_langkah``); item
values and the verifier's agreement are plain updates of the rows the service created (the
forms and the verification pages write them one by one). Running it again changes nothing:
an instrument or assessment that exists is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from .models import (
    Instrumen,
    JenisTarget,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    StatusVerifikasi,
)
from .services.instrumen import instrumen_salin, standar_nasional_pastikan
from .services.penilaian import penilaian_buka, penilaian_langkah

SELESAI, DIAJUKAN, DRAF = "ditetapkan", "diajukan", "draft"


@dataclass(frozen=True)
class Profil:
    """One demo assessment: the coverage per klaster/programme (in the instrument's order,
    the last repeated), the management score per component (by code, default ``skor``),
    the mutu coverage, and how far it goes."""

    cakupan: tuple[int, ...]
    skor: int
    skor_komponen: tuple[tuple[str, int], ...] = ()
    mutu: int = 90
    sampai: str = SELESAI


# Year N (the last finished year). Groups by hand (thresholds 91/81 and 8.5/5.5, the
# overall group the weaker of pelayanan and manajemen):
#   Sukamaju   pelayanan (98+93+95+97)/4 = 95.75 I, manajemen (10+10+7+10+10)/5 = 9.4 I → I
#   Wanasari   pelayanan ≈ 93 I, manajemen 7 II → II (1st)
#   Kedungwaru pelayanan ≈ 86 II, manajemen 9.4 I → II (2nd: lower pelayanan)
#   Girimulya  pelayanan ≈ 74 III, manajemen (4+7+7+7+7)/5 = 6.4 II → III
#   Cempaka submitted, Tanjungsari a draft: listed apart, not ranked.
PROFIL_N = {
    "P3399010101": Profil((98, 93, 95, 97), 10, (("1.3", 7),), mutu=94),
    "P3399020101": Profil((95, 92, 90, 95), 7, mutu=88),
    "P3399020202": Profil((88, 84, 86, 86), 10, (("1.5", 7),), mutu=85),
    "P3399030101": Profil((78, 70, 72, 76), 7, (("1.1", 4),), mutu=70),
    "P3399010202": Profil((92, 90, 89, 91), 7, sampai=DIAJUKAN),
    "P3399030202": Profil((85, 80, 82, 84), 7, sampai=DRAF),
}
# Year N−1: every Puskesmas set, so each row of year N has something to compare with.
PROFIL_LALU = {
    "P3399010101": Profil((90, 86, 88, 88), 7, (("1.1", 10),)),  # II
    "P3399010202": Profil((92, 88, 90, 90), 7),  # II
    "P3399020101": Profil((95, 93, 94, 96), 10, (("1.2", 7),)),  # I
    "P3399020202": Profil((80, 76, 78, 78), 7),  # III
    "P3399030101": Profil((75, 70, 72, 70), 4, (("1.1", 7),)),  # III
    "P3399030202": Profil((86, 84, 85, 85), 7),  # II
}


def tahun_pkp_demo() -> int:
    """The demo's PKP year: the last finished year."""
    return timezone.localdate().year - 1


def _capaian(indikator, cakupan: int) -> Decimal:
    """An achievement that gives ``cakupan`` % coverage against the indicator's target."""
    target = indikator.target
    if indikator.arah == JenisTarget.TURUN:
        nilai = target if cakupan >= 100 else target * 100 / Decimal(cakupan)
    elif indikator.arah == JenisTarget.RENTANG:
        nilai = target if cakupan >= 100 else target * Decimal(cakupan) / 100
    else:
        nilai = target * Decimal(cakupan) / 100
    return nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _isi(penilaian, profil: Profil, kelompok_urutan: dict[int, int]) -> None:
    pelayanan = list(NilaiPelayanan.objects.filter(penilaian=penilaian).select_related("indikator"))
    for n in pelayanan:
        i = kelompok_urutan[n.indikator.kelompok_id]
        n.capaian = _capaian(n.indikator, profil.cakupan[min(i, len(profil.cakupan) - 1)])
        n.keterangan_sumber = "Data demo"
    NilaiPelayanan.objects.bulk_update(pelayanan, ["capaian", "keterangan_sumber"])
    NilaiManajemen.objects.filter(penilaian=penilaian).update(skor=profil.skor)
    for kode, skor in profil.skor_komponen:
        NilaiManajemen.objects.filter(penilaian=penilaian, variabel__komponen__kode=kode).update(
            skor=skor
        )
    mutu = list(NilaiMutu.objects.filter(penilaian=penilaian).select_related("indikator"))
    for n in mutu:
        n.capaian = _capaian(n.indikator, profil.mutu)
    NilaiMutu.objects.bulk_update(mutu, ["capaian"])


def _instrumen(kabupaten, tahun: int, admin) -> Instrumen:
    standar_nasional_pastikan(tahun)
    ada = Instrumen.objects.filter(kabupaten=kabupaten, tahun=tahun).first()
    return ada or instrumen_salin(user=admin, kabupaten=kabupaten, tahun=tahun)


def isi_demo(*, kabupaten, admin, verifikator, kepala: dict[str, object]) -> int:
    """The demo kabupaten's PKP of the last two finished years; ``kepala`` maps a
    Puskesmas code to its Kepala (who opens and submits). Returns the PKP year."""
    from puskesmas.models import Puskesmas

    tahun = tahun_pkp_demo()
    puskesmas = {p.kode: p for p in Puskesmas.objects.filter(kabupaten=kabupaten)}
    for t, profil_tahun in ((tahun - 1, PROFIL_LALU), (tahun, PROFIL_N)):
        instrumen = _instrumen(kabupaten, t, admin)
        kelompok_urutan = {
            k.pk: i for i, k in enumerate(instrumen.kelompok_pelayanan.order_by("urutan", "pk"))
        }
        for kode, profil in profil_tahun.items():
            p, user = puskesmas.get(kode), kepala.get(kode)
            if p is None or user is None:
                continue
            penilaian, dibuat = penilaian_buka(puskesmas=p, tahun=t, user=user)
            if not dibuat:
                continue  # already there: leave it as it is
            _isi(penilaian, profil, kelompok_urutan)
            if profil.sampai == DRAF:
                continue
            penilaian = penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=user)
            if profil.sampai == DIAJUKAN:
                continue
            sekarang = timezone.now()
            for model in (NilaiPelayanan, NilaiManajemen, NilaiMutu):
                model.objects.filter(penilaian=penilaian).update(
                    status_verifikasi=StatusVerifikasi.SETUJU,
                    diverifikasi_oleh=verifikator,
                    diverifikasi_pada=sekarang,
                )
            penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=verifikator)
    return tahun
