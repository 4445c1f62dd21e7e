"""Files and queues past one node: the default storage the environment selects (local disk,
or S3-compatible object storage with S3_BUCKET), and heavy work on its own Celery queue."""

from pathlib import Path

import pytest
from django.urls import reverse

from puskesmas.settings.base import penyimpanan_berkas

AKAR = Path(__file__).resolve().parents[2]


def test_local_disk_is_the_default(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert penyimpanan_berkas() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_bucket_selects_private_object_storage(monkeypatch):
    monkeypatch.setenv("S3_BUCKET", "simpus-berkas")
    monkeypatch.setenv("S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("S3_ACCESS_KEY_ID", "kunci")
    monkeypatch.setenv("S3_SECRET_ACCESS_KEY", "rahasia")
    monkeypatch.delenv("S3_REGION", raising=False)
    monkeypatch.delenv("S3_PREFIX", raising=False)
    pilihan = penyimpanan_berkas()
    assert pilihan["BACKEND"] == "storages.backends.s3.S3Storage"
    o = pilihan["OPTIONS"]
    assert (o["bucket_name"], o["endpoint_url"]) == ("simpus-berkas", "http://127.0.0.1:9000")
    assert (o["access_key"], o["secret_key"], o["region_name"]) == ("kunci", "rahasia", None)
    # Private objects, never overwritten: the app serves them itself after its scope check.
    assert o["default_acl"] is None and o["querystring_auth"] and not o["file_overwrite"]


def test_production_uses_the_same_choice():
    teks = (AKAR / "puskesmas/settings/production.py").read_text()
    assert '"default": penyimpanan_berkas()' in teks


def test_heavy_work_and_reminders_go_to_their_own_queues():
    from puskesmas.celery import app

    def antrean(nama):
        return app.amqp.router.route({}, nama)["queue"].name

    assert antrean("puskesmas.tasks.jalankan_tugas_latar") == "berat"  # imports, large PDFs
    assert antrean("perencanaan.tasks.kirim_pengingat_tenggat") == "pengingat"
    assert antrean("puskesmas.tasks.kirim_pengingat_rtl") == "pengingat"
    assert antrean("puskesmas.tasks.kirim_email_notifikasi") == "celery"
    # A worker without -Q (local runs, tests) consumes every queue the settings declare.
    # (``app.amqp.queues`` itself also gathers the queues other tests of this process
    # declared at run time, e.g. a fault test's queue of its own.)
    from django.conf import settings

    assert set(settings.CELERY_TASK_QUEUES) == {"celery", "berat", "pengingat"}
    assert {"celery", "berat", "pengingat"} <= set(app.amqp.queues)


def test_docker_compose_runs_a_worker_for_each_kind_of_work():
    teks = (AKAR / "docker-compose.yml").read_text()
    assert "worker -Q celery,pengingat" in teks
    assert "worker -Q berat" in teks


@pytest.fixture
def s3(settings):
    """Object storage on moto's S3-compatible server, on the loopback."""
    moto_server = pytest.importorskip(
        "moto.server", reason="moto is in the test extra: pip install -e .[test]"
    )
    boto3 = pytest.importorskip("boto3")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    opsi = {
        "bucket_name": "simpus-uji",
        "endpoint_url": url,
        "region_name": "us-east-1",
        "access_key": "uji",
        "secret_key": "uji",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="uji",
        aws_secret_access_key="uji",
    ).create_bucket(Bucket="simpus-uji")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": opsi},
    }
    yield boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="uji",
        aws_secret_access_key="uji",
    )
    server.stop()


def test_large_pdfs_are_kept_in_object_storage(s3, dunia, masuk, settings):
    from django.core.files.storage import default_storage

    from puskesmas.models import TugasLatar
    from tests.pdf_latar import isi, unduh_pdf

    from ..perencanaan.factories_rpk import ruk_dengan_kegiatan

    default_storage._setup()
    assert type(default_storage._wrapped).__name__ == "S3Storage"
    settings.PDF_BESAR_MIN_BARIS = 10
    ruk = ruk_dengan_kegiatan(dunia.a, jumlah=12)
    url = reverse("perencanaan:ruk_pdf", args=[ruk.pk])
    r = unduh_pdf(masuk(dunia.ktu_a), url)
    pdf = isi(r)
    assert r.status_code == 200 and pdf.startswith(b"%PDF")
    berkas = TugasLatar.objects.get().parameter["berkas"]
    kunci = [o["Key"] for o in s3.list_objects_v2(Bucket="simpus-uji").get("Contents", [])]
    assert berkas in kunci  # the PDF went to the bucket
    assert not any(k.startswith("tugas/masuk/") for k in kunci)  # the job's HTML is removed
    # Served from the bucket the second time; another Puskesmas still gets a 404.
    assert isi(masuk(dunia.kapus_a).get(url)) == pdf
    assert masuk(dunia.staf_b).get(url).status_code == 404
