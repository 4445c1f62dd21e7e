"""The P1 providers of the work inbox (``puskesmas.alat.kotak_masuk``), loaded by
``PerencanaanConfig.ready()``.

Who gets what, by capability in ``access.HAK`` (so the role table stays the one place that
names roles):

* whoever signs (``SAHKAN``, the Kepala): documents submitted and waiting for approval, the
  targets waiting for their SK; whoever sends to the Dinkes (``KIRIM_DINKES``): an approved
  RUK not sent yet;
* whoever drafts and submits but does not sign (``AJUKAN_RENCANA`` without ``SAHKAN``, the
  Kepala TU): documents returned by the Kepala or by the Dinkes;
* a PJ klaster: their klaster with no target yet in the selected year, while the catalogue
  has indicators for it;
* whoever reviews RUK at the Dinkes (``TINJAU_RUK``): RUK sent and not reviewed yet.

The kinds a provider reads are one ``UNION ALL`` query (``baca_gabungan``), and a provider
asks nothing of a user without the capability it serves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, Model, TextField, Value
from django.db.models.functions import Cast

from puskesmas.alat import kotak_masuk as km
from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.kueri_tersusun import baris_tersusun
from puskesmas.alat.tautan import balik
from puskesmas.choices import Peran
from puskesmas.models import Kabupaten, Klaster
from puskesmas.selectors.tenggat import tanggal_sendiri

from .choices import JenisTenggat
from .models import (
    RPK,
    RUK,
    Indikator,
    PenetapanTarget,
    RencanaLimaTahunan,
    TargetKinerja,
    TimPerencanaan,
)


def _url_target(d: dict) -> str:
    return f"{balik('perencanaan:target', args=[d['puskesmas_id']])}?tahun={d['tahun']}"


def _url_tim(d: dict) -> str:
    return f"{balik('perencanaan:tim', args=[d['puskesmas_id']])}?tahun={d['tahun']}"


def _url_renstra(d: dict) -> str:
    return balik("perencanaan:renstra_detail", args=[d["puskesmas_id"], d["pk"]])


def _url_ruk(d: dict) -> str:
    return balik("perencanaan:ruk_detail", args=[d["pk"]])


def _url_rpk(d: dict) -> str:
    return balik("perencanaan:rpk_detail", args=[d["pk"]])


@dataclass(frozen=True)
class JenisDokumen:
    """One P1 document kind as the inbox reads it: one query per kind."""

    model: type[Model]
    nama: str  # "RUK", "SK Tim Perencanaan"
    url: Callable[[dict], str]
    kolom_tahun: str = "tahun"

    def baca(self, *, status: str, **filter_) -> list[dict]:
        """This kind's documents in ``status`` (one query; several kinds at once:
        ``baca_gabungan``)."""
        return baca_gabungan([(self, {"status": status, **filter_})])[0]

    def judul(self, d: dict) -> str:
        return f"{self.nama} {d['tahun']} Puskesmas {d['puskesmas__nama']}"

    def _bagian(self, nomor: int, *, status: str, **filter_):
        """This kind's rows in the common shape of ``baca_gabungan``."""
        catatan = (
            F("catatan_pengembalian")
            if hasattr(self.model, "catatan_pengembalian")
            else Value("", output_field=TextField())
        )
        return (
            self.model.objects.filter(status=status, **filter_)
            .order_by()
            .annotate(
                _nomor=Value(nomor, output_field=IntegerField()),
                _tahun=F(self.kolom_tahun),
                _nama=F("puskesmas__nama"),
                _catatan=Cast(catatan, TextField()),
            )
            .values_list("_nomor", "pk", "puskesmas_id", "_nama", "_tahun", "_catatan")
        )


@dataclass(frozen=True)
class _DaftarIds:
    """In a ``baca_gabungan`` key: the filter's value is the ``nomor``-th list of ids."""

    nomor: int


def baca_gabungan(permintaan: list[tuple[JenisDokumen, dict]]) -> list[list[dict]]:
    """Several ``baca`` at once, as one ``UNION ALL``: the rows of each request (a kind
    and its filter, ``status`` included), in the order ``baca`` gives them."""
    if not permintaan:
        return []
    # The statement is composed once per process (``kueri_tersusun``): the filters' id
    # lists become its arguments, everything else (kinds, statuses, years) its key.
    daftar_ids: list[list[int]] = []
    bentuk = []
    for jenis, filter_ in permintaan:
        isian = []
        for nama, nilai in sorted(filter_.items()):
            if isinstance(nilai, list | tuple | set | frozenset):
                isian.append((nama, _DaftarIds(len(daftar_ids))))
                daftar_ids.append(list(nilai))
            else:
                isian.append((nama, nilai))
        bentuk.append((jenis, tuple(isian)))

    def susun(*daftar):
        bagian = [
            jenis._bagian(
                i,
                **{
                    nama: daftar[nilai.nomor] if isinstance(nilai, _DaftarIds) else nilai
                    for nama, nilai in isian
                },
            )
            for i, (jenis, isian) in enumerate(bentuk)
        ]
        return bagian[0].union(*bagian[1:], all=True)

    hasil: list[list[dict]] = [[] for _ in permintaan]
    baris_semua = baris_tersusun(("p1_baca_gabungan", tuple(bentuk)), susun, *daftar_ids)
    for nomor, pk, puskesmas_id, nama, tahun, catatan in baris_semua:
        hasil[nomor].append(
            {
                "pk": pk,
                "puskesmas_id": puskesmas_id,
                "puskesmas__nama": nama,
                "tahun": tahun,
                "catatan": catatan or "",
            }
        )
    for baris in hasil:
        baris.sort(key=lambda d: (d["tahun"], d["puskesmas__nama"], d["pk"]))
    return hasil


TARGET = JenisDokumen(PenetapanTarget, "Target kinerja", _url_target)
TIM = JenisDokumen(TimPerencanaan, "SK Tim Perencanaan", _url_tim)
RENSTRA = JenisDokumen(
    RencanaLimaTahunan, "Rencana lima tahunan", _url_renstra, kolom_tahun="tahun_mulai"
)
DOK_RUK = JenisDokumen(RUK, "RUK", _url_ruk)
DOK_RPK = JenisDokumen(RPK, "RPK", _url_rpk)

# What the Kepala does with each submitted kind.
MENUNGGU_KEPALA = (
    (TARGET, "diajukan: tetapkan SK Target Kinerja"),
    (TIM, "diajukan: tetapkan SK"),
    (RENSTRA, "diajukan: periksa dan sahkan"),
    (DOK_RUK, "diajukan: periksa dan sahkan"),
    (DOK_RPK, "diajukan: periksa dan sahkan"),
)
DIKEMBALIKAN = (TARGET, TIM, RENSTRA, DOK_RUK, DOK_RPK)


def menunggu_kepala(k: km.Konteks) -> list[km.Butir]:
    """Documents submitted to the Kepala, and approved RUK not yet sent to the Dinkes (one
    query for every kind)."""
    permintaan: list[tuple[JenisDokumen, dict]] = []
    tindakan: list[tuple[str, int]] = []
    ids = k.lingkup.puskesmas_ids(Aksi.SAHKAN)
    if ids:
        for jenis, apa in MENUNGGU_KEPALA:
            permintaan.append((jenis, {"status": StatusAlur.DIAJUKAN, "puskesmas_id__in": ids}))
            tindakan.append((apa, km.PRIORITAS_TINGGI))
    ids_kirim = k.lingkup.puskesmas_ids(Aksi.KIRIM_DINKES)
    if ids_kirim:
        permintaan.append((DOK_RUK, {"status": StatusAlur.DISAHKAN, "puskesmas_id__in": ids_kirim}))
        tindakan.append(("disahkan: kirim ke Dinas Kesehatan", km.PRIORITAS_SEDANG))
    return [
        km.Butir(label=f"{jenis.judul(d)} {apa}", url=jenis.url(d), prioritas=prioritas)
        for (jenis, _), (apa, prioritas), baris in zip(
            permintaan, tindakan, baca_gabungan(permintaan), strict=True
        )
        for d in baris
    ]


def dikembalikan(k: km.Konteks) -> list[km.Butir]:
    """Documents returned to their drafters (by the Kepala, or a RUK by the Dinkes)."""
    ids = k.lingkup.puskesmas_ids(Aksi.AJUKAN_RENCANA) - k.lingkup.puskesmas_ids(Aksi.SAHKAN)
    if not ids:
        return []
    permintaan = [
        (jenis, {"status": StatusAlur.DIKEMBALIKAN, "puskesmas_id__in": ids})
        for jenis in DIKEMBALIKAN
    ]
    return [
        km.Butir(
            label=f"{jenis.judul(d)} dikembalikan: perbaiki lalu ajukan kembali",
            url=jenis.url(d),
            prioritas=km.PRIORITAS_TINGGI,
            keterangan=d["catatan"],
        )
        for (jenis, _), baris in zip(permintaan, baca_gabungan(permintaan), strict=True)
        for d in baris
    ]


def klaster_tanpa_target(k: km.Konteks) -> list[km.Butir]:
    """A PJ klaster's klaster without any target in the selected year, while the
    kabupaten's catalogue has indicators for it. Four queries whatever the number of
    klaster: the catalogue, the targets, the klaster names, the kabupaten's own due date."""
    pasangan = {
        (p.puskesmas_id, p.klaster_id)
        for p in k.lingkup.penugasan
        if p.peran == Peran.PJ_KLASTER and p.puskesmas_id and p.klaster_id
    }
    if not pasangan:
        return []
    kab = k.lingkup.kabupaten_puskesmas
    puskesmas_ids = {p for p, _ in pasangan}
    klaster_ids = {kl for _, kl in pasangan}
    berkatalog = set(
        Indikator.objects.filter(
            kabupaten_id__in={kab[p] for p in puskesmas_ids},
            tahun=k.tahun,
            aktif=True,
            klaster_id__in=klaster_ids,
        )
        .values_list("kabupaten_id", "klaster_id")
        .distinct()
    )
    kosong = sorted((p, kl) for p, kl in pasangan if (kab[p], kl) in berkatalog)
    if not kosong:
        return []
    bertarget = set(
        TargetKinerja.objects.filter(
            penetapan__puskesmas_id__in=puskesmas_ids,
            penetapan__tahun=k.tahun,
            indikator__klaster_id__in=klaster_ids,
        )
        .values_list("penetapan__puskesmas_id", "indikator__klaster_id")
        .distinct()
    )
    kosong = [(p, kl) for p, kl in kosong if (p, kl) not in bertarget]
    if not kosong:
        return []
    klaster = {kl.pk: kl for kl in Klaster.objects.filter(pk__in={kl for _, kl in kosong})}
    (kejadian,) = td.ambil(JenisTenggat.TARGET_KINERJA.value).kejadian_tahun(k.tahun)
    sendiri = tanggal_sendiri(tahun=k.tahun, kabupaten_ids={kab[p] for p, _ in kosong}).get(
        (kejadian.jenis, kejadian.kode), {}
    )
    hasil = []
    for p, kl in kosong:
        batas = sendiri.get(kab[p], kejadian.batas)
        url = balik("perencanaan:target", args=[p])
        hasil.append(
            km.Butir(
                label=f"Target kinerja {klaster[kl]} tahun {k.tahun} belum diisi",
                url=f"{url}?tahun={k.tahun}&klaster={klaster[kl].nomor}",
                batas=batas,
                terlambat=batas < k.hari_ini,
            )
        )
    return hasil


def ruk_menunggu_tinjauan(k: km.Konteks) -> list[km.Butir]:
    """RUK sent to the Dinkes and not yet received or returned."""
    ids = k.lingkup.kabupaten_ids(Aksi.TINJAU_RUK)
    if not ids:
        return []
    return [
        km.Butir(
            label=f"{DOK_RUK.judul(d)} dikirim: terima atau kembalikan dengan catatan",
            url=DOK_RUK.url(d),
            prioritas=km.PRIORITAS_TINGGI,
        )
        for d in DOK_RUK.baca(status=StatusAlur.DIKIRIM, puskesmas__kabupaten_id__in=ids)
    ]


def rekap_ruk(k: km.Konteks) -> list[km.Rekap]:
    """The RUK of the selected year + 1 (drafted in the selected year) received by each
    kabupaten of the Dinkes user: waiting for review, received, not sent yet. Two queries."""
    ids = k.lingkup.kabupaten_ids(Aksi.REKAP_KABUPATEN)
    if not ids:
        return []
    tahun_ruk = k.tahun + 1
    jumlah: dict[int, dict[str, int]] = {kab: {} for kab in ids}
    for kab, status, n in (
        RUK.objects.filter(puskesmas__kabupaten_id__in=ids, tahun=tahun_ruk)
        .order_by()
        .values_list("puskesmas__kabupaten_id", "status")
        .annotate(n=Count("pk"))
    ):
        jumlah[kab][status] = n
    hasil = []
    for kab in Kabupaten.objects.filter(pk__in=ids).annotate(n=Count("puskesmas")).order_by("nama"):
        per_status = jumlah[kab.pk]
        dikirim = per_status.get(StatusAlur.DIKIRIM, 0)
        diterima = per_status.get(StatusAlur.DITERIMA, 0)
        hasil.append(
            km.Rekap(
                kode=f"ruk-{kab.pk}",
                judul=f"RUK tahun anggaran {tahun_ruk} · {kab.nama}",
                url=balik("perencanaan:ruk_kabupaten", args=[kab.pk]),
                angka=(
                    ("Menunggu tinjauan", dikirim),
                    ("Diterima", diterima),
                    ("Belum dikirim", kab.n - dikirim - diterima),
                ),
            )
        )
    return hasil


km.daftar("perencanaan_menunggu_kepala", menunggu_kepala)
km.daftar("perencanaan_dikembalikan", dikembalikan)
km.daftar("perencanaan_klaster_tanpa_target", klaster_tanpa_target)
km.daftar("perencanaan_ruk_dikirim", ruk_menunggu_tinjauan)
km.daftar_rekap("perencanaan_ruk", rekap_ruk)
