"""Excel import and export of the indicator catalogue."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from perencanaan.models import Indikator
from perencanaan.services.katalog import (
    TEMPLAT_KATALOG,
    katalog_impor,
    katalog_isi_awal,
    katalog_untuk,
)

from ..berkas_xlsx import DTD_LAUGHS, DTD_XXE, bom_sheet, sheet_xml
from ..berkas_xlsx import xlsx as berkas_tangan
from .factories_katalog import IndikatorFactory, klaster

JUDUL = [k.judul for k in TEMPLAT_KATALOG.kolom]


def xlsx(baris, *, judul=None, sheet="Indikator") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(judul or JUDUL)
    for b in baris:
        ws.append(list(b))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def berkas(isi: bytes, nama="katalog.xlsx"):
    return SimpleUploadedFile(nama, isi)


BARIS_BAIK = [
    ("SPM-01", "Ibu hamil (diubah)", 2, "spm", "%", "naik", 100, "ibu_hamil", "Def", "Num", "Den"),
    ("BARU-1", "Indikator baru", 3, "lain", "%", "turun", "12,5", "", "", "", ""),
    ("BARU-2", "Indikator tanpa pilihan", 5, None, None, None, None, None, None, None, None),
]


def jejak_db(kab):
    return sorted(
        Indikator.objects.filter(kabupaten=kab).values_list(
            "tahun", "kode", "nama", "klaster__nomor", "target_default", "aktif"
        )
    )


def url(nama, dunia):
    return reverse(f"perencanaan:{nama}", args=[dunia.kab_x.pk])


def test_happy_path_upserts_by_code(dunia):
    kab = dunia.kab_x
    katalog_isi_awal(kabupaten=kab, tahun=2026)
    hasil = katalog_impor(
        user=dunia.admin_x, kabupaten=kab, tahun=2026, berkas=berkas(xlsx(BARIS_BAIK))
    )
    assert hasil.sah and (hasil.dibuat, hasil.diubah) == (2, 1)
    spm1 = Indikator.objects.get(kabupaten=kab, tahun=2026, kode="SPM-01")
    assert spm1.nama == "Ibu hamil (diubah)" and spm1.definisi_operasional == "Def"
    assert spm1.history.first().history_user == dunia.admin_x
    baru1 = Indikator.objects.get(kabupaten=kab, tahun=2026, kode="BARU-1")
    assert baru1.target_default == Decimal("12.5") and baru1.arah == "turun"
    assert baru1.klaster.nomor == 3
    baru2 = Indikator.objects.get(kabupaten=kab, tahun=2026, kode="BARU-2")
    assert (baru2.jenis, baru2.satuan, baru2.arah, baru2.target_default) == (
        "lain",
        "%",
        "naik",
        Decimal(100),
    )
    assert Indikator.objects.filter(kabupaten=kab, tahun=2026).count() == 26


@pytest.mark.parametrize(
    "isi, harapan",
    [
        (
            lambda: xlsx(BARIS_BAIK, sheet="Sheet1"),
            [(None, None, "Sheet «Indikator» tidak ditemukan")],
        ),
        (
            lambda: xlsx([r[:10] for r in BARIS_BAIK], judul=JUDUL[:10]),
            [(1, "Denominator", "Kolom ini tidak ditemukan di baris judul")],
        ),
        (
            lambda: xlsx([r + ("x",) for r in BARIS_BAIK], judul=[*JUDUL, "Catatan"]),
            [(1, "Catatan", "Kolom ini tidak dikenal")],
        ),
        (
            lambda: xlsx(
                [
                    ("A-1", "Satu", 2, "spm", "%", "naik", "seratus", "", "", "", ""),
                    ("A-2", "Dua", "dua", "spm", "%", "naik", 100, "", "", "", ""),
                ]
            ),
            [
                (2, "Target default", "«seratus» bukan angka"),
                (3, "Klaster", "«dua» bukan angka"),
            ],
        ),
        (
            lambda: xlsx(
                [
                    ("A-1", "Satu", 7, "spm", "%", "naik", 100, "", "", "", ""),
                    ("A-1", "Dua", 2, "xyz", "%", "naik", 100, "lansia", "", "", ""),
                    (None, None, 2, "spm", "%", "naik", 100, "", "", "", ""),
                ]
            ),
            [
                (2, "Klaster", "Klaster «7» tidak dikenal. Isi angka 1–5: 1 Manajemen"),
                (3, "Jenis", "«xyz» bukan pilihan yang sah"),
                (3, "Kelompok sasaran", "«lansia» bukan pilihan yang sah"),
                (3, "Kode", "Kode «A-1» sudah dipakai di baris 2."),
                (4, "Kode", "Wajib diisi."),
                (4, "Nama indikator", "Wajib diisi."),
            ],
        ),
        (
            lambda: xlsx(
                [
                    ("A-1", "Satu", 2, "spm", "%", "naik", 100, "", "", "", ""),
                    ("A-1", "Dua", 2, "spm", "%", "naik", 1500, "", "", "", ""),
                ]
            ),
            [
                (3, "Target default", "Target default paling besar 1000."),
                (3, "Kode", "Kode «A-1» sudah dipakai di baris 2."),
            ],
        ),
        (lambda: b"bukan excel sama sekali", [(None, None, "Berkas bukan file Excel (.xlsx)")]),
    ],
    ids=[
        "sheet-salah",
        "kolom-hilang",
        "kolom-asing",
        "teks-di-angka",
        "klaster-asing",
        "kode-ganda",
        "bukan-xlsx",
    ],
)
def test_broken_files_report_every_error_and_change_nothing(dunia, isi, harapan):
    kab = dunia.kab_x
    katalog_isi_awal(kabupaten=kab, tahun=2026)
    sebelum = jejak_db(kab)
    hasil = katalog_impor(user=dunia.admin_x, kabupaten=kab, tahun=2026, berkas=berkas(isi()))
    assert not hasil.sah
    didapat = [(g.baris, g.kolom, g.pesan) for g in hasil.galat]
    assert len(didapat) == len(harapan), didapat
    for (baris, kolom, pesan), (b, k, p) in zip(
        sorted(didapat, key=str), sorted(harapan, key=str), strict=True
    ):
        assert (baris, kolom) == (b, k) and pesan.startswith(p), didapat
    assert jejak_db(kab) == sebelum


def test_upload_page_shows_all_errors_in_a_table_and_saves_nothing(masuk, dunia):
    sebelum = jejak_db(dunia.kab_x)
    isi = xlsx(
        [
            ("A-1", "Satu", 9, "spm", "%", "naik", "abc", "", "", "", ""),
            ("A-2", "Dua", 2, "spm", "%", "naik", 100, "", "", "", ""),
        ]
    )
    r = masuk(dunia.admin_x).post(
        url("katalog_impor", dunia), {"tahun": "2026", "berkas": berkas(isi)}
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert 'data-testid="tabel-galat"' in html
    assert "2 kesalahan ditemukan. Tidak ada data yang disimpan." in html
    assert "Klaster «9» tidak dikenal" in html and "«abc» bukan angka" in html
    assert jejak_db(dunia.kab_x) == sebelum


def test_upload_page_happy_path(masuk, dunia):
    r = masuk(dunia.admin_x).post(
        url("katalog_impor", dunia),
        {"tahun": "2026", "berkas": berkas(xlsx(BARIS_BAIK))},
        follow=True,
    )
    assert "Impor selesai: 3 indikator ditambahkan, 0 diperbarui pada katalog tahun 2026." in (
        r.content.decode()
    )
    # the kabupaten's own catalogue: the default is not added on top of it afterwards
    assert len(katalog_untuk(kabupaten=dunia.kab_x, tahun=2026)) == 3


def test_a_file_over_the_limit_is_refused(masuk, dunia, settings):
    settings.MAX_IMPORT_FILE_SIZE = 2048
    r = masuk(dunia.admin_x).post(
        url("katalog_impor", dunia),
        {"tahun": "2026", "berkas": berkas(b"x" * 5000)},
    )
    assert r.status_code == 200
    assert "Berkas terlalu besar (0,0 MB); batasnya 0,0 MB." in r.content.decode()
    assert not Indikator.objects.filter(kabupaten=dunia.kab_x).exists()


def test_import_is_for_dinkes_admins(masuk, dunia):
    r = masuk(dunia.verifikator_x).post(
        url("katalog_impor", dunia), {"tahun": "2026", "berkas": berkas(xlsx(BARIS_BAIK))}
    )
    assert r.status_code == 403
    assert not Indikator.objects.filter(kabupaten=dunia.kab_x).exists()


def test_export_round_trip(masuk, dunia):
    kab = dunia.kab_x
    katalog_isi_awal(kabupaten=kab, tahun=2026)
    IndikatorFactory(
        kabupaten=kab, tahun=2026, kode="DES", target_default=Decimal("12.75"), klaster=klaster(1)
    )
    IndikatorFactory(kabupaten=kab, tahun=2026, kode="MATI", aktif=False)
    r = masuk(dunia.verifikator_x).get(url("katalog_ekspor", dunia) + "?tahun=2026")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content))["Indikator"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == JUDUL
    kode = [row[0] for row in rows[1:]]
    assert "SPM-01" in kode and "DES" in kode and "MATI" not in kode
    sebelum = jejak_db(kab)
    hasil = katalog_impor(user=dunia.admin_x, kabupaten=kab, tahun=2026, berkas=berkas(r.content))
    assert hasil.sah and (hasil.dibuat, hasil.diubah) == (0, 0), hasil.galat
    assert jejak_db(kab) == sebelum
    # and into an empty year it recreates the same rows
    hasil = katalog_impor(user=dunia.admin_x, kabupaten=kab, tahun=2030, berkas=berkas(r.content))
    assert hasil.dibuat == 25
    kolom = ("kode", "nama", "klaster_id", "jenis", "satuan", "arah", "target_default",
             "kategori_sasaran", "definisi_operasional", "numerator", "denominator")  # fmt: skip
    asal = Indikator.objects.filter(kabupaten=kab, tahun=2026, aktif=True)
    salin = Indikator.objects.filter(kabupaten=kab, tahun=2030)
    assert sorted(asal.values_list(*kolom)) == sorted(salin.values_list(*kolom))


def test_template_download(masuk, dunia):
    r = masuk(dunia.admin_x).get(url("katalog_templat", dunia))
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Indikator", "Petunjuk"]
    assert [c.value for c in wb["Indikator"][1]] == JUDUL


RUSAK = "Berkas Excel rusak atau tidak aman"


@pytest.mark.parametrize(
    "isi",
    [
        lambda: berkas_tangan(DTD_XXE + sheet_xml([(1, ["&xxe;"])]), nama_sheet="Indikator"),
        lambda: berkas_tangan(DTD_LAUGHS + sheet_xml([(1, ["&c;"])]), nama_sheet="Indikator"),
        lambda: berkas_tangan(sheet_xml([(1, JUDUL)])[:-25], nama_sheet="Indikator"),
        lambda: berkas_tangan(bom_sheet(100 * 1024 * 1024, judul=JUDUL), nama_sheet="Indikator"),
    ],
    ids=["xxe", "entitas-berlipat", "xml-terpotong", "bom-zip"],
)
def test_malformed_or_hostile_files_are_a_form_error_not_a_500(masuk, dunia, isi):
    sebelum = jejak_db(dunia.kab_x)
    r = masuk(dunia.admin_x).post(
        url("katalog_impor", dunia), {"tahun": "2026", "berkas": berkas(isi())}
    )
    assert r.status_code == 200
    assert RUSAK in r.content.decode()
    assert jejak_db(dunia.kab_x) == sebelum


def test_the_file_is_read_outside_any_transaction(dunia, monkeypatch):
    from django.db import connection

    from puskesmas.alat import impor

    awal = len(connection.atomic_blocks)  # the test's own transaction
    dibaca = []
    asli = impor.baca_xlsx

    def baca(*args, **kwargs):
        dibaca.append(len(connection.atomic_blocks) - awal)
        return asli(*args, **kwargs)

    monkeypatch.setattr(impor, "baca_xlsx", baca)
    hasil = katalog_impor(
        user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=2026, berkas=berkas(xlsx(BARIS_BAIK))
    )
    assert hasil.sah and dibaca == [0]
