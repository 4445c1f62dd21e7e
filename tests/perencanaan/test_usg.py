"""USG ranking and the achievement gap: pure functions, no database."""

import re
from decimal import Decimal
from itertools import product

import pytest

from perencanaan.usg import NilaiUSG, kesenjangan, urutkan_usg


def _rank(daftar):
    """daftar: (name, u, s, g) in creation order."""
    hasil = urutkan_usg(
        list(enumerate(daftar)), lambda p: NilaiUSG(p[1][1], p[1][2], p[1][3], urutan=p[0])
    )
    return [(r.nomor, r.item[1][0], r.skor) for r in hasil]


def test_highest_total_first():
    assert _rank([("a", 1, 1, 1), ("b", 5, 5, 5), ("c", 3, 3, 3)]) == [
        (1, "b", 15),
        (2, "c", 9),
        (3, "a", 3),
    ]


def test_ties_go_to_higher_u_then_s():
    daftar = [
        ("g", 3, 3, 4),  # total 10, U 3, S 3
        ("s", 3, 4, 3),  # total 10, U 3, S 4
        ("u", 4, 3, 3),  # total 10, U 4
    ]
    assert [n for _, n, _ in _rank(daftar)] == ["u", "s", "g"]


def test_u_beats_s_even_when_s_is_much_higher():
    daftar = [("s", 1, 5, 3), ("u", 2, 2, 5)]  # both 9: U 2 beats U 1 whatever S is
    assert [n for _, n, _ in _rank(daftar)] == ["u", "s"]


def test_g_never_decides_a_tie():
    """The documented order is total, U, S, then age: once total, U and S tie, so does G."""
    skor = range(1, 6)
    for (u1, s1, g1), (u2, s2, g2) in product(product(skor, repeat=3), repeat=2):
        if (u1 + s1 + g1, u1, s1) == (u2 + s2 + g2, u2, s2):
            assert g1 == g2
    assert NilaiUSG(2, 3, 4, urutan=7).kunci() == (-9, -2, -3, 7)


def test_total_and_rank_numbers():
    hasil = urutkan_usg(["a", "b"], lambda x: NilaiUSG(1, 2, 3) if x == "a" else NilaiUSG(5, 4, 1))
    assert [(p.nomor, p.skor, p.item) for p in hasil] == [(1, 10, "b"), (2, 6, "a")]
    assert NilaiUSG(1, 2, 3).total == 6
    assert NilaiUSG(5, 5, 5).urutan == 0


def test_full_tie_keeps_the_oldest_first():
    daftar = [("lama", 2, 3, 4), ("baru", 2, 3, 4), ("lebih baru", 2, 3, 4)]
    assert [n for _, n, _ in _rank(daftar)] == ["lama", "baru", "lebih baru"]


def test_order_does_not_depend_on_input_order():
    daftar = [("a", 5, 1, 1), ("b", 1, 5, 1), ("c", 1, 1, 5), ("d", 2, 2, 3)]
    maju = _rank(daftar)
    hasil = urutkan_usg(
        list(reversed(list(enumerate(daftar)))),
        lambda p: NilaiUSG(p[1][1], p[1][2], p[1][3], urutan=p[0]),
    )
    assert [(r.nomor, r.item[1][0], r.skor) for r in hasil] == maju
    assert [n for _, n, _ in maju] == ["a", "d", "b", "c"]


def test_empty_list():
    assert urutkan_usg([], lambda x: x) == []


@pytest.mark.parametrize(
    "u,s,g,pesan",
    [
        (0, 3, 3, "urgency harus bilangan bulat 1–5, bukan 0"),
        (6, 3, 3, "urgency harus bilangan bulat 1–5, bukan 6"),
        (3, 0, 3, "seriousness harus bilangan bulat 1–5, bukan 0"),
        (3, 3, 6, "growth harus bilangan bulat 1–5, bukan 6"),
        (3, 3, "4", "growth harus bilangan bulat 1–5, bukan '4'"),
        (3, None, 3, "seriousness harus bilangan bulat 1–5, bukan None"),
        (3, 3, 2.0, "growth harus bilangan bulat 1–5, bukan 2.0"),
    ],
)
def test_scores_outside_1_to_5_are_refused(u, s, g, pesan):
    with pytest.raises(ValueError, match=f"^{re.escape(pesan)}$"):
        NilaiUSG(u, s, g)


@pytest.mark.parametrize("u,s,g", [(1, 1, 1), (5, 5, 5), (1, 5, 3)])
def test_scores_1_to_5_are_accepted(u, s, g):
    assert NilaiUSG(u, s, g).total == u + s + g


def test_an_indicator_is_normal_unless_said_otherwise():
    hasil = kesenjangan(target=Decimal("90"), capaian=Decimal("80"))
    assert hasil.selisih == Decimal("-10") and hasil.tercapai is False


@pytest.mark.parametrize(
    "target,capaian,turun,selisih,tercapai",
    [
        ("90", "80", False, "-10", False),
        ("90", "95.5", False, "5.5", True),
        ("90", "90", False, "0", True),
        # Inverse indicator (lower is better): 2 % against a 5 % ceiling is achieved.
        ("5", "2", True, "3", True),
        ("5", "7.25", True, "-2.25", False),
        ("5", "5", True, "0", True),
    ],
)
def test_gap_normal_and_inverse(target, capaian, turun, selisih, tercapai):
    hasil = kesenjangan(target=Decimal(target), capaian=Decimal(capaian), turun=turun)
    assert hasil.selisih == Decimal(selisih)
    assert hasil.tercapai is tercapai
