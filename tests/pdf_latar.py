"""Fetching a large document's PDF in tests: the GET answers with the "Siapkan PDF" page
(it writes nothing), its button POSTs to the same URL and starts the background job (run
at once: Celery is eager in tests and the commit callbacks are executed), the job writes
the PDF, and the progress page's "Unduh PDF" link (the same URL) serves it."""

from django.test import TestCase

TOMBOL_SIAPKAN = 'data-testid="siapkan-pdf"'


def halaman_siapkan(r) -> bool:
    """Whether ``r`` is the page that asks for the PDF to be prepared."""
    return (
        r.status_code == 200
        and r["Content-Type"].startswith("text/html")
        and TOMBOL_SIAPKAN in r.content.decode()
    )


def siapkan_pdf(client, url: str):
    """Press "Siapkan PDF": the POST's response (the job has run when it returns)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url)


def unduh_pdf(client, url: str):
    """The response of ``url`` once its background job (if it needed one) has run."""
    r = client.get(url)
    if halaman_siapkan(r):
        r = siapkan_pdf(client, url)
    if r.status_code == 302 and "/tugas/" in r["Location"]:
        assert client.get(r["Location"]).status_code == 200
        r = client.get(url)
    return r


def isi(r) -> bytes:
    """The body of a response, streamed (a kept PDF) or not."""
    return b"".join(r.streaming_content) if r.streaming else r.content
