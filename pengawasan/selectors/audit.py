"""Reads of the internal audit, each in a fixed number of queries whatever the rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from puskesmas.alat.alur import SAH
from puskesmas.alat.rtl import StatusRTL
from puskesmas.models import RTL, Puskesmas

from ..aturan_audit import KETIDAKSESUAIAN, KategoriTemuan
from ..models.audit import (
    AnggotaTimAudit,
    Audit,
    DaftarTilik,
    JadwalAudit,
    ProgramAudit,
    StatusAudit,
    TemuanAudit,
    TimAudit,
)
from .register import _hitung_rtl


def tim_tahun(*, puskesmas, tahun: int, user) -> TimAudit | None:
    return (
        TimAudit.objects.for_user(user)
        .filter(puskesmas=puskesmas, tahun=tahun)
        .prefetch_related(
            Prefetch("anggota", queryset=AnggotaTimAudit.objects.select_related("user"))
        )
        .first()
    )


def program_tahun(*, puskesmas, tahun: int, user) -> ProgramAudit | None:
    return ProgramAudit.objects.for_user(user).filter(puskesmas=puskesmas, tahun=tahun).first()


def jadwal_program(program: ProgramAudit) -> list[JadwalAudit]:
    """The programme's rows with their klaster, auditee, auditors and audit (three queries)."""
    return list(
        program.jadwal.select_related("klaster", "auditi", "audit").prefetch_related("auditor")
    )


def daftar_tilik(*, puskesmas, user):
    return (
        DaftarTilik.objects.for_user(user)
        .filter(puskesmas=puskesmas)
        .annotate(jumlah_butir=Count("butir"))
    )


def audit_daftar(*, puskesmas, tahun: int, user):
    """The audits of a year with their finding counts (one query)."""
    return (
        Audit.objects.for_user(user)
        .filter(puskesmas=puskesmas, jadwal__program__tahun=tahun)
        .select_related("jadwal__klaster", "jadwal__program")
        .annotate(
            jumlah_temuan=Count("temuan", distinct=True),
            jumlah_dibawa=Count("temuan", filter=Q(temuan__dibawa=True), distinct=True),
        )
    )


def rtl_temuan(temuan_ids) -> dict[int, list[RTL]]:
    """The RTL of each finding (one query plus the content type, cached)."""
    hasil: dict[int, list[RTL]] = defaultdict(list)
    ids = list(temuan_ids)
    if not ids:
        return hasil
    for rtl in RTL.objects.filter(
        sumber_jenis=ContentType.objects.get_for_model(TemuanAudit), sumber_id__in=ids
    ).select_related("pj"):
        hasil[rtl.sumber_id].append(rtl)
    return hasil


# --- Due dates ------------------------------------------------------------------------------


def kueri_selesai_bulan(puskesmas_ids, tahun: int, bulan: int):
    """The audit kind's done-dates as the deadline registry's ``kueri_selesai`` (one row per
    Puskesmas: its id and the date it was done, NULL while not done), so the pages read it in
    the registry's one ``UNION ALL``. Done for a month: every row of the approved programme
    planned that month has its audit carried out, on the latest audit date (not before the
    first of the month). A Puskesmas with nothing planned that month has nothing due: done
    on the first of the month."""
    jadwal = JadwalAudit.objects.filter(
        program__puskesmas_id=OuterRef("pk"),
        program__tahun=tahun,
        program__status__in=list(SAH),
        bulan=bulan,
    )
    awal = Value(date(tahun, bulan, 1), output_field=DateField())
    terakhir = Subquery(
        jadwal.order_by().values("bulan").annotate(m=Max("audit__tanggal")).values("m")[:1],
        output_field=DateField(),
    )
    return (
        Puskesmas.objects.filter(pk__in=puskesmas_ids)
        .order_by()
        .annotate(
            _terbuka=Exists(jadwal.filter(Q(audit__isnull=True) | Q(audit__tanggal__isnull=True)))
        )
        .annotate(
            _selesai=Case(
                When(_terbuka=True, then=Value(None, output_field=DateField())),
                default=Greatest(Coalesce(terakhir, awal), awal),
                output_field=DateField(),
            )
        )
        .values_list("pk", "_selesai")
    )


def selesai_bulan(puskesmas_ids: list[int], tahun: int, bulan: int) -> dict[int, date]:
    """``{puskesmas id: date}`` of those done for the month (``kueri_selesai_bulan``). One query."""
    return {
        pk: d for pk, d in kueri_selesai_bulan(list(puskesmas_ids), tahun, bulan) if d is not None
    }


# --- Counts for RTM and PKP -------------------------------------------------------------------


@dataclass(frozen=True)
class RingkasanAudit:
    """The internal audits of a Puskesmas in a period, counted."""

    program_ada: bool = False
    program_disahkan: bool = False
    jumlah_jadwal: int = 0
    jumlah_audit: int = 0
    audit_ditutup: int = 0
    audit_lengkap: int = 0  # with checklist, every criterion assessed and a conclusion
    temuan: dict[str, int] = field(default_factory=dict)  # by kategori
    ketidaksesuaian: int = 0
    dianalisis: int = 0  # ketidaksesuaian with an analysis
    ada_rtl: int = 0  # ketidaksesuaian with an RTL
    ditindaklanjuti: int = 0  # every RTL followed up (selesai/dievaluasi)
    dievaluasi: int = 0  # every RTL evaluated
    dibawa: int = 0
    terbuka: int = 0  # findings neither settled nor carried over


def ringkasan_audit(*, puskesmas, tahun: int, sampai: date | None = None) -> RingkasanAudit:
    """Counts of ``tahun``'s programme, audits (up to ``sampai``) and their findings with
    the state of their RTL. Three queries."""
    from ..aturan_audit import KeadaanTemuan, temuan_tuntas

    program = (
        ProgramAudit.objects.filter(puskesmas=puskesmas, tahun=tahun)
        .annotate(n=Count("jadwal"))
        .first()
    )
    audit_qs = Audit.objects.filter(puskesmas=puskesmas, jadwal__program__tahun=tahun)
    if sampai is not None:
        audit_qs = audit_qs.filter(tanggal__lte=sampai)
    audit = list(
        audit_qs.annotate(
            n_hasil=Count("hasil", distinct=True),
            n_kosong=Count("hasil", filter=Q(hasil__hasil=""), distinct=True),
        ).values("pk", "status", "daftar_tilik_id", "kesimpulan", "n_hasil", "n_kosong")
    )
    # Each finding with the number of its RTL in each state (the states' order is irrelevant
    # to what is counted below).
    per_status = {f"n_{st.value}": _hitung_rtl(TemuanAudit, (st.value,)) for st in StatusRTL}
    temuan = list(
        TemuanAudit.objects.filter(audit_id__in=[a["pk"] for a in audit])
        .annotate(**per_status)
        .values("pk", "nomor", "kategori", "analisis", "dibawa", "alasan_dibawa", *per_status)
    )
    status: dict[int, list[str]] = {
        t["pk"]: [st.value for st in StatusRTL for _ in range(t[f"n_{st.value}"])] for t in temuan
    }
    per_kategori = {k.value: 0 for k in KategoriTemuan}
    ks = [t for t in temuan if t["kategori"] in KETIDAKSESUAIAN]
    for t in temuan:
        per_kategori[t["kategori"]] += 1
    terbuka = sum(
        1
        for t in temuan
        if not temuan_tuntas(
            KeadaanTemuan(
                t["nomor"], t["kategori"], t["dibawa"], t["alasan_dibawa"], tuple(status[t["pk"]])
            )
        )
    )
    return RingkasanAudit(
        program_ada=program is not None,
        program_disahkan=program is not None and program.status in SAH,
        jumlah_jadwal=program.n if program else 0,
        jumlah_audit=len(audit),
        audit_ditutup=sum(a["status"] == StatusAudit.DITUTUP for a in audit),
        audit_lengkap=sum(
            bool(a["daftar_tilik_id"])
            and a["n_hasil"] > 0
            and a["n_kosong"] == 0
            and bool(a["kesimpulan"].strip())
            for a in audit
        ),
        temuan=per_kategori,
        ketidaksesuaian=len(ks),
        dianalisis=sum(bool(t["analisis"].strip()) for t in ks),
        ada_rtl=sum(bool(status[t["pk"]]) for t in ks),
        ditindaklanjuti=sum(
            bool(status[t["pk"]]) and all(s in ("selesai", "dievaluasi") for s in status[t["pk"]])
            for t in ks
        ),
        dievaluasi=sum(
            bool(status[t["pk"]]) and all(s == "dievaluasi" for s in status[t["pk"]]) for t in ks
        ),
        dibawa=sum(t["dibawa"] for t in temuan),
        terbuka=terbuka,
    )
