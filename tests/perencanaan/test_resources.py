"""Every planning Resource: an invalid file changes nothing, scoped keys stay in scope."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from perencanaan.models import Indikator, KegiatanRUK, TargetDesa, TargetKinerja
from perencanaan.resources import IndikatorResource, KegiatanRUKResource, TargetResource
from perencanaan.services import target as svc_target
from perencanaan.services.katalog import TEMPLAT_KATALOG, katalog_impor, katalog_isi_awal
from perencanaan.services.ruk import TEMPLAT_RUK, ImporGagal, kegiatan_ruk_impor
from puskesmas.alat.impor import ekspor_dengan_resource, impor_dengan_resource

from .factories_katalog import IndikatorFactory
from .factories_ruk import RUKFactory
from .factories_target import siapkan


def xlsx(sheet, judul, baris) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(judul))
    for b in baris:
        ws.append(list(b))
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile("uji.xlsx", isi.getvalue())


def teks(galat):
    return [str(g) for g in galat]


def test_catalogue_an_invalid_file_changes_nothing(dunia):
    katalog_isi_awal(kabupaten=dunia.kab_x, tahun=2026)
    sebelum = Indikator.objects.count()
    judul = [k.judul for k in TEMPLAT_KATALOG.kolom]
    baris = [
        ("BARU-1", "Baru", 2, "lain", "%", "naik", 90, "", "", "", ""),  # valid alone
        ("BARU-2", "Klaster salah", 9, "lain", "%", "naik", 90, "", "", "", ""),
    ]
    hasil = katalog_impor(
        user=dunia.admin_x,
        kabupaten=dunia.kab_x,
        tahun=2026,
        berkas=xlsx("Indikator", judul, baris),
    )
    assert teks(hasil.galat)[0].startswith("Baris 3, kolom «Klaster»: Klaster «9» tidak dikenal")
    assert Indikator.objects.count() == sebelum


def test_ruk_an_invalid_file_changes_nothing(dunia):
    ruk = RUKFactory(puskesmas=dunia.a, tahun=2027)
    judul = [k.judul for k in TEMPLAT_RUK.kolom]
    baik = [2, "Kelas ibu", "", "", "", "", "", "", "", "", "1.500.000", "", "BOK"]
    salah = [2, "Posyandu", "", "", "", "", "", "", "", "", "satu juta", "", "BOK"]
    sebelum = KegiatanRUK.objects.count()
    with pytest.raises(ImporGagal) as exc:
        kegiatan_ruk_impor(ruk=ruk, berkas=xlsx("RUK", judul, [baik, salah]), user=dunia.ktu_a)
    assert teks(exc.value.galat) == [
        "Baris 3, kolom «Kebutuhan anggaran (Rp)»: «satu juta» bukan angka. Isi dengan angka "
        "saja, misalnya 1500000 atau 12,5."
    ]
    assert KegiatanRUK.objects.count() == sebelum


def test_ruk_the_pj_klaster_is_refused_another_klaster_and_nothing_is_saved(dunia):
    ruk = RUKFactory(puskesmas=dunia.a, tahun=2027)
    judul = [k.judul for k in TEMPLAT_RUK.kolom]
    baris = [[k, "Kegiatan", "", "", "", "", "", "", "", "", 1000, "", "BOK"] for k in (2, 3)]
    with pytest.raises(ImporGagal) as exc:
        kegiatan_ruk_impor(ruk=ruk, berkas=xlsx("RUK", judul, baris), user=dunia.pj2_a)
    assert teks(exc.value.galat) == [
        "Baris 3, kolom «Klaster»: Anda hanya dapat mengisi kegiatan klaster 2."
    ]
    assert not KegiatanRUK.objects.exists()


def test_targets_an_invalid_file_changes_nothing(dunia):
    siapkan(dunia, 2026)
    penetapan = svc_target.penetapan_mulai(puskesmas=dunia.a, tahun=2026, user=dunia.ktu_a)
    sebelum = (TargetKinerja.objects.count(), TargetDesa.objects.count())
    jumlah, galat = svc_target.target_impor(
        penetapan=penetapan,
        berkas=xlsx("Target", svc_target_judul(), [("K2-01", "", 95), ("K2-02", "", 101)]),
        user=dunia.ktu_a,
    )
    assert jumlah == 0
    assert teks(galat) == ["Baris 3, kolom «Target (%)»: " + svc_target.PESAN_TARGET_RENTANG]
    assert (TargetKinerja.objects.count(), TargetDesa.objects.count()) == sebelum


def svc_target_judul():
    return [k.judul for k in svc_target.TEMPLAT_TARGET.kolom]


def test_another_kabupatens_indicator_is_refused_in_indonesian(dunia):
    siapkan(dunia, 2026)
    IndikatorFactory(kabupaten=dunia.kab_y, tahun=2026, kode="Y-01")
    penetapan = svc_target.penetapan_mulai(puskesmas=dunia.a, tahun=2026, user=dunia.ktu_a)
    jumlah, galat = svc_target.target_impor(
        penetapan=penetapan,
        berkas=xlsx("Target", svc_target_judul(), [("Y-01", "", 95)]),
        user=dunia.ktu_a,
    )
    assert (jumlah, teks(galat)) == (
        0,
        [
            "Baris 2, kolom «Kode indikator»: Kode «Y-01» tidak ada dalam katalog indikator "
            "tahun 2026."
        ],
    )
    assert not TargetKinerja.objects.exists()


def test_the_target_widget_alone_refuses_an_indicator_outside_its_catalogue(dunia):
    milik_x = IndikatorFactory(kabupaten=dunia.kab_x, tahun=2026, kode="X-01")
    milik_y = IndikatorFactory(kabupaten=dunia.kab_y, tahun=2026, kode="Y-01")
    resource = TargetResource(
        katalog=Indikator.objects.filter(kabupaten=dunia.kab_x, tahun=2026), tahun=2026
    )
    widget = resource.fields["kode"].widget
    assert widget.clean(" x-01 ") == milik_x
    with pytest.raises(ValueError, match="Kode «Y-01» tidak ada dalam katalog indikator"):
        widget.clean(milik_y.kode)


def test_a_real_run_that_finds_new_errors_writes_nothing(dunia):
    """Between the dry run and the lock the data may change; the real run re-validates and
    rolls back everything it wrote."""
    katalog_isi_awal(kabupaten=dunia.kab_x, tahun=2026)
    sebelum = Indikator.objects.count()
    judul = [k.judul for k in TEMPLAT_KATALOG.kolom]
    resource = IndikatorResource(kabupaten=dunia.kab_x, tahun=2026, user=dunia.admin_x)
    baris = [
        ("BARU-1", "Baru", 2, "", "", "", "", "", "", "", ""),
        ("BARU-2", "Baru juga", 3, "", "", "", "", "", "", "", ""),
    ]

    def kunci():
        # Meanwhile klaster 3 stops being accepted: the real run must refuse row 3 and undo row 2.
        resource.fields["klaster"].widget._boleh = {
            "2": resource.fields["klaster"].widget._boleh["2"]
        }

    hasil = impor_dengan_resource(
        resource, xlsx("Indikator", judul, baris), TEMPLAT_KATALOG, kunci=kunci
    )
    assert [g.baris for g in hasil.galat] == [3]
    assert Indikator.objects.count() == sebelum


def test_exports_keep_numbers_numbers(dunia):
    from openpyxl import load_workbook

    ruk = RUKFactory(puskesmas=dunia.a, tahun=2027)
    k = KegiatanRUK(ruk=ruk, klaster_id=IndikatorFactory().klaster_id, upaya="=1+1")
    k.kebutuhan_anggaran = Decimal("1500000")
    k.sumber_pembiayaan = "BOK"
    isi = ekspor_dengan_resource(KegiatanRUKResource(ruk=ruk), [k], TEMPLAT_RUK)
    ws = load_workbook(io.BytesIO(isi))["RUK"]
    assert ws["A2"].value == 2 and ws["K2"].value == 1500000
    assert ws["B2"].value == "=1+1" and ws["B2"].data_type == "s"
