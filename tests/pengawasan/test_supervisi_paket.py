"""The RTM input pack's "Hasil supervisi" section, with a stand-in meeting."""

from datetime import date
from types import SimpleNamespace

from django.template.loader import render_to_string

from pengawasan import paket_rtm
from pengawasan.paket_supervisi import hasil_supervisi
from puskesmas.models import RTL

from ..lokmin.factories import RTLFactory
from .factories_supervisi import KunjunganSupervisiFactory, TemuanSupervisiFactory

TAHUN = 2025


def _rtm(dunia, tanggal=date(TAHUN, 6, 30)):
    return SimpleNamespace(puskesmas=dunia.a, tahun=TAHUN, tanggal=tanggal)


def test_the_section_is_registered():
    assert hasil_supervisi in paket_rtm._BAGIAN


def test_no_supervisi_this_year_no_section(dunia):
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN - 1)
    KunjunganSupervisiFactory(puskesmas=dunia.b, tahun=TAHUN)
    assert hasil_supervisi(_rtm(dunia), dunia.kapus_a) is None


def test_the_section_counts_the_plan_and_lists_open_findings_up_to_the_meeting(dunia):
    k = KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, terjadwal=True, tanggal=date(TAHUN, 2, 3),
        lokasi="Pustu Mekar",
    )  # fmt: skip
    KunjunganSupervisiFactory(
        puskesmas=dunia.a, tahun=TAHUN, terjadwal=True, status="direncanakan", tanggal=None
    )
    tanpa = TemuanSupervisiFactory(kunjungan=k, uraian="APAR kedaluwarsa")
    proses = TemuanSupervisiFactory(kunjungan=k, uraian="Kulkas vaksin tanpa termometer")
    selesai = TemuanSupervisiFactory(kunjungan=k, uraian="Sudah beres")
    RTLFactory(puskesmas=dunia.a, sumber_objek=proses, status="proses")
    RTLFactory(puskesmas=dunia.a, sumber_objek=selesai, status="selesai")
    nanti = KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, tanggal=date(TAHUN, 8, 1))
    TemuanSupervisiFactory(kunjungan=nanti, uraian="Sesudah rapat")
    assert RTL.objects.count() == 2

    b = hasil_supervisi(_rtm(dunia), dunia.kapus_a)
    assert b.kode == "supervisi" and b.judul == "Hasil supervisi"
    assert b.ringkasan == "2 kunjungan terlaksana (1 dari 2 rencana); 2 temuan belum selesai"
    assert [x["kunjungan"] for x in b.data["kunjungan"]] == [k]
    assert b.data["kunjungan"][0]["temuan"] == [
        (tanpa, "Belum ada RTL"),
        (proses, "Dalam proses"),
    ]
    html = render_to_string(b.template, {"bagian": b})
    assert "APAR kedaluwarsa" in html and "Kulkas vaksin" in html and "Pustu Mekar" in html
    assert "Sudah beres" not in html and "Sesudah rapat" not in html
    assert "Belum ada RTL" in html


def test_outside_its_scope_a_user_sees_nothing(dunia):
    KunjunganSupervisiFactory(puskesmas=dunia.a, tahun=TAHUN, tanggal=date(TAHUN, 2, 3))
    assert hasil_supervisi(_rtm(dunia), dunia.staf_b) is None
    assert hasil_supervisi(_rtm(dunia), dunia.verifikator_x) is not None
