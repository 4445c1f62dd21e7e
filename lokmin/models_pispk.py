"""PIS-PK records: the family survey of a year and the four steps the PKP rubric asks for.

A surveyed family (``KeluargaPISPK``) is one row of the imported survey: its desa, its code
in the survey and its 12 answers (Y / N / N/A, rules in ``lokmin.pispk``). The steps
(``LangkahPISPK``: intervensi awal, entri data, analisis, intervensi lanjut) are recorded
with their date and what was done or agreed; the agreed intervention is the Lokmin's PIS-PK
agenda item.
"""

from django.conf import settings
from django.db import models

from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.models import Desa, Puskesmas, tahun_validators

from . import pispk

# One character per answer in ``KeluargaPISPK.jawaban``.
KODE_JAWABAN = {pispk.Y: "Y", pispk.N: "N", pispk.NA: "X"}
JAWABAN_KODE = {v: k for k, v in KODE_JAWABAN.items()}


class KeluargaPISPK(models.Model):
    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+")
    kode = models.CharField("kode keluarga", max_length=40)
    jawaban = models.CharField("jawaban 12 indikator", max_length=pispk.JUMLAH_INDIKATOR)
    diimpor_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    diimpor_pada = models.DateTimeField("diimpor pada", auto_now=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "keluarga PIS-PK"
        verbose_name_plural = "keluarga PIS-PK"
        ordering = ["desa__nama", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["puskesmas", "tahun", "kode"], name="keluarga_pispk_unik"
            )
        ]

    def __str__(self) -> str:
        return self.kode

    @property
    def daftar_jawaban(self) -> tuple[str, ...]:
        return tuple(JAWABAN_KODE[c] for c in self.jawaban)

    @staticmethod
    def kodekan(jawaban) -> str:
        pispk.periksa(jawaban)
        return "".join(KODE_JAWABAN[j] for j in jawaban)


class JenisLangkah(models.TextChoices):
    INTERVENSI_AWAL = "intervensi_awal", "Intervensi awal"
    ENTRI_DATA = "entri_data", "Entri data aplikasi"
    ANALISIS = "analisis", "Analisis hasil survei"
    INTERVENSI_LANJUT = "intervensi_lanjut", "Intervensi lanjut"


class LangkahPISPK(models.Model):
    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    langkah = models.CharField("langkah", max_length=20, choices=JenisLangkah.choices)
    tanggal = models.DateField("tanggal")
    uraian = models.TextField("uraian / intervensi yang disepakati")
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "langkah PIS-PK"
        verbose_name_plural = "langkah PIS-PK"
        ordering = ["tahun", "tanggal", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["puskesmas", "tahun", "langkah"], name="langkah_pispk_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_langkah_display()} {self.tahun}"
