"""Print the PKP ranking of a kabupaten and year as CSV (the columns of the Excel export)."""

import csv

from django.core.management.base import BaseCommand, CommandError

from pkp.selectors import ekspor
from pkp.selectors.peringkat import peringkat_kabupaten
from puskesmas.models import Kabupaten

PESAN_KABUPATEN_TIDAK_ADA = "Kabupaten/kota dengan kode {kode} tidak ada."


class Command(BaseCommand):
    help = (
        "Cetak peringkat PKP sebuah kabupaten/kota untuk satu tahun sebagai CSV: baris judul, "
        "lalu satu baris per penilaian yang ditetapkan, urut peringkat (titik desimal)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", required=True, help="kode kabupaten/kota")
        parser.add_argument("--tahun", required=True, type=int, help="tahun penilaian")

    def handle(self, *args, kabupaten, tahun, **options):
        kab = Kabupaten.objects.filter(kode=kabupaten).first()
        if kab is None:
            raise CommandError(PESAN_KABUPATEN_TIDAK_ADA.format(kode=kabupaten))
        data = peringkat_kabupaten(kabupaten=kab, tahun=tahun)
        tulis = csv.writer(self.stdout, lineterminator="\n")
        tulis.writerow([k.judul for k in ekspor.kolom(data)])
        for baris in ekspor.baris(data):
            tulis.writerow(["" if v is None else str(v) for v in baris])
