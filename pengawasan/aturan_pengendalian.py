"""Pure rules of pengendalian (deviation watch): no ORM, no Django.

docs/domain.md#pengendalian. Per Puskesmas and month three kinds of deviation are watched:

* an **indicator** whose cumulative coverage (all desa together: the achievements of
  months 1..m summed over the desa, over the summed sasaran of the desa) is below the
  cumulative target (yearly target × m / 12, as PWS);
* an **RPK activity** planned in a month up to m (volume > 0) whose realisation of that
  month is missing or recorded as not done;
* a **funding source** whose spending up to m is below ``BATAS_SERAPAN`` % of what was
  planned up to m (each activity's cost spread over its months by planned volume).

Worst first: the largest gap (in percentage points, or months missed, or % of plan spent).

**The loop closes on data** (``saran_efektivitas``): once an RTL raised for an indicator
has its follow-up done, the indicator's gap to the cumulative target is read month by month
from the month of the follow-up. The suggestion is *efektif* when the latest month reached
the cumulative target, or when the gap narrowed in each of the last ``BULAN_MEMBAIK``
months; *belum efektif* when neither holds after ``BULAN_MEMBAIK`` months; no suggestion
while fewer months are known. The person evaluating decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

SERATUS = Decimal(100)
BATAS_SERAPAN = Decimal(90)  # % of plan-to-date spent below which a source deviates
BULAN_MEMBAIK = 3

EFEKTIF = "efektif"
BELUM_EFEKTIF = "belum_efektif"

ALASAN_CAPAI = "Cakupan kumulatif bulan {bulan} telah mencapai target kumulatif."
ALASAN_MEMBAIK = "Selisih terhadap target kumulatif menyempit {n} bulan berturut-turut."
ALASAN_TIDAK_MEMBAIK = (
    "Setelah {n} bulan, cakupan kumulatif belum mencapai target dan selisihnya tidak "
    "menyempit setiap bulan."
)
ALASAN_KURANG_DATA = (
    "Data PWS sejak tindak lanjut baru {ada} bulan; saran diberikan setelah {n} bulan."
)


def cakupan_gabungan(
    capaian_desa: Sequence[tuple[Sequence[int | None], int | None]], bulan: int
) -> Decimal | None:
    """Cumulative coverage of all desa together for month ``bulan``: the achievements of
    months 1..bulan summed over the desa with a sasaran, over their summed sasaran. None
    when no desa has a sasaran or no month was entered."""
    pembilang, penyebut, ada = 0, 0, False
    for capaian, sasaran in capaian_desa:
        if not sasaran:
            continue
        penyebut += sasaran
        terisi = [c for c in capaian[:bulan] if c is not None]
        if terisi:
            ada = True
            pembilang += sum(terisi)
    if not penyebut or not ada:
        return None
    return Decimal(pembilang) * SERATUS / Decimal(penyebut)


def target_kumulatif(target_tahunan: Decimal | None, bulan: int) -> Decimal | None:
    if target_tahunan is None:
        return None
    return Decimal(target_tahunan) * bulan / 12


def selisih(cakupan: Decimal | None, target: Decimal | None) -> Decimal | None:
    """Coverage minus target, in percentage points (negative: behind)."""
    if cakupan is None or target is None:
        return None
    return cakupan - target


def tertinggal(cakupan: Decimal | None, target: Decimal | None) -> bool:
    s = selisih(cakupan, target)
    return s is not None and s < 0


def bulan_tidak_terealisasi(
    *, rencana: Sequence[int], realisasi: dict[int, bool], sampai_bulan: int
) -> list[int]:
    """Months 1..sampai_bulan planned (volume > 0) whose realisation is missing or not done.
    ``rencana[0]`` is January; ``realisasi`` maps month → terlaksana."""
    return [
        m
        for m in range(1, sampai_bulan + 1)
        if m <= len(rencana) and rencana[m - 1] > 0 and not realisasi.get(m, False)
    ]


def rencana_biaya_kumulatif(*, biaya: Decimal, volume: Sequence[int], bulan: int) -> Decimal:
    """The part of an activity's cost planned up to ``bulan``: spread by planned volume (an
    activity with no monthly volume is planned evenly over the year)."""
    total = sum(volume)
    if total <= 0:
        return Decimal(biaya) * bulan / 12
    return Decimal(biaya) * sum(volume[:bulan]) / total


def persen_serapan(*, rencana: Decimal, realisasi: Decimal) -> Decimal | None:
    if not rencana:
        return None
    return Decimal(realisasi) * SERATUS / Decimal(rencana)


def serapan_tertinggal(*, rencana: Decimal, realisasi: Decimal) -> bool:
    p = persen_serapan(rencana=rencana, realisasi=realisasi)
    return p is not None and p < BATAS_SERAPAN


@dataclass(frozen=True)
class SaranEfektivitas:
    hasil: str | None  # EFEKTIF, BELUM_EFEKTIF, or None (not enough data)
    alasan: str


def saran_efektivitas(
    *, selisih_bulanan: Sequence[tuple[int, Decimal | None]], n: int = BULAN_MEMBAIK
) -> SaranEfektivitas:
    """Suggest efektif / belum efektif from the gaps ``(bulan, selisih)`` of the months
    since the follow-up (the first is the month of the follow-up, the baseline).

    Efektif when the latest known month is at or above the cumulative target, or the gap
    narrowed (grew towards zero) in each of the last ``n`` months; belum efektif when ``n``
    months after the baseline are known and neither holds; otherwise no suggestion."""
    diketahui = [(b, s) for b, s in selisih_bulanan if s is not None]
    if diketahui and diketahui[-1][1] >= 0:
        return SaranEfektivitas(EFEKTIF, ALASAN_CAPAI.format(bulan=diketahui[-1][0]))
    sesudah = len(diketahui) - 1  # months after the baseline
    if sesudah < n:
        return SaranEfektivitas(None, ALASAN_KURANG_DATA.format(ada=max(sesudah, 0), n=n))
    akhir = [s for _, s in diketahui[-(n + 1) :]]
    if all(b > a for a, b in zip(akhir, akhir[1:], strict=False)):
        return SaranEfektivitas(EFEKTIF, ALASAN_MEMBAIK.format(n=n))
    return SaranEfektivitas(BELUM_EFEKTIF, ALASAN_TIDAK_MEMBAIK.format(n=n))
