"""Synthetic national-scale data for the benchmarks: deterministic, bulk-inserted.

The default scale is Indonesia's: 34 provinsi, 514 kabupaten/kota, about 7,000 kecamatan,
10,000 Puskesmas, about 80,000 desa with a year of sasaran figures each, and the people of
every Puskesmas and Dinas Kesehatan with their roles. ``Skala.untuk_kabupaten(n)`` keeps
the same proportions for ``n`` kabupaten (the test suite uses 2).

Everything comes from one seeded ``random.Random``: the same scale gives the same rows
(and, on an empty database, the same ids) on every run.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from lokmin.models import Lokmin
from lokmin.models_pws import LembarPWS, NilaiPWS
from perencanaan.models import (
    RPK,
    RUK,
    Indikator,
    KegiatanRPK,
    KegiatanRUK,
    PenetapanTarget,
    SKTargetKinerja,
    TargetDesa,
)
from pkp.models import NilaiManajemen, NilaiMutu, NilaiPelayanan, PenilaianPKP
from puskesmas.choices import KategoriSasaran, Peran
from puskesmas.models import (
    RTL,
    Desa,
    Kabupaten,
    Kecamatan,
    Notifikasi,
    PenugasanPeran,
    Provinsi,
    Puskesmas,
    Pustu,
    SasaranDesa,
    TahunPerencanaan,
    User,
)
from puskesmas.referensi import pastikan_klaster

PREFIKS_PROVINSI = "Provinsi Sintetis"
KATA_SANDI = "bench-sandi-12345"
WAKTU_TETAP = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
BATCH = 5000

# Share of each population group in a desa's population (rough national averages).
PROPORSI = {
    KategoriSasaran.KK: 0.28,
    KategoriSasaran.IBU_HAMIL: 0.022,
    KategoriSasaran.IBU_BERSALIN: 0.021,
    KategoriSasaran.BAYI_BARU_LAHIR: 0.02,
    KategoriSasaran.BAYI: 0.019,
    KategoriSasaran.BALITA: 0.085,
    KategoriSasaran.USIA_PENDIDIKAN_DASAR: 0.16,
    KategoriSasaran.USIA_PRODUKTIF: 0.68,
    KategoriSasaran.USIA_LANJUT: 0.11,
    KategoriSasaran.WUS: 0.26,
    KategoriSasaran.PUS: 0.17,
}

# People of one Puskesmas: (username prefix, role, klaster number)
PETUGAS_PUSKESMAS = [
    ("kapus", Peran.KEPALA_PUSKESMAS, None),
    ("ktu", Peran.KEPALA_TU, None),
    ("pj1", Peran.PJ_KLASTER, 1),
    ("pj2", Peran.PJ_KLASTER, 2),
    ("pj3", Peran.PJ_KLASTER, 3),
    ("pj4", Peran.PJ_KLASTER, 4),
    ("pj5", Peran.PJ_KLASTER, 5),
    ("mutu", Peran.TIM_MUTU, None),
    ("staf", Peran.STAF, None),
]
PETUGAS_DINKES = [
    ("admin", Peran.ADMIN_DINKES),
    ("verif1", Peran.VERIFIKATOR_DINKES),
    ("verif2", Peran.VERIFIKATOR_DINKES),
]

_SUKU = ["su", "ka", "ma", "ju", "sa", "ri", "wa", "na", "de", "mu", "lya", "ta", "ngi", "bo", "ra"]


@dataclass(frozen=True)
class Skala:
    provinsi: int = 34
    kabupaten: int = 514
    kecamatan: int = 7000
    puskesmas: int = 10000
    desa_min: int = 4
    desa_max: int = 12  # about 8 per Puskesmas on average: about 80,000 in all
    tahun: int = 2026
    seed: int = 2027

    @classmethod
    def untuk_kabupaten(cls, n: int) -> Skala:
        """The national proportions for ``n`` kabupaten."""
        nasional = cls()
        return cls(
            provinsi=max(1, min(nasional.provinsi, round(n * nasional.provinsi / 514))),
            kabupaten=n,
            kecamatan=max(n, round(n * nasional.kecamatan / nasional.kabupaten)),
            puskesmas=max(n, round(n * nasional.puskesmas / nasional.kabupaten)),
        )


def _bagi(total: int, bagian: int) -> list[int]:
    """Split ``total`` into ``bagian`` near-equal whole parts (deterministic)."""
    dasar, sisa = divmod(total, bagian)
    return [dasar + (1 if i < sisa else 0) for i in range(bagian)]


def _bagi_timpang(total: int, bagian: int, rng: random.Random, *, kecil=10, besar=100):
    """Split ``total`` into ``bagian`` uneven whole parts between ``kecil`` and ``besar``.

    Kabupaten are not alike: most have 10 to 30 Puskesmas, a few near 100. Each part gets
    ``kecil``, the rest goes by heavy-tailed (Pareto) weights, capped at ``besar``. When
    the total does not allow it, the split is even.
    """
    if total < kecil * bagian or total > besar * bagian:
        return _bagi(total, bagian)
    bobot = [rng.paretovariate(1.2) for _ in range(bagian)]
    bagian_list = [kecil] * bagian
    sisa = total - kecil * bagian
    while sisa:
        terbuka = [i for i in range(bagian) if bagian_list[i] < besar]
        jumlah_bobot = sum(bobot[i] for i in terbuka)
        dibagi = 0
        for i in terbuka:
            tambah = min(besar - bagian_list[i], int(sisa * bobot[i] / jumlah_bobot))
            bagian_list[i] += tambah
            dibagi += tambah
        if dibagi == 0:  # the remainder: one each to the heaviest open parts
            for i in sorted(terbuka, key=lambda i: -bobot[i])[:sisa]:
                bagian_list[i] += 1
                dibagi += 1
        sisa -= dibagi
    return bagian_list


def _nama(rng: random.Random) -> str:
    return "".join(rng.choice(_SUKU) for _ in range(rng.randint(2, 3))).capitalize()


def hash_sandi() -> str:
    # A fixed salt: the same hash on every run, and a mark of the rows made here.
    return make_password(KATA_SANDI, salt="datasintetis")


def data_sintetis() -> bool:
    """Is the database empty, or holding only data this module made?

    The benchmark refuses any other database: it would add (and, to start again, delete)
    tens of thousands of rows.
    """
    return (
        not Provinsi.objects.exclude(nama__startswith=PREFIKS_PROVINSI).exists()
        and not User.objects.exclude(password=hash_sandi()).exists()
    )


def sudah_ada(skala: Skala) -> bool:
    return (
        Provinsi.objects.count() == skala.provinsi
        and Kabupaten.objects.count() == skala.kabupaten
        and Puskesmas.objects.count() == skala.puskesmas
        and User.objects.filter(username="bench.nasional").exists()
    )


def _cepat_sqlite() -> None:
    # Durability does not matter for a throw-away benchmark database; speed does.
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as c:
            c.execute("PRAGMA synchronous=OFF")
            c.execute("PRAGMA journal_mode=WAL")


def buat(
    skala: Skala = Skala(), *, riwayat: bool = True, rencana: bool = True, log=print
) -> dict[str, int]:
    """Create the synthetic country; returns the row counts.

    ``riwayat`` also writes one audit-history row per Puskesmas, desa, Pustu and sasaran,
    as if each had been entered once through the app (the Riwayat page reads them).
    ``rencana`` adds a year of planning data (``benchmarks/perencanaan.py``) and what the
    later apps hold (``benchmarks/p2p3.py``: PKP, Lokmin, RTL, PWS).
    """
    rng = random.Random(skala.seed)
    _cepat_sqlite()
    klaster = pastikan_klaster()
    if not TahunPerencanaan.objects.filter(aktif=True).exists():
        TahunPerencanaan.objects.update_or_create(tahun=skala.tahun, defaults={"aktif": True})

    with transaction.atomic():
        provinsi = Provinsi.objects.bulk_create(
            Provinsi(kode=f"{11 + i:02d}", nama=f"{PREFIKS_PROVINSI} {i + 1:02d}")
            for i in range(skala.provinsi)
        )
        kabupaten = []
        per_provinsi = [0] * len(provinsi)
        for i in range(skala.kabupaten):
            prov = provinsi[i % len(provinsi)]
            per_provinsi[i % len(provinsi)] += 1
            nama = f"Sintetis {i + 1:03d} {_nama(rng)}"
            kabupaten.append(
                Kabupaten(
                    provinsi=prov,
                    kode=f"{prov.kode}{per_provinsi[i % len(provinsi)]:02d}",
                    nama=f"Kabupaten {nama}",
                    nama_dinkes=f"Dinas Kesehatan Kabupaten {nama}",
                    kepala_dinkes_nama=f"dr. {_nama(rng)} {_nama(rng)}",
                )
            )
        kabupaten = Kabupaten.objects.bulk_create(kabupaten, batch_size=BATCH)
        log(f"  {len(provinsi)} provinsi, {len(kabupaten)} kabupaten")

        kecamatan_per_kab = []
        semua_kecamatan = []
        for kab, jumlah in zip(kabupaten, _bagi(skala.kecamatan, len(kabupaten)), strict=True):
            daftar = [
                Kecamatan(kabupaten=kab, kode=f"{kab.kode}{k + 1:03d}", nama=_nama(rng))
                for k in range(jumlah)
            ]
            kecamatan_per_kab.append(daftar)
            semua_kecamatan += daftar
        Kecamatan.objects.bulk_create(semua_kecamatan, batch_size=BATCH)
        log(f"  {len(semua_kecamatan)} kecamatan")

        puskesmas = []
        for kab, kecs, jumlah in zip(
            kabupaten,
            kecamatan_per_kab,
            _bagi_timpang(skala.puskesmas, len(kabupaten), rng),
            strict=True,
        ):
            for n in range(jumlah):
                kec = kecs[n % len(kecs)]
                nama = _nama(rng)
                puskesmas.append(
                    Puskesmas(
                        kode=f"P{kec.kode}{n // len(kecs) + 1:02d}",
                        nama=f"{nama} {n + 1}",
                        kecamatan=kec,
                        kabupaten=kab,  # bulk_create skips save(), which copies it
                        rawat_inap=rng.random() < 0.35,
                        alamat=f"Jl. {_nama(rng)} No. {rng.randint(1, 200)}",
                        kepala_nama=f"dr. {_nama(rng)} {_nama(rng)}",
                        kepala_nip=f"19{rng.randint(70, 95)}0101200{rng.randint(1, 9)}01{rng.randint(1000, 1999)}",
                    )
                )
        Puskesmas.objects.bulk_create(puskesmas, batch_size=BATCH)
        log(f"  {len(puskesmas)} Puskesmas")

        desa = []
        pustu = []
        for pkm in puskesmas:
            jumlah = rng.randint(skala.desa_min, skala.desa_max)
            milik = [
                Desa(
                    puskesmas=pkm,
                    kode=f"{pkm.kecamatan.kode}{d + 1:03d}",
                    nama=_nama(rng),
                    jenis="kelurahan" if rng.random() < 0.1 else "desa",
                )
                for d in range(jumlah)
            ]
            desa += milik
            for _ in range(rng.randint(0, 3)):
                pustu.append(Pustu(puskesmas=pkm, nama=_nama(rng), desa=None))
        Desa.objects.bulk_create(desa, batch_size=BATCH)
        Pustu.objects.bulk_create(pustu, batch_size=BATCH)
        log(f"  {len(desa)} desa, {len(pustu)} Pustu")

        jumlah_sasaran = 0
        baris = []
        for d in desa:
            penduduk = rng.randint(800, 12000)
            baris.append(
                SasaranDesa(desa=d, tahun=skala.tahun, kategori="penduduk", jumlah=penduduk)
            )
            for kategori, proporsi in PROPORSI.items():
                jumlah = round(penduduk * proporsi * rng.uniform(0.9, 1.1))
                baris.append(
                    SasaranDesa(desa=d, tahun=skala.tahun, kategori=kategori, jumlah=jumlah)
                )
            if len(baris) >= BATCH * 4:
                jumlah_sasaran += _simpan_sasaran(baris, riwayat)
                baris = []
        jumlah_sasaran += _simpan_sasaran(baris, riwayat)
        log(f"  {jumlah_sasaran} baris sasaran desa")

        sandi = hash_sandi()
        users, peran = [], []
        for kab in kabupaten:
            for awalan, p in PETUGAS_DINKES:
                u = User(
                    username=f"{awalan}.{kab.kode}",
                    nama_lengkap=f"{_nama(rng)} {_nama(rng)}",
                    password=sandi,
                    date_joined=WAKTU_TETAP,
                )
                users.append(u)
                peran.append(PenugasanPeran(user=u, peran=p, kabupaten=kab))
        for pkm in puskesmas:
            for awalan, p, nomor in PETUGAS_PUSKESMAS:
                u = User(
                    username=f"{awalan}.{pkm.kode.lower()}",
                    nama_lengkap=f"{_nama(rng)} {_nama(rng)}",
                    nip=f"19{rng.randint(70, 99)}{rng.randint(1, 12):02d}01"
                    f"20{rng.randint(0, 20):02d}0{rng.randint(1, 2)}1{rng.randint(100, 999)}",
                    jabatan=p.label,
                    password=sandi,
                    date_joined=WAKTU_TETAP,
                )
                users.append(u)
                peran.append(
                    PenugasanPeran(
                        user=u, peran=p, puskesmas=pkm, klaster=klaster[nomor] if nomor else None
                    )
                )
        nasional = User(
            username="bench.nasional",
            nama_lengkap="Admin Nasional",
            password=sandi,
            date_joined=WAKTU_TETAP,
        )
        users.append(nasional)
        peran.append(PenugasanPeran(user=nasional, peran=Peran.ADMIN_NASIONAL))
        User.objects.bulk_create(users, batch_size=BATCH)
        for p in peran:  # the ids came back from bulk_create
            p.user_id = p.user.pk
        PenugasanPeran.objects.bulk_create(peran, batch_size=BATCH)
        log(f"  {len(users)} pengguna, {len(peran)} penugasan peran")

        if riwayat:
            for model, objs in ((Puskesmas, puskesmas), (Desa, desa), (Pustu, pustu)):
                model.history.bulk_history_create(
                    objs, batch_size=BATCH, default_date=WAKTU_TETAP, default_user=nasional
                )
            log("  riwayat: satu baris per Puskesmas, desa, Pustu dan sasaran")

        if rencana:
            from . import perencanaan

            perencanaan.buat(skala.tahun, klaster, log=log)
            from . import p2p3

            p2p3.buat(skala.tahun, klaster, riwayat=riwayat, log=log)

    return jumlah_baris()


def _simpan_sasaran(baris: list[SasaranDesa], riwayat: bool) -> int:
    if not baris:
        return 0
    SasaranDesa.objects.bulk_create(baris, batch_size=BATCH)
    if riwayat:
        SasaranDesa.history.bulk_history_create(baris, batch_size=BATCH, default_date=WAKTU_TETAP)
    return len(baris)


def jumlah_baris() -> dict[str, int]:
    return {
        "provinsi": Provinsi.objects.count(),
        "kabupaten": Kabupaten.objects.count(),
        "kecamatan": Kecamatan.objects.count(),
        "puskesmas": Puskesmas.objects.count(),
        "desa": Desa.objects.count(),
        "pustu": Pustu.objects.count(),
        "sasaran_desa": SasaranDesa.objects.count(),
        "pengguna": User.objects.count(),
        "penugasan_peran": PenugasanPeran.objects.count(),
        "indikator": Indikator.objects.count(),
        "penetapan_target": PenetapanTarget.objects.count(),
        "sk_target": SKTargetKinerja.objects.count(),
        "target_desa": TargetDesa.objects.count(),
        "ruk": RUK.objects.count(),
        "kegiatan_ruk": KegiatanRUK.objects.count(),
        "rpk": RPK.objects.count(),
        "kegiatan_rpk": KegiatanRPK.objects.count(),
        "notifikasi": Notifikasi.objects.count(),
        "penilaian_pkp": PenilaianPKP.objects.count(),
        "nilai_pkp": sum(m.objects.count() for m in (NilaiPelayanan, NilaiManajemen, NilaiMutu)),
        "lokmin": Lokmin.objects.count(),
        "rtl": RTL.objects.count(),
        "lembar_pws": LembarPWS.objects.count(),
        "nilai_pws": NilaiPWS.objects.count(),
    }


__all__ = ["Skala", "asdict", "buat", "data_sintetis", "jumlah_baris", "sudah_ada"]
