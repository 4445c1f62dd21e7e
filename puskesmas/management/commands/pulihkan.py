"""Restore an archive written by ``cadangkan`` into an empty database (``make restore``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from puskesmas.alat.cadangan import CadanganDitolak, pulihkan

GALAT_SELISIH = "Pemulihan selesai tetapi {jumlah} selisih dengan manifest."


class Command(BaseCommand):
    help = (
        "Pulihkan arsip cadangan ke database kosong dan folder media, lalu periksa setiap "
        "tabel dan berkas terhadap manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", help="berkas .tar.gz dari perintah cadangkan")
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="timpa database dan folder media yang tidak kosong",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            hasil = pulihkan(
                koneksi=connections[options["database"]],
                media_root=Path(settings.MEDIA_ROOT),
                arsip=Path(options["arsip"]),
                paksa=options["paksa"],
            )
        except CadanganDitolak as e:
            raise CommandError(str(e)) from e
        for s in hasil.selisih:
            self.stderr.write(s)
        if hasil.selisih:
            raise CommandError(GALAT_SELISIH.format(jumlah=len(hasil.selisih)))
        baris = sum(t["baris"] for t in hasil.manifest["tabel"].values())
        self.stdout.write(
            f"Pemulihan berhasil dan cocok dengan manifest: {len(hasil.manifest['tabel'])} "
            f"tabel, {baris} baris, {len(hasil.manifest['media'])} berkas media."
        )
