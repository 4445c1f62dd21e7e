"""PKP 1.1.14 (audit internal): the pure rule at every rubric step, and the collector on
real records in a fixed number of queries."""

from dataclasses import replace
from datetime import date

import pytest

from pkp import saran_aturan_audit as r
from pkp import saran_daftar
from pkp.saran_aturan_audit import FaktaAudit
from pkp.saran_p3_audit import kumpulkan_audit

LENGKAP = FaktaAudit(
    tahun=2026, program_ada=True, program_disahkan=True, jumlah_jadwal=4, jumlah_audit=3,
    audit_lengkap=3, ketidaksesuaian=2, dianalisis=2, ada_rtl=2, ditindaklanjuti=2,
    dievaluasi=2, url_program="/p", url_audit="/a",
)  # fmt: skip


@pytest.mark.parametrize(
    ("fakta", "skor", "kesimpulan"),
    [
        # 0: no audit held (whatever the programme)
        (FaktaAudit(tahun=2026), 0, r.AUDIT_TIDAK_ADA.format(tahun=2026)),
        (
            replace(LENGKAP, jumlah_audit=0, audit_lengkap=0),
            0,
            r.AUDIT_TIDAK_ADA.format(tahun=2026),
        ),
        # held, documents incomplete: not yet level 4
        (replace(LENGKAP, program_disahkan=False), 0, "belum disetujui Kepala Puskesmas"),
        (replace(LENGKAP, program_ada=False, jumlah_jadwal=0), 0, "jadwal setahun belum ada"),
        (replace(LENGKAP, audit_lengkap=2), 0, "1 dari 3 audit belum lengkap"),
        # 4: complete, analysis or RTL missing
        (replace(LENGKAP, dianalisis=1), 4, r.AUDIT_TANPA_ANALISA),
        (replace(LENGKAP, ada_rtl=1, ditindaklanjuti=1, dievaluasi=1), 4, r.AUDIT_TANPA_ANALISA),
        (
            replace(LENGKAP, dianalisis=0, ada_rtl=0, ditindaklanjuti=0, dievaluasi=0),
            4,
            r.AUDIT_TANPA_ANALISA,
        ),
        # 7: analysis and RTL, follow-up or evaluation missing
        (replace(LENGKAP, ditindaklanjuti=0, dievaluasi=0), 7, r.AUDIT_TANPA_TINDAK_LANJUT),
        (replace(LENGKAP, ditindaklanjuti=2, dievaluasi=1), 7, r.AUDIT_TANPA_TINDAK_LANJUT),
        (replace(LENGKAP, ditindaklanjuti=1, dievaluasi=1), 7, r.AUDIT_TANPA_TINDAK_LANJUT),
        # 10: everything, or nothing to follow up
        (LENGKAP, 10, r.AUDIT_LENGKAP),
        (
            replace(
                LENGKAP, ketidaksesuaian=0, dianalisis=0, ada_rtl=0, ditindaklanjuti=0, dievaluasi=0
            ),
            10,
            r.AUDIT_TANPA_KETIDAKSESUAIAN,
        ),
    ],
)
def test_saran_audit_setiap_tingkat(fakta, skor, kesimpulan):
    saran = r.saran_audit(fakta)
    assert saran.skor == skor
    assert kesimpulan in saran.alasan


def test_saran_audit_alasan_mengutip_catatan():
    saran = r.saran_audit(LENGKAP)
    assert saran.alasan.startswith("3 dari 4 audit terjadwal dilaksanakan; 2 ketidaksesuaian")
    assert [x.label for x in saran.rujukan] == [
        "Program audit internal 2026",
        "Audit internal 2026",
    ]
    assert r.saran_audit(FaktaAudit(tahun=2026)).rujukan == ()


def test_terdaftar():
    assert "1.1.14" in saran_daftar.terdaftar()


@pytest.mark.django_db
def test_kumpulkan_audit(dunia, django_assert_max_num_queries):
    from puskesmas.choices import Peran

    from ..factories import pengguna
    from ..pengawasan.factories_audit import (
        AuditFactory,
        ButirTilikFactory,
        DaftarTilikFactory,
        HasilKriteriaFactory,
        JadwalAuditFactory,
        ProgramAuditFactory,
        TemuanAuditFactory,
    )

    mutu = pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=dunia.a)
    program = ProgramAuditFactory(puskesmas=dunia.a, tahun=2026, status="disahkan")
    daftar = DaftarTilikFactory(puskesmas=dunia.a)
    ButirTilikFactory(daftar=daftar)
    for _ in range(3):
        jadwal = JadwalAuditFactory(program=program, auditi=dunia.pj2_a, auditor=[mutu])
        audit = AuditFactory(
            jadwal=jadwal, tanggal=date(2026, 3, 1), dibuat_oleh=mutu, daftar_tilik=daftar,
            kesimpulan="Baik",
        )  # fmt: skip
        HasilKriteriaFactory(audit=audit, hasil="sesuai")
        TemuanAuditFactory(audit=audit, kategori="minor", analisis="")
    with django_assert_max_num_queries(6):
        fakta = kumpulkan_audit(dunia.a, 2026)
    assert (fakta.jumlah_jadwal, fakta.jumlah_audit, fakta.audit_lengkap) == (3, 3, 3)
    assert (fakta.ketidaksesuaian, fakta.dianalisis, fakta.ada_rtl) == (3, 0, 0)
    assert r.saran_audit(fakta).skor == 4
    kosong = kumpulkan_audit(dunia.b, 2026)
    assert (kosong.program_ada, kosong.jumlah_audit) == (False, 0)
    assert r.saran_audit(kosong).skor == 0
