"""Writes of the RTM: schedule it, invite staff and record attendance, write the notulen,
analysis and changes, take decisions as RTL (``sumber`` = the RTM), and move it through its
workflow (draft → diajukan → disetujui by the Kepala Puskesmas, then locked)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, alur_jalankan
from puskesmas.models import RTL, User
from puskesmas.services import rtl as rtl_services
from puskesmas.services.inti import KonflikVersi

from ..models import RTM, PesertaRTM

PESAN_TAHUN = "Tanggal RTM harus di dalam tahun {tahun}."
PESAN_RTL_LAIN = "RTL ini bukan keputusan RTM ini."

AGENDA_DEFAULT = "\n".join(
    [
        "Tindak lanjut RTM sebelumnya",
        "Kinerja terhadap target (PWS) dan realisasi RPK",
        "Hasil audit internal, pengaduan dan survei kepuasan, register risiko",
        "Perubahan yang berpengaruh pada sistem manajemen mutu",
        "Rekomendasi perbaikan dan rencana tindak lanjut",
    ]
)

# The fields of the meeting its organisers edit (the form reads this list).
KOLOM_RTM = ("tanggal", "waktu", "tempat", "agenda", "perubahan", "notulen", "analisis")


def _terkunci(rtm: RTM, user, aksi: Aksi = Aksi.SUSUN_RTM) -> RTM:
    """The meeting's row, locked for this transaction, checked for access and editability."""
    terkini = RTM.objects.select_for_update().get(pk=rtm.pk)
    access.wajib(user, aksi, terkini)
    terkini.pastikan_bisa_diubah()
    return terkini


def _simpan(obj, user, alasan: str = ""):
    obj._history_user = user
    if alasan:
        obj._change_reason = alasan
    obj.save()
    return obj


@transaction.atomic
def rtm_buat(*, puskesmas, tahun: int, tanggal: date, tempat: str, user, waktu: str = "") -> RTM:
    """Schedule an RTM of ``puskesmas`` in ``tahun`` (any number a year; at least two are
    expected, ``pengawasan.aturan_rtm``), with the default agenda."""
    access.wajib(user, Aksi.SUSUN_RTM, puskesmas)
    if tanggal.year != tahun:
        raise AlurTidakSah(PESAN_TAHUN.format(tahun=tahun))
    rtm = RTM(
        puskesmas=puskesmas,
        tahun=tahun,
        tanggal=tanggal,
        waktu=waktu.strip(),
        tempat=tempat.strip(),
        agenda=AGENDA_DEFAULT,
    )
    return _simpan(rtm, user, "Dijadwalkan")


@transaction.atomic
def rtm_ubah(*, rtm: RTM, data: dict, versi: int | None, user) -> RTM:
    """Edit the meeting (date, place, agenda, changes, notulen, analysis) while it is a
    draft or returned; a stale form is refused."""
    terkini = _terkunci(rtm, user)
    if versi is None or versi != terkini.versi:
        raise KonflikVersi()
    tanggal = data.get("tanggal")
    if tanggal is not None and tanggal.year != terkini.tahun:
        raise AlurTidakSah(PESAN_TAHUN.format(tahun=terkini.tahun))
    for k in KOLOM_RTM:
        if k in data:
            setattr(terkini, k, data[k])
    terkini.versi += 1
    return _simpan(terkini, user, "Diubah")


@transaction.atomic
def peserta_undang_pegawai(*, rtm: RTM, user) -> int:
    """Invite every active member of staff of the Puskesmas not invited yet; returns how
    many were added."""
    terkini = _terkunci(rtm, user)
    ada = set(terkini.peserta.values_list("user_id", flat=True))
    baru = 0
    pegawai = User.objects.filter(peran__puskesmas_id=terkini.puskesmas_id, is_active=True)
    for u in pegawai.distinct().order_by("nama_lengkap", "username"):
        if u.pk in ada:
            continue
        _simpan(PesertaRTM(rtm=terkini, user=u, nama=u.get_full_name(), jabatan=u.jabatan), user)
        baru += 1
    return baru


@transaction.atomic
def kehadiran_simpan(*, rtm: RTM, hadir_ids: set[int], user) -> int:
    """Record who attended: exactly the peserta in ``hadir_ids``. Returns the count."""
    terkini = _terkunci(rtm, user)
    jumlah = 0
    for p in terkini.peserta.all():
        hadir = p.pk in hadir_ids
        jumlah += hadir
        if p.hadir != hadir:
            p.hadir = hadir
            _simpan(p, user)
    return jumlah


@transaction.atomic
def rtm_rtl_buat(*, rtm: RTM, data: dict, user) -> RTL:
    """Take a decision of the meeting as an RTL whose source is the RTM."""
    terkini = _terkunci(rtm, user)
    return rtl_services.rtl_buat(
        puskesmas=terkini.puskesmas,
        data=data,
        user=user,
        aksi=Aksi.SUSUN_RTM,
        sumber=terkini,
        sumber_label=f"{terkini} {terkini.puskesmas.nama}",
    )


@transaction.atomic
def rtm_rtl_hapus(*, rtm: RTM, rtl: RTL, user) -> None:
    terkini = _terkunci(rtm, user)
    if rtl.sumber_id != terkini.pk or not isinstance(rtl.sumber, RTM):
        raise AlurTidakSah(PESAN_RTL_LAIN)
    rtl_services.rtl_hapus(rtl=rtl, user=user, aksi=Aksi.SUSUN_RTM)


def rtm_alur(*, rtm: RTM, langkah: str, user, catatan: str = "") -> RTM:
    """Ajukan, kembalikan (with a reason, kept until submitted again) or setujui."""
    with transaction.atomic():
        hasil = alur_jalankan(objek=rtm, langkah=langkah, user=user, catatan=catatan)
        if langkah == "kembalikan":
            hasil.catatan_pengembalian = catatan.strip()
            hasil.save(update_fields=["catatan_pengembalian"])
        elif langkah == "ajukan" and hasil.catatan_pengembalian:
            hasil.catatan_pengembalian = ""
            hasil.save(update_fields=["catatan_pengembalian"])
    return hasil
