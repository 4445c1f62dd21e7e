"""Writes of the PKP instrument: the national default of a year, a kabupaten's copy of it,
and the edits a Dinkes makes to its copy (variable texts, confirmation, thresholds)."""

from __future__ import annotations

from django.apps import apps as apps_global
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from puskesmas.alat import access
from puskesmas.alat.access import Aksi

from .. import rubrik
from ..models import (
    IndikatorMutu,
    IndikatorPelayanan,
    Instrumen,
    KelompokPelayanan,
    KomponenManajemen,
    VariabelManajemen,
)

PESAN_SUDAH_ADA = (
    "Instrumen PKP {kabupaten} tahun {tahun} sudah ada; salinan kedua tidak dibuat. "
    "Ubah instrumen yang sudah ada."
)
PESAN_STANDAR_BELUM = "Standar nasional instrumen PKP tahun {tahun} belum tersedia."
PESAN_SUDAH_DIKONFIRMASI = (
    "Variabel {kode} tidak ditandai perlu ditinjau; tidak ada yang dikonfirmasi."
)

# Fields of the thresholds, copied with the instrument.
FIELD_AMBANG = tuple(
    f"{aspek}_{nama}"
    for aspek in ("pelayanan", "manajemen", "mutu")
    for nama in ("batas_baik", "baik_inklusif", "batas_cukup", "cukup_inklusif")
) + ("mutu_dihitung",)


class InstrumenGagal(Exception):
    """An instrument change that cannot be made; ``message`` says why, in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def standar_nasional_bangun(get_model, tahun: int):
    """Create the national default of ``tahun`` from ``pkp.rubrik`` unless it exists.

    ``get_model`` is ``apps.get_model`` of the caller, so the data migration can run this
    on its historical models. Returns the new instrument, or None when one was there.
    """
    Instrumen_ = get_model("pkp", "Instrumen")
    if Instrumen_.objects.filter(kabupaten__isnull=True, tahun=tahun).exists():
        return None
    Klaster = get_model("puskesmas", "Klaster")
    Kelompok = get_model("pkp", "KelompokPelayanan")
    IndPelayanan = get_model("pkp", "IndikatorPelayanan")
    Komponen = get_model("pkp", "KomponenManajemen")
    Variabel = get_model("pkp", "VariabelManajemen")
    Mutu = get_model("pkp", "IndikatorMutu")

    instrumen = Instrumen_.objects.create(kabupaten=None, tahun=tahun)
    klaster = {k.nomor: k for k in Klaster.objects.all()}
    kelompok = {}
    for urutan, i in enumerate(rubrik.indikator_pelayanan(), start=1):
        if i.klaster not in kelompok:
            k = klaster.get(i.klaster)
            kelompok[i.klaster] = Kelompok.objects.create(
                instrumen=instrumen,
                klaster=k,
                nama=k.nama if k is not None else f"Klaster {i.klaster}",
                urutan=i.klaster,
            )
        IndPelayanan.objects.create(
            kelompok=kelompok[i.klaster],
            kode=i.kode,
            nama=i.nama,
            target=i.target,
            arah=i.arah,
            satuan=i.satuan,
            urutan=urutan,
        )
    komponen = {}
    for urutan, v in enumerate(rubrik.variabel_manajemen(), start=1):
        if v.komponen_kode not in komponen:
            komponen[v.komponen_kode] = Komponen.objects.create(
                instrumen=instrumen,
                kode=v.komponen_kode,
                nama=v.komponen_nama,
                urutan=len(komponen) + 1,
            )
        Variabel.objects.create(
            komponen=komponen[v.komponen_kode],
            kode=v.kode,
            nama=v.nama,
            definisi_operasional=v.definisi_operasional,
            nilai_0=v.nilai_0,
            nilai_4=v.nilai_4,
            nilai_7=v.nilai_7,
            nilai_10=v.nilai_10,
            perlu_ditinjau=v.perlu_ditinjau,
            alasan_tinjau=v.alasan_tinjau,
            urutan=urutan,
        )
    for urutan, m in enumerate(rubrik.MUTU_BAWAAN, start=1):
        Mutu.objects.create(
            instrumen=instrumen,
            kode=m.kode,
            nama=m.nama,
            target=m.target,
            arah=m.arah,
            satuan=m.satuan,
            urutan=urutan,
        )
    return instrumen


@transaction.atomic
def standar_nasional_pastikan(tahun: int) -> tuple[Instrumen, bool]:
    """The national default of ``tahun``, created from the shipped rubric when missing.
    Idempotent: ``seed_demo`` and the ``pkp_standar_nasional`` command call it."""
    dibuat = standar_nasional_bangun(apps_global.get_model, tahun)
    if dibuat is not None:
        return dibuat, True
    return Instrumen.objects.get(kabupaten__isnull=True, tahun=tahun), False


def _salin_baris(model, sumber, **ganti):
    """A new unsaved ``model`` row with the fields of ``sumber`` (pk, version reset)."""
    nilai = {
        f.attname: getattr(sumber, f.attname)
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name != "versi"
    }
    nilai.update(ganti)
    return model(**nilai)


@transaction.atomic
def instrumen_salin(*, user, kabupaten, tahun: int) -> Instrumen:
    """Deep-copy the national default of ``tahun`` for ``kabupaten``: thresholds, every
    klaster/programme and indicator, component and variable (with its review flag), and
    every mutu indicator. Later edits touch only the copy. A second copy is refused."""
    access.wajib(user, Aksi.KELOLA_INSTRUMEN_PKP, kabupaten)
    pesan_ada = PESAN_SUDAH_ADA.format(kabupaten=kabupaten, tahun=tahun)
    if Instrumen.objects.filter(kabupaten=kabupaten, tahun=tahun).exists():
        raise InstrumenGagal(pesan_ada)
    sumber = Instrumen.objects.filter(kabupaten__isnull=True, tahun=tahun).first()
    if sumber is None:
        raise InstrumenGagal(PESAN_STANDAR_BELUM.format(tahun=tahun))

    salinan = Instrumen(
        kabupaten=kabupaten,
        tahun=tahun,
        disalin_dari=sumber,
        **{f: getattr(sumber, f) for f in FIELD_AMBANG},
    )
    salinan._history_user = user
    try:
        with transaction.atomic():
            salinan.save()
    except IntegrityError:  # someone copied it in the meantime
        raise InstrumenGagal(pesan_ada) from None

    # Link each pelayanan indicator to the kabupaten's P1 catalogue of the year by kode.
    from perencanaan.models import Indikator

    katalog = dict(
        Indikator.objects.filter(kabupaten=kabupaten, tahun=tahun).values_list("kode", "pk")
    )
    kelompok_lama = list(sumber.kelompok_pelayanan.all())
    kelompok_baru = bulk_create_with_history(
        [_salin_baris(KelompokPelayanan, k, instrumen_id=salinan.pk) for k in kelompok_lama],
        KelompokPelayanan,
        default_user=user,
    )
    peta_kelompok = {
        lama.pk: baru.pk for lama, baru in zip(kelompok_lama, kelompok_baru, strict=True)
    }
    bulk_create_with_history(
        [
            _salin_baris(
                IndikatorPelayanan,
                i,
                kelompok_id=peta_kelompok[i.kelompok_id],
                indikator_katalog_id=katalog.get(i.kode),
            )
            for i in IndikatorPelayanan.objects.filter(kelompok__instrumen=sumber)
        ],
        IndikatorPelayanan,
        default_user=user,
    )
    komponen_lama = list(sumber.komponen_manajemen.all())
    komponen_baru = bulk_create_with_history(
        [_salin_baris(KomponenManajemen, k, instrumen_id=salinan.pk) for k in komponen_lama],
        KomponenManajemen,
        default_user=user,
    )
    peta_komponen = {
        lama.pk: baru.pk for lama, baru in zip(komponen_lama, komponen_baru, strict=True)
    }
    bulk_create_with_history(
        [
            _salin_baris(VariabelManajemen, v, komponen_id=peta_komponen[v.komponen_id])
            for v in VariabelManajemen.objects.filter(komponen__instrumen=sumber)
        ],
        VariabelManajemen,
        default_user=user,
    )
    bulk_create_with_history(
        [
            _salin_baris(IndikatorMutu, m, instrumen_id=salinan.pk)
            for m in sumber.indikator_mutu.all()
        ],
        IndikatorMutu,
        default_user=user,
    )
    return salinan


@transaction.atomic
def variabel_konfirmasi(*, user, variabel: VariabelManajemen) -> VariabelManajemen:
    """The admin has reviewed a doubtful row (and edited it where needed): clear the flag,
    record who confirmed it and when. The reason stays, for the record."""
    access.wajib(user, Aksi.KELOLA_INSTRUMEN_PKP, variabel)
    variabel = VariabelManajemen.objects.select_for_update().get(pk=variabel.pk)
    if not variabel.perlu_ditinjau:
        raise InstrumenGagal(PESAN_SUDAH_DIKONFIRMASI.format(kode=variabel.kode))
    variabel.perlu_ditinjau = False
    variabel.dikonfirmasi_oleh = user
    variabel.dikonfirmasi_pada = timezone.now()
    variabel.versi += 1
    variabel._history_user = user
    variabel.save()
    return variabel
