"""Reference data: the five ILP klaster (KMK 2015/2023)."""

from django.db import migrations

KLASTER = [
    (1, "Manajemen"),
    (2, "Ibu dan Anak"),
    (3, "Usia Dewasa dan Lansia"),
    (4, "Penanggulangan Penyakit Menular"),
    (5, "Lintas Klaster"),
]


def tambah(apps, schema_editor):
    Klaster = apps.get_model("puskesmas", "Klaster")
    for nomor, nama in KLASTER:
        Klaster.objects.update_or_create(nomor=nomor, defaults={"nama": nama})


def hapus(apps, schema_editor):
    apps.get_model("puskesmas", "Klaster").objects.filter(nomor__in=[k[0] for k in KLASTER]).delete()


class Migration(migrations.Migration):
    dependencies = [("puskesmas", "0001_initial")]

    operations = [migrations.RunPython(tambah, hapus)]
