"""Benchmarks of the key pages at national scale: ``make bench`` (``python -m benchmarks.run``).

1. Creates (once) a synthetic country in the benchmark database: see ``benchmarks/data.py``
   (then ``ANALYZE`` on PostgreSQL, so the planner knows the tables' sizes).
2. Renders each key page through Django's test ``Client`` as the role that uses it, and
   times ``for_user`` scoping on its own. Each measurement runs once to warm up, once more
   to count its queries with ``CaptureQueriesContext``, then ``--ulang`` times untimed by
   any query capture; the table shows the median, minimum and maximum.
3. Times, for the same pages in the same run, the hand-written SQL floor returning the same
   rows (``benchmarks/lantai.py``) and the page fetched through gunicorn over HTTP on
   127.0.0.1 (``benchmarks/jaringan.py``), and prints the ratios.
4. A bounded load test: mixed virtual users (Puskesmas staff, Dinkes, national) at each of
   ``--pengguna`` concurrency levels for ``--durasi`` seconds: requests per second,
   p50/p95/p99, errors and the workers' memory.
5. Measures the kabupaten-level pages at kabupaten of several sizes (``--tanpa-kurva`` to
   skip) and plots them against the number of Puskesmas (an SVG next to the JSON).
6. Prints tables and writes the same figures as JSON under ``benchmarks/results/``.

``BENCH_CEPAT=1`` is the short mode: 20 kabupaten, 3 repetitions, 10 s per load level.

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
    # Pages only: who fetches which URL, and the page's SQL floor.
    user: object = None
    url: str | None = None
    lantai: object = None
    lantai_ms: float | None = None
    lantai_baris: int | None = None
    http_ms: float | None = None


def _argumen(argv):
    cepat = os.environ.get("BENCH_CEPAT", "") not in {"", "0"}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kabupaten",
        type=int,
        default=20 if cepat else 514,
        help="skala: jumlah kabupaten/kota (514 = seluruh Indonesia; proporsi lain mengikuti)",
    )
    parser.add_argument(
        "--ulang", type=int, default=3 if cepat else 7, help="jumlah pengukuran per halaman"
    )
    parser.add_argument(
        "--durasi",
        type=float,
        default=float(os.environ.get("BENCH_DURASI", 10 if cepat else 60)),
        help="detik uji beban per tingkat pengguna (bawaan 60; BENCH_CEPAT=1: 10)",
    )
    parser.add_argument(
        "--pengguna", default="10,50", help="tingkat pengguna serentak uji beban, mis. 10,50"
    )
    # One sync worker per core, as deployed (WEB_CONCURRENCY in docker-compose.yml).
    parser.add_argument(
        "--pekerja",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", 0)) or os.cpu_count() or 2,
        help="pekerja gunicorn (bawaan WEB_CONCURRENCY, atau satu per inti)",
    )
    parser.add_argument(
        "--tanpa-http", action="store_true", help="lewati pengukuran HTTP dan uji beban"
    )
    parser.add_argument(
        "--buat-ulang", action="store_true", help="hapus data benchmark lalu buat lagi"
    )
    parser.add_argument(
        "--tanpa-riwayat", action="store_true", help="jangan tulis baris riwayat sintetis"
    )
    parser.add_argument("--keluaran", type=Path, help="berkas JSON hasil (bawaan: results/)")
    parser.add_argument(
        "--tanpa-kurva",
        action="store_true",
        help="lewati pengukuran halaman kabupaten pada beberapa ukuran kabupaten (dan grafiknya)",
    )
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
    _analyze()
    return jumlah, detik


def _analyze() -> None:
    """Fresh planner statistics: bulk-loaded tables are otherwise planned as if empty."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")


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

    from . import lantai as L

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

        panggil.user, panggil.url = user, url
        return panggil

    def page(nama, keterangan, fungsi, lantai) -> Ukuran:
        return Ukuran(nama, keterangan, fungsi, user=fungsi.user, url=fungsi.url, lantai=lantai)

    def segar(user):
        # The scope is cached on the user object for one request; each run reads it anew.
        user.__dict__.pop("_lingkup", None)
        return user

    tahun = SasaranDesa.objects.values_list("tahun", flat=True).first()
    # The national list's last page: the 50 codes after this one (keyset, no OFFSET).
    from puskesmas.alat.halaman import kode_kursor

    jumlah_pkm = Puskesmas.objects.count()
    kode_akhir = Puskesmas.objects.order_by("kode").values_list("kode", flat=True)[
        max(0, jumlah_pkm - 51)
    ]
    return [
        page(
            "Beranda nasional",
            "daftar kabupaten/kota, halaman 1 (50 per halaman)",
            halaman(nasional, "/"),
            L.beranda_nasional(1),
        ),
        page(
            "Beranda nasional hlm. 6",
            "halaman 6",
            halaman(nasional, "/?page=6"),
            L.beranda_nasional(6),
        ),
        page(
            "Rekap Dinkes satu kabupaten",
            "verifikator; semua Puskesmas kabupaten dengan jumlah desa dan Pustu",
            halaman(verifikator, f"/kabupaten/{kab}/"),
            L.puskesmas_kabupaten(kab),
        ),
        page(
            "Daftar Puskesmas (verifikator)",
            "verifikator kabupaten; dengan saringan",
            halaman(verifikator, "/puskesmas/"),
            L.puskesmas_kabupaten(kab, 50),
        ),
        page(
            "Daftar Puskesmas (nasional)",
            "semua Puskesmas, 50 per halaman",
            halaman(nasional, "/puskesmas/"),
            L.puskesmas_nasional(),
        ),
        page(
            "Daftar Puskesmas (nasional) hlm. akhir",
            "halaman terakhir lewat kursor (tanpa OFFSET)",
            halaman(nasional, f"/puskesmas/?setelah={kode_kursor((kode_akhir,))}"),
            L.puskesmas_nasional(kode_akhir),
        ),
        page(
            "Detail Puskesmas",
            "Kepala Puskesmas; desa, Pustu, petugas",
            halaman(kapus, f"/puskesmas/{pkm.pk}/"),
            L.detail_puskesmas(pkm.pk),
        ),
        page(
            "Riwayat perubahan",
            "Kepala Puskesmas; 100 perubahan terakhir dari semua model berriwayat",
            halaman(kapus, f"/puskesmas/{pkm.pk}/riwayat/"),
            L.riwayat(pkm.pk),
        ),
        page(
            "Daftar pengguna (admin Dinkes)",
            "semua petugas kabupaten, 50 per halaman",
            halaman(admin, "/pengguna/"),
            L.pengguna_kabupaten(kab),
        ),
        *_halaman_perencanaan(page, halaman, verifikator, kapus, kab, pkm, tahun),
        *_halaman_p2p3(page, halaman, verifikator, kapus, kab, pkm, tahun),
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


def _halaman_perencanaan(page, halaman, verifikator, kapus, kab, pkm, tahun) -> list[Ukuran]:
    """The planning pages, when the data has planning (``data.buat(rencana=True)``)."""
    from perencanaan.models import RUK

    from . import lantai as L

    ruk = RUK.objects.filter(puskesmas=pkm).order_by("-tahun").first()
    if ruk is None:
        return []
    return [
        page(
            "RUK kabupaten (Dinkes)",
            "verifikator; RUK setiap Puskesmas: status, jumlah kegiatan, anggaran",
            halaman(verifikator, f"/perencanaan/kabupaten/{kab}/ruk/"),
            L.ruk_kabupaten(kab, ruk.tahun),
        ),
        page(
            "Kepatuhan tenggat (Dinkes)",
            "verifikator; target dan SK setiap Puskesmas terhadap tenggat",
            halaman(verifikator, f"/perencanaan/kabupaten/{kab}/kepatuhan/"),
            L.kepatuhan(kab, tahun),
        ),
        page(
            "Detail RUK",
            "Kepala Puskesmas; sekitar 25 kegiatan per klaster",
            halaman(kapus, f"/perencanaan/ruk/{ruk.pk}/"),
            L.kegiatan_ruk(ruk.pk),
        ),
    ]


def _halaman_p2p3(page, halaman, verifikator, kapus, kab, pkm, tahun) -> list[Ukuran]:
    """The pages of PKP, Lokmin, PWS, pengendalian and RTL, and the Kepala's home and
    notifications, when the data has them (``benchmarks/p2p3.py``)."""
    from django.utils import timezone

    from lokmin.models_pws import LembarPWS
    from pkp.models import PenilaianPKP

    from . import lantai as L

    pkp = PenilaianPKP.objects.filter(puskesmas__kabupaten_id=kab).order_by("-tahun").first()
    lembar = LembarPWS.objects.filter(puskesmas=pkm).order_by("-bulan", "klaster__nomor").first()
    if pkp is None or lembar is None:
        return []
    bulan, klaster = lembar.bulan, lembar.klaster_id
    pws = f"?tahun={tahun}&bulan={bulan}"
    return [
        page(
            "Peringkat PKP kabupaten",
            "verifikator; setiap Puskesmas dengan status, kelompok dan nilai PKP-nya",
            halaman(verifikator, f"/pkp/kabupaten/{kab}/peringkat/?tahun={pkp.tahun}"),
            L.peringkat_pkp(kab, pkp.tahun),
        ),
        page(
            "Papan RTL (Kepala Puskesmas)",
            "semua RTL Puskesmas per kolom papan",
            halaman(kapus, f"/puskesmas/{pkm.pk}/rtl/"),
            L.rtl_papan(pkm.pk),
        ),
        page(
            "RTL kabupaten (Dinkes)",
            "verifikator; jumlah RTL setiap Puskesmas per kolom papan",
            halaman(verifikator, f"/kabupaten/{kab}/rtl/"),
            L.rtl_kabupaten(kab, timezone.localdate()),
        ),
        page(
            "Grid PWS satu bulan",
            "Kepala Puskesmas; desa x indikator PWS satu klaster",
            halaman(kapus, f"/lokmin/pws/p/{pkm.pk}/isi/{pws}&klaster={klaster}"),
            L.grid_pws(pkm.pk, kab, tahun, bulan, klaster),
        ),
        page(
            "Rekap PWS kabupaten",
            "verifikator; status desa setiap Puskesmas pada bulan itu",
            halaman(verifikator, f"/lokmin/pws/kabupaten/{kab}/{pws}"),
            L.pws_kabupaten(kab, tahun, bulan),
        ),
        page(
            "Pengendalian kabupaten",
            "verifikator; penyimpangan setiap Puskesmas sampai bulan itu",
            halaman(verifikator, f"/pengawasan/pengendalian/kabupaten/{kab}/?bulan={bulan}"),
            L.pengendalian_kabupaten(kab, tahun, bulan),
        ),
        page(
            "Daftar Lokmin",
            "Kepala Puskesmas; kalender Lokmin setahun",
            halaman(kapus, f"/lokmin/puskesmas/{pkm.pk}/"),
            L.lokmin_daftar(pkm.pk, tahun),
        ),
        page(
            "Beranda Kepala Puskesmas",
            "kotak masuk kerja dan notifikasi terbaru",
            halaman(kapus, "/"),
            L.beranda_puskesmas(pkm.pk, kapus.pk),
        ),
        page(
            "Notifikasi",
            "Kepala Puskesmas; 30 per halaman",
            halaman(kapus, "/notifikasi/"),
            L.notifikasi(kapus.pk),
        ),
    ]


# Kabupaten sizes (number of Puskesmas) the kabupaten-level pages are measured at: for
# each, the kabupaten whose size is nearest (each kabupaten once).
UKURAN_KURVA = (10, 30, 60, 100)


def _pilih_kabupaten_kurva(ukuran: dict[int, int], sasaran=UKURAN_KURVA) -> list[int]:
    """{kabupaten id: number of Puskesmas} → the kabupaten nearest each target size (lowest
    id on a tie), each once, smallest first."""
    dipilih = []
    for target in sasaran:
        calon = [k for k in sorted(ukuran) if k not in dipilih]
        if calon:
            dipilih.append(min(calon, key=lambda k: abs(ukuran[k] - target)))
    return sorted(dipilih, key=lambda k: (ukuran[k], k))


def _kurva_kabupaten(args) -> list[dict]:
    """The kabupaten-level pages (recap, RUK, compliance, PKP ranking) measured, as the
    main list is, at kabupaten of several sizes: one point per kabupaten."""
    from django.db.models import Count

    from pkp.models import PenilaianPKP
    from puskesmas.models import Kabupaten, User

    ukuran = dict(Kabupaten.objects.annotate(n=Count("puskesmas")).values_list("pk", "n"))
    tahun_pkp = PenilaianPKP.objects.order_by("-tahun").values_list("tahun", flat=True).first()
    halaman = {
        "Rekap Dinkes": "/kabupaten/{k}/",
        "RUK kabupaten": "/perencanaan/kabupaten/{k}/ruk/",
        "Kepatuhan tenggat": "/perencanaan/kabupaten/{k}/kepatuhan/",
    }
    if tahun_pkp is not None:
        halaman["Peringkat PKP"] = f"/pkp/kabupaten/{{k}}/peringkat/?tahun={tahun_pkp}"
    titik = []
    for k in _pilih_kabupaten_kurva(ukuran):
        user = (
            User.objects.filter(peran__kabupaten_id=k, peran__peran="verifikator_dinkes")
            .order_by("pk")
            .first()
        )
        from django.test import Client

        c = Client()
        c.force_login(user)
        hasil = {}
        for nama, pola in halaman.items():
            url = pola.format(k=k)

            def panggil(url=url, c=c, user=user):
                r = c.get(url)
                if r.status_code != 200:
                    raise RuntimeError(f"{url} sebagai {user.username}: status {r.status_code}")
                return r

            u = Ukuran(nama, url, panggil, user=user, url=url)
            _ukur(u, args.ulang)
            hasil[nama] = {"url": url, "median_ms": u.median_ms, "kueri": u.kueri}
        titik.append({"kabupaten_id": k, "puskesmas": ukuran[k], "halaman": hasil})
    return titik


def _tabel_kurva(titik: list[dict]) -> str:
    nama = list(titik[0]["halaman"]) if titik else []
    kepala = f"{'Puskesmas':>9}  " + "".join(f"{n:>20}" for n in nama)
    baris = [kepala, "-" * len(kepala)]
    for t in titik:
        sel = "".join(
            f"{t['halaman'][n]['median_ms']:>11.1f} ms {t['halaman'][n]['kueri']:>2} q"
            if n in t["halaman"]
            else f"{'-':>20}"
            for n in nama
        )
        baris.append(f"{t['puskesmas']:>9}  {sel}")
    return "\n".join(baris)


def _ukur(ukuran: Ukuran, ulang: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Warm up first: the first page view of a session also stamps it (puskesmas/sesi.py),
    # a write a user makes once per tenth of the session age, not on every page.
    ukuran.fungsi()
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
    if ukuran.lantai is not None:
        ukuran.lantai_baris = len(ukuran.lantai.jalankan())
        waktu = []
        for _ in range(ulang):
            mulai = time.perf_counter()
            ukuran.lantai.jalankan()
            waktu.append((time.perf_counter() - mulai) * 1000)
        ukuran.lantai_ms = round(statistics.median(waktu), 2)


def _cookie(user) -> str:
    """A session for ``user`` in the benchmark database, as a Cookie header value."""
    from django.conf import settings
    from django.test import Client

    c = Client()
    c.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={c.cookies[settings.SESSION_COOKIE_NAME].value}"


def _sesi_beban(daftar: list[Ukuran]) -> list:
    """Virtual users of the load test: 6 of 10 Puskesmas staff, 3 Dinkes, 1 national.

    Each has a session of its own (a different user where the data has one), so sessions
    and scopes are not shared between them.
    """
    from puskesmas.models import Kabupaten, PenugasanPeran, User

    from .jaringan import Sesi

    staf = list(
        PenugasanPeran.objects.filter(peran="kepala_puskesmas")
        .select_related("user")
        .order_by("puskesmas_id")[:6]
    )
    dinkes = list(
        PenugasanPeran.objects.filter(peran="verifikator_dinkes")
        .select_related("user")
        .order_by("kabupaten_id", "pk")[:3]
    )
    nasional = User.objects.get(username="bench.nasional")
    kab_besar = {u.nama: u.url for u in daftar if u.url}["Rekap Dinkes satu kabupaten"]
    sesi = []
    for p in staf:
        pk = p.puskesmas_id
        sesi.append(
            Sesi(
                "staf",
                _cookie(p.user),
                ["/", f"/puskesmas/{pk}/", f"/puskesmas/{pk}/riwayat/", "/notifikasi/"],
            )
        )
    for p in dinkes:
        sesi.append(
            Sesi(
                "dinkes",
                _cookie(p.user),
                [
                    "/",
                    f"/kabupaten/{p.kabupaten_id}/",
                    "/puskesmas/",
                    f"/perencanaan/kabupaten/{p.kabupaten_id}/ruk/",
                    f"/perencanaan/kabupaten/{p.kabupaten_id}/kepatuhan/",
                ],
            )
        )
    halaman_terakhir = max(1, -(-Kabupaten.objects.count() // 50))
    sesi.append(
        Sesi(
            "nasional",
            _cookie(nasional),
            ["/", f"/?page={halaman_terakhir}", "/puskesmas/", kab_besar],
        )
    )
    return sesi


def _ukur_jaringan(daftar: list[Ukuran], args) -> list[dict]:
    """The pages through gunicorn, then the load test; gunicorn is stopped in every case."""
    from .jaringan import Gunicorn, uji_beban, ukur_http

    server = Gunicorn(pekerja=args.pekerja)
    server.mulai()
    try:
        for u in daftar:
            if u.url:
                u.http_ms, _ = ukur_http(server.port, u.url, _cookie(u.user), args.ulang)
        sesi = _sesi_beban(daftar)
        beban = []
        for n in [int(x) for x in args.pengguna.split(",") if x.strip()]:
            print(f"Uji beban: {n} pengguna serentak, {args.durasi:.0f} detik ...")
            beban.append(uji_beban(server, sesi, n, args.durasi).ringkas())
        return beban
    finally:
        server.berhenti()


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


def _tabel_rasio(hasil: list[Ukuran]) -> str:
    kepala = (
        f"{'Halaman':<34} {'SQL ms':>8} {'baris':>6} {'Client ms':>10} {'HTTP ms':>8} "
        f"{'Client/SQL':>10} {'HTTP/SQL':>9}"
    )
    baris = [kepala, "-" * len(kepala)]
    for u in hasil:
        if u.lantai is None:
            continue
        http = f"{u.http_ms:.1f}" if u.http_ms is not None else "-"
        rasio_http = (
            f"{u.http_ms / u.lantai_ms:.1f}x" if u.http_ms is not None and u.lantai_ms else "-"
        )
        rasio = f"{u.median_ms / u.lantai_ms:.1f}x" if u.lantai_ms else "-"
        baris.append(
            f"{u.nama:<34} {u.lantai_ms:>8.2f} {u.lantai_baris:>6} {u.median_ms:>10.1f} "
            f"{http:>8} {rasio:>10} {rasio_http:>9}"
        )
    return "\n".join(baris)


def _tabel_beban(beban: list[dict]) -> str:
    kepala = (
        f"{'pengguna':>8} {'detik':>6} {'permintaan':>10} {'req/s':>7} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'galat':>6}  RSS pekerja MB"
    )
    baris = [kepala, "-" * len(kepala)]
    for b in beban:
        baris.append(
            f"{b['pengguna']:>8} {b['detik']:>6.1f} {b['permintaan']:>10} {b['per_detik']:>7.1f} "
            f"{b['p50_ms']:>8.1f} {b['p95_ms']:>8.1f} {b['p99_ms']:>8.1f} {b['galat']:>6}  "
            f"{', '.join(f'{x:.0f}' for x in b['rss_pekerja_mb'])}"
        )
    return "\n".join(baris)


def _kalibrasi(n_python: int = 1_000_000, n_sql: int = 200_000, ulang: int = 5) -> dict:
    """The machine's own speed at this moment, to compare runs: the median milliseconds of a
    fixed pure-Python loop and of a fixed SQL statement that reads no table.

    A virtual machine's speed can change between runs by more than a code change does;
    measured at the start and the end of a run, these say whether two runs are comparable.
    """
    from django.db import connection

    def median_ms(fungsi) -> float:
        fungsi()  # warm-up: caches, the statement's first plan
        waktu = []
        for _ in range(ulang):
            mulai = time.perf_counter()
            fungsi()
            waktu.append((time.perf_counter() - mulai) * 1000)
        return round(statistics.median(waktu), 1)

    sql = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %s) "
        "SELECT sum(x) FROM c"
    )

    def kueri():
        with connection.cursor() as cursor:
            cursor.execute(sql, [n_sql])
            cursor.fetchone()

    return {
        "python_ms": median_ms(lambda: sum(i * i for i in range(n_python))),
        "sql_ms": median_ms(kueri),
    }


def main(argv=None) -> int:
    args = _argumen(argv)
    _siapkan_django()
    kalibrasi = {"awal": _kalibrasi()}
    print(f"Kecepatan mesin (awal): {kalibrasi['awal']}")
    jumlah, detik_data = _siapkan_data(args)
    print("Jumlah baris: " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in jumlah.items()))
    daftar = _ukuran(args)
    for u in daftar:
        _ukur(u, args.ulang)
    print()
    print(f"Median dari {args.ulang} pengukuran (setelah satu pemanasan):")
    print(_tabel(daftar))
    kurva = [] if args.tanpa_kurva else _kurva_kabupaten(args)
    if kurva:
        print()
        print("Halaman kabupaten menurut ukuran kabupaten (median ms, jumlah kueri):")
        print(_tabel_kurva(kurva))
    beban = []
    if not args.tanpa_http:
        beban = _ukur_jaringan(daftar, args)
    print()
    print("Halaman terhadap lantai SQL-nya (satu kueri tulisan tangan, baris yang sama):")
    print(_tabel_rasio(daftar))
    if beban:
        print()
        print(f"Uji beban ({args.pekerja} pekerja gunicorn sync, tanpa jeda antar permintaan):")
        print(_tabel_beban(beban))

    kalibrasi["akhir"] = _kalibrasi()
    print(f"Kecepatan mesin (akhir): {kalibrasi['akhir']}")

    from django.conf import settings

    keluaran = args.keluaran or (
        Path(settings.HASIL_DIR) / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    )
    keluaran.parent.mkdir(parents=True, exist_ok=True)
    laporan = {
        "waktu": datetime.now().isoformat(timespec="seconds"),
        "mesin": _mesin(),
        "kalibrasi": kalibrasi,
        "skala_kabupaten": args.kabupaten,
        "jumlah_baris": jumlah,
        "detik_pembuatan_data": round(detik_data, 1) if detik_data is not None else None,
        "ulang": args.ulang,
        "pekerja_gunicorn": args.pekerja,
        "beban": beban,
        "kurva_kabupaten": kurva,
        "hasil": [
            {
                "nama": u.nama,
                "keterangan": u.keterangan,
                "median_ms": u.median_ms,
                "min_ms": u.min_ms,
                "max_ms": u.max_ms,
                "kueri": u.kueri,
                "ukuran_kb": u.ukuran_kb,
                "lantai_ms": u.lantai_ms,
                "lantai_baris": u.lantai_baris,
                "http_ms": u.http_ms,
            }
            for u in daftar
        ],
    }
    keluaran.write_text(json.dumps(laporan, indent=2, ensure_ascii=False) + "\n")
    print(f"\nHasil ditulis ke {keluaran}")
    if kurva:
        from .grafik import grafik_kurva

        svg = keluaran.with_name(f"{keluaran.stem}-kabupaten.svg")
        svg.write_text(
            grafik_kurva(
                kurva,
                judul=f"Waktu halaman kabupaten menurut jumlah Puskesmas ({args.kabupaten} kab.)",
            )
        )
        print(f"Grafik ditulis ke {svg}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
