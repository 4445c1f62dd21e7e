from ..lokmin.factories import RTLFactory
from ..pengawasan.factories_rtm import PesertaRTMFactory, RTMFactory

TAHUN_MATRIX = 2003  # a year no other area uses


def buat(dunia) -> None:
    rtm = RTMFactory(puskesmas=dunia.a, tahun=TAHUN_MATRIX)
    PesertaRTMFactory(rtm=rtm, user=dunia.ktu_a)
    RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=rtm)
