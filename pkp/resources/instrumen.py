"""Excel import and export of a PKP instrument, as django-import-export Resources.

One workbook holds one instrument: sheet *Pelayanan* (indicators by klaster/programme),
*Manajemen* (variables by component, with the 0/4/7/10 texts), *Mutu* and *Ambang* (the
group thresholds). Each sheet has its Resource; ``puskesmas.alat.impor`` reads the upload
(bounded) and runs them all-or-nothing. Rows are matched by kode: a known kode updates its
row, a new kode adds one at the end of its group, a kode missing from the sheet removes its
row (refused while an assessment uses it). An unchanged row is not written, and a text
that differs from the stored one only by line ends or surrounding blanks (which Excel does
not keep) stays as stored, so exporting and importing again changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from import_export.fields import Field

from perencanaan.models import Indikator
from puskesmas.alat.impor import DESIMAL, KOLOM_BARIS, PILIHAN, Buku, Galat, Kolom, Templat
from puskesmas.alat.resource import (
    AngkaWidget,
    FKTerbatasWidget,
    PilihanWidget,
    ResourceImpor,
    TeksWidget,
)
from puskesmas.models import Klaster

from ..aturan_target import periksa_target
from ..models import (
    IndikatorMutu,
    IndikatorPelayanan,
    Instrumen,
    JenisTarget,
    KelompokPelayanan,
    KomponenManajemen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    VariabelManajemen,
)

PESAN_KODE_GANDA = "Kode «{kode}» sudah dipakai di baris {baris}. Setiap kode hanya sekali."
PESAN_KATALOG = "Kode «{nilai}» tidak ada dalam katalog indikator {kabupaten} tahun {tahun}."
PESAN_KATALOG_NASIONAL = "Standar nasional tidak tertaut ke katalog kabupaten; kosongkan kolom ini."
PESAN_DIPAKAI = (
    "{apa} «{kode}» tidak ada lagi di sheet, tetapi sudah dipakai {n} penilaian dan tidak "
    "dapat dihapus. Kembalikan barisnya."
)
PESAN_KOMPONEN_NAMA = "Komponen {kode} sudah bernama «{nama}» di baris {baris}; samakan namanya."
PESAN_ASPEK_GANDA = "Aspek «{aspek}» sudah ada di baris {baris}."
PESAN_ASPEK_HILANG = "Baris aspek «{aspek}» tidak ada. Sheet ini perlu satu baris per aspek."
PESAN_CUKUP_DI_ATAS_BAIK = "Batas cukup tidak boleh lebih tinggi dari batas baik."
PESAN_MANAJEMEN_MAKS = "Nilai kinerja manajemen paling besar 10."
PESAN_SELALU_MENENTUKAN = "Kinerja pelayanan dan manajemen selalu menentukan kelompok; isi «ya»."
PESAN_TARGET_MAKS = "Angka terlalu besar."

MAKS_TARGET = Decimal("999999.99")
JENIS = tuple(JenisTarget.values)
YA_TIDAK = ("ya", "tidak")

# --- templates (the sheets) -----------------------------------------------------------------

_KOLOM_TARGET = (
    Kolom(
        "Jenis target",
        "arah",
        PILIHAN,
        pilihan=JENIS,
        lebar=12,
        keterangan="naik (makin tinggi makin baik), turun (batas maksimal), rentang",
    ),
    Kolom("Target", "target", DESIMAL, lebar=10, keterangan="batas bawah untuk rentang"),
    Kolom(
        "Batas atas",
        "target_atas",
        DESIMAL,
        wajib=False,
        lebar=10,
        keterangan="hanya untuk rentang, tidak lebih kecil dari target",
    ),
    Kolom("Satuan", "satuan", lebar=10),
)

TEMPLAT_PELAYANAN = Templat(
    judul="Kinerja pelayanan",
    nama_sheet="Pelayanan",
    kolom=(
        Kolom("Klaster/program", "kelompok", lebar=30, keterangan="nama baru menambah program"),
        Kolom("Kode", "kode", lebar=12),
        Kolom("Indikator", "nama", lebar=60),
        *_KOLOM_TARGET,
        Kolom(
            "Kode katalog",
            "indikator_katalog",
            wajib=False,
            lebar=14,
            keterangan="kode indikator di katalog kabupaten tahun yang sama",
        ),
    ),
)

TEMPLAT_MANAJEMEN = Templat(
    judul="Kinerja manajemen",
    nama_sheet="Manajemen",
    kolom=(
        Kolom("Kode komponen", "komponen_kode", lebar=10),
        Kolom("Komponen", "komponen_nama", lebar=30),
        Kolom("Kode", "kode", lebar=10),
        Kolom("Variabel", "nama", lebar=40),
        Kolom("Definisi operasional", "definisi_operasional", wajib=False, lebar=50),
        Kolom("Nilai 0", "nilai_0", lebar=40),
        Kolom("Nilai 4", "nilai_4", lebar=40),
        Kolom("Nilai 7", "nilai_7", lebar=40),
        Kolom("Nilai 10", "nilai_10", lebar=40),
    ),
)

TEMPLAT_MUTU = Templat(
    judul="Mutu pelayanan",
    nama_sheet="Mutu",
    kolom=(
        Kolom("Kode", "kode", lebar=12),
        Kolom("Indikator", "nama", lebar=60),
        *_KOLOM_TARGET,
    ),
)

ASPEK = {
    "Kinerja pelayanan": "pelayanan",
    "Kinerja manajemen": "manajemen",
    "Mutu pelayanan": "mutu",
}

TEMPLAT_AMBANG = Templat(
    judul="Batas kelompok",
    nama_sheet="Ambang",
    kolom=(
        Kolom("Aspek", "aspek", PILIHAN, pilihan=tuple(ASPEK), lebar=20),
        Kolom("Batas baik", "batas_baik", DESIMAL, lebar=12),
        Kolom(
            "Batas baik termasuk",
            "baik_inklusif",
            PILIHAN,
            pilihan=YA_TIDAK,
            lebar=12,
            keterangan="ya: nilai tepat pada batas ikut kelompok baik (≥)",
        ),
        Kolom("Batas cukup", "batas_cukup", DESIMAL, lebar=12),
        Kolom("Batas cukup termasuk", "cukup_inklusif", PILIHAN, pilihan=YA_TIDAK, lebar=12),
        Kolom(
            "Menentukan kelompok",
            "dihitung",
            PILIHAN,
            pilihan=YA_TIDAK,
            lebar=12,
            keterangan="tidak: mutu pelayanan hanya dilaporkan (pelayanan dan manajemen: ya)",
        ),
    ),
)

BUKU_INSTRUMEN = Buku(
    judul="Instrumen Penilaian Kinerja Puskesmas",
    lembar=(TEMPLAT_PELAYANAN, TEMPLAT_MANAJEMEN, TEMPLAT_MUTU, TEMPLAT_AMBANG),
    petunjuk=(
        "Baris dicocokkan dengan kodenya: kode yang ada diperbarui, kode baru ditambahkan di "
        "akhir kelompoknya, kode yang dihapus dari sheet dihapus dari instrumen (ditolak bila "
        "sudah dipakai penilaian).",
        "Tidak ada yang disimpan selama masih ada kesalahan di salah satu sheet.",
    ),
    boleh_kosong=frozenset({"Pelayanan", "Manajemen", "Mutu"}),
)


def _sama(baru, lama) -> bool:
    """Equal for the import: texts compare without the line ends and outer blanks Excel
    does not keep."""
    if isinstance(baru, str) and isinstance(lama, str):
        return baru.replace("\r\n", "\n").strip() == lama.replace("\r\n", "\n").strip()
    return baru == lama


def _teks(kunci: str, maks: int | None = None, attribute: str | None = None) -> Field:
    return Field(attribute=attribute or kunci, column_name=kunci, widget=TeksWidget(maks=maks))


def _angka(kunci: str) -> Field:
    return Field(
        attribute=kunci,
        column_name=kunci,
        widget=AngkaWidget(maksimum=MAKS_TARGET, pesan_maksimum=PESAN_TARGET_MAKS),
    )


def _arah() -> Field:
    return Field(
        attribute="arah",
        column_name="arah",
        widget=PilihanWidget({j: j for j in JENIS} | {j.label: j.value for j in JenisTarget}),
    )


class _BarisResource(ResourceImpor):
    """Rows of one instrument, matched by kode (see the module's docstring).

    Subclasses name their ``model``, the stored fields compared (``FIELD_BANDING``), how the
    existing rows are read (``baris_ada``), which assessment rows use them (``NILAI``) and
    how a new row is placed (``siapkan``)."""

    FIELD_BANDING: tuple[str, ...] = ()
    NILAI = None  # the assessment item model whose ``indikator``/``variabel`` is the row
    NILAI_FK = "indikator"
    APA = "Indikator"

    def __init__(self, *, instrumen: Instrumen | None = None, user=None):
        super().__init__()
        self.instrumen, self.user = instrumen, user
        self.galat_akhir: list[Galat] = []
        self.dibuat = self.diubah = self.dihapus = 0
        self.baru: list = []

    def baris_ada(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.baris_ada()

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Read here, so the real run sees the instrument as it is under the caller's lock.
        self._ada = {o.kode: o for o in self.baris_ada()}
        self._kode_dilihat: dict[str, int] = {}
        self.galat_akhir = []
        self.dibuat = self.diubah = self.dihapus = 0
        self.baru = []

    def get_instance(self, instance_loader, row):
        kode = row.get("kode")
        return self._ada.get(str(kode).strip()) if kode else None

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new:
            instance._asli = {k: getattr(instance, k) for k in self.FIELD_BANDING}

    def periksa_baris(self, instance, row, galat):
        kode = row.get("kode")
        if kode:
            kode = str(kode).strip()
            if kode in self._kode_dilihat:
                galat.setdefault("kode", []).append(
                    PESAN_KODE_GANDA.format(kode=kode, baris=self._kode_dilihat[kode])
                )
            else:
                self._kode_dilihat[kode] = row[KOLOM_BARIS]
        if "arah" in self.FIELD_BANDING:
            for kunci, pesan in periksa_target(
                instance.arah, instance.target, instance.target_atas
            ).items():
                galat.setdefault(kunci, []).extend(pesan)

    def siapkan(self, instance, row) -> None:
        """Place a row before it is saved (its group, order)."""

    def simpan_baris(self, instance, is_create, row):
        self.siapkan(instance, row)
        if is_create:
            self.dibuat += 1
            self.baru.append(instance)
        else:
            asli = instance._asli
            for k, v in asli.items():
                if _sama(getattr(instance, k), v):
                    setattr(instance, k, v)  # keep the stored text as it is
            if all(getattr(instance, k) == v for k, v in asli.items()):
                return
            self.diubah += 1
            instance.versi += 1
        instance._history_user = self.user
        instance.save()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        hilang = [o for kode, o in self._ada.items() if kode not in self._kode_dilihat]
        if not hilang:
            return
        dipakai: dict[int, int] = {}
        for pk in self.NILAI.objects.filter(
            **{f"{self.NILAI_FK}__in": [o.pk for o in hilang]}
        ).values_list(f"{self.NILAI_FK}_id", flat=True):
            dipakai[pk] = dipakai.get(pk, 0) + 1
        for o in hilang:
            if o.pk in dipakai:
                self.galat_akhir.append(
                    Galat(
                        None,
                        "Kode",
                        PESAN_DIPAKAI.format(apa=self.APA, kode=o.kode, n=dipakai[o.pk]),
                    )
                )
        if self.galat_akhir or kwargs.get("dry_run"):
            return
        for o in hilang:
            o._history_user = self.user
            o.delete()
            self.dihapus += 1


class IndikatorPelayananResource(_BarisResource):
    kelompok = _teks("kelompok", 150, attribute="nama_kelompok")
    kode = _teks("kode", 20)
    nama = _teks("nama", 255)
    arah = _arah()
    target = _angka("target")
    target_atas = _angka("target_atas")
    satuan = _teks("satuan", 30)
    indikator_katalog = Field(attribute="indikator_katalog", column_name="indikator_katalog")

    FIELD_BANDING = (
        "kelompok_id",
        "nama",
        "arah",
        "target",
        "target_atas",
        "satuan",
        "indikator_katalog_id",
    )
    NILAI = NilaiPelayanan

    class Meta:
        model = IndikatorPelayanan
        fields = tuple(k.kunci for k in TEMPLAT_PELAYANAN.kolom)
        export_order = fields
        skip_diff = True

    def __init__(self, *, instrumen=None, user=None):
        super().__init__(instrumen=instrumen, user=user)
        if instrumen is not None and instrumen.kabupaten_id:
            katalog = Indikator.objects.filter(
                kabupaten_id=instrumen.kabupaten_id, tahun=instrumen.tahun
            )
            pesan = lambda v: PESAN_KATALOG.format(  # noqa: E731
                nilai=v, kabupaten=instrumen.kabupaten, tahun=instrumen.tahun
            )
        else:
            katalog, pesan = Indikator.objects.none(), lambda _v: PESAN_KATALOG_NASIONAL
        self.fields["indikator_katalog"].widget = FKTerbatasWidget(katalog, "kode", pesan=pesan)

    def baris_ada(self):
        return IndikatorPelayanan.objects.filter(kelompok__instrumen=self.instrumen).select_related(
            "kelompok", "indikator_katalog"
        )

    def export(self, queryset=None, **kwargs):
        baris = list(queryset if queryset is not None else self.baris_ada())
        for i in baris:
            i.nama_kelompok = i.kelompok.nama
        return super().export(queryset=baris, **kwargs)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._kelompok = {k.nama: k for k in self.instrumen.kelompok_pelayanan.all()}
        self._kelompok_awal = {k.pk for k in self._kelompok.values() if k.indikator.exists()}
        self._urutan: dict[int, int] = {}

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
            instance.nama_kelompok = instance.kelompok.nama

    def siapkan(self, instance, row):
        nama = instance.nama_kelompok
        kelompok = self._kelompok.get(nama)
        if kelompok is None:
            klaster = Klaster.objects.filter(nama=nama).first()
            kelompok = KelompokPelayanan(
                instrumen=self.instrumen,
                klaster=klaster,
                nama=nama,
                urutan=max((k.urutan for k in self._kelompok.values()), default=0) + 1,
            )
            kelompok._history_user = self.user
            kelompok.save()
            self._kelompok[nama] = kelompok
        if instance.pk is None or instance.kelompok_id != kelompok.pk:
            if kelompok.pk not in self._urutan:
                self._urutan[kelompok.pk] = (
                    max(kelompok.indikator.values_list("urutan", flat=True), default=0) + 1
                )
            instance.urutan = self._urutan[kelompok.pk]
            self._urutan[kelompok.pk] += 1
        instance.kelompok = kelompok

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if kwargs.get("dry_run") or self.galat_akhir:
            return
        # A klaster/programme the import emptied goes with its last indicator.
        for k in self._kelompok.values():
            if k.pk in self._kelompok_awal and not k.indikator.exists():
                k._history_user = self.user
                k.delete()


class VariabelManajemenResource(_BarisResource):
    komponen_kode = _teks("komponen_kode", 10, attribute="komponen_kode")
    komponen_nama = _teks("komponen_nama", 150, attribute="komponen_nama")
    kode = _teks("kode", 20)
    nama = _teks("nama", 255)
    definisi_operasional = _teks("definisi_operasional")
    nilai_0 = _teks("nilai_0")
    nilai_4 = _teks("nilai_4")
    nilai_7 = _teks("nilai_7")
    nilai_10 = _teks("nilai_10")

    FIELD_BANDING = (
        "komponen_id",
        "nama",
        "definisi_operasional",
        "nilai_0",
        "nilai_4",
        "nilai_7",
        "nilai_10",
    )
    NILAI = NilaiManajemen
    NILAI_FK = "variabel"
    APA = "Variabel"

    class Meta:
        model = VariabelManajemen
        fields = tuple(k.kunci for k in TEMPLAT_MANAJEMEN.kolom)
        export_order = fields
        skip_diff = True

    def baris_ada(self):
        return VariabelManajemen.objects.filter(komponen__instrumen=self.instrumen).select_related(
            "komponen"
        )

    def export(self, queryset=None, **kwargs):
        baris = list(queryset if queryset is not None else self.baris_ada())
        for v in baris:
            v.komponen_kode, v.komponen_nama = v.komponen.kode, v.komponen.nama
        return super().export(queryset=baris, **kwargs)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._komponen = {k.kode: k for k in self.instrumen.komponen_manajemen.all()}
        self._nama_komponen: dict[str, tuple[str, int]] = {}
        self._urutan = (
            max((v.urutan for v in self._ada.values()), default=0) + 1 if self._ada else 1
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
            instance.komponen_kode = instance.komponen.kode
            instance.komponen_nama = instance.komponen.nama

    def periksa_baris(self, instance, row, galat):
        super().periksa_baris(instance, row, galat)
        kode, nama = getattr(instance, "komponen_kode", ""), getattr(instance, "komponen_nama", "")
        if kode and nama:
            ada = self._nama_komponen.get(kode)
            if ada is None:
                self._nama_komponen[kode] = (nama, row[KOLOM_BARIS])
            elif ada[0] != nama:
                galat.setdefault("komponen_nama", []).append(
                    PESAN_KOMPONEN_NAMA.format(kode=kode, nama=ada[0], baris=ada[1])
                )

    def siapkan(self, instance, row):
        kode, nama = instance.komponen_kode, instance.komponen_nama
        komponen = self._komponen.get(kode)
        if komponen is None:
            komponen = KomponenManajemen(
                instrumen=self.instrumen,
                kode=kode,
                nama=nama,
                urutan=max((k.urutan for k in self._komponen.values()), default=0) + 1,
            )
            komponen._history_user = self.user
            komponen.save()
            self._komponen[kode] = komponen
        elif not _sama(nama, komponen.nama):
            komponen.nama = nama
            komponen._history_user = self.user
            komponen.save()
        if instance.pk is None:
            instance.urutan = self._urutan
            self._urutan += 1
        instance.komponen = komponen


class IndikatorMutuResource(_BarisResource):
    kode = _teks("kode", 20)
    nama = _teks("nama", 255)
    arah = _arah()
    target = _angka("target")
    target_atas = _angka("target_atas")
    satuan = _teks("satuan", 30)

    FIELD_BANDING = ("nama", "arah", "target", "target_atas", "satuan")
    NILAI = NilaiMutu

    class Meta:
        model = IndikatorMutu
        fields = tuple(k.kunci for k in TEMPLAT_MUTU.kolom)
        export_order = fields
        skip_diff = True

    def baris_ada(self):
        return IndikatorMutu.objects.filter(instrumen=self.instrumen)

    def siapkan(self, instance, row):
        instance.instrumen = self.instrumen
        if instance.pk is None:
            instance.urutan = (
                max((m.urutan for m in self._ada.values()), default=0) + 1 + len(self.baru)
            )


class BarisAmbang:
    """One aspect's thresholds, as one row of the *Ambang* sheet."""

    pk = None

    def __init__(self, instrumen: Instrumen | None = None, aspek: str | None = None):
        self.aspek = None
        if instrumen is not None and aspek is not None:
            kunci = ASPEK[aspek]
            self.aspek = aspek
            self.batas_baik = getattr(instrumen, f"{kunci}_batas_baik")
            self.baik_inklusif = "ya" if getattr(instrumen, f"{kunci}_baik_inklusif") else "tidak"
            self.batas_cukup = getattr(instrumen, f"{kunci}_batas_cukup")
            self.cukup_inklusif = "ya" if getattr(instrumen, f"{kunci}_cukup_inklusif") else "tidak"
            self.dihitung = "ya" if kunci != "mutu" or instrumen.mutu_dihitung else "tidak"


class AmbangResource(ResourceImpor):
    """The thresholds of the three aspects, one row each; written onto the instrument."""

    aspek = Field(
        attribute="aspek", column_name="aspek", widget=PilihanWidget({a: a for a in ASPEK})
    )
    batas_baik = Field(
        attribute="batas_baik", column_name="batas_baik", widget=AngkaWidget(maksimum=Decimal(100))
    )
    baik_inklusif = Field(
        attribute="baik_inklusif",
        column_name="baik_inklusif",
        widget=PilihanWidget({v: v for v in YA_TIDAK}),
    )
    batas_cukup = Field(
        attribute="batas_cukup",
        column_name="batas_cukup",
        widget=AngkaWidget(maksimum=Decimal(100)),
    )
    cukup_inklusif = Field(
        attribute="cukup_inklusif",
        column_name="cukup_inklusif",
        widget=PilihanWidget({v: v for v in YA_TIDAK}),
    )
    dihitung = Field(
        attribute="dihitung", column_name="dihitung", widget=PilihanWidget({v: v for v in YA_TIDAK})
    )

    class Meta:
        model = Instrumen
        fields = tuple(k.kunci for k in TEMPLAT_AMBANG.kolom)
        export_order = fields
        skip_diff = True

    def __init__(self, *, instrumen: Instrumen | None = None, user=None):
        super().__init__()
        self.instrumen, self.user = instrumen, user
        self.galat_akhir: list[Galat] = []
        self.diubah = False

    def baris(self) -> list[BarisAmbang]:
        return [BarisAmbang(self.instrumen, a) for a in ASPEK]

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._dilihat: dict[str, int] = {}
        self._nilai: dict[str, BarisAmbang] = {}
        self.galat_akhir = []
        self.diubah = False

    def get_instance(self, instance_loader, row):
        return None

    def init_instance(self, row=None):
        return BarisAmbang()

    def periksa_baris(self, instance, row, galat):
        aspek = instance.aspek
        if aspek is None:
            return
        if aspek in self._dilihat:
            galat.setdefault("aspek", []).append(
                PESAN_ASPEK_GANDA.format(aspek=aspek, baris=self._dilihat[aspek])
            )
            return
        self._dilihat[aspek] = row[KOLOM_BARIS]
        baik, cukup = instance.batas_baik, instance.batas_cukup
        if ASPEK[aspek] == "manajemen":
            for kunci, nilai in (("batas_baik", baik), ("batas_cukup", cukup)):
                if nilai is not None and nilai > 10:
                    galat.setdefault(kunci, []).append(PESAN_MANAJEMEN_MAKS)
        if baik is not None and cukup is not None and cukup > baik:
            galat.setdefault("batas_cukup", []).append(PESAN_CUKUP_DI_ATAS_BAIK)
        if ASPEK[aspek] != "mutu" and instance.dihitung == "tidak":
            galat.setdefault("dihitung", []).append(PESAN_SELALU_MENENTUKAN)

    def simpan_baris(self, instance, is_create, row):
        self._nilai[ASPEK[instance.aspek]] = instance

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        for aspek in ASPEK:
            if aspek not in self._dilihat:
                self.galat_akhir.append(
                    Galat(None, "Aspek", PESAN_ASPEK_HILANG.format(aspek=aspek))
                )
        if kwargs.get("dry_run") or self.galat_akhir:
            return
        ins = Instrumen.objects.get(pk=self.instrumen.pk)
        baru = {}
        for kunci, b in self._nilai.items():
            baru[f"{kunci}_batas_baik"] = b.batas_baik
            baru[f"{kunci}_baik_inklusif"] = b.baik_inklusif == "ya"
            baru[f"{kunci}_batas_cukup"] = b.batas_cukup
            baru[f"{kunci}_cukup_inklusif"] = b.cukup_inklusif == "ya"
        baru["mutu_dihitung"] = self._nilai["mutu"].dihitung == "ya"
        if all(getattr(ins, k) == v for k, v in baru.items()):
            return
        for k, v in baru.items():
            setattr(ins, k, v)
        ins.versi += 1
        ins._history_user = self.user
        ins.save()
        self.diubah = True
