"""The pure due-date rules: status and reminder stage on any day. No database."""

from datetime import date, timedelta

import pytest

from puskesmas.alat.tenggat import (
    SEMUA_TAHAP,
    Kepatuhan,
    Pengingat,
    StatusTenggat,
    TahapPengingat,
    hari_pengingat,
    keadaan_tenggat,
    kejadian_terkini,
    ringkas,
    status_tenggat,
    tahap_pengingat,
    tanggal_indonesia,
)

BATAS = date(2027, 2, 14)


def hari(n: int) -> date:
    """``n`` days after the due date (negative: before)."""
    return BATAS + timedelta(days=n)


# --- Spelling ---------------------------------------------------------------------------


def test_dates_are_spelled_in_indonesian():
    assert tanggal_indonesia(date(2027, 2, 14)) == "14 Februari 2027"
    assert tanggal_indonesia(date(2027, 12, 1)) == "1 Desember 2027"


# --- Status -----------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(-40, 60))
def test_open_status_on_every_day_around_the_due_date(n):
    k = keadaan_tenggat(batas=BATAS, selesai_pada=None, hari_ini=hari(n))
    if n < 0:
        assert k.status == StatusTenggat.BELUM
        assert k.sisa_hari == -n and k.hari_terlambat is None
        assert k.keterangan == f"{-n} hari lagi"
    elif n == 0:
        assert k.status == StatusTenggat.HARI_INI
        assert k.sisa_hari == 0 and k.hari_terlambat is None
        assert k.keterangan == "batas hari ini"
        assert k.label == "Jatuh tempo hari ini"
    else:
        assert k.status == StatusTenggat.TERLAMBAT
        assert k.hari_terlambat == n and k.sisa_hari is None
        assert k.keterangan == f"terlambat {n} hari"
    assert k.kepatuhan == Kepatuhan.BELUM
    assert not k.selesai


@pytest.mark.parametrize("selesai", range(-20, 20))
@pytest.mark.parametrize("hari_ini", [-30, -1, 0, 1, 30, 300])
def test_done_status_depends_on_the_done_date_only(selesai, hari_ini):
    k = keadaan_tenggat(batas=BATAS, selesai_pada=hari(selesai), hari_ini=hari(hari_ini))
    assert k.selesai and k.sisa_hari is None
    if selesai <= 0:
        assert k.status == StatusTenggat.SELESAI
        assert k.kepatuhan == Kepatuhan.TEPAT_WAKTU and k.label_kepatuhan == "Tepat waktu"
        assert k.hari_terlambat is None
        assert k.keterangan == f"selesai {tanggal_indonesia(hari(selesai))}"
    else:
        assert k.status == StatusTenggat.TERLAMBAT_SELESAI
        assert k.kepatuhan == Kepatuhan.TERLAMBAT and k.label_kepatuhan == "Terlambat"
        assert k.hari_terlambat == selesai
        assert k.keterangan.endswith(f"terlambat {selesai} hari")


def test_done_on_the_due_date_itself_is_on_time():
    assert status_tenggat(batas=BATAS, selesai_pada=BATAS, hari_ini=hari(5)) == "selesai"
    assert (
        status_tenggat(batas=BATAS, selesai_pada=hari(1), hari_ini=hari(1)) == "terlambat_selesai"
    )


def test_every_status_has_its_own_label_and_badge():
    kasus = [(None, -1), (None, 0), (None, 1), (0, 5), (2, 5)]
    keadaan = [
        keadaan_tenggat(
            batas=BATAS,
            selesai_pada=None if s is None else hari(s),
            hari_ini=hari(h),
        )
        for s, h in kasus
    ]
    assert {k.status for k in keadaan} == set(StatusTenggat)
    assert [k.label for k in keadaan] == [
        "Belum",
        "Jatuh tempo hari ini",
        "Terlambat",
        "Selesai",
        "Terlambat selesai",
    ]
    assert len({k.warna for k in keadaan}) == 5


# --- Reminder stages --------------------------------------------------------------------


def tahap_diharapkan(n: int) -> Pengingat | None:
    """The documented schedule, written independently of the implementation."""
    sebelum = {-7: TahapPengingat.H7, -3: TahapPengingat.H3, -1: TahapPengingat.H1}
    if n in sebelum:
        return Pengingat(sebelum[n])
    if n in (1, 8, 15, 22, 29, 36, 43, 50, 57, 64):
        return Pengingat(TahapPengingat.LEWAT, ke=(n + 6) // 7)
    return None


@pytest.mark.parametrize("n", range(-60, 66))
def test_reminder_stage_on_every_day(n):
    assert tahap_pengingat(batas=BATAS, selesai_pada=None, hari_ini=hari(n)) == tahap_diharapkan(n)


@pytest.mark.parametrize("n", range(-60, 66))
@pytest.mark.parametrize("selesai", [-30, -7, 0, 1, 10])
def test_no_reminder_once_done(n, selesai):
    assert tahap_pengingat(batas=BATAS, selesai_pada=hari(selesai), hari_ini=hari(n)) is None


@pytest.mark.parametrize("n", range(-60, 66))
def test_a_reminder_day_is_a_day_with_a_reminder_stage(n):
    assert hari_pengingat(BATAS, hari(n)) is (tahap_diharapkan(n) is not None)


def test_reminder_codes_are_stable_and_distinct():
    kode = [
        tahap_pengingat(batas=BATAS, selesai_pada=None, hari_ini=hari(n))
        for n in (-7, -3, -1, 1, 8, 15)
    ]
    assert [k.kode for k in kode] == ["H-7", "H-3", "H-1", "lewat-1", "lewat-2", "lewat-3"]


def test_no_reminder_on_the_due_date_nor_between_stages():
    for n in (-8, -6, -5, -4, -2, 0, 2, 7, 9, 14):
        assert tahap_pengingat(batas=BATAS, selesai_pada=None, hari_ini=hari(n)) is None, n


def test_stages_work_across_a_month_and_a_leap_day():
    batas = date(2028, 2, 29)
    assert tahap_pengingat(batas=batas, selesai_pada=None, hari_ini=date(2028, 2, 22)).kode == "H-7"
    assert tahap_pengingat(batas=batas, selesai_pada=None, hari_ini=date(2028, 3, 1)).kode == (
        "lewat-1"
    )


# --- Compliance counts ------------------------------------------------------------------


def test_counts_split_on_time_late_and_open():
    hari_ini = hari(3)
    keadaan = [
        keadaan_tenggat(batas=BATAS, selesai_pada=hari(-2), hari_ini=hari_ini),
        keadaan_tenggat(batas=BATAS, selesai_pada=BATAS, hari_ini=hari_ini),
        keadaan_tenggat(batas=BATAS, selesai_pada=hari(2), hari_ini=hari_ini),
        keadaan_tenggat(batas=BATAS, selesai_pada=None, hari_ini=hari_ini),
        keadaan_tenggat(batas=hari(10), selesai_pada=None, hari_ini=hari_ini),
    ]
    r = ringkas(keadaan)
    assert (r.tepat_waktu, r.terlambat, r.belum, r.belum_lewat, r.jumlah) == (2, 1, 2, 1, 5)
    assert ringkas([]).jumlah == 0


# --- Stages a kind asks for, and the occurrence a page shows -----------------------------


@pytest.mark.parametrize("n", range(-10, 30))
def test_a_kind_gets_only_the_stages_it_asked_for(n):
    semua = tahap_pengingat(batas=BATAS, selesai_pada=None, hari_ini=hari(n))
    assert tahap_pengingat(batas=BATAS, selesai_pada=None, hari_ini=hari(n), tahap=SEMUA_TAHAP) == (
        semua
    )
    hanya_lewat = tahap_pengingat(
        batas=BATAS, selesai_pada=None, hari_ini=hari(n), tahap={TahapPengingat.LEWAT}
    )
    assert hanya_lewat == (semua if semua and semua.tahap == TahapPengingat.LEWAT else None)
    assert tahap_pengingat(batas=BATAS, selesai_pada=None, hari_ini=hari(n), tahap=()) is None
    assert hari_pengingat(BATAS, hari(n), {TahapPengingat.H1}) is (n == -1)


def test_all_stages_is_every_stage():
    assert SEMUA_TAHAP == {
        TahapPengingat.H7,
        TahapPengingat.H3,
        TahapPengingat.H1,
        TahapPengingat.LEWAT,
    }


BULANAN = [(f"{b:02d}", date(2027, b, 10)) for b in range(1, 13)]


@pytest.mark.parametrize(
    ("hari_ini", "diharapkan"),
    [
        (date(2026, 12, 31), ("01", date(2027, 1, 10))),  # a year ahead: its first
        (date(2027, 1, 1), ("01", date(2027, 1, 10))),
        (date(2027, 1, 10), ("01", date(2027, 1, 10))),  # due today: still this one
        (date(2027, 1, 11), ("02", date(2027, 2, 10))),
        (date(2027, 12, 10), ("12", date(2027, 12, 10))),
        (date(2027, 12, 11), ("12", date(2027, 12, 10))),  # all past: the last
        (date(2030, 6, 1), ("12", date(2027, 12, 10))),
    ],
)
def test_the_page_shows_the_first_occurrence_not_yet_past(hari_ini, diharapkan):
    assert kejadian_terkini(BULANAN, hari_ini) == diharapkan


def test_a_kind_due_once_a_year_always_shows_it():
    sekali = [("", BATAS)]
    assert kejadian_terkini(sekali, hari(-100)) == ("", BATAS)
    assert kejadian_terkini(sekali, hari(100)) == ("", BATAS)
