"""Print the README's role table, rendered from ``access.HAK``."""

from django.core.management.base import BaseCommand

from puskesmas.alat.access import tabel_hak


class Command(BaseCommand):
    help = "Cetak tabel hak peran (README) dari puskesmas/alat/access.py."

    def handle(self, *args, **options):
        self.stdout.write(tabel_hak(), ending="")
