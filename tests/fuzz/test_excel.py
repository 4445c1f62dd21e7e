"""Random workbooks into every Excel reader (hypothesis): random sheets, headers, cell values
and types, built with openpyxl.

The bounded reader never raises: a workbook gives either rows whose values have the
column's type and range, or errors that name a row and a column of the template in
Indonesian. Through the RUK import (the Resource and the service), a file with any error
leaves the database exactly as it was, and a clean one adds exactly its rows.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from perencanaan.models import Indikator, KegiatanRUK
from perencanaan.resources import TEMPLAT_EKSPOR_TARGET
from perencanaan.services.katalog import TEMPLAT_KATALOG, katalog_impor
from perencanaan.services.ruk import TEMPLAT_RUK, ImporGagal, kegiatan_ruk_impor
from perencanaan.services.target import TEMPLAT_TARGET
from perencanaan.views.rpk import TEMPLAT_RPK
from puskesmas.alat.impor import BULAT, DESIMAL, PILIHAN, TANGGAL, TEKS, baca_xlsx

from ..perencanaan.factories_ruk import RUKFactory

SEMUA_TEMPLAT = [TEMPLAT_RUK, TEMPLAT_TARGET, TEMPLAT_KATALOG, TEMPLAT_RPK, TEMPLAT_EKSPOR_TARGET]

# Characters an xlsx cell can hold (openpyxl refuses the other control characters).
TEKS_SEL = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x0b\x0c"),
    max_size=30,
).filter(lambda t: not any(ord(c) < 32 and c not in "\t\n\r" for c in t))


def nilai_sel(templat):
    kolom = templat.kolom
    return st.one_of(
        st.none(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.decimals(
            allow_nan=False, allow_infinity=False, places=3, max_value=10**15, min_value=-(10**15)
        ),
        st.booleans(),
        st.dates(min_value=dt.date(1900, 3, 1)),
        st.datetimes(min_value=dt.datetime(1900, 3, 1)),
        TEKS_SEL,
        st.sampled_from(["1.500.000", "12,5", "Rp 2.000", "85%", "14/02/2027", "=1+1", "-0", ""]),
        st.sampled_from([p for k in kolom for p in k.pilihan] or ["x"]),
        st.sampled_from([k.judul for k in kolom]),
    )


@st.composite
def workbook(draw, templat):
    judul = [k.judul for k in templat.kolom]
    nama_lain = draw(
        st.lists(
            st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=20),
            max_size=2,
            unique=True,
        )
    )
    sheet = (
        draw(st.sampled_from([templat.nama_sheet, *nama_lain])) if nama_lain else templat.nama_sheet
    )
    kepala = draw(
        st.one_of(
            st.just(judul),
            st.permutations(judul),
            st.lists(st.sampled_from(judul), max_size=len(judul) + 2),
            st.lists(nilai_sel(templat), max_size=len(judul) + 2),
        )
    )
    baris = draw(st.lists(st.lists(nilai_sel(templat), max_size=len(judul) + 2), max_size=6))
    return sheet, nama_lain, kepala, baris


def buat_xlsx(isi) -> SimpleUploadedFile:
    """The workbook a drawn (sheet, other sheets, header, rows) describes."""
    sheet, nama_lain, kepala, baris = isi
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for lain in nama_lain:
        if lain != sheet:
            wb.create_sheet(lain)
    ws.append(list(kepala))
    for b in baris:
        ws.append(b)
    berkas = io.BytesIO()
    wb.save(berkas)
    return SimpleUploadedFile("x.xlsx", berkas.getvalue())


JENIS = {TEKS: str, BULAT: int, DESIMAL: Decimal, TANGGAL: dt.date}

CEPAT = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("templat", SEMUA_TEMPLAT, ids=lambda t: t.nama_sheet)
def test_pembaca_xlsx_tidak_pernah_gagal(templat):
    judul = {k.judul for k in templat.kolom}

    @CEPAT
    @given(workbook(templat))
    @example(("RUK", [], [0], []))  # an unknown header cell is named as typed, on row 1
    @example((templat.nama_sheet, [], [], []))  # no header row at all
    @example((templat.nama_sheet, [], [k.judul for k in templat.kolom], [[None], ["=1+1"]]))
    def periksa(isi):
        hasil = baca_xlsx(buat_xlsx(isi), templat)
        for g in hasil.galat:
            assert isinstance(g.pesan, str) and g.pesan
            assert g.baris is None or g.baris >= 1  # 1: the header row
            if g.baris is not None and g.baris >= 2:  # header errors name the cell as typed
                assert g.kolom in judul
        if hasil.sah:
            assert hasil.baris
        for nomor, data in hasil.baris:
            assert nomor >= 2
            for k in templat.kolom:
                v = data[k.kunci]
                if v is None:
                    continue
                if k.jenis == PILIHAN:
                    assert v in k.pilihan
                else:
                    assert isinstance(v, JENIS[k.jenis]), (k.judul, v)
                if k.jenis in (BULAT, DESIMAL) and k.minimum is not None:
                    assert v >= k.minimum

    periksa()


@st.composite
def ruk_hampir_sah(draw):
    """A RUK workbook of valid rows, one cell of which may be replaced by a random value."""
    sumber = [k for k in TEMPLAT_RUK.kolom if k.kunci == "sumber_pembiayaan"][0].pilihan
    baris = [
        [
            draw(st.integers(1, 5)),
            draw(TEKS_SEL.filter(lambda t: t.strip() and t.strip()[0] not in "=+-@")),
            *[draw(st.sampled_from(["", "ada", "4 kali", "Bidan"])) for _ in range(8)],
            draw(st.integers(0, 10**12) | st.sampled_from(["1.500.000", "Rp 2.000"])),
            "",
            draw(st.sampled_from(sumber)),
        ]
        for _ in range(draw(st.integers(1, 4)))
    ]
    if draw(st.booleans()):
        b = draw(st.integers(0, len(baris) - 1))
        k = draw(st.integers(0, len(TEMPLAT_RUK.kolom) - 1))
        baris[b][k] = draw(nilai_sel(TEMPLAT_RUK))
    return TEMPLAT_RUK.nama_sheet, [], [k.judul for k in TEMPLAT_RUK.kolom], baris


def _jejak():
    return (
        list(KegiatanRUK.objects.order_by("pk").values()),
        KegiatanRUK.history.count(),
    )


@pytest.mark.django_db
def test_impor_ruk_acak_semua_atau_tidak_sama_sekali(dunia):
    ruk = RUKFactory(puskesmas=dunia.a, tahun=2027)
    hasil = {"gagal": 0, "masuk": 0}

    @CEPAT
    @given(workbook(TEMPLAT_RUK) | ruk_hampir_sah())
    def periksa(isi):
        sebelum, riwayat = _jejak()
        try:
            n = kegiatan_ruk_impor(ruk=ruk, berkas=buat_xlsx(isi), user=dunia.ktu_a)
        except ImporGagal as e:
            assert e.galat and all(isinstance(g.pesan, str) and g.pesan for g in e.galat)
            assert _jejak() == (sebelum, riwayat)
            hasil["gagal"] += 1
            return
        hasil["masuk"] += 1
        sesudah, riwayat_sesudah = _jejak()
        assert n >= 1
        assert len(sesudah) == len(sebelum) + n and riwayat_sesudah == riwayat + n
        assert sesudah[: len(sebelum)] == sebelum

    periksa()
    assert hasil["gagal"] and hasil["masuk"], hasil  # both outcomes were tried


@pytest.mark.django_db
def test_impor_katalog_acak_tidak_mengubah_apa_pun_bila_ada_galat(dunia):
    def jejak():
        return (list(Indikator.objects.order_by("pk").values()), Indikator.history.count())

    @CEPAT
    @given(workbook(TEMPLAT_KATALOG))
    def periksa(isi):
        sebelum = jejak()
        hasil = katalog_impor(
            user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=2027, berkas=buat_xlsx(isi)
        )
        if not hasil.sah:
            assert all(isinstance(g.pesan, str) and g.pesan for g in hasil.galat)
            assert jejak() == sebelum
        else:
            assert hasil.dibuat + hasil.diubah >= 1

    periksa()
