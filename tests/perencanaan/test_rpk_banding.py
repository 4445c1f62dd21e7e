"""Pure rules comparing an RPK with its RUK: no database."""

from decimal import Decimal

import pytest

from perencanaan.rpk_banding import (
    BELUM_DIJADWALKAN,
    LEBIH_PAGU,
    TIDAK_ADA_DI_RUK,
    BarisRPK,
    BarisRUK,
    bandingkan,
    bulan_sah,
    pesan_lebih_pagu,
    rekap_pagu,
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


def test_a_missing_cost_is_a_cut_to_zero_and_any_cost_over_a_zero_request_is_flagged():
    tanda = tanda_baris(kegiatan_ruk_id=1, biaya=None, anggaran_ruk=Decimal(500_000), volume=JAN)
    assert tanda == []
    tanda = tanda_baris(kegiatan_ruk_id=1, biaya=Decimal(1), anggaran_ruk=Decimal(0), volume=JAN)
    assert [t.pesan for t in tanda] == ["Biaya melebihi RUK (Rp 0 → Rp 1)"]
    tanda = tanda_baris(kegiatan_ruk_id=1, biaya=Decimal(1), anggaran_ruk=None, volume=JAN)
    assert tanda == []


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


def test_a_budget_below_the_ruk_request_is_not_a_difference():
    # The pagu came in lower than the request: cutting the allocation is the normal way.
    for biaya in (Decimal(750_000), Decimal(999_999), Decimal(0)):
        tanda = tanda_baris(
            kegiatan_ruk_id=1, biaya=biaya, anggaran_ruk=Decimal(1_000_000), volume=JAN
        )
        assert tanda == []


def test_more_than_the_ruk_is_flagged_naming_both_amounts():
    tanda = tanda_baris(
        kegiatan_ruk_id=1, biaya=Decimal(2_000_000), anggaran_ruk=Decimal(1_000_000), volume=JAN
    )
    assert [t.pesan for t in tanda] == ["Biaya melebihi RUK (Rp 1.000.000 → Rp 2.000.000)"]
    assert [t.kode for t in tanda] == ["biaya"]


def test_one_rupiah_over_the_ruk_is_flagged_and_exactly_the_request_is_not():
    satu = tanda_baris(
        kegiatan_ruk_id=1, biaya=Decimal(1_000_001), anggaran_ruk=Decimal(1_000_000), volume=JAN
    )
    assert [t.kode for t in satu] == ["biaya"]
    sama = tanda_baris(
        kegiatan_ruk_id=1, biaya=Decimal(1_000_000), anggaran_ruk=Decimal(1_000_000), volume=JAN
    )
    assert sama == []


def test_all_months_zero_is_not_scheduled_and_flags_add_up():
    tanda = tanda_baris(kegiatan_ruk_id=None, biaya=Decimal(0), anggaran_ruk=None, volume=NOL)
    assert [t.pesan for t in tanda] == [TIDAK_ADA_DI_RUK, BELUM_DIJADWALKAN]
    tanda = tanda_baris(kegiatan_ruk_id=1, biaya=Decimal(3), anggaran_ruk=Decimal(2), volume=NOL)
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
        BarisRPK(11, 2, Decimal(2_500_000), JAN),  # above the request
        BarisRPK(13, 1, Decimal(400_000), JAN),  # a second row of RUK 1, cut: no flag
        BarisRPK(12, None, Decimal(300_000), NOL),  # new, not scheduled
    ]
    hasil = bandingkan(ruk, rpk)
    assert hasil.tanda[10] == [] and hasil.tanda[13] == []
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


# --- Pagu per funding source ---------------------------------------------------------------

PILIHAN = [("BOK", "BOK"), ("APBD", "APBD"), ("JKN", "JKN kapitasi")]


def test_costs_are_added_per_source_in_the_order_of_the_choices():
    rekap = rekap_pagu(
        pilihan=PILIHAN,
        pagu={"BOK": Decimal(1_000), "JKN": Decimal(50)},
        biaya=[("JKN", Decimal(20)), ("BOK", Decimal(400)), ("BOK", Decimal(600)), ("JKN", None)],
    )
    assert [(p.sumber, p.label, p.pagu, p.jumlah) for p in rekap] == [
        ("BOK", "BOK", Decimal(1_000), Decimal(1_000)),
        ("JKN", "JKN kapitasi", Decimal(50), Decimal(20)),
    ]
    bok, jkn = rekap
    assert (bok.lebih, bok.melebihi, bok.sisa) == (0, False, 0)  # exactly the pagu is fine
    assert (jkn.lebih, jkn.melebihi, jkn.sisa) == (0, False, Decimal(30))
    assert pesan_lebih_pagu(rekap) == []


def test_one_rupiah_over_a_pagu_is_blocking_and_names_the_source_and_amounts():
    rekap = rekap_pagu(
        pilihan=PILIHAN,
        pagu={"JKN": Decimal(1_500_000)},
        biaya=[("JKN", Decimal(1_000_000)), ("JKN", Decimal(500_001))],
    )
    (jkn,) = rekap
    assert (jkn.lebih, jkn.melebihi, jkn.sisa) == (Decimal(1), True, Decimal(-1))
    assert pesan_lebih_pagu(rekap) == [
        "Jumlah biaya kegiatan bersumber JKN kapitasi Rp 1.500.001 melebihi pagu "
        "Rp 1.500.000 (lebih Rp 1)."
    ]
    assert jkn.pesan == LEBIH_PAGU.format(
        sumber="JKN kapitasi", jumlah="Rp 1.500.001", pagu="Rp 1.500.000", lebih="Rp 1"
    )


def test_a_source_without_a_pagu_is_unknown_not_zero():
    rekap = rekap_pagu(pilihan=PILIHAN, pagu={"BOK": None}, biaya=[("APBD", Decimal(900))])
    (apbd,) = rekap
    assert (apbd.sumber, apbd.pagu, apbd.jumlah) == ("APBD", None, Decimal(900))
    assert (apbd.lebih, apbd.melebihi, apbd.sisa) == (0, False, None)
    assert pesan_lebih_pagu(rekap) == []


def test_a_pagu_of_zero_is_known_and_any_cost_exceeds_it():
    rekap = rekap_pagu(pilihan=PILIHAN, pagu={"APBD": Decimal(0)}, biaya=[("APBD", Decimal(1))])
    assert [p.melebihi for p in rekap] == [True]
    rekap = rekap_pagu(pilihan=PILIHAN, pagu={"APBD": 0}, biaya=[])
    assert [(p.sumber, p.pagu, p.jumlah, p.melebihi) for p in rekap] == [
        ("APBD", Decimal(0), Decimal(0), False)
    ]


def test_a_pagu_without_costs_is_listed_with_all_of_it_left():
    rekap = rekap_pagu(pilihan=PILIHAN, pagu={"APBD": Decimal(700)}, biaya=[])
    assert [(p.sumber, p.jumlah, p.sisa) for p in rekap] == [("APBD", Decimal(0), Decimal(700))]


def test_nothing_recorded_and_no_rows_gives_an_empty_recap():
    assert rekap_pagu(pilihan=PILIHAN, pagu={}, biaya=[]) == []


def test_an_unknown_source_code_is_listed_after_the_others_under_its_code():
    rekap = rekap_pagu(
        pilihan=PILIHAN,
        pagu={"ZZ": Decimal(5), "BOK": Decimal(1)},
        biaya=[("YY", Decimal(2)), ("ZZ", Decimal(6))],
    )
    assert [(p.sumber, p.label) for p in rekap] == [("BOK", "BOK"), ("YY", "YY"), ("ZZ", "ZZ")]
    assert pesan_lebih_pagu(rekap) == [
        "Jumlah biaya kegiatan bersumber ZZ Rp 6 melebihi pagu Rp 5 (lebih Rp 1)."
    ]


def test_every_source_over_its_pagu_gets_its_own_message_in_order():
    rekap = rekap_pagu(
        pilihan=PILIHAN,
        pagu={"BOK": Decimal(10), "APBD": Decimal(10), "JKN": Decimal(10)},
        biaya=[("JKN", Decimal(12)), ("BOK", Decimal(11)), ("APBD", Decimal(10))],
    )
    assert [p.sumber for p in rekap if p.melebihi] == ["BOK", "JKN"]
    pesan = pesan_lebih_pagu(rekap)
    assert len(pesan) == 2 and "BOK Rp 11" in pesan[0] and "JKN kapitasi Rp 12" in pesan[1]


def test_the_pagu_and_costs_are_read_as_decimals():
    (bok,) = rekap_pagu(pilihan=PILIHAN, pagu={"BOK": 10}, biaya=[("BOK", 4), ("BOK", 3)])
    assert isinstance(bok.pagu, Decimal) and isinstance(bok.jumlah, Decimal)
    assert bok.jumlah == 7 and bok.sisa == 3


@pytest.mark.parametrize(
    "kegiatan,harapan",
    [
        ([], ""),
        (
            ["Posyandu"],
            "1 kegiatan bervolume 0 sepanjang tahun (belum dijadwalkan di bulan mana pun): «Posyandu».",
        ),
        (
            ["A", "B", "C", "D", "E", "F", "G"],
            "7 kegiatan bervolume 0 sepanjang tahun (belum dijadwalkan di bulan mana pun): "
            "«A», «B», «C», «D», «E» dan 2 lainnya.",
        ),
    ],
)
def test_the_volume_0_warning_names_the_activities(kegiatan, harapan):
    from perencanaan.rpk_banding import pesan_volume_nol

    assert pesan_volume_nol(kegiatan) == harapan
