"""The PKP providers of the work inbox (``puskesmas.alat.kotak_masuk``), loaded by
``PkpConfig.ready()``: an assessment submitted waits for the Dinkes verifier, one returned
waits for the Kepala Puskesmas (who submits it again). One query each, none for a user
without the capability."""

from __future__ import annotations

from puskesmas.alat import kotak_masuk as km
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.kueri_tersusun import baris_tersusun
from puskesmas.alat.tautan import balik

from .models import PenilaianPKP

_KOLOM = ("pk", "tahun", "puskesmas_id", "puskesmas__nama", "catatan_pengembalian")


def _baca(status: str, kolom_id: str, ids) -> list[dict]:
    """The assessments in ``status`` whose ``kolom_id`` is one of ``ids``; every home page
    asks, so the statement is composed once per process (``kueri_tersusun``)."""

    def susun(ids):
        return (
            PenilaianPKP.objects.filter(status=status, **{f"{kolom_id}__in": ids})
            .order_by("tahun", "puskesmas__nama", "pk")
            .values_list(*_KOLOM)
        )

    return [
        dict(zip(_KOLOM, r, strict=True))
        for r in baris_tersusun(("pkp_kotak_masuk", status, kolom_id), susun, ids)
    ]


def _url_verifikasi(d: dict) -> str:
    return balik("pkp:verifikasi", args=[d["pk"]])


def _url_penilaian(d: dict) -> str:
    return balik("pkp:penilaian", args=[d["puskesmas_id"]]) + f"?tahun={d['tahun']}"


def pkp_menunggu_verifikasi(k: km.Konteks) -> list[km.Butir]:
    ids = k.lingkup.kabupaten_ids(Aksi.VERIFIKASI_PKP)
    if not ids:
        return []
    return [
        km.Butir(
            label=f"PKP {d['tahun']} Puskesmas {d['puskesmas__nama']} diajukan: verifikasi",
            url=_url_verifikasi(d),
            prioritas=km.PRIORITAS_TINGGI,
        )
        for d in _baca(StatusAlur.DIAJUKAN, "puskesmas__kabupaten_id", ids)
    ]


def pkp_dikembalikan(k: km.Konteks) -> list[km.Butir]:
    ids = k.lingkup.puskesmas_ids(Aksi.AJUKAN_PKP)
    if not ids:
        return []
    return [
        km.Butir(
            label=f"PKP {d['tahun']} Puskesmas {d['puskesmas__nama']} dikembalikan Dinas "
            "Kesehatan: perbaiki lalu ajukan kembali",
            url=_url_penilaian(d),
            prioritas=km.PRIORITAS_TINGGI,
            keterangan=d["catatan_pengembalian"],
        )
        for d in _baca(StatusAlur.DIKEMBALIKAN, "puskesmas_id", ids)
    ]


km.daftar("pkp_menunggu_verifikasi", pkp_menunggu_verifikasi)
km.daftar("pkp_dikembalikan", pkp_dikembalikan)
