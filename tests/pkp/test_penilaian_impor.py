"""The achievements template of an assessment and its all-or-nothing import."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from pkp.models import NilaiMutu, NilaiPelayanan, SumberCapaian
from pkp.resources.penilaian import PESAN_KODE_TIDAK_DIKENAL
from pkp.services import penilaian as svc
from puskesmas.alat.alur import DokumenTerkunci

from .conftest import isi_semua

SHEET = "Capaian"


def _buku(penilaian):
    return load_workbook(io.BytesIO(svc.templat_capaian(penilaian)))


def _berkas(wb, nama="capaian.xlsx"):
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile(nama, isi.getvalue())


def _baris_data(ws):
    """{kode: row number} of the template's data rows."""
    judul = [c.value for c in ws[1]]
    kolom_kode = judul.index("Kode") + 1
    return {
        ws.cell(r, kolom_kode).value: r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, kolom_kode).value
    }


def _kolom(ws, judul):
    return [c.value for c in ws[1]].index(judul) + 1


def _keadaan(penilaian):
    return sorted(
        (b.pk, b.capaian, b.sumber, b.keterangan_sumber, b.versi)
        for model in (NilaiPelayanan, NilaiMutu)
        for b in model.objects.filter(penilaian=penilaian)
    )


def test_the_template_holds_every_indicator_with_its_target(penilaian_a):
    ws = _buku(penilaian_a)[SHEET]
    kode = _baris_data(ws)
    jumlah = (
        NilaiPelayanan.objects.filter(penilaian=penilaian_a).count()
        + NilaiMutu.objects.filter(penilaian=penilaian_a).count()
    )
    assert len(kode) == jumlah
    r = kode["MUTU-03"]
    assert ws.cell(r, _kolom(ws, "Target")).value == "≤ 60 menit"
    assert ws.cell(r, _kolom(ws, "Indikator")).value == "Waktu tunggu rawat jalan"


def test_an_import_writes_the_filled_rows_as_impor(dunia, penilaian_a):
    wb = _buku(penilaian_a)
    ws = wb[SHEET]
    kode = _baris_data(ws)
    pel = NilaiPelayanan.objects.filter(penilaian=penilaian_a).select_related("indikator").first()
    ws.cell(kode[pel.indikator.kode], _kolom(ws, "Capaian")).value = 87.5
    ws.cell(kode[pel.indikator.kode], _kolom(ws, "Keterangan sumber")).value = "Laporan SIMPUS"
    ws.cell(kode["MUTU-03"], _kolom(ws, "Capaian")).value = "45"
    jumlah, galat = svc.nilai_impor(penilaian=penilaian_a, berkas=_berkas(wb), user=dunia.kapus_a)
    assert (jumlah, galat) == (2, [])
    pel.refresh_from_db()
    assert (pel.capaian, pel.sumber, pel.keterangan_sumber, pel.versi) == (
        Decimal("87.5"),
        SumberCapaian.IMPOR,
        "Laporan SIMPUS",
        2,
    )
    mutu = NilaiMutu.objects.get(penilaian=penilaian_a, indikator__kode="MUTU-03")
    assert (mutu.capaian, mutu.sumber) == (Decimal(45), SumberCapaian.IMPOR)
    # Rows left empty are untouched.
    assert NilaiMutu.objects.filter(penilaian=penilaian_a, capaian__isnull=True).count() == 3


def test_an_exported_template_reads_back_unchanged(dunia, penilaian_a):
    isi_semua(penilaian_a, capaian="80", mutu="90")
    sebelum = _keadaan(penilaian_a)
    jumlah, galat = svc.nilai_impor(
        penilaian=penilaian_a, berkas=_berkas(_buku(penilaian_a)), user=dunia.kapus_a
    )
    assert (jumlah, galat) == (0, [])
    assert _keadaan(penilaian_a) == sebelum


def test_a_broken_file_changes_nothing_and_lists_every_error(dunia, penilaian_a):
    wb = _buku(penilaian_a)
    ws = wb[SHEET]
    kode = _baris_data(ws)
    baris = sorted(kode.values())
    capaian = _kolom(ws, "Capaian")
    ws.cell(baris[0], capaian).value = "delapan puluh"
    ws.cell(baris[1], capaian).value = 70
    ws.cell(baris[2], _kolom(ws, "Kode")).value = "ZZ-99"
    ws.cell(baris[2], capaian).value = 70
    sebelum = _keadaan(penilaian_a)
    jumlah, galat = svc.nilai_impor(penilaian=penilaian_a, berkas=_berkas(wb), user=dunia.kapus_a)
    assert jumlah == 0
    assert [(g.baris, g.kolom) for g in galat] == [(baris[0], "Capaian"), (baris[2], "Kode")]
    assert galat[0].pesan.startswith("«delapan puluh» bukan angka")
    assert galat[1].pesan == PESAN_KODE_TIDAK_DIKENAL.format(kode="ZZ-99")
    assert _keadaan(penilaian_a) == sebelum


def test_a_wrong_sheet_is_refused(dunia, penilaian_a):
    wb = _buku(penilaian_a)
    wb[SHEET].title = "Lembar1"
    jumlah, galat = svc.nilai_impor(penilaian=penilaian_a, berkas=_berkas(wb), user=dunia.kapus_a)
    assert jumlah == 0 and len(galat) == 1
    assert galat[0].pesan.startswith("Sheet «Capaian» tidak ditemukan")


def test_a_renamed_column_is_refused(dunia, penilaian_a):
    wb = _buku(penilaian_a)
    ws = wb[SHEET]
    ws.cell(1, _kolom(ws, "Capaian")).value = "Realisasi"
    sebelum = _keadaan(penilaian_a)
    jumlah, galat = svc.nilai_impor(penilaian=penilaian_a, berkas=_berkas(wb), user=dunia.kapus_a)
    assert jumlah == 0
    assert {(g.baris, g.kolom) for g in galat} == {(1, "Capaian"), (1, "Realisasi")}
    assert "tidak ditemukan" in next(g.pesan for g in galat if g.kolom == "Capaian")
    assert _keadaan(penilaian_a) == sebelum


def test_the_same_kode_twice_is_refused(dunia, penilaian_a):
    wb = _buku(penilaian_a)
    ws = wb[SHEET]
    kode = _baris_data(ws)
    baris = kode["MUTU-02"]
    ws.cell(kode["MUTU-01"], _kolom(ws, "Kode")).value = "MUTU-02"
    jumlah, galat = svc.nilai_impor(penilaian=penilaian_a, berkas=_berkas(wb), user=dunia.kapus_a)
    assert jumlah == 0
    assert [g.pesan for g in galat] == [
        f"Kode «MUTU-02» sudah ada di baris {kode['MUTU-01']}. Setiap indikator hanya sekali."
    ]
    assert galat[0].baris == baris


def test_import_is_refused_once_submitted_and_to_outsiders(dunia, penilaian_a):
    with pytest.raises(PermissionDenied):
        svc.nilai_impor(
            penilaian=penilaian_a, berkas=_berkas(_buku(penilaian_a)), user=dunia.staf_b
        )
    isi_semua(penilaian_a)
    svc.penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)
    with pytest.raises(DokumenTerkunci):
        svc.nilai_impor(
            penilaian=penilaian_a, berkas=_berkas(_buku(penilaian_a)), user=dunia.kapus_a
        )
