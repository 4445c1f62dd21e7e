"""Benchmarks of the key pages at national scale: ``make bench`` (``python -m benchmarks.run``).

1. Creates (once) a synthetic country in the benchmark database: see ``benchmarks/data.py``.
2. Renders each key page through Django's test ``Client`` as the role that uses it, and
   times ``for_user`` scoping on its own. Each measurement runs once to warm up (and to
   count its queries with ``CaptureQueriesContext``), then ``--ulang`` times untimed by any
   query capture; the table shows the median, minimum and maximum.
3. Prints a table and writes the same figures as JSON under ``benchmarks/results/``.

These are measurements, not tests: nothing here passes or fails on a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass
class Ukuran:
    nama: str
    keterangan: str
    fungsi: Callable[[], object]
    median_ms: float = 0.0
    min_ms: float = 0.0
    max_ms: float = 0.0
    kueri: int = 0
    ukuran_kb: float | None = None


def _argumen(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kabupaten",
        type=int,
        default=514,
        help="skala: jumlah kabupaten/kota (514 = seluruh Indonesia; proporsi lain mengikuti)",
    )
    parser.add_argument("--ulang", type=int, default=7, help="jumlah pengukuran per halaman")
    parser.add_argument(
        "--buat-ulang", action="store_true", help="hapus data benchmark lalu buat lagi"
    )
    parser.add_argument(
        "--tanpa-riwayat", action="store_true", help="jangan tulis baris riwayat sintetis"
    )
    parser.add_argument("--keluaran", type=Path, help="berkas JSON hasil (bawaan: results/)")
    return parser.parse_args(argv)


def _siapkan_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    # Static files are served by whitenoise only after collectstatic; pages do not need it.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def _siapkan_data(args) -> tuple[dict, float | None]:
    from django.core.management import call_command

    from . import data

    call_command("migrate", verbosity=0, interactive=False)
    if not data.data_sintetis():
        sys.exit(
            "Basis data ini berisi data yang bukan data benchmark. Jalankan benchmark pada "
            "basis data kosong (tanpa DATABASE_URL: berkas SQLite di benchmarks/results/)."
        )
    skala = data.Skala.untuk_kabupaten(args.kabupaten)
    if data.sudah_ada(skala) and not args.buat_ulang:
        print("Data sintetis sudah ada; dipakai lagi (--buat-ulang untuk membuat ulang).")
        return data.jumlah_baris(), None
    if data.jumlah_baris()["provinsi"]:
        print("Menghapus data benchmark lama ...")
        call_command("flush", verbosity=0, interactive=False)
    print(f"Membuat data sintetis: {skala}")
    mulai = time.perf_counter()
    jumlah = data.buat(skala, riwayat=not args.tanpa_riwayat)
    detik = time.perf_counter() - mulai
    print(f"Selesai dalam {detik:.1f} detik.")
    return jumlah, detik


def _ukuran(args) -> list[Ukuran]:
    from django.db.models import Count
    from django.test import Client

    from puskesmas.alat.access import Aksi
    from puskesmas.models import Desa, Kabupaten, Puskesmas, SasaranDesa, User
    from puskesmas.services.pengguna import pengguna_untuk

    # The measured kabupaten: the one with the most Puskesmas (lowest id on a tie), so
    # the recap and the verifier's list show a full-size kabupaten.
    kab = (
        Kabupaten.objects.annotate(n=Count("puskesmas"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    pkm = Puskesmas.objects.filter(kabupaten_id=kab).order_by("pk").first()
    nasional = User.objects.get(username="bench.nasional")
    verifikator = User.objects.filter(peran__kabupaten_id=kab, peran__peran="verifikator_dinkes")
    verifikator = verifikator.order_by("pk").first()
    admin = User.objects.filter(peran__kabupaten_id=kab, peran__peran="admin_dinkes").first()
    kapus = User.objects.filter(peran__puskesmas=pkm, peran__peran="kepala_puskesmas").first()

    klien = {}

    def halaman(user, url) -> Callable[[], object]:
        if user.pk not in klien:
            c = Client()
            c.force_login(user)
            klien[user.pk] = c
        c = klien[user.pk]

        def panggil():
            r = c.get(url)
            if r.status_code != 200:
                raise RuntimeError(f"{url} sebagai {user.username}: status {r.status_code}")
            return r

        return panggil

    def segar(user):
        # The scope is cached on the user object for one request; each run reads it anew.
        user.__dict__.pop("_lingkup", None)
        return user

    tahun = SasaranDesa.objects.values_list("tahun", flat=True).first()
    return [
        Ukuran(
            "Beranda nasional",
            "daftar kabupaten/kota, halaman 1 dari 11 (50 per halaman)",
            halaman(nasional, "/"),
        ),
        Ukuran("Beranda nasional hlm. 6", "halaman 6 dari 11", halaman(nasional, "/?page=6")),
        Ukuran(
            "Rekap Dinkes satu kabupaten",
            "verifikator; semua Puskesmas kabupaten dengan jumlah desa dan Pustu",
            halaman(verifikator, f"/kabupaten/{kab}/"),
        ),
        Ukuran(
            "Daftar Puskesmas (verifikator)",
            "verifikator kabupaten; dengan saringan",
            halaman(verifikator, "/puskesmas/"),
        ),
        Ukuran(
            "Daftar Puskesmas (nasional)",
            "10.000 Puskesmas, 50 per halaman",
            halaman(nasional, "/puskesmas/"),
        ),
        Ukuran(
            "Detail Puskesmas",
            "Kepala Puskesmas; desa, Pustu, petugas",
            halaman(kapus, f"/puskesmas/{pkm.pk}/"),
        ),
        Ukuran(
            "Riwayat perubahan",
            "Kepala Puskesmas; 100 perubahan terakhir dari semua model berriwayat",
            halaman(kapus, f"/puskesmas/{pkm.pk}/riwayat/"),
        ),
        Ukuran(
            "Daftar pengguna (admin Dinkes)",
            "semua petugas kabupaten, 50 per halaman",
            halaman(admin, "/pengguna/"),
        ),
        Ukuran(
            "for_user: Puskesmas verifikator",
            "list(Puskesmas.objects.for_user(verifikator))",
            lambda: list(Puskesmas.objects.for_user(segar(verifikator))),
        ),
        Ukuran(
            "for_user: desa Kepala Puskesmas",
            "list(Desa.objects.for_user(kapus))",
            lambda: list(Desa.objects.for_user(segar(kapus))),
        ),
        Ukuran(
            "for_user: sasaran verifikator",
            "SasaranDesa.objects.for_user(verifikator).filter(tahun=...).count()",
            lambda: SasaranDesa.objects.for_user(segar(verifikator)).filter(tahun=tahun).count(),
        ),
        Ukuran(
            "for_user: sasaran nasional",
            "SasaranDesa.objects.for_user(nasional).count() (tanpa saringan)",
            lambda: SasaranDesa.objects.for_user(segar(nasional)).count(),
        ),
        Ukuran(
            "pengguna_untuk: admin Dinkes",
            "list(pengguna_untuk(admin, KELOLA_PENGGUNA))",
            lambda: list(pengguna_untuk(segar(admin), Aksi.KELOLA_PENGGUNA)),
        ),
    ]


def _ukur(ukuran: Ukuran, ulang: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as kueri:
        hasil = ukuran.fungsi()
    ukuran.kueri = len(kueri)
    if hasattr(hasil, "content"):
        ukuran.ukuran_kb = round(len(hasil.content) / 1024, 1)
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        ukuran.fungsi()
        waktu.append((time.perf_counter() - mulai) * 1000)
    ukuran.median_ms = round(statistics.median(waktu), 1)
    ukuran.min_ms = round(min(waktu), 1)
    ukuran.max_ms = round(max(waktu), 1)


def _mesin() -> dict:
    import django
    from django.db import connection

    return {
        "platform": platform.platform(),
        "prosesor": platform.processor() or platform.machine(),
        "jumlah_inti": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "basis_data": connection.vendor,
        "versi_basis_data": _versi_db(connection),
    }


def _versi_db(connection) -> str:
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            c.execute("select sqlite_version()")
        else:
            c.execute("select version()")
        return str(c.fetchone()[0])


def _tabel(hasil: list[Ukuran]) -> str:
    kepala = (
        f"{'Pengukuran':<34} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'kueri':>6} {'KB':>7}"
    )
    baris = [kepala, "-" * len(kepala)]
    for u in hasil:
        kb = f"{u.ukuran_kb:.1f}" if u.ukuran_kb is not None else "-"
        baris.append(
            f"{u.nama:<34} {u.median_ms:>10.1f} {u.min_ms:>8.1f} {u.max_ms:>8.1f} "
            f"{u.kueri:>6} {kb:>7}"
        )
    return "\n".join(baris)


def main(argv=None) -> int:
    args = _argumen(argv)
    _siapkan_django()
    jumlah, detik_data = _siapkan_data(args)
    print("Jumlah baris: " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in jumlah.items()))
    daftar = _ukuran(args)
    for u in daftar:
        _ukur(u, args.ulang)
    print()
    print(f"Median dari {args.ulang} pengukuran (setelah satu pemanasan):")
    print(_tabel(daftar))

    from django.conf import settings

    keluaran = args.keluaran or (
        Path(settings.HASIL_DIR) / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    )
    keluaran.parent.mkdir(parents=True, exist_ok=True)
    laporan = {
        "waktu": datetime.now().isoformat(timespec="seconds"),
        "mesin": _mesin(),
        "skala_kabupaten": args.kabupaten,
        "jumlah_baris": jumlah,
        "detik_pembuatan_data": round(detik_data, 1) if detik_data is not None else None,
        "ulang": args.ulang,
        "hasil": [
            {
                "nama": u.nama,
                "keterangan": u.keterangan,
                "median_ms": u.median_ms,
                "min_ms": u.min_ms,
                "max_ms": u.max_ms,
                "kueri": u.kueri,
                "ukuran_kb": u.ukuran_kb,
            }
            for u in daftar
        ],
    }
    keluaran.write_text(json.dumps(laporan, indent=2, ensure_ascii=False) + "\n")
    print(f"\nHasil ditulis ke {keluaran}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
