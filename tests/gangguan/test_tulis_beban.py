"""No acknowledged write is lost under load.

gunicorn (two sync workers, as deployed) serves the test database on loopback. Virtual users
hammer it for a bounded time, mixing page reads with three kinds of write:

* a new RUK activity, each with a unique name (an insert);
* an edit of the user's own RUK activity, carrying the version the form gave (an update
  that must refuse a stale version, never overwrite it silently);
* a progress note on one RTL shared by everybody (an update of one contended row, taken
  under its row lock).

Every write the server acknowledged (its redirect after success) is recorded by the client.
Afterwards each must be in the database and in the audit history exactly once: 0 lost, 0
duplicated, 0 server errors. CI runs a short burst (``BEBAN_TULIS_PENGGUNA`` users for
``BEBAN_TULIS_DETIK`` seconds, 8 and 8 by default); the figures in docs/reliability.md come
from the same test with 50 users for 60 s.
"""

import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from perencanaan.models import KegiatanRUK
from puskesmas.models import RTL

from ..lokmin.factories import RTLFactory
from ..perencanaan.factories_katalog import klaster
from ..perencanaan.factories_ruk import KegiatanRUKFactory, RUKFactory
from .conftest import AKAR, env_proses
from .proksi import ProksiTCP

pytestmark = pytest.mark.gangguan

PENGGUNA = int(os.environ.get("BEBAN_TULIS_PENGGUNA", "8"))
DETIK = float(os.environ.get("BEBAN_TULIS_DETIK", "8"))
HOST = "127.0.0.1"
RE_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RE_VERSI = re.compile(r'name="versi" value="([^"]*)"')


def _data_kegiatan(upaya: str, target: str, klaster_pk: int) -> dict:
    return {
        "klaster": klaster_pk,
        "upaya": upaya,
        "rincian": "Uji beban",
        "tujuan": "Meningkatkan cakupan",
        "sasaran": "Ibu hamil",
        "target": target,
        "penanggung_jawab": "Bidan koordinator",
        "kebutuhan_sumber_daya": "Bidan",
        "mitra_kerja": "PKK",
        "waktu": "Maret",
        "kebutuhan_anggaran": "1.000.000",
        "indikator_kinerja": "Cakupan K6",
        "sumber_pembiayaan": "BOK",
    }


class Peramban:
    """One virtual user's HTTP client: its session cookie, the CSRF cookie, no redirects."""

    def __init__(self, port: int, sesi: str):
        self.port = port
        self.cookie = {settings.SESSION_COOKIE_NAME: sesi}

    def _minta(self, metode: str, url: str, isi: dict | None = None) -> tuple[int, str]:
        sambungan = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            kepala = {
                "Host": "localhost",
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookie.items()),
            }
            badan = None
            if isi is not None:
                badan = urllib.parse.urlencode(isi, doseq=True)
                kepala["Content-Type"] = "application/x-www-form-urlencoded"
                kepala["Referer"] = f"http://localhost{url}"
            sambungan.request(metode, url, body=badan, headers=kepala)
            r = sambungan.getresponse()
            teks = r.read().decode(errors="replace")
            for nama, nilai in r.getheaders():
                if nama.lower() == "set-cookie":
                    k, _, sisa = nilai.partition("=")
                    self.cookie[k.strip()] = sisa.split(";", 1)[0]
            return r.status, teks
        finally:
            sambungan.close()

    def get(self, url: str) -> tuple[int, str]:
        return self._minta("GET", url)

    def kirim(self, url: str, data: dict, halaman: str | None = None) -> tuple[int, str]:
        """GET the page of the form (CSRF token, version), then POST ``url``; returns the
        POST's answer."""
        status, html = self.get(halaman or url)
        if status != 200:
            return status, html
        data = {**data, "csrfmiddlewaretoken": RE_CSRF.search(html).group(1)}
        if "versi" in data and data["versi"] is None:
            data["versi"] = RE_VERSI.search(html).group(1)
        return self._minta("POST", url, data)


@dataclass
class Catatan:
    """What one virtual user saw: acknowledged writes, refusals and errors."""

    dibuat: list[str] = field(default_factory=list)  # names of activities created
    diubah: list[str] = field(default_factory=list)  # targets written to its own activity
    progres: list[str] = field(default_factory=list)  # progress notes on the shared RTL
    konflik: int = 0  # edits refused because another save came first
    galat: list[tuple[str, int]] = field(default_factory=list)
    permintaan: int = 0


@pytest.fixture
def server(transactional_db, tmp_path):
    port = ProksiTCP((HOST, 1)).port  # a free port
    log = tmp_path / "gunicorn.log"
    proses = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "puskesmas.wsgi:application",
            f"--bind={HOST}:{port}",
            "--workers=2",
            "--timeout=60",
        ],
        cwd=AKAR,
        env=env_proses(DJANGO_SETTINGS_MODULE="puskesmas.settings.test", CONN_MAX_AGE=600),
        stdout=open(log, "wb"),
        stderr=subprocess.STDOUT,
    )
    akhir = time.monotonic() + 30
    while True:
        try:
            if Peramban(port, "").get("/sehat/")[0] == 200:
                break
        except OSError:
            pass
        assert proses.poll() is None and time.monotonic() < akhir, log.read_text()[-3000:]
        time.sleep(0.2)
    yield port
    proses.terminate()
    proses.wait(timeout=20)


def test_every_acknowledged_write_is_stored_once_with_its_history(server, dunia):
    ruk = RUKFactory(puskesmas=dunia.a, tahun=timezone.localdate().year + 1)
    rtl = RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a)
    milik = [KegiatanRUKFactory(ruk=ruk, upaya=f"Milik {i}", target="0") for i in range(PENGGUNA)]
    sesi = []
    for user in (dunia.ktu_a, dunia.kapus_a):
        c = Client()
        c.force_login(user)
        sesi.append(c.cookies[settings.SESSION_COOKIE_NAME].value)

    url_tambah = reverse("perencanaan:ruk_kegiatan_tambah", args=[ruk.pk])
    url_detail = reverse("perencanaan:ruk_detail", args=[ruk.pk])
    url_progres = reverse("rtl_progres", args=[rtl.pk])
    url_rtl = reverse("rtl_detail", args=[rtl.pk])
    url_papan = reverse("rtl_papan", args=[dunia.a.pk])
    catatan = [Catatan() for _ in range(PENGGUNA)]
    k2 = klaster(2).pk  # read here: the users' threads never touch the database
    akhir = time.monotonic() + DETIK

    def jalan(nomor: int) -> None:
        p = Peramban(server, sesi[nomor % len(sesi)])
        c = catatan[nomor]
        url_ubah = reverse("perencanaan:ruk_kegiatan_ubah", args=[milik[nomor].pk])
        langkah = 0
        while time.monotonic() < akhir:
            jenis = langkah % 4  # insert, edit, note, reads; then again
            langkah += 1
            tanda = f"u{nomor}-{langkah}"
            if jenis == 0:
                url, data, daftar = url_tambah, _data_kegiatan(f"Beban {tanda}", "1", k2), c.dibuat
                nilai, halaman = f"Beban {tanda}", None
            elif jenis == 1:
                url, data, daftar = url_ubah, _data_kegiatan(f"Milik {nomor}", tanda, k2), c.diubah
                data["versi"] = None  # the version the form gives now
                nilai, halaman = tanda, None
            elif jenis == 2:
                url, data, daftar = url_progres, {"catatan": f"Progres {tanda}"}, c.progres
                nilai, halaman = f"Progres {tanda}", url_rtl
            else:
                for halaman in (url_detail, url_papan):
                    status, _ = p.get(halaman)
                    c.permintaan += 1
                    if status != 200:
                        c.galat.append((halaman, status))
                continue
            try:
                status, html = p.kirim(url, data, halaman)
            except OSError as e:
                c.galat.append((url, repr(e)))
                continue
            c.permintaan += 2
            if status == 302:
                daftar.append(nilai)
            elif status == 200 and "telah diubah oleh pengguna lain" in html:
                c.konflik += 1
            else:
                c.galat.append((url, status))

    mulai = time.monotonic()
    benang = [threading.Thread(target=jalan, args=(i,)) for i in range(PENGGUNA)]
    for b in benang:
        b.start()
    for b in benang:
        b.join(timeout=DETIK + 120)
    lama = time.monotonic() - mulai

    galat = [g for c in catatan for g in c.galat]
    assert not galat, galat[:10]

    # Inserts: every acknowledged activity is there once, with one "created" history row.
    dibuat = [n for c in catatan for n in c.dibuat]
    tersimpan = Counter(
        KegiatanRUK.objects.filter(upaya__startswith="Beban ").values_list("upaya", flat=True)
    )
    assert tersimpan == Counter(dibuat), "lost or duplicated activities"
    riwayat = Counter(
        KegiatanRUK.history.filter(upaya__startswith="Beban ", history_type="+").values_list(
            "upaya", flat=True
        )
    )
    assert riwayat == Counter(dibuat)

    # Versioned updates: each user's acknowledged edits are in the history, in order, and
    # the row holds the last one.
    for nomor, c in enumerate(catatan):
        k = milik[nomor]
        jejak = list(
            KegiatanRUK.history.filter(id=k.pk, history_type="~")
            .order_by("history_date", "history_id")
            .values_list("target", flat=True)
        )
        assert jejak == c.diubah, (nomor, jejak[-5:], c.diubah[-5:])
        k.refresh_from_db()
        assert k.target == (c.diubah[-1] if c.diubah else "0")

    # One contended row: every acknowledged progress note is a history row of its own.
    progres = Counter(n for c in catatan for n in c.progres)
    tercatat = Counter(
        RTL.history.filter(id=rtl.pk, history_type="~").values_list("catatan_progres", flat=True)
    )
    assert tercatat == progres, "lost or duplicated progress notes"

    jumlah = sum(c.permintaan for c in catatan)
    tulis = len(dibuat) + sum(len(c.diubah) for c in catatan) + sum(progres.values())
    assert tulis > 0
    print(
        f"\n{PENGGUNA} users, {lama:.0f} s: {jumlah} requests ({jumlah / lama:.1f}/s), "
        f"{tulis} writes acknowledged ({len(dibuat)} inserts, "
        f"{sum(len(c.diubah) for c in catatan)} versioned edits, {sum(progres.values())} "
        f"notes on one RTL), {sum(c.konflik for c in catatan)} stale edits refused, "
        "0 lost, 0 duplicated, 0 errors"
    )
