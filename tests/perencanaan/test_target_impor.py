"""Excel import and template of targets: every error by row and column, nothing saved."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from perencanaan.models import TargetDesa, TargetKinerja
from perencanaan.services import target as svc
from puskesmas.alat import impor
from puskesmas.alat.alur import DokumenTerkunci

from ..berkas_xlsx import DTD_XXE, bom_sheet, sheet_xml
from ..berkas_xlsx import xlsx as berkas_tangan
from .factories_target import isi_semua, siapkan

TAHUN = 2026


@pytest.fixture
def siap(dunia):
    return siapkan(dunia, TAHUN)


@pytest.fixture
def penetapan(siap):
    return svc.penetapan_mulai(puskesmas=siap.dunia.a, tahun=TAHUN, user=siap.dunia.ktu_a)


def xlsx(rows, *, sheet="Target", judul=("Kode indikator", "Nama indikator", "Target (%)")):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(judul))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("target.xlsx", buf.getvalue())


def keadaan():
    """Everything the import could touch, to compare before and after."""
    return (
        sorted(
            TargetKinerja.objects.values_list("indikator__kode", "target_persen", "sasaran_total")
        ),
        sorted(TargetDesa.objects.values_list("target__indikator__kode", "desa_id", "sasaran")),
    )


def galat_teks(galat):
    return [str(g) for g in galat]


def test_a_valid_file_saves_every_row_with_its_sasaran(siap, penetapan):
    dunia = siap.dunia
    jumlah, galat = svc.target_impor(
        penetapan=penetapan,
        berkas=xlsx([("K2-01", "", 95), ("k2-02", "x", "87,5")]),
        user=dunia.pj2_a,
    )
    assert (jumlah, galat) == (2, [])
    t = TargetKinerja.objects.get(indikator__kode="K2-01")
    assert (t.target_persen, t.sasaran_total, t.diisi_oleh) == (Decimal(95), 55, dunia.pj2_a)
    assert TargetKinerja.objects.get(indikator__kode="K2-02").target_persen == Decimal("87.5")


def test_a_broken_file_reports_every_error_and_saves_nothing(siap, penetapan):
    dunia = siap.dunia
    svc.target_klaster_simpan(
        penetapan=penetapan,
        klaster=siap.kode("K2-01").klaster,
        nilai={siap.kode("K2-01").pk: Decimal(80)},
        user=dunia.pj2_a,
    )
    sebelum = keadaan()
    berkas = xlsx(
        [
            ("K2-01", "", 99),  # valid, but must not be saved
            ("K2-02", "", "sembilan puluh"),  # text in a number
            ("K2-02", "", 150),  # above 100
            ("ZZ-99", "", 90),  # unknown code
            ("K3-01", "", 90),  # klaster 3: not held by PJ klaster 2
            ("K2-01", "", 90),  # the same indicator twice
            ("", "", 90),  # missing code
            ("K2-02", "", -5),  # below 0
        ]
    )
    jumlah, galat = svc.target_impor(penetapan=penetapan, berkas=berkas, user=dunia.pj2_a)
    assert jumlah == 0
    ganda = "Kode «K2-02» sudah muncul di baris 3; satu indikator satu baris."
    assert galat_teks(galat) == [
        "Baris 3, kolom «Target (%)»: «sembilan puluh» bukan angka. Isi dengan angka saja, "
        "misalnya 1500000 atau 12,5.",
        "Baris 4, kolom «Kode indikator»: " + ganda,
        "Baris 4, kolom «Target (%)»: " + svc.PESAN_TARGET_RENTANG,
        "Baris 5, kolom «Kode indikator»: Kode «ZZ-99» tidak ada dalam katalog indikator tahun 2026.",
        "Baris 6, kolom «Kode indikator»: Indikator «K3-01» termasuk klaster 3 (Usia Dewasa dan "
        "Lansia); Anda hanya dapat mengisi target klaster 2.",
        "Baris 7, kolom «Kode indikator»: Kode «K2-01» sudah muncul di baris 2; satu indikator "
        "satu baris.",
        "Baris 8, kolom «Kode indikator»: Wajib diisi.",
        "Baris 9, kolom «Kode indikator»: " + ganda,
        "Baris 9, kolom «Target (%)»: Tidak boleh kurang dari 0.",
    ]
    assert keadaan() == sebelum


def test_kepala_tu_may_import_any_klaster(siap, penetapan):
    jumlah, galat = svc.target_impor(
        penetapan=penetapan,
        berkas=xlsx([(i.kode, "", 100) for i in siap.indikator]),
        user=siap.dunia.ktu_a,
    )
    assert (jumlah, galat) == (len(siap.indikator), [])


@pytest.mark.parametrize(
    ("berkas", "harapan"),
    [
        (
            lambda: xlsx([("K2-01", "", 90)], sheet="Lembar1"),
            "Sheet «Target» tidak ditemukan. Sheet yang ada: Lembar1. Gunakan templat yang "
            "diunduh dari aplikasi dan jangan mengganti nama sheet.",
        ),
        (
            lambda: xlsx([("K2-01", 90)], judul=("Kode indikator", "Persen")),
            "Baris 1, kolom «Target (%)»: Kolom ini tidak ditemukan di baris judul. Jangan "
            "mengubah atau menghapus judul kolom templat.",
        ),
        (
            lambda: SimpleUploadedFile("target.xlsx", b"bukan excel"),
            "Berkas bukan file Excel (.xlsx) yang dapat dibaca. Unduh templat, isi, lalu simpan "
            "sebagai Excel Workbook (.xlsx).",
        ),
    ],
)
def test_wrong_files_are_explained(siap, penetapan, berkas, harapan):
    sebelum = keadaan()
    jumlah, galat = svc.target_impor(penetapan=penetapan, berkas=berkas(), user=siap.dunia.pj2_a)
    assert jumlah == 0 and harapan in galat_teks(galat)
    assert keadaan() == sebelum


def test_import_into_a_submitted_document_is_refused(siap, penetapan):
    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator)
    svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
    sebelum = keadaan()
    with pytest.raises(
        DokumenTerkunci, match="^Penetapan target kinerja berstatus «Diajukan» dan terkunci"
    ):
        svc.target_impor(penetapan=penetapan, berkas=xlsx([("K2-01", "", 10)]), user=dunia.ktu_a)
    assert keadaan() == sebelum


def test_template_holds_the_pj_klaster_only_and_reads_back(siap, penetapan, masuk):
    dunia = siap.dunia
    client = masuk(dunia.pj2_a)
    r = client.get(reverse("perencanaan:target_templat", args=[dunia.a.pk]) + f"?tahun={TAHUN}")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    rows = list(wb["Target"].iter_rows(values_only=True))
    assert rows == [
        ("Kode indikator", "Nama indikator", "Target (%)"),
        ("K2-01", "Indikator klaster 2 nomor 1", 95),
        ("K2-02", "Indikator klaster 2 nomor 2", 95),
    ]
    # The downloaded template imports unchanged.
    jumlah, galat = svc.target_impor(
        penetapan=penetapan,
        berkas=SimpleUploadedFile("t.xlsx", r.content),
        user=dunia.pj2_a,
    )
    assert (jumlah, galat) == (2, [])


def test_import_page_shows_the_error_table_and_saves_nothing(siap, penetapan, masuk):
    dunia = siap.dunia
    url = reverse("perencanaan:target_impor", args=[dunia.a.pk]) + f"?tahun={TAHUN}"
    client = masuk(dunia.pj2_a)
    assert client.get(url).status_code == 200
    r = client.post(url, {"berkas": xlsx([("K2-01", "", 95), ("K3-01", "", 200)])})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Berkas tidak diimpor: 2 kesalahan." in html
    assert not TargetKinerja.objects.exists()
    r = client.post(url, {"berkas": xlsx([("K2-01", "", 95)])})
    assert r.status_code == 302
    assert TargetKinerja.objects.get().target_persen == Decimal(95)


def test_staff_cannot_open_the_import(siap, penetapan, masuk):
    url = reverse("perencanaan:target_impor", args=[siap.dunia.a.pk])
    assert masuk(siap.dunia.staf_a).get(url).status_code == 403


# --- Hardening: hostile files, and no lock held while a file is read -----------------------

RUSAK = "Berkas Excel rusak atau tidak aman"


def berkas_jahat():
    """A DTD with an external entity in the sheet, and a sheet that is not XML at all."""
    judul = [("Kode indikator", "Nama indikator", "Target (%)")]
    yield berkas_tangan(DTD_XXE + sheet_xml([(1, ["&xxe;"])]), nama_sheet="Target")
    yield berkas_tangan(sheet_xml(list(enumerate(judul, 1)))[:-30], nama_sheet="Target")
    yield berkas_tangan(bom_sheet(100 * 1024 * 1024), nama_sheet="Target")


def test_malformed_or_hostile_files_are_a_form_error_not_a_500(siap, penetapan, masuk):
    dunia = siap.dunia
    url = reverse("perencanaan:target_impor", args=[dunia.a.pk]) + f"?tahun={TAHUN}"
    client = masuk(dunia.pj2_a)
    sebelum = keadaan()
    for isi in berkas_jahat():
        r = client.post(url, {"berkas": SimpleUploadedFile("t.xlsx", isi)})
        assert r.status_code == 200
        assert RUSAK in r.content.decode()
    assert keadaan() == sebelum


def test_the_file_is_read_before_the_document_is_locked(siap, penetapan, monkeypatch):
    """Reading happens outside any transaction; the lock is taken only to write."""
    from django.db import connection

    dunia = siap.dunia
    awal = len(connection.atomic_blocks)  # the test's own transaction
    urutan = []
    asli_baca, asli_kunci = impor.baca_xlsx, svc._kunci

    def baca(*args, **kwargs):
        urutan.append(("baca", len(connection.atomic_blocks) - awal))
        return asli_baca(*args, **kwargs)

    def kunci(p):
        urutan.append(("kunci", len(connection.atomic_blocks) - awal))
        return asli_kunci(p)

    monkeypatch.setattr(impor, "baca_xlsx", baca)
    monkeypatch.setattr(svc, "_kunci", kunci)
    jumlah, galat = svc.target_impor(
        penetapan=penetapan, berkas=xlsx([("K2-01", "", 95)]), user=dunia.pj2_a
    )
    assert (jumlah, galat) == (1, [])
    assert urutan == [("baca", 0), ("kunci", 1)]


def test_a_document_submitted_while_the_file_was_read_is_not_written(siap, penetapan, monkeypatch):
    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator)
    sebelum = keadaan()
    asli_baca = impor.baca_xlsx

    def baca_lalu_ajukan(*args, **kwargs):
        hasil = asli_baca(*args, **kwargs)
        svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)  # someone else, meanwhile
        return hasil

    monkeypatch.setattr(impor, "baca_xlsx", baca_lalu_ajukan)
    with pytest.raises(DokumenTerkunci):
        svc.target_impor(penetapan=penetapan, berkas=xlsx([("K2-01", "", 10)]), user=dunia.pj2_a)
    assert keadaan() == sebelum
