"""Reads of the Dinkes verification: the kabupaten's list, one assessment item by item
with its evidence and history, and the contents of the umpan balik and the laporan.

Every read runs a fixed number of queries, whatever the number of Puskesmas, items or
history rows (the tests assert it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, Q

from puskesmas.alat.alur import StatusAlur
from puskesmas.models import RTL, JejakAlur, Puskesmas

from .. import saran_daftar, scoring
from ..models import (
    BuktiPKP,
    KelompokPelayanan,
    KomponenManajemen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    StatusVerifikasi,
)
from . import hitung
from .instrumen import pohon

BELUM_DIBUKA = "Belum dibuka"

# --- the kabupaten's list ---------------------------------------------------------------


@dataclass(frozen=True)
class BarisDaftar:
    puskesmas: Puskesmas
    penilaian: PenilaianPKP | None
    diajukan_pada: object  # datetime of the last submission, or None
    terverifikasi: int
    jumlah_butir: int

    @property
    def status_label(self) -> str:
        return BELUM_DIBUKA if self.penilaian is None else self.penilaian.get_status_display()

    @property
    def status(self) -> str:
        return "belum_dibuka" if self.penilaian is None else self.penilaian.status


def _hitung_butir(ids: list[int]) -> dict[int, tuple[int, int]]:
    """(verified, total) items per assessment, over the three kinds of rows."""
    hasil: dict[int, list[int]] = {pk: [0, 0] for pk in ids}
    for model in (NilaiPelayanan, NilaiManajemen, NilaiMutu):
        for row in (
            model.objects.filter(penilaian_id__in=ids)
            .values("penilaian_id")
            .annotate(
                total=Count("pk"),
                selesai=Count("pk", filter=~Q(status_verifikasi=StatusVerifikasi.BELUM)),
            )
        ):
            hasil[row["penilaian_id"]][0] += row["selesai"]
            hasil[row["penilaian_id"]][1] += row["total"]
    return {pk: (a, b) for pk, (a, b) in hasil.items()}


def daftar_kabupaten(*, kabupaten, tahun: int) -> list[BarisDaftar]:
    """Every Puskesmas of ``kabupaten`` with its assessment of ``tahun`` (or none yet),
    the date it was last submitted and how many of its items are verified. Six queries."""
    puskesmas = list(
        Puskesmas.objects.filter(kecamatan__kabupaten=kabupaten)
        .select_related("kecamatan")
        .order_by("nama")
    )
    penilaian = {
        p.puskesmas_id: p for p in PenilaianPKP.objects.filter(puskesmas__in=puskesmas, tahun=tahun)
    }
    ids = [p.pk for p in penilaian.values()]
    diajukan = dict(
        JejakAlur.objects.filter(
            content_type=ContentType.objects.get_for_model(PenilaianPKP),
            object_id__in=ids,
            langkah="ajukan",
        )
        .values("object_id")
        .annotate(terakhir=Max("waktu"))
        .values_list("object_id", "terakhir")
    )
    butir = _hitung_butir(ids)
    baris = []
    for p in puskesmas:
        nilai = penilaian.get(p.pk)
        selesai, total = butir.get(nilai.pk, (0, 0)) if nilai else (0, 0)
        baris.append(
            BarisDaftar(
                puskesmas=p,
                penilaian=nilai,
                diajukan_pada=diajukan.get(nilai.pk) if nilai else None,
                terverifikasi=selesai,
                jumlah_butir=total,
            )
        )
    return baris


# --- one assessment, item by item -------------------------------------------------------

FIELD_RIWAYAT = {
    NilaiPelayanan: (
        "capaian",
        "sumber",
        "keterangan_sumber",
        "status_verifikasi",
        "capaian_verifikasi",
        "catatan_verifikasi",
    ),
    NilaiMutu: (
        "capaian",
        "sumber",
        "keterangan_sumber",
        "status_verifikasi",
        "capaian_verifikasi",
        "catatan_verifikasi",
    ),
    NilaiManajemen: (
        "skor",
        "catatan",
        "status_verifikasi",
        "skor_verifikasi",
        "catatan_verifikasi",
    ),
}


@dataclass(frozen=True)
class Perubahan:
    label: str
    lama: object
    baru: object


@dataclass(frozen=True)
class Riwayat:
    waktu: object
    oleh: object
    alasan: str
    perubahan: tuple[Perubahan, ...]


def _tampil(model, nama: str, nilai):
    f = model._meta.get_field(nama)
    if f.choices and nilai not in (None, ""):
        return dict(f.choices).get(nilai, nilai)
    return "—" if nilai in (None, "") else nilai


def riwayat(model, penilaian: PenilaianPKP) -> dict[int, list[Riwayat]]:
    """Changes of every row of ``model`` in ``penilaian``, newest first, keyed by row pk:
    who, when, and each relevant field's old and new value. One query."""
    nama_field = FIELD_RIWAYAT[model]
    catatan = (
        model.history.filter(penilaian_id=penilaian.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    hasil: dict[int, list[Riwayat]] = {}
    sebelum: dict[int, object] = {}
    for h in catatan:
        lama = sebelum.get(h.id)
        sebelum[h.id] = h
        if lama is None:
            continue
        beda = tuple(
            Perubahan(
                str(model._meta.get_field(n).verbose_name),
                _tampil(model, n, getattr(lama, n)),
                _tampil(model, n, getattr(h, n)),
            )
            for n in nama_field
            if getattr(lama, n) != getattr(h, n)
        )
        if beda:
            hasil.setdefault(h.id, []).insert(
                0, Riwayat(h.history_date, h.history_user, h.history_change_reason or "", beda)
            )
    return hasil


@dataclass
class Bagian:
    """One part of the page: a klaster/programme, a component, or mutu, with its rows."""

    kunci: str  # what ``verifikasi_setujui_semua`` takes: "pelayanan:3", "manajemen:7", "mutu"
    judul: str
    baris: list = field(default_factory=list)

    @property
    def belum(self) -> int:
        return sum(1 for b in self.baris if b.status_verifikasi == StatusVerifikasi.BELUM)


@dataclass
class Rincian:
    penilaian: PenilaianPKP
    pelayanan: list[Bagian]
    manajemen: list[Bagian]
    mutu: Bagian

    @property
    def semua_bagian(self) -> list[Bagian]:
        return [*self.pelayanan, *self.manajemen, self.mutu]

    @property
    def belum(self) -> int:
        return sum(b.belum for b in self.semua_bagian)

    @property
    def jumlah(self) -> int:
        return sum(len(b.baris) for b in self.semua_bagian)


def rincian(penilaian: PenilaianPKP) -> Rincian:
    """Every item of ``penilaian`` grouped as the instrument is, each with its history
    (``.riwayat``) and, for management variables, its evidence (``.bukti``)."""
    tree = pohon(penilaian.instrumen)
    pel = list(
        NilaiPelayanan.objects.filter(penilaian=penilaian).select_related(
            "indikator", "diverifikasi_oleh"
        )
    )
    man = list(
        NilaiManajemen.objects.filter(penilaian=penilaian)
        .select_related("variabel", "diverifikasi_oleh")
        .prefetch_related(Prefetch("bukti", queryset=BuktiPKP.objects.select_related("dokumen")))
    )
    mut = list(
        NilaiMutu.objects.filter(penilaian=penilaian).select_related(
            "indikator", "diverifikasi_oleh"
        )
    )
    for model, rows in ((NilaiPelayanan, pel), (NilaiManajemen, man), (NilaiMutu, mut)):
        r = riwayat(model, penilaian)
        for b in rows:
            b.riwayat = r.get(b.pk, [])
    per_kelompok: dict[int, list] = {}
    for b in pel:
        per_kelompok.setdefault(b.indikator.kelompok_id, []).append(b)
    per_komponen: dict[int, list] = {}
    for b in man:
        per_komponen.setdefault(b.variabel.komponen_id, []).append(b)
    return Rincian(
        penilaian=penilaian,
        pelayanan=[
            Bagian(f"pelayanan:{k.pk}", k.nama, per_kelompok.get(k.pk, [])) for k in tree.kelompok
        ],
        manajemen=[
            Bagian(f"manajemen:{k.pk}", f"{k.kode} {k.nama}", per_komponen.get(k.pk, []))
            for k in tree.komponen
        ],
        mutu=Bagian("mutu", "Mutu pelayanan", mut),
    )


# --- umpan balik and laporan ------------------------------------------------------------

JUMLAH_TERLEMAH = 5


@dataclass(frozen=True)
class Koreksi:
    aspek: str
    kode: str
    nama: str
    nilai_puskesmas: object
    nilai_verifikasi: object
    catatan: str


@dataclass(frozen=True)
class Terlemah:
    aspek: str
    kode: str
    nama: str
    nilai: Decimal  # coverage (0–100) of an indicator, score (0–10) of a variable
    satuan: str
    alasan_saran: str = ""  # what the records suggest (variables with a rule)
    jenis: str = ""  # the row's kind: "pelayanan", "manajemen" or "mutu"
    baris_id: int | None = None  # the NilaiPelayanan / NilaiManajemen / NilaiMutu row


@dataclass
class UmpanBalik:
    penilaian: PenilaianPKP
    hasil: scoring.HasilPuskesmas
    koreksi: list[Koreksi]
    variabel_terlemah: list[Terlemah]
    indikator_terlemah: list[Terlemah]
    tanpa_aturan: list[str]  # weak variables the suggestion registry has no rule for

    @property
    def ditetapkan(self) -> bool:
        return self.penilaian.status == StatusAlur.DITETAPKAN


def _label_kelompok(k) -> str:
    return "Belum dapat ditentukan" if k is None else scoring.Kelompok(k).label


def _nilai_daun(aspek: scoring.HasilAspek | None) -> dict:
    if aspek is None:
        return {}
    return {d.id: d for c in aspek.cabang for d in c.isi if isinstance(d, scoring.HasilIndikator)}


@dataclass
class Data:
    """What both documents read: the rows with their instrument items and the result."""

    tree: object
    pel: list
    man: list
    mut: list
    hasil: scoring.HasilPuskesmas


def _data(penilaian: PenilaianPKP) -> Data:
    tree = pohon(penilaian.instrumen)
    pel = list(NilaiPelayanan.objects.filter(penilaian=penilaian).select_related("indikator"))
    man = list(
        NilaiManajemen.objects.filter(penilaian=penilaian).select_related("variabel__komponen")
    )
    mut = list(NilaiMutu.objects.filter(penilaian=penilaian).select_related("indikator"))
    hasil = hitung.hitung(
        penilaian.instrumen,
        tree,
        id=penilaian.puskesmas.kode,
        capaian_pelayanan={b.indikator_id: b.capaian_akhir for b in pel},
        skor_manajemen={b.variabel_id: b.skor_akhir for b in man},
        capaian_mutu={b.indikator_id: b.capaian_akhir for b in mut},
    )
    return Data(tree, pel, man, mut, hasil)


def _umpan_balik(penilaian: PenilaianPKP, data: Data) -> UmpanBalik:
    dikoreksi = StatusVerifikasi.DIKOREKSI
    koreksi = [
        Koreksi(
            "Kinerja pelayanan",
            b.indikator.kode,
            b.indikator.nama,
            b.capaian,
            b.capaian_verifikasi,
            b.catatan_verifikasi,
        )
        for b in data.pel
        if b.status_verifikasi == dikoreksi
    ]
    koreksi += [
        Koreksi(
            "Kinerja manajemen",
            b.variabel.kode,
            b.variabel.nama,
            b.skor,
            b.skor_verifikasi,
            b.catatan_verifikasi,
        )
        for b in data.man
        if b.status_verifikasi == dikoreksi
    ]
    koreksi += [
        Koreksi(
            "Mutu pelayanan",
            b.indikator.kode,
            b.indikator.nama,
            b.capaian,
            b.capaian_verifikasi,
            b.catatan_verifikasi,
        )
        for b in data.mut
        if b.status_verifikasi == dikoreksi
    ]
    variabel = sorted(
        (b for b in data.man if b.skor_akhir is not None and b.skor_akhir < 10),
        key=lambda b: (b.skor_akhir, b.variabel.komponen.urutan, b.variabel.urutan, b.pk),
    )[:JUMLAH_TERLEMAH]
    kode_lemah = [b.variabel.kode for b in variabel]
    saran = saran_daftar.saran_untuk(
        puskesmas=penilaian.puskesmas, tahun=penilaian.tahun, kode=kode_lemah
    )
    variabel_terlemah = [
        Terlemah(
            "Kinerja manajemen",
            b.variabel.kode,
            b.variabel.nama,
            Decimal(b.skor_akhir),
            "",
            saran[b.variabel.kode].alasan if b.variabel.kode in saran else "",
            "manajemen",
            b.pk,
        )
        for b in variabel
    ]
    indikator = []
    for aspek, label, jenis, rows in (
        (data.hasil.pelayanan, "Kinerja pelayanan", "pelayanan", data.pel),
        (data.hasil.mutu, "Mutu pelayanan", "mutu", data.mut),
    ):
        daun = _nilai_daun(aspek)
        for b in rows:
            d = daun.get(b.indikator_id)
            if d is not None and d.nilai is not None and d.nilai < 100:
                indikator.append(
                    Terlemah(
                        label,
                        b.indikator.kode,
                        b.indikator.nama,
                        d.nilai,
                        "%",
                        jenis=jenis,
                        baris_id=b.pk,
                    )
                )
    indikator.sort(key=lambda t: t.nilai)
    return UmpanBalik(
        penilaian=penilaian,
        hasil=data.hasil,
        koreksi=koreksi,
        variabel_terlemah=variabel_terlemah,
        indikator_terlemah=indikator[:JUMLAH_TERLEMAH],
        tanpa_aturan=[k for k in kode_lemah if k not in saran],
    )


def umpan_balik(penilaian: PenilaianPKP) -> UmpanBalik:
    """The umpan balik of ``penilaian`` on its final values (the verified ones)."""
    return _umpan_balik(penilaian, _data(penilaian))


@dataclass(frozen=True)
class BarisLaporan:
    kode: str
    nama: str
    target: str  # "≥ 90 %", "≤ 5 ‰", "150–250 ‰", or "" for a variable
    nilai_asal: object  # the achievement or score used (final)
    nilai: Decimal | None  # coverage 0–100 or score 0–10
    keterangan: str  # why there is no value


@dataclass(frozen=True)
class CabangLaporan:
    judul: str
    nilai: Decimal | None
    nilai_lalu: Decimal | None
    baris: tuple[BarisLaporan, ...]


@dataclass(frozen=True)
class AspekLaporan:
    judul: str
    satuan: str
    nilai: Decimal | None
    kelompok: str
    nilai_lalu: Decimal | None
    kelompok_lalu: str
    cabang: tuple[CabangLaporan, ...]
    dihitung: bool = True


@dataclass
class Laporan:
    penilaian: PenilaianPKP
    aspek: list[AspekLaporan]
    kelompok: str
    lalu: PenilaianPKP | None
    kelompok_lalu: str
    umpan_balik: UmpanBalik


def _target(i) -> str:
    if i.arah == scoring.JenisTarget.RENTANG:
        atas = "…" if i.target_atas is None else f"{i.target_atas.normalize():f}"
        return f"{i.target.normalize():f}–{atas} {i.satuan}"
    tanda = "≤" if i.arah == scoring.JenisTarget.TURUN else "≥"
    return f"{tanda} {i.target.normalize():f} {i.satuan}"


def _baris(i, nilai_asal, daun) -> BarisLaporan:
    d = daun.get(i.pk)
    return BarisLaporan(
        i.kode,
        i.nama,
        _target(i),
        nilai_asal,
        None if d is None else d.nilai,
        d.alasan.label if d is not None and d.alasan else "",
    )


def _lalu(penilaian: PenilaianPKP) -> tuple[PenilaianPKP | None, dict[str, Decimal | None]]:
    """Last year's set assessment and its branch values keyed by what stays from year to
    year (a klaster/programme's name, a component's code)."""
    lalu = PenilaianPKP.objects.filter(
        puskesmas_id=penilaian.puskesmas_id,
        tahun=penilaian.tahun - 1,
        status=StatusAlur.DITETAPKAN,
    ).first()
    if lalu is None or not lalu.hasil:
        return lalu, {}
    nilai = {}
    cabang_pel = (lalu.hasil.get("pelayanan") or {}).get("cabang", {})
    for pk, nama in KelompokPelayanan.objects.filter(instrumen_id=lalu.instrumen_id).values_list(
        "pk", "nama"
    ):
        v = cabang_pel.get(str(pk))
        nilai[f"pelayanan:{nama}"] = None if v is None else Decimal(v)
    cabang_man = (lalu.hasil.get("manajemen") or {}).get("cabang", {})
    for pk, kode in KomponenManajemen.objects.filter(instrumen_id=lalu.instrumen_id).values_list(
        "pk", "kode"
    ):
        v = cabang_man.get(str(pk))
        nilai[f"manajemen:{kode}"] = None if v is None else Decimal(v)
    v = ((lalu.hasil.get("mutu") or {}).get("cabang") or {}).get("mutu")
    nilai["mutu"] = None if v is None else Decimal(v)
    return lalu, nilai


def laporan(penilaian: PenilaianPKP) -> Laporan:
    """The Laporan Penilaian Kinerja Puskesmas: scores per aspect, klaster/programme,
    component and item, groups, last year's set assessment beside them, and the umpan
    balik."""
    data = _data(penilaian)
    hasil = data.hasil
    lalu, nilai_lalu = _lalu(penilaian)

    def cabang_nilai(aspek, pk):
        return next((c.nilai for c in aspek.cabang if c.id == pk), None) if aspek else None

    daun_pel = _nilai_daun(hasil.pelayanan)
    per_kelompok: dict[int, list] = {}
    for b in data.pel:
        per_kelompok.setdefault(b.indikator.kelompok_id, []).append(b)
    pelayanan = tuple(
        CabangLaporan(
            k.nama,
            cabang_nilai(hasil.pelayanan, k.pk),
            nilai_lalu.get(f"pelayanan:{k.nama}"),
            tuple(
                _baris(b.indikator, b.capaian_akhir, daun_pel) for b in per_kelompok.get(k.pk, [])
            ),
        )
        for k in data.tree.kelompok
    )
    daun_man = _nilai_daun(hasil.manajemen)
    per_komponen: dict[int, list] = {}
    for b in data.man:
        per_komponen.setdefault(b.variabel.komponen_id, []).append(b)
    manajemen = tuple(
        CabangLaporan(
            f"{k.kode} {k.nama}",
            cabang_nilai(hasil.manajemen, k.pk),
            nilai_lalu.get(f"manajemen:{k.kode}"),
            tuple(
                BarisLaporan(
                    b.variabel.kode,
                    b.variabel.nama,
                    "",
                    b.skor_akhir,
                    None if daun_man.get(b.variabel_id) is None else daun_man[b.variabel_id].nilai,
                    "" if b.skor_akhir is not None else scoring.Alasan.BELUM_DINILAI.label,
                )
                for b in per_komponen.get(k.pk, [])
            ),
        )
        for k in data.tree.komponen
    )
    daun_mut = _nilai_daun(hasil.mutu)
    mutu = (
        CabangLaporan(
            "Indikator mutu",
            cabang_nilai(hasil.mutu, "mutu"),
            nilai_lalu.get("mutu"),
            tuple(_baris(b.indikator, b.capaian_akhir, daun_mut) for b in data.mut),
        ),
    )

    def lalu_nilai(nama):
        return None if lalu is None else getattr(lalu, nama)

    def lalu_kelompok(nama):
        return "" if lalu is None else _label_kelompok(getattr(lalu, nama))

    aspek = [
        AspekLaporan(
            "Kinerja pelayanan",
            "%",
            hasil.pelayanan.nilai,
            _label_kelompok(hasil.pelayanan.kelompok),
            lalu_nilai("nilai_pelayanan"),
            lalu_kelompok("kelompok_pelayanan"),
            pelayanan,
        ),
        AspekLaporan(
            "Kinerja manajemen",
            "",
            hasil.manajemen.nilai,
            _label_kelompok(hasil.manajemen.kelompok),
            lalu_nilai("nilai_manajemen"),
            lalu_kelompok("kelompok_manajemen"),
            manajemen,
        ),
        AspekLaporan(
            "Mutu pelayanan",
            "%",
            hasil.mutu.nilai if hasil.mutu else None,
            _label_kelompok(hasil.mutu.kelompok if hasil.mutu else None),
            lalu_nilai("nilai_mutu"),
            lalu_kelompok("kelompok_mutu"),
            mutu,
            dihitung=hasil.mutu_dihitung,
        ),
    ]
    return Laporan(
        penilaian=penilaian,
        aspek=aspek,
        kelompok=_label_kelompok(hasil.kelompok),
        lalu=lalu,
        kelompok_lalu=lalu_kelompok("kelompok"),
        umpan_balik=_umpan_balik(penilaian, data),
    )


# --- follow-up: the weak items of a set assessment and their RTL ----------------------


@dataclass(frozen=True)
class ButirTindakLanjut:
    lemah: Terlemah
    rtl: RTL | None  # the RTL raised from this item, if any


MODEL_BARIS = {"pelayanan": NilaiPelayanan, "manajemen": NilaiManajemen, "mutu": NilaiMutu}


def tindak_lanjut(penilaian: PenilaianPKP) -> list[ButirTindakLanjut]:
    """The weakest variables and indicators of the umpan balik, each with the RTL raised
    from its row (the RTL's ``sumber``). One query for the RTL whatever their number."""
    ub = umpan_balik(penilaian)
    lemah = ub.variabel_terlemah + ub.indikator_terlemah
    if not lemah:
        return []
    ct = ContentType.objects.get_for_models(*MODEL_BARIS.values())
    jenis_ct = {j: ct[m].pk for j, m in MODEL_BARIS.items()}
    ct_jenis = {pk: j for j, pk in jenis_ct.items()}
    q = Q()
    for t in lemah:
        q |= Q(sumber_jenis_id=jenis_ct[t.jenis], sumber_id=t.baris_id)
    ada = {
        (ct_jenis[r.sumber_jenis_id], r.sumber_id): r
        for r in RTL.objects.filter(puskesmas_id=penilaian.puskesmas_id).filter(q)
    }
    return [ButirTindakLanjut(t, ada.get((t.jenis, t.baris_id))) for t in lemah]
