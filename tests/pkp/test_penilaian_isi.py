"""Filling in the self-assessment: achievements per klaster and mutu, management scores with
the app's suggestion, evidence, and the lock once submitted."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from pkp import saran_daftar
from pkp.models import (
    BuktiPKP,
    KelompokPelayanan,
    KomponenManajemen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    StatusVerifikasi,
    SumberCapaian,
)
from pkp.services import penilaian as svc
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci, StatusAlur
from puskesmas.choices import Peran
from puskesmas.services.inti import KonflikVersi
from tests.factories import pengguna

from .conftest import isi_semua

PDF = b"%PDF-1.4 bukti"


def _kelompok(penilaian):
    return KelompokPelayanan.objects.filter(instrumen=penilaian.instrumen).first()


def _komponen(penilaian, kode="1.1"):
    return KomponenManajemen.objects.get(instrumen=penilaian.instrumen, kode=kode)


def _baris_kelompok(penilaian):
    return list(
        NilaiPelayanan.objects.filter(
            penilaian=penilaian, indikator__kelompok=_kelompok(penilaian)
        ).order_by("pk")
    )


def _isian_capaian(baris, nilai="87.5", ket="Register kohort"):
    return {b.pk: svc.IsianCapaian(b.versi, Decimal(nilai), ket) for b in baris}


@pytest.fixture
def aturan_111(monkeypatch):
    """Only a suggestion rule for 1.1.1 registered, by this test (the registry is restored
    afterwards, P1's own rules included)."""
    monkeypatch.setattr(saran_daftar, "_DAFTAR", {})
    return saran_daftar.daftar(
        "1.1.1",
        kumpulkan=lambda puskesmas, tahun: tahun,
        aturan=lambda fakta: saran_daftar.Saran(7, f"Renstra disahkan untuk {fakta}."),
    )


# --- kinerja pelayanan and mutu --------------------------------------------------------------


def test_a_klaster_is_saved_in_one_go_and_becomes_typed(dunia, penilaian_a):
    baris = _baris_kelompok(penilaian_a)
    jumlah = svc.nilai_pelayanan_simpan(
        penilaian=penilaian_a,
        kelompok=_kelompok(penilaian_a),
        isian=_isian_capaian(baris),
        user=dunia.pj2_a,
    )
    assert jumlah == len(baris) > 0
    for b in _baris_kelompok(penilaian_a):
        assert b.capaian == Decimal("87.5")
        assert b.sumber == SumberCapaian.DIKETIK
        assert b.keterangan_sumber == "Register kohort"
        assert b.versi == 2
        assert b.history.first().history_user == dunia.pj2_a


def test_an_unchanged_row_is_left_alone(dunia, penilaian_a):
    baris = _baris_kelompok(penilaian_a)
    isian = {b.pk: svc.IsianCapaian(b.versi, b.capaian, b.keterangan_sumber) for b in baris}
    assert (
        svc.nilai_pelayanan_simpan(
            penilaian=penilaian_a, kelompok=_kelompok(penilaian_a), isian=isian, user=dunia.kapus_a
        )
        == 0
    )
    assert {b.versi for b in _baris_kelompok(penilaian_a)} == {1}


def test_one_stale_row_refuses_the_whole_save(dunia, penilaian_a):
    baris = _baris_kelompok(penilaian_a)
    isian = _isian_capaian(baris)
    # Someone else saved the second row meanwhile.
    NilaiPelayanan.objects.filter(pk=baris[1].pk).update(versi=2, capaian=Decimal(10))
    with pytest.raises(KonflikVersi) as e:
        svc.nilai_pelayanan_simpan(
            penilaian=penilaian_a, kelompok=_kelompok(penilaian_a), isian=isian, user=dunia.kapus_a
        )
    assert e.value.message.startswith("Data ini telah diubah oleh pengguna lain")
    tersimpan = {b.pk: b.capaian for b in _baris_kelompok(penilaian_a)}
    assert tersimpan[baris[0].pk] != Decimal("87.5")
    assert tersimpan[baris[1].pk] == Decimal(10)


def test_a_row_of_another_klaster_or_assessment_is_refused(dunia, penilaian_a):
    lain = (
        NilaiPelayanan.objects.filter(penilaian=penilaian_a)
        .exclude(indikator__kelompok=_kelompok(penilaian_a))
        .first()
    )
    with pytest.raises(svc.PenilaianGagal, match="bukan bagian"):
        svc.nilai_pelayanan_simpan(
            penilaian=penilaian_a,
            kelompok=_kelompok(penilaian_a),
            isian=_isian_capaian([lain]),
            user=dunia.kapus_a,
        )


@pytest.mark.parametrize("nama", ["staf_a", "staf_b", "verifikator_x", "verifikator_y", "admin_x"])
def test_who_may_not_fill_in_is_refused(dunia, penilaian_a, nama):
    baris = _baris_kelompok(penilaian_a)
    with pytest.raises(PermissionDenied):
        svc.nilai_pelayanan_simpan(
            penilaian=penilaian_a,
            kelompok=_kelompok(penilaian_a),
            isian=_isian_capaian(baris),
            user=getattr(dunia, nama),
        )
    with pytest.raises(PermissionDenied):
        svc.nilai_mutu_simpan(
            penilaian=penilaian_a,
            isian=_isian_capaian(NilaiMutu.objects.filter(penilaian=penilaian_a)),
            user=getattr(dunia, nama),
        )


def test_mutu_is_saved_like_a_klaster(dunia, penilaian_a):
    baris = list(NilaiMutu.objects.filter(penilaian=penilaian_a))
    svc.nilai_mutu_simpan(
        penilaian=penilaian_a, isian=_isian_capaian(baris, "90"), user=dunia.ktu_a
    )
    assert set(
        NilaiMutu.objects.filter(penilaian=penilaian_a).values_list("capaian", flat=True)
    ) == {Decimal(90)}


def test_a_submitted_assessment_cannot_be_changed(dunia, penilaian_a):
    isi_semua(penilaian_a)
    svc.penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)
    baris = _baris_kelompok(penilaian_a)
    with pytest.raises(DokumenTerkunci) as e:
        svc.nilai_pelayanan_simpan(
            penilaian=penilaian_a,
            kelompok=_kelompok(penilaian_a),
            isian=_isian_capaian(baris, "50"),
            user=dunia.kapus_a,
        )
    assert "berstatus «Diajukan» dan terkunci" in e.value.message
    nilai = NilaiManajemen.objects.filter(penilaian=penilaian_a).first()
    with pytest.raises(DokumenTerkunci):
        svc.bukti_tambah(nilai=nilai, user=dunia.kapus_a, keterangan="x", tautan="/pkp/")


def test_changing_a_verified_item_sends_it_back_to_the_verifier(dunia, penilaian_a):
    baris = _baris_kelompok(penilaian_a)
    NilaiPelayanan.objects.filter(pk=baris[0].pk).update(
        status_verifikasi=StatusVerifikasi.SETUJU,
        catatan_verifikasi="Sesuai register",
        diverifikasi_oleh=dunia.verifikator_x,
    )
    baris = _baris_kelompok(penilaian_a)
    svc.nilai_pelayanan_simpan(
        penilaian=penilaian_a,
        kelompok=_kelompok(penilaian_a),
        isian=_isian_capaian(baris[:1], "70"),
        user=dunia.kapus_a,
    )
    b = NilaiPelayanan.objects.get(pk=baris[0].pk)
    assert b.status_verifikasi == StatusVerifikasi.BELUM and b.diverifikasi_oleh is None
    assert b.catatan_verifikasi == "Sesuai register"  # kept for both to read


# --- kinerja manajemen -----------------------------------------------------------------------


def _isian_skor(penilaian, kode_skor: dict, catatan: dict | None = None, komponen="1.1"):
    baris = NilaiManajemen.objects.filter(
        penilaian=penilaian, variabel__komponen=_komponen(penilaian, komponen)
    ).select_related("variabel")
    catatan = catatan or {}
    return {
        b.pk: svc.IsianSkor(
            b.versi, kode_skor.get(b.variabel.kode), catatan.get(b.variabel.kode, "")
        )
        for b in baris
    }


def test_accepting_a_suggestion_keeps_it_on_the_row(dunia, penilaian_a, aturan_111):
    svc.nilai_manajemen_simpan(
        penilaian=penilaian_a,
        komponen=_komponen(penilaian_a),
        isian=_isian_skor(penilaian_a, {"1.1.1": 7, "1.1.2": 10}),
        user=dunia.kapus_a,
    )
    n = NilaiManajemen.objects.get(penilaian=penilaian_a, variabel__kode="1.1.1")
    assert (n.skor, n.skor_saran) == (7, 7)
    assert n.alasan_saran == f"Renstra disahkan untuk {penilaian_a.tahun}."
    tanpa = NilaiManajemen.objects.get(penilaian=penilaian_a, variabel__kode="1.1.2")
    assert (tanpa.skor, tanpa.skor_saran, tanpa.alasan_saran) == (10, None, "")


def test_a_score_other_than_the_suggestion_needs_a_note(dunia, penilaian_a, aturan_111):
    with pytest.raises(svc.IsianTidakSah) as e:
        svc.nilai_manajemen_simpan(
            penilaian=penilaian_a,
            komponen=_komponen(penilaian_a),
            isian=_isian_skor(penilaian_a, {"1.1.1": 10}),
            user=dunia.kapus_a,
        )
    assert list(e.value.galat.values()) == [
        "Nilai 10 berbeda dari saran aplikasi (7); tuliskan catatan mengapa nilai ini yang dipilih."
    ]
    assert not NilaiManajemen.objects.filter(penilaian=penilaian_a, skor__isnull=False).exists()
    svc.nilai_manajemen_simpan(
        penilaian=penilaian_a,
        komponen=_komponen(penilaian_a),
        isian=_isian_skor(penilaian_a, {"1.1.1": 10}, {"1.1.1": "Renstra direvisi Desember"}),
        user=dunia.kapus_a,
    )
    n = NilaiManajemen.objects.get(penilaian=penilaian_a, variabel__kode="1.1.1")
    assert (n.skor, n.skor_saran, n.catatan) == (10, 7, "Renstra direvisi Desember")


def test_a_stale_score_is_refused(dunia, penilaian_a):
    isian = _isian_skor(penilaian_a, {"1.1.2": 4})
    NilaiManajemen.objects.filter(penilaian=penilaian_a, variabel__kode="1.1.3").update(versi=5)
    with pytest.raises(KonflikVersi):
        svc.nilai_manajemen_simpan(
            penilaian=penilaian_a, komponen=_komponen(penilaian_a), isian=isian, user=dunia.kapus_a
        )
    assert not NilaiManajemen.objects.filter(penilaian=penilaian_a, skor__isnull=False).exists()


@pytest.mark.parametrize("nama", ["staf_b", "verifikator_x", "verifikator_y", "staf_a"])
def test_scores_of_others_are_refused(dunia, penilaian_a, nama):
    with pytest.raises(PermissionDenied):
        svc.nilai_manajemen_simpan(
            penilaian=penilaian_a,
            komponen=_komponen(penilaian_a),
            isian=_isian_skor(penilaian_a, {"1.1.2": 4}),
            user=getattr(dunia, nama),
        )


def test_tim_mutu_may_score(dunia, penilaian_a, tanpa_saran):
    mutu = pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=dunia.a)
    assert (
        svc.nilai_manajemen_simpan(
            penilaian=penilaian_a,
            komponen=_komponen(penilaian_a),
            isian=_isian_skor(penilaian_a, {"1.1.2": 4}),
            user=mutu,
        )
        == 1
    )


# --- evidence ----------------------------------------------------------------------------------


def _nilai(penilaian, kode="1.1.1"):
    return NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode=kode)


def test_a_file_is_attached_and_removed_with_its_file(
    dunia, penilaian_a, django_capture_on_commit_callbacks
):
    bukti = svc.bukti_tambah(
        nilai=_nilai(penilaian_a),
        user=dunia.kapus_a,
        keterangan="SK tim",
        berkas=SimpleUploadedFile("sk tim.pdf", PDF),
    )
    nama = bukti.berkas.name
    assert bukti.berkas.storage.exists(nama)
    assert nama.startswith("pkp/bukti/")
    with django_capture_on_commit_callbacks(execute=True):
        svc.bukti_hapus(bukti=bukti, user=dunia.ktu_a)
    assert not BuktiPKP.objects.filter(pk=bukti.pk).exists()
    assert not bukti.berkas.storage.exists(nama)


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("bukti.exe", b"MZ", svc.PESAN_BUKTI_JENIS),
        ("bukti.pdf", b"MZ\x90\x00", svc.PESAN_BUKTI_ISI.format(ekstensi=".pdf")),
        ("foto.png", PDF, svc.PESAN_BUKTI_ISI.format(ekstensi=".png")),
    ],
)
def test_a_file_of_a_wrong_type_is_refused(dunia, penilaian_a, nama, isi, pesan):
    with pytest.raises(svc.PenilaianGagal) as e:
        svc.bukti_tambah(
            nilai=_nilai(penilaian_a),
            user=dunia.kapus_a,
            keterangan="x",
            berkas=SimpleUploadedFile(nama, isi),
        )
    assert e.value.message == pesan
    assert not BuktiPKP.objects.exists()


def test_a_file_too_large_is_refused(dunia, penilaian_a, monkeypatch):
    monkeypatch.setattr(svc, "BATAS_BUKTI", 10)
    with pytest.raises(svc.PenilaianGagal) as e:
        svc.bukti_tambah(
            nilai=_nilai(penilaian_a),
            user=dunia.kapus_a,
            keterangan="x",
            berkas=SimpleUploadedFile("besar.pdf", PDF + b"0" * 100),
        )
    assert e.value.message.startswith("Berkas bukti terlalu besar")


@pytest.mark.parametrize(
    "tautan",
    ["https://contoh.id/sk", "//contoh.id/sk", "javascript:alert(1)", "perencanaan/", "/a b"],
)
def test_an_outside_link_is_refused(dunia, penilaian_a, tautan):
    with pytest.raises(svc.PenilaianGagal) as e:
        svc.bukti_tambah(
            nilai=_nilai(penilaian_a), user=dunia.kapus_a, keterangan="x", tautan=tautan
        )
    assert e.value.message == svc.PESAN_BUKTI_TAUTAN


def test_an_app_path_is_accepted(dunia, penilaian_a):
    bukti = svc.bukti_tambah(
        nilai=_nilai(penilaian_a),
        user=dunia.kapus_a,
        keterangan="RUK",
        tautan="/perencanaan/p/1/ruk/?tahun=2027",
    )
    assert bukti.tautan == "/perencanaan/p/1/ruk/?tahun=2027"


def test_a_signed_document_must_be_of_the_same_puskesmas(dunia, penilaian_a):
    from tests.matrix_objek.tanda_tangan import buat as buat_dokumen

    buat_dokumen(dunia)
    from puskesmas.models import DokumenTertanda

    milik_a = DokumenTertanda.objects.filter(puskesmas=dunia.a).first()
    bukti = svc.bukti_tambah(
        nilai=_nilai(penilaian_a), user=dunia.kapus_a, keterangan="SK", dokumen=milik_a
    )
    assert bukti.dokumen == milik_a
    milik_a.puskesmas = dunia.b  # as if it were B's
    with pytest.raises(svc.PenilaianGagal) as e:
        svc.bukti_tambah(
            nilai=_nilai(penilaian_a), user=dunia.kapus_a, keterangan="SK", dokumen=milik_a
        )
    assert e.value.message == svc.PESAN_BUKTI_DOKUMEN


def test_one_kind_of_evidence_at_a_time(dunia, penilaian_a):
    with pytest.raises(svc.PenilaianGagal) as e:
        svc.bukti_tambah(nilai=_nilai(penilaian_a), user=dunia.kapus_a, keterangan="x")
    assert e.value.message == svc.PESAN_BUKTI_SATU
    with pytest.raises(svc.PenilaianGagal):
        svc.bukti_tambah(
            nilai=_nilai(penilaian_a),
            user=dunia.kapus_a,
            keterangan="x",
            tautan="/pkp/",
            berkas=SimpleUploadedFile("a.pdf", PDF),
        )


@pytest.mark.parametrize("nama", ["staf_b", "verifikator_x", "verifikator_y"])
def test_evidence_of_others_is_refused(dunia, penilaian_a, nama):
    with pytest.raises(PermissionDenied):
        svc.bukti_tambah(
            nilai=_nilai(penilaian_a), user=getattr(dunia, nama), keterangan="x", tautan="/pkp/"
        )
    bukti = svc.bukti_tambah(
        nilai=_nilai(penilaian_a), user=dunia.kapus_a, keterangan="x", tautan="/pkp/"
    )
    with pytest.raises(PermissionDenied):
        svc.bukti_hapus(bukti=bukti, user=getattr(dunia, nama))


def test_evidence_change_sends_a_verified_score_back(dunia, penilaian_a):
    nilai = _nilai(penilaian_a)
    NilaiManajemen.objects.filter(pk=nilai.pk).update(status_verifikasi=StatusVerifikasi.SETUJU)
    svc.bukti_tambah(nilai=nilai, user=dunia.kapus_a, keterangan="x", tautan="/pkp/")
    nilai.refresh_from_db()
    assert nilai.status_verifikasi == StatusVerifikasi.BELUM
    assert nilai.versi == 1  # an open form of the component stays valid


# --- submitting --------------------------------------------------------------------------------


def test_the_kepala_submits_once_every_variable_is_scored(dunia, penilaian_a, aturan_111):
    isi_semua(penilaian_a, skor=7)
    NilaiManajemen.objects.filter(penilaian=penilaian_a, variabel__kode="1.1.1").update(
        skor=10, skor_saran=7
    )
    with pytest.raises(AlurTidakSah) as e:
        svc.penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)
    assert e.value.message == (
        "Nilai variabel 1.1.1 berbeda dari saran aplikasi; tuliskan catatannya sebelum mengajukan."
    )
    NilaiManajemen.objects.filter(penilaian=penilaian_a, variabel__kode="1.1.1").update(
        catatan="Ada bukti tambahan"
    )
    with pytest.raises(PermissionDenied):
        svc.penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.ktu_a)
    p = svc.penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)
    assert p.status == StatusAlur.DIAJUKAN
