"""PKP rule 1.1.15 (RTM): the pure rule at every rubric step, and the collector."""

from datetime import date

import pytest

from pkp import saran_daftar
from pkp.saran_aturan_rtm import (
    KESIMPULAN_4,
    KESIMPULAN_7,
    KESIMPULAN_10,
    RTM_BELUM_LENGKAP,
    RTM_TIDAK_ADA,
    SISA_7_EVALUASI,
    SISA_7_JUMLAH,
    FaktaRTM,
    RTMFakta,
    saran_rtm,
)
from pkp.saran_p3_rtm import kumpulkan_rtm


def _r(i=1, *, lengkap=True, rtl=2, tl=2, ev=2):
    return RTMFakta(f"RTM 0{i}-06-2026", lengkap, rtl, tl, ev, f"/rtm/{i}/")


@pytest.mark.parametrize(
    ("rtm", "skor", "akhir"),
    [
        ((), 0, RTM_TIDAK_ADA.format(tahun=2026)),
        ((_r(lengkap=False),), 0, RTM_BELUM_LENGKAP.format(jumlah=1, tahun=2026)),
        # once, complete: 4 whatever its follow-up
        ((_r(tl=0, ev=0),), 4, KESIMPULAN_4),
        ((_r(),), 4, KESIMPULAN_4),
        # twice, complete, not every RTL followed up: 4
        ((_r(1), _r(2, tl=1, ev=0)), 4, KESIMPULAN_4),
        # twice with an incomplete one: counts once
        ((_r(1), _r(2, lengkap=False)), 4, KESIMPULAN_4),
        # twice with follow-up, not evaluated: 7
        ((_r(1, ev=0), _r(2, ev=1)), 7, KESIMPULAN_7.format(sisa=SISA_7_EVALUASI)),
        # twice with follow-up and evaluation: still 7 (10 needs more than twice)
        ((_r(1), _r(2)), 7, KESIMPULAN_7.format(sisa=SISA_7_JUMLAH)),
        # three times with follow-up, one not evaluated: 7
        ((_r(1), _r(2), _r(3, ev=1)), 7, KESIMPULAN_7.format(sisa=SISA_7_EVALUASI)),
        # three times with follow-up and evaluation: 10
        ((_r(1), _r(2), _r(3)), 10, KESIMPULAN_10),
        ((_r(1), _r(2), _r(3), _r(4, lengkap=False)), 10, KESIMPULAN_10),
    ],
)
def test_saran_rtm_every_step(rtm, skor, akhir):
    saran = saran_rtm(FaktaRTM(2026, rtm))
    assert saran.skor == skor
    assert saran.alasan.endswith(akhir)
    assert [r.url for r in saran.rujukan] == [r.url for r in rtm]


def test_saran_rtm_cites_each_meeting():
    saran = saran_rtm(FaktaRTM(2026, (_r(1, tl=1, ev=0), _r(2, lengkap=False))))
    assert saran.alasan.startswith(
        "RTM 01-06-2026: 2 RTL, 1 ditindaklanjuti, 0 dievaluasi dan RTM 02-06-2026 belum lengkap."
    )


def test_registered():
    assert "1.1.15" in saran_daftar.terdaftar()


@pytest.mark.django_db
def test_collector_reads_approved_rtm_and_their_rtl(dunia, django_assert_max_num_queries):
    from ..lokmin.factories import PesertaLokminFactory, RTLFactory  # noqa: F401
    from .factories_rtm import PesertaRTMFactory, RTMFactory

    lengkap = RTMFactory(
        puskesmas=dunia.a,
        tahun=2026,
        tanggal=date(2026, 3, 1),
        status="disahkan",
        notulen="n",
        analisis="a",
    )
    PesertaRTMFactory(rtm=lengkap, user=dunia.ktu_a, hadir=True)
    RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=lengkap, status="selesai")
    RTLFactory(
        puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=lengkap, status="dievaluasi"
    )
    RTLFactory(
        puskesmas=dunia.a,
        dibuat_oleh=dunia.ktu_a,
        sumber_objek=lengkap,
        status="tidak_dilanjutkan",
    )
    tanpa_hadir = RTMFactory(
        puskesmas=dunia.a, tahun=2026, status="disahkan", notulen="n", analisis="a"
    )
    RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=tanpa_hadir)
    RTMFactory(puskesmas=dunia.a, tahun=2026, status="draft")  # not approved
    RTMFactory(puskesmas=dunia.b, tahun=2026, status="disahkan")  # another Puskesmas
    with django_assert_max_num_queries(3):
        fakta = kumpulkan_rtm(dunia.a, 2026)
    assert [(r.lengkap, r.jumlah_rtl, r.ditindaklanjuti, r.dievaluasi) for r in fakta.rtm] == [
        (True, 2, 2, 1),
        (False, 1, 0, 0),
    ]
    assert saran_rtm(fakta).skor == 4
