"""The RTM input pack's "Hasil supervisi": the year's supervisi up to the meeting (plan
against realisation) and the visits whose findings are still open (no RTL yet, or an RTL
not closed)."""

from __future__ import annotations

from puskesmas.alat.rtl import LABEL_STATUS, StatusRTL

from .paket_rtm import BagianPaket, daftar
from .selectors import supervisi as selectors


@daftar
def hasil_supervisi(rtm, user) -> BagianPaket | None:
    kunjungan = selectors.kunjungan_temuan_terbuka(
        puskesmas=rtm.puskesmas, tahun=rtm.tahun, sampai=rtm.tanggal, user=user
    )
    rekap = selectors.rekap_tahun(puskesmas=rtm.puskesmas, tahun=rtm.tahun, user=user)
    if not kunjungan and not rekap.rencana and not rekap.sewaktu:
        return None  # no supervisi this year: nothing to review
    jumlah = sum(len(k["temuan"]) for k in kunjungan)
    for k in kunjungan:
        k["temuan"] = [
            (t, LABEL_STATUS[StatusRTL(s)] if s else "Belum ada RTL") for t, s in k["temuan"]
        ]
    return BagianPaket(
        kode="supervisi",
        judul="Hasil supervisi",
        template="pengawasan/paket/_supervisi.html",
        data={"kunjungan": kunjungan, "rekap": rekap},
        ringkasan=(
            f"{rekap.total_terlaksana} kunjungan terlaksana ({rekap.terlaksana} dari "
            f"{rekap.rencana} rencana); {jumlah} temuan belum selesai"
        ),
        urutan=30,
    )
