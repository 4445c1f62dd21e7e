"""Planning documents signed through the shared tool: the SK Target Kinerja (its own
service) and the RUK (approved through alur)."""

import datetime as dt
import subprocess

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from perencanaan.models import SKTargetKinerja
from perencanaan.services import ruk as ruk_svc
from perencanaan.services import target as svc
from puskesmas.alat.tanda_tangan import sha256_isi, tanda_tangan_terakhir
from puskesmas.models import DokumenTertanda

from .factories_ruk import KegiatanRUKFactory, RUKFactory
from .factories_target import isi_semua, siapkan

TAHUN = 2026


@pytest.fixture(autouse=True)
def _hitungan_bersih():
    cache.clear()
    yield
    cache.clear()


def pdftotext(pdf: bytes) -> str:
    hasil = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(hasil.stdout.decode().split())


def _sk(dunia, siap, penetapan, nomor, tanggal=dt.date(2026, 2, 27)):
    isi_semua(penetapan, dunia.ktu_a, siap.indikator)
    svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
    return svc.sk_target_tetapkan(
        penetapan=penetapan, nomor=nomor, tanggal=tanggal, user=dunia.kapus_a
    )


@pytest.fixture
def sk1(dunia):
    siap = siapkan(dunia, TAHUN)
    penetapan = svc.penetapan_mulai(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    sk = _sk(dunia, siap, penetapan, "440/1/SK/2026")
    sk.siap = siap
    return sk


def test_signing_the_sk_records_its_lampiran_and_signer(sk1, dunia):
    rekaman = DokumenTertanda.objects.get()
    assert rekaman.objek == sk1 and rekaman.berlaku
    assert rekaman.jenis == "SK Target Kinerja" and rekaman.nomor == "440/1/SK/2026"
    assert rekaman.tanggal == dt.date(2026, 2, 27) and rekaman.puskesmas == dunia.a
    assert rekaman.penandatangan_nama == dunia.a.kepala_nama
    assert rekaman.penandatangan_nip == dunia.a.kepala_nip
    assert rekaman.ditandatangani_oleh == dunia.kapus_a
    assert rekaman.isi["dokumen"]["lampiran"] == sk1.lampiran
    assert rekaman.sha256 == sha256_isi(rekaman.isi)


def test_sk_pdf_prints_the_code_and_an_inline_qr(sk1, dunia, masuk, monkeypatch):
    rekaman = tanda_tangan_terakhir(sk1)
    r = masuk(dunia.staf_a).get(reverse("perencanaan:target_sk_pdf", args=[sk1.pk]))
    assert r.status_code == 200
    teks = pdftotext(r.content)
    assert f"Kode verifikasi: {rekaman.kode}" in teks
    # The HTML the PDF is made of carries the QR code as inline SVG.
    terpakai = {}

    def tangkap(template, context, **kwargs):
        terpakai["html"] = render_to_string(template, context)
        return r

    monkeypatch.setattr("perencanaan.views.target.pdf_response", tangkap)
    masuk(dunia.staf_a).get(reverse("perencanaan:target_sk_pdf", args=[sk1.pk]))
    html = terpakai["html"]
    assert "<svg" in html and f"/verifikasi/{rekaman.kode}/" in html


def test_a_revision_supersedes_the_old_code(sk1, dunia, client):
    lama = tanda_tangan_terakhir(sk1)
    revisi = svc.penetapan_revisi_buat(penetapan=sk1.penetapan, user=dunia.kapus_a)
    # Until the revision is signed, the old SK stays valid.
    assert client.get(reverse("verifikasi", args=[lama.kode])).content.count(b"masih berlaku")
    sk2 = _sk(dunia, sk1.siap, revisi, "440/2/SK/2026", dt.date(2026, 6, 1))
    lama.refresh_from_db()
    baru = tanda_tangan_terakhir(sk2)
    assert not lama.berlaku and lama.digantikan_oleh == baru and baru.berlaku
    html = client.get(reverse("verifikasi", args=[lama.kode])).content.decode()
    assert 'data-status="digantikan"' in html and "440/1/SK/2026" in html
    assert "440/2/SK/2026" not in html and baru.kode not in html
    html = client.get(reverse("verifikasi", args=[baru.kode])).content.decode()
    assert 'data-status="berlaku"' in html and "440/2/SK/2026" in html
    assert SKTargetKinerja.objects.get(pk=sk1.pk).digantikan_oleh == sk2


def test_a_failed_signing_leaves_no_signature(dunia):
    siap = siapkan(dunia, TAHUN)
    penetapan = svc.penetapan_mulai(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    isi_semua(penetapan, dunia.ktu_a, siap.indikator)
    svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
    dunia.a.kepala_nip = ""
    dunia.a.save()
    with pytest.raises(svc.AlurTidakSah):
        svc.sk_target_tetapkan(
            penetapan=penetapan, nomor="1", tanggal=dt.date(2026, 2, 1), user=dunia.kapus_a
        )
    assert not DokumenTertanda.objects.exists()


def test_an_approved_ruk_is_signed_by_the_approving_kepala(dunia, masuk):
    dunia.kapus_a.nip = "197001012000011001"
    dunia.kapus_a.save()
    ruk = RUKFactory(puskesmas=dunia.a)
    KegiatanRUKFactory(ruk=ruk, upaya="Kelas ibu hamil")
    ruk_svc.ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    assert tanda_tangan_terakhir(ruk) is None and not DokumenTertanda.objects.exists()
    r = masuk(dunia.staf_a).get(reverse("perencanaan:ruk_pdf", args=[ruk.pk]))
    assert "Kode verifikasi" not in pdftotext(r.content)  # not signed yet

    ruk_svc.ruk_jalankan(ruk=ruk, langkah="sahkan", user=dunia.kapus_a)
    rekaman = DokumenTertanda.objects.get()
    assert rekaman.objek == ruk and rekaman.jenis == "Rencana Usulan Kegiatan (RUK)"
    assert rekaman.penandatangan_nama == dunia.kapus_a.get_full_name()
    assert rekaman.penandatangan_nip == "197001012000011001"
    assert [k["upaya"] for k in rekaman.isi["dokumen"]["kegiatan"]] == ["Kelas ibu hamil"]
    # Sending it on to the Dinkes keeps the signature in force.
    ruk_svc.ruk_jalankan(ruk=ruk, langkah="kirim", user=dunia.kapus_a)
    rekaman.refresh_from_db()
    assert rekaman.berlaku
    r = masuk(dunia.staf_a).get(reverse("perencanaan:ruk_pdf", args=[ruk.pk]))
    teks = pdftotext(r.content)
    assert f"Kode verifikasi: {rekaman.kode}" in teks and "197001012000011001" in teks


def test_a_signed_document_reopened_no_longer_stands_as_signed(dunia, monkeypatch, client):
    """No standard step leaves the signed statuses today; a future one (reopening an
    approved document) must retire its signature, and its PDF must stop printing it."""
    from perencanaan.models import RUK
    from puskesmas.alat.access import Aksi
    from puskesmas.alat.alur import Alur, Langkah, StatusAlur, alur_jalankan

    buka = Langkah(
        "buka", "Buka", "dibuka", frozenset({StatusAlur.DISAHKAN}), StatusAlur.DRAFT, Aksi.SAHKAN
    )
    monkeypatch.setattr(RUK, "alur", Alur(*RUK.alur, buka))
    ruk = RUKFactory(puskesmas=dunia.a)
    KegiatanRUKFactory(ruk=ruk)
    ruk_svc.ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    ruk = alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.kapus_a)
    rekaman = tanda_tangan_terakhir(ruk)
    assert rekaman.berlaku
    ruk = alur_jalankan(objek=ruk, langkah="buka", user=dunia.kapus_a)
    rekaman.refresh_from_db()
    assert not rekaman.berlaku and rekaman.digantikan_oleh is None
    assert tanda_tangan_terakhir(ruk) is None
    html = client.get(reverse("verifikasi", args=[rekaman.kode])).content.decode()
    assert 'data-status="digantikan"' in html
