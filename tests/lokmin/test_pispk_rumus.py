"""PIS-PK rules: IKS keluarga and wilayah with their bands, coverage. Pure, no database."""

from decimal import Decimal as D

import pytest

from lokmin import pispk
from lokmin.pispk import NA, PRA_SEHAT, SEHAT, TIDAK_SEHAT, N, Y


def kel(y=0, n=0, na=0):
    jawaban = [Y] * y + [N] * n + [NA] * na
    assert len(jawaban) == 12
    return jawaban


@pytest.mark.parametrize(
    ("jawaban", "iks", "kategori"),
    [
        (kel(y=12), D(1), SEHAT),
        (kel(n=12), D(0), TIDAK_SEHAT),
        (kel(na=12), None, None),  # all N/A: tidak dapat dihitung, no division error
        (kel(y=1, na=11), D(1), SEHAT),
        (kel(y=10, n=2), D(10) / 12, SEHAT),  # 0.833
        (kel(y=8, n=2, na=2), D("0.8"), PRA_SEHAT),  # exactly 0.800: not above it
        (kel(y=9, n=3), D("0.75"), PRA_SEHAT),
        (kel(y=5, n=5, na=2), D("0.5"), PRA_SEHAT),  # exactly 0.500: pra-sehat
        (kel(y=5, n=6, na=1), D(5) / 11, TIDAK_SEHAT),  # 0.4545
        (kel(y=4, n=4, na=4), D("0.5"), PRA_SEHAT),
    ],
)
def test_iks_keluarga_and_its_band(jawaban, iks, kategori):
    assert pispk.iks_keluarga(jawaban) == iks
    assert pispk.kategori(pispk.iks_keluarga(jawaban)) == kategori


@pytest.mark.parametrize(
    ("iks", "kategori"),
    [
        (D("0.8001"), SEHAT),
        (D("0.800"), PRA_SEHAT),
        (D("0.500"), PRA_SEHAT),
        (D("0.4999"), TIDAK_SEHAT),
        (D(0), TIDAK_SEHAT),
        (None, None),
    ],
)
def test_bands_at_their_edges(iks, kategori):
    assert pispk.kategori(iks) == kategori


@pytest.mark.parametrize(
    ("jawaban", "pesan"),
    [
        ([Y] * 11, "Satu keluarga harus menjawab tepat 12 indikator."),
        ([Y] * 13, "Satu keluarga harus menjawab tepat 12 indikator."),
        ([Y] * 11 + ["y"], "Jawaban harus Y, N, atau N/A, bukan «y»."),
        ([Y] * 11 + ["NA"], "Jawaban harus Y, N, atau N/A, bukan «NA»."),
    ],
)
def test_answers_are_checked(jawaban, pesan):
    with pytest.raises(ValueError, match=f"^{pesan}$"):
        pispk.iks_keluarga(jawaban)


def test_iks_wilayah_counts_every_surveyed_family():
    keluarga = [kel(y=12), kel(y=10, n=2), kel(y=9, n=3), kel(na=12)]
    assert pispk.iks_wilayah(keluarga) == D(2) / 4  # the all-N/A family counts, not sehat
    assert pispk.kategori(pispk.iks_wilayah(keluarga)) == PRA_SEHAT
    assert pispk.iks_wilayah([kel(na=12)]) == D(0)
    assert pispk.iks_wilayah([]) is None


def test_indicator_coverage():
    keluarga = [kel(y=12), kel(n=12), kel(na=12), [N] + [Y] * 11]
    assert pispk.cakupan_indikator(keluarga, 1) == D(100) / 3  # Y, N, N: 1 of 3
    assert pispk.cakupan_indikator(keluarga, 12) == D(200) / 3
    assert pispk.cakupan_indikator([kel(na=12)], 5) is None  # all N/A
    assert pispk.cakupan_indikator([], 5) is None
    # As many Y as N: a coverage of 50 %, not "no family had it apply".
    assert pispk.cakupan_indikator([kel(y=12), kel(n=12)], 3) == D(50)
    for nomor in (0, 13):
        with pytest.raises(ValueError, match=pispk.PESAN_JUMLAH):
            pispk.cakupan_indikator(keluarga, nomor)


@pytest.mark.parametrize(
    ("disurvei", "jumlah", "cakupan", "tercapai"),
    [
        (30, 100, D(30), True),  # exactly 30 %: reached (policy)
        (29, 100, D(29), False),
        (31, 100, D(31), True),
        (150, 100, D(150), True),
        (0, 100, D(0), False),
        (5, 0, None, False),  # no family count: tidak dapat dihitung
        (5, None, None, False),
    ],
)
def test_survey_coverage(disurvei, jumlah, cakupan, tercapai):
    assert pispk.cakupan_survei(disurvei, jumlah) == cakupan
    assert pispk.survei_tercapai(pispk.cakupan_survei(disurvei, jumlah)) is tercapai


def test_the_twelve_indicators_and_labels():
    assert len(pispk.INDIKATOR) == 12
    assert pispk.LABEL_KATEGORI == {
        SEHAT: "Keluarga sehat",
        PRA_SEHAT: "Pra-sehat",
        TIDAK_SEHAT: "Tidak sehat",
    }
