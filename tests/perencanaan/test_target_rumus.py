"""The arithmetic of targets: no database."""

from decimal import Decimal

import pytest

from perencanaan import target_rumus as r


@pytest.mark.parametrize(
    ("penduduk", "persen", "harapan"),
    [
        (37, Decimal("95"), 36),  # 35.15 is rounded up: 35 women would miss the target
        (40, Decimal("50"), 20),  # exact: no rounding up of whole numbers
        (8, Decimal("12.5"), 1),
        (9, Decimal("12.5"), 2),  # 1.125 → 2
        (1, Decimal("0.01"), 1),  # the smallest fraction still needs one person
        (0, Decimal("95"), 0),
        (250, Decimal("0"), 0),
        (250, Decimal("100"), 250),
        (3, Decimal("33.33"), 1),  # 0.9999 → 1
        (3, Decimal("66.67"), 3),  # 2.0001 → 3
    ],
)
def test_sasaran_is_population_times_target_rounded_up(penduduk, persen, harapan):
    assert r.sasaran_absolut(penduduk, persen) == harapan


def test_missing_population_or_target_gives_no_sasaran():
    assert r.sasaran_absolut(None, Decimal(95)) is None
    assert r.sasaran_absolut(37, None) is None


def test_negative_population_is_a_programming_error():
    with pytest.raises(ValueError, match="^penduduk sasaran tidak boleh negatif$"):
        r.sasaran_absolut(-1, Decimal(50))


def test_per_desa_total_leaves_out_desa_without_figures():
    per_desa, total = r.sasaran_per_desa({1: 37, 2: 20, 3: None}, Decimal(95))
    assert [(h.desa_id, h.penduduk_sasaran, h.sasaran) for h in per_desa] == [
        (1, 37, 36),
        (2, 20, 19),
        (3, None, None),
    ]
    assert total == 55


def test_per_desa_total_is_none_when_no_desa_has_figures():
    assert r.sasaran_per_desa({1: None, 2: None}, Decimal(95))[1] is None
    assert r.sasaran_per_desa({}, Decimal(95)) == ([], None)


def test_zero_population_counts_as_known():
    assert r.sasaran_per_desa({1: 0}, Decimal(95))[1] == 0


@pytest.mark.parametrize(
    ("nilai", "sah"),
    [
        (Decimal("0"), True),
        (Decimal("100"), True),
        (Decimal("87.5"), True),
        (Decimal("99.99"), True),
        (Decimal("100.01"), False),
        (Decimal("-0.5"), False),
        (Decimal("12.345"), False),
        (None, False),
    ],
)
def test_target_must_be_a_percentage_with_two_decimals(nilai, sah):
    assert r.target_sah(nilai) is sah


def test_indicators_without_target_keep_catalogue_order():
    assert r.indikator_tanpa_target(["A", "B", "C", "D"], {"C", "A"}) == ["B", "D"]
    assert r.indikator_tanpa_target(["A"], ["A"]) == []


def test_fingerprint_changes_with_a_value_not_with_order_or_trailing_zeros():
    a = r.sidik([(1, Decimal("90")), (2, None)])
    assert a == r.sidik([(2, None), (1, Decimal("90.00"))])
    assert a != r.sidik([(1, Decimal("91")), (2, None)])
    assert a != r.sidik([(1, Decimal("90")), (2, Decimal("0"))])


def test_lampiran_grouped_by_klaster_in_order():
    rows = [
        {"klaster_nomor": 3, "klaster": "Dewasa", "kode": "C"},
        {"klaster_nomor": 2, "klaster": "Ibu dan Anak", "kode": "A"},
        {"klaster_nomor": 2, "klaster": "Ibu dan Anak", "kode": "B"},
    ]
    grup = r.kelompokkan_lampiran(rows)
    assert [(g["nomor"], [b["kode"] for b in g["baris"]]) for g in grup] == [
        (2, ["A", "B"]),
        (3, ["C"]),
    ]


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [
        ("87.50", "87,5"),
        ("100.00", "100"),
        (Decimal("0"), "0"),
        (Decimal("0.00"), "0"),
        ("12.25", "12,25"),
        ("12.345", "12,34"),  # two decimals at most (half to even)
        ("12.355", "12,36"),
        (Decimal("95"), "95"),
        (12.5, "12,5"),
        ("12,5", "12,5"),  # already written the Indonesian way
        ("87,50", "87,5"),
        ("NaN", "NaN"),
        (" 80 ", "80"),
        (None, ""),
        ("", ""),
        ("  ", ""),
        # Not a number in a stored snapshot: shown as it is, the PDF is still made.
        ("belum ada", "belum ada"),
        ("Infinity", "Infinity"),
        ("1e40", "1e40"),
    ],
)
def test_percent_written_the_indonesian_way(nilai, teks):
    assert r.format_persen(nilai) == teks


def test_snapshot_rows_without_klaster_keys_form_one_group_first():
    """SK snapshots are stored JSON: rows without klaster keys must still group and sort."""
    rows = [
        {"klaster_nomor": 2, "klaster": "Ibu dan Anak", "kode": "A"},
        {"kode": "X"},
        {"klaster_nomor": 1, "klaster": "Manajemen", "kode": "M"},
        {"kode": "Y"},
    ]
    assert r.kelompokkan_lampiran(rows) == [
        {"nomor": 0, "klaster": "", "baris": [{"kode": "X"}, {"kode": "Y"}]},
        {"nomor": 1, "klaster": "Manajemen", "baris": [rows[2]]},
        {"nomor": 2, "klaster": "Ibu dan Anak", "baris": [rows[0]]},
    ]
    assert r.kelompokkan_lampiran([]) == []


def test_same_number_different_name_are_two_groups_in_name_order():
    rows = [{"klaster_nomor": 3, "klaster": "Dewasa"}, {"klaster_nomor": 3, "klaster": "Anak"}]
    assert [(g["nomor"], g["klaster"]) for g in r.kelompokkan_lampiran(rows)] == [
        (3, "Anak"),
        (3, "Dewasa"),
    ]
