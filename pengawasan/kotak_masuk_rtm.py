"""The RTM providers of the work inbox (``puskesmas.alat.kotak_masuk``), loaded by
``PengawasanConfig.ready()``: from October, a Puskesmas with fewer than two RTM held or
scheduled in the year (``pengawasan.aturan_rtm``) is a task for whoever prepares the RTM;
an RTM submitted waits for the Kepala Puskesmas; one returned waits for its organisers.
Two queries each, none for a user without the capability."""

from __future__ import annotations

from django.urls import reverse

from puskesmas.alat import kotak_masuk as km
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Puskesmas

from . import aturan_rtm
from .models import RTM
from .selectors.rtm import jumlah_per_puskesmas


def rtm_kurang(k: km.Konteks) -> list[km.Butir]:
    ids = k.lingkup.puskesmas_ids(Aksi.SUSUN_RTM)
    bulan = aturan_rtm.bulan_berjalan(
        tahun=k.tahun, tahun_ini=k.hari_ini.year, bulan_ini=k.hari_ini.month
    )
    if not ids or bulan < aturan_rtm.BULAN_PERINGATAN:
        return []
    jumlah = jumlah_per_puskesmas(puskesmas_ids=ids, tahun=k.tahun)
    hasil = []
    for pk, nama in Puskesmas.objects.filter(pk__in=ids).order_by("nama").values_list("pk", "nama"):
        n = jumlah.get(pk, 0)
        if aturan_rtm.perlu_peringatan(bulan=bulan, jumlah=n):
            hasil.append(
                km.Butir(
                    label=aturan_rtm.pesan_peringatan(puskesmas=nama, tahun=k.tahun, jumlah=n),
                    url=reverse("pengawasan:rtm_daftar", args=[pk]),
                    prioritas=km.PRIORITAS_TINGGI,
                )
            )
    return hasil


def _rtm(status: str, ids) -> list[dict]:
    return list(
        RTM.objects.filter(status=status, puskesmas_id__in=ids)
        .order_by("tanggal", "pk")
        .values("pk", "tanggal", "puskesmas__nama", "catatan_pengembalian")
    )


def rtm_menunggu_persetujuan(k: km.Konteks) -> list[km.Butir]:
    ids = k.lingkup.puskesmas_ids(Aksi.SAHKAN)
    if not ids:
        return []
    return [
        km.Butir(
            label=f"RTM {d['tanggal']:%d-%m-%Y} Puskesmas {d['puskesmas__nama']} diajukan: "
            "setujui atau kembalikan",
            url=reverse("pengawasan:rtm_detail", args=[d["pk"]]),
            prioritas=km.PRIORITAS_TINGGI,
        )
        for d in _rtm(StatusAlur.DIAJUKAN, ids)
    ]


def rtm_dikembalikan(k: km.Konteks) -> list[km.Butir]:
    ids = k.lingkup.puskesmas_ids(Aksi.SUSUN_RTM)
    if not ids:
        return []
    return [
        km.Butir(
            label=f"RTM {d['tanggal']:%d-%m-%Y} Puskesmas {d['puskesmas__nama']} dikembalikan: "
            "perbaiki lalu ajukan kembali",
            url=reverse("pengawasan:rtm_detail", args=[d["pk"]]),
            prioritas=km.PRIORITAS_TINGGI,
            keterangan=d["catatan_pengembalian"],
        )
        for d in _rtm(StatusAlur.DIKEMBALIKAN, ids)
    ]


km.daftar("rtm_kurang", rtm_kurang)
km.daftar("rtm_menunggu_persetujuan", rtm_menunggu_persetujuan)
km.daftar("rtm_dikembalikan", rtm_dikembalikan)
