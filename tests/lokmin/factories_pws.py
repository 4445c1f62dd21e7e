"""Factories of PWS: indicators with a population group, sasaran per desa, sheets and cells."""

from decimal import Decimal

from django.utils import timezone

from lokmin.models import LembarPWS, NilaiPWS
from puskesmas.models import SasaranDesa
from puskesmas.referensi import pastikan_klaster

from ..factories import DesaFactory
from ..perencanaan.factories_katalog import IndikatorFactory


def indikator_pws(kabupaten, *, klaster_nomor=2, kategori="ibu_hamil", target=Decimal(90), **kw):
    return IndikatorFactory(
        kabupaten=kabupaten,
        klaster=pastikan_klaster()[klaster_nomor],
        kategori_sasaran=kategori,
        target_default=target,
        **kw,
    )


def desa_dengan_sasaran(puskesmas, jumlah=120, *, kategori="ibu_hamil", tahun=2026, **kw):
    desa = DesaFactory(puskesmas=puskesmas, **kw)
    SasaranDesa.objects.create(desa=desa, tahun=tahun, kategori=kategori, jumlah=jumlah)
    return desa


def nilai_pws(*, puskesmas, desa, indikator, bulan, nilai, tahun=2026, user=None):
    lembar, _ = LembarPWS.objects.get_or_create(
        puskesmas=puskesmas, tahun=tahun, bulan=bulan, klaster=indikator.klaster
    )
    return NilaiPWS.objects.create(
        lembar=lembar,
        desa=desa,
        indikator=indikator,
        nilai=nilai,
        diisi_oleh=user,
        diisi_pada=timezone.now(),
    )
