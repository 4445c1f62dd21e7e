"""PKP scoring on plain values: worked examples by hand, no database.

Every expected value below was worked out by hand from the rules of docs/domain.md (PKP);
the comment next to it shows the sum.
"""

from decimal import Decimal, localcontext

import pytest

from pkp.scoring import (
    AMBANG_MANAJEMEN,
    AMBANG_PELAYANAN,
    PESAN_AMBANG,
    PESAN_BUKAN_RENTANG,
    PESAN_FLOAT,
    PESAN_KOMPONEN,
    PESAN_MUTU,
    PESAN_NEGATIF,
    PESAN_RENTANG,
    PESAN_RENTANG_TERBALIK,
    PESAN_SKOR_MANAJEMEN,
    Alasan,
    AmbangKelompok,
    Aspek,
    Cabang,
    HasilCabang,
    HasilIndikator,
    Indikator,
    JenisTarget,
    Kelompok,
    Peringkat,
    VariabelManajemen,
    kelompok,
    kunci_urutan,
    nilai_cabang,
    nilai_indikator,
    nilai_puskesmas,
    peringkat,
    rata_rata,
    skor_manajemen,
    skor_mutu,
    skor_pelayanan,
    tampil,
    terendah,
)

D = Decimal
NAIK, TURUN, RENTANG = JenisTarget.NAIK, JenisTarget.TURUN, JenisTarget.RENTANG
I, II, III = Kelompok.I, Kelompok.II, Kelompok.III  # noqa: E741 - the official group names


def _cakupan(capaian, target, jenis=NAIK, atas=None):
    return nilai_indikator(Indikator("x", capaian, target, jenis, atas))


# --- one indicator ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "capaian,target,jenis,atas,harapan",
    [
        # higher is better: capaian ÷ target × 100, capped at 100
        ("45", "50", NAIK, None, "90"),  # 45 × 100 ÷ 50
        ("80.99", "100", NAIK, None, "80.99"),
        ("50", "50", NAIK, None, "100"),
        ("60", "50", NAIK, None, "100"),  # 120, capped
        ("0", "50", NAIK, None, "0"),
        ("1", "0.5", NAIK, None, "100"),  # 200, capped
        # counts against the target sasaran: 36 reached of 40 = 90
        ("36", "40", NAIK, None, "90"),
        # a maximum (lower is better): 100 up to the target, then target ÷ capaian × 100
        ("15", "20", TURUN, None, "100"),
        ("20", "20", TURUN, None, "100"),
        ("25", "20", TURUN, None, "80"),  # 20 × 100 ÷ 25
        ("8", "5", TURUN, None, "62.5"),  # rasio rujukan 8 % against < 5 %: 500 ÷ 8
        ("0", "20", TURUN, None, "100"),  # nothing to divide by, and nothing over the target
        # a band 150–250: 100 inside, below capaian ÷ lower, above upper ÷ capaian
        ("120", "150", RENTANG, "250", "80"),  # 120 × 100 ÷ 150
        ("150", "150", RENTANG, "250", "100"),
        ("200", "150", RENTANG, "250", "100"),
        ("250", "150", RENTANG, "250", "100"),
        ("312.5", "150", RENTANG, "250", "80"),  # 250 × 100 ÷ 312.5
        ("0", "150", RENTANG, "250", "0"),
        # a band from 0 is a maximum: nothing lies below it
        ("0", "0", RENTANG, "5", "100"),
        ("10", "0", RENTANG, "5", "50"),
        ("3", "0", RENTANG, "5", "100"),
    ],
)
def test_cakupan_per_jenis(capaian, target, jenis, atas, harapan):
    hasil = _cakupan(D(capaian), D(target), jenis, None if atas is None else D(atas))
    assert hasil == HasilIndikator("x", D(harapan), None)


def test_cakupan_rounded_once_at_28_digits_half_even():
    """2 of 3: multiplied by 100 first, then one division rounded at 28 digits."""
    assert _cakupan(D(2), D(3)).nilai == D("66.66666666666666666666666667")
    assert _cakupan(D(1), D(3)).nilai == D("33.33333333333333333333333333")
    assert _cakupan(D(3), D(2), TURUN).nilai == D("66.66666666666666666666666667")
    assert _cakupan(D(100), D(150), RENTANG, D(250)).nilai == D("66.66666666666666666666666667")
    assert _cakupan(D(300), D(150), RENTANG, D(250)).nilai == D("83.33333333333333333333333333")


def test_cakupan_ignores_the_callers_decimal_context():
    with localcontext() as ctx:
        ctx.prec = 4
        assert _cakupan(D(2), D(3)).nilai == D("66.66666666666666666666666667")
        assert rata_rata([D(1), D(1), D(0)]) == D("0.6666666666666666666666666667")


@pytest.mark.parametrize(
    "capaian,target,jenis,atas,alasan",
    [
        ("40", None, NAIK, None, Alasan.TANPA_TARGET),
        (None, None, NAIK, None, Alasan.TANPA_TARGET),
        ("40", None, TURUN, None, Alasan.TANPA_TARGET),
        ("40", None, RENTANG, None, Alasan.TANPA_TARGET),
        ("40", "0", NAIK, None, Alasan.TARGET_NOL),
        (None, "0", NAIK, None, Alasan.TARGET_NOL),
        ("0", "0", TURUN, None, Alasan.TARGET_NOL),
        ("0", "0", RENTANG, "0", Alasan.TARGET_NOL),
        (None, "50", NAIK, None, Alasan.TANPA_CAPAIAN),
        (None, "20", TURUN, None, Alasan.TANPA_CAPAIAN),
        (None, "150", RENTANG, "250", Alasan.TANPA_CAPAIAN),
    ],
)
def test_tidak_dapat_dihitung_is_no_value_with_its_reason(capaian, target, jenis, atas, alasan):
    hasil = _cakupan(
        None if capaian is None else D(capaian),
        None if target is None else D(target),
        jenis,
        None if atas is None else D(atas),
    )
    assert hasil == HasilIndikator("x", None, alasan)


def test_inputs_are_read_as_decimals():
    i = Indikator("a", 45, "50", "turun")
    assert (i.capaian, i.target, i.jenis) == (D(45), D(50), TURUN)
    assert type(i.capaian) is Decimal and type(i.target) is Decimal and type(i.jenis) is JenisTarget
    # read as a maximum, not as the text "turun": 45 under a maximum of 50 scores 100
    assert nilai_indikator(i).nilai == D(100)
    assert nilai_indikator(Indikator("b", 100, 150, "rentang", 250)).nilai == D(
        "66.66666666666666666666666667"
    )
    assert Indikator("b", None, None).jenis is NAIK
    assert Indikator("c", 1, 1).target_atas is None


@pytest.mark.parametrize(
    "kwargs,galat,pesan",
    [
        ({"capaian": 1.5, "target": D(1)}, TypeError, PESAN_FLOAT),
        ({"capaian": D(1), "target": 2.0}, TypeError, PESAN_FLOAT),
        ({"capaian": D(-1), "target": D(1)}, ValueError, PESAN_NEGATIF),
        ({"capaian": D(1), "target": D("-0.01")}, ValueError, PESAN_NEGATIF),
        ({"capaian": D("NaN"), "target": D(1)}, ValueError, PESAN_NEGATIF),
        ({"capaian": D("Infinity"), "target": D(1)}, ValueError, PESAN_NEGATIF),
        ({"capaian": D(1), "target": D(1), "jenis": RENTANG}, ValueError, PESAN_RENTANG),
        (
            {"capaian": D(1), "target": None, "jenis": RENTANG, "target_atas": D(5)},
            ValueError,
            PESAN_RENTANG,
        ),
        (
            {"capaian": D(1), "target": D(6), "jenis": RENTANG, "target_atas": D(5)},
            ValueError,
            PESAN_RENTANG_TERBALIK,
        ),
        ({"capaian": D(1), "target": D(1), "target_atas": D(5)}, ValueError, PESAN_BUKAN_RENTANG),
        (
            {"capaian": D(1), "target": D(1), "jenis": TURUN, "target_atas": D(5)},
            ValueError,
            PESAN_BUKAN_RENTANG,
        ),
        ({"capaian": D(1), "target": D(1), "jenis": "naik-turun"}, ValueError, "naik-turun"),
    ],
)
def test_refused_inputs(kwargs, galat, pesan):
    with pytest.raises(galat, match=pesan.replace(".", r"\.")):
        Indikator("x", **kwargs)


def test_band_with_equal_bounds_is_accepted():
    assert _cakupan(D(5), D(5), RENTANG, D(5)).nilai == D(100)
    assert _cakupan(D(4), D(5), RENTANG, D(5)).nilai == D(80)


def test_refusal_messages_name_the_field():
    with pytest.raises(ValueError) as galat:
        Indikator("x", D(1), D(-2))
    assert str(galat.value) == f"{PESAN_NEGATIF} (target: Decimal('-2'))"
    with pytest.raises(TypeError) as galat:
        Indikator("x", 0.5, D(2))
    assert str(galat.value) == f"{PESAN_FLOAT} (capaian)"


# --- averages up the tree ---------------------------------------------------------------


def _program(id, *pasangan):
    """A programme of NAIK indicators given as (capaian, target) in percent."""
    return Cabang(
        id,
        [
            Indikator(f"{id}{n}", None if c is None else D(c), None if t is None else D(t))
            for n, (c, t) in enumerate(pasangan, start=1)
        ],
    )


def test_plain_mean_of_programmes_not_of_indicators():
    """A: 100, 100, 100 → 100; B: 70 → 70. Aspect = (100 + 70) ÷ 2 = 85, kelompok II.
    Weighted by indicators it would be 370 ÷ 4 = 92.5 (kelompok I): it is not."""
    hasil = skor_pelayanan(
        [_program("A", ("100", "100"), ("95", "90"), ("80", "80")), _program("B", ("70", "100"))]
    )
    assert [c.nilai for c in hasil.cabang] == [D(100), D(70)]
    assert (hasil.aspek, hasil.nilai, hasil.kelompok, hasil.alasan) == (
        Aspek.PELAYANAN,
        D(85),
        II,
        None,
    )
    assert hasil.tidak_dihitung == ()


def test_deeper_tree_averages_each_level():
    """Programme P: variable V1 (sub-variables S1 = 60, S2 = (100 + 80) ÷ 2 = 90 → 75)
    and the indicator i = 95 → (75 + 95) ÷ 2 = 85."""
    s1 = Cabang("S1", [Indikator("a", D(60), D(100))])
    s2 = Cabang("S2", [Indikator("b", D(100), D(100)), Indikator("c", D(40), D(50))])
    program = Cabang("P", [Cabang("V1", [s1, s2]), Indikator("i", D(95), D(100))])
    hasil = nilai_cabang(program)
    assert hasil.nilai == D(85)
    v1 = hasil.isi[0]
    assert isinstance(v1, HasilCabang)
    assert (v1.id, v1.nilai, [s.nilai for s in v1.isi]) == ("V1", D(75), [D(60), D(90)])
    assert hasil.isi[1] == HasilIndikator("i", D(95))


def test_missing_values_are_excluded_and_listed_never_zero():
    """A: 90, (no target), (no capaian) → 90, not (90 + 0 + 0) ÷ 3 = 30.
    B: (target 0) only → no value, left out of the aspect: aspect = 90, kelompok II."""
    a = _program("A", ("90", "100"), ("50", None), (None, "80"))
    b = _program("B", ("10", "0"))
    hasil = skor_pelayanan([a, b])
    assert hasil.nilai == D(90)
    assert hasil.kelompok is II
    assert [(c.id, c.nilai, c.alasan) for c in hasil.cabang] == [
        ("A", D(90), None),
        ("B", None, Alasan.KOSONG),
    ]
    assert hasil.tidak_dihitung == (
        HasilIndikator("A2", None, Alasan.TANPA_TARGET),
        HasilIndikator("A3", None, Alasan.TANPA_CAPAIAN),
        HasilIndikator("B1", None, Alasan.TARGET_NOL),
    )
    assert hasil.cabang[0].tidak_dihitung == hasil.tidak_dihitung[:2]


def test_missing_values_deep_in_the_tree_are_listed_in_tree_order():
    dalam = Cabang("V", [Indikator("v1", None, D(1)), Indikator("v2", D(1), D(1))])
    hasil = nilai_cabang(Cabang("P", [Indikator("p1", D(1), None), dalam]))
    assert [t.id for t in hasil.tidak_dihitung] == ["p1", "v1"]
    assert hasil.nilai == D(100)


def test_empty_aspect_has_no_score_and_no_group():
    for hasil in (skor_pelayanan([]), skor_mutu([]), skor_manajemen([])):
        assert (hasil.nilai, hasil.kelompok, hasil.alasan) == (None, None, Alasan.KOSONG)
        assert hasil.cabang == ()
    kosong = skor_pelayanan([Cabang("A", []), _program("B", (None, None))])
    assert (kosong.nilai, kosong.kelompok, kosong.alasan) == (None, None, Alasan.KOSONG)
    assert [c.alasan for c in kosong.cabang] == [Alasan.KOSONG, Alasan.KOSONG]
    assert kosong.tidak_dihitung == (HasilIndikator("B1", None, Alasan.TANPA_TARGET),)


def test_rata_rata():
    assert rata_rata([]) is None
    assert rata_rata([None, None]) is None
    assert rata_rata([D(0)]) == D(0)
    assert rata_rata([D(0), None, D(3)]) == D("1.5")
    assert rata_rata(iter([D(1), D(2)])) == D("1.5")


def test_branch_accepts_any_iterable():
    assert Cabang("a", iter([])).isi == ()
    assert Cabang("a", [VariabelManajemen("v", 4)]).isi == (VariabelManajemen("v", 4),)


# --- groups at every band edge ----------------------------------------------------------


@pytest.mark.parametrize(
    "nilai,harapan",
    [
        ("0", III),
        ("80.99", III),
        ("80.9999999", III),
        ("81", II),
        ("90.99", II),
        ("90.9999999", II),
        ("91", I),
        ("100", I),
    ],
)
def test_kelompok_pelayanan_edges(nilai, harapan):
    assert kelompok(D(nilai), AMBANG_PELAYANAN) is harapan


@pytest.mark.parametrize(
    "nilai,harapan",
    [("0", III), ("5.49", III), ("5.5", II), ("8.49", II), ("8.4999", II), ("8.5", I), ("10", I)],
)
def test_kelompok_manajemen_edges(nilai, harapan):
    assert kelompok(D(nilai), AMBANG_MANAJEMEN) is harapan


@pytest.mark.parametrize("capaian,harapan", [("80.99", III), ("81", II), ("90.99", II), ("91", I)])
def test_edges_through_the_whole_pelayanan_path(capaian, harapan):
    """One programme, one indicator against a target of 100: the aspect is the capaian."""
    hasil = skor_pelayanan([_program("A", (capaian, "100"))])
    assert (hasil.nilai, hasil.kelompok) == (D(capaian), harapan)
    mutu = skor_mutu([_program("M", (capaian, "100"))])
    assert (mutu.aspek, mutu.nilai, mutu.kelompok) == (Aspek.MUTU, D(capaian), harapan)


def test_edge_reached_by_averaging():
    """(100 + 82) ÷ 2 = 91 exactly: kelompok I; (100 + 81.98) ÷ 2 = 90.99: kelompok II."""
    assert skor_pelayanan([_program("A", ("100", "100"), ("82", "100"))]).kelompok is I
    hasil = skor_pelayanan([_program("A", ("100", "100")), _program("B", ("81.98", "100"))])
    assert (hasil.nilai, hasil.kelompok) == (D("90.99"), II)


def test_bounds_may_be_made_exclusive_per_year():
    """The 2022 wording "> 91" and "81 – 90": a Dinkes may open either bound."""
    terbuka = AmbangKelompok(D(91), D(81), baik_inklusif=False, cukup_inklusif=False)
    assert [kelompok(D(n), terbuka) for n in ("81", "81.01", "91", "91.01")] == [III, II, II, I]
    hanya_baik = AmbangKelompok(D(91), D(81), baik_inklusif=False)
    assert [kelompok(D(n), hanya_baik) for n in ("81", "91")] == [II, II]
    hanya_cukup = AmbangKelompok(D(91), D(81), cukup_inklusif=False)
    assert [kelompok(D(n), hanya_cukup) for n in ("81", "91")] == [III, I]


def test_thresholds_are_parameters():
    ambang = AmbangKelompok("90", "75")
    assert (ambang.baik, ambang.cukup) == (D(90), D(75))
    assert kelompok(D(90), ambang) is I
    assert kelompok(D(75), ambang) is II
    assert skor_pelayanan([_program("A", ("80", "100"))], ambang).kelompok is II
    assert skor_manajemen([Cabang("1.1", [VariabelManajemen("a", 7)])], ambang).kelompok is III
    assert skor_mutu([_program("A", ("80", "100"))], ambang).kelompok is II
    assert AmbangKelompok(D(5), D(5)).cukup == D(5)
    with pytest.raises(ValueError) as galat:
        AmbangKelompok(D(-1), D(0))
    assert str(galat.value) == f"{PESAN_NEGATIF} (baik: Decimal('-1'))"
    with pytest.raises(ValueError) as galat:
        AmbangKelompok(D(1), D(-1))
    assert str(galat.value) == f"{PESAN_NEGATIF} (cukup: Decimal('-1'))"
    with pytest.raises(ValueError, match=PESAN_AMBANG.replace(".", r"\.")):
        AmbangKelompok(D(80), D(81))
    with pytest.raises(TypeError, match=PESAN_FLOAT.replace(".", r"\.")):
        AmbangKelompok(91.0, D(81))
    with pytest.raises(TypeError, match=PESAN_FLOAT.replace(".", r"\.")):
        AmbangKelompok(D(91), 81.0)


def test_defaults_are_those_of_the_domain():
    assert AMBANG_PELAYANAN == AmbangKelompok(D(91), D(81), True, True)
    assert AMBANG_MANAJEMEN == AmbangKelompok(D("8.5"), D("5.5"), True, True)


def test_no_value_no_group():
    assert kelompok(None, AMBANG_PELAYANAN) is None


def test_group_names():
    assert [k.label for k in Kelompok] == [
        "Kelompok I (baik)",
        "Kelompok II (cukup)",
        "Kelompok III (kurang)",
    ]
    assert [int(k) for k in Kelompok] == [1, 2, 3]


def test_reason_labels():
    assert {a: a.label for a in Alasan} == {
        Alasan.TANPA_TARGET: "Tidak dapat dihitung: target belum ada",
        Alasan.TARGET_NOL: "Tidak dapat dihitung: target 0",
        Alasan.TANPA_CAPAIAN: "Tidak dapat dihitung: capaian belum ada",
        Alasan.BELUM_DINILAI: "Belum dinilai",
        Alasan.KOSONG: "Tidak ada nilai yang dapat dihitung",
    }


# --- kinerja manajemen ------------------------------------------------------------------


def _komponen(id, *skor):
    return Cabang(id, [VariabelManajemen(f"{id}.{n}", s) for n, s in enumerate(skor, start=1)])


@pytest.mark.parametrize(
    "skor,harapan,kel",
    [
        ((10, 7), "8.5", I),  # 17 ÷ 2
        ((10, 10, 4), "8", II),  # 24 ÷ 3
        ((7, 4), "5.5", II),  # 11 ÷ 2
        ((4, 4, 7), "5", III),  # 15 ÷ 3
        ((0, 0), "0", III),
        ((10,), "10", I),
    ],
)
def test_manajemen_one_component(skor, harapan, kel):
    hasil = skor_manajemen([_komponen("1.3", *skor)])
    assert (hasil.aspek, hasil.nilai, hasil.kelompok) == (Aspek.MANAJEMEN, D(harapan), kel)


def test_manajemen_mean_of_component_means():
    """1.1: 4 × 7 + 10 = 38 ÷ 8 = 4.75; 1.3: 10, 10 → 10; 1.4: 7, 4, 4 → 5.
    Aspect = (4.75 + 10 + 5) ÷ 3 = 6.583…, kelompok II (by variables: 81 ÷ 13 = 6.23)."""
    hasil = skor_manajemen(
        [
            _komponen("1.1", 4, 4, 4, 4, 4, 4, 4, 10),
            _komponen("1.3", 10, 10),
            _komponen("1.4", 7, 4, 4),
        ]
    )
    assert [c.nilai for c in hasil.cabang] == [D("4.75"), D(10), D(5)]
    assert hasil.nilai == D("6.583333333333333333333333333")
    assert hasil.kelompok is II
    assert tampil(hasil.nilai) == D("6.6")


def test_manajemen_unscored_variables_are_listed_not_zero():
    """1.1: 10, (not scored) → 10; 1.2: nothing scored → left out. Aspect 10, kelompok I."""
    hasil = skor_manajemen([_komponen("1.1", 10, None), _komponen("1.2", None)])
    assert (hasil.nilai, hasil.kelompok) == (D(10), I)
    assert hasil.tidak_dihitung == (
        HasilIndikator("1.1.2", None, Alasan.BELUM_DINILAI),
        HasilIndikator("1.2.1", None, Alasan.BELUM_DINILAI),
    )
    assert hasil.cabang[1].alasan is Alasan.KOSONG


@pytest.mark.parametrize("skor", [1, 5, 11, -4, True, False, "7", D("7.5")])
def test_manajemen_scores_are_0_4_7_10(skor):
    with pytest.raises(ValueError, match=PESAN_SKOR_MANAJEMEN.replace(".", r"\.")):
        VariabelManajemen("v", skor)


def test_manajemen_score_refusal_shows_the_score():
    with pytest.raises(ValueError) as galat:
        VariabelManajemen("v", 5)
    assert str(galat.value) == f"{PESAN_SKOR_MANAJEMEN} (5)"


def test_manajemen_components_hold_variables_only():
    with pytest.raises(TypeError, match=PESAN_KOMPONEN) as galat:
        skor_manajemen(
            [_komponen("1.1", 4), Cabang("1.2", [VariabelManajemen("a", 4), Indikator("b", 1, 1)])]
        )
    assert str(galat.value) == f"{PESAN_KOMPONEN} ('1.2')"
    with pytest.raises(TypeError, match=PESAN_KOMPONEN):
        skor_manajemen([Cabang("1.1", [_komponen("1.1.x", 4)])])
    assert skor_manajemen(iter([_komponen("1.1", 7)])).nilai == D(7)


def test_manajemen_variables_alone_as_leaves():
    hasil = nilai_cabang(_komponen("1.5", 0, 7))
    assert hasil.isi == (HasilIndikator("1.5.1", D(0)), HasilIndikator("1.5.2", D(7)))
    assert hasil.nilai == D("3.5")


# --- a Puskesmas: overall group ---------------------------------------------------------


def _aspek_pelayanan(capaian):
    return skor_pelayanan([_program("A", (capaian, "100"))])


def _aspek_manajemen(*skor):
    return skor_manajemen([_komponen("1.1", *skor)] if skor else [])


@pytest.mark.parametrize(
    "pelayanan,manajemen,harapan",
    [
        ("95", (10, 7), I),  # I and I
        ("95", (7, 7), II),  # I and II → II
        ("85", (10,), II),  # II and I → II
        ("70", (10,), III),  # III and I → III
        ("95", (4,), III),  # I and III → III
    ],
)
def test_overall_group_is_the_weakest(pelayanan, manajemen, harapan):
    hasil = nilai_puskesmas("P1", _aspek_pelayanan(pelayanan), _aspek_manajemen(*manajemen))
    assert (hasil.kelompok, hasil.tanpa_nilai, hasil.mutu, hasil.mutu_dihitung) == (
        harapan,
        (),
        None,
        False,
    )


def test_mutu_counts_only_when_the_instrument_says_so():
    pelayanan, manajemen = _aspek_pelayanan("95"), _aspek_manajemen(10)
    mutu = skor_mutu([_program("M", ("70", "100"))])
    assert nilai_puskesmas("P", pelayanan, manajemen, mutu).kelompok is I
    dihitung = nilai_puskesmas("P", pelayanan, manajemen, mutu, mutu_dihitung=True)
    assert (dihitung.kelompok, dihitung.mutu_dihitung, dihitung.mutu) == (III, True, mutu)
    kosong = nilai_puskesmas("P", pelayanan, manajemen, skor_mutu([]), mutu_dihitung=True)
    assert (kosong.kelompok, kosong.tanpa_nilai) == (None, (Aspek.MUTU,))
    assert nilai_puskesmas("P", pelayanan, manajemen, skor_mutu([])).kelompok is I
    with pytest.raises(ValueError, match=PESAN_MUTU):
        nilai_puskesmas("P", pelayanan, manajemen, mutu_dihitung=True)


def test_an_aspect_without_value_leaves_no_group_never_kurang():
    hasil = nilai_puskesmas("P", _aspek_pelayanan("95"), _aspek_manajemen())
    assert (hasil.kelompok, hasil.tanpa_nilai) == (None, (Aspek.MANAJEMEN,))
    keduanya = nilai_puskesmas("P", skor_pelayanan([]), _aspek_manajemen())
    assert keduanya.tanpa_nilai == (Aspek.PELAYANAN, Aspek.MANAJEMEN)


def test_overall_rule_is_a_parameter():
    pelayanan, manajemen = _aspek_pelayanan("95"), _aspek_manajemen(4)
    dipakai = []

    def terbaik(daftar):
        dipakai.append(list(daftar))
        return min(daftar)

    assert nilai_puskesmas("P", pelayanan, manajemen, gabung=terbaik).kelompok is I
    assert dipakai == [[I, III]]
    mutu = skor_mutu([_program("M", ("85", "100"))])
    nilai_puskesmas("P", pelayanan, manajemen, mutu, mutu_dihitung=True, gabung=terbaik)
    assert dipakai[-1] == [I, III, II]
    assert terendah([I, III, II]) is III
    assert terendah([II]) is II


# --- order and ranking ------------------------------------------------------------------


def _puskesmas(id, pelayanan, manajemen, mutu=None, **kwargs):
    return nilai_puskesmas(
        id,
        _aspek_pelayanan(pelayanan) if pelayanan is not None else skor_pelayanan([]),
        _aspek_manajemen(*manajemen),
        None if mutu is None else skor_mutu([_program("M", (mutu, "100"))]),
        **kwargs,
    )


def test_ranking_by_group_then_coverage_then_management_then_id():
    daftar = [
        _puskesmas("E", "95", (7, 7)),  # II (manajemen 7), coverage 95
        _puskesmas("A", "92", (10,)),  # I, coverage 92
        _puskesmas("C", "70", (10,)),  # III
        _puskesmas("B", "99", (10, 7)),  # I, coverage 99, manajemen 8.5
        _puskesmas("F", "99", (10,)),  # I, coverage 99, manajemen 10
        _puskesmas("D", "85", (10,)),  # II, coverage 85
        _puskesmas("H", "99", (10, 7)),  # I: full tie with B, the id decides
        _puskesmas("G", None, (10,)),  # no pelayanan: no group, last
    ]
    hasil = peringkat(daftar)
    assert [(p.kelompok, p.nomor, p.hasil.id) for p in hasil] == [
        (I, 1, "F"),
        (I, 2, "B"),
        (I, 3, "H"),
        (I, 4, "A"),
        (II, 1, "E"),
        (II, 2, "D"),
        (III, 1, "C"),
        (None, 1, "G"),
    ]
    assert hasil[0] == Peringkat(I, 1, daftar[4])
    assert peringkat(reversed(daftar)) == hasil


def test_ranking_numbers_restart_in_each_group():
    daftar = [_puskesmas(n, "70", (10,)) for n in "ab"] + [_puskesmas("c", None, (10,))]
    daftar.append(_puskesmas("d", None, ()))
    assert [(p.kelompok, p.nomor) for p in peringkat(daftar)] == [
        (III, 1),
        (III, 2),
        (None, 1),
        (None, 2),
    ]
    assert peringkat([]) == []


def test_mutu_breaks_ties_only_when_counted():
    a = _puskesmas("a", "95", (10,), mutu="92", mutu_dihitung=True)
    b = _puskesmas("b", "95", (10,), mutu="99", mutu_dihitung=True)
    assert [p.hasil.id for p in peringkat([a, b])] == ["b", "a"]
    a2, b2 = _puskesmas("a", "95", (10,), mutu="92"), _puskesmas("b", "95", (10,), mutu="99")
    assert [p.hasil.id for p in peringkat([b2, a2])] == ["a", "b"]


def test_sort_key_spelled_out():
    """Group, then coverage high to low, management high to low, mutu, id; no value last."""
    p = _puskesmas("P7", "85", (10, 7))
    assert kunci_urutan(p) == (False, 2, (False, D(-85)), (False, D("-8.5")), (True, 0), "P7")
    tanpa = _puskesmas("P8", None, ())
    assert kunci_urutan(tanpa) == (True, 0, (True, 0), (True, 0), (True, 0), "P8")
    m = _puskesmas("P9", "95", (10,), mutu="90", mutu_dihitung=True)
    assert kunci_urutan(m)[4] == (False, D(-90))


def test_a_zero_value_ranks_above_no_value():
    nol = _puskesmas("b", "0", (0,))
    tanpa = nilai_puskesmas("a", _aspek_pelayanan("0"), skor_manajemen([_komponen("x", None)]))
    assert nol.manajemen.nilai == D(0)
    assert [p.hasil.id for p in peringkat([tanpa, nol])] == ["b", "a"]


# --- display rounding -------------------------------------------------------------------


@pytest.mark.parametrize(
    "nilai,harapan",
    [
        ("90.95", "91.0"),  # half up
        ("90.94999", "90.9"),
        ("80.95", "81.0"),
        ("8.45", "8.5"),
        ("66.66666666666666666666666667", "66.7"),
        ("100", "100.0"),
        ("0", "0.0"),
    ],
)
def test_tampil_one_decimal_half_up(nilai, harapan):
    assert str(tampil(D(nilai))) == harapan


def test_groups_use_the_unrounded_value():
    """90.95 shows as 91.0 but is kelompok II; 8.45 shows as 8.5 but is kelompok II."""
    hasil = _aspek_pelayanan("90.95")
    assert (tampil(hasil.nilai), hasil.kelompok) == (D("91.0"), II)
    assert kelompok(D("8.45"), AMBANG_MANAJEMEN) is II
    assert tampil(None) is None
