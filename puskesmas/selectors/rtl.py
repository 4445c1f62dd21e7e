"""Reads of the RTL: the board of a Puskesmas, the RTL of one source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType

from ..alat import rtl as aturan
from ..models import RTL


@dataclass
class Papan:
    kolom: dict[aturan.Kolom, list[RTL]] = field(
        default_factory=lambda: {k: [] for k in aturan.Kolom}
    )

    def daftar(self):
        """(kolom, label, rows) in board order, for templates."""
        return [(k.value, aturan.LABEL_KOLOM[k], self.kolom[k]) for k in aturan.Kolom]


def _dasar(user):
    return RTL.objects.for_user(user).select_related("klaster", "pj", "asal")


def rtl_papan(
    *, puskesmas, user, hari_ini: date, klaster_id: int | None = None, pj_id: int | None = None
) -> Papan:
    """Every RTL of ``puskesmas`` sorted into the board's columns, in one query."""
    qs = _dasar(user).filter(puskesmas=puskesmas)
    if klaster_id:
        qs = qs.filter(klaster_id=klaster_id)
    if pj_id:
        qs = qs.filter(pj_id=pj_id)
    papan = Papan()
    for rtl in qs.order_by("batas", "pk"):
        kolom = aturan.kolom_papan(status=rtl.status, batas=rtl.batas, hari_ini=hari_ini)
        rtl.kolom = kolom.value
        papan.kolom[kolom].append(rtl)
    return papan


def rtl_dari_sumber(*, sumber, user):
    """The RTL raised by one record (a Lokmin), in due-date order."""
    return (
        _dasar(user)
        .filter(sumber_jenis=ContentType.objects.get_for_model(type(sumber)), sumber_id=sumber.pk)
        .order_by("pk")
    )


def rtl_untuk_ditinjau(*, puskesmas, user, kecuali_sumber=None):
    """The RTL of ``puskesmas`` still open or awaiting evaluation, other than those
    ``kecuali_sumber`` raised: what a meeting reviews."""
    qs = _dasar(user).filter(
        puskesmas=puskesmas, status__in=[*aturan.TERBUKA, aturan.StatusRTL.SELESAI]
    )
    if kecuali_sumber is not None:
        qs = qs.exclude(
            sumber_jenis=ContentType.objects.get_for_model(type(kecuali_sumber)),
            sumber_id=kecuali_sumber.pk,
        )
    return qs.order_by("batas", "pk")


def kotak_masuk_rtl(k) -> list:
    """Work-inbox items of the RTL (``puskesmas.alat.kotak_masuk``): the open RTL the user
    is PJ of, by their due date; and, for those who evaluate RTL, the RTL of their Puskesmas
    whose follow-up is recorded and waits for the evaluation. One query; none for a user
    without a Puskesmas role that acts on RTL."""
    from django.db.models import Q
    from django.urls import reverse

    from ..alat import kotak_masuk as km
    from ..alat.access import Aksi

    terbuka = (aturan.StatusRTL.BELUM.value, aturan.StatusRTL.PROSES.value)
    selesai = aturan.StatusRTL.SELESAI.value
    kondisi = Q()
    if k.lingkup.puskesmas_ids(Aksi.TINDAK_LANJUT_RTL):
        kondisi |= Q(pj=k.user, status__in=terbuka)
    evaluasi = k.lingkup.puskesmas_ids(Aksi.EVALUASI_RTL)
    if evaluasi:
        kondisi |= Q(puskesmas_id__in=evaluasi, status=selesai)
    if not kondisi:
        return []
    hasil = []
    for pk, rencana, batas, status, sumber, nama in (
        RTL.objects.filter(kondisi)
        .order_by("batas", "pk")
        .values_list("pk", "rencana", "batas", "status", "sumber_label", "puskesmas__nama")
    ):
        url = reverse("rtl_detail", args=[pk])
        if status == selesai:
            hasil.append(
                km.Butir(
                    label=f"RTL selesai ditindaklanjuti: evaluasi efektivitasnya ({rencana})",
                    url=url,
                    keterangan=f"Puskesmas {nama}",
                )
            )
        else:
            hasil.append(
                km.Butir(
                    label=f"RTL: {rencana}",
                    url=url,
                    batas=batas,
                    terlambat=batas < k.hari_ini,
                    keterangan=sumber,
                )
            )
    return hasil
