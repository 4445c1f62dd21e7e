"""Writes of PIS-PK: the year's family survey imported from Excel (all or nothing), and the
four steps the PKP rubric asks for, each with its date and what was done or agreed."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.impor import impor_dengan_resource
from puskesmas.models import Desa, Puskesmas

from ..models_pispk import JenisLangkah, KeluargaPISPK, LangkahPISPK

PESAN_LANGKAH = "Langkah PIS-PK tidak dikenal."
PESAN_URAIAN = "Uraikan apa yang dilakukan atau intervensi yang disepakati."
PESAN_TANGGAL_TAHUN = "Tanggal langkah harus di tahun {tahun} atau awal tahun berikutnya."


def pispk_impor(*, user, puskesmas, tahun: int, berkas):
    """Replace the survey of ``tahun`` with the file's families: every row valid, or nothing
    changes (the errors come back with their row and column)."""
    from ..resources_pispk import PISPKResource, templat_pispk

    access.wajib(user, Aksi.ISI_PISPK, puskesmas)
    resource = PISPKResource(desa=Desa.objects.filter(puskesmas=puskesmas))

    def simpan(baris):
        KeluargaPISPK.objects.filter(puskesmas=puskesmas, tahun=tahun).delete()
        sekarang = timezone.now()
        bulk_create_with_history(
            [
                KeluargaPISPK(
                    puskesmas=puskesmas,
                    tahun=tahun,
                    desa=desa,
                    kode=kode,
                    jawaban=KeluargaPISPK.kodekan(jawaban),
                    diimpor_oleh=user,
                    diimpor_pada=sekarang,
                )
                for desa, kode, jawaban in baris
            ],
            KeluargaPISPK,
            batch_size=1000,
            default_user=user,
        )

    resource.simpan = simpan
    return impor_dengan_resource(
        resource,
        berkas,
        templat_pispk(tahun=tahun),
        kunci=lambda: Puskesmas.objects.select_for_update().get(pk=puskesmas.pk),
    )


@transaction.atomic
def langkah_pispk_simpan(
    *, user, puskesmas, tahun: int, langkah: str, tanggal: date, uraian: str
) -> LangkahPISPK:
    """Record (or correct) one of the four steps of ``tahun``."""
    access.wajib(user, Aksi.ISI_PISPK, puskesmas)
    if langkah not in JenisLangkah.values:
        raise ValueError(PESAN_LANGKAH)
    if not uraian.strip():
        raise ValueError(PESAN_URAIAN)
    if not (date(tahun, 1, 1) <= tanggal <= date(tahun + 1, 3, 31)):
        raise ValueError(PESAN_TANGGAL_TAHUN.format(tahun=tahun))
    obj, _ = LangkahPISPK.objects.update_or_create(
        puskesmas=puskesmas,
        tahun=tahun,
        langkah=langkah,
        defaults={"tanggal": tanggal, "uraian": uraian.strip(), "dicatat_oleh": user},
    )
    return obj
