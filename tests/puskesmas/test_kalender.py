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


def test_policy_default_days_are_the_14th_and_the_10th():
    assert kalender.batas_target_kinerja(2027) == date(2027, 2, 14)
    assert kalender.batas_lokmin_bulanan(2027, 3) == date(2027, 3, 10)
    assert kalender.batas_lokmin_bulanan(2027, 3, hari=5) == date(2027, 3, 5)
    # A day that every month has is not clamped; the last day of a long month is kept.
    assert kalender.batas_lokmin_bulanan(2027, 1, hari=31) == date(2027, 1, 31)
    assert kalender.batas_lokmin_bulanan(2028, 2, hari=30) == date(2028, 2, 29)


def test_month_names_are_indonesian_in_calendar_order():
    assert kalender.BULAN == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ]  # fmt: skip


def test_yearly_agenda_dates_labels_and_modules():
    """Every entry pinned: a January labelled "Desember" or a wrong module tag must fail."""
    agenda = kalender.agenda_tahunan(2027)
    harapan = [(date(2027, 1, 10), "Lokmin bulanan Januari", "lokmin")]
    harapan += [
        (date(2027, 2, 10), "Lokmin bulanan Februari", "lokmin"),
        (date(2027, 2, 10), "Lokmin tribulanan Februari (lintas sektor)", "lokmin"),
        (date(2027, 2, 14), "Target kinerja per klaster disusun", "perencanaan"),
        (date(2027, 2, 28), "SK Target Kinerja ditetapkan", "perencanaan"),
    ]
    for bulan in range(3, 13):
        nama = kalender.BULAN[bulan - 1]
        harapan.append((date(2027, bulan, 10), f"Lokmin bulanan {nama}", "lokmin"))
        if bulan in (5, 8, 11):
            harapan.append(
                (date(2027, bulan, 10), f"Lokmin tribulanan {nama} (lintas sektor)", "lokmin")
            )
    harapan.append((date(2027, 12, 31), "Data Januari–Desember untuk PKP lengkap", "pkp"))
    assert [(a.tanggal, a.kegiatan, a.modul) for a in agenda] == harapan


def test_every_module_page_gets_its_own_part_of_the_agenda():
    """Module pages filter the agenda by tag: none of them may end up empty."""
    modul = {a.modul for a in kalender.agenda_tahunan(2028)}
    assert modul == {"perencanaan", "lokmin", "pkp"}
    # In a leap year the SK falls on the 29th.
    sk = [a for a in kalender.agenda_tahunan(2028) if a.kegiatan.startswith("SK")]
    assert [a.tanggal for a in sk] == [date(2028, 2, 29)]


def test_agenda_is_immutable_data():
    a = kalender.Agenda(date(2027, 1, 1), "x", "lokmin")
    assert a == kalender.Agenda(date(2027, 1, 1), "x", "lokmin")
    with pytest.raises(AttributeError, match="cannot assign to field 'modul'"):
        a.modul = "pkp"
