"""Pure supervisi rules (docs/domain.md, "Supervisi"): table tests."""

from datetime import date

import pytest

from pengawasan import aturan_supervisi as a
from pengawasan.aturan_supervisi import Jenis, Pelaksana, Status

HARI_INI = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("pelaksana", "jenis", "dinkes"),
    [
        (Pelaksana.KEPALA_PUSKESMAS, Jenis.INTERNAL, False),
        (Pelaksana.TIM_MUTU, Jenis.INTERNAL, False),
        (Pelaksana.TIM_AUDIT, Jenis.INTERNAL, False),
        (Pelaksana.PJ_KLASTER, Jenis.INTERNAL, False),
        (Pelaksana.DINKES, Jenis.EKSTERNAL, True),
        (Pelaksana.LINTAS_SEKTOR, Jenis.EKSTERNAL, False),
        (Pelaksana.AKREDITASI, Jenis.EKSTERNAL, False),
    ],
)
def test_kind_and_recorder_follow_the_supervisor(pelaksana, jenis, dinkes):
    assert a.jenis(pelaksana) == jenis
    assert a.jenis(pelaksana.value) == jenis
    assert a.dicatat_dinkes(pelaksana) is dinkes
    assert pelaksana in a.pelaksana_dari_jenis(jenis)


def test_every_supervisor_is_of_exactly_one_kind_and_labelled():
    internal = a.pelaksana_dari_jenis("internal")
    eksternal = a.pelaksana_dari_jenis("eksternal")
    assert internal | eksternal == set(Pelaksana)
    assert not internal & eksternal
    assert set(a.LABEL_PELAKSANA) == set(Pelaksana)
    assert set(a.LABEL_TEMPAT) == set(a.Tempat)
    assert set(a.LABEL_STATUS) == set(Status)


def test_unknown_supervisor_is_an_error_not_a_kind():
    with pytest.raises(ValueError):
        a.jenis("bupati")


def test_aspects_are_administratif_and_kinerja_with_their_sub_aspects():
    assert list(a.ASPEK) == ["Administratif", "Kinerja"]
    assert {a.KELOMPOK_ASPEK[k] for k in a.LABEL_ASPEK} == {"Administratif", "Kinerja"}
    assert a.KELOMPOK_ASPEK["adm_keuangan"] == "Administratif"
    assert a.KELOMPOK_ASPEK["kin_teknis"] == "Kinerja"
    assert len(a.LABEL_ASPEK) == 7


@pytest.mark.parametrize(
    ("kode", "pesan"),
    [
        ([], a.PESAN_ASPEK_KOSONG),
        (["adm_sdm"], None),
        (["adm_sdm", "kin_evaluasi"], None),
        (["adm_sdm", "gizi"], a.PESAN_ASPEK_ASING),
        (("kin_teknis",), None),
    ],
)
def test_aspects_checked(kode, pesan):
    assert a.periksa_aspek(kode) == pesan


@pytest.mark.parametrize(
    ("status", "tanggal", "alasan", "ada_temuan", "pesan"),
    [
        # planned: no date needed; a date (the planned day) must be in the year
        (Status.DIRENCANAKAN, None, "", False, None),
        (Status.DIRENCANAKAN, date(2025, 9, 1), "", False, None),
        (
            Status.DIRENCANAKAN,
            date(2026, 1, 5),
            "",
            False,
            a.PESAN_TANGGAL_TAHUN.format(tahun=2025),
        ),
        # done: a date, not in the future, in the year
        (Status.DILAKSANAKAN, None, "", False, a.PESAN_TANGGAL_PERLU),
        (Status.DILAKSANAKAN, HARI_INI, "", False, None),
        (Status.DILAKSANAKAN, date(2025, 6, 16), "", False, a.PESAN_TANGGAL_DEPAN),
        (
            Status.DILAKSANAKAN,
            date(2024, 12, 31),
            "",
            True,
            a.PESAN_TANGGAL_TAHUN.format(tahun=2025),
        ),
        (Status.DILAKSANAKAN, date(2025, 1, 1), "", True, None),
        # cancelled: a reason, and no finding
        (Status.DIBATALKAN, None, "", False, a.PESAN_ALASAN_BATAL),
        (Status.DIBATALKAN, None, "   ", False, a.PESAN_ALASAN_BATAL),
        (Status.DIBATALKAN, None, "Hujan deras", False, None),
        (Status.DIBATALKAN, None, "Hujan deras", True, a.PESAN_BATAL_ADA_TEMUAN),
    ],
)
def test_visit_state(status, tanggal, alasan, ada_temuan, pesan):
    assert (
        a.periksa_kunjungan(
            status=status,
            tahun=2025,
            tanggal=tanggal,
            alasan_batal=alasan,
            hari_ini=HARI_INI,
            ada_temuan=ada_temuan,
        )
        == pesan
    )


@pytest.mark.parametrize(
    ("status", "pesan"),
    [
        (Status.DILAKSANAKAN, None),
        (Status.DIRENCANAKAN, a.PESAN_TEMUAN_BELUM),
        (Status.DIBATALKAN, a.PESAN_TEMUAN_BELUM),
    ],
)
def test_findings_only_on_a_visit_done(status, pesan):
    assert a.periksa_temuan(status) == pesan


@pytest.mark.parametrize(
    ("status", "terjadwal", "tahun", "bulan", "hasil"),
    [
        (Status.DIRENCANAKAN, True, 2025, 5, True),  # May ended before 15 June
        (Status.DIRENCANAKAN, True, 2025, 6, False),  # this month: not yet late
        (Status.DIRENCANAKAN, True, 2025, 7, False),
        (Status.DIRENCANAKAN, True, 2024, 12, True),
        (Status.DILAKSANAKAN, True, 2025, 1, False),
        (Status.DIBATALKAN, True, 2025, 1, False),
        (Status.DIRENCANAKAN, False, 2025, 1, False),  # ad hoc visits are never late
    ],
)
def test_planned_visit_late_once_its_month_ended(status, terjadwal, tahun, bulan, hasil):
    assert (
        a.terlambat(status=status, terjadwal=terjadwal, tahun=tahun, bulan=bulan, hari_ini=HARI_INI)
        is hasil
    )


def test_plan_against_realisation():
    r = a.rekap(
        [
            (True, "dilaksanakan"),
            (True, "dilaksanakan"),
            (True, "dibatalkan"),
            (True, "direncanakan"),
            (False, "dilaksanakan"),
            (False, "dibatalkan"),  # an ad hoc visit cancelled counts nowhere
        ]
    )
    assert r == a.Rekap(rencana=4, terlaksana=2, dibatalkan=1, belum=1, sewaktu=1)
    assert r.persen == 50
    assert r.total_terlaksana == 3


@pytest.mark.parametrize(
    ("baris", "persen"),
    [
        ([], None),
        ([(False, "dilaksanakan")], None),  # nothing planned: no share, not 0 %
        ([(True, "direncanakan")], 0),
        ([(True, "dilaksanakan")], 100),
        ([(True, "dilaksanakan"), (True, "dilaksanakan"), (True, "dibatalkan")], 200 / 3),
    ],
)
def test_share_of_the_plan_carried_out(baris, persen):
    assert a.rekap(baris).persen == persen
