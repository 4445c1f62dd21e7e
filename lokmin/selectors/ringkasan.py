"""What P2's records hold for a year, in plain counts: the reads the PKP suggestion rules
of 1.1.4–1.1.6 take (PKP reads P2 through these, never its models). Unscoped: the PKP
collector already runs for one Puskesmas the user may see. Each read runs a fixed number of
queries whatever the number of meetings, peserta, RTL or families; ``ringkasan_p2`` reads
what all three rules take at once (two queries, four once there are meetings; one less
when the caller reads ``kolom_p2`` on its own row of the Puskesmas).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Func, OuterRef, Q, Subquery

from puskesmas.alat.alur import StatusAlur
from puskesmas.choices import KategoriSasaran
from puskesmas.models import RTL, Klaster, Puskesmas, SasaranDesa

from .. import kalender
from ..kalender import JenisLokmin
from ..models import KategoriPeserta, Lokmin, TinjauanRTL
from ..models_pispk import JenisLangkah, KeluargaPISPK, LangkahPISPK

DITUTUP = ("dievaluasi", "tidak_dilanjutkan")


@dataclass
class RingkasRapat:
    lokmin: Lokmin
    hadir: int
    hadir_ls: int
    notulen_lengkap: bool
    jumlah_rtl: int = 0
    rtl_instansi: int = 0
    rtl_lalu: int = 0
    rtl_lalu_ditindaklanjuti: int = 0


def _sebelumnya(jenis: JenisLokmin, tahun: int, bulan: int) -> tuple[int, int]:
    """The month of the meeting of the kind before the one of ``bulan``."""
    t, b = kalender.bulan_lalu(tahun, bulan)
    while not kalender.diadakan(jenis, b):
        t, b = kalender.bulan_lalu(t, b)
    return t, b


def lokmin_tahun(*, puskesmas, tahun: int, jenis: JenisLokmin) -> list[RingkasRapat]:
    """The meetings of ``jenis`` held in ``tahun``, month order, each with its counts and how
    it followed up the RTL of the meeting before it (four queries)."""
    jenis = JenisLokmin(jenis)
    return _lokmin_tahun(puskesmas, tahun, (jenis,), None)[jenis]


def _lokmin_tahun(
    puskesmas, tahun: int, semua_jenis: tuple[JenisLokmin, ...], jumlah_klaster: int | None
) -> dict[JenisLokmin, list[RingkasRapat]]:
    """``lokmin_tahun`` for several kinds at once, in the same queries: the meetings, the
    number of klaster (unless given), their RTL and the RTL reviews; none but the first when
    there is no meeting."""
    syarat = Q()
    for jenis in semua_jenis:
        t0, b0 = _sebelumnya(jenis, tahun, min(kalender.bulan_lokmin(jenis)))
        syarat |= Q(jenis=jenis.value) & (Q(tahun=tahun) | Q(tahun=t0, bulan=b0))
    rapat = list(
        Lokmin.objects.filter(puskesmas=puskesmas)
        .filter(syarat)
        .annotate(
            n_hadir=Count("peserta", filter=Q(peserta__hadir=True), distinct=True),
            n_hadir_ls=Count(
                "peserta",
                filter=Q(peserta__hadir=True, peserta__kategori=KategoriPeserta.LINTAS_SEKTOR),
                distinct=True,
            ),
            n_notulen=Count("notulen", filter=~Q(notulen__isi=""), distinct=True),
        )
        .order_by("tahun", "bulan")
    )
    hasil: dict[JenisLokmin, list[RingkasRapat]] = {jenis: [] for jenis in semua_jenis}
    if not rapat:
        return hasil
    if jumlah_klaster is None:
        jumlah_klaster = Klaster.objects.count()
    rtl = list(
        RTL.objects.filter(
            sumber_jenis=ContentType.objects.get_for_model(Lokmin),
            sumber_id__in=[r.pk for r in rapat],
        ).values("pk", "sumber_id", "pj_instansi", "status")
    )
    ditinjau = set(
        TinjauanRTL.objects.filter(lokmin__in=[r.pk for r in rapat]).values_list(
            "lokmin_id", "rtl_id"
        )
    )
    per_rapat: dict[int, list[dict]] = {}
    for r in rtl:
        per_rapat.setdefault(r["sumber_id"], []).append(r)
    per_bulan = {(r.jenis, r.tahun, r.bulan): r for r in rapat}
    for r in rapat:
        if r.tahun != tahun:
            continue
        jenis = JenisLokmin(r.jenis)
        milik = per_rapat.get(r.pk, [])
        lalu = per_bulan.get((r.jenis, *_sebelumnya(jenis, r.tahun, r.bulan)))
        rtl_lalu = per_rapat.get(lalu.pk, []) if lalu else []
        hasil[jenis].append(
            RingkasRapat(
                lokmin=r,
                hadir=r.n_hadir,
                hadir_ls=r.n_hadir_ls,
                notulen_lengkap=r.n_notulen >= jumlah_klaster,
                jumlah_rtl=len(milik),
                rtl_instansi=sum(1 for x in milik if x["pj_instansi"].strip()),
                rtl_lalu=len(rtl_lalu),
                rtl_lalu_ditindaklanjuti=sum(
                    1 for x in rtl_lalu if (r.pk, x["pk"]) in ditinjau or x["status"] in DITUTUP
                ),
            )
        )
    return hasil


def lokmin_selesai(r: RingkasRapat) -> bool:
    return r.lokmin.status == StatusAlur.DISAHKAN


@dataclass
class RingkasPISPK:
    tahun: int
    disurvei: int = 0
    jumlah_keluarga: int | None = None
    langkah: dict[str, date] = field(default_factory=dict)


def _nilai(qs, kolom: str, fungsi: str | None = None) -> Subquery:
    """A scalar subquery: ``fungsi`` (COUNT, SUM) of ``kolom`` over ``qs``, or the first
    row's ``kolom``."""
    qs = qs.order_by()
    if fungsi is None:
        return Subquery(qs.values(kolom)[:1])
    return Subquery(qs.annotate(_n=Func(F(kolom), function=fungsi)).values("_n")[:1])


AWALAN = "lokmin_"


def _pispk_kolom(tahun: int) -> dict:
    """The subqueries of ``pispk_tahun``'s values, to be read on the Puskesmas's row."""
    kolom = {
        "disurvei": _nilai(
            KeluargaPISPK.objects.filter(puskesmas=OuterRef("pk"), tahun=tahun), "pk", "COUNT"
        ),
        "jumlah_kk": _nilai(
            SasaranDesa.objects.filter(
                desa__puskesmas=OuterRef("pk"), tahun=tahun, kategori=KategoriSasaran.KK
            ),
            "jumlah",
            "SUM",
        ),
    }
    for langkah in JenisLangkah:
        kolom[f"langkah_{langkah.value}"] = _nilai(
            LangkahPISPK.objects.filter(puskesmas=OuterRef("pk"), tahun=tahun, langkah=langkah),
            "tanggal",
        )
    return {f"{AWALAN}{k}": v for k, v in kolom.items()}


def _pispk_dari(baris: dict, tahun: int) -> RingkasPISPK:
    nilai = {k.removeprefix(AWALAN): v for k, v in baris.items() if k.startswith(AWALAN)}
    langkah = {
        j.value: nilai[f"langkah_{j.value}"]
        for j in JenisLangkah
        if nilai[f"langkah_{j.value}"] is not None
    }
    return RingkasPISPK(
        tahun=tahun,
        disurvei=nilai["disurvei"] or 0,
        jumlah_keluarga=nilai["jumlah_kk"],
        langkah=langkah,
    )


def pispk_tahun(*, puskesmas, tahun: int) -> RingkasPISPK:
    """Families surveyed in ``tahun``, families in the wilayah (the desa's sasaran of kepala
    keluarga; None when no desa has one) and the date of each step (one query)."""
    baris = Puskesmas.objects.filter(pk=puskesmas.pk).values(**_pispk_kolom(tahun))
    return _pispk_dari(baris.get(), tahun)


@dataclass(frozen=True)
class RingkasP2:
    """What P2's records hold for a year: the meetings of each kind and the PIS-PK survey."""

    lokmin: dict[JenisLokmin, list[RingkasRapat]]
    pispk: RingkasPISPK


def kolom_p2(tahun: int) -> dict:
    """{name: subquery on the Puskesmas's row}: the PIS-PK values of ``tahun`` and the number
    of klaster (names start with ``AWALAN``), for ``ringkasan_p2``."""
    return {
        f"{AWALAN}jumlah_klaster": _nilai(Klaster.objects.all(), "pk", "COUNT"),
        **_pispk_kolom(tahun),
    }


def ringkasan_p2(*, puskesmas, tahun: int, baris: dict | None = None) -> RingkasP2:
    """``lokmin_tahun`` of both kinds and ``pispk_tahun`` in one go: the Puskesmas's row with
    ``kolom_p2(tahun)`` (read here unless given as ``baris``), then the meetings (one query),
    their RTL and reviews (two more once there is a meeting)."""
    if baris is None or f"{AWALAN}jumlah_klaster" not in baris:
        baris = Puskesmas.objects.filter(pk=puskesmas.pk).values(**kolom_p2(tahun)).get()
    return RingkasP2(
        lokmin=_lokmin_tahun(
            puskesmas, tahun, tuple(JenisLokmin), baris[f"{AWALAN}jumlah_klaster"]
        ),
        pispk=_pispk_dari(baris, tahun),
    )
