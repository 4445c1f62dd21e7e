"""Writes of the RTL (corrective actions): raise one, note progress, record the follow-up
with evidence, evaluate it (belum efektif raises a follow-up RTL), stop it with a reason,
and remind the PJ of overdue ones. The lifecycle rules are ``puskesmas.alat.rtl``."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..alat import access
from ..alat import rtl as aturan
from ..alat.access import Aksi
from ..alat.alur import AlurTidakSah
from ..alat.tenggat import tanggal_indonesia
from ..models import RTL, BuktiRTL, User
from .inti import KonflikVersi, notifikasi_kirim

logger = logging.getLogger(__name__)

# Fields of an RTL the person raising it fills (the form and the service read this list).
KOLOM_RTL = ("klaster", "masalah", "penyebab", "jenis", "rencana", "pj", "pj_instansi", "batas")
# A follow-up RTL raised by a belum efektif evaluation is due this many days after it.
HARI_LANJUTAN = 30
PESAN_PJ_LUAR = "Penanggung jawab harus pegawai Puskesmas ini."
MAKS_BUKTI = 10
PESAN_BUKTI_BANYAK = f"Paling banyak {MAKS_BUKTI} berkas bukti sekaligus."


def _kunci(rtl: RTL, user, aksi: Aksi) -> RTL:
    terkini = RTL.objects.select_for_update().get(pk=rtl.pk)
    access.wajib(user, aksi, terkini)
    return terkini


def _periksa(pesan: str | None) -> None:
    if pesan:
        raise AlurTidakSah(pesan)


def _periksa_sumber(sumber) -> None:
    """An RTL is part of the record that raised it: while that record is locked (an
    approved Lokmin), its RTL are not added, edited or removed there."""
    if sumber is not None and hasattr(sumber, "pastikan_bisa_diubah"):
        sumber.pastikan_bisa_diubah()


def _periksa_pj(puskesmas, data: dict) -> None:
    pj = data.get("pj")
    _periksa(aturan.periksa_pj(ada_user=pj is not None, instansi=data.get("pj_instansi", "")))
    if pj is not None and not pj.peran.filter(puskesmas=puskesmas).exists():
        raise AlurTidakSah(PESAN_PJ_LUAR)


def _simpan(rtl: RTL, user, alasan: str) -> RTL:
    rtl.versi += 1
    rtl._history_user = user
    rtl._change_reason = alasan
    rtl.save()
    return rtl


def _tautan(rtl: RTL) -> str:
    return reverse("rtl_detail", args=[rtl.pk])


def _beri_tahu_pj(rtl: RTL, judul: str) -> None:
    if rtl.pj_id is not None:
        notifikasi_kirim(
            penerima=rtl.pj,
            judul=judul,
            pesan=f"{rtl.masalah}\nRencana: {rtl.rencana}\nBatas: {tanggal_indonesia(rtl.batas)}",
            tautan=_tautan(rtl),
            email=True,
        )


@transaction.atomic
def rtl_buat(
    *, puskesmas, data: dict, user, aksi: Aksi, sumber=None, sumber_label: str = ""
) -> RTL:
    """Raise an RTL at ``puskesmas`` from ``sumber`` (a Lokmin, an audit finding …; None
    for one raised on its own). ``aksi`` is the capability the source asks for."""
    access.wajib(user, aksi, puskesmas)
    _periksa_sumber(sumber)
    _periksa_pj(puskesmas, data)
    rtl = RTL(
        puskesmas=puskesmas,
        sumber_label=sumber_label or str(sumber or ""),
        dibuat_oleh=user,
        **{k: data.get(k) for k in KOLOM_RTL if k in data},
    )
    if rtl.pj_instansi is None:
        rtl.pj_instansi = ""
    if sumber is not None:
        rtl.sumber_jenis = ContentType.objects.get_for_model(type(sumber))
        rtl.sumber_id = sumber.pk
    rtl._history_user = user
    rtl._change_reason = f"Dibuat dari {rtl.sumber_label}"
    rtl.save()
    _beri_tahu_pj(rtl, "RTL baru untuk Anda")
    return rtl


@transaction.atomic
def rtl_ubah(*, rtl: RTL, data: dict, versi: int | None, user, aksi: Aksi) -> RTL:
    """Edit what an open RTL says (masalah, rencana, PJ, due date) while its source is
    editable; a stale form is refused."""
    terkini = _kunci(rtl, user, aksi)
    if versi is None or versi != terkini.versi:
        raise KonflikVersi()
    _periksa(aturan.pesan_langkah(terkini.status, aturan.Langkah.UBAH))
    _periksa_sumber(terkini.sumber)
    _periksa_pj(terkini.puskesmas, data)
    for k in KOLOM_RTL:
        if k in data:
            setattr(terkini, k, data[k] if data[k] is not None or k != "pj_instansi" else "")
    return _simpan(terkini, user, "Diubah")


@transaction.atomic
def rtl_hapus(*, rtl: RTL, user, aksi: Aksi) -> None:
    """Remove an RTL raised by mistake: only while nothing was done on it and its source
    is editable."""
    terkini = _kunci(rtl, user, aksi)
    _periksa(aturan.pesan_langkah(terkini.status, aturan.Langkah.UBAH))
    if terkini.status != aturan.StatusRTL.BELUM or terkini.lanjutan.exists():
        raise AlurTidakSah(
            aturan.PESAN_LANGKAH.format(
                status=aturan.LABEL_STATUS[aturan.StatusRTL(terkini.status)], langkah="dihapus"
            )
        )
    _periksa_sumber(terkini.sumber)
    terkini._history_user = user
    terkini.delete()


@transaction.atomic
def rtl_progres(*, rtl: RTL, catatan: str, user, batas_baru: date | None = None) -> RTL:
    """Note progress on an open RTL (it becomes *proses*); a new due date carries it on."""
    terkini = _kunci(rtl, user, Aksi.TINDAK_LANJUT_RTL)
    _periksa(aturan.pesan_langkah(terkini.status, aturan.Langkah.PROGRES))
    terkini.status = aturan.status_sesudah(terkini.status, aturan.Langkah.PROGRES)
    terkini.catatan_progres = catatan.strip()
    if batas_baru is not None:
        terkini.batas = batas_baru
    return _simpan(terkini, user, f"Progres: {catatan.strip()}")


@transaction.atomic
def rtl_tindak_lanjut(*, rtl: RTL, uraian: str, tanggal: date, berkas: list, user) -> RTL:
    """Record the follow-up: what was done, when, and at least one evidence file. The RTL
    is then *selesai* and awaits its evaluation."""
    terkini = _kunci(rtl, user, Aksi.TINDAK_LANJUT_RTL)
    _periksa(aturan.pesan_langkah(terkini.status, aturan.Langkah.TINDAK_LANJUT))
    if len(berkas) > MAKS_BUKTI:
        raise AlurTidakSah(PESAN_BUKTI_BANYAK)
    _periksa(
        aturan.periksa_tindak_lanjut(
            tanggal=tanggal, hari_ini=timezone.localdate(), jumlah_bukti=len(berkas)
        )
    )
    terkini.status = aturan.status_sesudah(terkini.status, aturan.Langkah.TINDAK_LANJUT)
    terkini.tindak_lanjut = uraian.strip()
    terkini.tanggal_tindak_lanjut = tanggal
    _simpan(terkini, user, "Tindak lanjut dicatat")
    for f in berkas:
        bukti = BuktiRTL(rtl=terkini, berkas=f, nama=f.name[:200], diunggah_oleh=user)
        bukti._history_user = user
        bukti.save()
    return terkini


@transaction.atomic
def rtl_evaluasi(
    *,
    rtl: RTL,
    tanggal: date,
    hasil: str,
    catatan: str,
    user,
    rencana_lanjutan: str = "",
    batas_lanjutan: date | None = None,
) -> tuple[RTL, RTL | None]:
    """Evaluate a done RTL. *Belum efektif* raises a follow-up RTL linked to it (same
    masalah, klaster and PJ; the new plan and due date given, else the old plan and
    ``HARI_LANJUTAN`` days). Returns the RTL and its follow-up (or None)."""
    terkini = _kunci(rtl, user, Aksi.EVALUASI_RTL)
    _periksa(aturan.pesan_langkah(terkini.status, aturan.Langkah.EVALUASI))
    _periksa(
        aturan.periksa_evaluasi(
            tanggal=tanggal,
            hari_ini=timezone.localdate(),
            tanggal_tindak_lanjut=terkini.tanggal_tindak_lanjut,
            hasil=hasil,
            catatan=catatan,
        )
    )
    terkini.status = aturan.status_sesudah(terkini.status, aturan.Langkah.EVALUASI)
    terkini.tanggal_evaluasi = tanggal
    terkini.hasil_evaluasi = hasil
    terkini.catatan_evaluasi = catatan.strip()
    _simpan(terkini, user, f"Evaluasi: {aturan.LABEL_HASIL[aturan.HasilEvaluasi(hasil)]}")
    lanjutan = None
    if aturan.perlu_rtl_lanjutan(hasil):
        lanjutan = RTL(
            puskesmas_id=terkini.puskesmas_id,
            sumber_jenis_id=terkini.sumber_jenis_id,
            sumber_id=terkini.sumber_id,
            sumber_label=terkini.sumber_label,
            klaster_id=terkini.klaster_id,
            masalah=terkini.masalah,
            penyebab="\n".join(filter(None, [terkini.penyebab, catatan.strip()])),
            jenis=terkini.jenis,
            rencana=rencana_lanjutan.strip() or terkini.rencana,
            pj_id=terkini.pj_id,
            pj_instansi=terkini.pj_instansi,
            batas=batas_lanjutan or tanggal + timedelta(days=HARI_LANJUTAN),
            asal=terkini,
            dibuat_oleh=user,
        )
        lanjutan._history_user = user
        lanjutan._change_reason = "Lanjutan dari evaluasi belum efektif"
        lanjutan.save()
        _beri_tahu_pj(lanjutan, "RTL lanjutan untuk Anda")
    return terkini, lanjutan


@transaction.atomic
def rtl_hentikan(*, rtl: RTL, alasan: str, user) -> RTL:
    """Stop an open RTL (*tidak dilanjutkan*), with the reason kept."""
    terkini = _kunci(rtl, user, Aksi.EVALUASI_RTL)
    _periksa(aturan.pesan_langkah(terkini.status, aturan.Langkah.HENTIKAN))
    if not alasan.strip():
        raise AlurTidakSah(aturan.PESAN_ALASAN_HENTIKAN)
    terkini.status = aturan.status_sesudah(terkini.status, aturan.Langkah.HENTIKAN)
    terkini.alasan_dihentikan = alasan.strip()
    return _simpan(terkini, user, f"Tidak dilanjutkan: {alasan.strip()}")


def rtl_kirim_pengingat(*, hari_ini: date | None = None) -> int:
    """Remind the PJ of every overdue open RTL: the day after its due date, then weekly.
    An instansi as PJ cannot be reminded in the app, so whoever raised the RTL is. Each
    reminder arrives once per RTL and stage (key ``rtl:<pk>:lewat-<n>``). Returns the count
    of notifications created."""
    hari_ini = hari_ini or timezone.localdate()
    terkirim = 0
    terlambat = RTL.objects.filter(status__in=list(aturan.TERBUKA), batas__lt=hari_ini)
    for rtl in terlambat.select_related("pj", "dibuat_oleh", "puskesmas").iterator():
        tahap = aturan.tahap_terlambat(status=rtl.status, batas=rtl.batas, hari_ini=hari_ini)
        if tahap is None:
            continue
        penerima: User = rtl.pj if rtl.pj_id else rtl.dibuat_oleh
        if not penerima.is_active:
            continue
        hasil = notifikasi_kirim(
            penerima=penerima,
            judul=f"RTL terlambat: {rtl.masalah[:100]}",
            pesan=(
                f"RTL {rtl.puskesmas} ({rtl.sumber_label}) melewati batas "
                f"{tanggal_indonesia(rtl.batas)} dan belum ditindaklanjuti."
                + ("" if rtl.pj_id else f" Penanggung jawab: {rtl.pj_instansi}.")
            ),
            tautan=_tautan(rtl),
            kunci=f"rtl:{rtl.pk}:{tahap.kode}",
            email=True,
        )
        terkirim += hasil is not None
    return terkirim
