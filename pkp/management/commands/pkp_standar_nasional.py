"""Create the national default PKP instrument of a year from the shipped rubric."""

from django.core.management.base import BaseCommand

from pkp.services.instrumen import standar_nasional_pastikan


class Command(BaseCommand):
    help = "Buat standar nasional instrumen PKP untuk tahun tertentu (bila belum ada)."

    def add_arguments(self, parser):
        parser.add_argument("tahun", type=int)

    def handle(self, *args, tahun, **options):
        instrumen, dibuat = standar_nasional_pastikan(tahun)
        status = "dibuat" if dibuat else "sudah ada"
        self.stdout.write(f"{instrumen}: {status}.")
