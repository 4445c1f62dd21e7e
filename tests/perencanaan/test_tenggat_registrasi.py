"""The two February due dates as P1 registers them in the core's registry."""

from datetime import date

import pytest

from perencanaan.choices import JenisTenggat
from perencanaan.tenggat import SK_TARGET, TARGET_KINERJA, batas_default
from puskesmas.alat import tenggat_daftar as td


def test_policy_defaults_are_14_february_and_end_of_february():
    assert batas_default(JenisTenggat.TARGET_KINERJA, 2027) == date(2027, 2, 14)
    assert batas_default(JenisTenggat.SK_TARGET, 2027) == date(2027, 2, 28)
    assert batas_default(JenisTenggat.SK_TARGET, 2028) == date(2028, 2, 29)
    with pytest.raises(ValueError, match="^Jenis tenggat tidak dikenal: lain$"):
        batas_default("lain", 2027)


def test_both_are_registered_once_a_year_in_order():
    kode = [t.kode for t in td.semua()]
    assert kode.index("target_kinerja") < kode.index("sk_target")
    assert td.ambil("target_kinerja") is TARGET_KINERJA and td.ambil("sk_target") is SK_TARGET
    assert TARGET_KINERJA.kejadian_tahun(2027) == [
        td.Kejadian("target_kinerja", 2027, "", date(2027, 2, 14))
    ]
    # Registering the same kind again (ready() twice) is harmless; another under its code not.
    td.daftar(TARGET_KINERJA)
    with pytest.raises(ValueError, match="sudah terdaftar"):
        td.daftar(td.Tenggat(**{**TARGET_KINERJA.__dict__, "label": "lain"}))
    assert td.ambil("target_kinerja") is TARGET_KINERJA
