"""Pure rules comparing an RPK with its RUK: no database."""

from decimal import Decimal

import pytest

from perencanaan.rpk_banding import (
    BELUM_DIJADWALKAN,
    TIDAK_ADA_DI_RUK,
    BarisRPK,
    BarisRUK,
    bandingkan,
    bulan_sah,
    rupiah,
    tanda_baris,
    terjadwal,
)

NOL = [0] * 12
JAN = [2] + [0] * 11


def test_rupiah_uses_dots_between_thousands():
    assert rupiah(Decimal(1_500_000)) == "Rp 1.500.000"
    assert rupiah(0) == "Rp 0"
    assert rupiah(None) == "Rp 0"
    assert rupiah(999) == "Rp 999"
    assert rupiah(Decimal("1234567.00")) == "Rp 1.234.567"
    assert rupiah(1000) == "Rp 1.000"


def test_a_negative_amount_keeps_its_sign_before_the_digits():
    assert rupiah(-1_500_000) == "Rp -1.500.000"
    assert rupiah(Decimal(-999)) == "Rp -999"
    assert rupiah(-1) == "Rp -1"


def test_zero_or_missing_costs_on_both_sides_are_equal():
    for biaya, anggaran in [(Decimal(0), Decimal(0)), (None, Decimal(0)), (0, Decimal("0.00"))]:
        assert tanda_baris(kegiatan_ruk_id=1, biaya=biaya, anggaran_ruk=anggaran, volume=JAN) == []


def test_a_missing_cost_against_a_ruk_budget_is_a_difference_of_everything():
    tanda = tanda_baris(kegiatan_ruk_id=1, biaya=None, anggaran_ruk=Decimal(500_000), volume=JAN)
    assert [t.pesan for t in tanda] == ["Biaya berbeda dari RUK (Rp 500.000 → Rp 0)"]
    tanda = tanda_baris(kegiatan_ruk_id=1, biaya=Decimal(1), anggaran_ruk=Decimal(0), volume=JAN)
    assert [t.pesan for t in tanda] == ["Biaya berbeda dari RUK (Rp 0 → Rp 1)"]


def test_a_ruk_activity_without_a_budget_is_not_compared():
    tanda = tanda_baris(kegiatan_ruk_id=1, biaya=Decimal(700), anggaran_ruk=None, volume=JAN)
    assert tanda == []
    ruk = [BarisRUK(1, "A", "K2", None)]
    hasil = bandingkan(ruk, [BarisRPK(5, 1, Decimal(700), JAN)])
    assert hasil.tanda[5] == [] and hasil.sesuai


def test_a_row_from_the_ruk_with_the_same_budget_and_a_schedule_has_no_flag():
    assert (
        tanda_baris(kegiatan_ruk_id=1, biaya=Decimal(10), anggaran_ruk=Decimal(10), volume=JAN)
        == []
    )


def test_a_row_without_a_ruk_activity_is_flagged_and_has_no_budget_comparison():
    tanda = tanda_baris(kegiatan_ruk_id=None, biaya=Decimal(5), anggaran_ruk=None, volume=JAN)
    assert [t.pesan for t in tanda] == [TIDAK_ADA_DI_RUK]
    assert [t.kode for t in tanda] == ["tanpa_ruk"]


def test_a_different_budget_names_both_amounts():
    tanda = tanda_baris(
        kegiatan_ruk_id=1, biaya=Decimal(750_000), anggaran_ruk=Decimal(1_000_000), volume=JAN
    )
    assert [t.pesan for t in tanda] == ["Biaya berbeda dari RUK (Rp 1.000.000 → Rp 750.000)"]


def test_more_than_the_ruk_is_a_difference_too():
    tanda = tanda_baris(
        kegiatan_ruk_id=1, biaya=Decimal(2_000_000), anggaran_ruk=Decimal(1_000_000), volume=JAN
    )
    assert tanda[0].pesan == "Biaya berbeda dari RUK (Rp 1.000.000 → Rp 2.000.000)"


def test_all_months_zero_is_not_scheduled_and_flags_add_up():
    tanda = tanda_baris(kegiatan_ruk_id=None, biaya=Decimal(0), anggaran_ruk=None, volume=NOL)
    assert [t.pesan for t in tanda] == [TIDAK_ADA_DI_RUK, BELUM_DIJADWALKAN]
    tanda = tanda_baris(kegiatan_ruk_id=1, biaya=Decimal(1), anggaran_ruk=Decimal(2), volume=NOL)
    assert [t.kode for t in tanda] == ["biaya", "jadwal"]


def test_december_alone_counts_as_scheduled():
    assert (
        tanda_baris(
            kegiatan_ruk_id=1, biaya=Decimal(1), anggaran_ruk=Decimal(1), volume=[0] * 11 + [1]
        )
        == []
    )


def test_compare_lists_unallocated_ruk_activities_and_counts_every_difference():
    ruk = [
        BarisRUK(1, "Kelas ibu hamil", "Klaster 2", Decimal(1_000_000)),
        BarisRUK(2, "Posbindu PTM", "Klaster 3", Decimal(2_000_000)),
        BarisRUK(3, "Penyuluhan TB", "Klaster 4", Decimal(500_000)),
    ]
    rpk = [
        BarisRPK(10, 1, Decimal(1_000_000), JAN),  # as in the RUK
        BarisRPK(11, 2, Decimal(1_500_000), JAN),  # budget cut
        BarisRPK(12, None, Decimal(300_000), NOL),  # new, not scheduled
    ]
    hasil = bandingkan(ruk, rpk)
    assert hasil.tanda[10] == []
    assert [t.kode for t in hasil.tanda[11]] == ["biaya"]
    assert [t.kode for t in hasil.tanda[12]] == ["tanpa_ruk", "jadwal"]
    assert [r.kegiatan for r in hasil.tidak_dialokasikan] == ["Penyuluhan TB"]
    assert hasil.jumlah_tanpa_ruk == 1
    assert hasil.jumlah_biaya == 1
    assert hasil.jumlah_jadwal == 1
    assert hasil.jumlah_baris_bertanda == 2
    assert hasil.jumlah_perbedaan == 4
    assert not hasil.sesuai


def test_an_identical_rpk_matches():
    ruk = [BarisRUK(1, "A", "K2", Decimal(10)), BarisRUK(2, "B", "K3", Decimal(20))]
    rpk = [BarisRPK(5, 1, Decimal(10), JAN), BarisRPK(6, 2, Decimal(20), JAN)]
    hasil = bandingkan(ruk, rpk)
    assert hasil.sesuai and hasil.jumlah_perbedaan == 0 and hasil.tidak_dialokasikan == []


def test_a_ruk_activity_split_into_two_rpk_rows_is_allocated_once():
    ruk = [BarisRUK(1, "A", "K2", Decimal(10))]
    rpk = [BarisRPK(5, 1, Decimal(10), JAN), BarisRPK(6, 1, Decimal(10), JAN)]
    assert bandingkan(ruk, rpk).tidak_dialokasikan == []


def test_a_link_to_an_activity_of_another_ruk_counts_as_not_in_the_ruk():
    ruk = [BarisRUK(1, "A", "K2", Decimal(10))]
    hasil = bandingkan(ruk, [BarisRPK(5, 99, Decimal(10), JAN)])
    assert [t.kode for t in hasil.tanda[5]] == ["tanpa_ruk"]
    assert [r.id for r in hasil.tidak_dialokasikan] == [1]


def test_an_empty_rpk_leaves_every_ruk_activity_unallocated():
    ruk = [BarisRUK(1, "A", "K2", Decimal(10)), BarisRUK(2, "B", "K2", Decimal(10))]
    hasil = bandingkan(ruk, [])
    assert len(hasil.tidak_dialokasikan) == 2 and hasil.jumlah_perbedaan == 2


@pytest.mark.parametrize("bulan, hasil", [(1, True), (2, False), (12, True)])
def test_scheduled_in_a_month(bulan, hasil):
    assert terjadwal([3] + [0] * 10 + [1], bulan) is hasil


@pytest.mark.parametrize("bulan", [0, 13, -1])
def test_a_month_outside_1_12_is_an_error(bulan):
    with pytest.raises(ValueError, match=f"^bulan harus 1–12, bukan {bulan}$"):
        terjadwal(NOL, bulan)


@pytest.mark.parametrize(
    "nilai, hasil", [("3", 3), ("12", 12), (" 1 ", 1), ("0", 7), ("13", 7), ("x", 7), (None, 7)]
)
def test_month_from_a_query_string_falls_back_to_the_default(nilai, hasil):
    assert bulan_sah(nilai, 7) == hasil
