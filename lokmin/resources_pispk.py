"""The PIS-PK family survey as an Excel sheet: one row per family (its code, its desa's code,
the 12 indicators as Y / N / N/A).

Read back through the shared import tools: the bounded reader checks the sheet, the titles
and that every answer is Y, N or N/A; this Resource resolves the desa by kode inside the
Puskesmas and refuses a family code listed twice. The real run hands every row at once to
``simpan`` (the service replaces the year's survey with the file, all or nothing).
"""

from __future__ import annotations

from import_export.fields import Field
from import_export.widgets import Widget

from puskesmas.alat.impor import KOLOM_BARIS, PILIHAN, Kolom, Templat
from puskesmas.alat.resource import FKTerbatasWidget, ResourceImpor, TeksWidget

from . import pispk
from .models_pispk import KeluargaPISPK

NAMA_SHEET = "PIS-PK"
PESAN_DESA_TIDAK_DIKENAL = "Desa dengan kode «{nilai}» tidak ada di wilayah Puskesmas ini."
PESAN_KELUARGA_GANDA = "Kode keluarga ini sudah ada di baris {baris}; satu keluarga satu baris."


def kunci_indikator(nomor: int) -> str:
    return f"i{nomor}"


def templat_pispk(*, tahun: int) -> Templat:
    return Templat(
        judul=f"Survei PIS-PK {tahun}",
        nama_sheet=NAMA_SHEET,
        kolom=(
            Kolom("Kode keluarga", "kode", lebar=18),
            Kolom("Kode desa", "desa", lebar=16),
            *(
                Kolom(
                    f"Indikator {n}",
                    kunci_indikator(n),
                    PILIHAN,
                    pilihan=pispk.JAWABAN,
                    lebar=12,
                    keterangan=nama,
                )
                for n, nama in enumerate(pispk.INDIKATOR, 1)
            ),
        ),
        petunjuk=(
            "Satu baris untuk satu keluarga yang disurvei; kode keluarga tidak boleh berulang.",
            "Isi setiap indikator dengan Y (ya), N (tidak) atau N/A (tidak berlaku).",
            "Berkas ini menggantikan seluruh hasil survei tahun ini yang tersimpan.",
        ),
    )


class BarisPISPK:
    def __init__(self):
        self.kode = ""
        self.desa = None
        self.jawaban: list[str | None] = [None] * pispk.JUMLAH_INDIKATOR


class PISPKResource(ResourceImpor):
    """Families of one Puskesmas and year; ``simpan`` receives [(desa, kode, jawaban)] once
    every row is valid (the real run only)."""

    class Meta:
        model = KeluargaPISPK
        fields = ()
        skip_diff = True
        use_bulk = True

    def __init__(self, *, desa):
        super().__init__()
        self.simpan = None
        self.fields["kode"] = Field(
            attribute="kode", column_name="kode", widget=TeksWidget(maks=40)
        )
        self.fields["desa"] = Field(
            attribute="desa",
            column_name="desa",
            widget=FKTerbatasWidget(list(desa), "kode", pesan=PESAN_DESA_TIDAK_DIKENAL),
        )
        for n in range(1, pispk.JUMLAH_INDIKATOR + 1):
            k = kunci_indikator(n)
            self.fields[k] = Field(attribute=k, column_name=k, widget=Widget())

    def get_import_order(self):
        return ("kode", "desa", *(kunci_indikator(n) for n in range(1, 13)))

    def get_export_order(self):
        return self.get_import_order()

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.baris: list[tuple] = []
        self._dilihat: dict[str, int] = {}

    def get_instance(self, instance_loader, row):
        return None

    def init_instance(self, row=None):
        return BarisPISPK()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        nilai = field.clean(row, **kwargs)
        if field.attribute == "kode":
            instance.kode = nilai or ""
        elif field.attribute == "desa":
            instance.desa = nilai
        else:
            instance.jawaban[int(field.attribute[1:]) - 1] = nilai

    def periksa_baris(self, instance, row, galat):
        kunci = instance.kode.casefold()
        if not kunci:
            return
        if kunci in self._dilihat:
            galat.setdefault("kode", []).append(
                PESAN_KELUARGA_GANDA.format(baris=self._dilihat[kunci])
            )
        else:
            self._dilihat[kunci] = row[KOLOM_BARIS]

    def simpan_baris(self, instance, is_create, row):
        self.baris.append((instance.desa, instance.kode, tuple(instance.jawaban)))

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and self.simpan is not None:
            self.simpan(self.baris)
