"""PWS rules: coverage, cumulative target, desa status, entry checks. Pure, no database."""

from datetime import date
from decimal import Decimal as D

import pytest

from lokmin import pws
from lokmin.pws import BAIK, CUKUP, JELEK, KURANG, TIDAK_DAPAT_DIHITUNG


@pytest.mark.parametrize(
    ("capaian", "sasaran", "hasil"),
    [
        (10, 100, D(10)),
        (0, 100, D(0)),
        (1, 3, D(100) / D(3)),  # unrounded
        (150, 100, D(150)),  # over 100 % is shown as it is
        (5, 0, None),  # zero sasaran: tidak dapat dihitung, no ZeroDivisionError
        (5, None, None),  # missing sasaran
        (None, 100, None),  # month not entered
        (0, 0, None),
    ],
)
def test_cakupan(capaian, sasaran, hasil):
    assert pws.cakupan(capaian, sasaran) == hasil


@pytest.mark.parametrize(
    ("capaian", "bulan", "hasil"),
    [
        ([3, 4, 5], 1, 3),
        ([3, 4, 5], 2, 7),
        ([3, 4, 5], 3, 12),
        ([3, None, 5], 3, 8),  # a month not entered adds nothing
        ([None, None], 2, None),  # nothing entered at all
        ([3], 2, 3),  # later months not entered yet
        ([0], 1, 0),  # a real zero is not "missing"
        ([1] * 12, 12, 12),
    ],
)
def test_kumulatif(capaian, bulan, hasil):
    assert pws.kumulatif(capaian, bulan) == hasil


@pytest.mark.parametrize(
    ("target", "bulan", "hasil"),
    [
        (D(90), 1, D("7.5")),
        (D(90), 6, D(45)),
        (D(90), 12, D(90)),
        (D(100), 3, D(25)),
        (D("95.5"), 4, D("95.5") * 4 / 12),
        (None, 5, None),
    ],
)
def test_target_kumulatif(target, bulan, hasil):
    assert pws.target_kumulatif(target, bulan) == hasil


@pytest.mark.parametrize("bulan", [0, 13, -1])
def test_a_month_outside_1_to_12_is_refused(bulan):
    for fungsi in (
        lambda: pws.target_kumulatif(D(90), bulan),
        lambda: pws.kumulatif([1] * 12, bulan),
        lambda: pws.hitung(capaian=[1] * 12, bulan=bulan, sasaran=10, target_tahunan=D(90)),
    ):
        with pytest.raises(ValueError, match="^Bulan harus 1–12.$"):
            fungsi()


@pytest.mark.parametrize(
    ("kum", "target", "ini", "lalu", "status"),
    [
        # at or above the cumulative target
        (D(50), D(45), D(10), D(8), BAIK),
        (D(50), D(45), D(8), D(10), KURANG),
        (D(45), D(45), D(10), D(8), BAIK),  # exactly at the target counts as above
        (D(45), D(45), D(8), D(10), KURANG),
        (D(50), D(45), D(9), D(9), BAIK),  # a tie with last month counts as up
        # below it
        (D(40), D(45), D(10), D(8), CUKUP),
        (D(40), D(45), D(8), D(10), JELEK),
        (D(40), D(45), D(9), D(9), CUKUP),  # tie: up
        (D("44.99"), D(45), D(9), D(9), CUKUP),
        # month 1 / last month missing compares with zero: never down
        (D(5), D("7.5"), D(5), None, CUKUP),
        (D(10), D("7.5"), D(10), None, BAIK),
        (D(0), D("7.5"), D(0), None, CUKUP),
        # over 100 %
        (D(120), D(90), D(20), D(30), KURANG),
        # a missing figure
        (None, D(45), D(10), D(8), TIDAK_DAPAT_DIHITUNG),
        (D(50), None, D(10), D(8), TIDAK_DAPAT_DIHITUNG),
        (D(50), D(45), None, D(8), TIDAK_DAPAT_DIHITUNG),
    ],
)
def test_status_desa(kum, target, ini, lalu, status):
    assert (
        pws.status_desa(
            cakupan_kumulatif=kum,
            target_kumulatif=target,
            cakupan_bulan_ini=ini,
            cakupan_bulan_lalu=lalu,
        )
        == status
    )


@pytest.mark.parametrize(
    ("capaian", "bulan", "sasaran", "target", "harapan"),
    [
        # month 1: compares with zero; 10/120 = 8.33 % ≥ 90 × 1/12 = 7.5 %
        ([10], 1, 120, D(90), (10, 10, D(10) * 100 / 120, None, D("7.5"), BAIK)),
        # month 1 below the cumulative target: cukup (not jelek: zero is never above it)
        ([5], 1, 120, D(90), (5, 5, D(5) * 100 / 120, None, D("7.5"), CUKUP)),
        # a tie with last month, exactly at the cumulative target (30/120 = 25 % = 100×3/12)
        ([10, 10, 10], 3, 120, D(100), (10, 30, D(10) * 100 / 120, D(10) * 100 / 120, D(25), BAIK)),
        # down on last month, below the target
        ([10, 12, 4], 3, 120, D(100), (4, 26, D(4) * 100 / 120, D(10), D(25), JELEK)),
        # down on last month, above the target
        ([20, 12, 4], 3, 120, D(90), (4, 36, D(4) * 100 / 120, D(10), D("22.5"), KURANG)),
        # over 100 %: 150 of 100
        ([100, 50], 2, 100, D(95), (50, 150, D(50), D(100), D("95") * 2 / 12, KURANG)),
        # zero sasaran: tidak dapat dihitung, counts kept
        ([3, 4], 2, 0, D(90), (4, 7, None, None, D(15), TIDAK_DAPAT_DIHITUNG)),
        # missing sasaran
        ([3, 4], 2, None, D(90), (4, 7, None, None, D(15), TIDAK_DAPAT_DIHITUNG)),
        # this month not entered
        ([3], 2, 100, D(90), (None, 3, None, D(3), D(15), TIDAK_DAPAT_DIHITUNG)),
        # last month not entered: compares with zero
        ([3, None, 2], 3, 100, D(12), (2, 5, D(2), None, D(3), BAIK)),
        # no target in force
        ([3], 1, 100, None, (3, 3, D(3), None, None, TIDAK_DAPAT_DIHITUNG)),
    ],
)
def test_hitung(capaian, bulan, sasaran, target, harapan):
    h = pws.hitung(capaian=capaian, bulan=bulan, sasaran=sasaran, target_tahunan=target)
    ini, kum_capaian, c_ini, c_lalu, t_kum, status = harapan
    assert h.bulan == bulan
    assert h.sasaran == sasaran
    assert h.capaian_bulan == ini
    assert h.capaian_kumulatif == kum_capaian
    assert h.cakupan_bulan == c_ini
    assert h.cakupan_bulan_lalu == c_lalu
    assert h.cakupan_kumulatif == pws.cakupan(kum_capaian, sasaran)
    assert h.target_kumulatif == t_kum
    assert h.status == status
    assert h.label_status == pws.LABEL_STATUS[status]
    assert h.dapat_dihitung is (status != TIDAK_DAPAT_DIHITUNG)


def test_hitung_ignores_months_after_the_one_asked():
    h = pws.hitung(capaian=[1, 2, 3, 4], bulan=2, sasaran=10, target_tahunan=D(60))
    assert (h.capaian_bulan, h.capaian_kumulatif, h.cakupan_bulan_lalu) == (2, 3, D(10))
    # month 1 has no last month, even when later months are entered
    h = pws.hitung(capaian=[1, 2, 3, 4], bulan=1, sasaran=10, target_tahunan=D(60))
    assert (h.capaian_bulan, h.cakupan_bulan_lalu, h.status) == (1, None, BAIK)
    h = pws.hitung(capaian=[1, 2, 3, 4], bulan=4, sasaran=10, target_tahunan=D(60))
    assert (h.capaian_bulan, h.capaian_kumulatif, h.cakupan_bulan_lalu) == (4, 10, D(30))


def test_labels():
    assert pws.LABEL_STATUS == {
        BAIK: "Baik",
        KURANG: "Kurang",
        CUKUP: "Cukup",
        JELEK: "Jelek",
        TIDAK_DAPAT_DIHITUNG: "Tidak dapat dihitung",
    }


@pytest.mark.parametrize(
    ("nilai", "riwayat", "hasil"),
    [
        (10, [5, 6, 7], False),
        (14, [5, 6, 7], False),  # exactly 2 × max: not far
        (15, [5, 6, 7], True),
        (3, [6, 7, 8], False),  # exactly ½ × min: not far
        (2, [6, 7, 8], True),
        (50, [5, 6], False),  # too little history to judge
        (50, [5, None, 6], False),  # months not entered do not count as history
        (50, [5, None, 6, 7], True),
        (1, [0, 0, 0], True),  # anything above a steady zero
        (0, [0, 0, 0], False),
    ],
)
def test_di_luar_riwayat(nilai, riwayat, hasil):
    assert pws.di_luar_riwayat(nilai, riwayat) is hasil


def test_peringatan_none_for_an_ordinary_value():
    assert pws.peringatan(nilai=8, sasaran=100, riwayat=[7, 8, 9]) == []


def test_peringatan_above_the_sasaran():
    assert pws.peringatan(nilai=11, sasaran=10) == ["Capaian 11 melebihi sasaran desa (10)."]
    assert pws.peringatan(nilai=10, sasaran=10) == []
    assert pws.peringatan(nilai=11, sasaran=None) == []


def test_peringatan_a_lowered_month_with_later_months_reported():
    pesan = (
        "Nilai turun dari 9 menjadi 8: kumulatif bulan berikutnya yang sudah dilaporkan ikut turun."
    )
    assert pws.peringatan(nilai=8, sasaran=None, nilai_lama=9, ada_bulan_berikutnya=True) == [pesan]
    assert pws.peringatan(nilai=8, sasaran=None, nilai_lama=9) == []  # the latest month
    assert pws.peringatan(nilai=9, sasaran=None, nilai_lama=9, ada_bulan_berikutnya=True) == []
    assert pws.peringatan(nilai=8, sasaran=None, nilai_lama=None, ada_bulan_berikutnya=True) == []


def test_peringatan_far_outside_history_and_several_reasons():
    assert pws.peringatan(nilai=40, sasaran=30, riwayat=[5, None, 6, 7]) == [
        "Capaian 40 melebihi sasaran desa (30).",
        "Capaian 40 jauh di luar riwayat desa ini (bulan-bulan sebelumnya 5–7).",
    ]


def test_worst_first_and_summary():
    assert pws.URUTAN_STATUS == {
        JELEK: 0,
        CUKUP: 1,
        KURANG: 2,
        BAIK: 3,
        TIDAK_DAPAT_DIHITUNG: 4,
    }
    assert pws.urutkan_terburuk([BAIK, TIDAK_DAPAT_DIHITUNG, JELEK, KURANG, CUKUP]) == [
        JELEK,
        CUKUP,
        KURANG,
        BAIK,
        TIDAK_DAPAT_DIHITUNG,
    ]
    assert pws.ringkas_status([BAIK, BAIK, JELEK]) == {
        BAIK: 2,
        KURANG: 0,
        CUKUP: 0,
        JELEK: 1,
        TIDAK_DAPAT_DIHITUNG: 0,
    }


@pytest.mark.parametrize(
    ("tahun", "bulan", "batas"),
    [
        (2026, 1, date(2026, 2, 5)),
        (2026, 2, date(2026, 3, 5)),
        (2026, 11, date(2026, 12, 5)),
        (2026, 12, date(2027, 1, 5)),  # December is due in the next year
    ],
)
def test_batas_isi_is_day_5_of_the_next_month(tahun, bulan, batas):
    assert pws.batas_isi(tahun, bulan) == batas


@pytest.mark.parametrize("bulan", [0, 13])
def test_batas_isi_refuses_a_month_outside_1_to_12(bulan):
    with pytest.raises(ValueError, match="^Bulan harus 1–12.$"):
        pws.batas_isi(2026, bulan)


@pytest.mark.parametrize(
    ("diisi", "tahun", "bulan", "hasil"),
    [
        (date(2026, 3, 31), 2026, 3, True),  # within the month itself
        (date(2026, 4, 4), 2026, 3, True),
        (date(2026, 4, 5), 2026, 3, True),  # the due day itself counts as on time
        (date(2026, 4, 6), 2026, 3, False),  # the day after is late
        (date(2026, 5, 1), 2026, 3, False),
        (date(2027, 1, 5), 2026, 12, True),  # December is due in January of the next year
        (date(2027, 1, 6), 2026, 12, False),
        (date(2026, 1, 5), 2026, 12, True),  # entered early (e.g. corrected sheet) is on time
    ],
)
def test_tepat_waktu_is_on_or_before_the_due_day(diisi, tahun, bulan, hasil):
    assert pws.tepat_waktu(diisi, tahun, bulan) is hasil


@pytest.mark.parametrize(
    ("diharapkan", "tepat", "hasil"),
    [
        (10, 10, D(100)),
        (10, 0, D(0)),
        (10, 5, D(50)),
        (3, 1, D(100) / D(3)),  # unrounded: the page rounds
        (1, 1, D(100)),
        (0, 0, None),  # nothing expected: no percentage, no ZeroDivisionError
    ],
)
def test_ketepatan(diharapkan, tepat, hasil):
    assert pws.ketepatan(diharapkan, tepat) == hasil


@pytest.mark.parametrize(("diharapkan", "tepat"), [(10, 11), (0, 1), (10, -1), (-1, 0)])
def test_ketepatan_refuses_counts_that_cannot_be(diharapkan, tepat):
    with pytest.raises(ValueError, match=f"^{pws.PESAN_KETEPATAN}$"):
        pws.ketepatan(diharapkan, tepat)
