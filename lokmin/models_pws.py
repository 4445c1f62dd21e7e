"""PWS records: one sheet per Puskesmas, year, month and klaster, and its cells.

A sheet (``LembarPWS``) is what the grid page saves in one go; its version refuses a stale
save. Each cell (``NilaiPWS``) is one desa's achievement of one indicator in that month,
with who entered it and when (and its full history), and the reasons it was flagged at
entry and confirmed.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.models import Berversi, Desa, Klaster, Puskesmas

bulan_validators = [MinValueValidator(1), MaxValueValidator(12)]


class LembarPWS(Berversi):
    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="lembar_pws")
    tahun = models.PositiveSmallIntegerField("tahun")
    bulan = models.PositiveSmallIntegerField("bulan", validators=bulan_validators)
    klaster = models.ForeignKey(Klaster, on_delete=models.PROTECT, related_name="+")
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "lembar PWS"
        verbose_name_plural = "lembar PWS"
        ordering = ["tahun", "bulan", "klaster__nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["puskesmas", "tahun", "bulan", "klaster"], name="lembar_pws_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(bulan__gte=1, bulan__lte=12), name="lembar_pws_bulan_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"PWS {self.bulan:02d}/{self.tahun} klaster {self.klaster_id}"


class NilaiPWS(models.Model):
    lembar = models.ForeignKey(LembarPWS, on_delete=models.CASCADE, related_name="nilai")
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+")
    indikator = models.ForeignKey(
        "perencanaan.Indikator", on_delete=models.PROTECT, related_name="+"
    )
    nilai = models.PositiveIntegerField("capaian")
    # The reasons the value was flagged when entered, confirmed by whoever entered it.
    peringatan = models.TextField("peringatan yang dikonfirmasi", blank=True)
    tindak_lanjut = models.BooleanField("perlu ditindaklanjuti", default=False)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diisi_pada = models.DateTimeField("diisi pada")

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "lembar__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "nilai PWS"
        verbose_name_plural = "nilai PWS"
        constraints = [
            models.UniqueConstraint(fields=["lembar", "desa", "indikator"], name="nilai_pws_unik")
        ]

    def __str__(self) -> str:
        return f"{self.nilai}"
