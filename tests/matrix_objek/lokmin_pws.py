from ..lokmin.factories_pws import desa_dengan_sasaran, indikator_pws, nilai_pws


def buat(dunia) -> None:
    ind = indikator_pws(dunia.kab_x)
    desa = desa_dengan_sasaran(dunia.a)
    nilai_pws(puskesmas=dunia.a, desa=desa, indikator=ind, bulan=1, nilai=5)
