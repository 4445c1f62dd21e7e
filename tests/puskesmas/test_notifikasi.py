from django.core import mail
from django.urls import reverse

from puskesmas.models import Notifikasi
from puskesmas.services.inti import notifikasi_kirim
from puskesmas.tasks import kirim_email_notifikasi


def test_a_keyed_notification_arrives_exactly_once(dunia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pertama = notifikasi_kirim(
            penerima=dunia.kapus_a, judul="SK jatuh tempo H-3", kunci="sk:2027:h3", email=True
        )
        kedua = notifikasi_kirim(
            penerima=dunia.kapus_a, judul="SK jatuh tempo H-3", kunci="sk:2027:h3", email=True
        )
    assert pertama is not None and kedua is None
    assert Notifikasi.objects.filter(penerima=dunia.kapus_a).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [dunia.kapus_a.email]


def test_the_same_key_may_reach_different_people(dunia):
    for user in (dunia.kapus_a, dunia.ktu_a):
        assert notifikasi_kirim(penerima=user, judul="x", kunci="sama") is not None


def test_email_task_sends_once_even_when_retried(dunia):
    n = notifikasi_kirim(penerima=dunia.kapus_a, judul="Halo", email=True)
    assert kirim_email_notifikasi(n.pk) is True
    assert kirim_email_notifikasi(n.pk) is False
    assert len(mail.outbox) == 1


def test_no_email_without_an_address(dunia):
    dunia.kapus_a.email = ""
    n = notifikasi_kirim(penerima=dunia.kapus_a, judul="Halo", email=True)
    assert n.kirim_email is False


def test_notifications_page_and_mark_read(masuk, dunia):
    n = notifikasi_kirim(penerima=dunia.staf_a, judul="Lokmin besok", tautan="/lokmin/")
    notifikasi_kirim(penerima=dunia.staf_b, judul="Rahasia B")
    c = masuk(dunia.staf_a)
    html = c.get(reverse("notifikasi_list")).content.decode()
    assert "Lokmin besok" in html and "Rahasia B" not in html
    assert 'data-testid="jumlah-notifikasi">1<' in html
    r = c.post(reverse("notifikasi_baca", args=[n.pk]))
    assert r["Location"] == "/lokmin/"
    n.refresh_from_db()
    assert n.dibaca_pada is not None


def test_mark_all_read_touches_only_my_notifications(masuk, dunia):
    notifikasi_kirim(penerima=dunia.staf_a, judul="a")
    lain = notifikasi_kirim(penerima=dunia.staf_b, judul="b")
    masuk(dunia.staf_a).post(reverse("notifikasi_baca_semua"))
    lain.refresh_from_db()
    assert lain.dibaca_pada is None
    assert not Notifikasi.objects.filter(penerima=dunia.staf_a, dibaca_pada__isnull=True).exists()
