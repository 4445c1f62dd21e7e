"""Daftar tilik through Excel: the template exported reads back unchanged; a wrong sheet, a
wrong column, text where a number or a choice is expected or a repeated number is reported
in Indonesian by row and column, and nothing is saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from pengawasan.models import ButirTilik
from pengawasan.resources_audit import NAMA_SHEET
from pengawasan.services import audit as svc
from puskesmas.choices import Peran

from ..factories import pengguna
from .factories_audit import ButirTilikFactory, DaftarTilikFactory

JUDUL = ["Nomor", "Kriteria", "Acuan", "Rujukan dokumen"]


def _xlsx(baris, *, sheet=NAMA_SHEET, judul=JUDUL):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(judul)
    for b in baris:
        ws.append(b)
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile("tilik.xlsx", isi.getvalue())


@pytest.fixture
def mutu(dunia):
    return pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=dunia.a)


@pytest.fixture
def daftar(dunia):
    d = DaftarTilikFactory(puskesmas=dunia.a, nama="ANC")
    ButirTilikFactory(daftar=d, nomor=1, kriteria="Lama", acuan="spm")
    return d


def _isi(daftar):
    return list(daftar.butir.values_list("nomor", "kriteria", "acuan", "rujukan"))


def test_impor_mengganti_kriteria(daftar, mutu):
    hasil = svc.daftar_tilik_impor(
        daftar=daftar,
        berkas=_xlsx(
            [[1, "10T dilakukan", "SOP", "SOP ANC"], [2, "Rekam medis lengkap", "akreditasi", None]]
        ),
        user=mutu,
    )
    assert hasil.sah, hasil.galat
    assert _isi(daftar) == [
        (1, "10T dilakukan", "sop", "SOP ANC"),
        (2, "Rekam medis lengkap", "akreditasi", ""),
    ]
    assert ButirTilik.history.filter(history_type="-").count() == 1


def test_ekspor_dibaca_kembali(daftar, mutu):
    ButirTilikFactory(daftar=daftar, nomor=2, kriteria="=1+1", acuan="akreditasi", rujukan="Bab 5")
    isi = svc.daftar_tilik_ekspor(daftar=daftar)
    ws = load_workbook(io.BytesIO(isi))[NAMA_SHEET]
    assert [c.value for c in ws[1]] == JUDUL
    assert ws["B3"].value == "=1+1" and ws["B3"].data_type == "s"  # text, not a formula
    assert ws["C3"].value == "Akreditasi"
    sebelum = _isi(daftar)
    hasil = svc.daftar_tilik_impor(
        daftar=daftar, berkas=SimpleUploadedFile("t.xlsx", isi), user=mutu
    )
    assert hasil.sah, hasil.galat
    assert _isi(daftar) == sebelum


@pytest.mark.parametrize(
    ("berkas", "harap"),
    [
        (
            lambda: _xlsx([[1, "x", "SOP", ""]], sheet="Sheet1"),
            [(None, None, "Sheet «Daftar tilik» tidak ditemukan")],
        ),
        (
            lambda: _xlsx(
                [[1, "x", "SOP", ""]], judul=["Nomor", "Kriteria", "Acuannya", "Rujukan dokumen"]
            ),
            [(1, "Acuan", "Kolom ini tidak ditemukan"), (1, "Acuannya", "Kolom ini tidak dikenal")],
        ),
        (
            lambda: _xlsx([["satu", "x", "SOP", ""]]),
            [(2, "Nomor", "«satu» bukan angka")],
        ),
        (
            lambda: _xlsx([[1, "x", "Peraturan", ""]]),
            [
                (
                    2,
                    "Acuan",
                    "«Peraturan» bukan pilihan yang sah. Pilihan: Standar, SOP, SPM, Akreditasi.",
                )
            ],
        ),
        (
            lambda: _xlsx([[1, "x", "SOP", ""], [1, "y", "SPM", ""], [2, None, "SPM", ""]]),
            [
                (3, "Nomor", "Nomor 1 sudah dipakai di baris 2; satu nomor satu kriteria."),
                (4, "Kriteria", "Wajib diisi."),
            ],
        ),
    ],
    ids=["sheet", "kolom", "bukan-angka", "bukan-pilihan", "ganda-dan-kosong"],
)
def test_impor_galat_tidak_mengubah(daftar, mutu, berkas, harap):
    sebelum = _isi(daftar)
    hasil = svc.daftar_tilik_impor(daftar=daftar, berkas=berkas(), user=mutu)
    assert not hasil.sah
    dapat = [(g.baris, g.kolom, g.pesan) for g in hasil.galat]
    assert len(dapat) == len(harap), dapat
    for (b, k, p), (hb, hk, hp) in zip(dapat, harap, strict=True):
        assert (b, k) == (hb, hk)
        assert p.startswith(hp), p
    assert _isi(daftar) == sebelum
