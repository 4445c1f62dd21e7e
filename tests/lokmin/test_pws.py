"""PWS entry, dashboard and kabupaten page: services, scope, validation, query counts."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lokmin.models import LembarPWS, NilaiPWS
from lokmin.services_pws import PeringatanPWS, lembar_pws_simpan
from lokmin.views_pws import PESAN_BUKAN_BILANGAN
from puskesmas.choices import Peran
from puskesmas.services.inti import KonflikVersi

from ..factories import pengguna
from .factories_pws import desa_dengan_sasaran, indikator_pws, nilai_pws

TAHUN = 2026


@pytest.fixture
def pws_a(dunia):
    """Puskesmas A with two desa (sasaran ibu hamil 120 and 0) and two klaster-2 indicators."""
    dunia.ind1 = indikator_pws(dunia.kab_x, kode="KIA-1", nama="Kunjungan K1")
    dunia.ind2 = indikator_pws(dunia.kab_x, kode="KIA-4", nama="Kunjungan K4", target=Decimal(60))
    dunia.desa1 = desa_dengan_sasaran(dunia.a, 120, nama="Sukamaju")
    dunia.desa2 = desa_dengan_sasaran(dunia.a, 0, nama="Sukamundur")
    return dunia


def _simpan(d, user, nilai, *, bulan=1, versi=None, **kw):
    return lembar_pws_simpan(
        user=user,
        puskesmas=d.a,
        tahun=TAHUN,
        bulan=bulan,
        klaster_id=d.ind1.klaster_id,
        versi=versi,
        nilai=nilai,
        **kw,
    )


def test_a_sheet_saves_every_cell_with_who_and_when(pws_a):
    d = pws_a
    lembar = _simpan(
        d,
        d.pj2_a,
        {(d.desa1.pk, d.ind1.pk): 10, (d.desa1.pk, d.ind2.pk): 5, (d.desa2.pk, d.ind1.pk): 0},
    )
    assert lembar.versi == 2 and lembar.diubah_oleh == d.pj2_a
    nilai = {(n.desa_id, n.indikator_id): n for n in NilaiPWS.objects.all()}
    assert nilai[(d.desa1.pk, d.ind1.pk)].nilai == 10
    assert {n.diisi_oleh for n in nilai.values()} == {d.pj2_a}
    assert all(n.diisi_pada is not None for n in nilai.values())
    assert nilai[(d.desa1.pk, d.ind1.pk)].history.first().history_user == d.pj2_a
    # a second save at the right version changes one cell and clears another
    lembar = _simpan(
        d,
        d.kapus_a,
        {(d.desa1.pk, d.ind1.pk): 11, (d.desa1.pk, d.ind2.pk): None},
        versi=lembar.versi,
    )
    sel = NilaiPWS.objects.get(desa=d.desa1, indikator=d.ind1)
    assert (sel.nilai, sel.diisi_oleh) == (11, d.kapus_a)
    assert not NilaiPWS.objects.filter(desa=d.desa1, indikator=d.ind2).exists()
    assert NilaiPWS.objects.get(desa=d.desa2).diisi_oleh == d.pj2_a  # untouched cell
    assert sel.history.count() == 2


def test_a_stale_sheet_is_refused_and_nothing_changes(pws_a):
    d = pws_a
    lembar = _simpan(d, d.pj2_a, {(d.desa1.pk, d.ind1.pk): 10})
    _simpan(d, d.kapus_a, {(d.desa1.pk, d.ind1.pk): 12}, versi=lembar.versi)
    with pytest.raises(KonflikVersi):
        _simpan(d, d.pj2_a, {(d.desa1.pk, d.ind1.pk): 13}, versi=lembar.versi)
    with pytest.raises(KonflikVersi):
        _simpan(d, d.pj2_a, {(d.desa1.pk, d.ind1.pk): 13}, versi=None)
    assert NilaiPWS.objects.get().nilai == 12


def test_flagged_values_need_confirmation_and_nothing_is_saved_without_it(pws_a):
    d = pws_a
    nilai = {(d.desa1.pk, d.ind1.pk): 130, (d.desa1.pk, d.ind2.pk): 5}
    with pytest.raises(PeringatanPWS) as exc:
        _simpan(d, d.pj2_a, nilai)
    assert exc.value.alasan == {
        (d.desa1.pk, d.ind1.pk): ["Capaian 130 melebihi sasaran desa (120)."]
    }
    assert not NilaiPWS.objects.exists() and not LembarPWS.objects.exists()
    _simpan(
        d,
        d.pj2_a,
        nilai,
        konfirmasi=frozenset({(d.desa1.pk, d.ind1.pk)}),
        tindak_lanjut=frozenset({(d.desa1.pk, d.ind1.pk)}),
    )
    sel = NilaiPWS.objects.get(indikator=d.ind1)
    assert sel.peringatan == "Capaian 130 melebihi sasaran desa (120)."
    assert sel.tindak_lanjut is True


def test_a_value_far_outside_history_and_a_lowered_earlier_month_are_flagged(pws_a):
    d = pws_a
    for bulan, n in ((1, 5), (2, 6), (3, 7)):
        nilai_pws(puskesmas=d.a, desa=d.desa1, indikator=d.ind1, bulan=bulan, nilai=n)
    with pytest.raises(PeringatanPWS) as exc:
        _simpan(d, d.pj2_a, {(d.desa1.pk, d.ind1.pk): 40}, bulan=4)
    assert exc.value.alasan[(d.desa1.pk, d.ind1.pk)] == [
        "Capaian 40 jauh di luar riwayat desa ini (bulan-bulan sebelumnya 5–7)."
    ]
    lembar = LembarPWS.objects.get(bulan=2)
    lembar.diubah_pada = None  # rows made by the factory: never saved through the grid
    with pytest.raises(PeringatanPWS) as exc:
        _simpan(d, d.pj2_a, {(d.desa1.pk, d.ind1.pk): 4}, bulan=2, versi=lembar.versi)
    assert "kumulatif bulan berikutnya" in exc.value.alasan[(d.desa1.pk, d.ind1.pk)][0]


@pytest.mark.parametrize("nama", ["staf_a", "verifikator_x", "staf_b"])
def test_who_may_not_enter_is_refused(pws_a, nama):
    d = pws_a
    with pytest.raises(PermissionDenied):
        _simpan(d, getattr(d, nama), {(d.desa1.pk, d.ind1.pk): 1})
    assert not LembarPWS.objects.exists()


def test_a_pj_klaster_enters_only_their_own_klaster(pws_a):
    d = pws_a
    pj3 = pengguna("pj3_a", Peran.PJ_KLASTER, puskesmas=d.a, klaster_nomor=3)
    with pytest.raises(PermissionDenied):
        _simpan(d, pj3, {(d.desa1.pk, d.ind1.pk): 1})
    assert not LembarPWS.objects.exists()


def test_a_cell_of_another_puskesmas_is_refused(pws_a):
    d = pws_a
    lain = desa_dengan_sasaran(d.b, 50)
    with pytest.raises(ValueError, match="Sel tidak dikenal"):
        _simpan(d, d.pj2_a, {(lain.pk, d.ind1.pk): 1})


# --- views -------------------------------------------------------------------------------


def _url_isi(d, **q):
    query = "&".join(f"{k}={v}" for k, v in {"tahun": TAHUN, "bulan": 1, **q}.items())
    return f"{reverse('lokmin:pws_isi', args=[d.a.pk])}?{query}"


def test_the_grid_shows_every_desa_and_indicator_of_the_klaster(pws_a, client):
    d = pws_a
    client.force_login(d.pj2_a)
    r = client.get(_url_isi(d))
    assert r.status_code == 200
    html = r.content.decode()
    # 3 desa (the fixture's own, with no ibu hamil figure, and two) × 2 indicators
    assert html.count("data-sel-pws") == 6
    assert 'data-baris="2" data-kolom="1"' in html
    assert "onkeydown" not in html and "<script>" not in html


def test_the_grid_post_saves_and_a_text_in_a_number_saves_nothing(pws_a, client):
    d = pws_a
    client.force_login(d.pj2_a)
    data = {
        "tahun": TAHUN,
        "bulan": 1,
        "klaster": d.ind1.klaster_id,
        "versi": "",
        f"n-{d.desa1.pk}-{d.ind1.pk}": "12",
        f"n-{d.desa1.pk}-{d.ind2.pk}": "dua",
    }
    r = client.post(_url_isi(d), data)
    assert r.status_code == 200
    html = r.content.decode()
    assert PESAN_BUKAN_BILANGAN in html
    assert 'value="dua"' in html and 'value="12"' in html  # what was typed is kept
    assert not NilaiPWS.objects.exists()
    data[f"n-{d.desa1.pk}-{d.ind2.pk}"] = "2"
    r = client.post(_url_isi(d), data)
    assert r.status_code == 302
    assert sorted(NilaiPWS.objects.values_list("nilai", flat=True)) == [2, 12]


def test_the_grid_refuses_a_stale_save_and_keeps_what_was_typed(pws_a, client):
    d = pws_a
    lembar = _simpan(d, d.kapus_a, {(d.desa1.pk, d.ind1.pk): 10})
    _simpan(d, d.kapus_a, {(d.desa1.pk, d.ind1.pk): 11}, versi=lembar.versi)
    client.force_login(d.pj2_a)
    r = client.post(
        _url_isi(d),
        {"versi": lembar.versi, "klaster": d.ind1.klaster_id, f"n-{d.desa1.pk}-{d.ind1.pk}": "77"},
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert 'value="77"' in html
    assert NilaiPWS.objects.get().nilai == 11
    # the shared conflict tool: the other person's stored value beside the typed one
    (beda,) = r.context["form"].konflik
    assert (beda.nama, beda.isian, beda.tersimpan) == (f"n-{d.desa1.pk}-{d.ind1.pk}", "77", "11")
    assert beda.label == f"Sukamaju · {d.ind1.kode}"
    assert 'data-testid="konflik"' in html and "tersimpan sekarang: 11" in html
    lembar.refresh_from_db()
    assert f'name="versi" value="{lembar.versi}"' in html
    # saved again after comparing: goes through
    r = client.post(
        _url_isi(d),
        {"versi": lembar.versi, "klaster": d.ind1.klaster_id, f"n-{d.desa1.pk}-{d.ind1.pk}": "77"},
    )
    assert r.status_code == 302
    assert NilaiPWS.objects.get().nilai == 77


def test_the_grid_asks_to_confirm_a_flagged_value(pws_a, client):
    d = pws_a
    client.force_login(d.pj2_a)
    sel = f"n-{d.desa1.pk}-{d.ind1.pk}"
    data = {"klaster": d.ind1.klaster_id, sel: "500"}
    r = client.post(_url_isi(d), data)
    html = r.content.decode()
    assert "Capaian 500 melebihi sasaran desa (120)." in html
    assert f'name="k-{sel}"' in html
    assert not NilaiPWS.objects.exists()
    r = client.post(_url_isi(d), {**data, f"k-{sel}": "on"})
    assert r.status_code == 302
    assert NilaiPWS.objects.get().nilai == 500


def test_staff_read_the_grid_but_cannot_save(pws_a, client):
    d = pws_a
    client.force_login(d.staf_a)
    assert client.get(_url_isi(d)).status_code == 200
    assert client.post(_url_isi(d), {}).status_code == 403
    client.force_login(d.staf_b)
    assert client.get(_url_isi(d)).status_code == 404


def test_the_dashboard_shows_statuses_and_charts(pws_a, client):
    d = pws_a
    # K1 target 90 → cumulative target month 2 = 15 %; Sukamaju 10 + 12 of 120 = 18.3 % ≥ 15,
    # month 2 up on month 1: baik. Sukamundur: sasaran 0, tidak dapat dihitung.
    for bulan, n in ((1, 10), (2, 12)):
        nilai_pws(puskesmas=d.a, desa=d.desa1, indikator=d.ind1, bulan=bulan, nilai=n)
        nilai_pws(puskesmas=d.a, desa=d.desa2, indikator=d.ind1, bulan=bulan, nilai=n)
    client.force_login(d.staf_a)
    r = client.get(reverse("lokmin:pws_dasbor", args=[d.a.pk]) + f"?tahun={TAHUN}&bulan=2")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<svg") == 4  # two indicators, a PWS chart and a trend each
    baris = r.context["tabel"][0].baris
    status = {b.desa.nama: b.hasil.status for b in baris}
    assert status == {
        d.a.desa.exclude(pk__in=[d.desa1.pk, d.desa2.pk]).get().nama: "tidak_dapat_dihitung",
        "Sukamaju": "baik",
        "Sukamundur": "tidak_dapat_dihitung",
    }
    assert "Tidak dapat dihitung" in html and "18,3%" in html
    lengkap = {k.klaster.nomor: (k.diharapkan, k.terisi) for k in r.context["kelengkapan"]}
    assert lengkap[2] == (6, 2)


def test_the_kabupaten_page_lists_every_puskesmas_worst_first(pws_a, client):
    d = pws_a
    nilai_pws(puskesmas=d.a, desa=d.desa1, indikator=d.ind1, bulan=1, nilai=1)  # cukup
    db = desa_dengan_sasaran(d.b, 100)
    nilai_pws(puskesmas=d.b, desa=db, indikator=d.ind1, bulan=1, nilai=1)
    nilai_pws(puskesmas=d.b, desa=db, indikator=d.ind1, bulan=2, nilai=0)  # jelek at month 2
    client.force_login(d.verifikator_x)
    url = reverse("lokmin:pws_kabupaten", args=[d.kab_x.pk]) + f"?tahun={TAHUN}&bulan=2"
    r = client.get(url)
    assert r.status_code == 200
    urutan = [b.puskesmas.nama for b in r.context["baris"]]
    assert urutan == ["Beta", "Alfa"]
    client.force_login(d.verifikator_y)
    assert client.get(url).status_code == 404
    client.force_login(d.staf_a)
    assert client.get(url).status_code == 403


def _pada(*waktu) -> datetime:
    return datetime(*waktu, tzinfo=ZoneInfo(settings.TIME_ZONE))


def test_a_value_entered_after_the_due_day_is_complete_but_not_on_time(pws_a, client):
    """January is due on 5 February: the due day itself (late evening) is on time, the first
    minutes of 6 February are late; a value first entered on time stays on time when it is
    changed after the due day."""
    d = pws_a
    with time_machine.travel(_pada(2026, 2, 5, 23, 30), tick=False):
        lembar = _simpan(d, d.pj2_a, {(d.desa1.pk, d.ind1.pk): 10})
    with time_machine.travel(_pada(2026, 2, 6, 0, 15), tick=False):
        _simpan(
            d,
            d.pj2_a,
            {(d.desa1.pk, d.ind1.pk): 11, (d.desa2.pk, d.ind1.pk): 0},
            versi=lembar.versi,
            konfirmasi=frozenset({(d.desa1.pk, d.ind1.pk), (d.desa2.pk, d.ind1.pk)}),
        )
    diubah = NilaiPWS.objects.get(desa=d.desa1, indikator=d.ind1)
    assert diubah.nilai == 11 and diubah.diisi_pada == _pada(2026, 2, 6, 0, 15)

    client.force_login(d.staf_a)
    r = client.get(reverse("lokmin:pws_dasbor", args=[d.a.pk]) + f"?tahun={TAHUN}&bulan=1")
    lengkap = {
        k.klaster.nomor: (k.diharapkan, k.terisi, k.tepat_waktu, k.persen_tepat_waktu)
        for k in r.context["kelengkapan"]
    }
    assert lengkap[2] == (6, 2, 1, 17)  # 1 of 6 expected cells on time
    assert lengkap[3] == (0, 0, 0, None)
    html = r.content.decode()
    assert "5 Februari 2026" in html and "1 · 17%" in html

    client.force_login(d.verifikator_x)
    r = client.get(reverse("lokmin:pws_kabupaten", args=[d.kab_x.pk]) + f"?tahun={TAHUN}&bulan=1")
    baris = {b.puskesmas.pk: b for b in r.context["baris"]}
    a = baris[d.a.pk]
    assert (a.diharapkan, a.terisi, a.tepat_waktu, a.kelengkapan, a.ketepatan) == (6, 2, 1, 33, 17)
    assert (baris[d.b.pk].tepat_waktu, baris[d.b.pk].ketepatan) == (0, 0)  # nothing entered
    assert "5 Februari 2026" in r.content.decode()


def test_a_value_without_history_is_dated_by_when_it_was_entered(pws_a, client):
    d = pws_a
    tepat = nilai_pws(puskesmas=d.a, desa=d.desa1, indikator=d.ind1, bulan=1, nilai=3)
    telat = nilai_pws(puskesmas=d.a, desa=d.desa2, indikator=d.ind1, bulan=1, nilai=0)
    NilaiPWS.history.all().delete()
    NilaiPWS.objects.filter(pk=tepat.pk).update(diisi_pada=_pada(2026, 1, 20, 8))
    NilaiPWS.objects.filter(pk=telat.pk).update(diisi_pada=_pada(2026, 2, 6, 8))
    client.force_login(d.staf_a)
    r = client.get(reverse("lokmin:pws_dasbor", args=[d.a.pk]) + f"?tahun={TAHUN}&bulan=1")
    k = next(k for k in r.context["kelengkapan"] if k.klaster.nomor == 2)
    assert (k.terisi, k.tepat_waktu) == (2, 1)


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q.captured_queries)


def _tambah_data(d, n: int, *, mulai: int):
    """``n`` more desa at A and B, ``n`` more indicators (klaster 2 and 3), values for months."""
    indikator = [
        indikator_pws(d.kab_x, klaster_nomor=2 + i % 2, kode=f"X{mulai + i}") for i in range(n)
    ]
    for i in range(n):
        for p in (d.a, d.b):
            desa = desa_dengan_sasaran(p, 100, nama=f"Desa {p.pk}-{mulai + i}")
            for ind in indikator:
                for bulan in range(1, n + 1):
                    nilai_pws(puskesmas=p, desa=desa, indikator=ind, bulan=bulan, nilai=bulan)


def test_dashboard_and_kabupaten_queries_do_not_grow(pws_a, client):
    d = pws_a
    dasbor = reverse("lokmin:pws_dasbor", args=[d.a.pk]) + f"?tahun={TAHUN}&bulan=3"
    kab = reverse("lokmin:pws_kabupaten", args=[d.kab_x.pk]) + f"?tahun={TAHUN}&bulan=3"
    isi = _url_isi(d, bulan=2)
    _tambah_data(d, 1, mulai=0)
    client.force_login(d.kapus_a)
    kecil = (_jumlah_query(client, dasbor), _jumlah_query(client, isi))
    client.force_login(d.verifikator_x)
    kecil_kab = _jumlah_query(client, kab)
    _tambah_data(d, 3, mulai=10)
    client.force_login(d.kapus_a)
    assert (_jumlah_query(client, dasbor), _jumlah_query(client, isi)) == kecil
    client.force_login(d.verifikator_x)
    assert _jumlah_query(client, kab) == kecil_kab
    # month 3 (due 5 April): the values so far first entered on 1 April and changed late,
    # one more entered late: still the same queries
    lain = NilaiPWS.objects.filter(lembar__bulan=3)
    NilaiPWS.history.filter(id__in=lain.values("pk")).update(history_date=_pada(2026, 4, 1, 9))
    lain.update(diisi_pada=_pada(2026, 4, 20, 9))
    with time_machine.travel(_pada(2026, 4, 20, 9), tick=False):
        nilai_pws(puskesmas=d.a, desa=d.desa1, indikator=d.ind1, bulan=3, nilai=4)
    client.force_login(d.kapus_a)
    assert _jumlah_query(client, dasbor) == kecil[0]
    client.force_login(d.verifikator_x)
    assert _jumlah_query(client, kab) == kecil_kab
    baris = {b.puskesmas.pk: b for b in client.get(kab).context["baris"]}
    assert baris[d.a.pk].tepat_waktu == baris[d.a.pk].terisi - 1
    assert baris[d.b.pk].tepat_waktu == baris[d.b.pk].terisi > 0
