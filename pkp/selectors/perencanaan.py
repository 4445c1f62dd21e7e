"""What a set PKP gives the next planning cycle: a source of the analisis situasi.

The PKP of year N is done early in N+1 on the data of N and set (ditetapkan) by the Dinkes;
the analisis situasi of planning year N+1 (the one the RUK of N+2 rests on) shows it beside
the achievements of N: the group and the value of each aspect as set, the achievement and
coverage of every kinerja pelayanan indicator, and the weakest indicators and management
variables. Nothing is retyped: it is read from the set assessment's rows. An assessment that
is not set yet shows nothing (its values may still change).

**policy** "weakest": at most ``TERLEMAH`` items, those below the maximum (coverage under
100 %, a score under 10), lowest first, ties in the order of the instrument.

Registered in ``puskesmas.alat.sumber_analisis`` by ``PkpConfig.ready``, so P1 reads it
without importing PKP. Nine queries, whatever the size of the instrument.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.angka import format_angka
from puskesmas.alat.sumber_analisis import BagianAnalisis, Kolom, Tabel, Tautan

from .. import scoring
from ..models import JenisTarget, PenilaianPKP
from ..saran_aturan import tanggal
from .hitung import hitung, nilai_baris
from .instrumen import pohon

KODE = "pkp"
TERLEMAH = 5


def _angka(nilai: Decimal | None, desimal: int | None = None) -> str:
    return "—" if nilai is None else format_angka(nilai, desimal)


def _satu_desimal(nilai: Decimal | None) -> str:
    return _angka(scoring.tampil(nilai), 1)


def _kelompok(nilai: int | None) -> str:
    return "tanpa kelompok" if nilai is None else scoring.Kelompok(nilai).label


def _target(i) -> str:
    if i.arah == JenisTarget.RENTANG:
        if i.target_atas is None:
            return "—"
        return f"{format_angka(i.target)}–{format_angka(i.target_atas)}"
    tanda = "≤ " if i.arah == JenisTarget.TURUN else ""
    return f"{tanda}{format_angka(i.target)}"


def _ringkasan(p: PenilaianPKP) -> tuple[str, ...]:
    ditetapkan = (
        f" {tanggal(timezone.localtime(p.ditetapkan_pada).date())}" if p.ditetapkan_pada else ""
    )
    mutu = (
        _kelompok(p.kelompok_mutu)
        if p.instrumen.mutu_dihitung
        else "dilaporkan, tidak menentukan kelompok"
    )
    return (
        f"Ditetapkan Dinkes{ditetapkan}: {_kelompok(p.kelompok)}.",
        f"Kinerja pelayanan {_satu_desimal(p.nilai_pelayanan)} % "
        f"({_kelompok(p.kelompok_pelayanan)}); kinerja manajemen "
        f"{_satu_desimal(p.nilai_manajemen)} ({_kelompok(p.kelompok_manajemen)}); "
        f"mutu pelayanan {_satu_desimal(p.nilai_mutu)} % ({mutu}).",
    )


def bagian_analisis(*, puskesmas, tahun: int) -> BagianAnalisis | None:
    """The set PKP of ``tahun - 1`` for the analisis situasi of planning year ``tahun``."""
    tahun_pkp = tahun - 1
    p = (
        PenilaianPKP.objects.filter(
            puskesmas=puskesmas, tahun=tahun_pkp, status=StatusAlur.DITETAPKAN
        )
        .select_related("instrumen")
        .first()
    )
    if p is None:
        return None
    tree = pohon(p.instrumen)
    pel, man, mut = nilai_baris(p, akhir=True)
    hasil = hitung(
        p.instrumen,
        tree,
        id=p.pk,
        capaian_pelayanan=pel,
        skor_manajemen=man,
        capaian_mutu=mut,
    )
    cakupan = {
        leaf.id: leaf for cabang in hasil.pelayanan.cabang for leaf in cabang.isi
    }  # the instrument's indicators sit directly under their klaster/programme

    baris, lemah = [], []
    for k in tree.kelompok:
        for i in k.indikator.all():
            h = cakupan[i.pk]
            baris.append(
                (
                    k.nama,
                    i.kode,
                    i.nama,
                    _target(i),
                    _angka(pel.get(i.pk)),
                    _satu_desimal(h.nilai) if h.nilai is not None else h.alasan.label,
                )
            )
            if h.nilai is not None and h.nilai < 100:
                lemah.append((h.nilai, len(lemah), i))
    lemah.sort(key=lambda x: (x[0], x[1]))

    variabel = []
    for k in tree.komponen:
        for v in k.variabel.all():
            skor = man.get(v.pk)
            if skor is not None and skor < 10:
                variabel.append((skor, len(variabel), v))
    variabel.sort(key=lambda x: (x[0], x[1]))

    return BagianAnalisis(
        kode=KODE,
        judul=f"Hasil Penilaian Kinerja Puskesmas {tahun_pkp}",
        ringkasan=_ringkasan(p),
        tabel=(
            Tabel(
                judul=f"Indikator terlemah {tahun_pkp}",
                kolom=(Kolom("Kode"), Kolom("Indikator"), Kolom("Cakupan (%)", angka=True)),
                baris=tuple((i.kode, i.nama, _satu_desimal(n)) for n, _, i in lemah[:TERLEMAH]),
                kosong="Semua indikator yang dapat dihitung mencapai 100 %.",
                kode="pkp-indikator-lemah",
            ),
            Tabel(
                judul=f"Variabel manajemen terlemah {tahun_pkp}",
                kolom=(Kolom("Kode"), Kolom("Variabel"), Kolom("Nilai", angka=True)),
                baris=tuple((v.kode, v.nama, str(skor)) for skor, _, v in variabel[:TERLEMAH]),
                kosong="Semua variabel manajemen bernilai 10.",
                kode="pkp-variabel-lemah",
            ),
            Tabel(
                judul=f"Capaian per indikator kinerja pelayanan {tahun_pkp}",
                kolom=(
                    Kolom("Klaster/program"),
                    Kolom("Kode"),
                    Kolom("Indikator"),
                    Kolom("Target", angka=True),
                    Kolom("Capaian", angka=True),
                    Kolom("Cakupan (%)", angka=True),
                ),
                baris=tuple(baris),
                kosong="Instrumen tahun ini tidak memuat indikator kinerja pelayanan.",
                kode="pkp-capaian",
            ),
        ),
        tautan=(Tautan("Penilaian Kinerja Puskesmas", reverse("pkp:index")),),
    )
