"""Excel export and import of a whole PKP instrument (one workbook, four sheets)."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from pkp.aturan_target import PESAN_RENTANG_TANPA_ATAS, PESAN_RENTANG_TERBALIK
from pkp.models import (
    IndikatorMutu,
    IndikatorPelayanan,
    Instrumen,
    KelompokPelayanan,
    KomponenManajemen,
    NilaiPelayanan,
    VariabelManajemen,
)
from pkp.resources import instrumen as r
from pkp.selectors.instrumen import instrumen_xlsx
from pkp.services.instrumen_baris import PESAN_ADA_PENILAIAN, instrumen_impor
from puskesmas.alat.access import PESAN_DITOLAK
from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.impor import PESAN_BUKAN_EXCEL

from ..perencanaan.factories_katalog import IndikatorFactory, klaster
from .conftest import TAHUN


def _potret(instrumen) -> dict:
    """Everything an import may change, comparable between two states."""
    ins = Instrumen.objects.get(pk=instrumen.pk)
    return {
        "instrumen": {f.name: getattr(ins, f.name) for f in Instrumen._meta.concrete_fields},
        "kelompok": list(KelompokPelayanan.objects.filter(instrumen=ins).values().order_by("pk")),
        "pelayanan": list(
            IndikatorPelayanan.objects.filter(kelompok__instrumen=ins).values().order_by("pk")
        ),
        "komponen": list(KomponenManajemen.objects.filter(instrumen=ins).values().order_by("pk")),
        "variabel": list(
            VariabelManajemen.objects.filter(komponen__instrumen=ins).values().order_by("pk")
        ),
        "mutu": list(IndikatorMutu.objects.filter(instrumen=ins).values().order_by("pk")),
    }


def _berkas(isi: bytes, nama="instrumen.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi)


def _ubah(isi: bytes, ubah) -> bytes:
    wb = load_workbook(io.BytesIO(isi))
    ubah(wb)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _baris(ws, kolom: str, nilai) -> int:
    """Row number of the first row whose column titled ``kolom`` holds ``nilai``."""
    judul = [c.value for c in ws[1]]
    i = judul.index(kolom)
    for row in ws.iter_rows(min_row=2):
        if row[i].value == nilai:
            return row[0].row
    raise AssertionError(nilai)


def _sel(ws, baris: int, kolom: str):
    judul = [c.value for c in ws[1]]
    return ws.cell(row=baris, column=judul.index(kolom) + 1)


@pytest.fixture
def katalog_x(dunia):
    return IndikatorFactory(
        kabupaten=dunia.kab_x,
        tahun=TAHUN,
        kode="KAT-1",
        nama="Indikator katalog",
        klaster=klaster(2),
    )


def test_export_holds_four_sheets_numbers_as_numbers_and_formula_like_text_as_text(
    dunia, salinan_x
):
    v = VariabelManajemen.objects.filter(komponen__instrumen=salinan_x).first()
    v.nilai_0 = '=HYPERLINK("http://x")\nbaris kedua'
    v.save()
    i = IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan_x).first()
    i.target = Decimal("12.5")
    i.save()
    wb = load_workbook(io.BytesIO(instrumen_xlsx(salinan_x)))
    assert wb.sheetnames == ["Pelayanan", "Manajemen", "Mutu", "Ambang", "Petunjuk"]
    ws = wb["Manajemen"]
    sel = _sel(ws, _baris(ws, "Kode", v.kode), "Nilai 0")
    assert sel.data_type == "s" and sel.value == v.nilai_0
    ws = wb["Pelayanan"]
    target = _sel(ws, _baris(ws, "Kode", i.kode), "Target")
    assert target.value == 12.5 and target.data_type == "n"
    assert [c.value for c in wb["Ambang"]["A"][1:]] == list(r.ASPEK)
    assert wb["Manajemen"].max_row == 30  # 29 variables + header


def test_round_trip_export_then_import_unchanged_leaves_the_instrument_identical(
    dunia, salinan_x, katalog_x
):
    i = IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan_x).first()
    i.indikator_katalog = katalog_x
    i.arah, i.target, i.target_atas = "rentang", Decimal(150), Decimal(250)
    i.save()
    v = VariabelManajemen.objects.filter(komponen__instrumen=salinan_x).first()
    v.nilai_4 = "Baris satu\r\nbaris dua  \r\n  baris tiga"
    v.definisi_operasional = "=SUM(A1:A2)"
    v.save()
    sebelum = _potret(salinan_x)
    hasil = instrumen_impor(
        user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(instrumen_xlsx(salinan_x))
    )
    assert hasil.sah, hasil.galat
    assert (hasil.dibuat, hasil.diubah, hasil.dihapus) == (0, 0, 0)
    assert _potret(salinan_x) == sebelum


def test_import_updates_adds_and_removes_rows_by_kode(dunia, salinan_x, katalog_x):
    isi = instrumen_xlsx(salinan_x)
    hapus = IndikatorMutu.objects.filter(instrumen=salinan_x).last()

    def ubah(wb):
        ws = wb["Pelayanan"]
        ws.append(["Program baru", "PB-1", "Indikator baru", "turun", "5,5", None, "%", "KAT-1"])
        ws = wb["Manajemen"]
        b = _baris(ws, "Kode", "1.1.1")
        _sel(ws, b, "Nilai 10").value = "Teks baru\ndua baris"
        ws = wb["Mutu"]
        ws.delete_rows(_baris(ws, "Kode", hapus.kode))
        ws = wb["Ambang"]
        _sel(ws, 2, "Batas baik").value = 90
        _sel(ws, 4, "Menentukan kelompok").value = "ya"

    hasil = instrumen_impor(
        user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(_ubah(isi, ubah))
    )
    assert hasil.sah, hasil.galat
    assert (hasil.dibuat, hasil.dihapus) == (1, 1)
    baru = IndikatorPelayanan.objects.get(kelompok__instrumen=salinan_x, kode="PB-1")
    assert baru.kelompok.nama == "Program baru" and baru.target == Decimal("5.5")
    assert baru.arah == "turun" and baru.indikator_katalog == katalog_x
    v = VariabelManajemen.objects.get(komponen__instrumen=salinan_x, kode="1.1.1")
    assert v.nilai_10 == "Teks baru\ndua baris" and v.versi == 2
    assert not IndikatorMutu.objects.filter(pk=hapus.pk).exists()
    ins = Instrumen.objects.get(pk=salinan_x.pk)
    assert ins.pelayanan_batas_baik == 90 and ins.mutu_dihitung


def _galat(hasil) -> list[tuple]:
    return [(g.sheet, g.baris, g.kolom, g.pesan) for g in hasil.galat]


def test_broken_cells_are_reported_by_sheet_row_and_column_and_nothing_changes(dunia, salinan_x):
    isi = instrumen_xlsx(salinan_x)

    def ubah(wb):
        ws = wb["Pelayanan"]
        _sel(ws, 2, "Target").value = "seratus"
        _sel(ws, 3, "Kode katalog").value = "TIDAK-ADA"
        _sel(ws, 4, "Jenis target").value = "rentang"
        ws = wb["Mutu"]
        _sel(ws, 2, "Jenis target").value = "rentang"
        _sel(ws, 2, "Target").value = 90
        _sel(ws, 2, "Batas atas").value = 80
        ws = wb["Ambang"]
        _sel(ws, 3, "Batas baik").value = 11

    sebelum = _potret(salinan_x)
    hasil = instrumen_impor(
        user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(_ubah(isi, ubah))
    )
    assert not hasil.sah
    galat = _galat(hasil)
    assert (
        "Pelayanan",
        2,
        "Target",
        "«seratus» bukan angka. Isi dengan angka saja, misalnya 1500000 atau 12,5.",
    ) in galat
    assert (
        "Pelayanan",
        3,
        "Kode katalog",
        f"Kode «TIDAK-ADA» tidak ada dalam katalog indikator {dunia.kab_x} tahun {TAHUN}.",
    ) in galat
    assert ("Pelayanan", 4, "Batas atas", PESAN_RENTANG_TANPA_ATAS) in galat
    assert ("Mutu", 2, "Batas atas", PESAN_RENTANG_TERBALIK) in galat
    assert ("Ambang", 3, "Batas baik", r.PESAN_MANAJEMEN_MAKS) in galat
    assert [g[0] for g in galat] == sorted(
        (g[0] for g in galat), key=["Pelayanan", "Manajemen", "Mutu", "Ambang"].index
    )
    assert str(hasil.galat[0]).startswith("Sheet «Pelayanan», baris 2, kolom «Target»: ")
    assert _potret(salinan_x) == sebelum


def test_a_catalogue_kode_of_another_kabupaten_is_unknown_here(dunia, salinan_x):
    IndikatorFactory(kabupaten=dunia.kab_y, tahun=TAHUN, kode="KAT-Y", klaster=klaster(1))

    def ubah(wb):
        _sel(wb["Pelayanan"], 2, "Kode katalog").value = "KAT-Y"

    hasil = instrumen_impor(
        user=dunia.admin_x,
        instrumen=salinan_x,
        berkas=_berkas(_ubah(instrumen_xlsx(salinan_x), ubah)),
    )
    assert _galat(hasil) == [
        (
            "Pelayanan",
            2,
            "Kode katalog",
            f"Kode «KAT-Y» tidak ada dalam katalog indikator {dunia.kab_x} tahun {TAHUN}.",
        )
    ]


def test_a_missing_sheet_or_column_is_refused(dunia, salinan_x):
    isi = instrumen_xlsx(salinan_x)
    sebelum = _potret(salinan_x)

    tanpa_mutu = _ubah(isi, lambda wb: setattr(wb["Mutu"], "title", "Mutu2"))
    hasil = instrumen_impor(user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(tanpa_mutu))
    assert [(g.sheet, g.baris) for g in hasil.galat] == [("Mutu", None)]
    assert hasil.galat[0].pesan.startswith("Sheet «Mutu» tidak ditemukan.")

    tanpa_kolom = _ubah(isi, lambda wb: wb["Manajemen"].delete_cols(6))  # Nilai 0
    hasil = instrumen_impor(user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(tanpa_kolom))
    assert _galat(hasil) == [
        (
            "Manajemen",
            1,
            "Nilai 0",
            "Kolom ini tidak ditemukan di baris judul. Jangan mengubah atau menghapus judul "
            "kolom templat.",
        )
    ]

    def ganda(wb):
        ws = wb["Ambang"]
        ws.delete_rows(4)
        _sel(ws, 3, "Aspek").value = "Kinerja pelayanan"

    hasil = instrumen_impor(
        user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(_ubah(isi, ganda))
    )
    assert _galat(hasil) == [
        ("Ambang", None, "Aspek", r.PESAN_ASPEK_HILANG.format(aspek="Kinerja manajemen")),
        ("Ambang", None, "Aspek", r.PESAN_ASPEK_HILANG.format(aspek="Mutu pelayanan")),
        ("Ambang", 3, "Aspek", r.PESAN_ASPEK_GANDA.format(aspek="Kinerja pelayanan", baris=2)),
    ]
    assert _potret(salinan_x) == sebelum


def test_not_an_excel_file_and_a_50_mb_file_are_refused_with_a_bounded_error(dunia, salinan_x):
    sebelum = _potret(salinan_x)
    hasil = instrumen_impor(user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(b"bukan zip"))
    assert [g.pesan for g in hasil.galat] == [PESAN_BUKAN_EXCEL]
    besar = SimpleUploadedFile("besar.xlsx", b"\0" * (50 * 1024 * 1024))
    hasil = instrumen_impor(user=dunia.admin_x, instrumen=salinan_x, berkas=besar)
    assert len(hasil.galat) == 1
    assert hasil.galat[0].pesan.startswith("Berkas terlalu besar (50,0 MB); batasnya ")
    assert _potret(salinan_x) == sebelum


def test_a_removed_row_an_assessment_uses_is_refused_and_a_submitted_one_blocks_import(
    dunia, salinan_x, penilaian_a
):
    isi = instrumen_xlsx(salinan_x)
    mutu = IndikatorMutu.objects.filter(instrumen=salinan_x).first()
    tanpa = _ubah(isi, lambda wb: wb["Mutu"].delete_rows(2))
    hasil = instrumen_impor(user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(tanpa))
    assert _galat(hasil) == [
        (
            "Mutu",
            None,
            "Kode",
            r.PESAN_DIPAKAI.format(apa="Indikator", kode=mutu.kode, n=1),
        )
    ]
    assert IndikatorMutu.objects.filter(pk=mutu.pk).exists()

    # a new row reaches the draft assessment as an empty item
    def tambah(wb):
        wb["Pelayanan"].append(["Program baru", "PB-1", "Baru", "naik", 100, None, "%", None])

    hasil = instrumen_impor(
        user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(_ubah(isi, tambah))
    )
    assert hasil.sah, hasil.galat
    assert NilaiPelayanan.objects.filter(
        penilaian=penilaian_a, indikator__kode="PB-1", capaian__isnull=True
    ).exists()

    penilaian_a.status = StatusAlur.DIAJUKAN
    penilaian_a.save()
    sebelum = _potret(salinan_x)
    hasil = instrumen_impor(user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(isi))
    assert [g.pesan for g in hasil.galat] == [PESAN_ADA_PENILAIAN.format(instrumen=salinan_x, n=1)]
    assert _potret(salinan_x) == sebelum


def test_the_national_default_exports_and_refuses_a_catalogue_kode(dunia, standar):
    isi = instrumen_xlsx(standar)
    hasil = instrumen_impor(user=dunia.nasional, instrumen=standar, berkas=_berkas(isi))
    assert hasil.sah and (hasil.dibuat, hasil.diubah, hasil.dihapus) == (0, 0, 0)

    def ubah(wb):
        _sel(wb["Pelayanan"], 2, "Kode katalog").value = "SPM-1"

    hasil = instrumen_impor(
        user=dunia.nasional, instrumen=standar, berkas=_berkas(_ubah(isi, ubah))
    )
    assert _galat(hasil) == [("Pelayanan", 2, "Kode katalog", r.PESAN_KATALOG_NASIONAL)]


def test_only_the_kabupatens_admin_imports(dunia, salinan_x):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        instrumen_impor(user=dunia.verifikator_x, instrumen=salinan_x, berkas=_berkas(b""))


# --- pages -----------------------------------------------------------------------------


def test_admin_exports_and_imports_through_the_pages(dunia, salinan_x, masuk):
    c = masuk(dunia.admin_x)
    r_ekspor = c.get(reverse("pkp:instrumen_ekspor", args=[salinan_x.pk]))
    assert r_ekspor.status_code == 200
    assert r_ekspor["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    isi = r_ekspor.content
    url = reverse("pkp:instrumen_impor", args=[salinan_x.pk])
    assert c.get(url).status_code == 200

    def ubah(wb):
        _sel(wb["Pelayanan"], 2, "Target").value = "abc"

    r_salah = c.post(url, {"berkas": _berkas(_ubah(isi, ubah))})
    assert r_salah.status_code == 200
    teks = r_salah.content.decode()
    assert "Pelayanan" in teks and "«abc» bukan angka" in teks

    def ubah_sah(wb):
        _sel(wb["Pelayanan"], 2, "Target").value = "87,5"

    r_sah = c.post(url, {"berkas": _berkas(_ubah(isi, ubah_sah))})
    assert r_sah.status_code == 302
    assert IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan_x).order_by(
        "kelompok__urutan", "urutan"
    ).first().target == Decimal("87.5")


def test_admin_of_y_cannot_export_or_import_x(dunia, salinan_x, masuk):
    c = masuk(dunia.verifikator_y)
    for nama in ("pkp:instrumen_ekspor", "pkp:instrumen_impor"):
        assert c.get(reverse(nama, args=[salinan_x.pk])).status_code == 404
    c = masuk(dunia.verifikator_x)
    assert c.get(reverse("pkp:instrumen_ekspor", args=[salinan_x.pk])).status_code == 200
    assert c.get(reverse("pkp:instrumen_impor", args=[salinan_x.pk])).status_code == 403


def test_a_workbook_from_elsewhere_lists_what_is_missing(dunia, salinan_x, masuk):
    wb = Workbook()
    wb.active.title = "Data"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    hasil = instrumen_impor(
        user=dunia.admin_x, instrumen=salinan_x, berkas=_berkas(keluaran.getvalue())
    )
    assert [g.sheet for g in hasil.galat] == ["Pelayanan", "Manajemen", "Mutu", "Ambang"]


def test_export_and_import_page_queries_do_not_grow_with_rows(dunia, salinan_x, masuk, katalog_x):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pkp.services.instrumen_baris import baris_tambah

    c = masuk(dunia.admin_x)
    urls = [
        reverse("pkp:instrumen_ekspor", args=[salinan_x.pk]),
        reverse("pkp:instrumen_impor", args=[salinan_x.pk]),
    ]

    def hitung():
        jumlah = []
        for url in urls:
            with CaptureQueriesContext(connection) as q:
                assert c.get(url).status_code == 200
            jumlah.append(len(q))
        return jumlah

    sedikit = hitung()
    kelompok = salinan_x.kelompok_pelayanan.first()
    komponen = salinan_x.komponen_manajemen.first()
    for n in range(12):
        baris_tambah(
            user=dunia.admin_x,
            obj=IndikatorPelayanan(
                kelompok=kelompok, kode=f"B{n}", nama="b", target=1, indikator_katalog=katalog_x
            ),
        )
        baris_tambah(
            user=dunia.admin_x,
            obj=VariabelManajemen(
                komponen=komponen,
                kode=f"9.{n}",
                nama="v",
                nilai_0="a",
                nilai_4="b",
                nilai_7="c",
                nilai_10="d",
            ),
        )
        baris_tambah(
            user=dunia.admin_x, obj=IndikatorMutu(instrumen=salinan_x, kode=f"M{n}", nama="m")
        )
    assert hitung() == sedikit


def test_the_national_page_offers_the_export_only_to_the_national_admin(dunia, standar, masuk):
    url = reverse("pkp:instrumen_nasional") + f"?tahun={TAHUN}"
    assert 'data-testid="ekspor-instrumen"' in masuk(dunia.nasional).get(url).content.decode()
    assert 'data-testid="ekspor-instrumen"' not in masuk(dunia.admin_x).get(url).content.decode()
    assert (
        masuk(dunia.admin_x).get(reverse("pkp:instrumen_ekspor", args=[standar.pk])).status_code
        == 404
    )
