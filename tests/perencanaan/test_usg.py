"""USG ranking and the achievement gap: pure functions, no database."""

from decimal import Decimal

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


def test_ties_go_to_higher_u_then_s_then_g():
    daftar = [
        ("g", 3, 3, 4),  # total 10, U 3, S 3
        ("s", 3, 4, 3),  # total 10, U 3, S 4
        ("u", 4, 3, 3),  # total 10, U 4
    ]
    assert [n for _, n, _ in _rank(daftar)] == ["u", "s", "g"]


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


@pytest.mark.parametrize("u,s,g", [(0, 3, 3), (6, 3, 3), (3, 3, "4"), (3, None, 3)])
def test_scores_outside_1_to_5_are_refused(u, s, g):
    with pytest.raises(ValueError):
        NilaiUSG(u, s, g)


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
