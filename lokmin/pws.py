"""Pure rules of PWS (Pemantauan Wilayah Setempat): no ORM, no Django.

Per desa, per indicator, per month an achievement (a count of people reached) is set
against the desa's **sasaran**: the number of people in the indicator's target group for
the year. The yearly target % is never multiplied into the denominator; coverage is
*compared with* the target (see the domain reference, section PWS).

* ``cakupan``: achievement ÷ sasaran, in %; a zero or missing sasaran gives None
  ("tidak dapat dihitung"), never a division error.
* ``target_kumulatif``: yearly target × m / 12.
* ``status_desa``: baik / kurang / cukup / jelek from the cumulative coverage against the
  cumulative target and this month's (monthly) coverage against last month's. "No change"
  counts as up; month 1 compares with zero; being exactly at the cumulative target counts
  as at or above it.
* ``hitung``: everything a PWS table row shows for one desa, indicator and month.
* ``peringatan``: the checks made when a value is entered (above the sasaran, lowering a
  month whose later cumulative was already reported, far outside the desa's own history).

Coverage is kept unrounded (Decimal) so that comparisons are exact; rounding is for display.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

BAIK = "baik"
KURANG = "kurang"
CUKUP = "cukup"
JELEK = "jelek"
TIDAK_DAPAT_DIHITUNG = "tidak_dapat_dihitung"

LABEL_STATUS = {
    BAIK: "Baik",
    KURANG: "Kurang",
    CUKUP: "Cukup",
    JELEK: "Jelek",
    TIDAK_DAPAT_DIHITUNG: "Tidak dapat dihitung",
}
# Worst first: how desa (and Puskesmas) are ordered when the worst must come first.
URUTAN_STATUS = {JELEK: 0, CUKUP: 1, KURANG: 2, BAIK: 3, TIDAK_DAPAT_DIHITUNG: 4}

BULAN_MIN, BULAN_MAKS = 1, 12
# policy: a month's PWS is due on day 5 of the next month.
HARI_BATAS = 5
SERATUS = Decimal(100)

# A month is "far outside" the desa's history when it is above twice the highest earlier
# month or below half the lowest; judged only once there are enough earlier months.
RIWAYAT_MIN = 3
FAKTOR_ATAS = 2
FAKTOR_BAWAH = Decimal("0.5")

PESAN_BULAN = "Bulan harus 1–12."
PESAN_KETEPATAN = "Sel tepat waktu harus 0 sampai jumlah sel yang diharapkan."
PESAN_MELEBIHI_SASARAN = "Capaian {nilai} melebihi sasaran desa ({sasaran})."
PESAN_KUMULATIF_TURUN = (
    "Nilai turun dari {lama} menjadi {baru}: kumulatif bulan berikutnya yang sudah "
    "dilaporkan ikut turun."
)
PESAN_DI_LUAR_RIWAYAT = (
    "Capaian {nilai} jauh di luar riwayat desa ini (bulan-bulan sebelumnya {minimum}–{maksimum})."
)


def _periksa_bulan(bulan: int) -> None:
    if not BULAN_MIN <= bulan <= BULAN_MAKS:
        raise ValueError(PESAN_BULAN)


def batas_isi(tahun: int, bulan: int) -> date:
    """When month ``bulan``'s PWS data is due: day 5 of the next month (January for December)."""
    _periksa_bulan(bulan)
    if bulan == BULAN_MAKS:
        return date(tahun + 1, 1, HARI_BATAS)
    return date(tahun, bulan + 1, HARI_BATAS)


def tepat_waktu(diisi: date, tahun: int, bulan: int) -> bool:
    """Whether a cell of month ``bulan`` first entered on ``diisi`` (local date) was on time:
    on or before the due day, the due day itself included."""
    return diisi <= batas_isi(tahun, bulan)


def ketepatan(diharapkan: int, tepat_waktu: int) -> Decimal | None:
    """Timeliness: the cells entered by the due day (``batas_isi``) as a % of the cells
    expected; None when nothing is expected. A cell counts by when it was first entered."""
    if not 0 <= tepat_waktu <= diharapkan:
        raise ValueError(PESAN_KETEPATAN)
    if not diharapkan:
        return None
    return Decimal(tepat_waktu) * SERATUS / Decimal(diharapkan)


def cakupan(capaian: int | None, sasaran: int | None) -> Decimal | None:
    """Achievement as a % of the sasaran; None when either is missing or the sasaran is 0."""
    if capaian is None or not sasaran:
        return None
    return Decimal(capaian) * SERATUS / Decimal(sasaran)


def kumulatif(capaian: Sequence[int | None], bulan: int) -> int | None:
    """Sum of the achievements of months 1..``bulan`` (``capaian[0]`` is January).

    A month not entered adds nothing; None when no month up to ``bulan`` was entered.
    """
    _periksa_bulan(bulan)
    terisi = [c for c in capaian[:bulan] if c is not None]
    return sum(terisi) if terisi else None


def target_kumulatif(target_tahunan: Decimal | None, bulan: int) -> Decimal | None:
    """The yearly target % spread evenly: target × m / 12 (None without a target)."""
    _periksa_bulan(bulan)
    if target_tahunan is None:
        return None
    return Decimal(target_tahunan) * bulan / BULAN_MAKS


def status_desa(
    *,
    cakupan_kumulatif: Decimal | None,
    target_kumulatif: Decimal | None,
    cakupan_bulan_ini: Decimal | None,
    cakupan_bulan_lalu: Decimal | None,
) -> str:
    """baik / kurang / cukup / jelek, or tidak dapat dihitung when a figure is missing.

    At or above the cumulative target: baik when this month's coverage is not below last
    month's, else kurang. Below it: cukup when not below last month's, else jelek. A missing
    last month (month 1, or a month nothing was entered) counts as zero.
    """
    if cakupan_kumulatif is None or target_kumulatif is None or cakupan_bulan_ini is None:
        return TIDAK_DAPAT_DIHITUNG
    lalu = cakupan_bulan_lalu if cakupan_bulan_lalu is not None else Decimal(0)
    naik = cakupan_bulan_ini >= lalu
    if cakupan_kumulatif >= target_kumulatif:
        return BAIK if naik else KURANG
    return CUKUP if naik else JELEK


@dataclass(frozen=True)
class HasilPWS:
    """One desa, indicator and month, as the PWS table shows it."""

    bulan: int
    sasaran: int | None
    capaian_bulan: int | None
    capaian_kumulatif: int | None
    cakupan_bulan: Decimal | None
    cakupan_bulan_lalu: Decimal | None
    cakupan_kumulatif: Decimal | None
    target_kumulatif: Decimal | None
    status: str

    @property
    def label_status(self) -> str:
        return LABEL_STATUS[self.status]

    @property
    def dapat_dihitung(self) -> bool:
        return self.status != TIDAK_DAPAT_DIHITUNG


def _bulan_ke(capaian: Sequence[int | None], bulan: int) -> int | None:
    """Month ``bulan``'s value (1 = January); None when not entered or not in the list."""
    return capaian[bulan - 1] if 0 < bulan <= len(capaian) else None


def hitung(
    *,
    capaian: Sequence[int | None],
    bulan: int,
    sasaran: int | None,
    target_tahunan: Decimal | None,
) -> HasilPWS:
    """The PWS figures of month ``bulan`` from the monthly achievements of the year.

    ``capaian`` lists the months from January (a shorter list means later months are not
    entered). This month not entered: its coverage is unknown, so is the status. Month 1 has
    no last month (shown as unknown); ``status_desa`` compares it with zero.
    """
    _periksa_bulan(bulan)
    ini = _bulan_ke(capaian, bulan)
    lalu = _bulan_ke(capaian, bulan - 1)
    kum = kumulatif(capaian, bulan)
    hasil_kum = cakupan(kum, sasaran)
    hasil_ini = cakupan(ini, sasaran)
    hasil_lalu = cakupan(lalu, sasaran)
    target = target_kumulatif(target_tahunan, bulan)
    return HasilPWS(
        bulan=bulan,
        sasaran=sasaran,
        capaian_bulan=ini,
        capaian_kumulatif=kum,
        cakupan_bulan=hasil_ini,
        cakupan_bulan_lalu=hasil_lalu,
        cakupan_kumulatif=hasil_kum,
        target_kumulatif=target,
        status=status_desa(
            cakupan_kumulatif=hasil_kum,
            target_kumulatif=target,
            cakupan_bulan_ini=hasil_ini,
            cakupan_bulan_lalu=hasil_lalu,
        ),
    )


def di_luar_riwayat(nilai: int, riwayat: Sequence[int | None]) -> bool:
    """Is ``nilai`` far outside the earlier months (above 2 × max or below ½ × min)?

    Judged only with at least ``RIWAYAT_MIN`` earlier months entered.
    """
    terisi = [r for r in riwayat if r is not None]
    if len(terisi) < RIWAYAT_MIN:
        return False
    return nilai > max(terisi) * FAKTOR_ATAS or nilai < min(terisi) * FAKTOR_BAWAH


def peringatan(
    *,
    nilai: int,
    sasaran: int | None,
    riwayat: Sequence[int | None] = (),
    nilai_lama: int | None = None,
    ada_bulan_berikutnya: bool = False,
) -> list[str]:
    """Reasons to confirm a value before it is saved (empty: nothing unusual).

    * above the desa's sasaran (a month cannot reach more people than the whole group);
    * lowering a month whose later months are already entered: the cumulative figures
      already reported for them fall;
    * far outside the desa's own earlier months (``di_luar_riwayat``).
    """
    alasan = []
    if sasaran is not None and nilai > sasaran:
        alasan.append(PESAN_MELEBIHI_SASARAN.format(nilai=nilai, sasaran=sasaran))
    if ada_bulan_berikutnya and nilai_lama is not None and nilai < nilai_lama:
        alasan.append(PESAN_KUMULATIF_TURUN.format(lama=nilai_lama, baru=nilai))
    if di_luar_riwayat(nilai, riwayat):
        terisi = [r for r in riwayat if r is not None]
        alasan.append(
            PESAN_DI_LUAR_RIWAYAT.format(nilai=nilai, minimum=min(terisi), maksimum=max(terisi))
        )
    return alasan


def urutkan_terburuk(status: Sequence[str]) -> list[str]:
    """Statuses ordered worst first (jelek, cukup, kurang, baik, tidak dapat dihitung)."""
    return sorted(status, key=URUTAN_STATUS.__getitem__)


def ringkas_status(status: Sequence[str]) -> dict[str, int]:
    """How many desa hold each status (every status listed, zero when none)."""
    hasil = dict.fromkeys(LABEL_STATUS, 0)
    for s in status:
        hasil[s] += 1
    return hasil
