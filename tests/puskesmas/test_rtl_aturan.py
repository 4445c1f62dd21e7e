"""The RTL lifecycle rules (pure), table-driven over every status and step."""

from datetime import date, timedelta

import pytest

from puskesmas.alat import rtl as aturan
from puskesmas.alat.rtl import HasilEvaluasi, Kolom, Langkah, StatusRTL

S = StatusRTL
BOLEH = {
    Langkah.PROGRES: {S.BELUM, S.PROSES},
    Langkah.TINDAK_LANJUT: {S.BELUM, S.PROSES},
    Langkah.EVALUASI: {S.SELESAI},
    Langkah.HENTIKAN: {S.BELUM, S.PROSES},
    Langkah.UBAH: {S.BELUM, S.PROSES},
}
KE = {
    Langkah.PROGRES: S.PROSES,
    Langkah.TINDAK_LANJUT: S.SELESAI,
    Langkah.EVALUASI: S.DIEVALUASI,
    Langkah.HENTIKAN: S.TIDAK_DILANJUTKAN,
}


@pytest.mark.parametrize("langkah", list(Langkah))
@pytest.mark.parametrize("status", list(StatusRTL))
def test_every_step_from_every_status(status, langkah):
    pesan = aturan.pesan_langkah(status, langkah)
    if status in BOLEH[langkah]:
        assert pesan is None
        assert aturan.status_sesudah(status, langkah) == KE.get(langkah, status)
    else:
        assert pesan == (
            f"RTL berstatus «{aturan.LABEL_STATUS[status]}» sehingga tidak dapat "
            f"{aturan.KATA_KERJA[langkah]}."
        )


def test_an_evaluated_rtl_cannot_be_evaluated_again():
    assert aturan.pesan_langkah("dievaluasi", Langkah.EVALUASI) == (
        "RTL berstatus «Dievaluasi» sehingga tidak dapat dievaluasi."
    )


@pytest.mark.parametrize(
    ("ada_user", "instansi", "pesan"),
    [
        (True, "", None),
        (False, "Kepala Desa Mekar", None),
        (False, "", aturan.PESAN_PJ),
        (False, "   ", aturan.PESAN_PJ),
        (True, "Camat", aturan.PESAN_PJ),
    ],
)
def test_exactly_one_pj(ada_user, instansi, pesan):
    assert aturan.periksa_pj(ada_user=ada_user, instansi=instansi) == pesan


HARI = date(2027, 3, 15)


@pytest.mark.parametrize(
    ("tanggal", "bukti", "pesan"),
    [
        (HARI, 1, None),
        (HARI - timedelta(days=3), 2, None),
        (HARI + timedelta(days=1), 1, aturan.PESAN_TANGGAL_MASA_DEPAN),
        (HARI, 0, aturan.PESAN_BUKTI_WAJIB),
    ],
)
def test_follow_up_needs_a_past_date_and_evidence(tanggal, bukti, pesan):
    assert aturan.periksa_tindak_lanjut(tanggal=tanggal, hari_ini=HARI, jumlah_bukti=bukti) == pesan


@pytest.mark.parametrize(
    ("tanggal", "tl", "hasil", "catatan", "pesan"),
    [
        (HARI, HARI, "efektif", "", None),
        (HARI, HARI - timedelta(days=1), "belum_efektif", "Cakupan masih turun", None),
        (HARI, HARI, "belum_efektif", " ", aturan.PESAN_CATATAN_BELUM_EFEKTIF),
        (HARI + timedelta(days=1), HARI, "efektif", "", aturan.PESAN_TANGGAL_MASA_DEPAN),
        (HARI - timedelta(days=1), HARI, "efektif", "", aturan.PESAN_EVALUASI_SEBELUM_TL),
        (HARI, None, "efektif", "", None),
    ],
)
def test_evaluation_rules(tanggal, tl, hasil, catatan, pesan):
    assert (
        aturan.periksa_evaluasi(
            tanggal=tanggal,
            hari_ini=HARI,
            tanggal_tindak_lanjut=tl,
            hasil=hasil,
            catatan=catatan,
        )
        == pesan
    )


def test_only_belum_efektif_raises_a_follow_up():
    assert aturan.perlu_rtl_lanjutan(HasilEvaluasi.BELUM_EFEKTIF)
    assert not aturan.perlu_rtl_lanjutan(HasilEvaluasi.EFEKTIF)


BATAS = date(2027, 3, 31)


@pytest.mark.parametrize(
    ("status", "hari_ini", "kolom"),
    [
        ("belum", BATAS - timedelta(days=1), Kolom.TERBUKA),
        ("belum", BATAS, Kolom.TERBUKA),  # the due date itself is on time
        ("belum", BATAS + timedelta(days=1), Kolom.TERLAMBAT),
        ("proses", BATAS + timedelta(days=1), Kolom.TERLAMBAT),
        ("proses", BATAS, Kolom.TERBUKA),
        ("selesai", BATAS + timedelta(days=30), Kolom.MENUNGGU_EVALUASI),
        ("dievaluasi", BATAS + timedelta(days=30), Kolom.DITUTUP),
        ("tidak_dilanjutkan", BATAS - timedelta(days=30), Kolom.DITUTUP),
    ],
)
def test_board_column(status, hari_ini, kolom):
    assert aturan.kolom_papan(status=status, batas=BATAS, hari_ini=hari_ini) == kolom


@pytest.mark.parametrize("status", list(StatusRTL))
def test_overdue_reminders_the_day_after_then_weekly_while_open(status):
    hari = {
        n: aturan.tahap_terlambat(status=status, batas=BATAS, hari_ini=BATAS + timedelta(days=n))
        for n in range(-3, 31)
    }
    if status not in aturan.TERBUKA:
        assert all(t is None for t in hari.values())
        return
    diingatkan = {n: t.kode for n, t in hari.items() if t is not None}
    assert diingatkan == {1: "lewat-1", 8: "lewat-2", 15: "lewat-3", 22: "lewat-4", 29: "lewat-5"}
