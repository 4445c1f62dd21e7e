"""Daftar tilik (audit checklist) as an Excel sheet: one row per criterion.

Read through the shared tools (``puskesmas.alat.impor``: bounded reader, sheet and column
titles checked, then this Resource's dry run); a file with any error saves nothing. An
import replaces the checklist's criteria as a whole.
"""

from __future__ import annotations

from import_export import resources
from import_export.fields import Field

from puskesmas.alat.impor import KOLOM_BARIS, Kolom, Templat
from puskesmas.alat.resource import AngkaWidget, PilihanWidget, ResourceImpor, TeksWidget

from .models.audit import AcuanKriteria, ButirTilik

NAMA_SHEET = "Daftar tilik"
PESAN_NOMOR_GANDA = "Nomor {nomor} sudah dipakai di baris {baris}; satu nomor satu kriteria."

_ACUAN = {label: nilai for nilai, label in AcuanKriteria.choices}
_ACUAN.update({nilai: nilai for nilai, _ in AcuanKriteria.choices})
DAFTAR_ACUAN = tuple(label for _, label in AcuanKriteria.choices)

TEMPLAT = Templat(
    judul="Daftar tilik audit internal",
    nama_sheet=NAMA_SHEET,
    kolom=(
        Kolom("Nomor", "nomor", lebar=8),
        Kolom("Kriteria", "kriteria", lebar=70),
        Kolom("Acuan", "acuan", lebar=14, keterangan=", ".join(DAFTAR_ACUAN)),
        Kolom("Rujukan dokumen", "rujukan", wajib=False, lebar=30),
    ),
    petunjuk=(
        "Satu baris untuk satu kriteria yang diperiksa saat audit.",
        f"Acuan diisi salah satu: {', '.join(DAFTAR_ACUAN)}.",
        "Mengimpor berkas mengganti seluruh kriteria daftar tilik ini.",
    ),
)


class ButirTilikResource(ResourceImpor):
    """Criteria of one checklist; ``simpan`` receives every row once all are valid."""

    nomor = Field(attribute="nomor", column_name="nomor", widget=AngkaWidget(bulat=True))
    kriteria = Field(attribute="kriteria", column_name="kriteria", widget=TeksWidget(maks=2000))
    acuan = Field(
        attribute="acuan",
        column_name="acuan",
        widget=PilihanWidget(_ACUAN, daftar=DAFTAR_ACUAN),
    )
    rujukan = Field(attribute="rujukan", column_name="rujukan", widget=TeksWidget(maks=200))

    class Meta:
        model = ButirTilik
        fields = ("nomor", "kriteria", "acuan", "rujukan")
        export_order = fields
        skip_diff = True
        use_bulk = True

    def __init__(self, *, daftar=None):
        super().__init__()
        self.daftar = daftar
        self.simpan = None

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.baru: list[ButirTilik] = []
        self._nomor: dict[int, int] = {}

    def get_instance(self, instance_loader, row):
        return None

    def init_instance(self, row=None):
        return ButirTilik(daftar=self.daftar)

    def periksa_baris(self, instance, row, galat):
        # Empty required cells are reported by the reader ("Wajib diisi."); here: one
        # number per criterion.
        if instance.nomor is None:
            return
        if instance.nomor in self._nomor:
            galat.setdefault("nomor", []).append(
                PESAN_NOMOR_GANDA.format(nomor=instance.nomor, baris=self._nomor[instance.nomor])
            )
        else:
            self._nomor[instance.nomor] = row[KOLOM_BARIS]

    def simpan_baris(self, instance, is_create, row):
        instance.daftar = self.daftar
        self.baru.append(instance)

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and self.simpan is not None:
            self.simpan(self.baru)


class ButirTilikEksporResource(resources.Resource):
    """The criteria as the template's columns; the acuan by its label."""

    nomor = Field(attribute="nomor", column_name="nomor")
    kriteria = Field(attribute="kriteria", column_name="kriteria")
    acuan = Field(attribute="get_acuan_display", column_name="acuan")
    rujukan = Field(attribute="rujukan", column_name="rujukan")

    class Meta:
        fields = ("nomor", "kriteria", "acuan", "rujukan")
        export_order = fields
