"""The reminder run under faults, in-process: what a killed worker leaves behind is enough
for the rerun to finish the job exactly once. The real kill is in tests/gangguan/."""

from datetime import date

import pytest

from puskesmas.choices import Peran
from puskesmas.models import Notifikasi
from puskesmas.services import tenggat as layanan
from puskesmas.services.tenggat import pengingat_tenggat_kirim

from ..factories import KecamatanFactory, PuskesmasFactory, pengguna

# Counts below are of the kinds these tests set up, on days a Lokmin is also due.
pytestmark = pytest.mark.usefixtures("hanya_tenggat_p1")


@pytest.fixture
def tiga_puskesmas(db):
    kec = KecamatanFactory()
    hasil = []
    for i in range(3):
        p = PuskesmasFactory(kecamatan=kec)
        pengguna(f"ktu{i}", Peran.KEPALA_TU, puskesmas=p)
        hasil.append(p)
    return hasil


def test_a_failure_mid_run_keeps_the_puskesmas_already_done(tiga_puskesmas, monkeypatch):
    asli = layanan.notifikasi_kirim
    panggilan = []

    def mati_di_ketiga(**kw):
        panggilan.append(kw["penerima"].username)
        if len(panggilan) == 3:
            raise RuntimeError("worker killed")
        return asli(**kw)

    monkeypatch.setattr(layanan, "notifikasi_kirim", mati_di_ketiga)
    with pytest.raises(RuntimeError):
        pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7))
    # Committed per Puskesmas: the first two survive the failure of the third.
    assert Notifikasi.objects.filter(kunci__startswith="tenggat:").count() == 2
    monkeypatch.setattr(layanan, "notifikasi_kirim", asli)
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7)) == 1
    assert sorted(
        Notifikasi.objects.filter(kunci__startswith="tenggat:").values_list(
            "penerima__username", flat=True
        )
    ) == ["ktu0", "ktu1", "ktu2"]


def test_the_rerun_mails_a_reminder_whose_email_was_lost(
    tiga_puskesmas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7)) == 3
    assert len(mailoutbox) == 3
    # As if the worker died after the reminder's commit, before its e-mail was queued.
    hilang = Notifikasi.objects.get(penerima__username="ktu1")
    Notifikasi.objects.filter(pk=hilang.pk).update(email_terkirim_pada=None)
    mailoutbox.clear()
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7)) == 0
    assert [m.to for m in mailoutbox] == [[hilang.penerima.email]]
    # And once only.
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 2, 7)) == 0
    assert len(mailoutbox) == 1
