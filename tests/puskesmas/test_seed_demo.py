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


# --- The year under way, relative to today ----------------------------------------------

import datetime as dt  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import pytest  # noqa: E402
import time_machine  # noqa: E402

from lokmin.models import Lokmin, NotulenKlaster  # noqa: E402
from lokmin.models_pws import LembarPWS  # noqa: E402
from pengawasan.models import (  # noqa: E402
    RTM,
    AnggotaTimMutu,
    Audit,
    JadwalAudit,
    KunjunganSupervisi,
    Pengaduan,
    ProgramAudit,
    Risiko,
    SurveiKepuasan,
    TimAudit,
    TimMutu,
)
from perencanaan.models import RUK, PenetapanTarget, SKTargetKinerja  # noqa: E402
from puskesmas.alat.alur import StatusAlur  # noqa: E402
from puskesmas.alat.kotak_masuk import kotak_masuk  # noqa: E402
from puskesmas.models import RTL  # noqa: E402


def _pada(hari: dt.date):
    return time_machine.travel(
        dt.datetime(hari.year, hari.month, hari.day, 9, tzinfo=ZoneInfo("Asia/Jakarta")),
        tick=False,
    )


def _cerita() -> dict:
    """What the story laid out, to compare two runs."""
    return {
        "target": sorted(
            PenetapanTarget.objects.values_list("puskesmas__nama", "tahun", "revisi", "status")
        ),
        "sk": sorted(SKTargetKinerja.objects.values_list("penetapan__puskesmas__nama", "tanggal")),
        "ruk": sorted(RUK.objects.values_list("puskesmas__nama", "tahun", "status")),
        "kegiatan": RUK.objects.filter(kegiatan__isnull=False).count(),
        "lokmin": sorted(Lokmin.objects.values_list("puskesmas__nama", "tahun", "bulan")),
        "rtl": sorted(RTL.objects.values_list("rencana", "status")),
        "pws": sorted(LembarPWS.objects.values_list("tahun", "bulan", "klaster__nomor")),
        "p3": [
            m.objects.count()
            for m in (
                TimMutu,
                AnggotaTimMutu,
                TimAudit,
                ProgramAudit,
                JadwalAudit,
                Audit,
                KunjunganSupervisi,
                Pengaduan,
                SurveiKepuasan,
                Risiko,
                RTM,
            )
        ],  # fmt: skip
    }


def _sk(nama):
    return SKTargetKinerja.objects.get(penetapan__puskesmas__nama=nama)


@pytest.mark.parametrize(
    "hari_ini,lokmin_bulan,sk_terlambat",
    [
        # Late November: the SK of February long signed, last month's Lokmin is October's.
        (dt.date(2026, 11, 30), (2026, 10), dt.date(2026, 3, 19)),
        # Mid-March of the next year: the late SK signed yesterday, February's Lokmin.
        (dt.date(2027, 3, 20), (2027, 2), dt.date(2027, 3, 19)),
    ],
)
def test_the_demo_lays_out_the_year_under_way_relative_to_today(
    db, hari_ini, lokmin_bulan, sk_terlambat
):
    tahun = hari_ini.year
    with _pada(hari_ini):
        seed()
        cerita = _cerita()
        seed()  # idempotent: the story is not laid out twice
        assert _cerita() == cerita

    # This year's targets: on time in most, late in Cempaka, missing in Tanjungsari.
    sukamaju = _sk("Sukamaju")
    assert sukamaju.penetapan.tahun == tahun
    assert sukamaju.tanggal == dt.date(tahun, 2, 25)
    assert dt.date.fromtimestamp(sukamaju.ditandatangani_pada.timestamp()) <= dt.date(tahun, 2, 26)
    cempaka = _sk("Cempaka")
    assert cempaka.tanggal == sk_terlambat
    assert not PenetapanTarget.objects.filter(puskesmas__nama="Tanjungsari", tahun=tahun).exists()
    assert SKTargetKinerja.objects.filter(penetapan__tahun=tahun).count() == 5

    # Next year's RUK: drafted, returned by the Kepala, sent to the Dinkes.
    assert dict(RUK.objects.filter(tahun=tahun + 1).values_list("puskesmas__nama", "status")) == {
        "Cempaka": "draft",
        "Sukamaju": "dikembalikan",
        "Wanasari": "dikirim",
    }
    assert RUK.objects.get(puskesmas__nama="Sukamaju").catatan_pengembalian

    # P2: last month's Lokmin with notulen and RTL, PWS of klaster 2 for the past months.
    lokmin = Lokmin.objects.get(puskesmas__nama="Sukamaju")
    assert (lokmin.tahun, lokmin.bulan, lokmin.jenis) == (*lokmin_bulan, "bulanan")
    assert NotulenKlaster.objects.filter(lokmin=lokmin).count() == 3
    rtl_lokmin = RTL.objects.filter(puskesmas__nama="Sukamaju", sumber_label__startswith="Lokmin")
    assert rtl_lokmin.count() == 4
    assert all(b >= hari_ini for b in rtl_lokmin.values_list("batas", flat=True))
    # Open RTL are never overdue on the day the demo starts.
    terbuka = RTL.objects.exclude(status__in=["selesai", "efektif"])
    assert all(b >= hari_ini for b in terbuka.values_list("batas", flat=True))

    # P3: Tim Mutu and audit team signed this year, one audit done and one later, the
    # supervisi plan under way, the registers, one RTM approved; nothing after today.
    sukamaju = sukamaju.penetapan.puskesmas
    tim = TimMutu.objects.get(puskesmas=sukamaju, tahun=tahun)
    assert tim.status == StatusAlur.DISAHKAN and tim.tanggal_sk.year == tahun
    assert all(a.uraian_tugas for a in tim.anggota.all()) and tim.anggota.count() == 5
    assert TimAudit.objects.get(puskesmas=sukamaju, tahun=tahun).status == StatusAlur.DISAHKAN
    program = ProgramAudit.objects.get(puskesmas=sukamaju, tahun=tahun)
    assert program.status == StatusAlur.DISAHKAN
    audit = Audit.objects.get(jadwal__program=program)
    assert audit.tanggal <= hari_ini
    assert RTL.objects.get(sumber_label__startswith="Audit internal").status == "selesai"
    assert [j.bulan > audit.tanggal.month for j in program.jadwal.order_by("bulan")] == [
        False,
        True,
    ]
    kunjungan = KunjunganSupervisi.objects.filter(puskesmas=sukamaju, tahun=tahun)
    assert sorted(kunjungan.values_list("pelaksana", "status")) == [
        ("dinkes", "dilaksanakan"),
        ("kepala_puskesmas", "dilaksanakan"),
        ("kepala_puskesmas", "dilaksanakan"),
        ("kepala_puskesmas", "direncanakan"),
    ]
    assert all(t <= hari_ini for t in kunjungan.values_list("tanggal", flat=True) if t)
    assert RTL.objects.filter(sumber_label__startswith="Temuan supervisi").count() == 1
    assert sorted(Pengaduan.objects.values_list("status", flat=True)) == [
        "baru",
        "dianalisis",
        "ditindaklanjuti",
    ]
    assert SurveiKepuasan.objects.get(puskesmas=sukamaju).tanggal_selesai <= hari_ini
    assert Risiko.objects.filter(puskesmas=sukamaju, tahun=tahun).count() == 4
    rtm = RTM.objects.get(puskesmas=sukamaju, tahun=tahun)
    assert rtm.status == StatusAlur.DISAHKAN and rtm.tanggal <= hari_ini
    assert RTL.objects.filter(sumber_label__startswith=str(rtm)).count() == 1
    bulan_pws = sorted(
        LembarPWS.objects.filter(tahun=tahun, klaster__nomor=2).values_list("bulan", flat=True)
    )
    assert bulan_pws == list(range(1, hari_ini.month))

    # Nobody's February is "289 days late" in Sukamaju: its targets and SK are done.
    with _pada(hari_ini):
        kapus = kotak_masuk(user=User.objects.get(username="kapus.sukamaju"), tahun=tahun)
    assert not any("Target Kinerja" in b.label for b in kapus)


def test_every_demo_role_lands_on_a_home_page_with_work_waiting(client, db):
    hari_ini = dt.date(2026, 11, 30)
    with _pada(hari_ini):
        seed()
        for username, harus in [
            ("kapus.sukamaju", "evaluasi efektivitasnya"),
            ("ktu.sukamaju", "RUK 2027 Puskesmas Sukamaju dikembalikan"),
            ("pj3.sukamaju", "RTL: Rekrut dan latih dua kader baru"),
            ("mutu.sukamaju", "evaluasi efektivitasnya"),
            ("staf.sukamaju", "RTL: Ajukan permintaan obat ke Dinkes"),
            ("verifikator.banyumanis", "RUK 2027 Puskesmas Wanasari dikirim"),
            ("kapus.tanjungsari", "SK Target Kinerja 2026 Puskesmas Tanjungsari"),
        ]:
            client.force_login(User.objects.get(username=username))
            html = client.get(reverse("beranda")).content.decode()
            assert 'data-testid="butir-kotak-masuk"' in html, username
            assert harus in html, username
        # In late November one RTM is not enough: the Kepala is asked for the second.
        client.force_login(User.objects.get(username="kapus.sukamaju"))
        html = client.get(reverse("beranda")).content.decode()
        assert "RTM Sukamaju tahun 2026: baru 1 dari minimal 2" in html
        # The P3 pages of Sukamaju show what the story recorded.
        pk = Puskesmas.objects.get(nama="Sukamaju").pk
        for url, harus in [
            ("pengawasan:supervisi_daftar", ["Pustu Mekarsari", "Lina Marlina"]),
            ("pengawasan:audit_daftar", ["Pelayanan KIA dan KB"]),
            ("pengawasan:audit_program", ["Pelayanan KIA dan KB", "Pelayanan TBC"]),
            (
                "pengawasan:register",
                ["3 pengaduan, 2 dianalisis, 1 dengan RTL", "4 risiko", "5 anggota"],
            ),
            ("pengawasan:rtm_daftar", ["24 Juni 2026", "Disetujui Kepala Puskesmas"]),
        ]:
            r = client.get(reverse(url, args=[pk]))
            assert r.status_code == 200, url
            for teks in harus:
                assert teks in r.content.decode(), (url, teks)
        # The admin Dinkes lands on the documents its Puskesmas sent, counted.
        client.force_login(User.objects.get(username="admin.banyumanis"))
        html = client.get(reverse("beranda")).content.decode()
        assert 'data-testid="dokumen-diterima"' in html
