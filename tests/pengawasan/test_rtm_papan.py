"""One RTL board across sources: filters by source (content type), klaster, PJ, status,
overdue and awaiting evaluation; for the Dinkes the counts per Puskesmas. Bounded queries."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from pengawasan.models import RTM
from puskesmas.models import RTL
from puskesmas.selectors.rtl import TANPA_SUMBER, rtl_per_puskesmas, sumber_pilihan

from ..lokmin.factories import LokminFactory, RTLFactory
from ..perencanaan.factories_rpk import klaster
from .factories_rtm import RTMFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def papan(dunia):
    hari_ini = timezone.localdate()
    rtm = RTMFactory(puskesmas=dunia.a, tahun=2026)
    lokmin = LokminFactory(puskesmas=dunia.a, tahun=2026)
    dari_rtm = RTLFactory(
        puskesmas=dunia.a,
        dibuat_oleh=dunia.ktu_a,
        sumber_objek=rtm,
        masalah="MSL-RTM",
        batas=hari_ini - timedelta(days=3),
        pj=dunia.pj2_a,
        pj_instansi="",
    )
    dari_lokmin = RTLFactory(
        puskesmas=dunia.a,
        dibuat_oleh=dunia.ktu_a,
        sumber_objek=lokmin,
        masalah="MSL-LOKMIN",
        batas=hari_ini + timedelta(days=3),
        klaster=klaster(3),
    )
    menunggu = RTLFactory(
        puskesmas=dunia.a,
        dibuat_oleh=dunia.ktu_a,
        masalah="MSL-TUNGGU",
        status="selesai",
        batas=hari_ini,
    )
    RTLFactory(puskesmas=dunia.b, dibuat_oleh=dunia.ktu_a, sumber_objek=rtm, masalah="MSL-BETA")
    return rtm, dari_rtm, dari_lokmin, menunggu


def _isi(c, dunia, **q):
    r = c.get(reverse("rtl_papan", args=[dunia.a.pk]), q)
    assert r.status_code == 200
    return r.content.decode()


def test_filter_by_source(dunia, masuk, papan):
    rtm, dari_rtm, dari_lokmin, menunggu = papan
    c = masuk(dunia.ktu_a)
    isi = _isi(c, dunia, sumber=ContentType.objects.get_for_model(RTM).pk)
    assert "MSL-RTM" in isi and "MSL-LOKMIN" not in isi and "MSL-TUNGGU" not in isi
    isi = _isi(c, dunia, sumber=TANPA_SUMBER)
    assert "MSL-TUNGGU" in isi and "MSL-RTM" not in isi
    isi = _isi(c, dunia)
    assert f'value="{ContentType.objects.get_for_model(RTM).pk}"' in isi
    assert ">RTM</option>" in isi and ">Lokmin</option>" in isi and ">Tanpa sumber</option>" in isi


def test_filter_by_column_status_klaster_pj(dunia, masuk, papan):
    c = masuk(dunia.ktu_a)
    isi = _isi(c, dunia, kolom="terlambat")
    assert "MSL-RTM" in isi and "MSL-LOKMIN" not in isi
    isi = _isi(c, dunia, kolom="menunggu_evaluasi")
    assert "MSL-TUNGGU" in isi and "MSL-RTM" not in isi
    isi = _isi(c, dunia, status="selesai")
    assert "MSL-TUNGGU" in isi and "MSL-LOKMIN" not in isi
    isi = _isi(c, dunia, klaster=klaster(3).pk)
    assert "MSL-LOKMIN" in isi and "MSL-RTM" not in isi
    isi = _isi(c, dunia, pj=dunia.pj2_a.pk)
    assert "MSL-RTM" in isi and "MSL-LOKMIN" not in isi
    isi = _isi(c, dunia, kolom="bukan-kolom", status="bukan")  # unknown values are ignored
    assert "MSL-RTM" in isi and "MSL-LOKMIN" in isi
    assert "MSL-BETA" not in _isi(c, dunia)


def test_board_queries_flat_in_rtl(dunia, masuk, papan, django_assert_max_num_queries):
    c = masuk(dunia.ktu_a)
    url = reverse("rtl_papan", args=[dunia.a.pk])
    c.get(url)
    with django_assert_max_num_queries(25) as q:
        c.get(url)
    n = len(q.captured_queries)
    rtm = papan[0]
    for i in range(10):
        RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=rtm, pj=dunia.pj2_a)
        RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, klaster=klaster(2 + i % 3))
    with django_assert_max_num_queries(n):
        c.get(url)


def test_sumber_pilihan_labels(dunia, papan):
    labels = [p.label for p in sumber_pilihan(RTL.objects.filter(puskesmas=dunia.a))]
    assert labels == ["Lokmin", "RTM", "Tanpa sumber"]


def test_counts_per_puskesmas_for_the_dinkes(dunia, papan):
    hasil = rtl_per_puskesmas(
        puskesmas_list=[dunia.a, dunia.b], user=dunia.verifikator_x, hari_ini=timezone.localdate()
    )
    per = {h.puskesmas: h.jumlah for h in hasil}
    assert per[dunia.a] == {"terbuka": 1, "terlambat": 1, "menunggu_evaluasi": 1, "ditutup": 0}
    assert per[dunia.b]["terbuka"] + per[dunia.b]["terlambat"] == 1
    assert hasil[0].puskesmas == dunia.a  # most overdue first
    rtm_ct = ContentType.objects.get_for_model(RTM).pk
    hasil = rtl_per_puskesmas(
        puskesmas_list=[dunia.a],
        user=dunia.verifikator_x,
        hari_ini=timezone.localdate(),
        sumber_jenis_id=rtm_ct,
    )
    assert hasil[0].total == 1


def test_kabupaten_page(dunia, masuk, papan, django_assert_max_num_queries):
    url = reverse("rtl_kabupaten", args=[dunia.kab_x.pk])
    c = masuk(dunia.verifikator_x)
    c.get(url)
    with django_assert_max_num_queries(20) as q:
        r = c.get(url)
    isi = r.content.decode()
    assert f'data-testid="rtl-puskesmas-{dunia.a.pk}"' in isi and "Charlie" not in isi
    n = len(q.captured_queries)
    from ..factories import PuskesmasFactory

    for i in range(4):
        p = PuskesmasFactory(nama=f"Tambahan {i}", kecamatan=dunia.a.kecamatan)
        RTLFactory(puskesmas=p, dibuat_oleh=dunia.ktu_a, batas=date(2020, 1, 1))
    with django_assert_max_num_queries(n):
        r = c.get(url)
    assert "Tambahan 3" in r.content.decode()
    assert masuk(dunia.staf_a).get(url).status_code == 403
    assert masuk(dunia.verifikator_y).get(url).status_code == 404
