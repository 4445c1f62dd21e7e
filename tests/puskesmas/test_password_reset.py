"""Forgotten password: the whole flow a user goes through, in Indonesian, end to end."""

import re

from django.core import mail
from django.urls import reverse

BARU = "Sandi-Baru-Puskesmas-2027"


def test_a_forgotten_password_is_reset_through_the_emailed_link(client, dunia):
    user = dunia.staf_a
    r = client.get(reverse("password_reset"))
    assert r.status_code == 200 and "Lupa kata sandi" in r.content.decode()

    r = client.post(reverse("password_reset"), {"email": user.email})
    assert r.status_code == 302 and r["Location"] == reverse("password_reset_done")

    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == [user.email]
    assert pesan.subject == "Atur ulang kata sandi SIMPUS Manajemen"
    assert f"Yth. {user.nama_lengkap}," in pesan.body
    assert "Buka tautan berikut untuk membuat kata sandi baru" in pesan.body
    assert "Jika Anda tidak memintanya, abaikan e-mail ini" in pesan.body
    tautan = re.search(r"https?://[^/\s]+(/akun/kata-sandi/atur/\S+/)", pesan.body).group(1)

    # Django swaps the token for a session value and redirects to ".../set-password/".
    r = client.get(tautan)
    assert r.status_code == 302
    halaman_atur = r["Location"]
    r = client.get(halaman_atur)
    assert r.status_code == 200 and "Buat kata sandi baru" in r.content.decode()

    r = client.post(halaman_atur, {"new_password1": "pendek", "new_password2": "pendek"})
    assert r.status_code == 200
    assert (
        "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter." in r.content.decode()
    )

    r = client.post(halaman_atur, {"new_password1": BARU, "new_password2": BARU})
    assert r.status_code == 302 and r["Location"] == reverse("password_reset_complete")

    # The link is single use.
    r = client.get(tautan, follow=True)
    assert "Tautan ini tidak berlaku lagi" in r.content.decode()

    r = client.post(reverse("login"), {"username": user.username, "password": "rahasia-uji-123"})
    assert r.status_code == 200  # the old password no longer works
    r = client.post(reverse("login"), {"username": user.username, "password": BARU})
    assert r.status_code == 302 and r["Location"] == reverse("beranda")
    assert client.get(reverse("beranda")).status_code == 200


def test_an_unknown_address_sends_nothing_and_reveals_nothing(client, dunia):
    r = client.post(reverse("password_reset"), {"email": "tidak-ada@contoh.go.id"})
    assert r.status_code == 302 and r["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_an_inactive_account_gets_no_reset_mail(client, dunia):
    dunia.staf_a.is_active = False
    dunia.staf_a.save()
    client.post(reverse("password_reset"), {"email": dunia.staf_a.email})
    assert mail.outbox == []
