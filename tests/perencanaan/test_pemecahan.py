"""Scoring of alternative solutions, (M × I × V) ÷ C, and the fishbone SVG: pure
functions, no database."""

import re
from decimal import Decimal
from fractions import Fraction
from itertools import product

import pytest

from perencanaan.fishbone import MAKS_BARIS, fishbone_svg
from perencanaan.pemecahan import RUMUS, NilaiMIVC, urutkan_pemecahan

SEMUA = list(product(range(1, 6), repeat=4))


def _rank(daftar):
    """daftar: (name, m, i, v, c) in creation order."""
    hasil = urutkan_pemecahan(list(enumerate(daftar)), lambda p: NilaiMIVC(*p[1][1:], urutan=p[0]))
    return [(r.nomor, r.item[1][0], r.skor) for r in hasil]


def test_the_formula_is_stated():
    assert RUMUS == "P = (M × I × V) ÷ C"


@pytest.mark.parametrize("m,i,v,c", SEMUA)
def test_score_is_m_i_v_over_c_rounded_half_up_to_two_decimals(m, i, v, c):
    nilai = NilaiMIVC(m, i, v, c)
    tepat = Fraction(m * i * v, c)
    # Half up on the exact fraction, computed independently of Decimal.
    sen = (tepat * 100 * 2 + 1) // 2
    assert nilai.skor == Decimal(sen) / 100
    assert nilai.skor.as_tuple().exponent == -2
    assert nilai.efektivitas == m * i * v


def test_examples():
    assert NilaiMIVC(4, 4, 4, 3).skor == Decimal("21.33")
    assert NilaiMIVC(5, 5, 5, 1).skor == Decimal("125.00")
    assert NilaiMIVC(1, 1, 1, 5).skor == Decimal("0.20")
    assert NilaiMIVC(1, 1, 2, 3).skor == Decimal("0.67")  # 0.666… rounds up
    assert NilaiMIVC(5, 3, 1, 2).skor == Decimal("7.50")
    assert NilaiMIVC(1, 1, 1, 3).skor == Decimal("0.33")


@pytest.mark.parametrize(
    "nilai",
    [(0, 1, 1, 1), (1, 6, 1, 1), (1, 1, -1, 1), (1, 1, 1, 0), (1, 1, 1, 6), (1.0, 1, 1, 1),
     ("3", 1, 1, 1), (True, 1, 1, 1), (None, 1, 1, 1)],
)  # fmt: skip
def test_each_value_must_be_an_integer_1_to_5(nilai):
    nama = ["magnitude", "importancy", "vulnerability", "cost"][
        next(i for i, n in enumerate(nilai) if n != 1 or type(n) is not int)
    ]
    with pytest.raises(ValueError, match=f"^{nama} harus bilangan bulat 1–5, bukan "):
        NilaiMIVC(*nilai)


def test_bounds_are_accepted():
    for m, i, v, c in [(1, 1, 1, 1), (5, 5, 5, 5)]:
        assert NilaiMIVC(m, i, v, c).cost == c


def test_highest_score_first_then_cheaper_then_older():
    assert _rank(
        [
            ("murah", 2, 2, 2, 1),  # 8
            ("mahal", 4, 4, 4, 5),  # 12.8
            ("sama_murah", 4, 4, 1, 2),  # 8 with C 2: after the cheaper one
            ("sama_lama", 2, 2, 2, 1),  # 8, C 1, younger than "murah"
        ]
    ) == [
        (1, "mahal", Decimal("12.80")),
        (2, "murah", Decimal("8.00")),
        (3, "sama_lama", Decimal("8.00")),
        (4, "sama_murah", Decimal("8.00")),
    ]


def test_equal_scores_and_cost_go_to_the_older_alternative():
    x, y = NilaiMIVC(2, 2, 5, 3), NilaiMIVC(1, 4, 5, 3)  # both 20/3
    assert x.skor == y.skor == Decimal("6.67") and x.kunci()[0] == y.kunci()[0]
    p, q = NilaiMIVC(5, 4, 1, 3, urutan=1), NilaiMIVC(4, 5, 1, 3, urutan=0)
    assert urutkan_pemecahan([p, q], lambda n: n)[0].item is q


def test_order_over_every_pair_follows_the_exact_score():
    nilai = [NilaiMIVC(m, i, v, c, urutan=n) for n, (m, i, v, c) in enumerate(SEMUA[::7])]
    hasil = urutkan_pemecahan(nilai, lambda n: n)
    assert [r.nomor for r in hasil] == list(range(1, len(nilai) + 1))
    for a, b in zip(hasil, hasil[1:], strict=False):
        fa = Fraction(a.item.efektivitas, a.item.cost)
        fb = Fraction(b.item.efektivitas, b.item.cost)
        assert fa > fb or (fa == fb and (a.item.cost, a.item.urutan) < (b.item.cost, b.item.urutan))


def test_empty():
    assert urutkan_pemecahan([], lambda n: n) == []


# --- fishbone SVG ------------------------------------------------------------------------

TULANG = [
    ("Manusia", ["Bidan kurang", "Kader belum terlatih"]),
    ("Metode", []),
    ("Material", ["Buku KIA habis"]),
    ("Mesin/alat", []),
    ("Dana", ["BOK terlambat cair"]),
    ("Lingkungan", ["Jarak ke posyandu jauh"]),
]


def _teks(svg):
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_fishbone_shows_the_problem_every_bone_and_every_cause():
    svg = fishbone_svg("Cakupan K6 rendah", TULANG)
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    teks = _teks(svg)
    for label, penyebab in TULANG:
        assert label in teks
        for p in penyebab:
            assert p in teks
    assert "Cakupan K6 rendah" in " ".join(teks)
    assert teks.count("—") == 2  # the two bones without a cause
    assert svg.count("<line") == 1 + len(TULANG) + 5  # spine, bones, one line per cause


def test_fishbone_escapes_every_text():
    jahat = '<script>alert("x")</script>&'
    svg = fishbone_svg(jahat, [(jahat, [jahat])])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "&amp;" in svg
    assert 'aria-label="Diagram tulang ikan: &lt;script&gt;' in svg


def test_fishbone_counts_the_causes_it_cannot_print():
    banyak = [f"Penyebab {n}" for n in range(MAKS_BARIS + 3)]
    teks = _teks(fishbone_svg("M", [("Manusia", banyak)]))
    assert banyak[: MAKS_BARIS - 1] == [t for t in teks if t.startswith("Penyebab")]
    assert "+4 lainnya" in teks


def test_fishbone_cuts_long_causes():
    panjang = "a" * 40
    teks = _teks(fishbone_svg("M", [("Dana", [panjang])]))
    assert "a" * 21 + "…" in teks
