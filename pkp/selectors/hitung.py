"""From the rows of an assessment to ``pkp.scoring``, and back to plain data.

``hasil_penilaian`` scores one assessment as it stands (the Puskesmas's values, or the final
ones once verified); ``ringkas`` turns the result into the JSON kept on a set assessment
(``PenilaianPKP.hasil``), from which the ranking reads without touching the rows again.
Values in that JSON are exact decimals written as text.
"""

from __future__ import annotations

from decimal import Decimal

from .. import scoring
from ..models import (
    Instrumen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
)
from .instrumen import Pohon, pohon


def ambang(instrumen: Instrumen) -> dict[scoring.Aspek, scoring.AmbangKelompok]:
    """The group thresholds of each aspect, as the year's instrument sets them."""
    i = instrumen
    return {
        scoring.Aspek.PELAYANAN: scoring.AmbangKelompok(
            i.pelayanan_batas_baik,
            i.pelayanan_batas_cukup,
            i.pelayanan_baik_inklusif,
            i.pelayanan_cukup_inklusif,
        ),
        scoring.Aspek.MANAJEMEN: scoring.AmbangKelompok(
            i.manajemen_batas_baik,
            i.manajemen_batas_cukup,
            i.manajemen_baik_inklusif,
            i.manajemen_cukup_inklusif,
        ),
        scoring.Aspek.MUTU: scoring.AmbangKelompok(
            i.mutu_batas_baik, i.mutu_batas_cukup, i.mutu_baik_inklusif, i.mutu_cukup_inklusif
        ),
    }


def _indikator(baris, capaian) -> scoring.Indikator:
    """A scoring indicator of an instrument row (IndikatorPelayanan or IndikatorMutu)."""
    rentang = baris.arah == scoring.JenisTarget.RENTANG
    return scoring.Indikator(
        id=baris.pk,
        capaian=capaian,
        target=baris.target if not rentang or baris.target_atas is not None else None,
        jenis=scoring.JenisTarget(baris.arah),
        target_atas=baris.target_atas if rentang else None,
    )


def hitung(
    instrumen: Instrumen,
    tree: Pohon,
    *,
    id,
    capaian_pelayanan: dict[int, Decimal | None],
    skor_manajemen: dict[int, int | None],
    capaian_mutu: dict[int, Decimal | None],
) -> scoring.HasilPuskesmas:
    """Score one Puskesmas: values keyed by the instrument row's pk (missing: no value)."""
    batas = ambang(instrumen)
    pelayanan = scoring.skor_pelayanan(
        (
            scoring.Cabang(
                k.pk, tuple(_indikator(i, capaian_pelayanan.get(i.pk)) for i in k.indikator.all())
            )
            for k in tree.kelompok
        ),
        batas[scoring.Aspek.PELAYANAN],
    )
    manajemen = scoring.skor_manajemen(
        (
            scoring.Cabang(
                k.pk,
                tuple(
                    scoring.VariabelManajemen(v.pk, skor_manajemen.get(v.pk))
                    for v in k.variabel.all()
                ),
            )
            for k in tree.komponen
        ),
        batas[scoring.Aspek.MANAJEMEN],
    )
    # Mutu pelayanan has no programmes of its own: one branch holding every indicator.
    mutu = scoring.skor_mutu(
        [scoring.Cabang("mutu", tuple(_indikator(i, capaian_mutu.get(i.pk)) for i in tree.mutu))],
        batas[scoring.Aspek.MUTU],
    )
    return scoring.nilai_puskesmas(
        id, pelayanan, manajemen, mutu, mutu_dihitung=instrumen.mutu_dihitung
    )


def nilai_baris(penilaian: PenilaianPKP, *, akhir: bool = True):
    """The values of one assessment keyed by instrument row: the final values (after
    verification) or, with ``akhir=False``, the Puskesmas's own. Three queries."""
    if akhir:
        pel = {
            n.indikator_id: n.capaian_akhir
            for n in NilaiPelayanan.objects.filter(penilaian=penilaian)
        }
        man = {
            n.variabel_id: n.skor_akhir for n in NilaiManajemen.objects.filter(penilaian=penilaian)
        }
        mut = {
            n.indikator_id: n.capaian_akhir for n in NilaiMutu.objects.filter(penilaian=penilaian)
        }
    else:
        pel = dict(
            NilaiPelayanan.objects.filter(penilaian=penilaian).values_list(
                "indikator_id", "capaian"
            )
        )
        man = dict(
            NilaiManajemen.objects.filter(penilaian=penilaian).values_list("variabel_id", "skor")
        )
        mut = dict(
            NilaiMutu.objects.filter(penilaian=penilaian).values_list("indikator_id", "capaian")
        )
    return pel, man, mut


def hasil_penilaian(
    penilaian: PenilaianPKP, *, akhir: bool = True, tree: Pohon | None = None
) -> scoring.HasilPuskesmas:
    """Score one assessment as it stands now (eight queries, fewer with ``tree``)."""
    instrumen = penilaian.instrumen
    tree = tree or pohon(instrumen)
    pel, man, mut = nilai_baris(penilaian, akhir=akhir)
    return hitung(
        instrumen,
        tree,
        id=penilaian.puskesmas.kode,
        capaian_pelayanan=pel,
        skor_manajemen=man,
        capaian_mutu=mut,
    )


def _teks(nilai: Decimal | None) -> str | None:
    return None if nilai is None else str(nilai)


def _aspek(hasil: scoring.HasilAspek | None) -> dict | None:
    if hasil is None:
        return None
    return {
        "nilai": _teks(hasil.nilai),
        "kelompok": None if hasil.kelompok is None else int(hasil.kelompok),
        "cabang": {str(c.id): _teks(c.nilai) for c in hasil.cabang},
        "tidak_dihitung": [str(t.id) for t in hasil.tidak_dihitung],
    }


def ringkas(hasil: scoring.HasilPuskesmas) -> dict:
    """The JSON kept on a set assessment: every aspect's value, group and branch values
    (keys: the pk of the KelompokPelayanan / KomponenManajemen, "mutu" for mutu)."""
    return {
        "pelayanan": _aspek(hasil.pelayanan),
        "manajemen": _aspek(hasil.manajemen),
        "mutu": _aspek(hasil.mutu),
        "mutu_dihitung": hasil.mutu_dihitung,
        "kelompok": None if hasil.kelompok is None else int(hasil.kelompok),
    }


def _aspek_dari(data: dict | None, aspek: scoring.Aspek) -> scoring.HasilAspek | None:
    if data is None:
        return None
    nilai = None if data["nilai"] is None else Decimal(data["nilai"])
    return scoring.HasilAspek(
        aspek=aspek,
        nilai=nilai,
        kelompok=None if data["kelompok"] is None else scoring.Kelompok(data["kelompok"]),
        cabang=tuple(
            scoring.HasilCabang(k, None if v is None else Decimal(v), ())
            for k, v in data["cabang"].items()
        ),
    )


def dari_ringkas(id, data: dict) -> scoring.HasilPuskesmas:
    """A result read back from ``ringkas`` (branch values only, no leaves), exact enough to
    rank: ``scoring.peringkat`` orders on the same unrounded values."""
    pelayanan = _aspek_dari(data["pelayanan"], scoring.Aspek.PELAYANAN)
    manajemen = _aspek_dari(data["manajemen"], scoring.Aspek.MANAJEMEN)
    mutu = _aspek_dari(data["mutu"], scoring.Aspek.MUTU)
    kelompok = data["kelompok"]
    counted = [pelayanan, manajemen] + ([mutu] if data["mutu_dihitung"] else [])
    return scoring.HasilPuskesmas(
        id=id,
        pelayanan=pelayanan,
        manajemen=manajemen,
        mutu=mutu,
        mutu_dihitung=data["mutu_dihitung"],
        kelompok=None if kelompok is None else scoring.Kelompok(kelompok),
        tanpa_nilai=tuple(a.aspek for a in counted if a.kelompok is None),
    )
