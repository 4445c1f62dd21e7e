"""Writes of the Tim Perencanaan (one team per Puskesmas and year) and its pure rules."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import alur_jalankan
from puskesmas.choices import Peran
from puskesmas.models import PenugasanPeran, User
from puskesmas.services.inti import KonflikVersi, kunci_puskesmas

from ..models import AnggotaTim, TimPerencanaan

PESAN_KETUA = (
    "Ketua Tim Perencanaan harus pengguna yang memegang peran Kepala Tata Usaha di Puskesmas ini."
)
PESAN_ANGGOTA_LUAR = "{nama} tidak memegang peran apa pun di Puskesmas ini."
PESAN_SUDAH_ADA = (
    "Tim Perencanaan tahun {tahun} sudah dibentuk oleh pengguna lain sejak Anda membuka "
    "formulir ini. Isian Anda masih di formulir: buka kembali halaman tim untuk melihatnya."
)
PESAN_KLASTER_KOSONG = "{klaster} belum terwakili di Tim Perencanaan."
PESAN_PUSTU_KOSONG = "{pustu} belum terwakili di Tim Perencanaan."


class TimGagal(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def keterwakilan_kurang(
    *,
    klaster: Iterable[tuple[int, str]],
    pustu: Iterable[tuple[int, str]],
    klaster_terwakili: Iterable[int],
    pustu_terwakili: Iterable[int],
) -> list[str]:
    """Warnings for every klaster (by nomor) and Pustu (by id) nobody in the team
    represents. Pure: takes (key, label) pairs, returns messages in klaster, Pustu order."""
    ada_klaster, ada_pustu = set(klaster_terwakili), set(pustu_terwakili)
    pesan = [
        PESAN_KLASTER_KOSONG.format(klaster=label) for n, label in klaster if n not in ada_klaster
    ]
    pesan += [PESAN_PUSTU_KOSONG.format(pustu=label) for i, label in pustu if i not in ada_pustu]
    return pesan


def kepala_tu_di(puskesmas):
    """Users holding the Kepala Tata Usaha role at ``puskesmas``: the only possible chairs."""
    return User.objects.filter(
        peran__peran=Peran.KEPALA_TU, peran__puskesmas=puskesmas, is_active=True
    ).distinct()


def petugas_di(puskesmas):
    """Users holding any role at ``puskesmas``: the possible members."""
    return User.objects.filter(peran__puskesmas=puskesmas, is_active=True).distinct()


def _periksa_orang(*, tim: TimPerencanaan, anggota: Iterable[AnggotaTim]) -> None:
    if not PenugasanPeran.objects.filter(
        user_id=tim.ketua_id, peran=Peran.KEPALA_TU, puskesmas_id=tim.puskesmas_id
    ).exists():
        raise TimGagal(PESAN_KETUA)
    sah = set(
        PenugasanPeran.objects.filter(puskesmas_id=tim.puskesmas_id).values_list(
            "user_id", flat=True
        )
    )
    for a in anggota:
        if a.user_id not in sah:
            raise TimGagal(PESAN_ANGGOTA_LUAR.format(nama=a.user))
        if a.pustu_id and a.pustu.puskesmas_id != tim.puskesmas_id:
            raise TimGagal(f"{a.pustu} bukan Pustu Puskesmas ini.")


@transaction.atomic
def tim_simpan(
    *,
    user,
    tim: TimPerencanaan,
    versi: int | None,
    anggota_simpan: Iterable[AnggotaTim] = (),
    anggota_hapus: Iterable[AnggotaTim] = (),
) -> TimPerencanaan:
    """Create or update the team of one year with its members.

    The chair must hold the Kepala Tata Usaha role at that Puskesmas and every member some
    role there (TimGagal otherwise); a stale ``versi`` raises KonflikVersi; a team already
    submitted or signed raises DokumenTerkunci.
    """
    access.wajib(user, Aksi.AJUKAN_RENCANA, tim.puskesmas)
    anggota_simpan, anggota_hapus = list(anggota_simpan), list(anggota_hapus)
    _periksa_orang(tim=tim, anggota=anggota_simpan)
    if tim.pk is None:
        kunci_puskesmas(tim.puskesmas)
        if TimPerencanaan.objects.filter(puskesmas=tim.puskesmas, tahun=tim.tahun).exists():
            raise KonflikVersi(PESAN_SUDAH_ADA.format(tahun=tim.tahun))
    else:
        terkini = TimPerencanaan.objects.select_for_update(of=("self",)).get(pk=tim.pk)
        # Submitted or signed: the SK is locked (alur's message), whatever the version.
        terkini.pastikan_bisa_diubah()
        if versi is None or terkini.versi != versi:
            raise KonflikVersi()
        tim.status = terkini.status  # the form never carries the status
        tim.versi = terkini.versi + 1
    tim._history_user = user
    tim.save()
    # Deletions first: a person removed and added again in one save must not collide.
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
def tim_jalankan(*, user, tim: TimPerencanaan, langkah: str, catatan: str = "") -> TimPerencanaan:
    """One step of the team's SK: the Kepala TU submits (ajukan), the Kepala Puskesmas
    returns it with a reason or signs it (sahkan: the signature is recorded by alur)."""
    return alur_jalankan(objek=tim, langkah=langkah, user=user, catatan=catatan)
