import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from puskesmas.choices import Peran
from puskesmas.management.commands.seed_demo import PASSWORD_DEMO
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


def readme() -> str:
    from pathlib import Path

    from django.conf import settings

    return (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")


def login_readme() -> list[str]:
    """The demo logins of the README's Quick start table (``pj1 … pj5`` expanded)."""
    teks = readme()
    tabel = teks.split("| login | role | sees |")[1].split("\n\n")[0]
    login = []
    for baris in tabel.splitlines()[2:]:
        kolom = baris.split("|")[1]
        nama = re.findall(r"`([^`]+)`", kolom)
        if "…" in kolom:  # "`pj1.sukamaju` … `pj5.sukamaju`"
            awal, akhir = (re.match(r"([a-z]+)(\d+)(\..*)", n).groups() for n in nama)
            nama = [f"{awal[0]}{i}{awal[2]}" for i in range(int(awal[1]), int(akhir[1]) + 1)]
        login += nama
    return login


def test_demo_logins_work(client, db):
    """Every login the README offers exists after seeding and signs in with the demo
    password; and every seeded account is in the README."""
    keluaran = seed()
    login = login_readme()
    assert len(login) == len(set(login)) == 20
    assert f"password **`{PASSWORD_DEMO}`**" in readme()
    diseed = set(re.findall(r"^  (\S+) ", keluaran, flags=re.MULTILINE))
    assert diseed == set(login)
    for username in login:
        r = client.post(reverse("login"), {"username": username, "password": PASSWORD_DEMO})
        assert r.status_code == 302, username
        assert r["Location"] == reverse("beranda")
        assert client.get(reverse("beranda")).status_code == 200
        client.logout()
