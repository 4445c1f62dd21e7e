"""Writes of the core domain. Views, tasks and imports call these; none saves directly."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from ..alat import access
from ..alat.access import Aksi
from ..models import Berversi, Notifikasi, User

logger = logging.getLogger(__name__)

PESAN_KONFLIK = (
    "Data ini telah diubah oleh pengguna lain sejak Anda membukanya. "
    "Isian Anda masih di formulir ini: periksa perubahan terbaru lalu simpan kembali."
)


class KonflikVersi(Exception):
    """Someone saved the record after this form was opened."""

    def __init__(self, message: str = PESAN_KONFLIK):
        super().__init__(message)
        self.message = message


@transaction.atomic
def simpan_berversi(*, instance: Berversi, versi: int | None, user: User, aksi: Aksi) -> Berversi:
    """Save ``instance`` if nobody saved it since version ``versi``; bump the version.

    Re-checks that ``user`` may do ``aksi`` on it, so the rule holds outside views too.
    """
    access.wajib(user, aksi, instance)
    model = type(instance)
    if instance.pk is not None:
        sekarang = (
            model.objects.select_for_update().values_list("versi", flat=True).get(pk=instance.pk)
        )
        if versi is None or sekarang != versi:
            raise KonflikVersi()
        instance.versi = sekarang + 1
    instance._history_user = user
    instance.save()
    return instance


def kunci_puskesmas(puskesmas) -> None:
    """Lock one Puskesmas row for this transaction.

    Services that create a Puskesmas's one-per-year document (RUK, targets, Tim, Renstra)
    take it first, so two people clicking "create" at once get one document, not an error.
    """
    type(puskesmas).objects.select_for_update().filter(pk=puskesmas.pk).values_list(
        "pk", flat=True
    ).get()


class TidakDapatDihapus(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def hapus_objek(*, instance, user: User, aksi: Aksi) -> None:
    """Delete ``instance``; refused with an explanation while other records depend on it."""
    access.wajib(user, aksi, instance)
    instance._history_user = user
    try:
        with transaction.atomic():
            instance.delete()
    except ProtectedError as exc:
        dipakai = sorted({str(o._meta.verbose_name) for o in exc.protected_objects})
        raise TidakDapatDihapus(
            f"{instance} tidak dapat dihapus karena masih dipakai oleh: {', '.join(dipakai)}."
        ) from None


def notifikasi_kirim(
    *,
    penerima: User,
    judul: str,
    pesan: str = "",
    tautan: str = "",
    kunci: str = "",
    email: bool = False,
) -> Notifikasi | None:
    """Create a notification; with ``kunci`` it is created at most once per recipient.

    Returns the new notification, or None when one with the same key already exists
    (a retried or doubled task). The e-mail, if asked for, is sent after commit by a task.
    """
    kirim_email = email and bool(penerima.email)
    try:
        with transaction.atomic():
            notifikasi = Notifikasi.objects.create(
                penerima=penerima,
                judul=judul,
                pesan=pesan,
                tautan=tautan,
                kunci=kunci,
                kirim_email=kirim_email,
            )
    except IntegrityError:
        if not kunci:
            raise
        return None
    if kirim_email:
        from ..tasks import kirim_email_notifikasi

        transaction.on_commit(lambda: kirim_email_notifikasi.delay(notifikasi.pk))
    return notifikasi


def notifikasi_tandai_dibaca(*, user: User, notifikasi_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of ``user`` as read."""
    qs = Notifikasi.objects.for_user(user).belum_dibaca()
    if notifikasi_id is not None:
        qs = qs.filter(pk=notifikasi_id)
    return qs.update(dibaca_pada=timezone.now())


@transaction.atomic
def sasaran_desa_simpan(
    *, desa, tahun: int, nilai: dict[str, int | None], versi: int | None, user: User
) -> None:
    """Save a desa's population figures for a year in one go.

    The desa's version guards the whole set: two people filling in the same desa cannot
    overwrite each other. An empty value removes that figure.
    """
    from ..models import SasaranDesa

    simpan_berversi(instance=desa, versi=versi, user=user, aksi=Aksi.KELOLA_WILAYAH)
    ada = {s.kategori: s for s in SasaranDesa.objects.filter(desa=desa, tahun=tahun)}
    selaraskan_baris(
        ada=ada,
        baru=nilai,
        kolom="jumlah",
        buat=lambda kategori, jumlah: SasaranDesa(
            desa=desa, tahun=tahun, kategori=kategori, jumlah=jumlah
        ),
        user=user,
    )


def selaraskan_baris(*, ada: dict, baru: dict, kolom: str, buat, user: User) -> None:
    """Bring rows keyed like ``baru`` in line with it, each change in the audit history.

    For every key: a None value deletes the existing row; a new value creates the row
    (``buat(key, value)``) or updates ``kolom``; an unchanged value is left alone.
    """
    for kunci, nilai in baru.items():
        baris = ada.get(kunci)
        if nilai is None:
            if baris is not None:
                baris._history_user = user
                baris.delete()
            continue
        if baris is None:
            baris = buat(kunci, nilai)
        elif getattr(baris, kolom) == nilai:
            continue
        setattr(baris, kolom, nilai)
        baris._history_user = user
        baris.save()
