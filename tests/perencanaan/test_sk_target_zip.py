"""Every SK Target Kinerja in force of a kabupaten for a year, one PDF each, in one ZIP
for the Dinkes: made by a background job from the "Siapkan ZIP" button, kept until an SK
changes, and only of the verifier's own kabupaten."""

import io
import re
import zipfile
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.models import SKTargetKinerja
from puskesmas.alat.dokumen import JENIS_ZIP_PDF
from puskesmas.models import TugasLatar
from tests.pdf_latar import halaman_siapkan, isi, siapkan_pdf

from .factories_tenggat import sk_selesai
from .test_target_pdf import sk  # noqa: F401 - the fixture: an SK signed by the service

pytestmark = pytest.mark.django_db

TAHUN = 2027
_TULIS = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def sk_kabupaten(dunia):
    """SKs of A (revisi 0, replaced by revisi 1), of B (kabupaten X) and of C (Y)."""
    lama = sk_selesai(dunia.a, date(2027, 1, 20), date(2027, 2, 1), tahun=TAHUN)
    baru = sk_selesai(dunia.a, date(2027, 3, 1), date(2027, 3, 5), tahun=TAHUN, revisi=1)
    SKTargetKinerja.objects.filter(pk=lama.pk).update(digantikan_oleh=baru)
    return {
        "a": baru,
        "a_lama": lama,
        "b": sk_selesai(dunia.b, date(2027, 1, 20), date(2027, 2, 2), tahun=TAHUN),
        "c": sk_selesai(dunia.c, date(2027, 1, 20), date(2027, 2, 3), tahun=TAHUN),
    }


def _url(dunia, kabupaten=None, tahun=TAHUN):
    kab = kabupaten or dunia.kab_x
    return f"{reverse('perencanaan:sk_target_kabupaten_zip', args=[kab.pk])}?tahun={tahun}"


def test_the_zip_holds_one_pdf_per_sk_in_force_of_the_kabupaten(dunia, masuk, sk_kabupaten):
    c = masuk(dunia.verifikator_x)
    url = _url(dunia)
    with CaptureQueriesContext(connection) as q:
        r = c.get(url)
    assert halaman_siapkan(r) and "Siapkan ZIP" in r.content.decode()
    assert not [
        x["sql"]
        for x in q.captured_queries
        if _TULIS.match(x["sql"]) and '"django_session"' not in x["sql"][:80]
    ]
    assert not TugasLatar.objects.exists()

    mulai = siapkan_pdf(c, url)
    [tugas] = TugasLatar.objects.all()
    assert mulai.status_code == 302 and mulai["Location"] == reverse("tugas_latar", args=[tugas.pk])
    assert tugas.jenis == JENIS_ZIP_PDF and tugas.status == TugasLatar.Status.BERHASIL
    assert tugas.kabupaten == dunia.kab_x and tugas.dibuat_oleh == dunia.verifikator_x
    assert tugas.parameter["berkas"].startswith(f"dokumen/rekap/{dunia.kab_x.pk}/sk-target/")
    halaman = c.get(mulai["Location"]).content.decode()
    assert "Unduh ZIP" in halaman and f'href="{url.replace("&", "&amp;")}"' in halaman
    assert not tugas.berkas_masuk  # the rendered HTML is not kept

    r = c.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    assert ".zip" in r["Content-Disposition"]
    arsip = zipfile.ZipFile(io.BytesIO(isi(r)))
    nama = sorted(arsip.namelist())
    # A's SK in force and B's; not A's replaced revision, not C of kabupaten Y.
    assert len(nama) == 2
    assert nama[0].startswith(dunia.a.kode.lower()) and nama[1].startswith(dunia.b.kode.lower())
    assert "revisi-1" in nama[0]
    assert all(arsip.read(n).startswith(b"%PDF") for n in nama)
    # Unchanged: served again, no new job.
    assert c.get(url).status_code == 200 and TugasLatar.objects.count() == 1


def test_a_changed_sk_makes_a_new_zip(dunia, masuk, sk_kabupaten, media):
    c = masuk(dunia.verifikator_x)
    url = _url(dunia)
    siapkan_pdf(c, url)
    [lama] = [p for p in media.rglob("*.zip")]
    SKTargetKinerja.objects.filter(pk=sk_kabupaten["b"].pk).update(nomor="440/999/2027")
    assert halaman_siapkan(c.get(url))  # new content: not made yet
    siapkan_pdf(c, url)
    [baru] = [p for p in media.rglob("*.zip")]
    assert baru != lama and TugasLatar.objects.count() == 2


def test_only_the_dinkes_of_the_kabupaten_gets_the_zip(dunia, masuk, sk_kabupaten):
    url = _url(dunia)
    siapkan_pdf(masuk(dunia.verifikator_x), url)
    assert TugasLatar.objects.count() == 1
    for user, status in (
        (dunia.verifikator_y, {404}),
        (dunia.staf_b, {403, 404}),
        (dunia.kapus_a, {403, 404}),
    ):
        c = masuk(user)
        assert c.get(url).status_code in status
        assert c.post(url).status_code in status
    assert TugasLatar.objects.count() == 1
    # Y's verifier gets Y's ZIP: C only.
    c = masuk(dunia.verifikator_y)
    r = c.get(_url(dunia, kabupaten=dunia.kab_y))
    assert halaman_siapkan(r)
    siapkan_pdf(c, _url(dunia, kabupaten=dunia.kab_y))
    arsip = zipfile.ZipFile(io.BytesIO(isi(c.get(_url(dunia, kabupaten=dunia.kab_y)))))
    assert [n.split("-")[0] for n in arsip.namelist()] == [dunia.c.kode.lower()]


def test_a_year_without_signed_sk_goes_back_to_the_compliance_page(dunia, masuk, sk_kabupaten):
    c = masuk(dunia.verifikator_x)
    kepatuhan = reverse("perencanaan:tenggat_kepatuhan", args=[dunia.kab_x.pk])
    r = c.get(_url(dunia, tahun=TAHUN + 1))
    assert r.status_code == 302 and r["Location"] == kepatuhan
    assert "Belum ada SK Target Kinerja" in c.get(kepatuhan).content.decode()
    assert not TugasLatar.objects.exists()


def test_the_compliance_page_links_the_zip_of_its_year(dunia, masuk):
    c = masuk(dunia.verifikator_x)
    session = c.session
    session["tahun"] = TAHUN
    session.save()
    halaman = c.get(reverse("perencanaan:tenggat_kepatuhan", args=[dunia.kab_x.pk])).content
    assert f'href="{_url(dunia)}"' in halaman.decode()


def test_the_request_reads_a_bounded_number_of_queries(dunia, masuk, sk_kabupaten):
    from ..factories import PuskesmasFactory

    c = masuk(dunia.verifikator_x)

    def jumlah_query() -> int:
        with CaptureQueriesContext(connection) as q:
            assert halaman_siapkan(c.get(_url(dunia)))
        return len(q)

    sebelum = jumlah_query()
    for i in range(3):
        p = PuskesmasFactory(nama=f"Tambahan {i}", kecamatan=dunia.a.kecamatan)
        sk_selesai(p, date(2027, 1, 20), date(2027, 2, 1), tahun=TAHUN)
    assert jumlah_query() == sebelum


@pytest.mark.usefixtures("sk")
def test_a_signed_sk_carries_its_verification_code_in_the_zip(dunia, masuk):
    from puskesmas.models import DokumenTertanda

    from .test_target_pdf import TAHUN as TAHUN_SK
    from .test_target_pdf import teks_pdf

    rekaman = DokumenTertanda.objects.get()
    c = masuk(dunia.verifikator_x)
    url = _url(dunia, tahun=TAHUN_SK)
    siapkan_pdf(c, url)
    arsip = zipfile.ZipFile(io.BytesIO(isi(c.get(url))))
    [nama] = arsip.namelist()
    teks = teks_pdf(arsip.read(nama))
    assert "NOMOR 440/012/SK/PKM/2026" in teks
    assert "Kode verifikasi" in teks and rekaman.kode in teks.replace(" ", "")
