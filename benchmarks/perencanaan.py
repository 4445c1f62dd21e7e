"""Synthetic planning data for the benchmarks: what a year of the planning cycle leaves.

Per kabupaten the default indicator catalogue for the year and, for half of them, their own
due dates. Per Puskesmas a target setting in one of the workflow states (a signed one has
its SK; some were revised, the old SK superseded), a target per indicator with the desa
sasaran of the indicators that have a population group, a RUK of about 25 activities in
one of the states, an RPK copied from each approved RUK, and a few notifications for the
Kepala Puskesmas and the Dinkes verifiers, some read.

Deterministic like ``data.py``: one seeded ``random.Random`` and fixed dates.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from perencanaan.choices import JenisTenggat, SumberPembiayaan
from perencanaan.katalog_default import KATALOG_BAWAAN
from perencanaan.models import (
    RPK,
    RUK,
    Indikator,
    KegiatanRPK,
    KegiatanRUK,
    PenetapanTarget,
    SKTargetKinerja,
    TargetDesa,
    TargetKinerja,
)
from puskesmas.alat.alur import StatusAlur
from puskesmas.choices import Peran
from puskesmas.models import (
    Desa,
    Kabupaten,
    Notifikasi,
    PenugasanPeran,
    Puskesmas,
    SasaranDesa,
    TenggatKabupaten,
)

BATCH = 5000
WAKTU_BACA = datetime(2026, 1, 20, 8, 0, tzinfo=UTC)
KEGIATAN_PER_RUK = 25
# Shares of each state across Puskesmas, for targets and for RUK (roughly mid-cycle).
STATUS_TARGET = [
    (StatusAlur.DRAFT, 0.25),
    (StatusAlur.DIAJUKAN, 0.15),
    (StatusAlur.DIKEMBALIKAN, 0.10),
    (StatusAlur.DISAHKAN, 0.50),
]
STATUS_RUK = [
    (StatusAlur.DRAFT, 0.30),
    (StatusAlur.DIAJUKAN, 0.15),
    (StatusAlur.DIKEMBALIKAN, 0.10),
    (StatusAlur.DISAHKAN, 0.20),
    (StatusAlur.DIKIRIM, 0.25),
]
BAGIAN_REVISI = 0.05  # signed targets later revised: the first SK superseded


def _pilih(rng: random.Random, bobot) -> str:
    return rng.choices([s for s, _ in bobot], weights=[w for _, w in bobot])[0]


def buat(tahun: int, klaster: dict, *, seed: int = 2028, log=print) -> dict[str, int]:
    """Create the planning data of ``tahun`` for every Puskesmas; returns row counts.

    Runs inside the caller's transaction, after the country and its people exist.
    """
    rng = random.Random(seed)
    kabupaten = list(Kabupaten.objects.order_by("pk"))
    indikator = []
    for kab in kabupaten:
        for urutan, i in enumerate(KATALOG_BAWAAN):
            indikator.append(
                Indikator(
                    kabupaten=kab,
                    tahun=tahun,
                    kode=i.kode,
                    nama=i.nama,
                    klaster=klaster[i.klaster],
                    jenis=i.jenis,
                    satuan=i.satuan,
                    arah=i.arah,
                    target_default=i.target_default,
                    kategori_sasaran=i.kategori_sasaran,
                    urutan=urutan,
                )
            )
    Indikator.objects.bulk_create(indikator, batch_size=BATCH)
    per_kab = defaultdict(list)
    for i in indikator:
        per_kab[i.kabupaten_id].append(i)

    tenggat = []
    for kab in kabupaten[::2]:
        tenggat += [
            TenggatKabupaten(
                kabupaten=kab,
                tahun=tahun,
                jenis=JenisTenggat.TARGET_KINERJA,
                tanggal=date(tahun, 1, 20) + timedelta(days=rng.randint(0, 20)),
            ),
            TenggatKabupaten(
                kabupaten=kab,
                tahun=tahun,
                jenis=JenisTenggat.SK_TARGET,
                tanggal=date(tahun, 2, 10) + timedelta(days=rng.randint(0, 20)),
            ),
        ]
    TenggatKabupaten.objects.bulk_create(tenggat, batch_size=BATCH)
    log(f"  {len(indikator)} indikator, {len(tenggat)} tenggat kabupaten")

    puskesmas = list(Puskesmas.objects.order_by("pk"))
    desa = defaultdict(list)
    for d_pk, p_pk in Desa.objects.order_by("pk").values_list("pk", "puskesmas_id"):
        desa[p_pk].append(d_pk)
    penduduk = defaultdict(dict)
    for d_pk, kategori, jumlah in SasaranDesa.objects.filter(tahun=tahun).values_list(
        "desa_id", "kategori", "jumlah"
    ):
        penduduk[d_pk][kategori] = jumlah
    kapus = dict(
        PenugasanPeran.objects.filter(peran=Peran.KEPALA_PUSKESMAS).values_list(
            "puskesmas_id", "user_id"
        )
    )

    penetapan = []
    for p in puskesmas:
        status = _pilih(rng, STATUS_TARGET)
        if status == StatusAlur.DISAHKAN and rng.random() < BAGIAN_REVISI:
            penetapan.append(PenetapanTarget(puskesmas=p, tahun=tahun, status="digantikan"))
            penetapan.append(PenetapanTarget(puskesmas=p, tahun=tahun, revisi=1, status=status))
        else:
            penetapan.append(PenetapanTarget(puskesmas=p, tahun=tahun, status=status))
    PenetapanTarget.objects.bulk_create(penetapan, batch_size=BATCH)

    target, target_desa_n = [], 0
    target_desa = []
    for pt in penetapan:
        for i in per_kab[pt.puskesmas.kabupaten_id]:
            target.append(
                TargetKinerja(
                    penetapan=pt,
                    indikator=i,
                    target_persen=Decimal(rng.choice([80, 85, 90, 95, 100])),
                    diisi_oleh_id=kapus.get(pt.puskesmas_id),
                )
            )
        if len(target) >= BATCH * 4:
            target_desa_n += _simpan_target(target, desa, penduduk)
            target = []
    target_desa_n += _simpan_target(target, desa, penduduk)
    del target_desa

    sk = []
    sebelumnya = {}
    for pt in penetapan:
        if pt.status not in {StatusAlur.DISAHKAN, "digantikan"}:
            continue
        s = SKTargetKinerja(
            penetapan=pt,
            nomor=f"440/{pt.pk}/PKM/{tahun}",
            tanggal=date(tahun, 2, 1) + timedelta(days=rng.randint(0, 40) + 30 * pt.revisi),
            kepala_nama=pt.puskesmas.kepala_nama,
            kepala_nip=pt.puskesmas.kepala_nip,
            ditandatangani_oleh_id=kapus[pt.puskesmas_id],
            lampiran=[],
        )
        sk.append(s)
        if pt.revisi == 0 and pt.status == "digantikan":
            sebelumnya[pt.puskesmas_id] = s
    SKTargetKinerja.objects.bulk_create(sk, batch_size=BATCH)
    diganti = []
    for s in sk:
        lama = sebelumnya.get(s.penetapan.puskesmas_id)
        if s.penetapan.revisi == 1 and lama is not None:
            lama.digantikan_oleh = s
            diganti.append(lama)
    SKTargetKinerja.objects.bulk_update(diganti, ["digantikan_oleh"], batch_size=BATCH)
    log(f"  {len(penetapan)} penetapan target, {len(sk)} SK ({len(diganti)} digantikan)")

    ruk = [RUK(puskesmas=p, tahun=tahun + 1, status=_pilih(rng, STATUS_RUK)) for p in puskesmas]
    RUK.objects.bulk_create(ruk, batch_size=BATCH)
    sumber = [s.value for s in SumberPembiayaan]
    kegiatan_n, rpk_n, kegiatan_rpk_n = 0, 0, 0
    for awal in range(0, len(ruk), 1000):
        bagian = ruk[awal : awal + 1000]
        kegiatan = []
        for r in bagian:
            for k in range(KEGIATAN_PER_RUK):
                kegiatan.append(
                    KegiatanRUK(
                        ruk=r,
                        klaster=klaster[1 + k % 5],
                        upaya=f"Kegiatan {k + 1} klaster {1 + k % 5}",
                        sasaran="Penduduk wilayah kerja",
                        target=f"{rng.randint(50, 100)}%",
                        waktu="Januari-Desember",
                        kebutuhan_anggaran=Decimal(rng.randint(1, 200) * 250_000),
                        sumber_pembiayaan=rng.choice(sumber),
                        urutan=k + 1,
                    )
                )
        KegiatanRUK.objects.bulk_create(kegiatan, batch_size=BATCH)
        kegiatan_n += len(kegiatan)
        per_ruk = defaultdict(list)
        for k in kegiatan:
            per_ruk[k.ruk_id].append(k)
        rpk = [
            RPK(ruk=r, puskesmas_id=r.puskesmas_id, tahun=r.tahun, status=StatusAlur.DRAFT)
            for r in bagian
            if r.status in {StatusAlur.DISAHKAN, StatusAlur.DIKIRIM}
        ]
        RPK.objects.bulk_create(rpk, batch_size=BATCH)
        rpk_n += len(rpk)
        baris = []
        for x in rpk:
            for k in per_ruk[x.ruk_id]:
                bulan = rng.sample(range(1, 13), rng.randint(1, 12))
                baris.append(
                    KegiatanRPK(
                        rpk=x,
                        kegiatan_ruk=k,
                        klaster_id=k.klaster_id,
                        kegiatan=k.upaya,
                        target_sasaran=k.target,
                        lokasi="Wilayah kerja",
                        biaya=k.kebutuhan_anggaran,
                        sumber_pembiayaan=k.sumber_pembiayaan,
                        urutan=k.urutan,
                        **{f"vol_{b:02d}": 1 for b in bulan},
                    )
                )
        KegiatanRPK.objects.bulk_create(baris, batch_size=BATCH)
        kegiatan_rpk_n += len(baris)
    log(f"  {len(ruk)} RUK, {kegiatan_n} kegiatan RUK, {rpk_n} RPK, {kegiatan_rpk_n} kegiatan RPK")

    penerima = list(kapus.values()) + list(
        PenugasanPeran.objects.filter(peran=Peran.VERIFIKATOR_DINKES).values_list(
            "user_id", flat=True
        )
    )
    notifikasi = []
    for user_id in penerima:
        for n in range(5):
            notifikasi.append(
                Notifikasi(
                    penerima_id=user_id,
                    judul=f"Pengingat tenggat {n + 1}",
                    pesan="Target kinerja belum diajukan.",
                    tautan="/",
                    kunci=f"bench-{tahun}-{n}",
                    dibaca_pada=None if n >= 3 else WAKTU_BACA,
                )
            )
    Notifikasi.objects.bulk_create(notifikasi, batch_size=BATCH)
    log(f"  {target_desa_n} target desa, {len(notifikasi)} notifikasi")
    return {
        "indikator": len(indikator),
        "penetapan_target": len(penetapan),
        "sk_target": len(sk),
        "target_desa": target_desa_n,
        "ruk": len(ruk),
        "kegiatan_ruk": kegiatan_n,
        "rpk": rpk_n,
        "kegiatan_rpk": kegiatan_rpk_n,
        "notifikasi": len(notifikasi),
    }


def _simpan_target(target, desa, penduduk) -> int:
    """Save targets, then the desa sasaran of those whose indicator has a population group."""
    TargetKinerja.objects.bulk_create(target, batch_size=BATCH)
    baris = []
    for t in target:
        kategori = t.indikator.kategori_sasaran
        if not kategori:
            continue
        for d_pk in desa[t.penetapan.puskesmas_id]:
            jumlah = penduduk[d_pk].get(kategori, 0)
            baris.append(
                TargetDesa(
                    target=t,
                    desa_id=d_pk,
                    penduduk_sasaran=jumlah,
                    sasaran=int(jumlah * t.target_persen / 100),
                )
            )
    TargetDesa.objects.bulk_create(baris, batch_size=BATCH)
    return len(baris)
