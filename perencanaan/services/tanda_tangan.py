"""How the planning documents approved through ``alur`` snapshot themselves when signed.

Loaded at start-up with the other service modules (``PerencanaanConfig.ready``); the core
signs a registered document in the same transaction as its ``sahkan`` step. The SK Target
Kinerja is not here: its own service signs it (``services.target.sk_target_tetapkan``).
"""

from __future__ import annotations

from django.db import models

from puskesmas.alat.tanda_tangan import daftarkan

from ..models import RPK, RUK, KegiatanRPK, KegiatanRUK, RencanaLimaTahunan, TargetRenstra
from ..models import TimPerencanaan as Tim
from ..selectors.tim import susunan_tim

_LEWATI = {"id", "ruk", "rpk", "renstra", "kegiatan_ruk", "indikator", "urutan"}


def _baris(obj) -> dict:
    """The row's own values as plain JSON: foreign keys by their label, choices by value."""
    hasil = {}
    for f in obj._meta.concrete_fields:
        if f.name in _LEWATI:
            continue
        if isinstance(f, models.ForeignKey):
            hasil[f.name] = str(getattr(obj, f.name) or "")
        else:
            hasil[f.name] = f.value_from_object(obj)
    return hasil


def isi_tim(tim: Tim) -> dict:
    return {
        "tahun": tim.tahun,
        "nomor_sk": tim.nomor_sk,
        "tanggal_sk": tim.tanggal_sk,
        "susunan": susunan_tim(tim),
    }


def isi_ruk(ruk: RUK) -> dict:
    rows = KegiatanRUK.objects.filter(ruk=ruk).select_related("klaster")
    return {"tahun": ruk.tahun, "kegiatan": [_baris(k) for k in rows.order_by("pk")]}


def isi_rpk(rpk: RPK) -> dict:
    rows = KegiatanRPK.objects.filter(rpk=rpk).select_related("klaster")
    return {
        "tahun": rpk.tahun,
        "pembahasan": [
            {"jenis": p.jenis, "tanggal": p.tanggal, "forum": p.forum, "catatan": p.catatan}
            for p in rpk.pembahasan.order_by("jenis")
        ],
        "kegiatan": [_baris(k) for k in rows.order_by("pk")],
    }


def isi_renstra(r: RencanaLimaTahunan) -> dict:
    return {
        "tahun_mulai": r.tahun_mulai,
        "tahun_selesai": r.tahun_selesai,
        "visi": r.visi,
        "misi": r.misi,
        "tata_nilai": r.tata_nilai,
        "analisis_kebutuhan": r.analisis_kebutuhan,
        "target": [_baris(t) for t in TargetRenstra.objects.filter(renstra=r).order_by("pk")],
    }


daftarkan(
    Tim,
    jenis="SK Tim Perencanaan",
    isi=isi_tim,
    nomor=lambda tim: tim.nomor_sk,
    tanggal=lambda tim: tim.tanggal_sk,
    perihal=lambda tim: f"Pembentukan Tim Perencanaan tahun {tim.tahun}",
)
daftarkan(
    RUK,
    jenis="Rencana Usulan Kegiatan (RUK)",
    isi=isi_ruk,
    perihal=lambda ruk: f"RUK tahun {ruk.tahun}",
)
daftarkan(
    RPK,
    jenis="Rencana Pelaksanaan Kegiatan (RPK)",
    isi=isi_rpk,
    perihal=lambda rpk: f"RPK tahun {rpk.tahun}",
)
daftarkan(
    RencanaLimaTahunan,
    jenis="Rencana Lima Tahunan",
    isi=isi_renstra,
    perihal=lambda r: f"Rencana lima tahunan {r.tahun_mulai}–{r.tahun_selesai}",
)
