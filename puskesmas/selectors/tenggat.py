"""Reads of the due dates of every registered kind (``puskesmas.alat.tenggat_daftar``): the
dates in force per kabupaten, and for many Puskesmas at once, whether each kind is done.

Query cost, whatever the number of Puskesmas: one read of the kabupaten's own dates, plus one
``selesai`` read per registered kind (each kind answers for all the Puskesmas in one query).
The home pages, the Dinkes compliance table and the reminders all read through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils import timezone

from ..alat import kotak_masuk as km
from ..alat import tenggat_daftar as td
from ..alat.kueri_tersusun import baris_tersusun
from ..alat.memo import ingat
from ..alat.tenggat import (
    KeadaanTenggat,
    Ringkasan,
    StatusTenggat,
    keadaan_tenggat,
    kejadian_terkini,
    ringkas,
)
from ..models import Kabupaten, Puskesmas, TenggatKabupaten


def tanggal_sendiri(
    *, tahun: int, kabupaten_ids: Iterable[int] | None = None
) -> dict[tuple[str, str], dict[int, date]]:
    """The dates kabupaten set themselves for ``tahun``: ``{(jenis, kejadian): {kab: date}}``.
    ``kabupaten_ids`` None: every kabupaten (the reminder task). One query."""
    kolom = ("kabupaten_id", "jenis", "kejadian", "tanggal")
    if kabupaten_ids is None:
        baris = TenggatKabupaten.objects.filter(tahun=tahun).values_list(*kolom)
    else:
        # Every home page asks for its kabupaten: composed once per process.
        baris = baris_tersusun(
            ("tanggal_sendiri", tahun),
            lambda ids: TenggatKabupaten.objects.filter(
                tahun=tahun, kabupaten_id__in=ids
            ).values_list(*kolom),
            kabupaten_ids,
        )
    hasil: dict[tuple[str, str], dict[int, date]] = defaultdict(dict)
    for kab, jenis, kejadian, tanggal in baris:
        hasil[(jenis, kejadian)][kab] = tanggal
    return hasil


def tenggat_tersimpan(*, kabupaten: Kabupaten, tahun: int) -> dict[tuple[str, str], date]:
    """Only the dates ``kabupaten`` set itself for ``tahun``: ``{(jenis, kejadian): date}``."""
    return {
        (jenis, kejadian): tanggal
        for jenis, kejadian, tanggal in TenggatKabupaten.objects.filter(
            kabupaten=kabupaten, tahun=tahun
        ).values_list("jenis", "kejadian", "tanggal")
    }


def kejadian_halaman(tenggat: td.Tenggat, tahun: int, hari_ini: date) -> td.Kejadian:
    """The occurrence of a kind the pages show (``kejadian_terkini``: by the policy dates)."""
    semua = tenggat.kejadian_tahun(tahun)
    kode, _ = kejadian_terkini([(k.kode, k.batas) for k in semua], hari_ini)
    return next(k for k in semua if k.kode == kode)


@dataclass(frozen=True)
class TenggatJenis:
    """One kind's occurrence at one Puskesmas, seen on one day."""

    tenggat: td.Tenggat
    kejadian: td.Kejadian
    keadaan: KeadaanTenggat
    puskesmas_id: int | None = None

    @cached_property
    def tautan(self) -> str | None:
        """Where the kind is done at this Puskesmas, reversed only when a page shows it
        (the Dinkes tables of a hundred Puskesmas do not)."""
        if self.puskesmas_id is None or self.tenggat.tautan is None:
            return None
        return self.tenggat.tautan(self.puskesmas_id)

    @property
    def kode(self) -> str:
        return self.tenggat.kode

    @property
    def judul(self) -> str:
        return self.tenggat.judul(self.kejadian)


@dataclass(frozen=True)
class TenggatPuskesmas:
    puskesmas: Puskesmas
    jenis: list[TenggatJenis]

    def keadaan(self, kode: str) -> KeadaanTenggat:
        return next(j.keadaan for j in self.jenis if j.kode == kode)


def tenggat_puskesmas(
    *,
    puskesmas: Iterable[Puskesmas],
    tahun: int,
    hari_ini: date | None = None,
    daftar: list[td.Tenggat] | None = None,
) -> list[TenggatPuskesmas]:
    """Every registered kind (or ``daftar``) at every given Puskesmas for ``tahun`` as seen on
    ``hari_ini``: the occurrence the pages show, its date in force and whether it is done.

    The Puskesmas are whatever the caller loaded (a page's list, in its order); their
    kabupaten's own dates come in one query, the done dates of the kinds that give their read
    (``kueri_selesai``) in one more, and each other kind's in one more.
    """
    hari_ini = hari_ini or timezone.localdate()
    daftar_p = list(puskesmas)
    jenis = td.semua() if daftar is None else daftar
    if not daftar_p or not jenis:
        return [TenggatPuskesmas(puskesmas=p, jenis=[]) for p in daftar_p]
    ids = [p.pk for p in daftar_p]
    kab_ids = frozenset(p.kabupaten_id for p in daftar_p)
    # The home page asks twice (work inbox and deadline card): once per GET request.
    sendiri = ingat(
        ("tanggal_sendiri", tahun, kab_ids),
        lambda: tanggal_sendiri(tahun=tahun, kabupaten_ids=kab_ids),
    )
    kejadian_jenis = [(t, kejadian_halaman(t, tahun, hari_ini)) for t in jenis]
    # The kinds that give their read: all in one UNION ALL; the others one query each.
    gabung = [(t, k) for t, k in kejadian_jenis if t.kueri_selesai is not None]
    selesai_gabung = dict(
        zip(
            (t.kode for t, _ in gabung),
            ingat(
                ("tenggat_selesai_gabungan", tuple(gabung), frozenset(ids)),
                lambda: td.selesai_gabungan(ids, gabung),
            ),
            strict=True,
        )
    )
    per_jenis = []
    for t, kejadian in kejadian_jenis:
        if t.kode in selesai_gabung:
            selesai = selesai_gabung[t.kode]
        else:
            selesai = ingat(
                ("tenggat_selesai", t.kode, kejadian, frozenset(ids)),
                lambda t=t, kejadian=kejadian: t.selesai(ids, kejadian),
            )
        per_jenis.append((t, kejadian, sendiri.get((t.kode, kejadian.kode), {}), selesai))
    hasil = []
    for p in daftar_p:
        baris = []
        for t, kejadian, kab_sendiri, selesai in per_jenis:
            batas = kab_sendiri.get(p.kabupaten_id, kejadian.batas)
            baris.append(
                TenggatJenis(
                    tenggat=t,
                    kejadian=kejadian,
                    keadaan=keadaan_tenggat(
                        batas=batas, selesai_pada=selesai.get(p.pk), hari_ini=hari_ini
                    ),
                    puskesmas_id=p.pk,
                )
            )
        hasil.append(TenggatPuskesmas(puskesmas=p, jenis=baris))
    return hasil


@dataclass(frozen=True)
class KelompokKepatuhan:
    """The counts of one kind at the top of the compliance table."""

    kode: str
    judul: str
    batas: date
    ringkasan: Ringkasan


@dataclass(frozen=True)
class Kepatuhan:
    """The Dinkes compliance table of one kabupaten for one year: every registered kind."""

    kabupaten: Kabupaten
    tahun: int
    baris: list[TenggatPuskesmas]
    kelompok: list[KelompokKepatuhan]


def kepatuhan_kabupaten(
    *,
    kabupaten: Kabupaten,
    tahun: int,
    puskesmas: Iterable[Puskesmas] | None = None,
    hari_ini: date | None = None,
) -> Kepatuhan:
    """Every Puskesmas of ``kabupaten``: was each registered kind done on time, late, or not yet.

    ``puskesmas`` lets a page pass the list it already loaded (scoped to the user); else the
    kabupaten's Puskesmas are read here. Queries: 2 + one per kind.
    """
    hari_ini = hari_ini or timezone.localdate()
    if puskesmas is None:
        puskesmas = Puskesmas.objects.filter(kabupaten=kabupaten).select_related("kecamatan")
        puskesmas = puskesmas.order_by("kecamatan__nama", "nama")
    baris = tenggat_puskesmas(puskesmas=puskesmas, tahun=tahun, hari_ini=hari_ini)
    jenis = td.semua()
    if baris:  # the Puskesmas of one kabupaten share its due dates
        batas = [j.keadaan.batas for j in baris[0].jenis]
        kejadian = [j.kejadian for j in baris[0].jenis]
    else:
        kejadian = [kejadian_halaman(t, tahun, hari_ini) for t in jenis]
        sendiri = tanggal_sendiri(tahun=tahun, kabupaten_ids=[kabupaten.pk])
        batas = [sendiri.get((k.jenis, k.kode), {}).get(kabupaten.pk, k.batas) for k in kejadian]
    kelompok = [
        KelompokKepatuhan(
            kode=t.kode,
            judul=t.judul(k),
            batas=b,
            ringkasan=ringkas([r.jenis[i].keadaan for r in baris]),
        )
        for i, (t, k, b) in enumerate(zip(jenis, kejadian, batas, strict=True))
    ]
    return Kepatuhan(kabupaten=kabupaten, tahun=tahun, baris=baris, kelompok=kelompok)


@dataclass(frozen=True)
class RingkasanKabupaten:
    """One kabupaten on the Dinkes home page: the counts of each kind."""

    kabupaten: Kabupaten
    kelompok: list[KelompokKepatuhan]


def ringkasan_kabupaten(
    *, kabupaten: Iterable[Kabupaten], puskesmas: Iterable[Puskesmas], tahun: int, hari_ini=None
) -> list[RingkasanKabupaten]:
    """The compliance counts of several kabupaten at once (the Dinkes home page): the
    Puskesmas are the caller's (scoped) list; queries as ``tenggat_puskesmas``."""
    hari_ini = hari_ini or timezone.localdate()
    per_kab: dict[int, list[TenggatPuskesmas]] = defaultdict(list)
    for b in tenggat_puskesmas(puskesmas=puskesmas, tahun=tahun, hari_ini=hari_ini):
        per_kab[b.puskesmas.kabupaten_id].append(b)
    hasil = []
    for kab in kabupaten:
        baris = per_kab.get(kab.pk, [])
        if not baris:
            continue
        hasil.append(
            RingkasanKabupaten(
                kabupaten=kab,
                kelompok=[
                    KelompokKepatuhan(
                        kode=j.kode,
                        judul=j.judul,
                        batas=j.keadaan.batas,
                        ringkasan=ringkas([r.jenis[i].keadaan for r in baris]),
                    )
                    for i, j in enumerate(baris[0].jenis)
                ],
            )
        )
    return hasil


def riwayat_tenggat(*, kabupaten: Kabupaten, batas: int = 20):
    """The latest changes to the kabupaten's own due dates (any year), newest first."""
    return (
        TenggatKabupaten.history.filter(kabupaten_id=kabupaten.pk)
        .select_related("history_user")
        .order_by("-history_date")[:batas]
    )


def label_jenis(kode: str) -> str:
    """A kind's label for history lines; the code when no app registers it any more."""
    try:
        return td.ambil(kode).label
    except ValueError:
        return kode


# Due dates this close (in days) join the work inbox before they are overdue: two weeks,
# so the first reminder (H-7) is never the first the responsible people hear of it.
SEGERA_HARI = 14


def kotak_masuk_tenggat(konteks: km.Konteks) -> list[km.Butir]:
    """Work-inbox items of the deadline registry: every kind overdue, due today or due within
    ``SEGERA_HARI`` at the user's Puskesmas, for the kinds that remind this user (the kind's
    ``penerima``). Queries: one for the Puskesmas, the ``tenggat_puskesmas`` reads, and one
    ``penerima`` read for the kinds with an open item (shared by the role-based ones within a
    GET request); none for a user without a Puskesmas."""
    ids = konteks.lingkup.puskesmas_ids()
    if not ids:
        return []
    daftar_p = konteks.puskesmas
    baris = tenggat_puskesmas(puskesmas=daftar_p, tahun=konteks.tahun, hari_ini=konteks.hari_ini)
    terbuka: dict[str, list[tuple[Puskesmas, TenggatJenis]]] = defaultdict(list)
    for b in baris:
        for j in b.jenis:
            k = j.keadaan
            segera = k.sisa_hari is not None and k.sisa_hari <= SEGERA_HARI
            if k.status == StatusTenggat.TERLAMBAT or segera:
                terbuka[j.kode].append((b.puskesmas, j))
    hasil = []
    for daftar_terbuka in terbuka.values():
        tenggat, kejadian = daftar_terbuka[0][1].tenggat, daftar_terbuka[0][1].kejadian
        # Asked for all the user's Puskesmas, not only the open ones: the same question
        # for every kind, answered by one read (``penerima_peran`` shares it per request).
        penerima = tenggat.penerima(ids, kejadian)
        for p, j in daftar_terbuka:
            if not any(u.pk == konteks.user.pk for u in penerima.get(p.pk, [])):
                continue
            hasil.append(
                km.Butir(
                    label=f"{j.judul} {konteks.tahun} Puskesmas {p.nama}",
                    url=j.tautan or "",
                    batas=j.keadaan.batas,
                    terlambat=j.keadaan.status == StatusTenggat.TERLAMBAT,
                    prioritas=km.PRIORITAS_TINGGI,
                    keterangan=j.keadaan.keterangan,
                )
            )
    return hasil
