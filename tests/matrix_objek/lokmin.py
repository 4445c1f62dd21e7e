from ..lokmin.factories import (
    BuktiRTLFactory,
    LokminFactory,
    NotulenKlasterFactory,
    PesertaLokminFactory,
    RealisasiRPKFactory,
    RTLFactory,
)
from ..perencanaan.factories_rpk import KegiatanRPKFactory, RPKFactory, ruk_dengan_kegiatan

TAHUN_MATRIX = 2002  # a year no other area uses


def buat(dunia) -> None:
    lokmin = LokminFactory(puskesmas=dunia.a, tahun=TAHUN_MATRIX)
    PesertaLokminFactory(lokmin=lokmin)
    NotulenKlasterFactory(lokmin=lokmin, diisi_oleh=dunia.ktu_a)
    rtl = RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=lokmin)
    BuktiRTLFactory(rtl=rtl, diunggah_oleh=dunia.ktu_a)
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=TAHUN_MATRIX, jumlah=1)
    rpk = RPKFactory(ruk=ruk, status="disahkan")
    kegiatan = KegiatanRPKFactory(rpk=rpk, kegiatan_ruk=ruk.kegiatan.first(), vol_02=1)
    RealisasiRPKFactory(kegiatan=kegiatan, diisi_oleh=dunia.pj2_a)
