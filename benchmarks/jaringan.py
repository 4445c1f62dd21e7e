"""The pages as a browser gets them: through gunicorn over HTTP on 127.0.0.1.

``Gunicorn`` starts the app on a free loopback port with the benchmark settings (and the
benchmark database), ``ambil`` fetches one page with a session cookie, and ``uji_beban``
drives concurrent virtual users for a bounded time. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn serving the app on 127.0.0.1 until ``berhenti``; sync workers as deployed."""

    def __init__(self, pekerja: int = 3):
        self.pekerja = pekerja
        self.port = port_bebas()
        self.proses: subprocess.Popen | None = None

    def mulai(self, batas_detik: float = 60) -> None:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
        self.proses = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "puskesmas.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.pekerja),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=AKAR,
            env=env,
        )
        akhir = time.monotonic() + batas_detik
        while time.monotonic() < akhir:
            if self.proses.poll() is not None:
                raise RuntimeError("gunicorn berhenti saat mulai")
            try:
                status, _ = ambil(self.port, "/akun/masuk/", None)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.berhenti()
        raise RuntimeError("gunicorn tidak siap dalam batas waktu")

    def rss_pekerja_mb(self) -> list[float]:
        """Resident memory of each worker process, in MB (Linux /proc)."""
        if self.proses is None:
            return []
        hasil = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                bagian = stat.read_text().rsplit(")", 1)[1].split()
                if int(bagian[1]) != self.proses.pid:
                    continue
                for baris in (stat.parent / "status").read_text().splitlines():
                    if baris.startswith("VmRSS:"):
                        hasil.append(round(int(baris.split()[1]) / 1024, 1))
            except (OSError, IndexError, ValueError):
                continue
        return sorted(hasil)

    def berhenti(self) -> None:
        if self.proses is not None and self.proses.poll() is None:
            self.proses.terminate()
            try:
                self.proses.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proses.kill()
                self.proses.wait()
        self.proses = None


def ambil(port: int, url: str, cookie: str | None, batas_detik: float = 60) -> tuple[int, int]:
    """GET ``url``; returns (status, body bytes). A new connection per request, as gunicorn's
    sync workers close it after each response."""
    sambungan = http.client.HTTPConnection(HOST, port, timeout=batas_detik)
    try:
        kepala = {"Host": "localhost"}
        if cookie:
            kepala["Cookie"] = cookie
        sambungan.request("GET", url, headers=kepala)
        r = sambungan.getresponse()
        isi = r.read()
        return r.status, len(isi)
    finally:
        sambungan.close()


def ukur_http(port: int, url: str, cookie: str, ulang: int) -> tuple[float, int]:
    """Median milliseconds of ``ulang`` fetches after one warm-up; raises on non-200."""
    status, ukuran = ambil(port, url, cookie)
    if status != 200:
        raise RuntimeError(f"HTTP {url}: status {status}")
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        status, _ = ambil(port, url, cookie)
        waktu.append((time.perf_counter() - mulai) * 1000)
        if status != 200:
            raise RuntimeError(f"HTTP {url}: status {status}")
    return round(statistics.median(waktu), 1), ukuran


@dataclass
class Sesi:
    """A virtual user: a role, its session cookie and the pages it visits."""

    peran: str
    cookie: str
    halaman: list[str]


@dataclass
class HasilBeban:
    pengguna: int
    detik: float
    permintaan: int = 0
    galat: int = 0
    waktu_ms: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def ringkas(self) -> dict:
        w = sorted(self.waktu_ms)

        def persentil(p: float) -> float:
            if not w:
                return 0.0
            return round(w[min(len(w) - 1, int(p / 100 * len(w)))], 1)

        return {
            "pengguna": self.pengguna,
            "detik": round(self.detik, 1),
            "permintaan": self.permintaan,
            "per_detik": round(self.permintaan / self.detik, 1) if self.detik else 0.0,
            "p50_ms": persentil(50),
            "p95_ms": persentil(95),
            "p99_ms": persentil(99),
            "galat": self.galat,
            "rss_pekerja_mb": self.rss_mb,
        }


def uji_beban(
    server: Gunicorn, sesi: list[Sesi], pengguna: int, detik: float, seed: int = 1
) -> HasilBeban:
    """``pengguna`` threads, each a virtual user from ``sesi`` (round robin), fetching its
    pages one after another with no think time for ``detik`` seconds: the closed-loop
    throughput limit. A non-200 answer or a failed connection counts as an error."""
    hasil = HasilBeban(pengguna=pengguna, detik=detik)
    kunci = threading.Lock()
    akhir = time.monotonic() + detik

    def jalan(nomor: int) -> None:
        s = sesi[nomor % len(sesi)]
        rng = random.Random(seed * 1000 + nomor)
        waktu, galat = [], 0
        while time.monotonic() < akhir:
            url = rng.choice(s.halaman)
            mulai = time.perf_counter()
            try:
                status, _ = ambil(server.port, url, s.cookie)
            except OSError:
                status = 0
            waktu.append((time.perf_counter() - mulai) * 1000)
            galat += status != 200
        with kunci:
            hasil.waktu_ms += waktu
            hasil.permintaan += len(waktu)
            hasil.galat += galat

    mulai = time.monotonic()
    benang = [threading.Thread(target=jalan, args=(i,), daemon=True) for i in range(pengguna)]
    for b in benang:
        b.start()
    time.sleep(max(0.0, detik - 1))
    hasil.rss_mb = server.rss_pekerja_mb()  # while the workers are busy
    for b in benang:
        b.join()
    hasil.detik = time.monotonic() - mulai
    return hasil
