"""Writes of the registers and the quality programme. Every write re-checks the user's
capability (``Aksi.KELOLA_MUTU``; the SK Tim Mutu is signed with ``Aksi.SAHKAN`` through
alur) and records who did it in the audit history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, StatusAlur, alur_jalankan
from puskesmas.alat.rtl import StatusRTL
from puskesmas.models import RTL, PenugasanPeran
from puskesmas.services import rtl as rtl_services
from puskesmas.services.inti import KonflikVersi, kunci_puskesmas, simpan_berversi

from .. import aturan_register as aturan
from ..models import (
    AnggotaTimMutu,
    EvaluasiTimMutu,
    KegiatanMutu,
    MediaPengaduan,
    Pengaduan,
    RealisasiMutu,
    RencanaProgramMutu,
    Risiko,
    SurveiKepuasan,
    TimMutu,
)

PESAN_ORANG_LUAR = "{nama} tidak memegang peran apa pun di Puskesmas ini."
PESAN_SUDAH_ADA = (
    "{dokumen} tahun {tahun} sudah dibuat oleh pengguna lain sejak Anda membuka formulir ini."
)
PESAN_EVALUASI_TANPA_SK = (
    "Evaluasi uraian tugas tahun {tahun} belum dapat dicatat: SK Tim Mutu tahun itu belum "
    "ditetapkan Kepala Puskesmas."
)
PESAN_TERLAKSANA_TANPA_TANGGAL = "Tanggal pelaksanaan wajib diisi untuk kegiatan yang terlaksana."
PESAN_TAHUN_BEDA = "Tanggal {label} harus dalam tahun {tahun}."

TERBUKA_RTL = (StatusRTL.BELUM.value, StatusRTL.PROSES.value)


class RegisterGagal(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _periksa_orang(puskesmas, users: Iterable) -> None:
    users = [u for u in users if u is not None]
    if not users:
        return
    sah = set(
        PenugasanPeran.objects.filter(
            puskesmas=puskesmas, user_id__in=[u.pk for u in users]
        ).values_list("user_id", flat=True)
    )
    for u in users:
        if u.pk not in sah:
            raise RegisterGagal(PESAN_ORANG_LUAR.format(nama=u))


# --- Pengaduan ---------------------------------------------------------------------------


@transaction.atomic
def media_pengaduan_simpan(*, puskesmas, tahun: int, media: dict[str, str], user) -> None:
    """Set the complaint channels ``puskesmas`` provides in ``tahun``: ``media`` maps each
    channel offered to its note; channels left out are removed."""
    access.wajib(user, Aksi.KELOLA_MUTU, puskesmas)
    ada = {m.media: m for m in MediaPengaduan.objects.filter(puskesmas=puskesmas, tahun=tahun)}
    for kode, m in ada.items():
        if kode not in media:
            m._history_user = user
            m.delete()
    for kode, keterangan in media.items():
        m = ada.get(kode) or MediaPengaduan(puskesmas=puskesmas, tahun=tahun, media=kode)
        if m.pk and m.keterangan == keterangan:
            continue
        m.keterangan = keterangan
        m._history_user = user
        m.full_clean()
        m.save()


@transaction.atomic
def pengaduan_simpan(*, pengaduan: Pengaduan, versi: int | None, user) -> Pengaduan:
    """Record a complaint or edit it; its status follows what is recorded
    (``aturan.status_pengaduan``). A closed complaint is no longer edited."""
    if pengaduan.pk is None:
        pengaduan.dicatat_oleh = user
        jumlah_rtl = 0
    else:
        terkini = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
        if terkini.status == aturan.SELESAI:
            raise RegisterGagal(aturan.PESAN_SUDAH_SELESAI)
        pengaduan.status = terkini.status
        jumlah_rtl = _rtl_pengaduan(pengaduan).count()
    pengaduan.status = aturan.status_pengaduan(
        sekarang=pengaduan.status,
        ada_analisis=bool(pengaduan.analisis.strip()),
        jumlah_rtl=jumlah_rtl,
    )
    return simpan_berversi(instance=pengaduan, versi=versi, user=user, aksi=Aksi.KELOLA_MUTU)


def _rtl_pengaduan(pengaduan: Pengaduan):
    from django.contrib.contenttypes.models import ContentType

    return RTL.objects.filter(
        sumber_jenis=ContentType.objects.get_for_model(Pengaduan), sumber_id=pengaduan.pk
    )


@transaction.atomic
def pengaduan_rtl_buat(*, pengaduan: Pengaduan, data: dict, user) -> RTL:
    """Raise an RTL from a complaint (its source); an analysed complaint becomes
    ``ditindaklanjuti``. Needs the analysis first: the RTL answers it."""
    terkini = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    access.wajib(user, Aksi.KELOLA_MUTU, terkini)
    if terkini.status == aturan.SELESAI:
        raise RegisterGagal(aturan.PESAN_SUDAH_SELESAI)
    rtl = rtl_services.rtl_buat(
        puskesmas=terkini.puskesmas,
        data=data,
        user=user,
        aksi=Aksi.KELOLA_MUTU,
        sumber=terkini,
        sumber_label=str(terkini),
    )
    status = aturan.status_pengaduan(
        sekarang=terkini.status,
        ada_analisis=bool(terkini.analisis.strip()),
        jumlah_rtl=_rtl_pengaduan(terkini).count(),
    )
    if status != terkini.status:
        terkini.status = status
        terkini.versi += 1
        terkini._history_user = user
        terkini._change_reason = "RTL dibuat"
        terkini.save()
    return rtl


@transaction.atomic
def pengaduan_tutup(*, pengaduan: Pengaduan, user) -> Pengaduan:
    """Close a complaint: analysed and every RTL of it done (``aturan.pesan_tutup_pengaduan``)."""
    terkini = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    access.wajib(user, Aksi.KELOLA_MUTU, terkini)
    pesan = aturan.pesan_tutup_pengaduan(
        status=terkini.status,
        ada_analisis=bool(terkini.analisis.strip()),
        rtl_terbuka=_rtl_pengaduan(terkini).filter(status__in=TERBUKA_RTL).count(),
    )
    if pesan:
        raise RegisterGagal(pesan)
    terkini.status = aturan.SELESAI
    terkini.versi += 1
    terkini._history_user = user
    terkini._change_reason = "Ditutup"
    terkini.save()
    return terkini


# --- Survei kepuasan ---------------------------------------------------------------------


@transaction.atomic
def survei_simpan(*, survei: SurveiKepuasan, versi: int | None, user) -> SurveiKepuasan:
    """Record or edit a satisfaction survey; its IKM must be computable (nine unsur 1–4)."""
    try:
        aturan.indeks_kepuasan(survei.nilai_unsur)
    except aturan.NilaiTidakSah as exc:
        raise RegisterGagal(exc.message) from None
    if survei.tanggal_mulai.year != survei.tahun:
        raise RegisterGagal(PESAN_TAHUN_BEDA.format(label="mulai", tahun=survei.tahun))
    if survei.pk is None:
        survei.dicatat_oleh = user
    if not survei.dipublikasikan:
        survei.media_publikasi, survei.tanggal_publikasi = "", None
    return simpan_berversi(instance=survei, versi=versi, user=user, aksi=Aksi.KELOLA_MUTU)


@transaction.atomic
def survei_rtl_buat(*, survei: SurveiKepuasan, data: dict, user) -> RTL:
    """Raise an RTL from a survey's analysis (its source)."""
    terkini = SurveiKepuasan.objects.select_for_update().get(pk=survei.pk)
    access.wajib(user, Aksi.KELOLA_MUTU, terkini)
    return rtl_services.rtl_buat(
        puskesmas=terkini.puskesmas,
        data=data,
        user=user,
        aksi=Aksi.KELOLA_MUTU,
        sumber=terkini,
        sumber_label=str(terkini),
    )


# --- Register risiko ---------------------------------------------------------------------


@transaction.atomic
def risiko_simpan(*, risiko: Risiko, versi: int | None, user) -> Risiko:
    """Record or edit a risk; its owner works at the Puskesmas."""
    try:
        aturan.skor_risiko(risiko.kemungkinan, risiko.dampak)
    except aturan.NilaiTidakSah as exc:
        raise RegisterGagal(exc.message) from None
    _periksa_orang(risiko.puskesmas, [risiko.pemilik])
    if risiko.pk is None:
        risiko.dicatat_oleh = user
    return simpan_berversi(instance=risiko, versi=versi, user=user, aksi=Aksi.KELOLA_MUTU)


# --- Tim Mutu ----------------------------------------------------------------------------


@transaction.atomic
def tim_mutu_simpan(
    *,
    user,
    tim: TimMutu,
    versi: int | None,
    anggota_simpan: Iterable[AnggotaTimMutu] = (),
    anggota_hapus: Iterable[AnggotaTimMutu] = (),
) -> TimMutu:
    """Create or edit the year's Tim Mutu with its members and their uraian tugas; locked
    once submitted (alur's message), a stale ``versi`` is refused."""
    access.wajib(user, Aksi.KELOLA_MUTU, tim.puskesmas)
    anggota_simpan, anggota_hapus = list(anggota_simpan), list(anggota_hapus)
    _periksa_orang(tim.puskesmas, [a.user for a in anggota_simpan])
    if tim.pk is None:
        kunci_puskesmas(tim.puskesmas)
        if TimMutu.objects.filter(puskesmas=tim.puskesmas, tahun=tim.tahun).exists():
            raise KonflikVersi(PESAN_SUDAH_ADA.format(dokumen="Tim Mutu", tahun=tim.tahun))
    else:
        terkini = TimMutu.objects.select_for_update().get(pk=tim.pk)
        terkini.pastikan_bisa_diubah()
        if versi is None or terkini.versi != versi:
            raise KonflikVersi()
        tim.status = terkini.status
        tim.versi = terkini.versi + 1
    tim._history_user = user
    tim.save()
    for a in anggota_hapus:
        if a.pk and a.tim_id == tim.pk:
            a._history_user = user
            a.delete()
    for a in anggota_simpan:
        a.tim = tim
        a._history_user = user
        a.save()
    return tim


@transaction.atomic
def tim_mutu_jalankan(*, user, tim: TimMutu, langkah: str, catatan: str = "") -> TimMutu:
    """One step of the SK Tim Mutu: submitted by the Tim Mutu or management, returned with
    a reason or signed (ditetapkan) by the Kepala Puskesmas."""
    return alur_jalankan(objek=tim, langkah=langkah, user=user, catatan=catatan)


@transaction.atomic
def evaluasi_tim_mutu_simpan(
    *, evaluasi: EvaluasiTimMutu, versi: int | None, user
) -> EvaluasiTimMutu:
    """Record the year's evaluation of the uraian tugas: there must be a signed SK that
    year to evaluate against."""
    if not TimMutu.objects.filter(
        puskesmas=evaluasi.puskesmas, tahun=evaluasi.tahun, status=StatusAlur.DISAHKAN
    ).exists():
        raise RegisterGagal(PESAN_EVALUASI_TANPA_SK.format(tahun=evaluasi.tahun))
    if evaluasi.pk is None:
        access.wajib(user, Aksi.KELOLA_MUTU, evaluasi.puskesmas)
        kunci_puskesmas(evaluasi.puskesmas)
        if EvaluasiTimMutu.objects.filter(
            puskesmas=evaluasi.puskesmas, tahun=evaluasi.tahun
        ).exists():
            raise KonflikVersi(
                PESAN_SUDAH_ADA.format(dokumen="Evaluasi Tim Mutu", tahun=evaluasi.tahun)
            )
        evaluasi.dievaluasi_oleh = user
    return simpan_berversi(instance=evaluasi, versi=versi, user=user, aksi=Aksi.KELOLA_MUTU)


# --- Rencana program mutu dan keselamatan pasien ------------------------------------------


@transaction.atomic
def rencana_mutu_simpan(
    *, rencana: RencanaProgramMutu, versi: int | None, user
) -> RencanaProgramMutu:
    """Create or edit the year's rencana program mutu (its KAK, attachment, evaluation)."""
    berkas = rencana.berkas_kak
    if berkas and not getattr(berkas, "_committed", True):
        rencana.nama_berkas_kak = berkas.name[:200]
    elif not berkas:
        rencana.nama_berkas_kak = ""
    if rencana.pk is None:
        access.wajib(user, Aksi.KELOLA_MUTU, rencana.puskesmas)
        kunci_puskesmas(rencana.puskesmas)
        if RencanaProgramMutu.objects.filter(
            puskesmas=rencana.puskesmas, tahun=rencana.tahun
        ).exists():
            raise KonflikVersi(
                PESAN_SUDAH_ADA.format(dokumen="Rencana program mutu", tahun=rencana.tahun)
            )
    return simpan_berversi(instance=rencana, versi=versi, user=user, aksi=Aksi.KELOLA_MUTU)


@transaction.atomic
def kegiatan_mutu_simpan(*, kegiatan: KegiatanMutu, versi: int | None, user) -> KegiatanMutu:
    """Add or edit an activity of the plan (what, funds, resources, month, PJ)."""
    _periksa_orang(kegiatan.rencana.puskesmas, [kegiatan.pj])
    return simpan_berversi(instance=kegiatan, versi=versi, user=user, aksi=Aksi.KELOLA_MUTU)


@transaction.atomic
def kegiatan_mutu_hapus(*, kegiatan: KegiatanMutu, user) -> None:
    access.wajib(user, Aksi.KELOLA_MUTU, kegiatan)
    kegiatan._history_user = user
    kegiatan.delete()


@transaction.atomic
def kegiatan_mutu_realisasi(
    *,
    kegiatan: KegiatanMutu,
    realisasi: str,
    tanggal: date | None,
    catatan: str,
    versi: int | None,
    user,
) -> KegiatanMutu:
    """Follow up an activity as RPK rows are: terlaksana (with its date) or belum, and a
    note of what was done or why not."""
    terkini = KegiatanMutu.objects.select_for_update().get(pk=kegiatan.pk)
    access.wajib(user, Aksi.KELOLA_MUTU, terkini)
    if versi is None or versi != terkini.versi:
        raise KonflikVersi()
    if realisasi not in RealisasiMutu.values:
        raise RegisterGagal(f"Realisasi «{realisasi}» tidak dikenal.")
    if realisasi == RealisasiMutu.TERLAKSANA and tanggal is None:
        raise RegisterGagal(PESAN_TERLAKSANA_TANPA_TANGGAL)
    terkini.realisasi = realisasi
    terkini.tanggal_realisasi = tanggal if realisasi == RealisasiMutu.TERLAKSANA else None
    terkini.catatan_realisasi = catatan
    terkini.versi += 1
    terkini._history_user = user
    terkini._change_reason = f"Realisasi: {terkini.get_realisasi_display()}"
    terkini.save()
    return terkini


__all__ = [
    "AlurTidakSah",
    "KonflikVersi",
    "RegisterGagal",
    "evaluasi_tim_mutu_simpan",
    "kegiatan_mutu_hapus",
    "kegiatan_mutu_realisasi",
    "kegiatan_mutu_simpan",
    "media_pengaduan_simpan",
    "pengaduan_rtl_buat",
    "pengaduan_simpan",
    "pengaduan_tutup",
    "rencana_mutu_simpan",
    "risiko_simpan",
    "survei_rtl_buat",
    "survei_simpan",
    "tim_mutu_jalankan",
    "tim_mutu_simpan",
]
