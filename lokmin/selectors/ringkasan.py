"""What P2's records hold for a year, in plain counts: the reads the PKP suggestion rules
of 1.1.4–1.1.6 take (PKP reads P2 through these, never its models). Unscoped: the PKP
collector already runs for one Puskesmas the user may see. Each read runs a fixed number of
queries whatever the number of meetings, peserta, RTL or families.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from puskesmas.alat.alur import StatusAlur
from puskesmas.choices import KategoriSasaran
from puskesmas.models import RTL, Klaster, SasaranDesa

from .. import kalender
from ..kalender import JenisLokmin
from ..models import KategoriPeserta, Lokmin, TinjauanRTL
from ..models_pispk import KeluargaPISPK, LangkahPISPK

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
    t0, b0 = _sebelumnya(jenis, tahun, min(kalender.bulan_lokmin(jenis)))
    rapat = list(
        Lokmin.objects.filter(puskesmas=puskesmas, jenis=jenis.value)
        .filter(Q(tahun=tahun) | Q(tahun=t0, bulan=b0))
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
    per_bulan = {(r.tahun, r.bulan): r for r in rapat}
    hasil = []
    for r in rapat:
        if r.tahun != tahun:
            continue
        milik = per_rapat.get(r.pk, [])
        lalu = per_bulan.get(_sebelumnya(jenis, r.tahun, r.bulan))
        rtl_lalu = per_rapat.get(lalu.pk, []) if lalu else []
        hasil.append(
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


def pispk_tahun(*, puskesmas, tahun: int) -> RingkasPISPK:
    """Families surveyed in ``tahun``, families in the wilayah (the desa's sasaran of kepala
    keluarga; None when no desa has one) and the date of each step (three queries)."""
    disurvei = KeluargaPISPK.objects.filter(puskesmas=puskesmas, tahun=tahun).count()
    kk = SasaranDesa.objects.filter(
        desa__puskesmas=puskesmas, tahun=tahun, kategori=KategoriSasaran.KK
    ).values_list("jumlah", flat=True)
    kk = list(kk)
    langkah = dict(
        LangkahPISPK.objects.filter(puskesmas=puskesmas, tahun=tahun).values_list(
            "langkah", "tanggal"
        )
    )
    return RingkasPISPK(
        tahun=tahun, disurvei=disurvei, jumlah_keluarga=sum(kk) if kk else None, langkah=langkah
    )
