"""RPK realisation: the month of a klaster entered by its PJ, all rows or none; the year's
plan against realisation per activity and funding source; pulled into the bulanan notulen."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lokmin import aturan
from lokmin.models import RealisasiRPK
from lokmin.selectors import realisasi as selectors
from lokmin.services import realisasi as services
from lokmin.tarikan import semua
from puskesmas.alat.access import PESAN_KLASTER_LAIN
from puskesmas.alat.alur import AlurTidakSah

from ..perencanaan.factories_rpk import KegiatanRPKFactory, RPKFactory, klaster
from .factories import LokminFactory, RealisasiRPKFactory


@pytest.fixture
def rpk(dunia):
    rpk = RPKFactory(ruk__puskesmas=dunia.a, ruk__tahun=2027, status="disahkan")
    KegiatanRPKFactory(rpk=rpk, kegiatan="Kelas ibu hamil", klaster=klaster(2), vol_02=2,
                       vol_03=1, biaya=Decimal(600_000), sumber_pembiayaan="BOK")  # fmt: skip
    KegiatanRPKFactory(rpk=rpk, kegiatan="Posbindu PTM", klaster=klaster(3), vol_02=1,
                       biaya=Decimal(400_000), sumber_pembiayaan="APBD")  # fmt: skip
    return rpk


def _baris(rpk, nama, **isi):
    return {"kegiatan": rpk.kegiatan.get(kegiatan=nama), **isi}


def test_pj_enters_their_klaster_only_all_rows_or_none(dunia, rpk):
    n = services.realisasi_simpan(
        rpk=rpk, bulan=2, user=dunia.pj2_a,
        baris=[_baris(rpk, "Kelas ibu hamil", terlaksana=True, volume=2, biaya=Decimal(300_000))],
    )  # fmt: skip
    assert n == 1
    with pytest.raises(PermissionDenied, match=PESAN_KLASTER_LAIN):
        services.realisasi_simpan(
            rpk=rpk, bulan=2, user=dunia.pj2_a,
            baris=[_baris(rpk, "Posbindu PTM", terlaksana=False, alasan="Hujan")],
        )  # fmt: skip
    with pytest.raises(AlurTidakSah) as exc:
        services.realisasi_simpan(
            rpk=rpk, bulan=2, user=dunia.ktu_a,
            baris=[
                _baris(rpk, "Kelas ibu hamil", terlaksana=False, alasan="Bidan cuti"),
                _baris(rpk, "Posbindu PTM", terlaksana=False, alasan=""),
            ],
        )  # fmt: skip
    assert exc.value.message == f"Posbindu PTM: {aturan.PESAN_ALASAN}"
    # Nothing of the refused save landed: the first row is as the PJ left it.
    r = RealisasiRPK.objects.get(kegiatan__kegiatan="Kelas ibu hamil", bulan=2)
    assert r.terlaksana and r.volume == 2 and r.diisi_oleh == dunia.pj2_a


def test_only_an_approved_rpk_takes_a_realisation(dunia, rpk):
    rpk.status = "draft"
    rpk.save()
    with pytest.raises(AlurTidakSah) as exc:
        services.realisasi_simpan(rpk=rpk, bulan=2, baris=[], user=dunia.ktu_a)
    assert exc.value.message == services.PESAN_RPK_BELUM_SAH


def test_year_plan_against_realisation_per_activity_and_source(dunia, rpk):
    kelas = rpk.kegiatan.get(kegiatan="Kelas ibu hamil")
    RealisasiRPKFactory(kegiatan=kelas, bulan=2, volume=2, biaya=Decimal(300_000))
    RealisasiRPKFactory(kegiatan=kelas, bulan=3, terlaksana=False, alasan="x", volume=0, biaya=0)
    with CaptureQueriesContext(connection) as q:
        baris, sumber = selectors.rekap_tahun(rpk=rpk)
    assert len(q) == 2
    (b,) = [x for x in baris if x.kegiatan == kelas]
    assert (b.volume_rencana, b.volume_realisasi) == (3, 2)
    assert (b.biaya_rencana, b.biaya_realisasi) == (Decimal(600_000), Decimal(300_000))
    assert (b.bulan_terlaksana, b.bulan_tidak) == (1, 1)
    assert b.persen_biaya == Decimal("50.0")
    assert {(s.kode, s.biaya_rencana, s.biaya_realisasi) for s in sumber} == {
        ("BOK", Decimal(600_000), Decimal(300_000)),
        ("APBD", Decimal(400_000), Decimal(0)),
    }


def test_month_page_saves_and_is_scoped(dunia, masuk, rpk):
    client = masuk(dunia.pj2_a)
    s = client.session
    s["tahun"] = 2027
    s.save()
    url = reverse("lokmin:realisasi", args=[dunia.a.pk])
    r = client.get(url, {"bulan": 2})
    assert r.status_code == 200
    kelas = rpk.kegiatan.get(kegiatan="Kelas ibu hamil")
    posbindu = rpk.kegiatan.get(kegiatan="Posbindu PTM")
    boleh = {b.kegiatan.pk: b.boleh for g in r.context["kelompok"] for b in g.baris}
    assert boleh == {kelas.pk: True, posbindu.pk: False}
    r = client.post(
        url,
        {"bulan": 2, f"k{kelas.pk}-terlaksana": "1", f"k{kelas.pk}-volume": "2",
         f"k{kelas.pk}-biaya": "1.500.000"},
    )  # fmt: skip
    assert r.status_code == 302
    assert RealisasiRPK.objects.get(kegiatan=kelas, bulan=2).biaya == Decimal(1_500_000)
    r = masuk(dunia.staf_a).post(url, {"bulan": 2})
    assert r.status_code == 403
    assert masuk(dunia.staf_b).get(url).status_code == 404


def test_month_page_queries_do_not_grow_with_activities(dunia, masuk, rpk):
    client = masuk(dunia.ktu_a)
    s = client.session
    s["tahun"] = 2027
    s.save()
    url = reverse("lokmin:realisasi", args=[dunia.a.pk]) + "?bulan=2"
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    for i in range(10):
        k = KegiatanRPKFactory(rpk=rpk, klaster=klaster(2 + i % 3), vol_02=1)
        RealisasiRPKFactory(kegiatan=k, bulan=2)
    with CaptureQueriesContext(connection) as banyak:
        client.get(url)
    assert len(banyak) == len(sedikit)


def test_the_bulanan_pulls_last_months_realisation_and_this_months_plan(dunia, rpk):
    kelas = rpk.kegiatan.get(kegiatan="Kelas ibu hamil")
    RealisasiRPKFactory(kegiatan=kelas, bulan=2, volume=2, biaya=Decimal(300_000))
    lokmin = LokminFactory(puskesmas=dunia.a, tahun=2027, bulan=3)
    bagian = {b.kode: b for b in semua(lokmin, dunia.staf_a)}
    (lalu,) = [g for g in bagian["realisasi_bulan_lalu"].data if g.klaster == klaster(2)]
    assert [(b.kegiatan.kegiatan, b.rencana, b.realisasi.volume) for b in lalu.baris] == [
        ("Kelas ibu hamil", 2, 2)
    ]
    ini = bagian["kegiatan_bulan_ini"].data
    assert [b.kegiatan.kegiatan for g in ini for b in g.baris] == ["Kelas ibu hamil"]
    tribulanan = LokminFactory(puskesmas=dunia.a, tahun=2027, bulan=5, jenis="tribulanan")
    (hasil,) = semua(tribulanan, dunia.staf_a)
    assert hasil.kode == "hasil_triwulan"
    assert [nama for nama, _ in hasil.data] == ["Februari 2027", "Maret 2027", "April 2027"]
    februari = dict(hasil.data)["Februari 2027"]
    assert {(str(g.klaster), g.terlaksana, g.biaya) for g in februari} == {
        (str(klaster(2)), 1, Decimal(300_000)),
        (str(klaster(3)), 0, Decimal(0)),
    }
