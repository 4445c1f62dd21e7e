"""Writes of the Lokakarya Mini: schedule it, invite (staff and outsiders), record
attendance and the notulen per klaster, review earlier RTL, raise new ones, and move it
through its workflow (draft → diajukan → disetujui by the Kepala: selesai and locked)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, alur_jalankan
from puskesmas.models import RTL, Klaster, User
from puskesmas.services import rtl as rtl_services
from puskesmas.services.inti import KonflikVersi, kunci_puskesmas

from .. import aturan, kalender
from ..models import KeputusanTinjauan, Lokmin, NotulenKlaster, PesertaLokmin, TinjauanRTL

PESAN_SUDAH_ADA = "{lokmin} sudah dijadwalkan."
PESAN_BULAN_SALAH = (
    "Lokmin tribulanan hanya diadakan pada bulan Februari, Mei, Agustus, dan November."
)
PESAN_RTL_LAIN = "RTL ini bukan milik Puskesmas Lokmin ini."
PESAN_RTL_SENDIRI = "RTL yang dibuat pada Lokmin ini tidak ditinjau di Lokmin yang sama."
PESAN_BATAS_BARU = "RTL yang dilanjutkan wajib diberi batas waktu baru."
PESAN_TUTUP_BELUM_TL = (
    "RTL hanya dapat ditutup setelah tindak lanjutnya dicatat dengan bukti: buka RTL ini dan "
    "catat tindak lanjutnya terlebih dahulu."
)
PESAN_PESERTA_LAIN = "Peserta ini bukan peserta Lokmin ini."

# The fields of the meeting an organiser edits (the form reads this list).
KOLOM_LOKMIN = (
    "tanggal", "waktu", "tempat", "agenda", "undangan_nomor", "undangan_dikirim",
    "pengarahan_poa", "kesepakatan_pegawai", "masalah_sektor", "komitmen_lintas_sektor",
)  # fmt: skip


def _periksa(pesan: str | None) -> None:
    if pesan:
        raise AlurTidakSah(pesan)


def _terkunci(lokmin: Lokmin, user, aksi: Aksi = Aksi.SUSUN_LOKMIN) -> Lokmin:
    """The meeting's row, locked for this transaction, checked for access and editability."""
    terkini = Lokmin.objects.select_for_update().get(pk=lokmin.pk)
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
def lokmin_buat(
    *, puskesmas, tahun: int, bulan: int, jenis: str, tanggal: date, tempat: str, user,
    waktu: str = "",
) -> Lokmin:  # fmt: skip
    """Schedule the Lokmin of ``jenis`` for ``bulan``, its agenda defaulted for the kind
    and month (editable afterwards)."""
    access.wajib(user, Aksi.SUSUN_LOKMIN, puskesmas)
    if not kalender.diadakan(jenis, bulan):
        raise AlurTidakSah(PESAN_BULAN_SALAH)
    kunci_puskesmas(puskesmas)
    lokmin = Lokmin(
        puskesmas=puskesmas,
        tahun=tahun,
        bulan=bulan,
        jenis=jenis,
        tanggal=tanggal,
        waktu=waktu,
        tempat=tempat,
        agenda=kalender.agenda_default(jenis, tahun, bulan),
    )
    if Lokmin.objects.filter(puskesmas=puskesmas, tahun=tahun, bulan=bulan, jenis=jenis).exists():
        raise AlurTidakSah(PESAN_SUDAH_ADA.format(lokmin=lokmin))
    return _simpan(lokmin, user, "Dijadwalkan")


@transaction.atomic
def lokmin_ubah(*, lokmin: Lokmin, data: dict, versi: int | None, user) -> Lokmin:
    terkini = _terkunci(lokmin, user)
    if versi is None or versi != terkini.versi:
        raise KonflikVersi()
    for k in KOLOM_LOKMIN:
        if k in data:
            setattr(terkini, k, data[k])
    terkini.versi += 1
    return _simpan(terkini, user, "Diubah")


@transaction.atomic
def peserta_undang_pegawai(*, lokmin: Lokmin, user, pengguna: list[User] | None = None) -> int:
    """Invite the Puskesmas's people (``pengguna``, default all active users holding a role
    there); those already invited are skipped. Returns how many were added."""
    terkini = _terkunci(lokmin, user)
    pegawai = User.objects.filter(
        peran__puskesmas_id=terkini.puskesmas_id, is_active=True
    ).distinct()
    if pengguna is not None:
        pegawai = pegawai.filter(pk__in=[u.pk for u in pengguna])
    ada = set(terkini.peserta.exclude(user=None).values_list("user_id", flat=True))
    baru = 0
    for u in pegawai.order_by("nama_lengkap", "username"):
        if u.pk in ada:
            continue
        _simpan(
            PesertaLokmin(
                lokmin=terkini,
                user=u,
                nama=u.get_full_name(),
                jabatan=u.jabatan,
                instansi=str(terkini.puskesmas),
                kategori="internal",
            ),
            user,
        )
        baru += 1
    return baru


@transaction.atomic
def peserta_tambah_luar(
    *, lokmin: Lokmin, nama: str, jabatan: str, instansi: str, kategori: str, user
) -> PesertaLokmin:
    """Invite an outsider by name, jabatan and instansi (no account)."""
    terkini = _terkunci(lokmin, user)
    _periksa(aturan.periksa_peserta_luar(jenis=terkini.jenis, kategori=kategori, instansi=instansi))
    peserta = PesertaLokmin(
        lokmin=terkini,
        nama=nama.strip(),
        jabatan=jabatan.strip(),
        instansi=instansi.strip(),
        kategori=kategori,
    )
    peserta.full_clean()
    return _simpan(peserta, user)


@transaction.atomic
def peserta_hapus(*, peserta: PesertaLokmin, user) -> None:
    _terkunci(peserta.lokmin, user)
    peserta._history_user = user
    peserta.delete()


@transaction.atomic
def kehadiran_simpan(*, lokmin: Lokmin, hadir_ids: set[int], user) -> int:
    """Record who attended: exactly the peserta in ``hadir_ids``. Returns the count."""
    terkini = _terkunci(lokmin, user)
    jumlah = 0
    for p in terkini.peserta.all():
        hadir = p.pk in hadir_ids
        jumlah += hadir
        if p.hadir != hadir:
            p.hadir = hadir
            _simpan(p, user)
    return jumlah


@transaction.atomic
def notulen_simpan(*, lokmin: Lokmin, isi: dict[int, str], user) -> None:
    """Save the notulen of the klaster in ``isi`` ({klaster_id: text}). A PJ klaster writes
    their own klaster's part only; the organisers every klaster's."""
    terkini = _terkunci(lokmin, user, Aksi.LAPOR_KLASTER)
    klaster = {k.pk: k for k in Klaster.objects.filter(pk__in=list(isi))}
    for klaster_id, teks in isi.items():
        access.wajib_klaster(user, terkini.puskesmas, klaster_id)
        teks = (teks or "").strip()
        notulen = NotulenKlaster.objects.filter(lokmin=terkini, klaster_id=klaster_id).first()
        if notulen is None:
            if not teks:
                continue
            notulen = NotulenKlaster(lokmin=terkini, klaster=klaster[klaster_id], diisi_oleh=user)
        elif notulen.isi == teks:
            continue
        notulen.isi = teks
        notulen.diisi_oleh = user
        _simpan(notulen, user)


@transaction.atomic
def tinjauan_simpan(
    *, lokmin: Lokmin, rtl: RTL, keputusan: str, catatan: str, user,
    batas_baru: date | None = None,
) -> TinjauanRTL:  # fmt: skip
    """Review an earlier RTL at this meeting: note progress, carry it on with a new due
    date, or close it once its follow-up is recorded with evidence."""
    terkini = _terkunci(lokmin, user)
    if rtl.puskesmas_id != terkini.puskesmas_id:
        raise AlurTidakSah(PESAN_RTL_LAIN)
    if (
        rtl.sumber_id == terkini.pk
        and rtl.sumber_jenis_id is not None
        and isinstance(rtl.sumber, Lokmin)
    ):
        raise AlurTidakSah(PESAN_RTL_SENDIRI)
    if keputusan == KeputusanTinjauan.PROGRES:
        rtl = rtl_services.rtl_progres(rtl=rtl, catatan=catatan, user=user)
    elif keputusan == KeputusanTinjauan.DILANJUTKAN:
        if batas_baru is None:
            raise AlurTidakSah(PESAN_BATAS_BARU)
        rtl = rtl_services.rtl_progres(rtl=rtl, catatan=catatan, batas_baru=batas_baru, user=user)
    else:
        rtl.refresh_from_db()
        if rtl.status not in ("selesai", "dievaluasi"):
            raise AlurTidakSah(PESAN_TUTUP_BELUM_TL)
    tinjauan, _ = TinjauanRTL.objects.get_or_create(
        lokmin=terkini,
        rtl=rtl,
        defaults={
            "keputusan": keputusan,
            "catatan": catatan,
            "status_rtl": rtl.status,
            "oleh": user,
        },
    )
    tinjauan.keputusan, tinjauan.catatan, tinjauan.status_rtl = keputusan, catatan, rtl.status
    tinjauan.oleh = user
    return _simpan(tinjauan, user)


@transaction.atomic
def lokmin_rtl_buat(*, lokmin: Lokmin, data: dict, user) -> RTL:
    """Raise an RTL at this meeting (its source); an instansi may be PJ only at the
    tribulanan."""
    terkini = _terkunci(lokmin, user)
    _periksa(aturan.periksa_pj_rtl(jenis=terkini.jenis, pj_instansi=data.get("pj_instansi") or ""))
    return rtl_services.rtl_buat(
        puskesmas=terkini.puskesmas,
        data=data,
        user=user,
        aksi=Aksi.SUSUN_LOKMIN,
        sumber=terkini,
        sumber_label=str(terkini),
    )


@transaction.atomic
def lokmin_rtl_hapus(*, lokmin: Lokmin, rtl: RTL, user) -> None:
    terkini = _terkunci(lokmin, user)
    if rtl.sumber_id != terkini.pk or not isinstance(rtl.sumber, Lokmin):
        raise AlurTidakSah(PESAN_RTL_LAIN)
    rtl_services.rtl_hapus(rtl=rtl, user=user, aksi=Aksi.SUSUN_LOKMIN)


def lokmin_alur(*, lokmin: Lokmin, langkah: str, user, catatan: str = "") -> Lokmin:
    """Ajukan, kembalikan (with a reason, kept until submitted again) or setujui."""
    with transaction.atomic():
        hasil = alur_jalankan(objek=lokmin, langkah=langkah, user=user, catatan=catatan)
        if langkah == "kembalikan":
            hasil.catatan_pengembalian = catatan.strip()
            hasil.save(update_fields=["catatan_pengembalian"])
        elif langkah == "ajukan" and hasil.catatan_pengembalian:
            hasil.catatan_pengembalian = ""
            hasil.save(update_fields=["catatan_pengembalian"])
    return hasil
