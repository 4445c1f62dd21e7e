"""Back up the database and the media files into one archive (``make backup``)."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from puskesmas.alat.cadangan import CadanganDitolak, cadangkan


class Command(BaseCommand):
    help = (
        "Cadangkan database (PostgreSQL: pg_dump format custom; SQLite: backup API) dan "
        "berkas media ke satu arsip .tar.gz dengan manifest jumlah baris dan checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keluar",
            help="berkas arsip yang ditulis (bawaan: cadangan/cadangan-<waktu UTC>.tar.gz)",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        keluar = options["keluar"]
        if not keluar:
            waktu = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
            keluar = Path(settings.BASE_DIR) / "cadangan" / f"cadangan-{waktu}.tar.gz"
        try:
            manifest = cadangkan(
                koneksi=connections[options["database"]],
                media_root=Path(settings.MEDIA_ROOT),
                arsip=Path(keluar),
            )
        except CadanganDitolak as e:
            raise CommandError(str(e)) from e
        baris = sum(t["baris"] for t in manifest["tabel"].values())
        self.stdout.write(
            f"Cadangan tersimpan: {keluar} ({len(manifest['tabel'])} tabel, {baris} baris, "
            f"{len(manifest['media'])} berkas media)."
        )
