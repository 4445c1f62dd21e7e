"""Writes of the analisis situasi: last year's achievements, survey results, the problems
found, their root causes (fishbone) and their alternative solutions."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from puskesmas.alat import access
from puskesmas.alat.access import Aksi, wajib_klaster
from puskesmas.alat.alur import BISA_DIUBAH, DokumenTerkunci
from puskesmas.services.inti import simpan_berversi

from ..models import (
    RUK,
    AlternatifPemecahan,
    CapaianTahunan,
    HasilSurvei,
    Indikator,
    KegiatanRUK,
    Masalah,
    PenyebabMasalah,
)

PESAN_INDIKATOR_KLASTER = "Indikator tidak termasuk klaster yang dipilih."
PESAN_MASALAH_DIPAKAI = (
    "Masalah ini ditangani kegiatan RUK {tahun} yang berstatus «{status}», sehingga tidak dapat "
    "diubah atau dihapus. Minta Kepala Puskesmas mengembalikan RUK tersebut bila perlu diubah."
)


@transaction.atomic
def capaian_simpan(
    *,
    puskesmas,
    indikator: list[Indikator],
    nilai: dict[int, tuple[Decimal | None, Decimal | None]],
    user,
) -> int:
    """Save the achievements of ``indikator`` at ``puskesmas``: ``nilai[indikator_id]`` is
    (target, capaian). An empty capaian removes the row. Returns the number of rows kept."""
    access.wajib(user, Aksi.SUSUN_KLASTER, puskesmas)
    for ind in indikator:
        wajib_klaster(user, puskesmas, ind.klaster_id)
    ada = {
        c.indikator_id: c
        for c in CapaianTahunan.objects.select_for_update(of=("self",)).filter(
            puskesmas=puskesmas, indikator__in=indikator
        )
    }
    tersimpan = 0
    for ind in indikator:
        target, capaian = nilai.get(ind.pk, (None, None))
        baris = ada.get(ind.pk)
        if capaian is None or target is None:
            if baris is not None:
                baris._history_user = user
                baris.delete()
            continue
        tersimpan += 1
        if baris is None:
            baris = CapaianTahunan(puskesmas=puskesmas, indikator=ind)
        elif baris.target == target and baris.capaian == capaian:
            continue
        baris.target, baris.capaian = target, capaian
        baris._history_user = user
        baris.save()
    return tersimpan


@transaction.atomic
def masalah_simpan(*, masalah: Masalah, versi: int | None, user) -> Masalah:
    """Create or update a problem (optimistic lock on ``versi``)."""
    if masalah.indikator_id and masalah.indikator.klaster_id != masalah.klaster_id:
        raise ValueError(PESAN_INDIKATOR_KLASTER)
    wajib_klaster(user, masalah.puskesmas, masalah.klaster_id)
    if masalah.pk is not None:
        lama = Masalah.objects.values_list("klaster_id", flat=True).get(pk=masalah.pk)
        wajib_klaster(user, masalah.puskesmas, lama)
        _pastikan_ruk_terbuka(masalah)
    return simpan_berversi(instance=masalah, versi=versi, user=user, aksi=Aksi.SUSUN_KLASTER)


@transaction.atomic
def masalah_hapus(*, masalah: Masalah, user) -> None:
    access.wajib(user, Aksi.SUSUN_KLASTER, masalah)
    wajib_klaster(user, masalah.puskesmas, masalah.klaster_id)
    _pastikan_ruk_terbuka(masalah)
    masalah._history_user = user
    masalah.delete()


def pastikan_masalah_terbuka(masalah: Masalah) -> None:
    """Raise DokumenTerkunci when a submitted RUK carries ``masalah`` (pages show why).

    A read for pages: it takes no lock (a GET runs outside a transaction, where PostgreSQL
    refuses ``FOR UPDATE``); the services check again under the lock before they write."""
    _pastikan_ruk_terbuka(masalah, kunci=False)


def _pastikan_ruk_terbuka(masalah: Masalah, *, kunci: bool = True) -> None:
    """A problem that a submitted or approved RUK addresses (directly, or through one of its
    solutions carried by an activity) is part of that document: changing or deleting it,
    its causes or its solutions would change the locked RUK, so it is refused. Services
    call it inside their transaction and lock the RUK rows it finds (``kunci``)."""
    qs = RUK.objects.select_for_update(of=("self",)) if kunci else RUK.objects.all()
    terkunci = (
        qs.filter(Q(kegiatan__masalah=masalah) | Q(kegiatan__pemecahan__masalah=masalah))
        .exclude(status__in=BISA_DIUBAH)
        .order_by("tahun")
        .first()
    )
    if terkunci is not None:
        raise DokumenTerkunci(
            PESAN_MASALAH_DIPAKAI.format(tahun=terkunci.tahun, status=terkunci.get_status_display())
        )


# --- Akar penyebab (fishbone) and pemecahan masalah -------------------------------------

PESAN_PEMECAHAN_DIPAKAI = (
    "Alternatif «{uraian}» sudah dilaksanakan oleh kegiatan RUK ({kegiatan}). Lepaskan dulu "
    "kaitannya di RUK sebelum memilih alternatif lain atau menghapusnya."
)
PESAN_PEMECAHAN_LAIN = (
    "Pemecahan masalah yang dipilih bukan pemecahan terpilih dari masalah Puskesmas ini pada "
    "tahun {tahun}."
)


def _boleh_ubah_masalah(masalah: Masalah, user) -> Masalah:
    """Lock the problem row and check that ``user`` may edit it and that no submitted RUK
    carries it. Causes and solutions are part of the problem: the same rules apply."""
    terkini = (
        Masalah.objects.select_for_update(of=("self",))
        .select_related("puskesmas")
        .get(pk=masalah.pk)
    )
    access.wajib(user, Aksi.SUSUN_KLASTER, terkini)
    wajib_klaster(user, terkini.puskesmas, terkini.klaster_id)
    _pastikan_ruk_terbuka(terkini)
    return terkini


@transaction.atomic
def penyebab_tambah(*, masalah: Masalah, kategori: str, uraian: str, user) -> PenyebabMasalah:
    masalah = _boleh_ubah_masalah(masalah, user)
    penyebab = PenyebabMasalah(masalah=masalah, kategori=kategori, uraian=uraian.strip())
    penyebab.full_clean()
    penyebab._history_user = user
    penyebab.save()
    return penyebab


@transaction.atomic
def penyebab_hapus(*, penyebab: PenyebabMasalah, user) -> None:
    _boleh_ubah_masalah(penyebab.masalah, user)
    penyebab._history_user = user
    penyebab.delete()


@transaction.atomic
def pemecahan_tambah(
    *,
    masalah: Masalah,
    uraian: str,
    magnitude: int,
    importancy: int,
    vulnerability: int,
    cost: int,
    user,
) -> AlternatifPemecahan:
    masalah = _boleh_ubah_masalah(masalah, user)
    alternatif = AlternatifPemecahan(
        masalah=masalah,
        uraian=uraian.strip(),
        magnitude=magnitude,
        importancy=importancy,
        vulnerability=vulnerability,
        cost=cost,
    )
    alternatif.full_clean()
    alternatif._history_user = user
    alternatif.save()
    return alternatif


def _pastikan_tidak_dilaksanakan(alternatif: AlternatifPemecahan) -> None:
    kegiatan = list(
        KegiatanRUK.objects.filter(pemecahan=alternatif).values_list("upaya", flat=True)[:3]
    )
    if kegiatan:
        raise DokumenTerkunci(
            PESAN_PEMECAHAN_DIPAKAI.format(uraian=alternatif.uraian, kegiatan=", ".join(kegiatan))
        )


@transaction.atomic
def pemecahan_hapus(*, pemecahan: AlternatifPemecahan, user) -> None:
    _boleh_ubah_masalah(pemecahan.masalah, user)
    _pastikan_tidak_dilaksanakan(pemecahan)
    pemecahan._history_user = user
    pemecahan.delete()


@transaction.atomic
def pemecahan_pilih(*, pemecahan: AlternatifPemecahan, user) -> AlternatifPemecahan:
    """Make ``pemecahan`` the one chosen solution of its problem.

    Choosing is explicit (the best score is not chosen by itself) and exclusive: the
    previously chosen one is unmarked in the same transaction, unless RUK activities already
    carry it, in which case the switch is refused."""
    masalah = _boleh_ubah_masalah(pemecahan.masalah, user)
    sebelumnya = (
        AlternatifPemecahan.objects.select_for_update()
        .filter(masalah=masalah, dipilih=True)
        .exclude(pk=pemecahan.pk)
        .first()
    )
    if sebelumnya is not None:
        _pastikan_tidak_dilaksanakan(sebelumnya)
        sebelumnya.dipilih = False
        sebelumnya._history_user = user
        sebelumnya.save()
    terkini = AlternatifPemecahan.objects.select_for_update().get(pk=pemecahan.pk)
    if not terkini.dipilih:
        terkini.dipilih = True
        terkini._history_user = user
        terkini.save()
    return terkini


def periksa_pemecahan_untuk_ruk(*, pemecahan: AlternatifPemecahan | None, ruk: RUK) -> None:
    """A RUK activity may carry only the chosen solution of a problem of the same Puskesmas
    and of planning year N (the RUK is for N+1); anything else is refused."""
    if pemecahan is None:
        return
    m = pemecahan.masalah
    if not pemecahan.dipilih or m.puskesmas_id != ruk.puskesmas_id or m.tahun != ruk.tahun - 1:
        raise PermissionDenied(PESAN_PEMECAHAN_LAIN.format(tahun=ruk.tahun - 1))


# --- Hasil survei -----------------------------------------------------------------------


@transaction.atomic
def hasil_survei_simpan(*, survei: HasilSurvei, user) -> HasilSurvei:
    """Record one survey result of a Puskesmas (typed until P2/P3 record them)."""
    access.wajib(user, Aksi.SUSUN_RENCANA, survei.puskesmas)
    survei.full_clean()
    survei._history_user = user
    survei.save()
    return survei


@transaction.atomic
def hasil_survei_hapus(*, survei: HasilSurvei, user) -> None:
    access.wajib(user, Aksi.SUSUN_RENCANA, survei.puskesmas)
    survei._history_user = user
    survei.delete()
