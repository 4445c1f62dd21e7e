"""Writes of the RPK / POA: derive it from the approved RUK, edit its activities, record
the pagu and the LP/LS discussion, move it along the approval workflow."""

from __future__ import annotations

import hashlib

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import SAH, AlurTidakSah, alur_jalankan
from puskesmas.services.inti import KonflikVersi

from ..choices import JenisPembahasan, SumberPembiayaan
from ..models import KOLOM_KEGIATAN_RPK, RPK, RUK, KegiatanRPK, PaguRPK, PembahasanRPK

PESAN_RUK_BELUM_SAH = (
    "RPK hanya dapat disusun dari RUK yang sudah disahkan Kepala Puskesmas atau sudah "
    "dikirim ke Dinkes. RUK {tahun} masih berstatus «{status}»."
)

# The editable columns as stored values (``klaster_id``, not the klaster): fingerprinting
# them reads no related row.
KOLOM_KEGIATAN = tuple(KegiatanRPK._meta.get_field(n).attname for n in KOLOM_KEGIATAN_RPK)


def sidik_kegiatan(kegiatan: KegiatanRPK) -> str:
    """A fingerprint of a row's editable values: the version an edit form was opened at.

    Rows carry no version number of their own; comparing fingerprints lets two people edit
    different activities of one RPK at once while still refusing to overwrite a row someone
    else changed in the meantime.
    """
    isi = "\x1f".join(str(getattr(kegiatan, k)) for k in KOLOM_KEGIATAN)
    return hashlib.sha256(isi.encode()).hexdigest()[:20]


def _rpk_terkunci_baris(rpk_id: int, user, aksi: Aksi) -> RPK:
    """The RPK row, locked for this transaction, checked for access and editability."""
    rpk = RPK.objects.select_for_update().get(pk=rpk_id)
    access.wajib(user, aksi, rpk)
    rpk.pastikan_bisa_diubah()
    return rpk


@transaction.atomic
def rpk_susun_dari_ruk(*, ruk: RUK, user) -> RPK:
    """The RPK of ``ruk.tahun``, derived from an approved (or sent) RUK.

    Every RUK activity becomes an RPK row linked to it, with the RUK's budget as the starting
    allocation; nothing is retyped. Calling it again returns the RPK already derived.
    """
    access.wajib(user, Aksi.SUSUN_RENCANA, ruk)
    ruk = RUK.objects.select_for_update().get(pk=ruk.pk)  # two clicks derive one RPK
    ada = RPK.objects.filter(ruk=ruk).first()
    if ada is not None:
        return ada
    if ruk.status not in SAH:
        raise AlurTidakSah(
            PESAN_RUK_BELUM_SAH.format(tahun=ruk.tahun, status=ruk.get_status_display())
        )
    rpk = RPK(puskesmas_id=ruk.puskesmas_id, tahun=ruk.tahun, ruk=ruk)
    rpk._history_user = user
    rpk._change_reason = f"Disusun dari RUK {ruk.tahun}"
    rpk.save()
    baris = [
        KegiatanRPK(
            rpk=rpk,
            kegiatan_ruk=k,
            klaster_id=k.klaster_id,
            kegiatan=k.upaya,
            tujuan=k.tujuan,
            sasaran=k.sasaran,
            target_sasaran=k.target,
            penanggung_jawab=k.penanggung_jawab,
            kebutuhan_sumber_daya=k.kebutuhan_sumber_daya,
            mitra_kerja=k.mitra_kerja,
            biaya=k.kebutuhan_anggaran,
            indikator_kinerja=k.indikator_kinerja,
            sumber_pembiayaan=k.sumber_pembiayaan,
            urutan=nomor,
        )
        for nomor, k in enumerate(ruk.kegiatan.order_by("klaster__nomor", "urutan", "pk"), 1)
    ]
    bulk_create_with_history(
        baris, KegiatanRPK, default_user=user, default_change_reason="Disalin dari RUK"
    )
    return rpk


@transaction.atomic
def rpk_pembahasan_simpan(
    *, rpk: RPK, jenis: str, versi: int | None, user, tanggal, forum: str, catatan: str
) -> RPK:
    """Record one discussion of the RPK (lintas program or lintas sektor): its date, forum
    and what was agreed. Recording it again replaces it; the RPK's version moves on."""
    terkini = _rpk_terkunci_baris(rpk.pk, user, Aksi.SUSUN_RENCANA)
    if versi is None or terkini.versi != versi:
        raise KonflikVersi()
    jenis = JenisPembahasan(jenis)
    catatan_lama = PembahasanRPK.objects.filter(rpk=terkini, jenis=jenis).first()
    pembahasan = catatan_lama or PembahasanRPK(rpk=terkini, jenis=jenis)
    pembahasan.tanggal = tanggal
    pembahasan.forum = (forum or "").strip()
    pembahasan.catatan = (catatan or "").strip()
    pembahasan._history_user = user
    pembahasan.save()
    terkini.versi += 1
    terkini._history_user = user
    terkini._change_reason = f"Pembahasan {jenis.label.lower()} dicatat"
    terkini.save()
    return terkini


@transaction.atomic
def rpk_pagu_simpan(*, rpk: RPK, versi: int | None, user, pagu: dict) -> RPK:
    """Record the pagu per funding source (``{code: amount or None}``).

    A source given None (left empty) has no known pagu: its row is removed. Sources not in
    ``pagu`` are left alone. The RPK's version moves on, so two people recording the pagu
    at once do not silently overwrite each other.
    """
    terkini = _rpk_terkunci_baris(rpk.pk, user, Aksi.SUSUN_RENCANA)
    if versi is None or terkini.versi != versi:
        raise KonflikVersi()
    sah = set(SumberPembiayaan.values)
    for sumber, jumlah in pagu.items():
        if sumber not in sah:
            raise ValueError(f"sumber pembiayaan tidak dikenal: {sumber}")
        ada = PaguRPK.objects.filter(rpk=terkini, sumber_pembiayaan=sumber).first()
        if jumlah is None:
            if ada is not None:
                ada._history_user = user
                ada.delete()
            continue
        baris = ada or PaguRPK(rpk=terkini, sumber_pembiayaan=sumber)
        if ada is not None and ada.jumlah == jumlah:
            continue
        baris.jumlah = jumlah
        baris._history_user = user
        baris.save()
    terkini.versi += 1
    terkini._history_user = user
    terkini._change_reason = "Pagu dicatat"
    terkini.save()
    return terkini


def _isi(kegiatan: KegiatanRPK, data: dict) -> None:
    for nama in KOLOM_KEGIATAN_RPK:
        if nama in data:
            setattr(kegiatan, nama, data[nama])


@transaction.atomic
def kegiatan_rpk_ubah(*, kegiatan: KegiatanRPK, data: dict, sidik: str | None, user) -> KegiatanRPK:
    """Save an RPK row unless someone changed it since the form was opened (``sidik``)."""
    rpk = _rpk_terkunci_baris(kegiatan.rpk_id, user, Aksi.SUSUN_KLASTER)
    terkini = KegiatanRPK.objects.select_for_update().get(pk=kegiatan.pk)
    if not sidik or sidik_kegiatan(terkini) != sidik:
        raise KonflikVersi()
    # A PJ klaster edits rows of their own klaster, and cannot move one to another klaster.
    access.wajib_klaster(user, rpk.puskesmas, terkini.klaster_id)
    _isi(terkini, data)
    access.wajib_klaster(user, rpk.puskesmas, terkini.klaster_id)
    terkini._history_user = user
    terkini.save()
    return terkini


@transaction.atomic
def kegiatan_rpk_tambah(*, rpk: RPK, data: dict, user) -> KegiatanRPK:
    """Add an activity that was not in the RUK (it will be flagged as such)."""
    terkini = _rpk_terkunci_baris(rpk.pk, user, Aksi.SUSUN_KLASTER)
    terakhir = (
        KegiatanRPK.objects.filter(rpk=terkini).order_by("-urutan").values_list("urutan", flat=True)
    ).first()
    kegiatan = KegiatanRPK(rpk=terkini, kegiatan_ruk=None, urutan=(terakhir or 0) + 1)
    _isi(kegiatan, data)
    access.wajib_klaster(user, terkini.puskesmas, kegiatan.klaster_id)
    kegiatan._history_user = user
    kegiatan.save()
    return kegiatan


@transaction.atomic
def kegiatan_rpk_hapus(*, kegiatan: KegiatanRPK, user) -> None:
    """Remove an RPK row; a RUK activity left without a row is then listed as unallocated."""
    rpk = _rpk_terkunci_baris(kegiatan.rpk_id, user, Aksi.SUSUN_KLASTER)
    access.wajib_klaster(user, rpk.puskesmas, kegiatan.klaster_id)
    kegiatan._history_user = user
    kegiatan.delete()


@transaction.atomic
def rpk_alur(*, rpk: RPK, langkah: str, user, catatan: str = "") -> RPK:
    """Ajukan / kembalikan / sahkan the RPK. Submitting needs both discussions (lintas
    program and lintas sektor) and no funding source over its pagu (``RPK.periksa_siap``)."""
    return alur_jalankan(objek=rpk, langkah=langkah, user=user, catatan=catatan)
