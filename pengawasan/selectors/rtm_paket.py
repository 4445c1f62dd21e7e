"""The RTM input-pack sections of the RTM area (``pengawasan.paket_rtm``): performance
against targets (PWS), RPK realisation, the previous RTM's decisions with their follow-up
and evaluation, the open RTL of the Puskesmas, and the changes noted on the RTM. Loaded by
``PengawasanConfig.ready()``."""

from __future__ import annotations

from puskesmas.alat import rtl as aturan_rtl
from puskesmas.selectors.rtl import rtl_untuk_ditinjau

from ..paket_rtm import BagianPaket, daftar
from .pengendalian import penyimpangan
from .rtm import rtl_rtm, rtm_sebelumnya

T = "pengawasan/paket/"


def bulan_data(rtm) -> int:
    """The last month whose data a meeting reviews: the month before it (PWS of a month is
    due early the next month); December for a meeting dated after its year."""
    if rtm.tanggal.year > rtm.tahun:
        return 12
    return max(1, rtm.tanggal.month - 1)


def _penyimpangan(rtm):
    # Both the performance and the realisation sections read it: computed once per RTM.
    if getattr(rtm, "_penyimpangan", None) is None:
        rtm._penyimpangan = penyimpangan(
            puskesmas=rtm.puskesmas, tahun=rtm.tahun, bulan=bulan_data(rtm)
        )
    return rtm._penyimpangan


@daftar
def kinerja(rtm, user) -> BagianPaket:
    pen = _penyimpangan(rtm)
    tertinggal = len(pen.indikator_tertinggal)
    return BagianPaket(
        kode="kinerja",
        judul="Kinerja terhadap target (PWS)",
        template=f"{T}_kinerja.html",
        data=pen,
        ringkasan=(
            f"{tertinggal} dari {len(pen.indikator)} indikator di bawah target kumulatif "
            f"s.d. bulan {pen.bulan}."
        ),
        urutan=10,
    )


@daftar
def realisasi_rpk(rtm, user) -> BagianPaket:
    pen = _penyimpangan(rtm)
    return BagianPaket(
        kode="realisasi_rpk",
        judul="Realisasi RPK",
        template=f"{T}_realisasi_rpk.html",
        data=pen,
        ringkasan=(
            f"{len(pen.kegiatan)} kegiatan belum terealisasi sesuai jadwal; "
            f"{len(pen.sumber_tertinggal)} sumber dana serapannya tertinggal."
        ),
        urutan=20,
    )


@daftar
def rtm_lalu(rtm, user) -> BagianPaket:
    lalu = rtm_sebelumnya(rtm)
    rtl = list(rtl_rtm(lalu, user)) if lalu is not None else []
    dievaluasi = sum(r.status == aturan_rtl.StatusRTL.DIEVALUASI for r in rtl)
    return BagianPaket(
        kode="rtm_lalu",
        judul="Tindak lanjut RTM sebelumnya",
        template=f"{T}_rtm_lalu.html",
        data=rtl,
        ringkasan=(
            f"{lalu}: {len(rtl)} RTL, {dievaluasi} sudah dievaluasi."
            if lalu is not None
            else "Belum ada RTM sebelumnya."
        ),
        urutan=30,
        extra={"rtm_lalu": lalu},
    )


@daftar
def rtl_terbuka(rtm, user) -> BagianPaket:
    rtl = list(rtl_untuk_ditinjau(puskesmas=rtm.puskesmas, user=user, kecuali_sumber=rtm))
    return BagianPaket(
        kode="rtl_terbuka",
        judul="RTL yang masih terbuka",
        template=f"{T}_rtl_terbuka.html",
        data=rtl,
        ringkasan=f"{len(rtl)} RTL terbuka atau menunggu evaluasi (semua sumber).",
        urutan=40,
    )


@daftar
def perubahan(rtm, user) -> BagianPaket:
    return BagianPaket(
        kode="perubahan",
        judul="Perubahan yang berpengaruh pada sistem manajemen mutu",
        template=f"{T}_perubahan.html",
        data=rtm.perubahan,
        ringkasan=(rtm.perubahan.strip().splitlines() or ["Tidak ada yang dicatat."])[0][:150],
        urutan=90,
    )
