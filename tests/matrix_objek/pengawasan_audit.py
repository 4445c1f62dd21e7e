from ..pengawasan.factories_audit import (
    AnggotaTimAuditFactory,
    AuditFactory,
    ButirTilikFactory,
    DaftarTilikFactory,
    HasilKriteriaFactory,
    JadwalAuditFactory,
    ProgramAuditFactory,
    TemuanAuditFactory,
    TimAuditFactory,
)

TAHUN_MATRIX = 2011  # a year no other area uses


def buat(dunia) -> None:
    tim = TimAuditFactory(puskesmas=dunia.a, tahun=TAHUN_MATRIX)
    AnggotaTimAuditFactory(tim=tim, user=dunia.mutu_a, peran="ketua")
    program = ProgramAuditFactory(puskesmas=dunia.a, tahun=TAHUN_MATRIX)
    jadwal = JadwalAuditFactory(program=program, auditi=dunia.pj2_a, auditor=[dunia.mutu_a])
    daftar = DaftarTilikFactory(puskesmas=dunia.a)
    ButirTilikFactory(daftar=daftar)
    audit = AuditFactory(jadwal=jadwal, dibuat_oleh=dunia.mutu_a, daftar_tilik=daftar)
    HasilKriteriaFactory(audit=audit)
    TemuanAuditFactory(audit=audit)
