"""Pure rules of the RTM and of pengendalian: table tests, no database."""

from decimal import Decimal as D

import pytest

from pengawasan import aturan_pengendalian as ap
from pengawasan import aturan_rtm as ar


@pytest.mark.parametrize(
    ("tahun", "tahun_ini", "bulan_ini", "harapan"),
    [(2027, 2027, 10, 10), (2026, 2027, 3, 12), (2028, 2027, 11, 0), (2027, 2027, 1, 1)],
)
def test_bulan_berjalan(tahun, tahun_ini, bulan_ini, harapan):
    assert ar.bulan_berjalan(tahun=tahun, tahun_ini=tahun_ini, bulan_ini=bulan_ini) == harapan


@pytest.mark.parametrize(
    ("bulan", "jumlah", "harapan"),
    [
        (9, 0, False),  # before October: no warning yet
        (9, 1, False),
        (10, 0, True),  # from October with fewer than two
        (10, 1, True),
        (10, 2, False),
        (12, 1, True),
        (12, 3, False),
        (0, 0, False),  # the year has not started
    ],
)
def test_peringatan_rtm(bulan, jumlah, harapan):
    assert ar.perlu_peringatan(bulan=bulan, jumlah=jumlah) is harapan


def test_pesan_peringatan():
    assert ar.pesan_peringatan(puskesmas="Alfa", tahun=2027, jumlah=1) == (
        "RTM Alfa tahun 2027: baru 1 dari minimal 2 kali setahun diadakan atau "
        "dijadwalkan; jadwalkan RTM sebelum akhir tahun."
    )


@pytest.mark.parametrize(
    ("data", "bulan", "harapan"),
    [
        ([([10, 10, 10], 100)], 2, D(20)),
        ([([10, 10], 100), ([5, None], 100)], 2, D("12.5")),  # summed over desa
        ([([10], 100), ([50], 0)], 1, D(10)),  # a desa without sasaran is left out
        ([([None, None], 100)], 2, None),  # nothing entered
        ([([10], None)], 1, None),  # no sasaran at all
        ([], 1, None),
    ],
)
def test_cakupan_gabungan(data, bulan, harapan):
    assert ap.cakupan_gabungan(data, bulan) == harapan


@pytest.mark.parametrize(
    ("target", "bulan", "harapan"), [(D(90), 6, D(45)), (D(90), 12, D(90)), (None, 3, None)]
)
def test_target_kumulatif(target, bulan, harapan):
    assert ap.target_kumulatif(target, bulan) == harapan


@pytest.mark.parametrize(
    ("cakupan", "target", "selisih", "tertinggal"),
    [
        (D(40), D(45), D(-5), True),
        (D(45), D(45), D(0), False),  # exactly at the target is not behind
        (D(50), D(45), D(5), False),
        (None, D(45), None, False),
        (D(40), None, None, False),
    ],
)
def test_selisih_dan_tertinggal(cakupan, target, selisih, tertinggal):
    assert ap.selisih(cakupan, target) == selisih
    assert ap.tertinggal(cakupan, target) is tertinggal


@pytest.mark.parametrize(
    ("rencana", "realisasi", "sampai", "harapan"),
    [
        ([1, 0, 1, 1], {1: True, 3: True}, 4, [4]),
        ([1, 0, 1, 1], {1: True, 3: False}, 3, [3]),  # recorded as not done
        ([1, 1, 1], {}, 2, [1, 2]),  # missing
        ([0, 0, 0], {}, 3, []),  # nothing planned
        ([1, 1], {1: True, 2: True}, 2, []),
        ([1] * 12, {}, 0, []),
    ],
)
def test_bulan_tidak_terealisasi(rencana, realisasi, sampai, harapan):
    got = ap.bulan_tidak_terealisasi(rencana=rencana, realisasi=realisasi, sampai_bulan=sampai)
    assert got == harapan


@pytest.mark.parametrize(
    ("biaya", "volume", "bulan", "harapan"),
    [
        (D(1200), [1, 1, 1, 1] + [0] * 8, 2, D(600)),
        (D(1200), [0] * 12, 3, D(300)),  # no monthly volume: evenly over the year
        (D(1200), [0, 0, 2] + [0] * 9, 2, D(0)),
        (D(1200), [0, 0, 2] + [0] * 9, 3, D(1200)),
    ],
)
def test_rencana_biaya_kumulatif(biaya, volume, bulan, harapan):
    assert ap.rencana_biaya_kumulatif(biaya=biaya, volume=volume, bulan=bulan) == harapan


@pytest.mark.parametrize(
    ("rencana", "realisasi", "persen", "tertinggal"),
    [
        (D(1000), D(899), D("89.9"), True),
        (D(1000), D(900), D(90), False),  # exactly at the threshold is not behind
        (D(1000), D(1200), D(120), False),
        (D(0), D(50), None, False),  # nothing planned yet
    ],
)
def test_serapan(rencana, realisasi, persen, tertinggal):
    assert ap.persen_serapan(rencana=rencana, realisasi=realisasi) == persen
    assert ap.serapan_tertinggal(rencana=rencana, realisasi=realisasi) is tertinggal


@pytest.mark.parametrize(
    ("deret", "hasil", "alasan"),
    [
        # reached the cumulative target in the latest month
        ([(4, D(-10)), (5, D(-3)), (6, D(0))], ap.EFEKTIF, ap.ALASAN_CAPAI.format(bulan=6)),
        ([(4, D(-10)), (5, D(2))], ap.EFEKTIF, ap.ALASAN_CAPAI.format(bulan=5)),
        # narrowed three months in a row
        (
            [(3, D(-10)), (4, D(-8)), (5, D(-6)), (6, D(-1))],
            ap.EFEKTIF,
            ap.ALASAN_MEMBAIK.format(n=3),
        ),
        # only the last three count: an earlier worsening does not matter
        (
            [(2, D(-5)), (3, D(-10)), (4, D(-8)), (5, D(-6)), (6, D(-1))],
            ap.EFEKTIF,
            ap.ALASAN_MEMBAIK.format(n=3),
        ),
        # widened once among the last three
        (
            [(3, D(-10)), (4, D(-8)), (5, D(-9)), (6, D(-1))],
            ap.BELUM_EFEKTIF,
            ap.ALASAN_TIDAK_MEMBAIK.format(n=3),
        ),
        # unchanged is not narrowing
        (
            [(3, D(-10)), (4, D(-10)), (5, D(-9)), (6, D(-8))],
            ap.BELUM_EFEKTIF,
            ap.ALASAN_TIDAK_MEMBAIK.format(n=3),
        ),
        # too few months known: no suggestion
        ([(3, D(-10)), (4, D(-8)), (5, D(-6))], None, ap.ALASAN_KURANG_DATA.format(ada=2, n=3)),
        ([], None, ap.ALASAN_KURANG_DATA.format(ada=0, n=3)),
        # unknown months are skipped
        (
            [(3, D(-10)), (4, None), (5, D(-6)), (6, D(-4)), (7, D(-2))],
            ap.EFEKTIF,
            ap.ALASAN_MEMBAIK.format(n=3),
        ),
    ],
)
def test_saran_efektivitas(deret, hasil, alasan):
    saran = ap.saran_efektivitas(selisih_bulanan=deret)
    assert (saran.hasil, saran.alasan) == (hasil, alasan)


def test_saran_efektivitas_n_lain():
    deret = [(1, D(-5)), (2, D(-4))]
    assert ap.saran_efektivitas(selisih_bulanan=deret, n=1).hasil == ap.EFEKTIF
    assert ap.saran_efektivitas(selisih_bulanan=deret, n=2).hasil is None


def test_aturan_murni_tanpa_django():
    import ast
    import inspect

    for modul in (ar, ap):
        pohon = ast.parse(inspect.getsource(modul))
        impor = {
            n.module if isinstance(n, ast.ImportFrom) else a.name
            for n in ast.walk(pohon)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in getattr(n, "names", [])
        }
        assert not any(
            i and i.split(".")[0] in {"django", "puskesmas", "pengawasan"} for i in impor
        )
