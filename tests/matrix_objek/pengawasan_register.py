from ..pengawasan.factories_register import (
    AnggotaTimMutuFactory,
    EvaluasiTimMutuFactory,
    KegiatanMutuFactory,
    MediaPengaduanFactory,
    PengaduanFactory,
    RencanaProgramMutuFactory,
    RisikoFactory,
    SurveiKepuasanFactory,
    TimMutuFactory,
)

TAHUN_MATRIX = 2004  # a year no other area uses


def buat(dunia) -> None:
    a = dunia.a
    MediaPengaduanFactory(puskesmas=a, tahun=TAHUN_MATRIX)
    PengaduanFactory(puskesmas=a, dicatat_oleh=dunia.ktu_a, tanggal=f"{TAHUN_MATRIX}-03-04")
    SurveiKepuasanFactory(
        puskesmas=a,
        tahun=TAHUN_MATRIX,
        tanggal_mulai=f"{TAHUN_MATRIX}-05-01",
        tanggal_selesai=f"{TAHUN_MATRIX}-05-31",
        dicatat_oleh=dunia.ktu_a,
    )
    RisikoFactory(puskesmas=a, tahun=TAHUN_MATRIX, dicatat_oleh=dunia.ktu_a, pemilik=dunia.staf_a)
    tim = TimMutuFactory(puskesmas=a, tahun=TAHUN_MATRIX, status="disahkan")
    AnggotaTimMutuFactory(tim=tim, user=dunia.staf_a)
    EvaluasiTimMutuFactory(puskesmas=a, tahun=TAHUN_MATRIX, dievaluasi_oleh=dunia.ktu_a)
    rencana = RencanaProgramMutuFactory(puskesmas=a, tahun=TAHUN_MATRIX)
    KegiatanMutuFactory(rencana=rencana, pj=dunia.staf_a)
