from decimal import Decimal

import pytest

from lokmin import aturan


@pytest.mark.parametrize(
    ("jenis", "kategori", "instansi", "pesan"),
    [
        ("bulanan", "jaringan", "Pustu Mekar", None),
        ("bulanan", "jejaring", "Apotek Sehat", None),
        ("bulanan", "lintas_sektor", "Kecamatan", aturan.PESAN_KATEGORI),
        ("tribulanan", "lintas_sektor", "Kecamatan", None),
        ("tribulanan", "jejaring", "Klinik", None),
        ("tribulanan", "internal", "Puskesmas", aturan.PESAN_KATEGORI_INTERNAL),
        ("bulanan", "jejaring", " ", aturan.PESAN_INSTANSI_WAJIB),
    ],
)
def test_who_sits_at_which_forum(jenis, kategori, instansi, pesan):
    assert aturan.periksa_peserta_luar(jenis=jenis, kategori=kategori, instansi=instansi) == pesan


@pytest.mark.parametrize(
    ("jenis", "instansi", "pesan"),
    [
        ("tribulanan", "Camat", None),
        ("bulanan", "", None),
        ("bulanan", "Camat", aturan.PESAN_PJ_INSTANSI),
    ],
)
def test_an_instansi_as_pj_only_at_the_tribulanan(jenis, instansi, pesan):
    assert aturan.periksa_pj_rtl(jenis=jenis, pj_instansi=instansi) == pesan


@pytest.mark.parametrize(
    ("terlaksana", "alasan", "volume", "biaya", "pesan"),
    [
        (True, "", 2, Decimal(100), None),
        (True, "", 0, Decimal(0), aturan.PESAN_VOLUME_NOL),
        (False, "Hujan", 0, Decimal(0), None),
        (False, "Hujan", 0, Decimal(50_000), None),  # money spent on a cancelled activity
        (False, "", 0, Decimal(0), aturan.PESAN_ALASAN),
        (False, "Hujan", 1, Decimal(0), aturan.PESAN_VOLUME_TIDAK),
        (True, "", 1, Decimal(-1), aturan.PESAN_BIAYA),
    ],
)
def test_realisation_row(terlaksana, alasan, volume, biaya, pesan):
    assert (
        aturan.periksa_realisasi(terlaksana=terlaksana, alasan=alasan, volume=volume, biaya=biaya)
        == pesan
    )
