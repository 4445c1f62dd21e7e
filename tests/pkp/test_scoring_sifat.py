"""Properties of PKP scoring that must hold for every input, checked with generated data.

Kept apart from test_scoring.py so the mutation run (which runs that file once per mutant)
stays fast; these run with the rest of the suite.
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pkp.scoring import (
    AMBANG_MANAJEMEN,
    AMBANG_PELAYANAN,
    Cabang,
    Indikator,
    JenisTarget,
    Kelompok,
    VariabelManajemen,
    kelompok,
    kunci_urutan,
    nilai_indikator,
    nilai_puskesmas,
    peringkat,
    skor_manajemen,
    skor_pelayanan,
)

angka = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False)
boleh_kosong = st.none() | angka


@st.composite
def indikator(draw):
    jenis = draw(st.sampled_from(JenisTarget))
    target = draw(boleh_kosong)
    atas = None
    if jenis is JenisTarget.RENTANG and target is not None:
        atas = target + draw(angka)
    return Indikator(draw(st.integers(0, 10**6)), draw(boleh_kosong), target, jenis, atas)


program = st.builds(lambda isi: Cabang("p", isi), st.lists(indikator(), max_size=6))
komponen = st.builds(
    lambda skor: Cabang("k", [VariabelManajemen(n, s) for n, s in enumerate(skor)]),
    st.lists(st.sampled_from([None, 0, 4, 7, 10]), max_size=8),
)


@given(indikator())
def test_coverage_is_within_0_and_100_or_missing_with_a_reason(i):
    hasil = nilai_indikator(i)
    if hasil.nilai is None:
        assert hasil.alasan is not None
    else:
        assert hasil.alasan is None
        assert Decimal(0) <= hasil.nilai <= Decimal(100)


@given(angka, angka.filter(bool))
def test_reaching_the_target_is_100_and_less_is_less(capaian, target):
    naik = nilai_indikator(Indikator(1, capaian, target)).nilai
    turun = nilai_indikator(Indikator(1, capaian, target, JenisTarget.TURUN)).nilai
    assert (naik == 100) == (capaian >= target)
    assert (turun == 100) == (capaian <= target)


@given(st.lists(program, max_size=5))
def test_pelayanan_stays_within_0_and_100(daftar):
    hasil = skor_pelayanan(daftar)
    if hasil.nilai is None:
        assert hasil.kelompok is None
    else:
        assert Decimal(0) <= hasil.nilai <= Decimal(100)
        assert hasil.kelompok is kelompok(hasil.nilai, AMBANG_PELAYANAN)


@given(st.lists(komponen, max_size=5))
def test_manajemen_stays_within_0_and_10(daftar):
    hasil = skor_manajemen(daftar)
    if hasil.nilai is None:
        assert hasil.kelompok is None
    else:
        assert Decimal(0) <= hasil.nilai <= Decimal(10)
        assert hasil.kelompok is kelompok(hasil.nilai, AMBANG_MANAJEMEN)


@st.composite
def puskesmas_daftar(draw):
    ids = draw(st.lists(st.integers(0, 10**6), unique=True, max_size=12))
    return [
        nilai_puskesmas(
            id,
            skor_pelayanan(draw(st.lists(program, max_size=2))),
            skor_manajemen(draw(st.lists(komponen, max_size=2))),
        )
        for id in ids
    ]


@settings(max_examples=60)
@given(puskesmas_daftar(), st.randoms())
def test_ranking_is_a_stable_permutation(daftar, acak):
    hasil = peringkat(daftar)
    assert sorted(p.hasil.id for p in hasil) == sorted(h.id for h in daftar)
    kunci = [kunci_urutan(p.hasil) for p in hasil]
    assert kunci == sorted(kunci)
    # groups in order I, II, III, then none; numbers 1, 2, … inside each
    for sebelum, sesudah in zip(hasil, hasil[1:], strict=False):
        if sebelum.kelompok == sesudah.kelompok:
            assert sesudah.nomor == sebelum.nomor + 1
        else:
            assert sesudah.nomor == 1
    urutan = [p.kelompok for p in hasil]
    assert urutan == sorted(urutan, key=lambda k: (k is None, k or 0))
    assert all(p.kelompok in (*Kelompok, None) for p in hasil)
    # whatever order the list comes in, the ranking is the same
    diacak = list(daftar)
    acak.shuffle(diacak)
    assert peringkat(diacak) == hasil
