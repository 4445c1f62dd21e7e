"""The PWS grid as an Excel sheet: one row per desa, one column per indicator of the klaster.

The template is built per klaster and year (its columns are the catalogue's indicators), so
it is made here rather than declared once. Read back through the shared import tools: the
bounded reader checks the sheet, titles and number cells; this Resource resolves the desa by
kode inside the Puskesmas and refuses a desa listed twice.
"""

from __future__ import annotations

from import_export.fields import Field

from puskesmas.alat.impor import BULAT, KOLOM_BARIS, Kolom, Templat
from puskesmas.alat.resource import AngkaWidget, FKTerbatasWidget, ResourceImpor

from .models_pws import NilaiPWS

NAMA_SHEET = "PWS"
PESAN_DESA_TIDAK_DIKENAL = "Desa dengan kode «{nilai}» tidak ada di wilayah Puskesmas ini."
PESAN_DESA_GANDA = "Desa ini sudah ada di baris {baris}; satu desa satu baris."
PESAN_DESA_WAJIB = "Isi kode desa."


def kunci_indikator(indikator) -> str:
    return f"i{indikator.pk}"


def templat_pws(*, indikator, nama_bulan: str, tahun: int) -> Templat:
    return Templat(
        judul=f"PWS {nama_bulan} {tahun}",
        nama_sheet=NAMA_SHEET,
        kolom=(
            Kolom("Kode desa", "desa", lebar=16),
            Kolom("Desa", "nama", wajib=False, lebar=24),
            *(
                Kolom(i.kode, kunci_indikator(i), BULAT, wajib=False, lebar=14, keterangan=i.nama)
                for i in indikator
            ),
        ),
        petunjuk=(
            "Satu baris untuk satu desa; isi capaian bulan ini (jumlah orang) per indikator.",
            "Sel kosong menghapus nilai yang tersimpan. Jangan mengubah judul kolom atau nama sheet.",
        ),
    )


class BarisPWS:
    """One row of the sheet: a desa and its values by indikator id."""

    def __init__(self):
        self.desa = None
        self.desa_salah = False
        self.nilai: dict[int, int | None] = {}


class PWSResource(ResourceImpor):
    """Rows of desa × indicator values; ``simpan`` receives {(desa id, indikator id): value}
    once every row is valid (the real run only)."""

    class Meta:
        model = NilaiPWS
        fields = ()
        skip_diff = True
        use_bulk = True

    def __init__(self, *, desa, indikator):
        super().__init__()
        self.indikator = list(indikator)
        self.simpan = None
        self.fields["desa"] = Field(
            attribute="desa",
            column_name="desa",
            widget=FKTerbatasWidget(list(desa), "kode", pesan=PESAN_DESA_TIDAK_DIKENAL),
        )
        for i in self.indikator:
            k = kunci_indikator(i)
            self.fields[k] = Field(attribute=k, column_name=k, widget=AngkaWidget(bulat=True))

    def get_import_order(self):
        return ("desa", *(kunci_indikator(i) for i in self.indikator))

    def get_export_order(self):
        return self.get_import_order()

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.nilai: dict[tuple[int, int], int | None] = {}
        self._dilihat: dict[int, int] = {}

    def get_instance(self, instance_loader, row):
        return None

    def init_instance(self, row=None):
        return BarisPWS()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "desa":
            try:
                instance.desa = field.clean(row, **kwargs)
            except ValueError:
                instance.desa_salah = True
                raise
        else:
            instance.nilai[int(field.attribute[1:])] = field.clean(row, **kwargs)

    def periksa_baris(self, instance, row, galat):
        desa = instance.desa
        if desa is None:
            if not instance.desa_salah:
                galat.setdefault("desa", []).append(PESAN_DESA_WAJIB)
            return
        if desa.pk in self._dilihat:
            galat.setdefault("desa", []).append(
                PESAN_DESA_GANDA.format(baris=self._dilihat[desa.pk])
            )
        else:
            self._dilihat[desa.pk] = row[KOLOM_BARIS]

    def simpan_baris(self, instance, is_create, row):
        for ind, v in instance.nilai.items():
            self.nilai[(instance.desa.pk, ind)] = v

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and self.simpan is not None:
            self.simpan(self.nilai)
