"""A visit's changes appear once in the Puskesmas's history of changes."""

from puskesmas.selectors.inti import riwayat_puskesmas

from .factories_supervisi import KunjunganSupervisiFactory, TemuanSupervisiFactory


def test_each_change_of_a_visit_is_listed_once(dunia):
    k = KunjunganSupervisiFactory(puskesmas=dunia.a, pelaksana="dinkes", lokasi="Pos Uji")
    TemuanSupervisiFactory(kunjungan=k, uraian="Temuan uji")
    KunjunganSupervisiFactory(puskesmas=dunia.b)
    riwayat = riwayat_puskesmas(puskesmas=dunia.a)
    supervisi = [p for p in riwayat if "supervisi" in p.model.lower()]
    assert len(supervisi) == 2, [(p.model, p.objek) for p in supervisi]
