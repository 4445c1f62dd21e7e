"""Pengendalian: what deviates (indicators behind the cumulative target, RPK activities not
realised, funding sources spending behind plan), one-click RTL linked to it, the kabupaten
page, and the loop closing on data on the RTL page."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from pengawasan import aturan_pengendalian as ap
from pengawasan.selectors.pengendalian import deret_indikator, penyimpangan
from pengawasan.services import pengendalian as services
from perencanaan.models import RPK, KegiatanRPK
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.models import RTL

from ..factories import PuskesmasFactory
from ..lokmin.factories import RealisasiRPKFactory, RTLFactory
from ..lokmin.factories_pws import desa_dengan_sasaran, indikator_pws, nilai_pws
from ..perencanaan.factories_rpk import KegiatanRPKFactory, RPKFactory, RUKRPKFactory

pytestmark = pytest.mark.django_db
TAHUN = 2026


@pytest.fixture
def data(dunia):
    """Puskesmas A: K4 behind its target (target 90%: 45% by June; 2 of 100 a month is 12%),
    ANC on target; an RPK activity planned Jan–Mar realised in January only; BOK spent
    behind plan, APBD on plan."""
    k4 = indikator_pws(dunia.kab_x, nama="Cakupan K4", target=Decimal(90))
    anc = indikator_pws(dunia.kab_x, nama="Cakupan ANC", target=Decimal(12), kategori="bayi")
    desa = desa_dengan_sasaran(dunia.a, jumlah=100)
    from puskesmas.models import SasaranDesa

    SasaranDesa.objects.create(desa=desa, tahun=TAHUN, kategori="bayi", jumlah=100)
    for b in range(1, 7):
        nilai_pws(puskesmas=dunia.a, desa=desa, indikator=k4, bulan=b, nilai=2)
        nilai_pws(puskesmas=dunia.a, desa=desa, indikator=anc, bulan=b, nilai=1)
    ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=TAHUN)
    rpk = RPKFactory(ruk=ruk, status="disahkan")
    kelas = KegiatanRPKFactory(
        rpk=rpk, kegiatan="Kelas ibu hamil", vol_01=1, vol_02=1, vol_03=1, biaya=Decimal(300_000)
    )
    RealisasiRPKFactory(kegiatan=kelas, bulan=1, terlaksana=True, biaya=Decimal(100_000))
    RealisasiRPKFactory(kegiatan=kelas, bulan=2, terlaksana=False, biaya=Decimal(0))
    posyandu = KegiatanRPKFactory(
        rpk=rpk,
        kegiatan="Posyandu",
        sumber_pembiayaan="APBD",
        vol_01=1,
        biaya=Decimal(100_000),
    )
    RealisasiRPKFactory(kegiatan=posyandu, bulan=1, terlaksana=True, biaya=Decimal(100_000))
    return dunia, k4, anc, kelas, rpk


def test_what_deviates_worst_first(data):
    dunia, k4, anc, kelas, rpk = data
    pen = penyimpangan(puskesmas=dunia.a, tahun=TAHUN, bulan=6)
    # the world's own desa of A has no sasaran for these groups: only the new desa counts
    [tertinggal] = pen.indikator_tertinggal
    assert tertinggal.indikator == k4
    assert tertinggal.cakupan_bulat == Decimal("12.0")
    assert tertinggal.target_bulat == Decimal("45.0")
    assert tertinggal.selisih == Decimal("-33.0")
    assert pen.indikator[0].indikator == k4  # worst first
    [keg] = pen.kegiatan
    assert keg.kegiatan == kelas and keg.bulan == [2, 3]
    [bok] = pen.sumber_tertinggal
    assert bok.kode == "BOK" and bok.persen == Decimal("33.3")
    assert pen.jumlah == 3


def test_one_click_rtl_for_each_kind_linked_to_what_deviates(data, masuk):
    dunia, k4, anc, kelas, rpk = data
    c = masuk(dunia.ktu_a)
    s = c.session
    s["tahun"] = TAHUN
    s.save()
    url = reverse("pengawasan:pengendalian_rtl", args=[dunia.a.pk])
    r = c.post(url, {"jenis": "indikator", "kunci": k4.pk, "bulan": 6})
    rtl = RTL.objects.get()
    assert r.url == reverse("rtl_detail", args=[rtl.pk])
    assert rtl.sumber == k4 and rtl.pj == dunia.pj2_a  # PJ of the indicator's klaster
    assert "12.0% di bawah target kumulatif 45.0%" in rtl.masalah
    c.post(url, {"jenis": "kegiatan", "kunci": kelas.pk, "bulan": 6})
    c.post(url, {"jenis": "sumber", "kunci": "BOK", "bulan": 6})
    sumber = {(r.sumber_jenis.model_class(), r.sumber_id) for r in RTL.objects.all()}
    assert sumber == {
        (type(k4), k4.pk),
        (KegiatanRPK, kelas.pk),
        (RPK, rpk.pk),
    }
    assert RTL.objects.get(sumber_jenis=ContentType.objects.get_for_model(RPK)).sumber_label == (
        "Pengendalian: serapan dana BOK RPK 2026"
    )
    # the page now shows the running RTL instead of the button
    r = c.get(reverse("pengawasan:pengendalian", args=[dunia.a.pk]) + "?bulan=6")
    assert f'data-testid="buat-tl-indikator-{k4.pk}"' not in r.content.decode()


def test_refused_twice_and_when_nothing_deviates(data):
    dunia, k4, anc, kelas, rpk = data
    kw = {"puskesmas": dunia.a, "tahun": TAHUN, "bulan": 6, "user": dunia.ktu_a}
    services.pengendalian_rtl_buat(jenis="indikator", kunci=str(k4.pk), **kw)
    with pytest.raises(AlurTidakSah) as e:
        services.pengendalian_rtl_buat(jenis="indikator", kunci=str(k4.pk), **kw)
    assert e.value.message == services.PESAN_SUDAH_ADA.format(label="Cakupan K4")
    with pytest.raises(AlurTidakSah) as e:
        services.pengendalian_rtl_buat(jenis="indikator", kunci=str(anc.pk), **kw)
    assert e.value.message == services.PESAN_TIDAK_MENYIMPANG.format(bulan=6)
    with pytest.raises(AlurTidakSah):
        services.pengendalian_rtl_buat(jenis="sumber", kunci="APBD", **kw)


def test_staff_may_not_raise_and_outsiders_get_404(data, masuk):
    dunia, k4, *_ = data
    url = reverse("pengawasan:pengendalian_rtl", args=[dunia.a.pk])
    assert masuk(dunia.staf_a).post(url, {"jenis": "indikator", "kunci": k4.pk}).status_code == 403
    assert masuk(dunia.staf_b).post(url, {"jenis": "indikator", "kunci": k4.pk}).status_code == 404
    assert RTL.objects.count() == 0


def test_puskesmas_page_bounded_queries(data, masuk, django_assert_max_num_queries):
    dunia, *_ = data
    c = masuk(dunia.ktu_a)
    url = reverse("pengawasan:pengendalian", args=[dunia.a.pk]) + "?bulan=6"
    with django_assert_max_num_queries(30):
        r = c.get(url)
    assert "Cakupan K4" in r.content.decode()


def test_kabupaten_page_for_dinkes_flat_in_puskesmas(data, masuk, django_assert_max_num_queries):
    dunia, k4, *_ = data
    c = masuk(dunia.admin_x)
    url = reverse("pengawasan:pengendalian_kabupaten", args=[dunia.kab_x.pk]) + "?bulan=6"
    c.get(url)
    with django_assert_max_num_queries(30) as q:
        r = c.get(url)
    n = len(q.captured_queries)
    isi = r.content.decode()
    assert "Alfa" in isi and "Beta" in isi and "Charlie" not in isi
    for i in range(4):
        p = PuskesmasFactory(nama=f"Tambahan {i}", kecamatan=dunia.a.kecamatan)
        d = desa_dengan_sasaran(p, jumlah=50)
        nilai_pws(puskesmas=p, desa=d, indikator=k4, bulan=1, nilai=1)
    with django_assert_max_num_queries(n):
        r = c.get(url)
    assert "Tambahan 3" in r.content.decode()
    assert masuk(dunia.staf_a).get(url).status_code == 403
    assert masuk(dunia.verifikator_y).get(url).status_code == 404


# --- the loop closes on data --------------------------------------------------------------


def test_deret_from_the_month_of_the_follow_up(data):
    dunia, k4, *_ = data
    deret = deret_indikator(puskesmas=dunia.a, indikator=k4, dari_bulan=4)
    assert [b.bulan for b in deret] == [4, 5, 6]
    assert [b.cakupan_bulat for b in deret] == [Decimal("8.0"), Decimal("10.0"), Decimal("12.0")]
    assert [b.target_bulat for b in deret] == [Decimal("30.0"), Decimal("37.5"), Decimal("45.0")]


def _rtl_indikator(dunia, indikator, tanggal_tl):
    rtl = RTLFactory(
        puskesmas=dunia.a,
        dibuat_oleh=dunia.ktu_a,
        sumber_objek=indikator,
        status="selesai",
        tindak_lanjut="Sweeping",
        tanggal_tindak_lanjut=tanggal_tl,
    )
    return rtl


def test_rtl_page_suggests_belum_efektif_when_the_gap_widens(data, masuk):
    dunia, k4, *_ = data
    rtl = _rtl_indikator(dunia, k4, date(TAHUN, 3, 10))
    r = masuk(dunia.kapus_a).get(reverse("rtl_detail", args=[rtl.pk]))
    isi = r.content.decode()
    assert 'data-testid="deret-indikator"' in isi
    assert 'data-testid="saran-efektivitas"' in isi
    assert ap.ALASAN_TIDAK_MEMBAIK.format(n=3) in isi
    assert "Belum efektif" in isi


def test_rtl_page_suggests_efektif_when_the_gap_narrows(data, masuk):
    dunia, k4, *_ = data
    from lokmin.models import NilaiPWS

    # 10 a month from April: the gap (-16.5 in March) narrows to -14, -11.5, -9
    for b in (4, 5, 6):
        NilaiPWS.objects.filter(lembar__bulan=b, indikator=k4).update(nilai=10)
    rtl = _rtl_indikator(dunia, k4, date(TAHUN, 3, 10))
    isi = masuk(dunia.kapus_a).get(reverse("rtl_detail", args=[rtl.pk])).content.decode()
    assert ap.ALASAN_MEMBAIK.format(n=3) in isi


def test_no_panel_for_other_sources_and_no_suggestion_before_follow_up(data, masuk):
    dunia, k4, *_ = data
    lain = RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a)
    c = masuk(dunia.kapus_a)
    assert (
        'data-testid="panel-rtl"'
        not in c.get(reverse("rtl_detail", args=[lain.pk])).content.decode()
    )
    with mock.patch("django.utils.timezone.now") as now:
        from django.utils import timezone as tz

        now.return_value = tz.make_aware(tz.datetime(TAHUN, 4, 2, 9))
        rtl = RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=k4)
    isi = c.get(reverse("rtl_detail", args=[rtl.pk])).content.decode()
    assert 'data-testid="deret-indikator"' in isi
    assert 'data-testid="saran-efektivitas"' not in isi
