"""Large PDFs (RUK, RPK) off the request path: a GET of one not made yet writes nothing and
offers "Siapkan PDF", whose POST starts a background job that renders it once per content
(``puskesmas/alat/dokumen.py``); the same content is served from storage, an edit makes a
new one, and only users who may see the document get it or start it."""

import re

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.models import KegiatanRUK
from perencanaan.services import rpk as rpk_services
from puskesmas.alat.dokumen import JENIS_PDF_BESAR
from puskesmas.models import TugasLatar
from tests.pdf_latar import halaman_siapkan, siapkan_pdf, unduh_pdf

from .factories_rpk import ruk_dengan_kegiatan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PDF_BESAR_MIN_BARIS = 10
    return tmp_path


def _pdf_tersimpan(media):
    return sorted(p for p in media.rglob("*.pdf"))


# SQL that changes rows (as in the URL matrix): a GET may run none of it.
_TULIS = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE)\b", re.IGNORECASE)


def _get_tanpa_tulis(client, url):
    with CaptureQueriesContext(connection) as q:
        r = client.get(url)
    tulis = [
        x["sql"][:200]
        for x in q.captured_queries
        if _TULIS.match(x["sql"]) and '"django_session"' not in x["sql"][:80]
    ]
    assert not tulis, ("a GET wrote to the database", url, tulis)
    return r


def test_a_get_of_a_large_pdf_not_yet_made_writes_nothing(dunia, masuk, media):
    ruk = ruk_dengan_kegiatan(dunia.a, jumlah=12)
    c = masuk(dunia.ktu_a)
    url = reverse("perencanaan:ruk_pdf", args=[ruk.pk])
    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        r = _get_tanpa_tulis(c, url)
    assert callbacks == []  # nothing queued either
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")
    assert halaman_siapkan(r) and "no-store" in r["Cache-Control"]
    halaman = r.content.decode()
    assert "Siapkan PDF" in halaman and "csrfmiddlewaretoken" in halaman
    assert f'<form method="post" action="{url}">' in halaman
    assert f"RUK {ruk.tahun} {dunia.a.nama}" in halaman
    assert 'data-testid="menu-utama"' in halaman  # the site's own layout
    assert not TugasLatar.objects.exists() and not _pdf_tersimpan(media)
    # Asked twice, still nothing.
    assert halaman_siapkan(_get_tanpa_tulis(c, url))
    assert not TugasLatar.objects.exists()


def test_siapkan_pdf_posts_and_starts_one_job(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, jumlah=12)
    c = masuk(dunia.ktu_a)
    url = reverse("perencanaan:ruk_pdf", args=[ruk.pk])
    r = c.post(url)  # the job waits: its commit callback is not run here
    [tugas] = TugasLatar.objects.all()
    assert r.status_code == 302 and r["Location"] == reverse("tugas_latar", args=[tugas.pk])
    assert tugas.jenis == JENIS_PDF_BESAR and tugas.status == TugasLatar.Status.MENUNGGU
    assert tugas.puskesmas == dunia.a and tugas.dibuat_oleh == dunia.ktu_a
    assert tugas.parameter["berkas"].startswith(f"dokumen/perencanaan.ruk/{ruk.pk}/")
    assert tugas.parameter["tautan"] == url
    halaman = c.get(r["Location"]).content.decode()
    assert "PDF RUK" in halaman
    # While it waits, a GET of the document goes to its progress page (and writes nothing),
    # and a second click does not queue a second job.
    assert _get_tanpa_tulis(c, url)["Location"] == r["Location"]
    assert c.post(url)["Location"] == r["Location"]
    assert TugasLatar.objects.count() == 1
    # Another user with the same view of the document is offered the button, not the
    # job of someone else.
    assert halaman_siapkan(_get_tanpa_tulis(masuk(dunia.kapus_a), url))


def test_siapkan_pdf_needs_the_csrf_token(dunia, masuk):
    from django.test import Client

    ruk = ruk_dengan_kegiatan(dunia.a, jumlah=12)
    url = reverse("perencanaan:ruk_pdf", args=[ruk.pk])
    c = Client(enforce_csrf_checks=True)
    c.force_login(dunia.ktu_a)
    halaman = c.get(url).content.decode()
    assert c.post(url).status_code == 403
    assert not TugasLatar.objects.exists()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', halaman).group(1)
    r = c.post(url, {"csrfmiddlewaretoken": token})
    assert r.status_code == 302 and TugasLatar.objects.count() == 1


def test_the_job_makes_the_pdf_and_unchanged_content_reuses_it(dunia, masuk, media, monkeypatch):
    ruk = ruk_dengan_kegiatan(dunia.a, jumlah=12)
    c = masuk(dunia.ktu_a)
    url = reverse("perencanaan:ruk_pdf", args=[ruk.pk])
    r = unduh_pdf(c, url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pdf = b"".join(r.streaming_content)
    assert pdf.startswith(b"%PDF")
    assert "attachment" in r["Content-Disposition"] and ".pdf" in r["Content-Disposition"]
    [tugas] = TugasLatar.objects.all()
    assert tugas.status == TugasLatar.Status.BERHASIL and tugas.tautan_hasil == url
    halaman = c.get(reverse("tugas_latar", args=[tugas.pk])).content.decode()
    assert "Unduh PDF" in halaman and f'href="{url}"' in halaman
    assert not tugas.berkas_masuk  # the rendered HTML is not kept
    [berkas] = _pdf_tersimpan(media)
    # Unchanged content: served from storage, no job, no WeasyPrint.
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda *a, **k: pytest.fail("rendered"))
    again = c.get(url)
    assert again.status_code == 200 and b"".join(again.streaming_content) == pdf
    assert TugasLatar.objects.count() == 1 and _pdf_tersimpan(media) == [berkas]
    # Another user with the same view of the document gets the same file.
    other = masuk(dunia.kapus_a).get(url)
    assert other.status_code == 200 and b"".join(other.streaming_content) == pdf


def test_an_edit_makes_a_new_pdf_and_removes_the_old_one(dunia, masuk, media):
    from tests.halaman_pdf import halaman

    ruk = ruk_dengan_kegiatan(dunia.a, jumlah=12)
    c = masuk(dunia.ktu_a)
    url = reverse("perencanaan:ruk_pdf", args=[ruk.pk])
    unduh_pdf(c, url)
    [lama] = _pdf_tersimpan(media)
    pertama = KegiatanRUK.objects.filter(ruk=ruk).order_by("pk").first()
    assert KegiatanRUK.objects.filter(pk=pertama.pk).update(upaya="Sesudahdiubah") == 1
    assert halaman_siapkan(c.get(url))  # new content: not made yet
    assert siapkan_pdf(c, url).status_code == 302  # a new job
    r = c.get(url)
    pdf = b"".join(r.streaming_content)
    assert "Sesudahdiubah" in "".join(halaman(pdf))
    [baru] = _pdf_tersimpan(media)
    assert baru != lama and TugasLatar.objects.count() == 2


def test_other_puskesmas_get_neither_the_pdf_nor_the_job(dunia, masuk, media):
    ruk = ruk_dengan_kegiatan(dunia.a, jumlah=12)
    url = reverse("perencanaan:ruk_pdf", args=[ruk.pk])
    unduh_pdf(masuk(dunia.ktu_a), url)
    assert _pdf_tersimpan(media)
    [tugas] = TugasLatar.objects.all()
    for user in (dunia.staf_b, dunia.verifikator_y):
        c = masuk(user)
        assert c.get(url).status_code == 404
        assert c.post(url).status_code == 404  # nor can they start one
        assert c.get(reverse("tugas_latar", args=[tugas.pk])).status_code == 404
    assert TugasLatar.objects.count() == 1


def test_a_small_document_stays_synchronous(dunia, masuk, media):
    ruk = ruk_dengan_kegiatan(dunia.a, jumlah=3)
    r = masuk(dunia.ktu_a).get(reverse("perencanaan:ruk_pdf", args=[ruk.pk]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert not TugasLatar.objects.exists() and not _pdf_tersimpan(media)


def test_a_large_rpk_goes_through_the_job_too(dunia, masuk, media):
    rpk = rpk_services.rpk_susun_dari_ruk(
        ruk=ruk_dengan_kegiatan(dunia.a, jumlah=12), user=dunia.ktu_a
    )
    c = masuk(dunia.ktu_a)
    url = reverse("perencanaan:rpk_pdf", args=[rpk.pk])
    assert halaman_siapkan(c.get(url))
    assert siapkan_pdf(c, url).status_code == 302
    r = c.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    # Once made, a late POST (a second tab) is sent to the download, not to a new job.
    again = c.post(url)
    assert again.status_code == 302 and again["Location"] == url
    assert TugasLatar.objects.count() == 1
    assert default_storage.exists(TugasLatar.objects.get().parameter["berkas"])
