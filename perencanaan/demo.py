"""P1 demo data for ``seed_demo``: the demo kabupaten in the middle of its planning year.

Everything is laid out relative to today (``hari_ini``), so the story moves with the clock:

* this year's targets and SK Target Kinerja: signed on time in most Puskesmas, signed late
  in one (``TERLAMBAT``), not started in another (``BELUM``);
* next year's RUK (drafted this year): a draft with activities in one Puskesmas
  (``RUK_DRAF``), returned by its Kepala with a reason in another (``RUK_DIKEMBALIKAN``),
  approved and sent to the Dinkes in a third (``RUK_DIKIRIM``).

Each step goes through the services (so the workflow trail and the notifications exist);
the moments the deadlines are measured by (first submission, signing) are then set to the
story's dates, never later than today. Running it again changes nothing: a Puskesmas that
already has this year's targets or next year's RUK is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from puskesmas.alat import kalender

from .models import KegiatanRUK, PenetapanTarget, SKTargetKinerja
from .selectors.target import katalog
from .services.ruk import kegiatan_ruk_simpan, ruk_buat, ruk_jalankan
from .services.target import (
    penetapan_ajukan,
    penetapan_mulai,
    sk_target_tetapkan,
    target_klaster_simpan,
)

TERLAMBAT = "P3399010202"  # Cempaka: SK signed weeks after the end of February
BELUM = "P3399030202"  # Tanjungsari: no targets yet
RUK_DRAF = "P3399010202"  # Cempaka
RUK_DIKEMBALIKAN = "P3399010101"  # Sukamaju: the Kepala TU has it back
RUK_DIKIRIM = "P3399020101"  # Wanasari: waiting for the verifier
ALASAN_KEMBALI = (
    "Kebutuhan anggaran kegiatan posyandu belum dirinci per desa; "
    "lengkapi sebelum diajukan kembali."
)

# (klaster nomor, upaya, rincian, anggaran)
KEGIATAN_RUK = (
    (2, "Kelas ibu hamil", "Empat pertemuan per desa", 6_000_000),
    (2, "Posyandu balita", "Penimbangan dan PMT penyuluhan", 12_500_000),
    (3, "Skrining PTM usia produktif", "Posbindu di setiap desa", 8_000_000),
    (4, "Pelacakan kontak TBC", "Kunjungan rumah kasus indeks", 4_500_000),
)


def _pada(tanggal: dt.date, hari_ini: dt.date) -> dt.datetime:
    """10 a.m. on ``tanggal`` (never after today), in the project's time zone."""
    tanggal = min(tanggal, hari_ini)
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(10)))


def _target(*, puskesmas, tahun: int, kepala, hari_ini: dt.date, terlambat: bool) -> None:
    indikator = katalog(kabupaten=puskesmas.kabupaten, tahun=tahun)
    if not indikator or PenetapanTarget.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        return
    penetapan = penetapan_mulai(puskesmas=puskesmas, tahun=tahun, user=kepala)
    per_klaster: dict = {}
    for i in indikator:
        per_klaster.setdefault(i.klaster, {})[i.pk] = i.target_default
    for klaster, nilai in per_klaster.items():
        target_klaster_simpan(penetapan=penetapan, klaster=klaster, nilai=nilai, user=kepala)
    penetapan = penetapan_ajukan(penetapan=penetapan, user=kepala)
    if terlambat:
        diajukan = kalender.batas_sk_target(tahun) + dt.timedelta(days=12)
        ditetapkan = diajukan + dt.timedelta(days=7)
    else:
        diajukan = kalender.batas_target_kinerja(tahun) - dt.timedelta(days=4)
        ditetapkan = kalender.batas_sk_target(tahun) - dt.timedelta(days=3)
    ditetapkan = min(ditetapkan, hari_ini)
    sk = sk_target_tetapkan(
        penetapan=penetapan,
        nomor=f"440/{puskesmas.pk:03d}/SK/PKM/{tahun}",
        tanggal=ditetapkan,
        user=kepala,
    )
    PenetapanTarget.objects.filter(pk=penetapan.pk).update(diajukan_pada=_pada(diajukan, hari_ini))
    SKTargetKinerja.objects.filter(pk=sk.pk).update(ditandatangani_pada=_pada(ditetapkan, hari_ini))


def _ruk(*, puskesmas, tahun: int, kepala, ktu, sampai: str) -> None:
    from .models import RUK

    if RUK.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        return
    penyusun = ktu or kepala
    ruk, _ = ruk_buat(puskesmas=puskesmas, tahun=tahun, user=penyusun)
    from puskesmas.referensi import pastikan_klaster

    klaster = pastikan_klaster()
    for nomor, upaya, rincian, anggaran in KEGIATAN_RUK:
        kegiatan_ruk_simpan(
            kegiatan=KegiatanRUK(
                ruk=ruk,
                klaster=klaster[nomor],
                upaya=upaya,
                rincian=rincian,
                sasaran="Seluruh desa wilayah kerja",
                target="100%",
                waktu="Januari–Desember",
                kebutuhan_anggaran=anggaran,
                penanggung_jawab=f"PJ Klaster {nomor}",
            ),
            user=penyusun,
        )
    if sampai == "draf":
        return
    ruk = ruk_jalankan(ruk=ruk, langkah="ajukan", user=penyusun)
    if sampai == "dikembalikan":
        ruk_jalankan(ruk=ruk, langkah="kembalikan", user=kepala, catatan=ALASAN_KEMBALI)
        return
    ruk = ruk_jalankan(ruk=ruk, langkah="sahkan", user=kepala)
    ruk_jalankan(ruk=ruk, langkah="kirim", user=kepala)


def isi_demo(*, kabupaten, kepala: dict[str, object], ktu: dict[str, object]) -> None:
    """The P1 story of ``kabupaten`` (see the module docstring). ``kepala`` and ``ktu`` map
    a Puskesmas code to its Kepala and its Kepala TU (when the demo has one)."""
    from puskesmas.models import Puskesmas

    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    for p in Puskesmas.objects.filter(kabupaten=kabupaten).order_by("kode"):
        user = kepala.get(p.kode)
        if user is None:
            continue
        if p.kode != BELUM:
            _target(
                puskesmas=p,
                tahun=tahun,
                kepala=user,
                hari_ini=hari_ini,
                terlambat=p.kode == TERLAMBAT,
            )
        sampai = {RUK_DRAF: "draf", RUK_DIKEMBALIKAN: "dikembalikan", RUK_DIKIRIM: "dikirim"}
        if p.kode in sampai:
            _ruk(
                puskesmas=p,
                tahun=tahun + 1,
                kepala=user,
                ktu=ktu.get(p.kode),
                sampai=sampai[p.kode],
            )
