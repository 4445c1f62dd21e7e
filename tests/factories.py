import factory
from factory.django import DjangoModelFactory

from puskesmas.choices import Peran
from puskesmas.models import (
    Desa,
    Kabupaten,
    Kecamatan,
    Notifikasi,
    PenugasanPeran,
    Provinsi,
    Puskesmas,
    Pustu,
    SasaranDesa,
    User,
)
from puskesmas.referensi import pastikan_klaster


class ProvinsiFactory(DjangoModelFactory):
    class Meta:
        model = Provinsi
        django_get_or_create = ["kode"]

    kode = "33"
    nama = "Jawa Tengah"


class KabupatenFactory(DjangoModelFactory):
    class Meta:
        model = Kabupaten

    provinsi = factory.SubFactory(ProvinsiFactory)
    kode = factory.Sequence(lambda n: f"9{n % 1000:03d}")
    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    nama_dinkes = factory.LazyAttribute(lambda o: f"Dinas Kesehatan {o.nama}")


class KecamatanFactory(DjangoModelFactory):
    class Meta:
        model = Kecamatan

    kabupaten = factory.SubFactory(KabupatenFactory)
    kode = factory.Sequence(lambda n: f"K{n:06d}")
    nama = factory.Sequence(lambda n: f"Kecamatan {n}")


class PuskesmasFactory(DjangoModelFactory):
    class Meta:
        model = Puskesmas

    kode = factory.Sequence(lambda n: f"PKM{n:06d}")
    nama = factory.Sequence(lambda n: f"Uji {n}")
    kecamatan = factory.SubFactory(KecamatanFactory)
    alamat = "Jl. Uji No. 1"
    kepala_nama = "dr. Kepala Uji"
    kepala_nip = "198001012005012001"


class DesaFactory(DjangoModelFactory):
    class Meta:
        model = Desa

    puskesmas = factory.SubFactory(PuskesmasFactory)
    kode = factory.Sequence(lambda n: f"D{n:08d}")
    nama = factory.Sequence(lambda n: f"Desa {n}")


class SasaranDesaFactory(DjangoModelFactory):
    class Meta:
        model = SasaranDesa

    desa = factory.SubFactory(DesaFactory)
    tahun = 2026
    kategori = "penduduk"
    jumlah = 3000


class PustuFactory(DjangoModelFactory):
    class Meta:
        model = Pustu

    puskesmas = factory.SubFactory(PuskesmasFactory)
    nama = factory.Sequence(lambda n: f"Pustu {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    nama_lengkap = factory.Sequence(lambda n: f"Pengguna {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    password = factory.django.Password("rahasia-uji-123")


def beri_peran(user, peran, *, puskesmas=None, kabupaten=None, klaster_nomor=None):
    klaster = pastikan_klaster()[klaster_nomor] if klaster_nomor else None
    PenugasanPeran.objects.create(
        user=user, peran=peran, puskesmas=puskesmas, kabupaten=kabupaten, klaster=klaster
    )
    # A cached scope would hide the new role from the rest of the test.
    user.__dict__.pop("_lingkup", None)
    return user


def pengguna(username, peran, **lingkup):
    return beri_peran(UserFactory(username=username), peran, **lingkup)


class NotifikasiFactory(DjangoModelFactory):
    class Meta:
        model = Notifikasi

    penerima = factory.SubFactory(UserFactory)
    judul = factory.Sequence(lambda n: f"Notifikasi {n}")


__all__ = ["Peran"]
