"""Writes of PWS: a month's sheet of one klaster saved in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from perencanaan.selectors.target import populasi_sasaran
from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.models import Desa
from puskesmas.services.inti import KonflikVersi

from . import pws
from .models_pws import LembarPWS, NilaiPWS
from .selectors_pws import capaian_tahun, indikator_pws

PESAN_SEL_ASING = "Sel tidak dikenal: desa atau indikator bukan milik lembar ini."


class PeringatanPWS(Exception):
    """Values flagged at entry and not confirmed: ``alasan`` maps a cell to its reasons."""

    def __init__(self, alasan: dict[tuple[int, int], list[str]]):
        super().__init__("Ada nilai yang perlu dikonfirmasi.")
        self.alasan = alasan


@transaction.atomic
def lembar_pws_simpan(
    *,
    user,
    puskesmas,
    tahun: int,
    bulan: int,
    klaster_id: int,
    versi: int | None,
    nilai: dict[tuple[int, int], int | None],
    konfirmasi: frozenset[tuple[int, int]] = frozenset(),
    tindak_lanjut: frozenset[tuple[int, int]] = frozenset(),
) -> LembarPWS:
    """Save every cell of one klaster's month at once, or none.

    ``nilai`` maps (desa id, indikator id) to the value (None clears the cell). A value
    flagged by ``pws.peringatan`` is saved only when its cell is in ``konfirmasi``; else
    ``PeringatanPWS`` lists every flagged cell and nothing is saved. A sheet saved by someone
    else since ``versi`` raises ``KonflikVersi``.
    """
    access.wajib(user, Aksi.ISI_PWS, puskesmas)
    access.wajib_klaster(user, puskesmas, klaster_id)
    lembar, _ = LembarPWS.objects.get_or_create(
        puskesmas=puskesmas, tahun=tahun, bulan=bulan, klaster_id=klaster_id
    )
    sekarang = (
        LembarPWS.objects.select_for_update().values_list("versi", flat=True).get(pk=lembar.pk)
    )
    if lembar.diubah_pada is not None and (versi is None or versi != sekarang):
        raise KonflikVersi()

    desa = {d.pk: d for d in Desa.objects.filter(puskesmas=puskesmas)}
    indikator = {
        i.pk: i
        for i in indikator_pws(kabupaten=puskesmas.kabupaten, tahun=tahun, klaster_id=klaster_id)
    }
    if any(d not in desa or i not in indikator for d, i in nilai):
        raise ValueError(PESAN_SEL_ASING)
    sasaran = populasi_sasaran(desa_ids=list(desa), tahun=tahun)
    riwayat = capaian_tahun(
        puskesmas_ids=[puskesmas.pk], tahun=tahun, indikator_ids=list(indikator)
    )
    ada = {(n.desa_id, n.indikator_id): n for n in NilaiPWS.objects.filter(lembar=lembar)}

    alasan_semua: dict[tuple[int, int], list[str]] = {}
    simpan = []
    hapus = []
    waktu = timezone.now()
    for kunci, v in nilai.items():
        lama = ada.get(kunci)
        if v is None:
            if lama is not None:
                hapus.append(lama)
            continue
        if lama is not None and lama.nilai == v and (kunci in tindak_lanjut) == lama.tindak_lanjut:
            continue
        d, i = kunci
        bulanan = riwayat.get(kunci, [None] * 12)
        alasan = []
        if lama is None or lama.nilai != v:
            alasan = pws.peringatan(
                nilai=v,
                sasaran=sasaran.get((d, indikator[i].kategori_sasaran)),
                riwayat=bulanan[: bulan - 1],
                nilai_lama=lama.nilai if lama else None,
                ada_bulan_berikutnya=any(x is not None for x in bulanan[bulan:]),
            )
            if alasan and kunci not in konfirmasi:
                alasan_semua[kunci] = alasan
                continue
        obj = lama or NilaiPWS(lembar=lembar, desa_id=d, indikator_id=i)
        if lama is None or lama.nilai != v:
            obj.nilai = v
            obj.peringatan = "\n".join(alasan)
            obj.diisi_oleh = user
            obj.diisi_pada = waktu
        obj.tindak_lanjut = kunci in tindak_lanjut
        simpan.append(obj)
    if alasan_semua:
        raise PeringatanPWS(alasan_semua)
    for obj in simpan:
        obj._history_user = user
        obj.save()
    for obj in hapus:
        obj._history_user = user
        obj.delete()
    lembar.versi = sekarang + 1
    lembar.diubah_oleh = user
    lembar.diubah_pada = waktu
    lembar._history_user = user
    lembar.save()
    return lembar


PESAN_IMPOR_PERINGATAN = (
    "{alasan} Centang «Nilai yang ditandai sudah diperiksa» untuk menyimpannya."
)


def pws_impor(
    *,
    user,
    puskesmas,
    tahun: int,
    bulan: int,
    klaster_id: int,
    berkas,
    konfirmasi: bool = False,
):
    """Import a klaster's month from the Excel grid: every row valid and saved, or nothing.

    Rows are checked by the shared reader and ``PWSResource``; the values then go through
    ``lembar_pws_simpan`` in the same transaction, so the entry checks apply too: a flagged
    value is listed as an error (row, indicator column) unless ``konfirmasi`` says the user
    checked them. The file replaces the sheet as it stands when it is imported.
    """
    from puskesmas.alat.impor import Galat, HasilResource, impor_dengan_resource

    from .resources_pws import PWSResource, templat_pws
    from .selectors_pws import NAMA_BULAN

    access.wajib(user, Aksi.ISI_PWS, puskesmas)
    access.wajib_klaster(user, puskesmas, klaster_id)
    indikator = indikator_pws(kabupaten=puskesmas.kabupaten, tahun=tahun, klaster_id=klaster_id)
    templat = templat_pws(indikator=indikator, nama_bulan=NAMA_BULAN[bulan - 1], tahun=tahun)
    resource = PWSResource(desa=Desa.objects.filter(puskesmas=puskesmas), indikator=indikator)

    def simpan(nilai):
        versi = (
            LembarPWS.objects.filter(
                puskesmas=puskesmas, tahun=tahun, bulan=bulan, klaster_id=klaster_id
            )
            .values_list("versi", flat=True)
            .first()
        )
        lembar_pws_simpan(
            user=user,
            puskesmas=puskesmas,
            tahun=tahun,
            bulan=bulan,
            klaster_id=klaster_id,
            versi=versi,
            nilai=nilai,
            konfirmasi=frozenset(nilai) if konfirmasi else frozenset(),
        )

    resource.simpan = simpan
    try:
        return impor_dengan_resource(resource, berkas, templat)
    except PeringatanPWS as exc:
        kode = {i.pk: i.kode for i in indikator}
        galat = [
            Galat(
                resource._dilihat.get(d),
                kode[i],
                PESAN_IMPOR_PERINGATAN.format(alasan=" ".join(alasan)),
            )
            for (d, i), alasan in exc.alasan.items()
        ]
        return HasilResource(galat=sorted(galat, key=lambda g: (g.baris or 0, g.kolom)))
