"""Page layout of the planning PDFs, checked page by page with pdftotext -f/-l.

The closing part (last diktum or closing sentence) and the signature block travel together
and take the end of the body along, so the signature never stands alone on a page; a draft
says "DRAF" on every page and prints no signer's name or NIP; a very long text does not
push its row to the next page and leave the first one nearly empty.

The sizes below put the signature block at a page end with the layout the documents had
before (the SK's last diktum and signature fell onto a page of their own, the RUK's
signature onto an empty last page).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from perencanaan.models import KegiatanRUK
from perencanaan.services import rpk as rpk_services
from perencanaan.services import target as svc
from puskesmas.alat.alur import StatusAlur
from tests.halaman_pdf import halaman
from tests.pdf_latar import isi, unduh_pdf

from .factories_rpk import ruk_dengan_kegiatan
from .factories_target import isi_semua, siapkan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # large documents' PDFs are kept in storage


RINCIAN_PANJANG = ("Pertemuan kelas ibu hamil di setiap desa dengan materi buku KIA. " * 80)[:5000]


def _halaman_dengan(pdf: bytes, teks: str) -> list[str]:
    return [h for h in halaman(pdf) if teks in h]


def test_sk_target_signature_pages_hold_part_of_the_body(dunia, masuk):
    # 32 indicators fill the lampiran's page exactly: its signature used to stand alone.
    siap = siapkan(dunia, 2026, per_klaster=(7, 7, 6, 6, 6))
    penetapan = svc.penetapan_mulai(puskesmas=dunia.a, tahun=2026, user=dunia.ktu_a)
    isi_semua(penetapan, dunia.ktu_a, siap.indikator, Decimal(95))
    svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
    sk = svc.sk_target_tetapkan(
        penetapan=penetapan, nomor="1/SK/2026", tanggal=dt.date(2026, 2, 26), user=dunia.kapus_a
    )
    pdf = masuk(dunia.staf_a).get(reverse("perencanaan:target_sk_pdf", args=[sk.pk])).content
    [keputusan] = _halaman_dengan(pdf, "Ditetapkan di")
    # The last diktum is on the signature's page, and so is the diktum before it.
    assert "mulai berlaku pada tanggal ditetapkan" in keputusan
    assert "KETIGA" in keputusan
    ttd = [h for h in halaman(pdf) if dunia.a.kepala_nip in h]
    assert len(ttd) == 2
    lampiran = ttd[1]
    assert "Indikator klaster" in lampiran  # rows of the table came along


def test_ruk_signature_never_stands_alone(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=2031, jumlah=28)
    # 28 activities: a large document, made by the background job.
    pdf = isi(unduh_pdf(masuk(dunia.ktu_a), reverse("perencanaan:ruk_pdf", args=[ruk.pk])))
    semua = halaman(pdf)
    assert len(semua) > 1
    [akhir] = _halaman_dengan(pdf, dunia.a.kepala_nip)
    assert akhir == semua[-1]
    assert "Demikian Rencana Usulan Kegiatan" in akhir
    # The per-source summary and at least the main table's total row share the page.
    assert akhir.count("JUMLAH") >= 2
    assert "DRAF" not in "".join(semua)


def test_draft_ruk_prints_draf_and_no_signer(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=2031, jumlah=2, status=StatusAlur.DIAJUKAN)
    pdf = masuk(dunia.ktu_a).get(reverse("perencanaan:ruk_pdf", args=[ruk.pk])).content
    semua = halaman(pdf)
    assert all("DRAF" in h for h in semua)
    teks = "".join(semua)
    assert "NIP" not in teks
    assert dunia.a.kepala_nama not in teks and dunia.a.kepala_nip not in teks
    assert "ditandatangani setelah disahkan" in teks


def test_a_long_rincian_starts_on_the_first_page(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=2031, jumlah=1)
    KegiatanRUK.objects.filter(ruk=ruk).update(rincian=RINCIAN_PANJANG)
    pdf = masuk(dunia.ktu_a).get(reverse("perencanaan:ruk_pdf", args=[ruk.pk])).content
    semua = halaman(pdf)
    assert len(semua) >= 2
    pertama = " ".join(semua[0].split())
    assert "Pertemuan kelas ibu hamil" in pertama
    # The first page is well filled, not a header and an empty table.
    assert pertama.count("Pertemuan kelas ibu hamil") >= 10


def test_rpk_signature_never_stands_alone_and_a_draft_has_no_signer(dunia, masuk):
    rpk = rpk_services.rpk_susun_dari_ruk(
        ruk=ruk_dengan_kegiatan(dunia.a, jumlah=30), user=dunia.ktu_a
    )
    pdf = isi(unduh_pdf(masuk(dunia.ktu_a), reverse("perencanaan:rpk_pdf", args=[rpk.pk])))
    semua = halaman(pdf)
    assert len(semua) > 1 and all("DRAF" in h for h in semua)
    [akhir] = _halaman_dengan(pdf, "Demikian Rencana Pelaksanaan Kegiatan")
    assert akhir == semua[-1]
    assert "ditandatangani setelah disahkan" in akhir
    assert "Kegiatan RUK" in akhir or "JUMLAH" in akhir  # the table's end came along
    teks = "".join(semua)
    assert "NIP" not in teks and dunia.a.kepala_nama not in teks
