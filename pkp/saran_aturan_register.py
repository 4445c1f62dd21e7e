"""Suggestion rules of the P3 quality variables 1.1.9–1.1.13: plain facts in, ``Saran`` out.

No Django and no ORM here. The collectors (``pkp.saran_p3_register``) read the registers of
assessment year N through ``pengawasan.selectors.register`` and hand in the frozen facts
below. How each rubric step becomes conditions the app can check (docs/domain.md, "P3
Register dan program mutu"):

* 1.1.9 SK Tim Mutu dan uraian tugas: 0 no SK ditetapkan by the Kepala in N (a draft is not
  yet an SK); 4 an SK, but the members' uraian tugas do not cover the eight areas (UKM
  esensial, UKM pengembangan, UKP, Admen, Mutu, PPI, Keselamatan Pasien, Audit Internal);
  7 SK and uraian tugas, no evaluation recorded in N; 10 all three.
* 1.1.10 Rencana program mutu dan keselamatan pasien: 0 no plan with an activity; 4 a plan,
  no activity carried out (no bukti pelaksanaan); 10 a complete plan (KAK written, every
  activity with sumber dana and sumber daya), at least one activity carried out with its
  note as evidence, and the programme's evaluation written; 7 anything in between.
* 1.1.11 Manajemen risiko: 0 no risk recorded; 4 risks identified, none with prevention or
  control; 7 controls, but not every row complete (control, owner and review date); 10 every
  row complete.
* 1.1.12 Pengaduan: 0 no complaint channel provided in N; 4 channels but no complaint
  recorded (no data to analyse); 7 complaints, not every one analysed, or analysed without
  every complaint's RTL followed up and evaluated; 10 every complaint analysed with RTL
  whose follow-up is evaluated.
* 1.1.13 Survei kepuasan: 0 no survey in N; the app keeps a survey's data complete (its
  respondents and nine unsur are required), so 4 reads "data only": no analysis; 7 analysed,
  but its RTL not followed up and evaluated, or not published; 10 every survey analysed,
  with RTL evaluated, and published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .saran_aturan import daftar_kata, tanggal
from .saran_daftar import Rujukan, Saran

# --- 1.1.9 SK Tim Mutu dan uraian tugas --------------------------------------------------

TIM_TIDAK_ADA = "Tidak ada SK Tim Mutu tahun {tahun}."
TIM_BELUM_DITETAPKAN = "SK Tim Mutu tahun {tahun} masih berstatus {status}, belum ditetapkan."
TIM_URAIAN_KURANG = "SK Tim Mutu {nomor} ditetapkan; uraian tugas belum mencakup {bidang}."
TIM_TANPA_EVALUASI = (
    "SK Tim Mutu {nomor} ditetapkan dengan uraian tugas lengkap; belum ada evaluasi "
    "pelaksanaan uraian tugas tahun {tahun}."
)
TIM_LENGKAP = (
    "SK Tim Mutu {nomor} ditetapkan dengan uraian tugas lengkap; pelaksanaannya dievaluasi "
    "{tanggal}."
)


@dataclass(frozen=True)
class FaktaTimMutu:
    tahun: int
    ada_sk: bool = False
    ditetapkan: bool = False
    status: str = ""
    nomor_sk: str = ""
    bidang_belum: tuple[str, ...] = ()
    tanggal_evaluasi: date | None = None
    url: str = ""


def saran_tim_mutu(f: FaktaTimMutu) -> Saran:
    rujukan = (Rujukan(f"Tim Mutu {f.tahun}", f.url),) if f.url else ()
    if not f.ada_sk:
        return Saran(0, TIM_TIDAK_ADA.format(tahun=f.tahun), rujukan)
    if not f.ditetapkan:
        return Saran(0, TIM_BELUM_DITETAPKAN.format(tahun=f.tahun, status=f.status), rujukan)
    if f.bidang_belum:
        return Saran(
            4,
            TIM_URAIAN_KURANG.format(nomor=f.nomor_sk, bidang=daftar_kata(list(f.bidang_belum))),
            rujukan,
        )
    if f.tanggal_evaluasi is None:
        return Saran(7, TIM_TANPA_EVALUASI.format(nomor=f.nomor_sk, tahun=f.tahun), rujukan)
    return Saran(
        10, TIM_LENGKAP.format(nomor=f.nomor_sk, tanggal=tanggal(f.tanggal_evaluasi)), rujukan
    )


# --- 1.1.10 Rencana program mutu dan keselamatan pasien ----------------------------------

PROGRAM_TIDAK_ADA = "Tidak ada rencana program mutu dan keselamatan pasien tahun {tahun}."
PROGRAM_BELUM_DILAKSANAKAN = (
    "Rencana memuat {jumlah} kegiatan; belum ada kegiatan yang tercatat terlaksana."
)
PROGRAM_SEBAGIAN = "Rencana memuat {jumlah} kegiatan, {terlaksana} terlaksana; {kurang}."
PROGRAM_LENGKAP = (
    "Rencana lengkap dengan KAK, sumber dana dan sumber daya; {terlaksana} dari {jumlah} "
    "kegiatan terlaksana dengan bukti, dan program telah dievaluasi."
)


@dataclass(frozen=True)
class FaktaProgramMutu:
    tahun: int
    ada: bool = False
    ada_kak: bool = False
    ada_evaluasi: bool = False
    jumlah_kegiatan: int = 0
    dengan_sumber: int = 0
    terlaksana: int = 0
    terlaksana_bercatatan: int = 0
    url: str = ""


def saran_program_mutu(f: FaktaProgramMutu) -> Saran:
    rujukan = (Rujukan(f"Rencana program mutu {f.tahun}", f.url),) if f.url else ()
    if not f.ada or not f.jumlah_kegiatan:
        return Saran(0, PROGRAM_TIDAK_ADA.format(tahun=f.tahun), rujukan)
    if not f.terlaksana:
        return Saran(4, PROGRAM_BELUM_DILAKSANAKAN.format(jumlah=f.jumlah_kegiatan), rujukan)
    kurang = []
    if not f.ada_kak:
        kurang.append("KAK belum ditulis")
    if f.dengan_sumber < f.jumlah_kegiatan:
        kurang.append(
            f"{f.jumlah_kegiatan - f.dengan_sumber} kegiatan belum mencantumkan sumber daya"
        )
    if not f.terlaksana_bercatatan:
        kurang.append("pelaksanaan belum disertai catatan bukti")
    if not f.ada_evaluasi:
        kurang.append("program belum dievaluasi")
    if kurang:
        return Saran(
            7,
            PROGRAM_SEBAGIAN.format(
                jumlah=f.jumlah_kegiatan, terlaksana=f.terlaksana, kurang=daftar_kata(kurang)
            ),
            rujukan,
        )
    return Saran(
        10,
        PROGRAM_LENGKAP.format(terlaksana=f.terlaksana_bercatatan, jumlah=f.jumlah_kegiatan),
        rujukan,
    )


# --- 1.1.11 Manajemen risiko -------------------------------------------------------------

RISIKO_TIDAK_ADA = "Tidak ada risiko yang tercatat di register risiko tahun {tahun}."
RISIKO_TANPA_PENGENDALIAN = (
    "{jumlah} risiko teridentifikasi; belum ada upaya pencegahan dan pengendalian."
)
RISIKO_TIDAK_LENGKAP = (
    "{jumlah} risiko teridentifikasi, {kendali} dengan upaya pengendalian; {kurang} baris "
    "register belum lengkap (pengendalian, pemilik risiko, tanggal tinjauan)."
)
RISIKO_LENGKAP = (
    "{jumlah} risiko teridentifikasi, semuanya dengan pengendalian, pemilik risiko dan "
    "tanggal tinjauan."
)


@dataclass(frozen=True)
class FaktaRisiko:
    tahun: int
    jumlah: int = 0
    dengan_pengendalian: int = 0
    lengkap: int = 0
    url: str = ""


def saran_risiko(f: FaktaRisiko) -> Saran:
    rujukan = (Rujukan(f"Register risiko {f.tahun}", f.url),) if f.url else ()
    if not f.jumlah:
        return Saran(0, RISIKO_TIDAK_ADA.format(tahun=f.tahun), rujukan)
    if not f.dengan_pengendalian:
        return Saran(4, RISIKO_TANPA_PENGENDALIAN.format(jumlah=f.jumlah), rujukan)
    if f.lengkap < f.jumlah:
        return Saran(
            7,
            RISIKO_TIDAK_LENGKAP.format(
                jumlah=f.jumlah, kendali=f.dengan_pengendalian, kurang=f.jumlah - f.lengkap
            ),
            rujukan,
        )
    return Saran(10, RISIKO_LENGKAP.format(jumlah=f.jumlah), rujukan)


# --- 1.1.12 Pengelolaan pengaduan --------------------------------------------------------

ADUAN_TANPA_MEDIA = "Tidak ada media pengaduan yang tercatat disediakan tahun {tahun}."
ADUAN_TANPA_DATA = "Media pengaduan tersedia ({media}); belum ada pengaduan tercatat tahun {tahun}."
ADUAN_SEBAGIAN = (
    "Media tersedia ({media}); {jumlah} pengaduan, {dianalisis} dianalisis, {rtl} dengan RTL, "
    "{dievaluasi} dengan tindak lanjut yang sudah dievaluasi."
)
ADUAN_LENGKAP = (
    "Media tersedia ({media}); {jumlah} pengaduan, semuanya dianalisis dengan RTL yang "
    "ditindaklanjuti dan dievaluasi."
)


@dataclass(frozen=True)
class FaktaPengaduan:
    tahun: int
    media: tuple[str, ...] = ()
    jumlah: int = 0
    dianalisis: int = 0
    dengan_rtl: int = 0
    rtl_dievaluasi: int = 0
    url: str = ""


def saran_pengaduan(f: FaktaPengaduan) -> Saran:
    rujukan = (Rujukan(f"Register pengaduan {f.tahun}", f.url),) if f.url else ()
    if not f.media:
        return Saran(0, ADUAN_TANPA_MEDIA.format(tahun=f.tahun), rujukan)
    media = daftar_kata(list(f.media))
    if not f.jumlah:
        return Saran(4, ADUAN_TANPA_DATA.format(media=media, tahun=f.tahun), rujukan)
    if f.dianalisis == f.jumlah and f.rtl_dievaluasi == f.jumlah:
        return Saran(10, ADUAN_LENGKAP.format(media=media, jumlah=f.jumlah), rujukan)
    return Saran(
        7,
        ADUAN_SEBAGIAN.format(
            media=media,
            jumlah=f.jumlah,
            dianalisis=f.dianalisis,
            rtl=f.dengan_rtl,
            dievaluasi=f.rtl_dievaluasi,
        ),
        rujukan,
    )


# --- 1.1.13 Survei kepuasan masyarakat ---------------------------------------------------

SURVEI_TIDAK_ADA = "Tidak ada survei kepuasan masyarakat tahun {tahun}."
SURVEI_DATA_SAJA = "{jumlah} survei tercatat{ikm}; belum dianalisis."
SURVEI_SEBAGIAN = "{jumlah} survei tercatat{ikm}; {kurang}."
SURVEI_LENGKAP = (
    "{jumlah} survei tercatat{ikm}, dianalisis dengan RTL yang ditindaklanjuti dan dievaluasi, "
    "dan telah dipublikasikan."
)


@dataclass(frozen=True)
class FaktaSurvei:
    tahun: int
    jumlah: int = 0
    dianalisis: int = 0
    rtl_dievaluasi: int = 0
    dipublikasikan: int = 0
    ikm_terakhir: str = ""  # "85,00 (B)" or ""
    url: str = ""


def saran_survei(f: FaktaSurvei) -> Saran:
    rujukan = (Rujukan(f"Survei kepuasan masyarakat {f.tahun}", f.url),) if f.url else ()
    if not f.jumlah:
        return Saran(0, SURVEI_TIDAK_ADA.format(tahun=f.tahun), rujukan)
    ikm = f", IKM terakhir {f.ikm_terakhir}" if f.ikm_terakhir else ""
    if not f.dianalisis:
        return Saran(4, SURVEI_DATA_SAJA.format(jumlah=f.jumlah, ikm=ikm), rujukan)
    kurang = []
    if f.dianalisis < f.jumlah:
        kurang.append(f"{f.jumlah - f.dianalisis} belum dianalisis")
    if f.rtl_dievaluasi < f.jumlah:
        kurang.append(
            f"{f.jumlah - f.rtl_dievaluasi} tanpa RTL yang ditindaklanjuti dan dievaluasi"
        )
    if f.dipublikasikan < f.jumlah:
        kurang.append(f"{f.jumlah - f.dipublikasikan} belum dipublikasikan")
    if kurang:
        return Saran(
            7, SURVEI_SEBAGIAN.format(jumlah=f.jumlah, ikm=ikm, kurang=daftar_kata(kurang)), rujukan
        )
    return Saran(10, SURVEI_LENGKAP.format(jumlah=f.jumlah, ikm=ikm), rujukan)
