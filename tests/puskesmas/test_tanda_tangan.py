"""Verifiable signed documents: the shared service and the public verification page."""

import datetime as dt
import hashlib
import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from puskesmas.alat.tanda_tangan import (
    kode_baru,
    rapikan_kode,
    sha256_isi,
    tanda_tangan_buat,
    tanda_tangan_dari_kode,
    tanda_tangan_gantikan,
    url_verifikasi,
)
from puskesmas.models import DokumenTertanda

NIP = "198001012005012001"


@pytest.fixture(autouse=True)
def _hitungan_bersih():
    # The throttle counts in the cache, which outlives a test: start and end clean.
    cache.clear()
    yield
    cache.clear()


def _tandatangani(dunia, objek=None, *, isi=None, nomor="440/1/2026", **kwargs):
    return tanda_tangan_buat(
        objek=objek or dunia.a,
        jenis="SK Uji",
        perihal="Perihal uji",
        nomor=nomor,
        tanggal=dt.date(2026, 2, 27),
        puskesmas=dunia.a,
        isi={"baris": [{"kode": "K1", "target": Decimal("95.50")}]} if isi is None else isi,
        penandatangan_nama="dr. Siti Kepala",
        penandatangan_jabatan="Kepala Puskesmas",
        penandatangan_nip=NIP,
        user=dunia.kapus_a,
        **kwargs,
    )


def _url(kode):
    return reverse("verifikasi", args=[kode])


# --- pure helpers ----------------------------------------------------------------------


def test_sha256_is_stable_for_the_same_content_and_changes_with_it():
    a = {"b": [1, Decimal("2.50")], "a": dt.date(2026, 2, 1), "teks": "Ibu hamil ≥ 4 kali"}
    b = {"teks": "Ibu hamil ≥ 4 kali", "a": dt.date(2026, 2, 1), "b": [1, Decimal("2.50")]}
    assert sha256_isi(a) == sha256_isi(b)
    assert re.fullmatch(r"[0-9a-f]{64}", sha256_isi(a))
    # It is the SHA-256 of the canonical JSON, which anyone can recompute.
    kanon = '{"a":"2026-02-01","b":[1,"2.50"],"teks":"Ibu hamil ≥ 4 kali"}'
    assert sha256_isi(a) == hashlib.sha256(kanon.encode()).hexdigest()
    assert sha256_isi({**a, "b": [1, Decimal("2.51")]}) != sha256_isi(a)
    assert sha256_isi({**a, "teks": "Ibu hamil ≥ 4 kali "}) != sha256_isi(a)


def test_codes_are_long_random_and_readable():
    kode = [kode_baru() for _ in range(2000)]
    assert len(set(kode)) == len(kode)
    for k in kode[:50]:
        assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){5}", k), k
    # 24 base32 characters carry 5 bits each: 120 bits, well over 96.
    assert len(kode[0].replace("-", "")) * 5 >= 96
    # Typed from paper: case and spacing are forgiven, nothing else.
    k = kode[0]
    assert rapikan_kode(k.lower()) == k
    assert rapikan_kode(" " + k.replace("-", " ") + " ") == k
    assert rapikan_kode(k[:-1]) is None
    assert rapikan_kode(k[:-1] + "1") is None  # not in the alphabet
    assert rapikan_kode("") is None and rapikan_kode("x" * 500) is None


# --- the service -----------------------------------------------------------------------


def test_service_keeps_the_snapshot_its_hash_and_the_signer(dunia):
    rekaman = _tandatangani(dunia)
    rekaman.refresh_from_db()
    assert rekaman.berlaku and rekaman.objek == dunia.a
    assert rekaman.puskesmas == dunia.a and rekaman.ditandatangani_oleh == dunia.kapus_a
    assert rekaman.penandatangan_nip == NIP
    isi = rekaman.isi
    assert isi["dokumen"] == {"baris": [{"kode": "K1", "target": "95.50"}]}
    assert isi["nomor"] == "440/1/2026" and isi["tanggal"] == "2026-02-27"
    assert isi["penandatangan"] == {
        "nama": "dr. Siti Kepala",
        "jabatan": "Kepala Puskesmas",
        "nip": NIP,
    }
    # The stored snapshot, read back from the database, still hashes to the stored value.
    assert rekaman.sha256 == sha256_isi(isi)
    teks = json.dumps(isi, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert rekaman.sha256 == hashlib.sha256(teks.encode()).hexdigest()


def test_same_content_same_hash_other_content_other_hash_and_always_a_new_code(dunia):
    satu = _tandatangani(dunia, dunia.a)
    dua = _tandatangani(dunia, dunia.b)
    tiga = _tandatangani(dunia, dunia.c, isi={"baris": [{"kode": "K1", "target": "95.5"}]})
    empat = _tandatangani(dunia, dunia.c, nomor="440/2/2026")
    assert satu.sha256 == dua.sha256
    assert tiga.sha256 != satu.sha256 and empat.sha256 != satu.sha256
    assert len({satu.kode, dua.kode, tiga.kode, empat.kode}) == 4


def test_signing_again_or_a_replacement_supersedes_the_earlier_signature(dunia):
    pertama = _tandatangani(dunia, dunia.a)
    kedua = _tandatangani(dunia, dunia.a)  # the same document signed again
    pertama.refresh_from_db()
    assert not pertama.berlaku and pertama.digantikan_oleh == kedua and kedua.berlaku
    pengganti = _tandatangani(dunia, dunia.b, menggantikan=[dunia.a])
    kedua.refresh_from_db()
    assert kedua.status == DokumenTertanda.Status.DIGANTIKAN
    assert kedua.digantikan_oleh == pengganti and kedua.digantikan_pada is not None
    assert tanda_tangan_gantikan(objek=dunia.b, user=dunia.kapus_a) == 1
    pengganti.refresh_from_db()
    assert not pengganti.berlaku and pengganti.digantikan_oleh is None


# --- the public page -------------------------------------------------------------------


def test_anyone_with_the_code_sees_only_what_the_paper_shows(client, dunia):
    rekaman = _tandatangani(dunia)
    r = client.get(_url(rekaman.kode))  # not signed in
    assert r.status_code == 200
    html = r.content.decode()
    for teks in ("SK Uji", "440/1/2026", "27 Februari 2026", dunia.a.nama, "dr. Siti Kepala",
                 "Kepala Puskesmas", "Dokumen sah dan masih berlaku."):  # fmt: skip
        assert teks in html, teks
    assert NIP not in html
    assert rekaman.sha256 not in html and "95.50" not in html  # no content beyond the header
    assert 'data-status="berlaku"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert r["X-Robots-Tag"] == "noindex, nofollow"
    assert r["Referrer-Policy"] == "no-referrer"
    # A typed code is found too (lower case, spaces), by exact match on the whole code.
    assert client.get(_url(rekaman.kode.lower().replace("-", ""))).status_code == 200


def test_a_superseded_document_says_so_and_links_nothing(client, dunia):
    lama = _tandatangani(dunia, dunia.a, nomor="440/1/2026")
    baru = _tandatangani(dunia, dunia.b, nomor="440/9/2026", menggantikan=[dunia.a])
    html = client.get(_url(lama.kode)).content.decode()
    assert 'data-status="digantikan"' in html and "digantikan" in html
    assert "Dokumen sah dan masih berlaku." not in html
    body = html.split("<body", 1)[1]
    assert "<a " not in body and baru.kode not in html and "440/9/2026" not in html


def test_a_wrong_code_gets_one_generic_not_found_page(client, dunia):
    rekaman = _tandatangani(dunia)
    salah = rekaman.kode[:-1] + ("A" if rekaman.kode[-1] != "A" else "B")
    jawaban = [client.get(_url(k)) for k in (salah, "abc", rekaman.kode[:-5], "0" * 24)]
    assert {r.status_code for r in jawaban} == {404}
    isi = {r.content for r in jawaban}
    assert len(isi) == 1  # no hint whether a code was close, malformed or unknown
    html = jawaban[0].content.decode()
    assert "Dokumen tidak ditemukan" in html and "noindex" in html
    assert dunia.a.nama not in html


def test_lookups_are_throttled_per_address(client, dunia, settings):
    settings.VERIFIKASI_PER_MENIT = 3
    rekaman = _tandatangani(dunia)
    kode = [rekaman.kode, "SALAH-KODE", rekaman.kode]
    assert [client.get(_url(k)).status_code for k in kode] == [200, 404, 200]
    r = client.get(_url(rekaman.kode))
    assert r.status_code == 429
    html = r.content.decode()
    assert "Terlalu banyak permintaan" in html and dunia.a.nama not in html
    assert r["Retry-After"] == "60"
    # Another address has its own allowance.
    assert client.get(_url(rekaman.kode), REMOTE_ADDR="10.1.2.3").status_code == 200


def test_a_lookup_writes_nothing_to_the_database(client, dunia):
    rekaman = _tandatangani(dunia)
    jumlah_riwayat = DokumenTertanda.history.count()
    with CaptureQueriesContext(connection) as q:
        assert client.get(_url(rekaman.kode)).status_code == 200
        assert client.get(_url("TIDAK-ADA")).status_code == 404
    tulis = [
        x["sql"] for x in q.captured_queries if not x["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert tulis == []
    assert DokumenTertanda.history.count() == jumlah_riwayat
    assert client.cookies.get("sessionid") is None


def test_lookup_finds_by_exact_code_only(dunia):
    rekaman = _tandatangani(dunia)
    assert tanda_tangan_dari_kode(rekaman.kode) == rekaman
    assert tanda_tangan_dari_kode(rekaman.kode[:20]) is None
    assert tanda_tangan_dari_kode("%") is None


def test_verification_address_is_absolute_from_site_url(settings):
    settings.SITE_URL = "https://simpus.contoh.go.id"
    assert url_verifikasi("ABCD-EFGH-IJKL-MNOP-QRST-UVWX") == (
        "https://simpus.contoh.go.id/verifikasi/ABCD-EFGH-IJKL-MNOP-QRST-UVWX/"
    )


def test_signatures_appear_in_the_change_history(masuk, dunia):
    rekaman = _tandatangani(dunia)
    _tandatangani(dunia)  # supersedes the first: a change of its status
    r = masuk(dunia.kapus_a).get(reverse("riwayat", args=[dunia.a.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "dokumen tertanda" in html and str(rekaman) in html
    assert "Ditandatangani" in html
