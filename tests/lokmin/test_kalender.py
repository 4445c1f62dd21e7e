"""The Lokmin calendar rules, exhaustively over years, months and kinds."""

from datetime import date, timedelta

import pytest

from lokmin import kalender
from lokmin.kalender import JenisLokmin

TAHUN = range(2024, 2033)  # leap and common years


@pytest.mark.parametrize("tahun", TAHUN)
def test_bulanan_every_month_by_day_10(tahun):
    assert kalender.kejadian("bulanan", tahun) == [
        (f"{b:02d}", date(tahun, b, 10)) for b in range(1, 13)
    ]


@pytest.mark.parametrize("tahun", TAHUN)
def test_tribulanan_in_february_may_august_november_by_day_10(tahun):
    assert kalender.kejadian("tribulanan", tahun) == [
        ("02", date(tahun, 2, 10)),
        ("05", date(tahun, 5, 10)),
        ("08", date(tahun, 8, 10)),
        ("11", date(tahun, 11, 10)),
    ]


@pytest.mark.parametrize("bulan", range(1, 13))
def test_which_months_hold_which_kind(bulan):
    assert kalender.diadakan("bulanan", bulan)
    assert kalender.diadakan("tribulanan", bulan) is (bulan in (2, 5, 8, 11))


@pytest.mark.parametrize("bulan", range(1, 13))
def test_occurrence_codes_round_trip_to_month_names(bulan):
    kode = kalender.kode_kejadian(bulan)
    assert kalender.bulan_dari_kode(kode) == bulan
    assert kalender.label_kejadian(kode) == kalender.BULAN_NAMA[bulan - 1]


@pytest.mark.parametrize("kode", ["00", "13", "-1"])
def test_unknown_occurrence_codes_are_refused(kode):
    with pytest.raises(ValueError):
        kalender.bulan_dari_kode(kode)


@pytest.mark.parametrize("tahun", TAHUN)
@pytest.mark.parametrize("bulan", range(1, 13))
def test_month_before_and_the_quarter_reported(tahun, bulan):
    t, b = kalender.bulan_lalu(tahun, bulan)
    assert date(t, b, 1) == (date(tahun, bulan, 1) - timedelta(days=1)).replace(day=1)
    triwulan = kalender.triwulan_lalu(tahun, bulan)
    assert len(triwulan) == 3
    assert triwulan[-1] == (t, b)
    assert [date(*x, 1) for x in triwulan] == sorted(date(*x, 1) for x in triwulan)


def test_february_tribulanan_reports_november_to_january():
    assert kalender.triwulan_lalu(2027, 2) == [(2026, 11), (2026, 12), (2027, 1)]


@pytest.mark.parametrize(
    ("hari_sebelum", "pesan"),
    [
        (5, None),
        (2, None),  # exactly two days before: in time
        (1, kalender.PESAN_UNDANGAN_MEPET.format(hari=1)),
        (0, kalender.PESAN_UNDANGAN_MEPET.format(hari=0)),
        (-1, kalender.PESAN_UNDANGAN_SESUDAH),
    ],
)
def test_undangan_warning_when_sent_less_than_two_days_before(hari_sebelum, pesan):
    rapat = date(2027, 3, 5)
    dikirim = rapat - timedelta(days=hari_sebelum)
    assert kalender.peringatan_undangan(dikirim=dikirim, rapat=rapat) == pesan


def test_no_undangan_warning_before_it_is_sent():
    assert kalender.peringatan_undangan(dikirim=None, rapat=date(2027, 3, 5)) is None


def test_undangan_warning_text():
    assert kalender.PESAN_UNDANGAN_MEPET.format(hari=1) == (
        "Undangan dikirim 1 hari sebelum Lokmin; seharusnya paling lambat 2 hari sebelumnya."
    )


@pytest.mark.parametrize("bulan", range(1, 13))
def test_bulanan_agenda_reviews_last_month_and_plans_this_one(bulan):
    agenda = kalender.agenda_default("bulanan", 2027, bulan)
    t, b = kalender.bulan_lalu(2027, bulan)
    assert f"Realisasi kegiatan RPK bulan {kalender.BULAN_NAMA[b - 1]} {t}" in agenda
    assert f"Rencana kegiatan RPK bulan {kalender.BULAN_NAMA[bulan - 1]} 2027" in agenda
    assert "Evaluasi PWS" in agenda
    assert "Tindak lanjut RTL Lokmin sebelumnya" in agenda
    januari = "kesepakatan pegawai" in agenda and "Pengarahan Kepala Puskesmas" in agenda
    assert januari is (bulan == 1)
    assert agenda.splitlines()[0].startswith("1. ")


@pytest.mark.parametrize("bulan", [2, 5, 8, 11])
def test_tribulanan_agenda(bulan):
    agenda = kalender.agenda_default("tribulanan", 2027, bulan)
    assert "Penggalangan dukungan lintas sektor" in agenda
    assert "Hambatan dan masalah dukungan tiap sektor" in agenda
    assert "rencana kerja bersama" in agenda
    februari = "komitmen lintas sektor" in agenda and "dengan lintas sektor" in agenda
    assert februari is (bulan == 2)


def test_labels():
    assert kalender.LABEL_JENIS[JenisLokmin.BULANAN] == "Lokmin bulanan"
    assert kalender.LABEL_JENIS[JenisLokmin.TRIBULANAN] == "Lokmin tribulanan"
