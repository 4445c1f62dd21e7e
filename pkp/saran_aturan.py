"""Suggestion rules of the P1 variables of kinerja manajemen: plain facts in, ``Saran`` out.

No Django and no ORM here. The collectors (``pkp.saran_p1``) read P1's records through its
selectors and hand in the frozen facts below; each rule says which of 0/4/7/10 those
records support and why, in Indonesian sentences that cite the records, with links to the
pages that show them. The person assessing decides; the rule only reads the records.

Years, for the PKP of year N (assessed early in N+1 on the data of N; docs/domain.md, PKP):

* 1.1.1 reads the rencana lima tahunan whose period covers N;
* 1.1.2 reads the RUK for N+1, drafted in N, and the analisis situasi of planning year N
  it rests on: achievements of N-1 and N-2 (the "data of two years back"), population
  figures up to N, survey results and prioritised problems of N;
* 1.1.3 reads the RPK of N, made early in N from the RUK of N.

Each level of the rubric becomes conditions the app can check:

* "ada": the document exists and holds something (a Renstra covering N; a RUK or RPK with
  at least one activity). Otherwise 0.
* "sesuai visi, misi, tugas pokok dan fungsi" (1.1.1): visi, misi and at least one
  indicator with yearly targets; (1.1.2): the RUK follows an approved Renstra covering its
  year (or, failing that, the year it is drafted in). "sesuai RUK" (1.1.3): the RPK has no
  difference from its RUK in the sense of ``perencanaan.rpk_banding`` (no activity added
  or dropped, no budget above the RUK's, every activity scheduled). Otherwise 4.
* "berdasarkan analisis kebutuhan masyarakat" (1.1.1): the needs analysis is written;
  "... dan kinerja" (1.1.2): every input of the analisis situasi is there and the RUK uses
  it; "ada pembahasan dengan LP maupun LS" (1.1.3): both discussions are recorded.
  Otherwise 7.
* 10 also needs the Kepala Puskesmas's approval (disahkan). 1.1.2's rubric asks for it in
  so many words; for 1.1.1 and 1.1.3 it is the app's reading (policy): a draft is not yet
  the Puskesmas's plan. An unapproved document otherwise complete gets 7.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .saran_daftar import Rujukan, Saran

# --- shared wording ---------------------------------------------------------------------


def tanggal(d: date) -> str:
    """``12-01-2027``: day, month, year, as Indonesian forms write dates."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def pengesahan(*, disahkan: bool, tanggal_sah: date | None, status: str) -> str:
    """ "disahkan 12-01-2027", "disahkan" (date unknown) or "belum disahkan (status Draf)"."""
    if not disahkan:
        return f"belum disahkan (status {status})"
    if tanggal_sah is None:
        return "disahkan"
    return f"disahkan {tanggal(tanggal_sah)}"


def daftar_kata(kata: list[str] | tuple[str, ...]) -> str:
    """``["a", "b", "c"]`` → "a, b dan c"."""
    *awal, akhir = kata or [""]
    return f"{', '.join(awal)} dan {akhir}" if awal else akhir


def _kalimat(bagian: list[str]) -> str:
    """Clauses joined with semicolons into one sentence, its first letter capitalised."""
    teks = "; ".join(bagian)
    return teks[:1].upper() + teks[1:] + "."


# --- 1.1.1 Rencana 5 (lima) tahunan -------------------------------------------------------

RENSTRA_TIDAK_ADA = "Tidak ada rencana lima tahunan yang mencakup tahun {tahun}."
RENSTRA_KURANG = "Belum memuat visi, misi dan indikator dengan target tahunan secara lengkap."
RENSTRA_TANPA_ANALISIS = "Belum berdasarkan analisis kebutuhan masyarakat."
RENSTRA_BELUM_SAH = "Isinya lengkap, tetapi belum disahkan Kepala Puskesmas."
RENSTRA_LENGKAP = "Sesuai visi, misi dan tugas pokok, berdasarkan analisis kebutuhan masyarakat."


@dataclass(frozen=True)
class FaktaRenstra:
    """The rencana lima tahunan covering year ``tahun`` (``mulai`` None: there is none)."""

    tahun: int
    mulai: int | None = None
    status: str = ""  # label of its workflow status, e.g. "Draf"
    disahkan: bool = False
    tanggal_sah: date | None = None
    visi: bool = False
    misi: bool = False
    tata_nilai: bool = False
    jumlah_indikator: int = 0  # indicators with a target for each of the five years
    analisis_kebutuhan: bool = False
    url: str = ""

    @property
    def label(self) -> str:
        return f"Rencana lima tahunan {self.mulai}–{self.mulai + 4}"


def saran_renstra(f: FaktaRenstra) -> Saran:
    """Rubric 1.1.1 from the Renstra covering the year."""
    if f.mulai is None:
        return Saran(0, RENSTRA_TIDAK_ADA.format(tahun=f.tahun))
    isi = [
        n for n, ada in (("visi", f.visi), ("misi", f.misi), ("tata nilai", f.tata_nilai)) if ada
    ]
    kosong = [n for n in ("visi", "misi", "tata nilai") if n not in isi]
    bagian = [
        f"{f.label} {pengesahan(disahkan=f.disahkan, tanggal_sah=f.tanggal_sah, status=f.status)}"
    ]
    if isi:
        bagian.append(f"{daftar_kata(isi)} terisi")
    if kosong:
        bagian.append(f"{daftar_kata(kosong)} belum diisi")
    if f.jumlah_indikator:
        bagian.append(f"{f.jumlah_indikator} indikator dengan target tiap tahun")
    else:
        bagian.append("belum ada indikator dengan target tahunan")
    bagian.append(
        "analisis kebutuhan masyarakat terisi"
        if f.analisis_kebutuhan
        else "analisis kebutuhan masyarakat belum diisi"
    )
    if not (f.visi and f.misi and f.jumlah_indikator > 0):
        skor, kesimpulan = 4, RENSTRA_KURANG
    elif not f.analisis_kebutuhan:
        skor, kesimpulan = 7, RENSTRA_TANPA_ANALISIS
    elif not f.disahkan:
        skor, kesimpulan = 7, RENSTRA_BELUM_SAH
    else:
        skor, kesimpulan = 10, RENSTRA_LENGKAP
    return Saran(skor, f"{_kalimat(bagian)} {kesimpulan}", (Rujukan(f.label, f.url),))


# --- 1.1.2 RUK tahun (N+1) ------------------------------------------------------------------

RUK_TIDAK_ADA = "Tidak ada RUK {tahun_ruk}."
RUK_KOSONG = "RUK {tahun_ruk} ada tetapi belum memuat kegiatan."
RUK_TANPA_RENSTRA = (
    "Belum mengacu pada rencana lima tahunan yang disahkan (visi, misi, tugas pokok dan fungsi)."
)
RUK_TANPA_ANALISIS = "Belum berdasarkan analisis kebutuhan masyarakat dan kinerja."
RUK_BELUM_SAH = "Isinya lengkap, tetapi belum disahkan Kepala Puskesmas."
RUK_LENGKAP = (
    "Sesuai visi dan misi, berdasarkan analisis kebutuhan masyarakat dan kinerja, "
    "disahkan Kepala Puskesmas."
)


@dataclass(frozen=True)
class FaktaRUK:
    """The RUK for ``tahun + 1`` and the analisis situasi of planning year ``tahun``."""

    tahun: int  # the assessment year N; the RUK is for N+1
    ada: bool = False
    status: str = ""
    disahkan: bool = False
    tanggal_sah: date | None = None
    jumlah_kegiatan: int = 0
    kegiatan_masalah: int = 0  # activities that address a problem or carry its solution
    renstra: str = ""  # e.g. "2025–2029": the approved Renstra it follows ("" none)
    capaian_n1: int = 0  # achievements entered for year N-1 (indicators)
    capaian_n2: int = 0  # ... and for N-2
    tahun_penduduk: int | None = None  # the latest year up to N with population figures
    survei: tuple[str, ...] = ()  # kinds of survey results of planning year N, e.g. ("SMD",)
    jumlah_masalah: int = 0  # problems of planning year N ranked by USG
    url_ruk: str = ""
    url_analisis: str = ""
    url_renstra: str = ""

    @property
    def tahun_ruk(self) -> int:
        return self.tahun + 1


def _bagian_analisis(f: FaktaRUK) -> tuple[list[str], list[str]]:
    """What the analisis situasi of year N holds, and what it lacks."""
    n1, n2 = f.tahun - 1, f.tahun - 2
    ada, kurang = [], []
    for t, n in ((n1, f.capaian_n1), (n2, f.capaian_n2)):
        if n:
            ada.append(f"capaian {t} ({n} indikator)")
        else:
            kurang.append(f"capaian {t}")
    if f.tahun_penduduk is not None:
        ada.append(f"data penduduk {f.tahun_penduduk}")
    else:
        kurang.append("data penduduk")
    if f.survei:
        ada.append(f"hasil survei ({', '.join(f.survei)})")
    else:
        kurang.append("hasil survei")
    if f.jumlah_masalah:
        ada.append(f"{f.jumlah_masalah} masalah yang diprioritaskan (USG)")
    else:
        kurang.append("masalah yang diprioritaskan (USG)")
    return ada, kurang


def saran_ruk(f: FaktaRUK) -> Saran:
    """Rubric 1.1.2 from the RUK for N+1 and the analisis situasi of N."""
    if not f.ada:
        return Saran(0, RUK_TIDAK_ADA.format(tahun_ruk=f.tahun_ruk))
    rujukan = [Rujukan(f"RUK {f.tahun_ruk}", f.url_ruk)]
    if not f.jumlah_kegiatan:
        return Saran(0, RUK_KOSONG.format(tahun_ruk=f.tahun_ruk), rujukan)
    sah = pengesahan(disahkan=f.disahkan, tanggal_sah=f.tanggal_sah, status=f.status)
    bagian = [
        f"RUK {f.tahun_ruk} {sah}, {f.jumlah_kegiatan} kegiatan, "
        f"{f.kegiatan_masalah} di antaranya menangani masalah prioritas"
    ]
    if f.renstra:
        bagian.append(f"mengacu pada rencana lima tahunan {f.renstra} yang disahkan")
        rujukan.append(Rujukan(f"Rencana lima tahunan {f.renstra}", f.url_renstra))
    else:
        bagian.append("belum ada rencana lima tahunan disahkan yang mencakup tahun RUK")
    ada, kurang = _bagian_analisis(f)
    if ada:
        bagian.append(f"analisis situasi {f.tahun} memuat {daftar_kata(ada)}")
    if kurang:
        bagian.append(f"belum ada {daftar_kata(kurang)}")
    rujukan.append(Rujukan(f"Analisis situasi {f.tahun}", f.url_analisis))
    berdasar = not kurang and f.kegiatan_masalah > 0
    if not f.renstra:
        skor, kesimpulan = 4, RUK_TANPA_RENSTRA
    elif not berdasar:
        skor, kesimpulan = 7, RUK_TANPA_ANALISIS
    elif not f.disahkan:
        skor, kesimpulan = 7, RUK_BELUM_SAH
    else:
        skor, kesimpulan = 10, RUK_LENGKAP
    return Saran(skor, f"{_kalimat(bagian)} {kesimpulan}", rujukan)


# --- 1.1.3 RPK/POA bulanan/tahunan ----------------------------------------------------------

RPK_TIDAK_ADA = "Tidak ada RPK {tahun}."
RPK_KOSONG = "RPK {tahun} ada tetapi belum memuat kegiatan."
RPK_TIDAK_SESUAI = "RPK belum sesuai RUK."
RPK_TANPA_PEMBAHASAN = "RPK sesuai RUK, tetapi jadwalnya belum dibahas dengan LP dan LS."
RPK_BELUM_SAH = "Sesuai RUK dan dibahas dengan LP dan LS, tetapi belum disahkan Kepala Puskesmas."
RPK_LENGKAP = "Sesuai RUK, jadwalnya dibahas dengan lintas program dan lintas sektor."


@dataclass(frozen=True)
class FaktaRPK:
    """The RPK of year ``tahun`` compared with its RUK (counts of ``rpk_banding``)."""

    tahun: int
    ada: bool = False
    status: str = ""
    disahkan: bool = False
    tanggal_sah: date | None = None
    jumlah_kegiatan: int = 0  # RPK rows
    dari_ruk: int = 0  # RPK rows derived from a row of its RUK
    kegiatan_ruk: int = 0  # rows of the RUK
    tidak_dialokasikan: int = 0  # RUK rows no RPK row carries
    biaya_lebih: int = 0  # RPK rows costing more than their RUK row asked
    belum_dijadwalkan: int = 0  # RPK rows with no month scheduled
    pembahasan_lp: date | None = None
    pembahasan_ls: date | None = None
    url: str = ""

    @property
    def sesuai_ruk(self) -> bool:
        return (
            self.dari_ruk == self.jumlah_kegiatan
            and self.tidak_dialokasikan == 0
            and self.biaya_lebih == 0
            and self.belum_dijadwalkan == 0
        )


def _bagian_banding(f: FaktaRPK) -> list[str]:
    bagian = [
        f"{f.dari_ruk} dari {f.jumlah_kegiatan} kegiatan berasal dari RUK {f.tahun}",
        f"{f.kegiatan_ruk - f.tidak_dialokasikan} dari {f.kegiatan_ruk} kegiatan RUK dialokasikan",
    ]
    if f.biaya_lebih:
        bagian.append(f"{f.biaya_lebih} kegiatan dengan biaya melebihi RUK")
    if f.belum_dijadwalkan:
        bagian.append(f"{f.belum_dijadwalkan} kegiatan belum dijadwalkan")
    return bagian


def _bagian_pembahasan(f: FaktaRPK) -> str:
    tercatat = [
        f"{nama} {tanggal(t)}"
        for nama, t in (("lintas program", f.pembahasan_lp), ("lintas sektor", f.pembahasan_ls))
        if t is not None
    ]
    belum = [
        nama
        for nama, t in (("lintas program", f.pembahasan_lp), ("lintas sektor", f.pembahasan_ls))
        if t is None
    ]
    teks = []
    if tercatat:
        teks.append(f"pembahasan {daftar_kata(tercatat)} tercatat")
    if belum:
        teks.append(f"pembahasan {daftar_kata(belum)} belum tercatat")
    return "; ".join(teks)


def saran_rpk(f: FaktaRPK) -> Saran:
    """Rubric 1.1.3 from the RPK of N, its RUK and its LP/LS discussions."""
    if not f.ada:
        return Saran(0, RPK_TIDAK_ADA.format(tahun=f.tahun))
    rujukan = (Rujukan(f"RPK {f.tahun}", f.url),)
    if not f.jumlah_kegiatan:
        return Saran(0, RPK_KOSONG.format(tahun=f.tahun), rujukan)
    sah = pengesahan(disahkan=f.disahkan, tanggal_sah=f.tanggal_sah, status=f.status)
    bagian = [f"RPK {f.tahun} {sah}", *_bagian_banding(f), _bagian_pembahasan(f)]
    if not f.sesuai_ruk:
        skor, kesimpulan = 4, RPK_TIDAK_SESUAI
    elif f.pembahasan_lp is None or f.pembahasan_ls is None:
        skor, kesimpulan = 7, RPK_TANPA_PEMBAHASAN
    elif not f.disahkan:
        skor, kesimpulan = 7, RPK_BELUM_SAH
    else:
        skor, kesimpulan = 10, RPK_LENGKAP
    return Saran(skor, f"{_kalimat(bagian)} {kesimpulan}", rujukan)
