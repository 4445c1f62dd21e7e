"""The RTM input-pack sections of the registers, called with a stand-in meeting."""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string

from pengawasan import paket_register, paket_rtm

from .factories_register import (
    TAHUN,
    MediaPengaduanFactory,
    PengaduanFactory,
    RisikoFactory,
    SurveiKepuasanFactory,
)


@dataclass
class RTMContoh:
    puskesmas: object
    tahun: int
    tanggal: date


def test_both_sections_are_registered():
    assert paket_register.bagian_pengaduan_kepuasan in paket_rtm._BAGIAN
    assert paket_register.bagian_register_risiko in paket_rtm._BAGIAN


def test_complaints_and_surveys_up_to_the_meeting_date(dunia):
    MediaPengaduanFactory(puskesmas=dunia.a, media="wa")
    PengaduanFactory(puskesmas=dunia.a, tanggal=date(TAHUN, 2, 1), analisis="x", media="wa")
    PengaduanFactory(puskesmas=dunia.a, tanggal=date(TAHUN, 6, 1))
    PengaduanFactory(puskesmas=dunia.a, tanggal=date(TAHUN, 9, 1))  # after the meeting
    PengaduanFactory(puskesmas=dunia.b, tanggal=date(TAHUN, 2, 1))  # another Puskesmas
    SurveiKepuasanFactory(puskesmas=dunia.a)  # May: IKM 85.00, B
    SurveiKepuasanFactory(
        puskesmas=dunia.a, tanggal_mulai=date(TAHUN, 10, 1), tanggal_selesai=date(TAHUN, 10, 9)
    )
    rtm = RTMContoh(dunia.a, TAHUN, date(TAHUN, 7, 15))
    b = paket_register.bagian_pengaduan_kepuasan(rtm, dunia.kapus_a)
    assert b.judul == "Pengaduan dan kepuasan masyarakat"
    assert b.data["pengaduan"].jumlah == 2 and b.data["pengaduan"].dianalisis == 1
    assert len(b.data["survei"]) == 1
    assert b.ringkasan == (
        "2 pengaduan (1 dianalisis, 0 dengan RTL); IKM terakhir 85,00 (mutu B, Baik)"
    )
    html = render_to_string(b.template, {"bagian": b})
    assert "WhatsApp 2" in html and "85,00" in html


def test_risk_register_section(dunia):
    RisikoFactory(puskesmas=dunia.a, kemungkinan=5, dampak=5, risiko="Kebakaran gudang obat")
    RisikoFactory(puskesmas=dunia.a, kemungkinan=1, dampak=2)
    b = paket_register.bagian_register_risiko(
        RTMContoh(dunia.a, TAHUN, date(TAHUN, 7, 15)), dunia.kapus_a
    )
    assert b.ringkasan == "2 risiko, 1 rendah, 1 ekstrem"
    html = render_to_string(b.template, {"bagian": b})
    assert "Kebakaran gudang obat" in html


def test_empty_year_still_shows_the_sections(dunia):
    rtm = RTMContoh(dunia.a, TAHUN, date(TAHUN, 7, 15))
    assert paket_register.bagian_register_risiko(rtm, None).ringkasan == (
        "Belum ada risiko tercatat"
    )
    assert "belum ada survei" in paket_register.bagian_pengaduan_kepuasan(rtm, None).ringkasan
