"""The PKP providers of the work inbox (``puskesmas.alat.kotak_masuk``), loaded by
``PkpConfig.ready()``: an assessment submitted waits for the Dinkes verifier, one returned
waits for the Kepala Puskesmas (who submits it again). One query each, none for a user
without the capability."""

from __future__ import annotations

from puskesmas.alat import kotak_masuk as km
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.tautan import balik

from .models import PenilaianPKP


def _baca(**filter_) -> list[dict]:
    return list(
        PenilaianPKP.objects.filter(**filter_)
        .order_by("tahun", "puskesmas__nama", "pk")
        .values("pk", "tahun", "puskesmas_id", "puskesmas__nama", "catatan_pengembalian")
    )


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
        for d in _baca(status=StatusAlur.DIAJUKAN, puskesmas__kabupaten_id__in=ids)
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
        for d in _baca(status=StatusAlur.DIKEMBALIKAN, puskesmas_id__in=ids)
    ]


km.daftar("pkp_menunggu_verifikasi", pkp_menunggu_verifikasi)
km.daftar("pkp_dikembalikan", pkp_dikembalikan)
