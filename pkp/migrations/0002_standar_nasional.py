"""The national default PKP instrument of the current and the next year (the manajemen
rubric of PKP Lampiran 2, placeholder pelayanan and mutu indicators). Idempotent: a year
that already has one is left alone. Later years: ``manage.py pkp_standar_nasional <tahun>``.
"""

from django.db import migrations
from django.utils import timezone


def tambah(apps, schema_editor):
    from pkp.services.instrumen import standar_nasional_bangun

    tahun = timezone.localdate().year
    for t in (tahun, tahun + 1):
        standar_nasional_bangun(apps.get_model, t)


class Migration(migrations.Migration):
    dependencies = [
        ("pkp", "0001_instrumen"),
        ("puskesmas", "0002_klaster_referensi"),
    ]

    operations = [migrations.RunPython(tambah, migrations.RunPython.noop)]
