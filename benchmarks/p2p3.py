"""Synthetic data of the later apps for the benchmarks: PKP, Lokmin, RTL and PWS.

* **PKP** of the last finished year (``tahun - 1``, what the PKP pages open on): the
  national standard built from the shipped rubric, a copy per kabupaten (as
  ``instrumen_salin`` makes it), and an assessment for every Puskesmas with a value on
  every item, in one of the workflow states. A set assessment carries the verifier's
  agreement on every item and its result (values, groups, ``hasil``) computed by
  ``pkp.selectors.hitung`` exactly as ``penilaian_langkah("tetapkan")`` keeps it, so the
  ranking of every kabupaten is complete.
* **Lokmin**: per Puskesmas the bulanan meetings of the first months of ``tahun`` (and the
  first tribulanan), all approved but the last, which is a draft or submitted.
* **RTL**: per Puskesmas 2 to 10 corrective actions raised by a Lokmin, the PKP
  assessment, pengendalian (an indicator) or on their own, in every state of the board,
  each with a klaster PJ (some with the Kepala Puskesmas as PJ).
* **PWS**: for the Puskesmas of the kabupaten the benchmark measures (the one with the
  most Puskesmas), the sheets of months 1 to 3 with a value for every desa and PWS
  indicator, most entered on time.

Every model here has audit history: one "created" row per object (with its owner
columns, ``puskesmas/alat/riwayat.py``) unless ``riwayat`` is off. Deterministic like
``data.py``: one seeded ``random.Random`` and fixed dates.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from lokmin.kalender import JenisLokmin
from lokmin.models import Lokmin
from lokmin.models_pws import LembarPWS, NilaiPWS
from perencanaan.models import Indikator
from pkp.demo import _capaian
from pkp.models import (
    IndikatorMutu,
    IndikatorPelayanan,
    Instrumen,
    KelompokPelayanan,
    KomponenManajemen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    StatusVerifikasi,
    VariabelManajemen,
)
from pkp.selectors import hitung
from pkp.selectors.instrumen import pohon
from pkp.services.instrumen import FIELD_AMBANG, standar_nasional_pastikan
from pkp.services.penilaian import isi_hasil
from puskesmas.alat.alur import StatusAlur
from puskesmas.choices import Peran
from puskesmas.models import RTL, Desa, PenugasanPeran, Puskesmas, SasaranDesa

BATCH = 5000
WAKTU = datetime(2026, 4, 10, 8, 0, tzinfo=UTC)
STATUS_PKP = [
    (StatusAlur.DRAFT, 0.15),
    (StatusAlur.DIAJUKAN, 0.15),
    (StatusAlur.DIKEMBALIKAN, 0.05),
    (StatusAlur.DITETAPKAN, 0.65),
]
STATUS_RTL = [
    ("belum", 0.30),
    ("proses", 0.20),
    ("selesai", 0.15),
    ("dievaluasi", 0.30),
    ("tidak_dilanjutkan", 0.05),
]
RTL_PER_PUSKESMAS = (2, 10)
BULAN_LOKMIN = (2, 5)  # bulanan meetings held: January up to a month in this range
BULAN_PWS = (1, 2, 3)
SKOR = (0, 4, 7, 10)


def _pilih(rng: random.Random, bobot) -> str:
    return rng.choices([s for s, _ in bobot], weights=[w for _, w in bobot])[0]


def kabupaten_terbesar() -> int | None:
    """The kabupaten with the most Puskesmas (lowest id on a tie): the one measured."""
    from puskesmas.models import Kabupaten

    return (
        Kabupaten.objects.annotate(n=Count("puskesmas"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _simpan(model, objs: list, riwayat: bool) -> None:
    """Bulk-insert ``objs``, then one "created" history row each (owners filled)."""
    model.objects.bulk_create(objs, batch_size=BATCH)
    if riwayat:
        for awal in range(0, len(objs), BATCH):
            model.history.bulk_history_create(
                objs[awal : awal + BATCH], batch_size=BATCH, default_date=WAKTU
            )


def _salin(model, sumber, **ganti):
    """An unsaved copy of an instrument row (pk and version reset), as the service copies."""
    nilai = {
        f.attname: getattr(sumber, f.attname)
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name != "versi"
    }
    nilai.update(ganti)
    return model(**nilai)


def buat(
    tahun: int, klaster: dict, *, seed: int = 2029, riwayat: bool = True, log=print
) -> dict[str, int]:
    """Create the PKP, Lokmin, RTL and PWS data; returns row counts.

    Runs inside the caller's transaction, after the planning data (``perencanaan.buat``).
    """
    rng = random.Random(seed)
    mulai = time.perf_counter()
    puskesmas = list(Puskesmas.objects.select_related("kabupaten").order_by("pk"))
    peran = defaultdict(list)
    for p, kab, user_id, jenis, nomor in PenugasanPeran.objects.order_by("pk").values_list(
        "puskesmas_id", "kabupaten_id", "user_id", "peran", "klaster__nomor"
    ):
        peran[(jenis, p or kab, nomor)].append(user_id)
    jumlah = _pkp(rng, tahun - 1, puskesmas, peran, riwayat, log)
    lokmin = _lokmin(rng, tahun, puskesmas, peran, riwayat)
    jumlah["lokmin"] = sum(len(v) for v in lokmin.values())
    jumlah["rtl"] = _rtl(rng, tahun, puskesmas, peran, lokmin, klaster, riwayat)
    log(f"  {jumlah['lokmin']} Lokmin, {jumlah['rtl']} RTL")
    jumlah.update(_pws(rng, tahun, peran, riwayat))
    log(f"  {jumlah['lembar_pws']} lembar PWS, {jumlah['nilai_pws']} nilai PWS")
    log(f"  (PKP, Lokmin, RTL, PWS: {time.perf_counter() - mulai:.1f} detik)")
    return jumlah


# --- PKP ---------------------------------------------------------------------------------


def _instrumen(tahun: int, kabupaten: list, riwayat: bool) -> dict[int, Instrumen]:
    """{kabupaten id: its instrument}: the national standard copied for each, in bulk."""
    standar, _ = standar_nasional_pastikan(tahun)
    ambang = {f: getattr(standar, f) for f in FIELD_AMBANG}
    instrumen = [
        Instrumen(kabupaten=k, tahun=tahun, disalin_dari=standar, **ambang) for k in kabupaten
    ]
    _simpan(Instrumen, instrumen, riwayat)

    def salin(model, lama, induk, fk: str):
        """Copy ``lama`` (rows of the standard) under every instrument; ``induk`` gives
        the parent of a copy. Returns {(instrument pk, old pk): new row}."""
        baru = [_salin(model, x, **{fk: induk(i, x).pk}) for i in instrumen for x in lama]
        _simpan(model, baru, riwayat)
        return {
            (i.pk, x.pk): b
            for (i, x), b in zip(((i, x) for i in instrumen for x in lama), baru, strict=True)
        }

    kelompok_lama = list(standar.kelompok_pelayanan.order_by("pk"))
    kelompok = salin(KelompokPelayanan, kelompok_lama, lambda i, x: i, fk="instrumen_id")
    indikator_lama = list(
        IndikatorPelayanan.objects.filter(kelompok__instrumen=standar).order_by("pk")
    )
    salin(
        IndikatorPelayanan,
        indikator_lama,
        lambda i, x: kelompok[(i.pk, x.kelompok_id)],
        fk="kelompok_id",
    )
    komponen_lama = list(standar.komponen_manajemen.order_by("pk"))
    komponen = salin(KomponenManajemen, komponen_lama, lambda i, x: i, fk="instrumen_id")
    variabel_lama = list(
        VariabelManajemen.objects.filter(komponen__instrumen=standar).order_by("pk")
    )
    salin(
        VariabelManajemen,
        variabel_lama,
        lambda i, x: komponen[(i.pk, x.komponen_id)],
        fk="komponen_id",
    )
    salin(
        IndikatorMutu,
        list(standar.indikator_mutu.order_by("pk")),
        lambda i, x: i,
        fk="instrumen_id",
    )
    return {i.kabupaten_id: i for i in instrumen}


def _pkp(rng, tahun: int, puskesmas: list, peran, riwayat: bool, log) -> dict[str, int]:
    kabupaten = sorted({p.kabupaten for p in puskesmas}, key=lambda k: k.pk)
    instrumen = _instrumen(tahun, kabupaten, riwayat)
    per_kab = defaultdict(list)
    for p in puskesmas:
        per_kab[p.kabupaten_id].append(p)
    jumlah = defaultdict(int)
    antre = []  # (penilaian, rows) waiting to be written

    def tulis():
        penilaian = [p for p, _ in antre]
        _simpan(PenilaianPKP, penilaian, riwayat)
        for model, i in ((NilaiPelayanan, 0), (NilaiManajemen, 1), (NilaiMutu, 2)):
            baris = []
            for p, semua in antre:
                for n in semua[i]:
                    n.penilaian_id = p.pk
                baris += semua[i]
            _simpan(model, baris, riwayat)
            jumlah[model._meta.model_name] += len(baris)
        jumlah["penilaian_pkp"] += len(penilaian)
        antre.clear()

    for kab in kabupaten:
        ins = instrumen[kab.pk]
        tree = pohon(ins)
        verif = peran[(Peran.VERIFIKATOR_DINKES, kab.pk, None)][0]
        for p in per_kab[kab.pk]:
            antre.append(_penilaian(rng, tahun, p, ins, tree, verif))
        if sum(len(b[0]) + len(b[1]) + len(b[2]) for _, b in antre) >= BATCH * 4:
            tulis()
    tulis()
    log(
        f"  PKP {tahun}: {len(instrumen)} instrumen kabupaten, {jumlah['penilaian_pkp']} "
        f"penilaian, {jumlah['nilaipelayanan'] + jumlah['nilaimanajemen'] + jumlah['nilaimutu']}"
        " nilai butir"
    )
    return {
        "instrumen_pkp": len(instrumen) + 1,
        "penilaian_pkp": jumlah["penilaian_pkp"],
        "nilai_pkp": jumlah["nilaipelayanan"] + jumlah["nilaimanajemen"] + jumlah["nilaimutu"],
    }


def _penilaian(rng, tahun: int, p, instrumen, tree, verif: int):
    """One Puskesmas's assessment with its item rows (unsaved); a set one with its result."""
    status = _pilih(rng, STATUS_PKP)
    draf = status == StatusAlur.DRAFT
    mutu_puskesmas = rng.uniform(0.65, 1.0)  # how well this Puskesmas does overall
    setuju = {}
    if status == StatusAlur.DITETAPKAN:
        setuju = {
            "status_verifikasi": StatusVerifikasi.SETUJU,
            "diverifikasi_oleh_id": verif,
            "diverifikasi_pada": WAKTU,
        }

    def cakupan() -> int:
        return max(40, min(110, round(mutu_puskesmas * 100 + rng.gauss(0, 8))))

    def kosong() -> bool:
        return draf and rng.random() < 0.3

    pelayanan = [
        NilaiPelayanan(indikator=i, capaian=None if kosong() else _capaian(i, cakupan()), **setuju)
        for k in tree.kelompok
        for i in k.indikator.all()
    ]
    bobot = [1 - mutu_puskesmas, 0.5, 0.6, mutu_puskesmas * 1.5]
    manajemen = [
        NilaiManajemen(variabel=v, skor=None if kosong() else rng.choices(SKOR, bobot)[0], **setuju)
        for k in tree.komponen
        for v in k.variabel.all()
    ]
    mutu = [
        NilaiMutu(indikator=i, capaian=None if kosong() else _capaian(i, cakupan()), **setuju)
        for i in tree.mutu
    ]
    penilaian = PenilaianPKP(puskesmas=p, tahun=tahun, instrumen=instrumen, status=status)
    if status == StatusAlur.DIKEMBALIKAN:
        penilaian.catatan_pengembalian = "Lengkapi bukti variabel manajemen."
    if status == StatusAlur.DITETAPKAN:
        hasil = hitung.hitung(
            instrumen,
            tree,
            id=p.kode,
            capaian_pelayanan={n.indikator_id: n.capaian for n in pelayanan},
            skor_manajemen={n.variabel_id: n.skor for n in manajemen},
            capaian_mutu={n.indikator_id: n.capaian for n in mutu},
        )
        isi_hasil(penilaian, hasil)
        penilaian.ditetapkan_oleh_id = verif
        penilaian.ditetapkan_pada = WAKTU
    return penilaian, (pelayanan, manajemen, mutu)


# --- Lokmin ------------------------------------------------------------------------------


def _lokmin(rng, tahun: int, puskesmas: list, peran, riwayat: bool) -> dict[int, list[Lokmin]]:
    """{puskesmas id: its Lokmin of ``tahun``}, the bulanan of the first months and the
    first tribulanan; every one approved but the last."""
    hasil = {}
    semua = []
    for p in puskesmas:
        sampai = rng.randint(*BULAN_LOKMIN)
        rapat = [(b, JenisLokmin.BULANAN) for b in range(1, sampai + 1)]
        if sampai >= 3:
            rapat.append((3, JenisLokmin.TRIBULANAN))
        milik = []
        for n, (bulan, jenis) in enumerate(rapat):
            tanggal = date(tahun, bulan, rng.randint(5, 25))
            terakhir = n == len(rapat) - 1
            milik.append(
                Lokmin(
                    puskesmas=p,
                    tahun=tahun,
                    bulan=bulan,
                    jenis=jenis.value,
                    tanggal=tanggal,
                    waktu="09.00 WIB",
                    tempat="Aula Puskesmas",
                    agenda="Evaluasi kegiatan bulan lalu\nRencana kegiatan bulan ini",
                    undangan_nomor=f"005/{bulan:02d}/PKM/{tahun}",
                    undangan_dikirim=tanggal - timedelta(days=5),
                    status=(
                        rng.choice([StatusAlur.DRAFT, StatusAlur.DIAJUKAN])
                        if terakhir
                        else StatusAlur.DISAHKAN
                    ),
                )
            )
        hasil[p.pk] = milik
        semua += milik
    _simpan(Lokmin, semua, riwayat)
    return hasil


# --- RTL ---------------------------------------------------------------------------------


def _rtl(rng, tahun: int, puskesmas: list, peran, lokmin, klaster, riwayat: bool) -> int:
    jenis_lokmin = ContentType.objects.get_for_model(Lokmin)
    jenis_pkp = ContentType.objects.get_for_model(PenilaianPKP)
    jenis_indikator = ContentType.objects.get_for_model(Indikator)
    penilaian = dict(PenilaianPKP.objects.filter(tahun=tahun - 1).values_list("puskesmas_id", "pk"))
    indikator = defaultdict(list)
    for pk, kab, kode in (
        Indikator.objects.filter(tahun=tahun)
        .order_by("pk")
        .values_list("pk", "kabupaten_id", "kode")
    ):
        indikator[kab].append((pk, kode))
    baris = []
    n = 0
    for p in puskesmas:
        kapus = peran[(Peran.KEPALA_PUSKESMAS, p.pk, None)][0]
        for _ in range(rng.randint(*RTL_PER_PUSKESMAS)):
            sumber = rng.choice(["lokmin", "pkp", "pengendalian", None])
            jenis, sumber_id, label = None, None, "Temuan langsung"
            if sumber == "lokmin" and lokmin.get(p.pk):
                rapat = rng.choice(lokmin[p.pk])
                jenis, sumber_id, label = jenis_lokmin, rapat.pk, str(rapat)
            elif sumber == "pkp" and p.pk in penilaian:
                jenis, sumber_id, label = jenis_pkp, penilaian[p.pk], f"PKP {tahun - 1}"
            elif sumber == "pengendalian" and indikator[p.kabupaten_id]:
                pk, kode = rng.choice(indikator[p.kabupaten_id])
                jenis, sumber_id, label = jenis_indikator, pk, f"Pengendalian {kode}"
            nomor = rng.randint(1, 5)
            pj = kapus if rng.random() < 0.2 else peran[(Peran.PJ_KLASTER, p.pk, nomor)][0]
            status = _pilih(rng, STATUS_RTL)
            batas = date(tahun, 1, 15) + timedelta(days=rng.randint(0, 420))
            r = RTL(
                puskesmas=p,
                sumber_jenis=jenis,
                sumber_id=sumber_id,
                sumber_label=label,
                klaster=klaster[nomor],
                masalah=f"Capaian program klaster {nomor} di bawah target",
                penyebab="Kunjungan rumah belum terjadwal",
                rencana=f"Jadwalkan kunjungan rumah klaster {nomor} tiap pekan",
                pj_id=pj,
                batas=batas,
                status=status,
                dibuat_oleh_id=kapus,
            )
            if status in {"selesai", "dievaluasi"}:
                r.tindak_lanjut = "Kunjungan rumah dilaksanakan."
                r.tanggal_tindak_lanjut = min(batas, date(tahun, 10, 31))
            if status == "dievaluasi":
                r.tanggal_evaluasi = r.tanggal_tindak_lanjut + timedelta(days=14)
                r.hasil_evaluasi = "efektif"
            if status == "tidak_dilanjutkan":
                r.alasan_dihentikan = "Program dialihkan ke Dinkes."
            baris.append(r)
        if len(baris) >= BATCH:
            _simpan(RTL, baris, riwayat)
            n += len(baris)
            baris = []
    _simpan(RTL, baris, riwayat)
    return n + len(baris)


# --- PWS ---------------------------------------------------------------------------------


def _pws(rng, tahun: int, peran, riwayat: bool) -> dict[str, int]:
    """Months ``BULAN_PWS`` of every Puskesmas of the measured kabupaten."""
    from lokmin.pws import batas_isi

    kab = kabupaten_terbesar()
    puskesmas = list(Puskesmas.objects.filter(kabupaten_id=kab).order_by("pk"))
    indikator = list(
        Indikator.objects.filter(kabupaten_id=kab, tahun=tahun, aktif=True)
        .exclude(kategori_sasaran="")
        .select_related("klaster")
        .order_by("urutan", "pk")
    )
    per_klaster = defaultdict(list)
    for i in indikator:
        per_klaster[i.klaster].append(i)
    desa = defaultdict(list)
    for d_pk, p_pk in (
        Desa.objects.filter(puskesmas__kabupaten_id=kab)
        .order_by("pk")
        .values_list("pk", "puskesmas_id")
    ):
        desa[p_pk].append(d_pk)
    sasaran = {
        (d, k): j
        for d, k, j in SasaranDesa.objects.filter(
            desa__puskesmas__kabupaten_id=kab, tahun=tahun
        ).values_list("desa_id", "kategori", "jumlah")
    }
    lembar, nilai = [], []
    for p in puskesmas:
        for bulan in BULAN_PWS:
            batas = batas_isi(tahun, bulan)
            for klaster, daftar in per_klaster.items():
                pj = peran[(Peran.PJ_KLASTER, p.pk, klaster.nomor)][0]
                tepat = rng.random() < 0.8
                diisi = datetime.combine(
                    batas + timedelta(days=-rng.randint(1, 5) if tepat else rng.randint(2, 20)),
                    datetime.min.time(),
                    tzinfo=UTC,
                ) + timedelta(hours=9)
                lb = LembarPWS(
                    puskesmas=p,
                    tahun=tahun,
                    bulan=bulan,
                    klaster=klaster,
                    diubah_oleh_id=pj,
                    diubah_pada=diisi,
                )
                lembar.append(lb)
                for d in desa[p.pk]:
                    for i in daftar:
                        bulanan = sasaran.get((d, i.kategori_sasaran), 0) / 12
                        nilai.append(
                            NilaiPWS(
                                lembar=lb,
                                desa_id=d,
                                indikator=i,
                                nilai=round(bulanan * rng.uniform(0.4, 1.3)),
                                diisi_oleh_id=pj,
                                diisi_pada=diisi,
                            )
                        )
    _simpan(LembarPWS, lembar, riwayat)
    for n in nilai:
        n.lembar_id = n.lembar.pk
    _simpan(NilaiPWS, nilai, riwayat)
    return {"lembar_pws": len(lembar), "nilai_pws": len(nilai)}
