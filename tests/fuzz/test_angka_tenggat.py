"""Random input into the Indonesian number reader and the deadline rules (hypothesis).

No exception escapes, and every output stays within its range. Examples hypothesis found
that once failed are kept below as plain tests. Example counts are bounded (``CEPAT``) so
the whole fuzz set stays well under a minute.
"""

import datetime as dt
from decimal import Decimal

from django.utils import translation
from hypothesis import example, given, settings
from hypothesis import strategies as st

from puskesmas.alat.angka import DIGIT_MAKS, baca_angka, format_angka
from puskesmas.alat.tenggat import (
    HARI_SEBELUM,
    ULANG_LEWAT_HARI,
    Kepatuhan,
    StatusTenggat,
    TahapPengingat,
    keadaan_tenggat,
    kejadian_terkini,
    ringkas,
    tahap_pengingat,
)

CEPAT = settings(max_examples=300, deadline=None)

# Text that looks like a number more often than st.text() alone would.
POTONGAN = st.sampled_from(
    ["0", "1", "5", "9", "00", "000", ".", ",", " ", "\u00a0", "-", "+", "Rp", "rp", "%"]
    + ["e", "E", "e999999999", "inf", "Infinity", "nan", "sNaN", "_", "\u0660", "²", "½"]
)
TEKS_ANGKA = st.lists(POTONGAN, max_size=12).map("".join) | st.text(max_size=40)
NILAI = (
    TEKS_ANGKA
    | st.integers()
    | st.floats()
    | st.decimals()
    | st.none()
    | st.booleans()
    | st.dates()
    | st.binary(max_size=10)
)


@CEPAT
@given(NILAI)
@example("1e999999999")
@example("9" * 10_000)
@example(float("nan"))
@example(Decimal("sNaN"))
def test_baca_angka_tidak_pernah_gagal_dan_hasilnya_wajar(nilai):
    angka = baca_angka(nilai)
    if angka is not None:
        assert isinstance(angka, Decimal)
        assert angka.is_finite()
        assert angka.adjusted() < DIGIT_MAKS
        int(angka)  # cheap: the digit bound keeps huge exponents out


@CEPAT
@given(NILAI)
def test_format_angka_selalu_teks(nilai):
    with translation.override("id"):
        assert isinstance(format_angka(nilai), str)


@CEPAT
@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    )
)
@example(Decimal("3000"))
@example(Decimal("0.05"))
@example(Decimal("-1500000.50"))
def test_angka_yang_ditampilkan_terbaca_kembali_sama(angka):
    with translation.override("id"):
        assert baca_angka(format_angka(angka)) == angka


TANGGAL = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@CEPAT
@given(TANGGAL, st.none() | TANGGAL, TANGGAL)
def test_keadaan_tenggat_dalam_rentang(batas, selesai, hari_ini):
    k = keadaan_tenggat(batas=batas, selesai_pada=selesai, hari_ini=hari_ini)
    assert k.status in StatusTenggat
    assert isinstance(k.label, str) and isinstance(k.warna, str) and k.keterangan
    assert k.kepatuhan in Kepatuhan and k.label_kepatuhan and k.warna_kepatuhan
    if k.sisa_hari is not None:
        assert k.sisa_hari >= 0 and selesai is None
    if k.hari_terlambat is not None:
        assert k.hari_terlambat >= 1
    if selesai is not None:  # once done, the day it is looked at no longer matters
        lain = keadaan_tenggat(batas=batas, selesai_pada=selesai, hari_ini=batas)
        assert lain.status == k.status and k.sisa_hari is None
        assert tahap_pengingat(batas=batas, selesai_pada=selesai, hari_ini=hari_ini) is None


@CEPAT
@given(TANGGAL, st.integers(min_value=1, max_value=400))
def test_pengingat_tepat_pada_harinya_dan_berurutan(batas, hari):
    """Over any stretch of days: H-7, H-3, H-1, then overdue reminders 1, 2, 3... weekly."""
    pengingat = []
    for d in range(-10, hari):
        p = tahap_pengingat(batas=batas, selesai_pada=None, hari_ini=batas + dt.timedelta(d))
        if p is not None:
            pengingat.append((d, p))
    sebelum = [(d, p.tahap) for d, p in pengingat if d < 0]
    assert sebelum == [(-h, HARI_SEBELUM[h]) for h in sorted(HARI_SEBELUM, reverse=True)]
    assert all(d != 0 for d, _ in pengingat)
    lewat = [(d, p) for d, p in pengingat if d > 0]
    assert [p.ke for _, p in lewat] == list(range(1, len(lewat) + 1))
    assert [d for d, _ in lewat] == [1 + ULANG_LEWAT_HARI * i for i in range(len(lewat))]
    assert all(p.tahap == TahapPengingat.LEWAT for _, p in lewat)
    assert len({p.kode for _, p in pengingat}) == len(pengingat)


@CEPAT
@given(st.lists(st.tuples(st.text(max_size=5), TANGGAL), min_size=1), TANGGAL)
def test_kejadian_terkini_salah_satu_kejadian(kejadian, hari_ini):
    kejadian = sorted(kejadian, key=lambda k: k[1])
    kode, batas = kejadian_terkini(kejadian, hari_ini)
    assert (kode, batas) in kejadian
    if batas < hari_ini:
        assert all(b < hari_ini for _, b in kejadian)


@CEPAT
@given(st.lists(st.tuples(TANGGAL, st.none() | TANGGAL, TANGGAL), max_size=30))
def test_ringkasan_menjumlah(data):
    keadaan = [keadaan_tenggat(batas=b, selesai_pada=s, hari_ini=h) for b, s, h in data]
    r = ringkas(keadaan)
    assert r.jumlah == len(keadaan)
    assert 0 <= r.belum_lewat <= r.belum
    assert min(r.tepat_waktu, r.terlambat, r.belum) >= 0
