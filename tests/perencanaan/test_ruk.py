"""RUK (N+1): totals per klaster and source, activities, the workflow with a returned RUK,
locking, PJ klaster limits, the Dinkes overview, PDF and Excel export, query counts."""

import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from perencanaan.models import RUK, KegiatanRUK
from perencanaan.selectors.ruk import ruk_rincian
from perencanaan.services.ruk import PESAN_RUK_KOSONG, ruk_jalankan, token_versi
from puskesmas.alat.alur import PESAN_CATATAN, DokumenTerkunci, StatusAlur
from puskesmas.services.inti import PESAN_KONFLIK

from .factories_ruk import KegiatanRUKFactory, MasalahFactory, RUKFactory, klaster

N = 2026


@pytest.fixture
def klien(masuk):
    def _klien(user):
        c = masuk(user)
        c.post(reverse("pilih_tahun"), {"tahun": N})
        return c

    return _klien


@pytest.fixture
def ruk(dunia):
    return RUKFactory(puskesmas=dunia.a, tahun=N + 1)


def _pesan(r) -> list[str]:
    return [str(m) for m in get_messages(r.wsgi_request)]


def _data_kegiatan(**lain):
    data = {
        "klaster": klaster(2).pk,
        "upaya": "Kelas ibu hamil",
        "rincian": "4 kali setahun per desa",
        "tujuan": "Meningkatkan K6",
        "sasaran": "Ibu hamil",
        "target": "100%",
        "penanggung_jawab": "Bidan koordinator",
        "kebutuhan_sumber_daya": "Bidan, kader",
        "mitra_kerja": "PKK",
        "waktu": "Februari–November",
        "kebutuhan_anggaran": "1.500.000",
        "indikator_kinerja": "Cakupan K6",
        "sumber_pembiayaan": "BOK",
    }
    data.update(lain)
    return data


def _alur(c, ruk, langkah, catatan=""):
    return c.post(
        reverse("perencanaan:ruk_alur", args=[ruk.pk]), {"langkah": langkah, "catatan": catatan}
    )


# --- Selector ---------------------------------------------------------------------------


def test_totals_per_klaster_and_per_source(dunia, ruk):
    KegiatanRUKFactory(ruk=ruk, klaster=klaster(4), kebutuhan_anggaran=250_000)
    KegiatanRUKFactory(ruk=ruk, klaster=klaster(2), kebutuhan_anggaran=1_500_000)
    KegiatanRUKFactory(
        ruk=ruk, klaster=klaster(2), kebutuhan_anggaran=500_000, sumber_pembiayaan="APBD"
    )
    KegiatanRUKFactory(ruk=RUKFactory(puskesmas=dunia.b, tahun=N + 1), kebutuhan_anggaran=9_999_999)
    r = ruk_rincian(ruk=ruk)
    assert [(k.klaster.nomor, k.subtotal, len(k.kegiatan)) for k in r.kelompok] == [
        (2, Decimal(2_000_000), 2),
        (4, Decimal(250_000), 1),
    ]
    assert r.total == Decimal(2_250_000)
    assert r.jumlah_kegiatan == 3
    sumber = {kode: jumlah for kode, _, jumlah in r.per_sumber}
    assert sumber["BOK"] == Decimal(1_750_000)
    assert sumber["APBD"] == Decimal(500_000)
    assert sumber["DAK"] == 0
    assert [label for _, label, _ in r.per_sumber][:3] == ["BOK", "APBD", "JKN kapitasi"]


def test_empty_ruk_totals_zero(ruk):
    r = ruk_rincian(ruk=ruk)
    assert (r.kelompok, r.total, r.jumlah_kegiatan) == ([], 0, 0)


# --- Create and activities --------------------------------------------------------------


def test_kepala_tu_creates_the_ruk_of_next_year_once(dunia, klien):
    c = klien(dunia.ktu_a)
    url = reverse("perencanaan:ruk_buat", args=[dunia.a.pk])
    r = c.post(url)
    ruk = RUK.objects.get(puskesmas=dunia.a)
    assert ruk.tahun == N + 1 and ruk.status == StatusAlur.DRAFT
    assert r["Location"] == reverse("perencanaan:ruk_detail", args=[ruk.pk])
    c.post(url)
    assert RUK.objects.filter(puskesmas=dunia.a).count() == 1
    assert klien(dunia.staf_a).post(url).status_code == 403
    lst = c.get(reverse("perencanaan:ruk_list", args=[dunia.a.pk])).content.decode()
    assert "2027" in lst and "Buat RUK" not in lst


def test_adding_an_activity_reads_indonesian_numbers_and_links_problems(dunia, klien, ruk):
    sendiri = MasalahFactory(puskesmas=dunia.a, tahun=N, uraian="K6 rendah")
    tahun_lain = MasalahFactory(puskesmas=dunia.a, tahun=N - 1)
    puskesmas_lain = MasalahFactory(puskesmas=dunia.b, tahun=N)
    c = klien(dunia.ktu_a)
    url = reverse("perencanaan:ruk_kegiatan_tambah", args=[ruk.pk])
    form = c.get(url).context["form"]
    assert list(form.fields["masalah"].queryset) == [sendiri]
    r = c.post(url, _data_kegiatan(masalah=[tahun_lain.pk]))
    assert r.status_code == 200 and not KegiatanRUK.objects.exists()
    r = c.post(url, _data_kegiatan(masalah=[puskesmas_lain.pk]))
    assert r.status_code == 200 and not KegiatanRUK.objects.exists()
    r = c.post(url, _data_kegiatan(masalah=[sendiri.pk]))
    assert r.status_code == 302
    k = KegiatanRUK.objects.get()
    assert k.kebutuhan_anggaran == Decimal(1_500_000)
    assert list(k.masalah.all()) == [sendiri]
    assert k.history.first().history_user == dunia.ktu_a
    html = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert "1.500.000" in html
    assert "JUMLAH" in html


def test_text_in_the_budget_keeps_what_was_typed(dunia, klien, ruk):
    r = klien(dunia.ktu_a).post(
        reverse("perencanaan:ruk_kegiatan_tambah", args=[ruk.pk]),
        _data_kegiatan(kebutuhan_anggaran="satu juta"),
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Isi dengan bilangan bulat" in html
    assert "Kelas ibu hamil" in html and "satu juta" in html
    assert not KegiatanRUK.objects.exists()


def test_editing_an_activity_checks_its_version(dunia, klien, ruk):
    k = KegiatanRUKFactory(ruk=ruk)
    c = klien(dunia.ktu_a)
    url = reverse("perencanaan:ruk_kegiatan_ubah", args=[k.pk])
    versi = c.get(url).context["form"]["versi"].value()
    assert c.post(url, _data_kegiatan(upaya="Pertama", versi=versi)).status_code == 302
    r = c.post(url, _data_kegiatan(upaya="Kedua dari form lama", versi=versi))
    assert r.status_code == 200
    assert PESAN_KONFLIK in r.content.decode()
    k.refresh_from_db()
    assert k.upaya == "Pertama"


def test_after_a_conflict_the_form_compares_and_a_deliberate_save_goes_through(dunia, klien, ruk):
    k = KegiatanRUKFactory(ruk=ruk)
    url = reverse("perencanaan:ruk_kegiatan_ubah", args=[k.pk])
    versi = klien(dunia.ktu_a).get(url).context["form"]["versi"].value()
    lain = klien(dunia.kapus_a)
    assert lain.post(url, _data_kegiatan(upaya="Dari Kepala", versi=versi)).status_code == 302
    c = klien(dunia.ktu_a)
    r = c.post(url, _data_kegiatan(upaya="Dari KTU", versi=versi))
    assert r.status_code == 200
    form = r.context["form"]
    baris = {b.nama: b for b in form.konflik}
    assert (baris["upaya"].isian, baris["upaya"].tersimpan) == ("Dari KTU", "Dari Kepala")
    assert baris["upaya"].beda and not baris["klaster"].beda
    html = r.content.decode()
    assert 'data-testid="konflik"' in html and 'value="Dari KTU"' in html
    # The form now carries the stored version: saving again is a deliberate overwrite.
    assert form["versi"].value() == token_versi(KegiatanRUK.objects.get(pk=k.pk))
    assert form["versi"].value() != versi
    r = c.post(url, _data_kegiatan(upaya="Dari KTU", versi=form["versi"].value()))
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.upaya == "Dari KTU"


def test_pj_klaster_writes_only_their_klaster(dunia, klien, ruk):
    lain = KegiatanRUKFactory(ruk=ruk, klaster=klaster(4), upaya="TB")
    sendiri = KegiatanRUKFactory(ruk=ruk, klaster=klaster(2), upaya="KIA")
    c = klien(dunia.pj2_a)
    url = reverse("perencanaan:ruk_kegiatan_tambah", args=[ruk.pk])
    assert list(c.get(url).context["form"].fields["klaster"].queryset) == [klaster(2)]
    assert c.post(url, _data_kegiatan(klaster=klaster(4).pk)).status_code == 200
    assert c.post(url, _data_kegiatan(klaster=klaster(2).pk)).status_code == 302
    assert c.get(reverse("perencanaan:ruk_kegiatan_ubah", args=[lain.pk])).status_code == 403
    assert c.post(reverse("perencanaan:ruk_kegiatan_hapus", args=[lain.pk])).status_code == 403
    assert KegiatanRUK.objects.filter(pk=lain.pk).exists()
    assert c.get(reverse("perencanaan:ruk_kegiatan_ubah", args=[sendiri.pk])).status_code == 200
    html = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert reverse("perencanaan:ruk_kegiatan_ubah", args=[sendiri.pk]) in html
    assert reverse("perencanaan:ruk_kegiatan_ubah", args=[lain.pk]) not in html
    # The Kepala TU edits every klaster.
    assert (
        klien(dunia.ktu_a).get(reverse("perencanaan:ruk_kegiatan_ubah", args=[lain.pk])).status_code
        == 200
    )


def test_pj_klaster_keeps_their_rows_but_not_the_document(dunia, klien, ruk):
    """Creating the RUK, deriving the RPK from it and sending it on are document-level: the
    Kepala TU's and the Kepala Puskesmas's (security review, finding 5)."""
    from perencanaan.services.ruk import ruk_buat

    c = klien(dunia.pj2_a)
    buat = reverse("perencanaan:ruk_buat", args=[dunia.a.pk])
    assert c.post(buat).status_code == 403
    assert buat not in c.get(reverse("perencanaan:ruk_list", args=[dunia.a.pk])).content.decode()
    with pytest.raises(PermissionDenied):
        ruk_buat(puskesmas=dunia.a, tahun=N + 5, user=dunia.pj2_a)
    assert not RUK.objects.filter(tahun=N + 5).exists()
    # ... while the rows of their klaster stay theirs.
    url = reverse("perencanaan:ruk_kegiatan_tambah", args=[ruk.pk])
    assert c.post(url, _data_kegiatan(klaster=klaster(2).pk)).status_code == 302
    assert klien(dunia.ktu_a).post(buat).status_code == 302


# --- Workflow ---------------------------------------------------------------------------


def test_only_the_kepala_puskesmas_sends_the_ruk_to_dinkes(dunia, klien, ruk):
    """Security review, finding 6: the README gives sending to the Kepala Puskesmas."""
    KegiatanRUKFactory(ruk=ruk)
    ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    ruk_jalankan(ruk=ruk, langkah="sahkan", user=dunia.kapus_a)
    c = klien(dunia.ktu_a)
    html = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert 'value="kirim"' not in html
    assert _alur(c, ruk, "kirim").status_code == 403
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DISAHKAN
    assert _alur(klien(dunia.kapus_a), ruk, "kirim").status_code == 302
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIKIRIM


def test_an_empty_ruk_cannot_be_submitted(dunia, klien, ruk):
    r = _alur(klien(dunia.ktu_a), ruk, "ajukan")
    assert PESAN_RUK_KOSONG in _pesan(r)
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DRAFT


def test_return_with_a_reason_then_fix_resubmit_approve_send(dunia, klien, ruk):
    KegiatanRUKFactory(ruk=ruk)
    ktu = klien(dunia.ktu_a)
    detail = reverse("perencanaan:ruk_detail", args=[ruk.pk])
    assert "RUK 2027 diajukan." in _pesan(_alur(ktu, ruk, "ajukan"))
    kapus = klien(dunia.kapus_a)
    # A reason is required.
    assert PESAN_CATATAN in _pesan(_alur(kapus, ruk, "kembalikan", "  "))
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIAJUKAN
    _alur(kapus, ruk, "kembalikan", "Rincian anggaran kelas ibu hamil belum jelas")
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIKEMBALIKAN
    assert ruk.catatan_pengembalian == "Rincian anggaran kelas ibu hamil belum jelas"
    ktu = klien(dunia.ktu_a)
    html = ktu.get(detail).content.decode()
    assert 'data-testid="alasan-pengembalian"' in html
    assert "Rincian anggaran kelas ibu hamil belum jelas" in html
    # Returned: editable again.
    k = KegiatanRUK.objects.get()
    url = reverse("perencanaan:ruk_kegiatan_ubah", args=[k.pk])
    versi = ktu.get(url).context["form"]["versi"].value()
    assert (
        ktu.post(url, _data_kegiatan(upaya="Kelas ibu hamil (rinci)", versi=versi)).status_code
        == 302
    )
    _alur(ktu, ruk, "ajukan")
    html = ktu.get(detail).content.decode()
    assert 'data-testid="alasan-pengembalian"' not in html
    kapus = klien(dunia.kapus_a)  # one test client: signing in again switches the user
    _alur(kapus, ruk, "sahkan")
    _alur(kapus, ruk, "kirim")
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIKIRIM
    ktu = klien(dunia.ktu_a)
    assert [j.langkah for j in ruk.jejak()] == ["kirim", "sahkan", "ajukan", "kembalikan", "ajukan"]
    html = ktu.get(detail).content.decode()
    assert "Alasan: Rincian anggaran kelas ibu hamil belum jelas" in html  # in the trail
    # Dinkes of X was told it arrived.
    assert dunia.verifikator_x.notifikasi.filter(judul__contains="dikirim ke Dinas").exists()


def test_steps_out_of_order_and_by_the_wrong_role(dunia, klien, ruk):
    KegiatanRUKFactory(ruk=ruk)
    kapus = klien(dunia.kapus_a)
    assert "RUK berstatus «Draf» sehingga tidak dapat disahkan." in _pesan(
        _alur(kapus, ruk, "sahkan")
    )
    assert "RUK berstatus «Draf» sehingga tidak dapat dikirim." in _pesan(
        _alur(kapus, ruk, "kirim")
    )
    _alur(klien(dunia.ktu_a), ruk, "ajukan")
    assert _alur(klien(dunia.ktu_a), ruk, "sahkan").status_code == 403
    kapus = klien(dunia.kapus_a)
    assert _alur(klien(dunia.staf_a), ruk, "kembalikan", "x").status_code == 403
    assert _alur(klien(dunia.verifikator_x), ruk, "sahkan").status_code == 403
    assert _alur(klien(dunia.staf_b), ruk, "sahkan").status_code == 404
    r = _alur(klien(dunia.kapus_a), ruk, "hapus")
    assert "Pilih langkah persetujuan yang sah." in _pesan(r)
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIAJUKAN


def test_a_submitted_ruk_is_locked(dunia, klien, ruk):
    k = KegiatanRUKFactory(ruk=ruk, upaya="Asli")
    ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    c = klien(dunia.ktu_a)
    r = c.get(reverse("perencanaan:ruk_kegiatan_tambah", args=[ruk.pk]))
    assert r.status_code == 302
    pesan = "RUK berstatus «Diajukan» dan terkunci."
    assert any(m.startswith(pesan) for m in _pesan(r))
    r = c.post(reverse("perencanaan:ruk_kegiatan_tambah", args=[ruk.pk]), _data_kegiatan())
    assert KegiatanRUK.objects.count() == 1
    url = reverse("perencanaan:ruk_kegiatan_ubah", args=[k.pk])
    r = c.post(url, _data_kegiatan(upaya="Diubah", versi="x"))
    assert r.status_code == 302 and any(m.startswith(pesan) for m in _pesan(r))
    c.post(reverse("perencanaan:ruk_kegiatan_hapus", args=[k.pk]))
    k.refresh_from_db()
    assert k.upaya == "Asli"
    html = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert 'data-testid="ruk-terkunci"' in html
    assert "Tambah kegiatan" not in html
    from perencanaan.services.ruk import kegiatan_ruk_hapus

    with pytest.raises(DokumenTerkunci, match="^RUK berstatus «Diajukan» dan terkunci"):
        kegiatan_ruk_hapus(kegiatan=k, user=dunia.ktu_a)


def test_rpk_button_once_approved(dunia, klien, ruk):
    url_susun = reverse("perencanaan:rpk_susun", args=[ruk.pk])
    KegiatanRUKFactory(ruk=ruk)
    c = klien(dunia.ktu_a)
    assert (
        "Susun RPK" not in c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    )
    ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    ruk_jalankan(ruk=ruk, langkah="sahkan", user=dunia.kapus_a)
    html = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert "Susun RPK" in html and url_susun in html


# --- Dinkes -----------------------------------------------------------------------------


def test_dinkes_sees_every_puskesmas_of_its_kabupaten_only(dunia, klien, ruk):
    KegiatanRUKFactory(ruk=ruk, kebutuhan_anggaran=1_000_000)
    KegiatanRUKFactory(ruk=ruk, kebutuhan_anggaran=2_500_000)
    ruk_c = RUKFactory(puskesmas=dunia.c, tahun=N + 1)
    RUKFactory(puskesmas=dunia.b, tahun=N)  # another year: not this list
    c = klien(dunia.verifikator_x)
    r = c.get(reverse("perencanaan:ruk_kabupaten", args=[dunia.kab_x.pk]))
    assert r.status_code == 200
    daftar = {p.nama: p for p in r.context["daftar"]}
    assert set(daftar) == {"Alfa", "Beta"}
    assert daftar["Alfa"].total_anggaran == Decimal(3_500_000)
    assert daftar["Alfa"].ruk_status == StatusAlur.DRAFT
    assert daftar["Beta"].ruk_pk is None
    html = r.content.decode()
    assert "3.500.000" in html and "Belum disusun" in html
    assert reverse("perencanaan:ruk_detail", args=[ruk.pk]) in html
    assert reverse("perencanaan:ruk_detail", args=[ruk_c.pk]) not in html
    assert c.get(reverse("perencanaan:ruk_kabupaten", args=[dunia.kab_y.pk])).status_code == 404
    assert (
        klien(dunia.staf_a)
        .get(reverse("perencanaan:ruk_kabupaten", args=[dunia.kab_x.pk]))
        .status_code
        == 403
    )
    # Read-only detail for Dinkes; another kabupaten's RUK is not there.
    detail = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert "Tambah kegiatan" not in detail and 'name="langkah"' not in detail
    assert c.get(reverse("perencanaan:ruk_detail", args=[ruk_c.pk])).status_code == 404


# --- Query counts -----------------------------------------------------------------------


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_detail_query_count_is_bounded_and_flat(dunia, klien, ruk, django_assert_max_num_queries):
    c = klien(dunia.ktu_a)
    url = reverse("perencanaan:ruk_detail", args=[ruk.pk])
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    KegiatanRUKFactory(ruk=ruk).masalah.add(m)
    with django_assert_max_num_queries(16):
        sedikit = _jumlah_query(c, url)
    for i in range(15):
        k = KegiatanRUKFactory(ruk=ruk, klaster=klaster(1 + i % 5), sumber_pembiayaan="APBD")
        k.masalah.add(m)
    ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    ruk_jalankan(ruk=ruk, langkah="kembalikan", user=dunia.kapus_a, catatan="x")
    assert _jumlah_query(c, url) == sedikit


def test_dinkes_list_query_count_is_one_list_query(dunia, klien, django_assert_max_num_queries):
    from tests.factories import PuskesmasFactory

    c = klien(dunia.verifikator_x)
    url = reverse("perencanaan:ruk_kabupaten", args=[dunia.kab_x.pk])
    with django_assert_max_num_queries(10):
        sedikit = _jumlah_query(c, url)
    for _ in range(5):
        p = PuskesmasFactory(kecamatan=dunia.a.kecamatan)
        r = RUKFactory(puskesmas=p, tahun=N + 1)
        KegiatanRUKFactory.create_batch(3, ruk=r)
    assert _jumlah_query(c, url) == sedikit


# --- Documents --------------------------------------------------------------------------


def test_pdf_has_title_table_jumlah_and_signature(dunia, klien, ruk):
    KegiatanRUKFactory(ruk=ruk, upaya="Posyandu", kebutuhan_anggaran=1_500_000)
    KegiatanRUKFactory(ruk=ruk, klaster=klaster(4), upaya="Pelacakan", kebutuhan_anggaran=250_000)
    r = klien(dunia.ktu_a).get(reverse("perencanaan:ruk_pdf", args=[ruk.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=r.content, capture_output=True, check=True
    ).stdout.decode()
    assert "RENCANA USULAN KEGIATAN (RUK) PUSKESMAS ALFA TAHUN 2027" in " ".join(teks.split())
    assert "Klaster 2 Ibu dan Anak" in teks and "Klaster 4" in teks
    # Narrow cells wrap long text: one-word activities are found whole.
    assert "Posyandu" in teks and "Pelacakan" in teks
    assert "JUMLAH" in teks and "1.750.000" in teks
    # A draft names no signer.
    assert "DRAF · belum disahkan" in teks and "ditandatangani setelah disahkan" in teks
    assert dunia.a.kepala_nama not in teks and dunia.a.kepala_nip not in teks
    # Landscape A4.
    info = subprocess.run(
        ["pdfinfo", "-"], input=r.content, capture_output=True, check=True
    ).stdout.decode()
    assert re.search(r"Page size:\s+841[.\d]* x 595", info), info


def test_excel_export_round_trips_the_template_columns(dunia, klien, ruk):
    KegiatanRUKFactory(ruk=ruk, klaster=klaster(4), upaya="TB", kebutuhan_anggaran=250_000)
    KegiatanRUKFactory(ruk=ruk, upaya="KIA", kebutuhan_anggaran=1_500_000, sumber_pembiayaan="JKN")
    r = klien(dunia.staf_a).get(reverse("perencanaan:ruk_xlsx", args=[ruk.pk]))
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content))["RUK"]
    baris = list(ws.iter_rows(values_only=True))
    assert baris[0][:2] == ("Klaster", "Upaya/Kegiatan")
    assert [(b[0], b[1], b[10], b[12]) for b in baris[1:]] == [
        (2, "KIA", 1_500_000, "JKN"),
        (4, "TB", 250_000, "BOK"),
    ]


def test_an_approved_ruk_is_signed_by_the_kepala_who_approved_it(dunia):
    from perencanaan.models import RUK
    from puskesmas.alat.alur import alur_jalankan
    from puskesmas.selectors.inti import penandatangan

    from .factories_ruk import KegiatanRUKFactory

    ruk = RUK.objects.create(puskesmas=dunia.a, tahun=2027)
    KegiatanRUKFactory(ruk=ruk)
    draf = penandatangan(puskesmas=dunia.a, dokumen=ruk)
    assert (draf.nama, draf.nip) == (dunia.a.kepala_nama, dunia.a.kepala_nip)
    ruk = alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
    ruk = alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.kapus_a)
    # A new Kepala later does not change who signed the approved RUK.
    dunia.a.kepala_nama, dunia.a.kepala_nip = "dr. Pengganti", "199901012020012001"
    dunia.a.save()
    ttd = penandatangan(puskesmas=dunia.a, dokumen=ruk)
    assert (ttd.nama, ttd.nip) == (dunia.kapus_a.get_full_name(), dunia.kapus_a.nip)
