from ..perencanaan.factories_rpk import KegiatanRPKFactory, RPKFactory, ruk_dengan_kegiatan

# A year no other area uses, so this RUK never collides with the RUK area's own objects.
TAHUN_MATRIX = 2001


def buat(dunia) -> None:
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=TAHUN_MATRIX, jumlah=1)
    rpk = RPKFactory(ruk=ruk)
    KegiatanRPKFactory(rpk=rpk, kegiatan_ruk=ruk.kegiatan.first())
