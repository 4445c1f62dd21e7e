"""Pure rules of the registers: IKM and its mutu bands at every edge, risk levels over the
whole 5×5 matrix, a complaint's status, the Tim Mutu's areas."""

from decimal import Decimal as D

import pytest

from pengawasan import aturan_register as a


def _seragam(nilai: str) -> list[D]:
    return [D(nilai)] * 9


@pytest.mark.parametrize(
    ("nilai", "ikm"),
    [
        ("1", "25.00"),
        ("4", "100.00"),
        ("3", "75.00"),
        ("3.5324", "88.31"),
        ("3.532", "88.30"),
        ("3.0644", "76.61"),
        ("3.064", "76.60"),
        ("2.6", "65.00"),
        ("2.5996", "64.99"),
    ],
)
def test_ikm_is_weighted_average_times_25(nilai, ikm):
    assert a.indeks_kepuasan(_seragam(nilai)) == D(ikm)


def test_ikm_weights_every_unsur_equally():
    nilai = [D(1), D(2), D(3), D(4), D(4), D(3), D(2), D(1), D(4)]
    # sum 24, /9 = 2.6667, ×25 = 66.67
    assert a.indeks_kepuasan(nilai) == D("66.67")
    assert a.indeks_kepuasan(list(reversed(nilai))) == D("66.67")


@pytest.mark.parametrize("jumlah", [0, 8, 10])
def test_ikm_needs_exactly_nine_unsur(jumlah):
    with pytest.raises(a.NilaiTidakSah) as e:
        a.indeks_kepuasan([D(3)] * jumlah)
    assert e.value.message == a.PESAN_JUMLAH_UNSUR.format(n=9, ada=jumlah)


@pytest.mark.parametrize("salah", [D("0.99"), D("4.01"), None])
def test_ikm_refuses_values_outside_1_to_4(salah):
    nilai = _seragam("3")
    nilai[4] = salah
    with pytest.raises(a.NilaiTidakSah) as e:
        a.indeks_kepuasan(nilai)
    assert e.value.message == a.PESAN_NILAI_UNSUR.format(nomor=5, nilai=salah)


@pytest.mark.parametrize(
    ("ikm", "kode", "kinerja"),
    [
        ("100", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.30", "B", "Baik"),
        ("88.305", "A", "Sangat Baik"),  # rounded half up to 88.31 first
        ("88.304", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25.00", "D", "Tidak Baik"),
    ],
)
def test_mutu_bands_at_their_edges(ikm, kode, kinerja):
    m = a.mutu_pelayanan(D(ikm))
    assert (m.kode, m.kinerja) == (kode, kinerja)


@pytest.mark.parametrize("ikm", ["24.99", "100.01", "0"])
def test_mutu_outside_the_scale_is_refused(ikm):
    with pytest.raises(a.NilaiTidakSah):
        a.mutu_pelayanan(D(ikm))


# --- risk -----------------------------------------------------------------------------

HARAP_TINGKAT = {
    1: "rendah", 2: "rendah", 3: "rendah",
    4: "sedang", 5: "sedang", 6: "sedang",
    8: "tinggi", 9: "tinggi", 10: "tinggi", 12: "tinggi",
    15: "ekstrem", 16: "ekstrem", 20: "ekstrem", 25: "ekstrem",
}  # fmt: skip


@pytest.mark.parametrize("k", range(1, 6))
@pytest.mark.parametrize("d", range(1, 6))
def test_every_cell_of_the_risk_matrix(k, d):
    assert a.skor_risiko(k, d) == k * d
    assert a.tingkat_risiko(k, d).kode == HARAP_TINGKAT[k * d]


@pytest.mark.parametrize(("k", "d"), [(0, 3), (6, 1), (3, 0), (2, 6), (-1, -1)])
def test_risk_scale_is_one_to_five(k, d):
    with pytest.raises(a.NilaiTidakSah) as e:
        a.skor_risiko(k, d)
    assert e.value.message == a.PESAN_SKALA


# --- complaints -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sekarang", "analisis", "rtl", "harap"),
    [
        (a.BARU, False, 0, a.BARU),
        (a.BARU, True, 0, a.DIANALISIS),
        (a.BARU, True, 2, a.DITINDAKLANJUTI),
        (a.BARU, False, 1, a.BARU),  # an RTL without analysis does not skip it
        (a.DITINDAKLANJUTI, False, 0, a.DITINDAKLANJUTI),  # never moves back
        (a.SELESAI, True, 1, a.SELESAI),
    ],
)
def test_complaint_status(sekarang, analisis, rtl, harap):
    assert a.status_pengaduan(sekarang=sekarang, ada_analisis=analisis, jumlah_rtl=rtl) == harap


@pytest.mark.parametrize(
    ("status", "analisis", "terbuka", "pesan"),
    [
        (a.DITINDAKLANJUTI, True, 0, None),
        (a.DIANALISIS, True, 0, None),
        (a.BARU, False, 0, a.PESAN_SELESAI_TANPA_ANALISIS),
        (a.DITINDAKLANJUTI, True, 2, a.PESAN_SELESAI_RTL_TERBUKA.format(n=2)),
        (a.SELESAI, True, 0, a.PESAN_SUDAH_SELESAI),
    ],
)
def test_closing_a_complaint(status, analisis, terbuka, pesan):
    assert a.pesan_tutup_pengaduan(status=status, ada_analisis=analisis, rtl_terbuka=terbuka) == (
        pesan
    )


def test_tim_mutu_areas_left_uncovered_in_rubric_order():
    semua = [k for k, _ in a.BIDANG_MUTU]
    assert a.bidang_belum_tercakup(semua) == []
    assert a.bidang_belum_tercakup([]) == [label for _, label in a.BIDANG_MUTU]
    assert a.bidang_belum_tercakup(semua[1:-1]) == ["UKM esensial", "Audit internal"]


def test_every_register_model_keeps_its_history_and_is_scoped():
    from pengawasan.models import register as m
    from puskesmas.alat.querysets import ScopedQuerySet

    for nama in m.__all__:
        model = getattr(m, nama)
        if not hasattr(model, "_meta"):
            continue  # choices
        assert hasattr(model, "history"), nama
        assert isinstance(model.objects.all(), ScopedQuerySet), nama
