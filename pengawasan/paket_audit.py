"""The RTM input-pack section "Hasil audit internal" (registered in ``paket_rtm``): the
year's programme, audits held up to the meeting, findings by category and how many are
still open, from ``selectors.audit.ringkasan_audit``."""

from __future__ import annotations

from puskesmas.alat import access

from . import paket_rtm
from .selectors.audit import ringkasan_audit

KODE = "audit"


@paket_rtm.daftar
def bagian_audit(rtm, user) -> paket_rtm.BagianPaket | None:
    if not access.boleh(user, access.Aksi.LIHAT, rtm.puskesmas):
        return None
    r = ringkasan_audit(puskesmas=rtm.puskesmas, tahun=rtm.tahun, sampai=rtm.tanggal)
    if not r.jumlah_jadwal and not r.jumlah_audit:
        ringkas = f"Belum ada program audit internal tahun {rtm.tahun}."
    else:
        ringkas = (
            f"{r.jumlah_audit} dari {r.jumlah_jadwal} audit terjadwal dilaksanakan; "
            f"{sum(r.temuan.values())} temuan, {r.terbuka} belum tuntas."
        )
    return paket_rtm.BagianPaket(
        kode=KODE,
        judul="Hasil audit internal",
        template="pengawasan/paket/_audit.html",
        data=r,
        ringkasan=ringkas,
        urutan=40,
    )
