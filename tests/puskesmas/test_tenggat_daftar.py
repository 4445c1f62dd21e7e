"""The due-date registry: a kind registered by any app reaches the home pages, the Dinkes
compliance table and the daily reminders, with no change to the core.

The kind here is a fake monthly meeting, due on day 10 of each month, reminded at H-7 and
when overdue only. It counts as done when a row marks it (a notification with a test key,
whose creation time is the done date): any table answers, as long as it is one query.
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.tasks import kirim_pengingat_tenggat
from puskesmas.alat import kalender
from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.tenggat import TahapPengingat
from puskesmas.choices import Peran
from puskesmas.models import Notifikasi, TenggatKabupaten
from puskesmas.services.tenggat import pengingat_tenggat_kirim

from ..factories import KecamatanFactory, PuskesmasFactory, beri_peran, pengguna

# Counts below are of the kinds these tests set up, on days a Lokmin is also due.
pytestmark = pytest.mark.usefixtures("hanya_tenggat_p1")

WIB = ZoneInfo("Asia/Jakarta")
KODE = "uji_bulanan"
PENANDA = "uji-selesai"


def jam_wib(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 10, tzinfo=WIB)


def selesai_uji(puskesmas_ids, kejadian):
    """Done: a marker row for that Puskesmas and occurrence. One query for all of them."""
    kunci = {f"{PENANDA}:{kejadian.tahun}-{kejadian.kode}:{pk}": pk for pk in puskesmas_ids}
    return {
        kunci[k]: dibuat.astimezone(WIB).date()
        for k, dibuat in Notifikasi.objects.filter(kunci__in=list(kunci)).values_list(
            "kunci", "dibuat"
        )
    }


def tandai_selesai(p, bulan: int, pada: date, *, oleh):
    n = Notifikasi.objects.create(
        penerima=oleh, judul="uji", kunci=f"{PENANDA}:2027-{bulan:02d}:{p.pk}"
    )
    Notifikasi.objects.filter(pk=n.pk).update(dibuat=jam_wib(pada))


@pytest.fixture
def bulanan():
    tenggat = td.daftar(
        td.Tenggat(
            kode=KODE,
            label="Rapat uji bulanan",
            kejadian=lambda tahun: [(f"{b:02d}", date(tahun, b, 10)) for b in range(1, 13)],
            selesai=selesai_uji,
            penerima=td.penerima_peran(Peran.KEPALA_PUSKESMAS),
            tindakan="Rapat uji {puskesmas} ({kejadian}) harus selesai paling lambat {batas}.",
            tahap=frozenset({TahapPengingat.H7, TahapPengingat.LEWAT}),
            label_kejadian=lambda kode: kalender.BULAN[int(kode) - 1],
        )
    )
    yield tenggat
    td.batalkan(KODE)


@pytest.fixture
def jam():
    with time_machine.travel(jam_wib(date(2027, 3, 5)), tick=False) as mesin:
        yield mesin


def tahun_2027(client):
    client.post(reverse("pilih_tahun"), {"tahun": "2027"})
    return client


def potong(html: str, testid: str) -> str:
    m = re.search(rf'<[^>]*data-testid="{testid}"[^>]*>.*?</(li|tr)>', html, re.S)
    assert m, testid
    return m.group(0)


def ringkasan(html: str, kode: str) -> str:
    return html[html.index(f'data-testid="ringkasan-{kode}"') :][:900]


# --- The registry itself ----------------------------------------------------------------


def test_a_registered_kind_is_listed_after_the_apps_kinds_and_removed_again(bulanan):
    kode = [t.kode for t in td.semua()]
    assert kode[-1] == KODE and "target_kinerja" in kode
    assert td.ambil(KODE) is bulanan
    assert bulanan.judul(bulanan.kejadian_tahun(2027)[2]) == "Rapat uji bulanan Maret"
    td.batalkan(KODE)
    assert KODE not in [t.kode for t in td.semua()]
    with pytest.raises(ValueError, match=f"^Jenis tenggat tidak dikenal: {KODE}$"):
        td.ambil(KODE)


# --- Pages ------------------------------------------------------------------------------


def test_the_puskesmas_home_page_shows_the_current_occurrence(masuk, dunia, bulanan, jam):
    html = tahun_2027(masuk(dunia.kapus_a)).get(reverse("beranda")).content.decode()
    baris = potong(html, f"tenggat-{KODE}-{dunia.a.pk}")
    assert "Rapat uji bulanan Maret" in baris
    assert "10 Maret 2027" in baris and "5 hari lagi" in baris and 'data-status="belum"' in baris
    # The February kinds are still there beside it.
    assert f"tenggat-sk_target-{dunia.a.pk}" in html
    tandai_selesai(dunia.a, 3, date(2027, 3, 4), oleh=dunia.kapus_a)
    html = masuk(dunia.kapus_a).get(reverse("beranda")).content.decode()
    assert 'data-status="selesai"' in potong(html, f"tenggat-{KODE}-{dunia.a.pk}")


def test_the_dinkes_home_page_counts_every_kind(masuk, dunia, bulanan, jam):
    tandai_selesai(dunia.a, 3, date(2027, 3, 4), oleh=dunia.kapus_a)
    html = tahun_2027(masuk(dunia.verifikator_x)).get(reverse("beranda")).content.decode()
    assert f'data-testid="tenggat-dinkes-{dunia.kab_x.pk}"' in html
    bagian = ringkasan(html, KODE)
    assert "Rapat uji bulanan Maret" in bagian and "10 Maret 2027" in bagian
    assert "Tepat waktu: 1" in bagian and "Belum: 1" in bagian  # A done, B not (kabupaten X)
    assert "Tepat waktu: 0" in ringkasan(html, "target_kinerja")


def test_the_compliance_table_has_a_column_per_kind_and_honours_kabupaten_dates(
    masuk, dunia, bulanan, jam
):
    # Kabupaten X moved its March meeting to the 3rd: on the 5th, B is two days late.
    TenggatKabupaten.objects.create(
        kabupaten=dunia.kab_x, tahun=2027, jenis=KODE, kejadian="03", tanggal=date(2027, 3, 3)
    )
    tandai_selesai(dunia.a, 3, date(2027, 3, 4), oleh=dunia.kapus_a)
    url = reverse("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": dunia.kab_x.pk})
    html = tahun_2027(masuk(dunia.verifikator_x)).get(url).content.decode()
    assert '<th scope="col">Rapat uji bulanan Maret</th>' in html
    sel_a = re.search(
        rf'<td data-kolom="{KODE}" data-kepatuhan="(\w+)">', potong(html, f"kepatuhan-{dunia.a.pk}")
    )
    sel_b = re.search(
        rf'<td data-kolom="{KODE}" data-kepatuhan="(\w+)">(.*?)</td>',
        potong(html, f"kepatuhan-{dunia.b.pk}"),
        re.S,
    )
    assert sel_a.group(1) == "terlambat"  # done on the 4th, due the 3rd
    assert sel_b.group(1) == "belum" and "lewat 2 hari" in sel_b.group(2)
    assert "3 Maret 2027" in ringkasan(html, KODE)
    # Filtering looks at every kind.
    html = masuk(dunia.verifikator_x).get(url, {"status": "terlambat"}).content.decode()
    assert f"kepatuhan-{dunia.a.pk}" in html


def _hitung(c, url):
    with CaptureQueriesContext(connection) as q:
        html = c.get(url).content.decode()
    return len(q), html


def test_page_queries_are_flat_in_rows_and_one_more_per_kind(masuk, dunia, jam):
    urls = {
        "puskesmas": (dunia.kapus_a, reverse("beranda")),
        "dinkes": (dunia.verifikator_x, reverse("beranda")),
        "kepatuhan": (
            dunia.verifikator_x,
            reverse("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": dunia.kab_x.pk}),
        ),
        "rekap": (dunia.verifikator_x, reverse("rekap_kabupaten", args=[dunia.kab_x.pk])),
    }
    tanpa = {}
    for nama, (user, url) in urls.items():
        c = tahun_2027(masuk(user))
        c.get(url)
        tanpa[nama] = _hitung(c, url)[0]
    with_kind = td.daftar(
        td.Tenggat(
            kode=KODE,
            label="Rapat uji bulanan",
            kejadian=lambda tahun: [(f"{b:02d}", date(tahun, b, 10)) for b in range(1, 13)],
            selesai=selesai_uji,
            penerima=td.penerima_peran(Peran.KEPALA_PUSKESMAS),
            tindakan="{puskesmas}",
        )
    )
    try:
        sedikit = {}
        for nama, (user, url) in urls.items():
            c = tahun_2027(masuk(user))
            sedikit[nama] = _hitung(c, url)[0]
            # One more kind: one more read of its done dates, nothing per row. On the
            # Puskesmas home the due-date card and «Menunggu tindakan Anda» share that read,
            # and who each open kind reminds is one read for all kinds (alat/memo.py).
            assert sedikit[nama] == tanpa[nama] + 1, nama
        for i in range(6):
            p = PuskesmasFactory(kecamatan=KecamatanFactory(kabupaten=dunia.kab_x))
            beri_peran(dunia.kapus_a, Peran.KEPALA_PUSKESMAS, puskesmas=p)
            for bulan in (1, 2, 3):
                tandai_selesai(p, bulan, date(2027, bulan, 1 + i), oleh=dunia.kapus_a)
        for nama, (user, url) in urls.items():
            c = tahun_2027(masuk(user))
            jumlah, html = _hitung(c, url)
            assert jumlah == sedikit[nama], nama
            assert f"-{KODE}" in html or f'"{KODE}"' in html, nama
    finally:
        td.batalkan(with_kind.kode)


# --- Reminders --------------------------------------------------------------------------


@pytest.fixture
def kapus_b(dunia):
    return pengguna("kapus_b", Peran.KEPALA_PUSKESMAS, puskesmas=dunia.b)


def terkirim():
    return sorted(
        Notifikasi.objects.filter(kunci__startswith=f"tenggat:{KODE}:").values_list(
            "penerima__username", "kunci"
        )
    )


def test_reminders_of_a_registered_kind_arrive_exactly_once(dunia, bulanan, kapus_b):
    # 3 March is H-7 of the March meeting (10 March); A already held it.
    tandai_selesai(dunia.a, 3, date(2027, 3, 2), oleh=dunia.kapus_a)
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 3, 3)) == 1
    assert terkirim() == [("kapus_b", f"tenggat:{KODE}:{dunia.b.pk}:2027-03:H-7")]
    pesan = Notifikasi.objects.get(kunci__startswith=f"tenggat:{KODE}:")
    assert pesan.judul == "Pengingat: Rapat uji bulanan Maret 2027 jatuh tempo 7 hari lagi"
    assert "paling lambat 10 Maret 2027" in pesan.pesan
    # The task, twice, and a retry: nothing more.
    assert kirim_pengingat_tenggat.apply(kwargs={"hari_ini": "2027-03-03"}).get() == 0
    assert kirim_pengingat_tenggat.apply(kwargs={"hari_ini": "2027-03-03"}).get() == 0
    assert len(terkirim()) == 1


def test_only_the_stages_the_kind_asked_for_and_each_occurrence_apart(dunia, bulanan, kapus_b):
    # H-3 and H-1 are not among its stages.
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 3, 7)) == 0
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 3, 9)) == 0
    # 11 March: the day after the March meeting (lewat-1) and, for the February meeting still
    # open, the weekly overdue reminder four weeks on (lewat-5). A held neither: both to
    # kapus_a; B's to kapus_b.
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 3, 11)) == 4
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 3, 11)) == 0
    assert terkirim() == sorted(
        [
            ("kapus_a", f"tenggat:{KODE}:{dunia.a.pk}:2027-02:lewat-5"),
            ("kapus_a", f"tenggat:{KODE}:{dunia.a.pk}:2027-03:lewat-1"),
            ("kapus_b", f"tenggat:{KODE}:{dunia.b.pk}:2027-02:lewat-5"),
            ("kapus_b", f"tenggat:{KODE}:{dunia.b.pk}:2027-03:lewat-1"),
        ]
    )


def test_a_kabupaten_date_for_one_occurrence_moves_its_reminders(dunia, bulanan, kapus_b):
    # Kabupaten X holds its March meeting on the 20th: no H-7 on 3 March there, H-7 on the
    # 13th instead; kabupaten Y keeps the policy date.
    kapus_c = pengguna("kapus_c", Peran.KEPALA_PUSKESMAS, puskesmas=dunia.c)
    TenggatKabupaten.objects.create(
        kabupaten=dunia.kab_x, tahun=2027, jenis=KODE, kejadian="03", tanggal=date(2027, 3, 20)
    )
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 3, 3)) == 1
    assert terkirim() == [(kapus_c.username, f"tenggat:{KODE}:{dunia.c.pk}:2027-03:H-7")]
    assert pengingat_tenggat_kirim(hari_ini=date(2027, 3, 13)) == 2
    assert {k for _, k in terkirim()} >= {
        f"tenggat:{KODE}:{dunia.a.pk}:2027-03:H-7",
        f"tenggat:{KODE}:{dunia.b.pk}:2027-03:H-7",
    }


def test_a_kabupaten_without_puskesmas_still_shows_its_dates(dunia, bulanan):
    from puskesmas.models import Kabupaten
    from puskesmas.selectors.tenggat import kepatuhan_kabupaten

    kosong = Kabupaten.objects.create(provinsi=dunia.kab_x.provinsi, kode="3399", nama="Kosong")
    TenggatKabupaten.objects.create(
        kabupaten=kosong, tahun=2027, jenis=KODE, kejadian="04", tanggal=date(2027, 4, 20)
    )
    k = kepatuhan_kabupaten(kabupaten=kosong, tahun=2027, hari_ini=date(2027, 4, 1))
    assert k.baris == []
    kelompok = {g.kode: g for g in k.kelompok}
    assert kelompok[KODE].batas == date(2027, 4, 20)
    assert kelompok[KODE].judul == "Rapat uji bulanan April"
    assert kelompok["sk_target"].batas == date(2027, 2, 28)
    assert kelompok[KODE].ringkasan.jumlah == 0


def test_the_kabupaten_date_form_has_a_field_for_every_occurrence_of_a_registered_kind(
    masuk, dunia, bulanan
):
    url = reverse("perencanaan:tenggat_kabupaten", kwargs={"kabupaten_pk": dunia.kab_x.pk})
    c = tahun_2027(masuk(dunia.admin_x))
    html = c.get(url).content.decode()
    assert 'name="batas_target_kinerja"' in html and 'name="batas_sk_target"' in html
    for bulan in range(1, 13):
        assert f'name="batas_{KODE}__{bulan:02d}"' in html
    assert "Batas rapat uji bulanan Maret" in html
    assert "Bawaan kebijakan: 10 Maret 2027." in html
    # A date of one occurrence is saved with its occurrence and shown as the kabupaten's.
    r = c.post(url, {f"batas_{KODE}__03": "2027-03-20"})
    assert r.status_code == 302, r.content.decode()
    assert list(
        TenggatKabupaten.objects.filter(kabupaten=dunia.kab_x).values_list(
            "jenis", "kejadian", "tanggal"
        )
    ) == [(KODE, "03", date(2027, 3, 20))]
    html = c.get(url).content.decode()
    assert f'name="semula_{KODE}__03" value="2027-03-20"' in html
    assert "Rapat uji bulanan Maret 20 Maret 2027" in html
    # A date outside the year of its policy date is refused; nothing else changes.
    r = c.post(
        url,
        {f"batas_{KODE}__03": "2028-03-01", f"semula_{KODE}__03": "2027-03-20"},
    )
    assert r.status_code == 200 and "Tanggal harus berada dalam tahun 2027." in r.content.decode()
    # Cleared again: back to the policy date, in the audit history.
    r = c.post(url, {f"batas_{KODE}__03": "", f"semula_{KODE}__03": "2027-03-20"})
    assert r.status_code == 302
    assert not TenggatKabupaten.objects.filter(kabupaten=dunia.kab_x).exists()
    assert [h.history_type for h in TenggatKabupaten.history.order_by("history_date")] == [
        "+",
        "-",
    ]
