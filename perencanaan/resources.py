"""Excel imports and exports of planning, as django-import-export Resources.

Each Resource maps the columns of its template (``Kolom.kunci``) to the model with the
project's widgets: Indonesian numbers, and foreign keys resolved only inside the user's scope
(a PJ klaster's klaster, the kabupaten's catalogue of the year). The upload is read by the
bounded reader and handed over by ``puskesmas.alat.impor.impor_dengan_resource``; exports go
out through ``ekspor_dengan_resource`` and the safe writer. Services construct the Resources
with the scope and the writer of their domain (ordering, history, sasaran per desa), so
locks and re-checks stay where the other writes of the same document are.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from import_export import resources
from import_export.fields import Field

from puskesmas.alat.impor import KOLOM_BARIS, Kolom, Templat
from puskesmas.alat.resource import (
    AngkaWidget,
    FKTerbatasWidget,
    PilihanWidget,
    ResourceImpor,
    TeksWidget,
)
from puskesmas.choices import KategoriSasaran
from puskesmas.models import Klaster

from .choices import Arah, JenisIndikator, SumberPembiayaan
from .models import KOLOM_KEGIATAN_RUK, Indikator, KegiatanRUK, TargetKinerja

# --- Indicator catalogue -------------------------------------------------------------------

PESAN_KLASTER = "Klaster «{nilai}» tidak dikenal. Isi angka 1–5: {daftar}."
PESAN_KODE_GANDA_BERKAS = "Kode «{kode}» sudah dipakai di baris {baris}. Setiap kode hanya sekali."
PESAN_TERLALU_PANJANG = "Paling banyak {batas} karakter (sekarang {panjang})."
PESAN_TARGET_MAKS = "Target default paling besar 1000."

# Compared to tell an unchanged row (skipped) from a changed one.
_FIELD_KATALOG = (
    "nama",
    "klaster_id",
    "jenis",
    "satuan",
    "arah",
    "target_default",
    "kategori_sasaran",
    "definisi_operasional",
    "numerator",
    "denominator",
    "aktif",
)


def _teks(kunci: str, maks: int | None = None, pesan: str | None = None, **kw) -> Field:
    widget = TeksWidget(maks=maks, pesan_panjang=pesan) if pesan else TeksWidget(maks=maks)
    return Field(attribute=kunci, column_name=kunci, widget=widget, **kw)


def _pilihan(kunci: str, nilai, **kw) -> Field:
    return Field(
        attribute=kunci, column_name=kunci, widget=PilihanWidget({v: v for v in nilai}), **kw
    )


class IndikatorResource(ResourceImpor):
    """The catalogue of one kabupaten and year: rows upserted by kode.

    A kode already in the year updates that indicator (and makes it active again); a new
    kode adds one at the end of the order; an unchanged row is left alone."""

    kode = _teks("kode", 20, PESAN_TERLALU_PANJANG)
    nama = _teks("nama", 255, PESAN_TERLALU_PANJANG)
    klaster = Field(attribute="klaster", column_name="klaster")
    jenis = _pilihan("jenis", JenisIndikator.values, default=JenisIndikator.LAIN)
    satuan = _teks("satuan", 30, PESAN_TERLALU_PANJANG, default="%")
    arah = _pilihan("arah", Arah.values, default=Arah.NAIK)
    target_default = Field(
        attribute="target_default",
        column_name="target_default",
        widget=AngkaWidget(maksimum=Decimal(1000), pesan_maksimum=PESAN_TARGET_MAKS),
        default=Decimal(100),
    )
    kategori_sasaran = _pilihan("kategori_sasaran", KategoriSasaran.values, default="")
    definisi_operasional = _teks("definisi_operasional")
    numerator = _teks("numerator")
    denominator = _teks("denominator")

    class Meta:
        model = Indikator
        fields = (
            "kode",
            "nama",
            "klaster",
            "jenis",
            "satuan",
            "arah",
            "target_default",
            "kategori_sasaran",
            "definisi_operasional",
            "numerator",
            "denominator",
        )
        export_order = fields
        import_id_fields = ("kode",)
        skip_diff = True

    def __init__(self, *, kabupaten=None, tahun: int | None = None, user=None, klaster=None):
        super().__init__()
        self.kabupaten, self.tahun, self.user = kabupaten, tahun, user
        klaster = list(klaster if klaster is not None else Klaster.objects.order_by("nomor"))
        daftar = ", ".join(f"{k.nomor} {k.nama}" for k in klaster)
        self.fields["klaster"].widget = FKTerbatasWidget(
            klaster, "nomor", pesan=lambda v: PESAN_KLASTER.format(nilai=v, daftar=daftar)
        )
        self.dibuat = self.diubah = 0

    def get_queryset(self):
        return Indikator.objects.filter(kabupaten=self.kabupaten, tahun=self.tahun)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Read here, so the real run sees the catalogue as it is under the caller's lock.
        self._ada = {i.kode: i for i in self.get_queryset()}
        self._urutan = max((i.urutan for i in self._ada.values()), default=0) + 1
        self._kode_dilihat: dict[str, int] = {}
        self.dibuat = self.diubah = 0

    def get_instance(self, instance_loader, row):
        kode = row.get("kode")
        return self._ada.get(str(kode).strip()) if kode else None

    def init_instance(self, row=None):
        return Indikator(kabupaten=self.kabupaten, tahun=self.tahun)

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new:
            instance._asli = {k: getattr(instance, k) for k in _FIELD_KATALOG}

    def periksa_baris(self, instance, row, galat):
        kode = row.get("kode")
        if not kode:
            return
        kode = str(kode).strip()
        if kode in self._kode_dilihat:
            galat.setdefault("kode", []).append(
                PESAN_KODE_GANDA_BERKAS.format(kode=kode, baris=self._kode_dilihat[kode])
            )
        else:
            self._kode_dilihat[kode] = row[KOLOM_BARIS]

    def simpan_baris(self, instance, is_create, row):
        instance.aktif = True
        if is_create:
            instance.urutan = self._urutan
            self._urutan += 1
            self.dibuat += 1
        elif all(getattr(instance, k) == v for k, v in instance._asli.items()):
            return
        else:
            self.diubah += 1
        instance._history_user = self.user
        instance.save()


# --- RUK activities ------------------------------------------------------------------------

PESAN_KLASTER_TIDAK_DIKENAL = "Klaster {nomor} tidak dikenal. Isi dengan nomor klaster 1–5."
PESAN_KLASTER_RUK = "Anda hanya dapat mengisi kegiatan klaster {nomor}."
PESAN_ANGKA_TERLALU_BESAR = "Angka terlalu besar."
MAKS_ANGGARAN = Decimal(10) ** 15 - 1

SUMBER_PILIHAN = tuple(
    dict.fromkeys([s.value for s in SumberPembiayaan] + [s.label for s in SumberPembiayaan])
)
_SUMBER_DARI_TEKS = {s.value: s.value for s in SumberPembiayaan} | {
    s.label: s.value for s in SumberPembiayaan
}
_PANJANG_RUK = {
    f.name: f.max_length
    for f in KegiatanRUK._meta.get_fields()
    if getattr(f, "max_length", None) and f.get_internal_type() == "CharField" and not f.choices
}


class KegiatanRUKResource(ResourceImpor):
    """Activities appended to one RUK; a PJ klaster only into the klaster they hold.

    Rows are built and validated here; ``simpan`` (from the RUK service, under its lock)
    numbers them per klaster and inserts them together with their history."""

    klaster = Field(attribute="klaster", column_name="klaster")
    upaya = _teks("upaya", _PANJANG_RUK.get("upaya"))
    rincian = _teks("rincian", _PANJANG_RUK.get("rincian"))
    tujuan = _teks("tujuan", _PANJANG_RUK.get("tujuan"))
    sasaran = _teks("sasaran", _PANJANG_RUK.get("sasaran"))
    target = _teks("target", _PANJANG_RUK.get("target"))
    penanggung_jawab = _teks("penanggung_jawab", _PANJANG_RUK.get("penanggung_jawab"))
    kebutuhan_sumber_daya = _teks(
        "kebutuhan_sumber_daya", _PANJANG_RUK.get("kebutuhan_sumber_daya")
    )
    mitra_kerja = _teks("mitra_kerja", _PANJANG_RUK.get("mitra_kerja"))
    waktu = _teks("waktu", _PANJANG_RUK.get("waktu"))
    kebutuhan_anggaran = Field(
        attribute="kebutuhan_anggaran",
        column_name="kebutuhan_anggaran",
        widget=AngkaWidget(
            bulat=True, maksimum=MAKS_ANGGARAN, pesan_maksimum=PESAN_ANGKA_TERLALU_BESAR
        ),
    )
    indikator_kinerja = _teks("indikator_kinerja", _PANJANG_RUK.get("indikator_kinerja"))
    sumber_pembiayaan = Field(
        attribute="sumber_pembiayaan",
        column_name="sumber_pembiayaan",
        widget=PilihanWidget(_SUMBER_DARI_TEKS, daftar=SUMBER_PILIHAN),
    )

    class Meta:
        model = KegiatanRUK
        fields = KOLOM_KEGIATAN_RUK
        export_order = fields
        skip_diff = True

    def __init__(self, *, ruk=None, diizinkan: frozenset[int] | None = None):
        super().__init__()
        self.ruk = ruk
        self.simpan: Callable[[list[KegiatanRUK]], None] | None = None
        semua = list(Klaster.objects.order_by("nomor"))
        boleh = [k for k in semua if diizinkan is None or k.pk in diizinkan]
        nomor = ", ".join(str(k.nomor) for k in boleh) or "-"
        self.fields["klaster"].widget = FKTerbatasWidget(
            boleh,
            "nomor",
            pesan=lambda v: PESAN_KLASTER_TIDAK_DIKENAL.format(nomor=v),
            semua=semua,
            pesan_di_luar=lambda _k: PESAN_KLASTER_RUK.format(nomor=nomor),
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.baru: list[KegiatanRUK] = []

    def get_instance(self, instance_loader, row):
        return None  # rows are only ever added

    def init_instance(self, row=None):
        return KegiatanRUK(ruk=self.ruk)

    def simpan_baris(self, instance, is_create, row):
        instance.ruk = self.ruk
        self.baru.append(instance)

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and self.simpan is not None:
            self.simpan(self.baru)


# --- Targets --------------------------------------------------------------------------------

PESAN_TARGET_RENTANG = "Target harus antara 0 dan 100 dengan paling banyak dua angka desimal."
PESAN_KODE_TIDAK_DIKENAL = "Kode «{kode}» tidak ada dalam katalog indikator tahun {tahun}."
PESAN_KODE_GANDA = "Kode «{kode}» sudah muncul di baris {baris}; satu indikator satu baris."
PESAN_KLASTER_TARGET = (
    "Indikator «{kode}» termasuk klaster {nomor} ({nama}); Anda hanya dapat mengisi target "
    "klaster {milik}."
)


class TargetResource(ResourceImpor):
    """Targets of one document by indicator kode, within the kabupaten's catalogue of the
    year and, for a PJ klaster, their own klaster. ``simpan`` (the target service's writer,
    which also works out the sasaran per desa) receives {indikator: target} once valid."""

    kode = Field(attribute="indikator", column_name="kode")
    nama = Field(attribute="indikator__nama", column_name="nama", readonly=True)
    target = Field(attribute="target_persen", column_name="target", widget=AngkaWidget())

    class Meta:
        model = TargetKinerja
        fields = ("kode", "nama", "target")
        export_order = fields
        skip_diff = True

    def __init__(
        self,
        *,
        katalog=(),
        tahun: int | None = None,
        boleh: frozenset[int] | None = None,
        milik: str = "",
        target_sah: Callable[[Decimal], bool] | None = None,
    ):
        super().__init__()
        self.simpan: Callable[[dict], int] | None = None
        self.target_sah = target_sah
        self.jumlah = 0
        katalog = list(katalog)
        self.fields["kode"].widget = FKTerbatasWidget(
            [i for i in katalog if boleh is None or i.klaster_id in boleh],
            "kode",
            pesan=lambda v: PESAN_KODE_TIDAK_DIKENAL.format(kode=v, tahun=tahun),
            semua=katalog,
            pesan_di_luar=lambda i: PESAN_KLASTER_TARGET.format(
                kode=i.kode, nomor=i.klaster.nomor, nama=i.klaster.nama, milik=milik
            ),
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.nilai: dict[Indikator, Decimal] = {}
        self._dilihat: dict[int, int] = {}

    def get_instance(self, instance_loader, row):
        return None

    def init_instance(self, row=None):
        return TargetKinerja()

    def periksa_baris(self, instance, row, galat):
        ind = getattr(instance, "indikator", None) if instance.indikator_id else None
        if ind is not None:
            if ind.pk in self._dilihat:
                galat.setdefault("indikator", []).append(
                    PESAN_KODE_GANDA.format(kode=row["kode"], baris=self._dilihat[ind.pk])
                )
            else:
                self._dilihat[ind.pk] = row[KOLOM_BARIS]
        persen = instance.target_persen
        if persen is not None and self.target_sah is not None and not self.target_sah(persen):
            galat.setdefault("target_persen", []).append(PESAN_TARGET_RENTANG)

    def simpan_baris(self, instance, is_create, row):
        self.nilai[instance.indikator] = instance.target_persen

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and self.simpan is not None:
            self.jumlah = self.simpan(self.nilai)


# --- Exports without an import -------------------------------------------------------------

TEMPLAT_EKSPOR_TARGET = Templat(
    judul="Target kinerja",
    nama_sheet="Target kinerja",
    kolom=(
        Kolom("Klaster", "klaster", lebar=28),
        Kolom("Kode", "kode", lebar=14),
        Kolom("Indikator", "indikator", lebar=60),
        Kolom("Satuan", "satuan", lebar=12),
        Kolom("Target (%)", "target", lebar=12),
        Kolom("Sasaran absolut", "sasaran", lebar=16),
    ),
)


class TargetEksporResource(resources.Resource):
    """The targets of a Puskesmas and year, one row per indicator (``BarisTarget``)."""

    klaster = Field(
        column_name="klaster",
        dehydrate_method=lambda b: f"{b.indikator.klaster.nomor}. {b.indikator.klaster.nama}",
    )
    kode = Field(column_name="kode", dehydrate_method=lambda b: b.indikator.kode)
    indikator = Field(column_name="indikator", dehydrate_method=lambda b: b.indikator.nama)
    satuan = Field(column_name="satuan", dehydrate_method=lambda b: b.indikator.satuan)
    target = Field(
        column_name="target",
        dehydrate_method=lambda b: b.target.target_persen if b.target else None,
    )
    sasaran = Field(
        column_name="sasaran",
        dehydrate_method=lambda b: b.target.sasaran_total if b.target else None,
    )

    class Meta:
        export_order = ("klaster", "kode", "indikator", "satuan", "target", "sasaran")


class RPKEksporResource(resources.Resource):
    """The RPK/POA table (``rpk_tabel`` rows, numbered), columns of ``TEMPLAT_RPK``."""

    def __init__(self, templat: Templat):
        super().__init__()
        bacaan = {
            "no": lambda nb: nb[0],
            "klaster": lambda nb: str(nb[1].klaster),
            "kegiatan": lambda nb: nb[1].kegiatan,
            "volume": lambda nb: nb[1].volume_total,
            "sumber_pembiayaan": lambda nb: nb[1].get_sumber_pembiayaan_display(),
            "keterangan": lambda nb: "; ".join(t.pesan for t in nb[1].tanda),
        }
        for i in range(1, 13):
            bacaan[f"vol_{i:02d}"] = lambda nb, i=i: nb[1].volume[i - 1]
        self.fields = {
            k.kunci: Field(
                column_name=k.kunci,
                dehydrate_method=bacaan.get(k.kunci, lambda nb, a=k.kunci: getattr(nb[1], a)),
            )
            for k in templat.kolom
        }

    def get_export_order(self):
        return tuple(self.fields)
