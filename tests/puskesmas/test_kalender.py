from datetime import date

import pytest

from puskesmas.alat import kalender


@pytest.mark.parametrize(
    "tahun, akhir", [(2026, 28), (2027, 28), (2028, 29), (2100, 28), (2000, 29)]
)
def test_sk_target_is_due_at_the_end_of_february(tahun, akhir):
    assert kalender.batas_sk_target(tahun) == date(tahun, 2, akhir)


def test_targets_are_due_in_the_second_week_of_february():
    assert kalender.batas_target_kinerja(2027) == date(2027, 2, 14)
    assert kalender.batas_target_kinerja(2027, hari=12) == date(2027, 2, 12)


def test_lokmin_tribulanan_months():
    assert [b for b in range(1, 13) if kalender.bulan_tribulanan(b)] == [2, 5, 8, 11]


def test_lokmin_day_is_clamped_to_the_month():
    assert kalender.batas_lokmin_bulanan(2027, 2, hari=31) == date(2027, 2, 28)


def test_yearly_agenda_is_sorted_and_complete():
    agenda = kalender.agenda_tahunan(2027)
    assert agenda == sorted(agenda, key=lambda a: a.tanggal)
    assert sum(1 for a in agenda if a.kegiatan.startswith("Lokmin bulanan")) == 12
    assert sum(1 for a in agenda if "tribulanan" in a.kegiatan) == 4
