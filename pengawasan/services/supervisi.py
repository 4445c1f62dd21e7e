"""Writes of supervisi: plan a visit, record an ad hoc one, change it (done, cancelled),
record its findings, raise an RTL from a finding. Every write re-checks the capability
the visit asks for (``KunjunganSupervisi.aksi_catat``): the Puskesmas's or the Dinkes's.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from puskesmas.alat import access
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.models import RTL
from puskesmas.services import rtl as rtl_services
from puskesmas.services.inti import KonflikVersi

from .. import aturan_supervisi as aturan
from ..models import KunjunganSupervisi, TemuanSupervisi

# Fields of a visit its recorder fills (forms and services read this list).
KOLOM_KUNJUNGAN = (
    "bulan",
    "pelaksana",
    "nama_pelaksana",
    "tempat",
    "lokasi",
    "aspek",
    "tujuan",
    "status",
    "tanggal",
    "hasil",
    "alasan_batal",
)
KOLOM_TEMUAN = ("aspek", "uraian", "rekomendasi")

PESAN_RTL_ADA = "Temuan ini sudah memiliki RTL."
PESAN_TEMUAN_BER_RTL = "Temuan yang sudah memiliki RTL tidak dapat dihapus; hapus RTL-nya dulu."


def _periksa(pesan: str | None) -> None:
    if pesan:
        raise AlurTidakSah(pesan)


def _periksa_kunjungan(k: KunjunganSupervisi, *, ada_temuan: bool = False) -> None:
    _periksa(aturan.periksa_aspek(k.aspek))
    _periksa(
        aturan.periksa_kunjungan(
            status=k.status,
            tahun=k.tahun,
            tanggal=k.tanggal,
            alasan_batal=k.alasan_batal,
            hari_ini=timezone.localdate(),
            ada_temuan=ada_temuan,
        )
    )


def _simpan(obj, user, alasan: str):
    obj._history_user = user
    obj._change_reason = alasan
    obj.save()
    return obj


_TEKS = frozenset({"nama_pelaksana", "lokasi", "tujuan", "hasil", "alasan_batal"})


def _isi(k: KunjunganSupervisi, data: dict) -> None:
    for kolom in KOLOM_KUNJUNGAN:
        if kolom in data:
            nilai = data[kolom]
            setattr(k, kolom, "" if nilai is None and kolom in _TEKS else nilai)
    if k.status != aturan.Status.DIBATALKAN:
        k.alasan_batal = ""


@transaction.atomic
def kunjungan_rencanakan(*, puskesmas, tahun: int, data: dict, user) -> KunjunganSupervisi:
    """Add a visit to the year's plan of ``puskesmas`` (the Puskesmas's own plan)."""
    k = KunjunganSupervisi(
        puskesmas=puskesmas, tahun=tahun, terjadwal=True, dicatat_oleh=user, versi=1
    )
    _isi(k, {**data, "status": aturan.Status.DIRENCANAKAN, "tanggal": None})
    if k.dicatat_dinkes:
        raise AlurTidakSah(aturan.PESAN_PELAKSANA_DINKES)
    access.wajib(user, k.aksi_catat, puskesmas)
    _periksa_kunjungan(k)
    return _simpan(k, user, "Direncanakan")


@transaction.atomic
def kunjungan_catat(*, puskesmas, data: dict, user, dinkes: bool = False) -> KunjunganSupervisi:
    """Record an ad hoc visit that took place on ``data["tanggal"]``; ``dinkes``: the
    Dinkes records its own visit (the supervisor is then the Dinkes, whatever ``data``
    says), else the Puskesmas records one (never as the Dinkes)."""
    tanggal = data.get("tanggal")
    if tanggal is None:
        raise AlurTidakSah(aturan.PESAN_TANGGAL_PERLU)
    k = KunjunganSupervisi(
        puskesmas=puskesmas,
        tahun=tanggal.year,
        terjadwal=False,
        dicatat_oleh=user,
        versi=1,
    )
    _isi(k, {**data, "bulan": tanggal.month, "status": aturan.Status.DILAKSANAKAN})
    if dinkes:
        k.pelaksana = aturan.Pelaksana.DINKES
    elif k.dicatat_dinkes:
        raise AlurTidakSah(aturan.PESAN_PELAKSANA_DINKES)
    access.wajib(user, k.aksi_catat, puskesmas)
    _periksa_kunjungan(k)
    return _simpan(k, user, "Dicatat")


def _kunci(kunjungan: KunjunganSupervisi, user) -> KunjunganSupervisi:
    terkini = KunjunganSupervisi.objects.select_for_update().get(pk=kunjungan.pk)
    access.wajib(user, terkini.aksi_catat, terkini)
    return terkini


@transaction.atomic
def kunjungan_ubah(
    *, kunjungan: KunjunganSupervisi, data: dict, versi: int | None, user
) -> KunjunganSupervisi:
    """Change a visit: realise a planned one (date, result), cancel it with a reason,
    correct what it says. The recorder does not change (a Dinkes visit stays the Dinkes's,
    a Puskesmas visit never becomes one); a stale form is refused."""
    terkini = _kunci(kunjungan, user)
    if versi is None or versi != terkini.versi:
        raise KonflikVersi()
    dinkes = terkini.dicatat_dinkes
    _isi(terkini, data)
    if dinkes:
        terkini.pelaksana = aturan.Pelaksana.DINKES
    elif terkini.dicatat_dinkes:
        raise AlurTidakSah(aturan.PESAN_PELAKSANA_DINKES)
    if terkini.tanggal is not None and not terkini.terjadwal:
        terkini.bulan = terkini.tanggal.month
    _periksa_kunjungan(terkini, ada_temuan=terkini.temuan.exists())
    terkini.versi += 1
    return _simpan(terkini, user, "Diubah")


@transaction.atomic
def temuan_tambah(*, kunjungan: KunjunganSupervisi, data: dict, user) -> TemuanSupervisi:
    terkini = _kunci(kunjungan, user)
    _periksa(aturan.periksa_temuan(terkini.status))
    temuan = TemuanSupervisi(
        kunjungan=terkini, dicatat_oleh=user, **{k: data.get(k) or "" for k in KOLOM_TEMUAN}
    )
    _periksa(None if temuan.aspek in aturan.LABEL_ASPEK else aturan.PESAN_ASPEK_ASING)
    return _simpan(temuan, user, "Dicatat")


@transaction.atomic
def temuan_ubah(*, temuan: TemuanSupervisi, data: dict, user) -> TemuanSupervisi:
    _kunci(temuan.kunjungan, user)
    terkini = TemuanSupervisi.objects.select_for_update().get(pk=temuan.pk)
    for k in KOLOM_TEMUAN:
        if k in data:
            setattr(terkini, k, data[k] or "")
    _periksa(None if terkini.aspek in aturan.LABEL_ASPEK else aturan.PESAN_ASPEK_ASING)
    return _simpan(terkini, user, "Diubah")


def rtl_temuan(temuan: TemuanSupervisi):
    from django.contrib.contenttypes.models import ContentType

    return RTL.objects.filter(
        sumber_jenis=ContentType.objects.get_for_model(TemuanSupervisi), sumber_id=temuan.pk
    )


@transaction.atomic
def temuan_hapus(*, temuan: TemuanSupervisi, user) -> None:
    """Remove a finding recorded by mistake, unless it already raised an RTL."""
    _kunci(temuan.kunjungan, user)
    if rtl_temuan(temuan).exists():
        raise AlurTidakSah(PESAN_TEMUAN_BER_RTL)
    temuan._history_user = user
    temuan.delete()


@transaction.atomic
def temuan_rtl_buat(*, temuan: TemuanSupervisi, data: dict, user) -> RTL:
    """Raise the RTL of a finding (one per finding), at the visited Puskesmas, with the
    finding as its source; by whoever records the visit."""
    kunjungan = _kunci(temuan.kunjungan, user)
    if rtl_temuan(temuan).exists():
        raise AlurTidakSah(PESAN_RTL_ADA)
    tanggal = kunjungan.tanggal.strftime("%d-%m-%Y") if kunjungan.tanggal else kunjungan.tahun
    return rtl_services.rtl_buat(
        puskesmas=kunjungan.puskesmas,
        data=data,
        user=user,
        aksi=kunjungan.aksi_catat,
        sumber=temuan,
        sumber_label=f"Temuan supervisi {kunjungan.get_pelaksana_display()} {tanggal}"[:200],
    )
