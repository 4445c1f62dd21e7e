"""Due dates on the pages: the Puskesmas home page, the Dinkes recap and compliance table,
and the kabupaten's own dates."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.choices import JenisTenggat
from perencanaan.services.tenggat import tenggat_kabupaten_simpan
from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.access import PESAN_DITOLAK
from puskesmas.models import TenggatKabupaten
from puskesmas.services.inti import PESAN_KONFLIK

from ..factories import KecamatanFactory, PuskesmasFactory
from .factories_tenggat import (
    sk_selesai,
    target_selesai,
    tenggat_kabupaten,
)

pytestmark = pytest.mark.usefixtures("hanya_tenggat_p1")

# Counts below are of the kinds these tests set up, on days a Lokmin is also due.

# Counts reminders and compliance rows of P1's kinds only (see the fixture).
pytestmark = pytest.mark.usefixtures("hanya_tenggat_p1")

WIB = ZoneInfo("Asia/Jakarta")
PADA_7_FEB = datetime(2027, 2, 7, 9, 0, tzinfo=WIB)
PADA_2_MAR = datetime(2027, 3, 2, 9, 0, tzinfo=WIB)


@pytest.fixture(autouse=True)
def jam():
    with time_machine.travel(PADA_7_FEB, tick=False) as mesin:
        yield mesin


def tahun_2027(client):
    client.post(reverse("pilih_tahun"), {"tahun": "2027"})
    return client


def baris(html: str, testid: str) -> str:
    m = re.search(rf'<[^>]*data-testid="{testid}"[^>]*>.*?</(li|tr)>', html, re.S)
    assert m, testid
    return m.group(0)


def halaman_target(pk):
    return reverse("perencanaan:target", kwargs={"puskesmas_pk": pk})


# --- Home page --------------------------------------------------------------------------


def test_home_page_shows_both_due_dates_with_days_left(masuk, dunia):
    html = tahun_2027(masuk(dunia.kapus_a)).get(reverse("beranda")).content.decode()
    assert 'data-testid="tenggat-beranda"' in html
    target = baris(html, f"tenggat-target_kinerja-{dunia.a.pk}")
    assert 'data-status="belum"' in target
    assert "14 Februari 2027" in target and "7 hari lagi" in target
    sk = baris(html, f"tenggat-sk_target-{dunia.a.pk}")
    assert "28 Februari 2027" in sk and "21 hari lagi" in sk
    assert f'href="{halaman_target(dunia.a.pk)}"' in html
    assert "kebijakan" in html


def test_home_page_shows_done_late_and_overdue(masuk, dunia, jam):
    target_selesai(dunia.a, date(2027, 2, 16))
    jam.move_to(PADA_2_MAR)
    html = tahun_2027(masuk(dunia.ktu_a)).get(reverse("beranda")).content.decode()
    target = baris(html, f"tenggat-target_kinerja-{dunia.a.pk}")
    assert 'data-status="terlambat_selesai"' in target
    assert "Terlambat selesai" in target and "selesai 16 Februari 2027, terlambat 2 hari" in target
    sk = baris(html, f"tenggat-sk_target-{dunia.a.pk}")
    assert 'data-status="terlambat"' in sk and "terlambat 2 hari" in sk


def test_home_page_on_the_due_date_and_when_done_on_time(masuk, dunia, jam):
    jam.move_to(datetime(2027, 2, 14, 8, 0, tzinfo=WIB))
    c = tahun_2027(masuk(dunia.kapus_a))
    html = c.get(reverse("beranda")).content.decode()
    assert "Jatuh tempo hari ini" in baris(html, f"tenggat-target_kinerja-{dunia.a.pk}")
    target_selesai(dunia.a, date(2027, 2, 14))
    html = c.get(reverse("beranda")).content.decode()
    target = baris(html, f"tenggat-target_kinerja-{dunia.a.pk}")
    assert 'data-status="selesai"' in target and "selesai 14 Februari 2027" in target


def test_home_page_uses_the_kabupaten_dates(masuk, dunia):
    tenggat_kabupaten(dunia.kab_x, 2027, target=date(2027, 3, 1))
    html = tahun_2027(masuk(dunia.kapus_a)).get(reverse("beranda")).content.decode()
    target = baris(html, f"tenggat-target_kinerja-{dunia.a.pk}")
    assert "1 Maret 2027" in target and "22 hari lagi" in target


def test_home_page_shows_only_the_users_puskesmas(masuk, dunia):
    html = tahun_2027(masuk(dunia.staf_b)).get(reverse("beranda")).content.decode()
    assert f"tenggat-target_kinerja-{dunia.b.pk}" in html
    assert f"tenggat-target_kinerja-{dunia.a.pk}" not in html


def test_home_page_queries_do_not_grow(masuk, dunia, django_assert_max_num_queries):
    from ..factories import beri_peran

    c = tahun_2027(masuk(dunia.kapus_a))
    c.get(reverse("beranda"))
    with CaptureQueriesContext(connection) as satu:
        c.get(reverse("beranda"))
    for _ in range(4):
        p = PuskesmasFactory(kecamatan=KecamatanFactory(kabupaten=dunia.kab_x))
        beri_peran(dunia.kapus_a, "kepala_puskesmas", puskesmas=p)
        target_selesai(p, date(2027, 2, 1))
    with CaptureQueriesContext(connection) as lima:
        html = c.get(reverse("beranda")).content.decode()
    assert html.count('data-testid="tenggat-target_kinerja-') == 5
    assert len(lima) == len(satu)


# --- Dinkes -----------------------------------------------------------------------------


@pytest.fixture
def kabupaten_x(dunia):
    """A: targets on time, SK late. B: targets late, no SK. Seen on 2 March 2027."""
    target_selesai(dunia.a, date(2027, 2, 10))
    sk_selesai(dunia.a, date(2027, 2, 12), date(2027, 3, 1), revisi=1)
    target_selesai(dunia.b, date(2027, 2, 20))
    return dunia


def sel(html, p, kolom):
    tr = baris(html, f"kepatuhan-{p.pk}")
    m = re.search(rf'<td data-kolom="{kolom}" data-kepatuhan="(\w+)">(.*?)</td>', tr, re.S)
    return m.group(1), " ".join(re.sub(r"<[^>]+>", " ", m.group(2)).split())


def test_compliance_page_on_time_late_and_not_yet(masuk, kabupaten_x, jam):
    d = kabupaten_x
    jam.move_to(PADA_2_MAR)
    url = reverse("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": d.kab_x.pk})
    html = tahun_2027(masuk(d.verifikator_x)).get(url).content.decode()
    assert sel(html, d.a, "target_kinerja")[0] == "tepat_waktu"
    assert "10 Februari 2027" in sel(html, d.a, "target_kinerja")[1]
    assert sel(html, d.a, "sk_target") == ("terlambat", "Terlambat 1 Maret 2027 · terlambat 1 hari")
    assert sel(html, d.b, "target_kinerja")[0] == "terlambat"
    assert sel(html, d.b, "sk_target") == ("belum", "Belum lewat 2 hari")
    assert f"kepatuhan-{d.c.pk}" not in html  # another kabupaten
    ringkasan = html[html.index('data-testid="ringkasan-target_kinerja"') :][:900]
    assert "Tepat waktu: 1" in ringkasan and "Terlambat: 1" in ringkasan and "Belum: 0" in ringkasan
    ringkasan = html[html.index('data-testid="ringkasan-sk_target"') :][:900]
    assert "Tepat waktu: 0" in ringkasan and "Terlambat: 1" in ringkasan and "Belum: 1" in ringkasan
    assert "1 Puskesmas sudah melewati batas dan belum selesai." in ringkasan


def test_compliance_page_filters_by_status(masuk, kabupaten_x, jam):
    d = kabupaten_x
    jam.move_to(PADA_2_MAR)
    url = reverse("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": d.kab_x.pk})
    c = tahun_2027(masuk(d.admin_x))
    html = c.get(url, {"status": "belum"}).content.decode()
    assert f"kepatuhan-{d.b.pk}" in html and f"kepatuhan-{d.a.pk}" not in html
    html = c.get(url, {"status": "tidak-ada"}).content.decode()
    assert f"kepatuhan-{d.b.pk}" in html and f"kepatuhan-{d.a.pk}" in html


def test_compliance_table_is_on_the_recap_page(masuk, kabupaten_x, jam):
    d = kabupaten_x
    jam.move_to(PADA_2_MAR)
    html = tahun_2027(masuk(d.verifikator_x)).get(reverse("rekap_kabupaten", args=[d.kab_x.pk]))
    html = html.content.decode()
    assert 'data-testid="rekap-kepatuhan"' in html
    assert sel(html, d.a, "sk_target")[0] == "terlambat"
    assert reverse("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": d.kab_x.pk}) in html
    # Only the Dinkes admin is offered the settings.
    atur = reverse("perencanaan:tenggat_kabupaten", kwargs={"kabupaten_pk": d.kab_x.pk})
    assert atur not in html
    html = masuk(d.admin_x).get(reverse("rekap_kabupaten", args=[d.kab_x.pk])).content.decode()
    assert atur in html


def test_compliance_is_for_dinkes_only(masuk, dunia):
    url = reverse("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": dunia.kab_x.pk})
    assert masuk(dunia.kapus_a).get(url).status_code == 403
    assert masuk(dunia.verifikator_y).get(url).status_code == 404
    assert masuk(dunia.nasional).get(url).status_code == 200


def test_compliance_queries_do_not_grow_with_puskesmas(
    masuk, kabupaten_x, django_assert_max_num_queries
):
    d = kabupaten_x
    c = tahun_2027(masuk(d.verifikator_x))
    urls = [
        reverse("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": d.kab_x.pk}),
        reverse("rekap_kabupaten", args=[d.kab_x.pk]),
    ]
    sedikit = {}
    for url in urls:
        c.get(url)
        with CaptureQueriesContext(connection) as q:
            c.get(url)
        sedikit[url] = len(q)
    for i in range(15):
        p = PuskesmasFactory(kecamatan=KecamatanFactory(kabupaten=d.kab_x))
        if i % 3 == 0:
            sk_selesai(p, date(2027, 2, 1), date(2027, 2, 20))
        elif i % 3 == 1:
            target_selesai(p, date(2027, 2, 1))
    for url in urls:
        with CaptureQueriesContext(connection) as q:
            html = c.get(url).content.decode()
        assert html.count('data-testid="kepatuhan-') == 17, url
        assert len(q) == sedikit[url], url
    # The page's own reads, the kabupaten's dates, and one read of the done dates per
    # registered kind.
    with django_assert_max_num_queries(10 + len(td.semua())):
        c.get(urls[0])


# --- The kabupaten's own dates ----------------------------------------------------------


def url_atur(d):
    return reverse("perencanaan:tenggat_kabupaten", kwargs={"kabupaten_pk": d.kab_x.pk})


def test_settings_page_shows_the_policy_defaults(masuk, dunia):
    html = tahun_2027(masuk(dunia.admin_x)).get(url_atur(dunia)).content.decode()
    assert "Bawaan kebijakan: 14 Februari 2027." in html
    assert "Bawaan kebijakan: 28 Februari 2027." in html
    assert "(memakai bawaan)" in html


def test_admin_sets_and_clears_the_kabupaten_dates(masuk, dunia):
    c = tahun_2027(masuk(dunia.admin_x))
    r = c.post(
        url_atur(dunia),
        {"batas_target_kinerja": "2027-02-21", "batas_sk_target": "2027-03-15"},
    )
    assert r.status_code == 302
    simpan = dict(
        TenggatKabupaten.objects.filter(kabupaten=dunia.kab_x, tahun=2027).values_list(
            "jenis", "tanggal"
        )
    )
    assert simpan == {
        JenisTenggat.TARGET_KINERJA: date(2027, 2, 21),
        JenisTenggat.SK_TARGET: date(2027, 3, 15),
    }
    html = c.get(url_atur(dunia)).content.decode()
    assert (
        "Tenggat tahun 2027 tersimpan: Target kinerja per klaster 21 Februari 2027; "
        "SK Target Kinerja 15 Maret 2027." in html
    )
    assert 'value="2027-02-21"' in html
    riwayat = html[html.index('data-testid="riwayat-tenggat"') :]
    assert "admin_x" in riwayat or str(dunia.admin_x) in riwayat
    # Emptying a date goes back to the policy default; the history keeps the deletion.
    r = c.post(
        url_atur(dunia),
        {
            "batas_target_kinerja": "",
            "batas_sk_target": "2027-03-15",
            "semula_target_kinerja": "2027-02-21",
            "semula_sk_target": "2027-03-15",
        },
    )
    assert r.status_code == 302
    assert list(
        TenggatKabupaten.objects.filter(kabupaten=dunia.kab_x).values_list("jenis", flat=True)
    ) == [JenisTenggat.SK_TARGET]
    jejak = TenggatKabupaten.history.filter(kabupaten_id=dunia.kab_x.pk).order_by("history_date")
    assert [h.history_type for h in jejak] == ["+", "+", "-"]
    assert {h.history_user for h in jejak} == {dunia.admin_x}
    # Another kabupaten is untouched.
    assert not TenggatKabupaten.objects.filter(kabupaten=dunia.kab_y).exists()


def test_bad_dates_are_refused_and_what_was_typed_is_kept(masuk, dunia):
    c = tahun_2027(masuk(dunia.admin_x))
    r = c.post(url_atur(dunia), {"batas_target_kinerja": "2026-02-14", "batas_sk_target": ""})
    html = r.content.decode()
    assert r.status_code == 200 and "Tanggal harus berada dalam tahun 2027." in html
    assert 'value="2026-02-14"' in html
    r = c.post(url_atur(dunia), {"batas_target_kinerja": "2027-03-10", "batas_sk_target": ""})
    assert "Batas SK Target Kinerja tidak boleh sebelum batas target kinerja per klaster." in (
        r.content.decode()
    )
    r = c.post(url_atur(dunia), {"batas_target_kinerja": "besok", "batas_sk_target": ""})
    assert r.status_code == 200 and 'value="besok"' in r.content.decode()
    assert not TenggatKabupaten.objects.exists()


def test_two_admins_do_not_overwrite_each_other(masuk, dunia):
    c = tahun_2027(masuk(dunia.admin_x))
    # Someone else saved after this form was opened (it showed no dates of the kabupaten).
    tenggat_kabupaten(dunia.kab_x, 2027, target=date(2027, 2, 20))
    r = c.post(url_atur(dunia), {"batas_target_kinerja": "2027-02-25", "batas_sk_target": ""})
    html = r.content.decode()
    assert r.status_code == 200 and PESAN_KONFLIK.split(".")[0] in html
    assert 'value="2027-02-25"' in html  # what was typed is still there
    baris = {b.nama: b for b in r.context["form"].konflik}
    assert (baris["batas_target_kinerja"].isian, baris["batas_target_kinerja"].tersimpan) == (
        "25 Februari 2027",
        "20 Februari 2027",
    )
    assert r.context["form"]["semula_target_kinerja"].value() == "2027-02-20"
    assert TenggatKabupaten.objects.get(kabupaten=dunia.kab_x).tanggal == date(2027, 2, 20)
    # Saving again, now knowingly, goes through.
    data = {"batas_target_kinerja": "2027-02-25", "batas_sk_target": ""}
    data |= {"semula_target_kinerja": "2027-02-20", "semula_sk_target": ""}
    assert c.post(url_atur(dunia), data).status_code == 302
    assert TenggatKabupaten.objects.get(kabupaten=dunia.kab_x).tanggal == date(2027, 2, 25)


def test_only_the_dinkes_admin_sets_dates(masuk, dunia):
    for user, status in ((dunia.verifikator_x, 403), (dunia.kapus_a, 403), (dunia.admin_x, 200)):
        assert masuk(user).get(url_atur(dunia)).status_code == status, user
    r = masuk(dunia.verifikator_x).post(url_atur(dunia), {"batas_target_kinerja": "2027-02-20"})
    assert r.status_code == 403
    assert masuk(dunia.verifikator_y).get(url_atur(dunia)).status_code == 404
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        tenggat_kabupaten_simpan(
            kabupaten=dunia.kab_x,
            tahun=2027,
            tanggal={JenisTenggat.TARGET_KINERJA: date(2027, 2, 20)},
            semula={},
            user=dunia.verifikator_x,
        )
    assert not TenggatKabupaten.objects.exists()


def test_a_backdated_sk_signed_late_counts_as_late(dunia):
    from datetime import date

    from puskesmas.selectors.tenggat import tenggat_puskesmas

    from .factories_tenggat import penetapan, sk

    p = penetapan(dunia.a, 2027, status="disahkan", diajukan=date(2027, 2, 10))
    sk(p, date(2027, 2, 27), ditandatangani=date(2027, 3, 20))
    (baris,) = tenggat_puskesmas(puskesmas=[dunia.a], tahun=2027, hari_ini=date(2027, 4, 1))
    assert baris.keadaan(JenisTenggat.SK_TARGET).status == "terlambat_selesai"
    assert baris.keadaan(JenisTenggat.TARGET_KINERJA).status == "selesai"
