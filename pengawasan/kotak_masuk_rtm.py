"""The RTM providers of the work inbox (``puskesmas.alat.kotak_masuk``), loaded by
``PengawasanConfig.ready()``: from October, a Puskesmas with fewer than two RTM held or
scheduled in the year (``pengawasan.aturan_rtm``) is a task for whoever prepares the RTM;
an RTM submitted waits for the Kepala Puskesmas; one returned waits for its organisers.
The user's Puskesmas and their open RTM are read once for all three; none for a user
without the capability."""

from __future__ import annotations

from puskesmas.alat import kotak_masuk as km
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.kueri_tersusun import baris_tersusun
from puskesmas.alat.memo import ingat
from puskesmas.alat.tautan import balik

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
    for p in k.puskesmas:
        if p.pk not in ids:
            continue
        pk, nama = p.pk, p.nama
        n = jumlah.get(pk, 0)
        if aturan_rtm.perlu_peringatan(bulan=bulan, jumlah=n):
            hasil.append(
                km.Butir(
                    label=aturan_rtm.pesan_peringatan(puskesmas=nama, tahun=k.tahun, jumlah=n),
                    url=balik("pengawasan:rtm_daftar", args=[pk]),
                    prioritas=km.PRIORITAS_TINGGI,
                )
            )
    return hasil


def _rtm(k: km.Konteks, status: str, ids) -> list[dict]:
    """The RTM of ``ids`` in ``status``: the submitted and returned RTM of all the user's
    Puskesmas are one read, shared by both providers within a request."""
    semua = ingat(
        ("rtm_terbuka", frozenset(k.lingkup.puskesmas_ids())),
        lambda: [
            dict(zip(_KOLOM, r, strict=True))
            for r in baris_tersusun(("rtm_terbuka",), _baca_terbuka, k.lingkup.puskesmas_ids())
        ],
    )
    return [d for d in semua if d["status"] == status and d["puskesmas_id"] in ids]


_KOLOM = ("pk", "tanggal", "status", "puskesmas_id", "puskesmas__nama", "catatan_pengembalian")


def _baca_terbuka(puskesmas_ids):
    """Composed once per process (``kueri_tersusun``): every home page asks."""
    return (
        RTM.objects.filter(
            status__in=[StatusAlur.DIAJUKAN, StatusAlur.DIKEMBALIKAN],
            puskesmas_id__in=puskesmas_ids,
        )
        .order_by("tanggal", "pk")
        .values_list(*_KOLOM)
    )


def rtm_menunggu_persetujuan(k: km.Konteks) -> list[km.Butir]:
    ids = k.lingkup.puskesmas_ids(Aksi.SAHKAN)
    if not ids:
        return []
    return [
        km.Butir(
            label=f"RTM {d['tanggal']:%d-%m-%Y} Puskesmas {d['puskesmas__nama']} diajukan: "
            "setujui atau kembalikan",
            url=balik("pengawasan:rtm_detail", args=[d["pk"]]),
            prioritas=km.PRIORITAS_TINGGI,
        )
        for d in _rtm(k, StatusAlur.DIAJUKAN, ids)
    ]


def rtm_dikembalikan(k: km.Konteks) -> list[km.Butir]:
    ids = k.lingkup.puskesmas_ids(Aksi.SUSUN_RTM)
    if not ids:
        return []
    return [
        km.Butir(
            label=f"RTM {d['tanggal']:%d-%m-%Y} Puskesmas {d['puskesmas__nama']} dikembalikan: "
            "perbaiki lalu ajukan kembali",
            url=balik("pengawasan:rtm_detail", args=[d["pk"]]),
            prioritas=km.PRIORITAS_TINGGI,
            keterangan=d["catatan_pengembalian"],
        )
        for d in _rtm(k, StatusAlur.DIKEMBALIKAN, ids)
    ]


km.daftar("rtm_kurang", rtm_kurang)
km.daftar("rtm_menunggu_persetujuan", rtm_menunggu_persetujuan)
km.daftar("rtm_dikembalikan", rtm_dikembalikan)
