"""The RTM input-pack sections of the registers: complaints and satisfaction surveys, and
the risk register, of the meeting's year up to its date (registered on import from
``PengawasanConfig.ready``)."""

from __future__ import annotations

from . import paket_rtm
from .selectors import register as sel

KODE_PENGADUAN = "pengaduan_kepuasan"
KODE_RISIKO = "register_risiko"


@paket_rtm.daftar
def bagian_pengaduan_kepuasan(rtm, user) -> paket_rtm.BagianPaket:
    """Complaints (counts, by channel, follow-up) and the surveys of the year so far."""
    p, tahun, sampai = rtm.puskesmas, rtm.tahun, rtm.tanggal
    aduan = sel.ringkasan_pengaduan(puskesmas=p, tahun=tahun, sampai=sampai)
    survei = list(sel.survei_tahun(puskesmas=p, tahun=tahun, sampai=sampai))
    ringkas = (
        f"{aduan.jumlah} pengaduan ({aduan.dianalisis} dianalisis, {aduan.dengan_rtl} dengan RTL)"
    )
    if survei:
        t = survei[-1]
        ringkas += (
            f"; IKM terakhir {str(t.ikm).replace('.', ',')} (mutu {t.mutu.kode}, {t.mutu.kinerja})"
        )
    else:
        ringkas += "; belum ada survei kepuasan"
    return paket_rtm.BagianPaket(
        kode=KODE_PENGADUAN,
        judul="Pengaduan dan kepuasan masyarakat",
        template="pengawasan/paket/_pengaduan_kepuasan.html",
        data={"pengaduan": aduan, "survei": survei},
        ringkasan=ringkas,
        urutan=30,
    )


@paket_rtm.daftar
def bagian_register_risiko(rtm, user) -> paket_rtm.BagianPaket:
    """The year's risk register: counts by level and the highest risks."""
    r = sel.ringkasan_risiko(puskesmas=rtm.puskesmas, tahun=rtm.tahun)
    return paket_rtm.BagianPaket(
        kode=KODE_RISIKO,
        judul="Register risiko",
        template="pengawasan/paket/_register_risiko.html",
        data=r,
        ringkasan=(
            f"{r.jumlah} risiko, "
            + ", ".join(f"{n} {label.lower()}" for label, n in r.per_tingkat.items() if n)
            if r.jumlah
            else "Belum ada risiko tercatat"
        ),
        urutan=40,
    )
