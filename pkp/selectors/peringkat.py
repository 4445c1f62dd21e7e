"""Reads of the ranking: the Puskesmas of a kabupaten ranked into groups for a year, the
comparison with the year before, and the national counts per group.

Only set assessments (``ditetapkan``) are ranked, and only from the result kept on them
(``PenilaianPKP.hasil`` read back by ``hitung.dari_ringkas``), never from their item rows:
the kabupaten page runs the same few queries whatever the number of Puskesmas, indicators
and variables. Columns come from the kabupaten's instrument of the year: one per
klaster/programme of kinerja pelayanan and one per component of kinerja manajemen. Last
year's branches are matched to this year's columns by name (klaster/programme) and by code
(component), since each year's instrument is a copy with rows of its own.

Sorting and filtering (``urutkan``, ``saring``) work on the rows already read, so the page
stays bounded in queries whatever the user asks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Kabupaten, Puskesmas

from .. import scoring
from ..models import Instrumen, KelompokPelayanan, KomponenManajemen, PenilaianPKP
from . import hitung

BELUM_DIBUKA = "belum_dibuka"  # status of a Puskesmas without an assessment for the year
LABEL_BELUM_DIBUKA = "Belum mengisi"
LABEL_STATUS = {**dict(StatusAlur.choices), BELUM_DIBUKA: LABEL_BELUM_DIBUKA}


@dataclass(frozen=True)
class KolomCabang:
    """One branch column: a klaster/programme (``pelayanan``) or a component (``manajemen``)."""

    kunci: str  # the key in ``PenilaianPKP.hasil`` (the row's pk as text)
    cocok: str  # what matches it in another year's instrument (name or code)
    label: str
    aspek: str  # "pelayanan" or "manajemen"

    @property
    def kode_urut(self) -> str:
        """The sort key of this column in the page's query string."""
        return f"{self.aspek[0]}{self.kunci}"


@dataclass
class Nilai:
    """The values of one set assessment, as the ranking shows them."""

    kelompok: scoring.Kelompok | None
    pelayanan: Decimal | None
    manajemen: Decimal | None
    mutu: Decimal | None
    kelompok_pelayanan: scoring.Kelompok | None
    kelompok_manajemen: scoring.Kelompok | None
    kelompok_mutu: scoring.Kelompok | None
    mutu_dihitung: bool
    cabang_pelayanan: list[Decimal | None]  # aligned with the year's pelayanan columns
    cabang_manajemen: list[Decimal | None]


@dataclass
class BarisPeringkat:
    puskesmas: Puskesmas
    penilaian_pk: int | None
    status: str  # a StatusAlur value or BELUM_DIBUKA
    nomor: int | None = None  # rank inside the group (set assessments only)
    nilai: Nilai | None = None  # set assessments only
    lalu: Nilai | None = None  # the set assessment of the year before, if any
    urutan: int = 0  # position in the ranking (1-based), the default sort

    @property
    def status_label(self) -> str:
        return LABEL_STATUS.get(self.status, self.status)

    @property
    def ditetapkan(self) -> bool:
        return self.nilai is not None

    @property
    def kelompok(self) -> scoring.Kelompok | None:
        return self.nilai.kelompok if self.nilai else None

    @property
    def kelompok_lalu(self) -> scoring.Kelompok | None:
        return self.lalu.kelompok if self.lalu else None

    @property
    def perubahan_kelompok(self) -> int | None:
        """Groups moved up (positive: better, e.g. III → II is 1), None without both."""
        if self.kelompok is None or self.kelompok_lalu is None:
            return None
        return int(self.kelompok_lalu) - int(self.kelompok)

    def _selisih(self, nama: str) -> Decimal | None:
        if self.nilai is None or self.lalu is None:
            return None
        kini, dulu = getattr(self.nilai, nama), getattr(self.lalu, nama)
        if kini is None or dulu is None:
            return None
        return kini - dulu

    @property
    def selisih_pelayanan(self) -> Decimal | None:
        return self._selisih("pelayanan")

    @property
    def selisih_manajemen(self) -> Decimal | None:
        return self._selisih("manajemen")

    @property
    def selisih_mutu(self) -> Decimal | None:
        return self._selisih("mutu")


@dataclass
class PeringkatKabupaten:
    kabupaten: Kabupaten
    tahun: int
    instrumen: Instrumen | None
    kolom_pelayanan: list[KolomCabang]
    kolom_manajemen: list[KolomCabang]
    ambang: dict[scoring.Aspek, scoring.AmbangKelompok] | None
    ditetapkan: list[BarisPeringkat] = field(default_factory=list)  # in rank order
    belum: list[BarisPeringkat] = field(default_factory=list)  # by name

    @property
    def semua(self) -> list[BarisPeringkat]:
        return self.ditetapkan + self.belum

    def jumlah_kelompok(self) -> dict[int | None, int]:
        hasil: dict[int | None, int] = {1: 0, 2: 0, 3: 0, None: 0}
        for b in self.ditetapkan:
            hasil[None if b.kelompok is None else int(b.kelompok)] += 1
        return hasil


def _kolom(instrumen_pk: int | None, kelompok, komponen) -> tuple[list, list]:
    pel = [
        KolomCabang(str(k.pk), k.nama.casefold(), k.nama, "pelayanan")
        for k in kelompok
        if k.instrumen_id == instrumen_pk
    ]
    man = [
        KolomCabang(str(k.pk), k.kode, f"{k.kode} {k.nama}", "manajemen")
        for k in komponen
        if k.instrumen_id == instrumen_pk
    ]
    return pel, man


def _nilai(
    penilaian: PenilaianPKP,
    kolom_pel: list[KolomCabang],
    kolom_man: list[KolomCabang],
    cocok_lalu: dict[str, dict[str, str]] | None = None,
) -> tuple[Nilai, scoring.HasilPuskesmas]:
    """The values kept on a set assessment, branches aligned with ``kolom_*``. For last
    year's assessment ``cocok_lalu`` maps, per aspect, its branch keys to the names/codes
    of this year's columns."""
    hasil = hitung.dari_ringkas(penilaian.puskesmas.kode, penilaian.hasil)

    def cabang(aspek: scoring.HasilAspek | None, kolom: list[KolomCabang]):
        nilai = {c.id: c.nilai for c in aspek.cabang} if aspek else {}
        if cocok_lalu is not None:
            peta = cocok_lalu[kolom[0].aspek] if kolom else {}
            nilai = {peta.get(k): v for k, v in nilai.items()}
            return [nilai.get(k.cocok) for k in kolom]
        return [nilai.get(k.kunci) for k in kolom]

    mutu = hasil.mutu
    return (
        Nilai(
            kelompok=hasil.kelompok,
            pelayanan=hasil.pelayanan.nilai if hasil.pelayanan else None,
            manajemen=hasil.manajemen.nilai if hasil.manajemen else None,
            mutu=mutu.nilai if mutu else None,
            kelompok_pelayanan=hasil.pelayanan.kelompok if hasil.pelayanan else None,
            kelompok_manajemen=hasil.manajemen.kelompok if hasil.manajemen else None,
            kelompok_mutu=mutu.kelompok if mutu else None,
            mutu_dihitung=hasil.mutu_dihitung,
            cabang_pelayanan=cabang(hasil.pelayanan, kolom_pel),
            cabang_manajemen=cabang(hasil.manajemen, kolom_man),
        ),
        hasil,
    )


def peringkat_kabupaten(
    *, kabupaten: Kabupaten, tahun: int, puskesmas: Puskesmas | None = None
) -> PeringkatKabupaten:
    """Every Puskesmas of ``kabupaten`` for ``tahun``: the set assessments ranked (group,
    then order inside it), the others apart with their status. Five queries. With
    ``puskesmas``, that one alone (its own result page: no rank among the others)."""
    instrumen = {
        i.tahun: i
        for i in Instrumen.objects.filter(kabupaten=kabupaten, tahun__in=[tahun, tahun - 1])
    }
    kini, lalu = instrumen.get(tahun), instrumen.get(tahun - 1)
    ids = [i.pk for i in instrumen.values()]
    kelompok = list(KelompokPelayanan.objects.filter(instrumen_id__in=ids))
    komponen = list(KomponenManajemen.objects.filter(instrumen_id__in=ids))
    kolom_pel, kolom_man = _kolom(kini.pk if kini else None, kelompok, komponen)
    # Last year's branch keys → the name/code that matches this year's columns.
    # (Kept per aspect: the pks of the two tables overlap.)
    cocok_lalu = {
        "pelayanan": {
            str(k.pk): k.nama.casefold() for k in kelompok if lalu and k.instrumen_id == lalu.pk
        },
        "manajemen": {str(k.pk): k.kode for k in komponen if lalu and k.instrumen_id == lalu.pk},
    }

    qs_puskesmas = Puskesmas.objects.filter(kabupaten=kabupaten)
    qs_penilaian = PenilaianPKP.objects.filter(
        puskesmas__kabupaten=kabupaten, tahun__in=[tahun, tahun - 1]
    )
    if puskesmas is not None:
        qs_puskesmas = qs_puskesmas.filter(pk=puskesmas.pk)
        qs_penilaian = qs_penilaian.filter(puskesmas=puskesmas)
    daftar_puskesmas = list(qs_puskesmas.select_related("kecamatan").order_by("nama", "pk"))
    penilaian = {
        (p.puskesmas_id, p.tahun): p
        for p in qs_penilaian.only(
            "pk", "puskesmas_id", "tahun", "status", "hasil", "kelompok", "instrumen_id"
        )
    }
    hasil = PeringkatKabupaten(
        kabupaten=kabupaten,
        tahun=tahun,
        instrumen=kini,
        kolom_pelayanan=kolom_pel,
        kolom_manajemen=kolom_man,
        ambang=hitung.ambang(kini) if kini else None,
    )
    baris_per_kode: dict[str, BarisPeringkat] = {}
    hasil_set: list[scoring.HasilPuskesmas] = []
    for p in daftar_puskesmas:
        ini = penilaian.get((p.pk, tahun))
        dulu = penilaian.get((p.pk, tahun - 1))
        baris = BarisPeringkat(
            puskesmas=p,
            penilaian_pk=ini.pk if ini else None,
            status=ini.status if ini else BELUM_DIBUKA,
        )
        if dulu is not None and dulu.status == StatusAlur.DITETAPKAN and dulu.hasil:
            dulu.puskesmas = p
            baris.lalu, _ = _nilai(dulu, kolom_pel, kolom_man, cocok_lalu)
        if ini is not None and ini.status == StatusAlur.DITETAPKAN and ini.hasil:
            ini.puskesmas = p
            baris.nilai, h = _nilai(ini, kolom_pel, kolom_man)
            hasil_set.append(h)
            baris_per_kode[p.kode] = baris
        else:
            hasil.belum.append(baris)
    for urutan, r in enumerate(scoring.peringkat(hasil_set), start=1):
        baris = baris_per_kode[r.hasil.id]
        baris.nomor, baris.urutan = r.nomor, urutan
        hasil.ditetapkan.append(baris)
    return hasil


# --- sorting and filtering on the page (no queries) ---------------------------------------

URUT_TETAP = {
    "peringkat": lambda b: b.urutan,
    "nama": lambda b: b.puskesmas.nama.casefold(),
    "kelompok": lambda b: b.kelompok,
    "pelayanan": lambda b: b.nilai.pelayanan if b.nilai else None,
    "manajemen": lambda b: b.nilai.manajemen if b.nilai else None,
    "mutu": lambda b: b.nilai.mutu if b.nilai else None,
    "kelompok_lalu": lambda b: b.kelompok_lalu,
    "perubahan": lambda b: b.perubahan_kelompok,
    "status": lambda b: b.status,
}


def _ambil(peringkat: PeringkatKabupaten, urut: str):
    if urut in URUT_TETAP:
        return URUT_TETAP[urut]
    for i, k in enumerate(peringkat.kolom_pelayanan):
        if k.kode_urut == urut:
            return lambda b, i=i: b.nilai.cabang_pelayanan[i] if b.nilai else None
    for i, k in enumerate(peringkat.kolom_manajemen):
        if k.kode_urut == urut:
            return lambda b, i=i: b.nilai.cabang_manajemen[i] if b.nilai else None
    return None


def urutkan(
    peringkat: PeringkatKabupaten, baris: list[BarisPeringkat], urut: str, turun: bool
) -> list[BarisPeringkat]:
    """``baris`` sorted by the column ``urut`` (a key of ``URUT_TETAP`` or a branch column's
    ``kode_urut``); rows without a value last in both directions; ties keep the rank order.
    An unknown column leaves the order as it is."""
    ambil = _ambil(peringkat, urut)
    if ambil is None:
        return list(baris)
    ada = [b for b in baris if ambil(b) is not None]
    tanpa = [b for b in baris if ambil(b) is None]
    return sorted(ada, key=ambil, reverse=turun) + tanpa


def saring(
    baris: list[BarisPeringkat], *, kelompok: str = "", status: str = "", nama: str = ""
) -> list[BarisPeringkat]:
    """Rows matching every filter given: ``kelompok`` "1"/"2"/"3", or "0" for a set
    assessment without a group; ``status`` a status value; ``nama`` part of the name or
    code of the Puskesmas (case-insensitive)."""
    hasil = list(baris)
    if kelompok in {"1", "2", "3"}:
        hasil = [b for b in hasil if b.kelompok is not None and int(b.kelompok) == int(kelompok)]
    elif kelompok == "0":
        hasil = [b for b in hasil if b.ditetapkan and b.kelompok is None]
    if status:
        hasil = [b for b in hasil if b.status == status]
    cari = nama.strip().casefold()
    if cari:
        hasil = [
            b
            for b in hasil
            if cari in b.puskesmas.nama.casefold() or cari in b.puskesmas.kode.casefold()
        ]
    return hasil


# --- national counts ------------------------------------------------------------------------


def rekap_nasional(*, tahun: int):
    """Every kabupaten with its number of Puskesmas, of set assessments per group (and set
    without a group), and of assessments submitted; one GROUP BY query whatever the number
    of kabupaten. Each Puskesmas has at most one assessment per year, so counting the
    joined assessment rows of the year counts Puskesmas."""
    ditetapkan = Q(
        puskesmas__penilaianpkp__tahun=tahun,
        puskesmas__penilaianpkp__status=StatusAlur.DITETAPKAN,
    )
    jalur = "puskesmas__penilaianpkp"
    return (
        Kabupaten.objects.annotate(
            jumlah_puskesmas=Count("puskesmas", distinct=True),
            kelompok_1=Count(jalur, filter=ditetapkan & Q(puskesmas__penilaianpkp__kelompok=1)),
            kelompok_2=Count(jalur, filter=ditetapkan & Q(puskesmas__penilaianpkp__kelompok=2)),
            kelompok_3=Count(jalur, filter=ditetapkan & Q(puskesmas__penilaianpkp__kelompok=3)),
            tanpa_kelompok=Count(
                jalur, filter=ditetapkan & Q(puskesmas__penilaianpkp__kelompok__isnull=True)
            ),
            jumlah_ditetapkan=Count(jalur, filter=ditetapkan),
            jumlah_diajukan=Count(
                jalur,
                filter=Q(
                    puskesmas__penilaianpkp__tahun=tahun,
                    puskesmas__penilaianpkp__status=StatusAlur.DIAJUKAN,
                ),
            ),
        )
        .select_related("provinsi")
        .order_by("provinsi__nama", "nama")
    )


# --- charts -----------------------------------------------------------------------------

WARNA_KELOMPOK = {1: "baik", 2: "cukup", 3: "kurang"}


def _tahun(tahun: int) -> str:
    return str(int(tahun))


def grafik_kabupaten(peringkat: PeringkatKabupaten) -> str:
    """Bar chart of the kabupaten: each ranked Puskesmas's kinerja pelayanan, coloured by
    its overall group, with the year's pelayanan thresholds as reference lines."""
    from puskesmas.alat import grafik

    batang = [
        grafik.Batang(
            b.puskesmas.nama,
            b.nilai.pelayanan,
            WARNA_KELOMPOK.get(None if b.kelompok is None else int(b.kelompok), "netral"),
        )
        for b in peringkat.ditetapkan
    ]
    acuan = []
    if peringkat.ambang:
        a = peringkat.ambang[scoring.Aspek.PELAYANAN]
        acuan = [
            grafik.Acuan(a.baik, f"Baik {scoring.tampil(a.baik)}".replace(".", ",")),
            grafik.Acuan(a.cukup, f"Cukup {scoring.tampil(a.cukup)}".replace(".", ",")),
        ]
    return grafik.grafik_batang(
        batang,
        judul=(
            f"Kinerja pelayanan Puskesmas {peringkat.kabupaten.nama} "
            f"tahun {_tahun(peringkat.tahun)}"
        ),
        maks=100,
        acuan=acuan,
    )


SKALA_MANAJEMEN = Decimal(10)  # management 0–10 drawn on the 0–100 scale of coverage


def grafik_puskesmas(peringkat: PeringkatKabupaten, baris: BarisPeringkat) -> str:
    """Radar chart of one Puskesmas: coverage per klaster/programme and each management
    component ×10, this year against last year."""
    from puskesmas.alat import grafik

    def skala(label: str) -> str:
        # Shortened here, so the chart's own shortening never cuts the scale off.
        return (label if len(label) <= 21 else label[:20] + "…") + " (×10)"

    sumbu = [k.label for k in peringkat.kolom_pelayanan] + [
        skala(k.label) for k in peringkat.kolom_manajemen
    ]

    def nilai(n: Nilai | None) -> list:
        if n is None:
            return [None] * len(sumbu)
        return list(n.cabang_pelayanan) + [
            None if v is None else v * SKALA_MANAJEMEN for v in n.cabang_manajemen
        ]

    seri = [grafik.Seri(f"Tahun {_tahun(peringkat.tahun)}", nilai(baris.nilai))]
    if baris.lalu is not None:
        seri.append(grafik.Seri(f"Tahun {_tahun(peringkat.tahun - 1)}", nilai(baris.lalu)))
    return grafik.grafik_radar(
        sumbu, seri, judul=f"Profil kinerja {baris.puskesmas.nama}", maks=100
    )
