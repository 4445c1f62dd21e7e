"""The Tim Perencanaan is formed by SK of the Kepala Puskesmas: drafted by the Kepala TU,
submitted, signed by the Kepala through alur, then locked; its PDF prints who signed."""

import datetime as dt
import subprocess

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from perencanaan.models import TimPerencanaan
from perencanaan.services.tim import tim_jalankan, tim_simpan
from puskesmas.alat.alur import PESAN_TERKUNCI, DokumenTerkunci, StatusAlur
from puskesmas.models import DokumenTertanda

from .factories_katalog import klaster
from .test_tim import _data, url

NIP_KAPUS = "197001012000011001"


@pytest.fixture(autouse=True)
def _hitungan_bersih():
    cache.clear()
    yield
    cache.clear()


def pdftotext(pdf: bytes) -> str:
    hasil = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(hasil.stdout.decode().split())


def _langkah(client, dunia, langkah, **data):
    return client.post(url("tim_langkah", dunia), {"tahun": "2026", "langkah": langkah, **data})


@pytest.fixture
def orang(dunia):
    dunia.kapus_a.nama_lengkap, dunia.kapus_a.nip = "dr. Ratna Kepala", NIP_KAPUS
    dunia.kapus_a.save()
    dunia.ktu_a.nama_lengkap, dunia.ktu_a.nip = "Siti Tata Usaha", "198505052010012002"
    dunia.ktu_a.save()
    dunia.pj2_a.nama_lengkap = "Bidan Ani"
    dunia.pj2_a.save()
    return dunia


def _draf(masuk, dunia):
    anggota = [
        {"user": str(dunia.pj2_a.pk), "peran": "anggota", "klaster": str(klaster(2).pk),
         "pustu": ""},
    ]  # fmt: skip
    r = masuk(dunia.ktu_a).post(url("tim_ubah", dunia), _data(dunia, dunia.ktu_a, anggota))
    assert r.status_code == 302
    return TimPerencanaan.objects.get(puskesmas=dunia.a, tahun=2026)


def test_drafted_submitted_signed_and_locked(masuk, orang):
    dunia = orang
    tim = _draf(masuk, dunia)
    assert tim.status == StatusAlur.DRAFT

    c = masuk(dunia.ktu_a)
    html = c.get(url("tim", dunia)).content.decode()
    assert 'data-testid="status-tim">Draf<' in html
    assert 'data-langkah="ajukan"' in html and 'data-langkah="sahkan"' not in html
    r = _langkah(c, dunia, "ajukan")
    assert r.status_code == 302
    tim.refresh_from_db()
    assert tim.status == StatusAlur.DIAJUKAN
    # Submitted: the Kepala TU can no longer edit, nor sign.
    assert "data-langkah" not in c.get(url("tim", dunia)).content.decode()
    assert _langkah(c, dunia, "sahkan").status_code == 403
    with pytest.raises(PermissionDenied):
        tim_jalankan(user=dunia.ktu_a, tim=tim, langkah="sahkan")

    c = masuk(dunia.kapus_a)
    html = c.get(url("tim", dunia)).content.decode()
    assert 'data-langkah="sahkan"' in html and 'data-langkah="kembalikan"' in html
    r = _langkah(c, dunia, "sahkan")
    tim.refresh_from_db()
    assert tim.status == StatusAlur.DISAHKAN
    rekaman = DokumenTertanda.objects.get()
    assert rekaman.objek == tim and rekaman.jenis == "SK Tim Perencanaan"
    assert rekaman.nomor == "800/12/PKM/2026" and rekaman.tanggal == dt.date(2026, 1, 6)
    assert rekaman.penandatangan_nama == "dr. Ratna Kepala"
    assert rekaman.penandatangan_nip == NIP_KAPUS
    susunan = rekaman.isi["dokumen"]["susunan"]
    assert [(b["nama"], b["kedudukan"]) for b in susunan] == [
        ("Siti Tata Usaha", "Ketua"),
        ("Bidan Ani", "Anggota"),
    ]
    html = c.get(r["Location"]).content.decode()
    assert "SK ditetapkan" in html and rekaman.kode in html and "terkunci" in html
    assert "Ubah tim" not in html and "data-langkah" not in html

    # Locked: the form and the service refuse with alur's message.
    pesan = PESAN_TERKUNCI.format(dokumen="Tim Perencanaan", status="Disahkan")
    c = masuk(dunia.ktu_a)
    r = c.get(url("tim_ubah", dunia), follow=True)
    assert pesan in r.content.decode()
    r = c.post(url("tim_ubah", dunia), _data(dunia, dunia.ktu_a, versi=tim.versi), follow=True)
    assert pesan in r.content.decode()
    with pytest.raises(DokumenTerkunci) as exc:
        tim_simpan(user=dunia.ktu_a, tim=tim, versi=tim.versi)
    assert exc.value.message == pesan
    tim.refresh_from_db()
    assert tim.anggota.count() == 1 and tim.status == StatusAlur.DISAHKAN


def test_returned_with_a_reason_then_editable_again(masuk, orang):
    dunia = orang
    tim = _draf(masuk, dunia)
    tim_jalankan(user=dunia.ktu_a, tim=tim, langkah="ajukan")
    c = masuk(dunia.kapus_a)
    r = _langkah(c, dunia, "kembalikan", catatan="")
    tim.refresh_from_db()
    assert tim.status == StatusAlur.DIAJUKAN  # a reason is required
    _langkah(c, dunia, "kembalikan", catatan="Klaster 4 belum terwakili")
    tim.refresh_from_db()
    assert tim.status == StatusAlur.DIKEMBALIKAN and not DokumenTertanda.objects.exists()
    r = masuk(dunia.ktu_a).get(url("tim_ubah", dunia))
    assert r.status_code == 200 and "form" in r.context


def test_signed_pdf_prints_the_stored_signer_after_the_kepala_changes(masuk, orang):
    dunia = orang
    tim = _draf(masuk, dunia)
    # A draft is marked as such and names no signer: no name, no NIP, no code.
    r = masuk(dunia.staf_a).get(url("tim_sk_pdf", dunia))
    teks = pdftotext(r.content)
    assert "draf" in teks and "DRAF · belum disahkan" in teks and "Kode verifikasi" not in teks
    assert dunia.a.kepala_nama not in teks and dunia.a.kepala_nip not in teks

    tim_jalankan(user=dunia.ktu_a, tim=tim, langkah="ajukan")
    tim_jalankan(user=dunia.kapus_a, tim=tim, langkah="sahkan")
    rekaman = DokumenTertanda.objects.get()

    # A new Kepala: the profile changes, and the old Kepala's account too.
    dunia.a.kepala_nama, dunia.a.kepala_nip = "dr. Budi Pengganti", "198802022015011003"
    dunia.a.save()
    dunia.kapus_a.nama_lengkap, dunia.kapus_a.nip = "Nama Baru", "199001012020011001"
    dunia.kapus_a.save()
    dunia.pj2_a.nama_lengkap = "Bidan Ani Berganti Nama"
    dunia.pj2_a.save()

    r = masuk(dunia.staf_a).get(url("tim_sk_pdf", dunia))
    assert r.status_code == 200
    teks = pdftotext(r.content)
    assert "dr. Ratna Kepala" in teks and f"NIP {NIP_KAPUS}" in teks
    assert "Budi Pengganti" not in teks and "198802022015011003" not in teks
    assert "Nama Baru" not in teks and "draf" not in teks
    assert "Bidan Ani" in teks and "Berganti Nama" not in teks  # the team as signed
    assert f"Kode verifikasi: {rekaman.kode}" in teks
    assert teks.count("Kode verifikasi") == 1
    # The public page names the signer as signed, without the NIP.
    html = masuk(dunia.staf_a).get(reverse("verifikasi", args=[rekaman.kode])).content.decode()
    assert "dr. Ratna Kepala" in html and NIP_KAPUS not in html and "SK Tim Perencanaan" in html


def test_step_for_a_year_without_a_team_is_refused_with_a_message(masuk, dunia):
    r = masuk(dunia.ktu_a).post(
        url("tim_langkah", dunia, tahun=2031), {"tahun": "2031", "langkah": "ajukan"}, follow=True
    )
    assert "Tim Perencanaan tahun 2031 belum dibentuk." in r.content.decode()
    assert (
        masuk(dunia.staf_b).post(url("tim_langkah", dunia), {"langkah": "ajukan"}).status_code
        == 404
    )
