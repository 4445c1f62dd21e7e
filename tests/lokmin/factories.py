"""Factories of the Lokmin and RTL tests."""

from datetime import date

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from lokmin.kalender import agenda_default
from lokmin.models import Lokmin, NotulenKlaster, PesertaLokmin, RealisasiRPK
from puskesmas.models import RTL, BuktiRTL

from ..factories import PuskesmasFactory, UserFactory
from ..perencanaan.factories_rpk import klaster


class LokminFactory(DjangoModelFactory):
    class Meta:
        model = Lokmin

    puskesmas = factory.SubFactory(PuskesmasFactory)
    tahun = 2027
    bulan = 3
    jenis = "bulanan"
    tanggal = factory.LazyAttribute(lambda o: date(o.tahun, o.bulan, 5))
    tempat = "Aula Puskesmas"
    agenda = factory.LazyAttribute(lambda o: agenda_default(o.jenis, o.tahun, o.bulan))


class PesertaLokminFactory(DjangoModelFactory):
    class Meta:
        model = PesertaLokmin

    lokmin = factory.SubFactory(LokminFactory)
    nama = factory.Sequence(lambda n: f"Peserta {n}")
    jabatan = "Bidan"
    instansi = "Klinik Pratama Sehat"
    kategori = "jejaring"


class NotulenKlasterFactory(DjangoModelFactory):
    class Meta:
        model = NotulenKlaster

    lokmin = factory.SubFactory(LokminFactory)
    klaster = factory.LazyFunction(lambda: klaster(2))
    isi = "Cakupan K4 turun di Desa Mekar."
    diisi_oleh = factory.SubFactory(UserFactory)


class RTLFactory(DjangoModelFactory):
    class Meta:
        model = RTL
        skip_postgeneration_save = True

    puskesmas = factory.SubFactory(PuskesmasFactory)
    sumber_label = "Lokmin bulanan Maret 2027"
    klaster = factory.LazyFunction(lambda: klaster(2))
    masalah = factory.Sequence(lambda n: f"Cakupan K4 rendah {n}")
    penyebab = "Ibu hamil pindah domisili"
    jenis = "korektif"
    rencana = "Sweeping ibu hamil bersama kader"
    pj_instansi = "Kepala Desa Mekar"
    batas = date(2027, 3, 31)
    dibuat_oleh = factory.SubFactory(UserFactory)

    @factory.post_generation
    def sumber_objek(obj, create, extracted, **kwargs):
        if extracted is not None:
            from django.contrib.contenttypes.models import ContentType

            obj.sumber_jenis = ContentType.objects.get_for_model(type(extracted))
            obj.sumber_id = extracted.pk
            obj.save()


class BuktiRTLFactory(DjangoModelFactory):
    class Meta:
        model = BuktiRTL

    rtl = factory.SubFactory(RTLFactory)
    berkas = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 bukti", name="bukti.pdf"))
    nama = "bukti.pdf"
    diunggah_oleh = factory.SubFactory(UserFactory)


class RealisasiRPKFactory(DjangoModelFactory):
    class Meta:
        model = RealisasiRPK

    bulan = 2
    terlaksana = True
    volume = 1
    biaya = 100_000
    diisi_oleh = factory.SubFactory(UserFactory)
