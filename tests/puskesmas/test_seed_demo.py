from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from puskesmas.choices import Peran
from puskesmas.models import Kabupaten, Klaster, PenugasanPeran, Puskesmas, User


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_is_idempotent_and_prints_the_logins(db):
    keluaran = seed()
    jumlah = (Puskesmas.objects.count(), User.objects.count(), PenugasanPeran.objects.count())
    seed()
    assert (
        Puskesmas.objects.count(),
        User.objects.count(),
        PenugasanPeran.objects.count(),
    ) == jumlah
    assert "demo12345" in keluaran and "kapus.sukamaju" in keluaran


def test_seed_demo_covers_every_role_and_two_kabupaten(db):
    seed()
    assert Kabupaten.objects.count() == 2
    utama = Kabupaten.objects.get(kode="3399")
    assert utama.puskesmas.count() >= 6
    assert all(p.desa.exists() for p in utama.puskesmas.all())
    assert set(PenugasanPeran.objects.values_list("peran", flat=True)) == set(Peran.values)
    assert Klaster.objects.count() == 5
    kapus = User.objects.get(username="kapus.sukamaju")
    assert Puskesmas.objects.get(nama="Sukamaju").kepala_nip == kapus.nip


def test_demo_logins_work(client, db):
    seed()
    r = client.post(
        reverse("login"), {"username": "verifikator.banyumanis", "password": "demo12345"}
    )
    assert r.status_code == 302
