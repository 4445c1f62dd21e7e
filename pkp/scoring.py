"""Scoring of the Penilaian Kinerja Puskesmas (PKP): plain values in, plain values out.

No Django and no ORM here: the instrument and the figures are read elsewhere and handed in
as the frozen dataclasses below, so the rules can be checked exhaustively on their own.
The rules are those of docs/domain.md (PKP); where the sources are silent the choice is
written next to the code and in docs/domain.md, section 4.

Arithmetic is Decimal throughout, in a context of its own (``KONTEKS``: 28 significant
digits, ROUND_HALF_EVEN), whatever the caller's context is. Nothing is rounded on the way:
a division is exact whenever its quotient ends within 28 digits (every threshold does), and
groups are decided on those unrounded values (a ratio multiplies by 100 before it
divides, so it is rounded once, if at all). Rounding is for display only: ``tampil``
gives one decimal, half up (docs/domain.md: "round only for display").

* Coverage of one indicator (``nilai_indikator``), capped at 100:
  higher is better (``NAIK``): capaian ÷ target × 100;
  a maximum (``TURUN``, lower is better): 100 when capaian ≤ target, else
  target ÷ capaian × 100;
  a band (``RENTANG``, target ≤ x ≤ target_atas): 100 inside it, below it
  capaian ÷ target × 100, above it target_atas ÷ capaian × 100.
  capaian and target are in the same unit (both % or both counts: achievement against
  the target sasaran). A missing target, a target of 0 or a missing capaian makes the
  indicator "tidak dapat dihitung": excluded from every average and listed, never 0.
* Kinerja pelayanan and mutu pelayanan: plain (unweighted) averages up a tree of any depth
  (indicator → sub-variable → variable → programme/klaster → aspect). A branch with
  nothing to count has no value and is left out of its parent's average, like an indicator.
* Kinerja manajemen: each variable 0 / 4 / 7 / 10 (unscored: excluded and listed); a
  component is the mean of its variables, the aspect the mean of its components (0–10).
* Groups per aspect from ``AmbangKelompok`` (defaults of docs/domain.md, configurable per
  year); the overall group by ``terendah`` (the weakest counted aspect) unless another rule
  is given; the order inside a group by ``kunci_urutan``; ``peringkat`` ranks a list.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from enum import IntEnum, StrEnum

KONTEKS = Context(prec=28, rounding=ROUND_HALF_EVEN)
SERATUS = Decimal(100)
SKOR_MANAJEMEN = frozenset({0, 4, 7, 10})

PESAN_RENTANG = "Target rentang perlu batas bawah dan batas atas."
PESAN_RENTANG_TERBALIK = "Batas bawah rentang melebihi batas atas."
PESAN_BUKAN_RENTANG = "Batas atas hanya untuk target rentang."
PESAN_SKOR_MANAJEMEN = "Skor manajemen harus 0, 4, 7 atau 10."
PESAN_NEGATIF = "Nilai harus bilangan tidak negatif."
PESAN_FLOAT = "Nilai harus Decimal, int atau teks, bukan float."
PESAN_AMBANG = "Ambang cukup melebihi ambang baik."
PESAN_KOMPONEN = "Komponen manajemen hanya berisi variabel manajemen."
PESAN_MUTU = "Mutu pelayanan dihitung tetapi nilainya tidak diberikan."


class JenisTarget(StrEnum):
    """How an indicator meets its target (values as the catalogue's ``Arah`` plus the band)."""

    NAIK = "naik"  # higher is better
    TURUN = "turun"  # a maximum: lower is better (inverse indicator)
    RENTANG = "rentang"  # a band: target ≤ capaian ≤ target_atas


class Alasan(StrEnum):
    """Why a value is missing: shown to the user, never replaced by 0."""

    TANPA_TARGET = "tanpa_target"
    TARGET_NOL = "target_nol"
    TANPA_CAPAIAN = "tanpa_capaian"
    BELUM_DINILAI = "belum_dinilai"  # a management variable without a score
    KOSONG = "kosong"  # a branch or aspect with nothing that can be counted

    @property
    def label(self) -> str:
        return {
            "tanpa_target": "Tidak dapat dihitung: target belum ada",
            "target_nol": "Tidak dapat dihitung: target 0",
            "tanpa_capaian": "Tidak dapat dihitung: capaian belum ada",
            "belum_dinilai": "Belum dinilai",
            "kosong": "Tidak ada nilai yang dapat dihitung",
        }[self.value]


class Kelompok(IntEnum):
    """PKP groups; a higher number is a weaker group, so the weakest is ``max``."""

    I = 1  # noqa: E741 - the official name of the group
    II = 2
    III = 3

    @property
    def label(self) -> str:
        return {1: "Kelompok I (baik)", 2: "Kelompok II (cukup)", 3: "Kelompok III (kurang)"}[
            self.value
        ]


class Aspek(StrEnum):
    PELAYANAN = "kinerja_pelayanan"
    MANAJEMEN = "kinerja_manajemen"
    MUTU = "mutu_pelayanan"


def _desimal(nilai, nama: str) -> Decimal | None:
    """None stays None; a float is refused (its binary value is not the figure typed)."""
    if nilai is None:
        return None
    if isinstance(nilai, float):
        raise TypeError(f"{PESAN_FLOAT} ({nama})")
    hasil = Decimal(nilai)
    if not hasil.is_finite() or hasil < 0:
        raise ValueError(f"{PESAN_NEGATIF} ({nama}: {nilai!r})")
    return hasil


# --- indicators -------------------------------------------------------------------------


@dataclass(frozen=True)
class Indikator:
    """One indicator of kinerja pelayanan or mutu: capaian against target.

    For a band, ``target`` is its lower and ``target_atas`` its upper bound.
    """

    id: Hashable
    capaian: Decimal | None
    target: Decimal | None
    jenis: JenisTarget = JenisTarget.NAIK
    target_atas: Decimal | None = None

    def __post_init__(self):
        for nama in ("capaian", "target", "target_atas"):
            object.__setattr__(self, nama, _desimal(getattr(self, nama), nama))
        jenis = JenisTarget(self.jenis)
        object.__setattr__(self, "jenis", jenis)
        if jenis is JenisTarget.RENTANG:
            # Both bounds or neither (neither: an indicator without a target, excluded).
            if (self.target is None) != (self.target_atas is None):
                raise ValueError(PESAN_RENTANG)
            if self.target is not None and self.target > self.target_atas:
                raise ValueError(PESAN_RENTANG_TERBALIK)
        elif self.target_atas is not None:
            raise ValueError(PESAN_BUKAN_RENTANG)


@dataclass(frozen=True)
class HasilIndikator:
    id: Hashable
    nilai: Decimal | None  # coverage 0–100, None when it cannot be computed
    alasan: Alasan | None = None  # why nilai is None


def nilai_indikator(indikator: Indikator) -> HasilIndikator:
    """Coverage of one indicator against its target, 0–100 (formulas in the module doc)."""
    i = indikator
    if i.target is None:
        return HasilIndikator(i.id, None, Alasan.TANPA_TARGET)
    # A band's divisor is its upper bound when above it, its lower one when below it;
    # the lower one may be 0 (nothing is below 0), the upper one may not.
    batas = i.target_atas if i.jenis is JenisTarget.RENTANG else i.target
    if not batas:
        return HasilIndikator(i.id, None, Alasan.TARGET_NOL)
    if i.capaian is None:
        return HasilIndikator(i.id, None, Alasan.TANPA_CAPAIAN)
    # Each ratio is below 100 only on its side of the target, so the smallest of 100 and
    # the ratios that apply is the coverage, capped, with no comparison at the bounds.
    rasio = [SERATUS]
    with localcontext(KONTEKS):
        if i.jenis is not JenisTarget.TURUN and i.target:  # under a target or a band
            rasio.append(i.capaian * SERATUS / i.target)
        if i.jenis is not JenisTarget.NAIK and i.capaian:  # over a maximum or a band
            rasio.append(batas * SERATUS / i.capaian)
    return HasilIndikator(i.id, min(rasio))


# --- averages up the tree ---------------------------------------------------------------


@dataclass(frozen=True)
class Cabang:
    """A branch of the tree: sub-variable, variable, programme/klaster, or a management
    component. ``isi`` holds indicators, management variables or further branches."""

    id: Hashable
    isi: tuple[Indikator | VariabelManajemen | Cabang, ...]

    def __post_init__(self):
        object.__setattr__(self, "isi", tuple(self.isi))


@dataclass(frozen=True)
class HasilCabang:
    id: Hashable
    nilai: Decimal | None  # plain mean of the children that have a value
    isi: tuple[HasilIndikator | HasilCabang, ...]
    alasan: Alasan | None = None  # KOSONG when no child has a value

    @property
    def tidak_dihitung(self) -> tuple[HasilIndikator, ...]:
        """Every leaf below this branch that was left out, in the order of the tree."""
        hasil = []
        for anak in self.isi:
            if isinstance(anak, HasilCabang):
                hasil.extend(anak.tidak_dihitung)
            elif anak.nilai is None:
                hasil.append(anak)
        return tuple(hasil)


def rata_rata(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """Plain mean of the values that are not None; None when there are none."""
    ada = [n for n in nilai if n is not None]
    if not ada:
        return None
    with localcontext(KONTEKS):
        return sum(ada) / len(ada)


@dataclass(frozen=True)
class VariabelManajemen:
    """One variable of kinerja manajemen, scored 0 / 4 / 7 / 10 (None: not scored yet)."""

    id: Hashable
    skor: int | None

    def __post_init__(self):
        if self.skor is not None and (
            isinstance(self.skor, bool) or self.skor not in SKOR_MANAJEMEN
        ):
            raise ValueError(f"{PESAN_SKOR_MANAJEMEN} ({self.skor!r})")


def _nilai_daun(daun: Indikator | VariabelManajemen) -> HasilIndikator:
    if isinstance(daun, VariabelManajemen):
        if daun.skor is None:
            return HasilIndikator(daun.id, None, Alasan.BELUM_DINILAI)
        return HasilIndikator(daun.id, Decimal(daun.skor))
    return nilai_indikator(daun)


def nilai_cabang(cabang: Cabang) -> HasilCabang:
    """Value of a branch: the plain mean of its children's values, each child counting once
    whatever its size; children without a value are left out and listed."""
    isi = tuple(
        nilai_cabang(anak) if isinstance(anak, Cabang) else _nilai_daun(anak) for anak in cabang.isi
    )
    nilai = rata_rata(anak.nilai for anak in isi)
    return HasilCabang(cabang.id, nilai, isi, None if nilai is not None else Alasan.KOSONG)


# --- groups -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AmbangKelompok:
    """Lower bounds of groups I and II of one aspect. The published bands leave gaps
    (e.g. "> 91" / "81 – 90"), so a Dinkes may say per year whether each bound is
    inclusive; the defaults close the gaps: ≥ baik is I, ≥ cukup is II, the rest III."""

    baik: Decimal
    cukup: Decimal
    baik_inklusif: bool = True
    cukup_inklusif: bool = True

    def __post_init__(self):
        object.__setattr__(self, "baik", _desimal(self.baik, "baik"))
        object.__setattr__(self, "cukup", _desimal(self.cukup, "cukup"))
        if self.cukup > self.baik:
            raise ValueError(PESAN_AMBANG)


AMBANG_PELAYANAN = AmbangKelompok(Decimal(91), Decimal(81))  # also mutu pelayanan
AMBANG_MANAJEMEN = AmbangKelompok(Decimal("8.5"), Decimal("5.5"))


def _lewat(nilai: Decimal, batas: Decimal, inklusif: bool) -> bool:
    return nilai >= batas if inklusif else nilai > batas


def kelompok(nilai: Decimal | None, ambang: AmbangKelompok) -> Kelompok | None:
    """Group of one aspect's value; None when the aspect has no value."""
    if nilai is None:
        return None
    if _lewat(nilai, ambang.baik, ambang.baik_inklusif):
        return Kelompok.I
    if _lewat(nilai, ambang.cukup, ambang.cukup_inklusif):
        return Kelompok.II
    return Kelompok.III


# --- aspects ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilAspek:
    aspek: Aspek
    nilai: Decimal | None  # 0–100 (pelayanan, mutu) or 0–10 (manajemen); None: nothing counted
    kelompok: Kelompok | None
    cabang: tuple[HasilCabang, ...]
    alasan: Alasan | None = None  # KOSONG when there is no value

    @property
    def tidak_dihitung(self) -> tuple[HasilIndikator, ...]:
        return tuple(t for c in self.cabang for t in c.tidak_dihitung)


def nilai_aspek(aspek: Aspek, cabang: Iterable[Cabang], ambang: AmbangKelompok) -> HasilAspek:
    """An aspect: the plain mean of its top branches (programmes/klaster or components)."""
    hasil = tuple(nilai_cabang(c) for c in cabang)
    nilai = rata_rata(c.nilai for c in hasil)
    return HasilAspek(
        aspek=Aspek(aspek),
        nilai=nilai,
        kelompok=kelompok(nilai, ambang),
        cabang=hasil,
        alasan=None if nilai is not None else Alasan.KOSONG,
    )


def skor_pelayanan(program: Iterable[Cabang], ambang=AMBANG_PELAYANAN) -> HasilAspek:
    """Kinerja pelayanan: programmes/klaster of indicators, 0–100."""
    return nilai_aspek(Aspek.PELAYANAN, program, ambang)


def skor_mutu(program: Iterable[Cabang], ambang=AMBANG_PELAYANAN) -> HasilAspek:
    """Mutu pelayanan: indicators with targets like kinerja pelayanan, same thresholds by
    default (docs/domain.md gives none of its own)."""
    return nilai_aspek(Aspek.MUTU, program, ambang)


def skor_manajemen(komponen: Iterable[Cabang], ambang=AMBANG_MANAJEMEN) -> HasilAspek:
    """Kinerja manajemen: components of 0/4/7/10 variables → component mean → aspect
    mean, 0–10."""
    komponen = tuple(komponen)
    for k in komponen:
        if not all(isinstance(v, VariabelManajemen) for v in k.isi):
            raise TypeError(f"{PESAN_KOMPONEN} ({k.id!r})")
    return nilai_aspek(Aspek.MANAJEMEN, komponen, ambang)


# --- a Puskesmas: overall group and order -----------------------------------------------


def terendah(kelompok: Sequence[Kelompok]) -> Kelompok:
    """The default overall rule of docs/domain.md: the weakest of the aspects' groups."""
    return max(kelompok)


@dataclass(frozen=True)
class HasilPuskesmas:
    id: Hashable  # a stable id (e.g. the Puskesmas code): the last tie-break
    pelayanan: HasilAspek
    manajemen: HasilAspek
    mutu: HasilAspek | None
    mutu_dihitung: bool
    kelompok: Kelompok | None  # None while a counted aspect has no value
    tanpa_nilai: tuple[Aspek, ...]  # counted aspects without a value


def nilai_puskesmas(
    id: Hashable,
    pelayanan: HasilAspek,
    manajemen: HasilAspek,
    mutu: HasilAspek | None = None,
    *,
    mutu_dihitung: bool = False,
    gabung: Callable[[Sequence[Kelompok]], Kelompok] = terendah,
) -> HasilPuskesmas:
    """Overall group of one Puskesmas from its aspects.

    The counted aspects are kinerja pelayanan and kinerja manajemen, plus mutu pelayanan when
    that year's instrument says so (``mutu_dihitung``). The group is ``gabung`` of their
    groups (default: the weakest). A counted aspect without a value leaves the Puskesmas
    without a group (listed in ``tanpa_nilai``): it is never treated as kurang.
    """
    if mutu_dihitung and mutu is None:
        raise ValueError(PESAN_MUTU)
    dihitung = [pelayanan, manajemen] + ([mutu] if mutu_dihitung else [])
    tanpa = tuple(a.aspek for a in dihitung if a.kelompok is None)
    gabungan = None if tanpa else gabung([a.kelompok for a in dihitung])
    return HasilPuskesmas(id, pelayanan, manajemen, mutu, mutu_dihitung, gabungan, tanpa)


def _turun(nilai: Decimal | None) -> tuple:
    """Higher first, no value last."""
    return (nilai is None, -(nilai or 0))


def kunci_urutan(hasil: HasilPuskesmas) -> tuple:
    """Sort key: group I, II, III, then those without a group; inside a group the higher
    coverage (kinerja pelayanan) first, then the higher management score, then (only when
    counted) the higher mutu, then the id, so the order never depends on the input order."""
    mutu = hasil.mutu.nilai if hasil.mutu_dihitung else None
    return (
        hasil.kelompok is None,
        hasil.kelompok or 0,
        _turun(hasil.pelayanan.nilai),
        _turun(hasil.manajemen.nilai),
        _turun(mutu),
        hasil.id,
    )


@dataclass(frozen=True)
class Peringkat:
    kelompok: Kelompok | None
    nomor: int  # 1-based rank within the group (or among those without a group)
    hasil: HasilPuskesmas


def peringkat(daftar: Iterable[HasilPuskesmas]) -> list[Peringkat]:
    """Puskesmas ranked: kelompok I, II, III, then those without a group; numbered from 1
    within each. Ids must be unique and of one comparable type."""
    hasil: list[Peringkat] = []
    for h in sorted(daftar, key=kunci_urutan):
        lanjut = hasil and hasil[-1].kelompok == h.kelompok
        hasil.append(Peringkat(h.kelompok, hasil[-1].nomor + 1 if lanjut else 1, h))
    return hasil


def tampil(nilai: Decimal | None) -> Decimal | None:
    """A value for display: one decimal, half up (groups use the unrounded value)."""
    if nilai is None:
        return None
    return nilai.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
