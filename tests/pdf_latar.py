"""Fetching a large document's PDF in tests: the first request starts the background job
(run at once: Celery is eager in tests and the commit callbacks are executed), the job
writes the PDF, and the progress page's "Unduh PDF" link (the same URL) serves it."""

from django.test import TestCase


def unduh_pdf(client, url: str):
    """The response of ``url`` once its background job (if it needed one) has run."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        r = client.get(url)
    if r.status_code == 302 and "/tugas/" in r["Location"]:
        assert client.get(r["Location"]).status_code == 200
        r = client.get(url)
    return r


def isi(r) -> bytes:
    """The body of a response, streamed (a kept PDF) or not."""
    return b"".join(r.streaming_content) if r.streaming else r.content
