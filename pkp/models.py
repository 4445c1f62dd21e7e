"""PKP instrument as versioned data: one instrument per year, national or per kabupaten.

The national default (``kabupaten`` null) is kept by the admin nasional; a Dinkes copies it
for its kabupaten and adapts the copy. Scoring reads the kabupaten's copy, so an edit never
changes another kabupaten's instrument or an earlier year.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from perencanaan.choices import Arah
from perencanaan.models import Indikator
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.models import Berversi, Kabupaten, Klaster, User, tahun_validators

PERSEN = {"max_digits": 6, "decimal_places": 2}
persen_validators = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
skor_validators = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10))]


class Instrumen(Berversi):
    """The PKP instrument of one year: national default or a kabupaten's copy, with the
    group thresholds of each aspect. A Puskesmas is *baik* at or above ``*_batas_baik``
    (above it when the bound is not inclusive), *cukup* from ``*_batas_cukup``, else
    *kurang*; the published bands leave the bounds open, so each is configurable."""

    kabupaten = models.ForeignKey(
        Kabupaten,
        on_delete=models.CASCADE,
        related_name="instrumen_pkp",
        null=True,
        blank=True,
        help_text="Kosong: standar nasional.",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    disalin_dari = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="salinan"
    )
    pelayanan_batas_baik = models.DecimalField(
        "kinerja pelayanan: batas baik (%)",
        **PERSEN,
        default=Decimal(91),
        validators=persen_validators,
    )
    pelayanan_baik_inklusif = models.BooleanField(
        "pelayanan: nilai tepat pada batas baik ikut kelompok baik (≥)", default=True
    )
    pelayanan_batas_cukup = models.DecimalField(
        "kinerja pelayanan: batas cukup (%)",
        **PERSEN,
        default=Decimal(81),
        validators=persen_validators,
    )
    pelayanan_cukup_inklusif = models.BooleanField(
        "pelayanan: nilai tepat pada batas cukup ikut kelompok cukup (≥)", default=True
    )
    manajemen_batas_baik = models.DecimalField(
        "kinerja manajemen: batas baik (nilai)",
        max_digits=4,
        decimal_places=2,
        default=Decimal("8.5"),
        validators=skor_validators,
    )
    manajemen_baik_inklusif = models.BooleanField(
        "manajemen: nilai tepat pada batas baik ikut kelompok baik (≥)", default=True
    )
    manajemen_batas_cukup = models.DecimalField(
        "kinerja manajemen: batas cukup (nilai)",
        max_digits=4,
        decimal_places=2,
        default=Decimal("5.5"),
        validators=skor_validators,
    )
    manajemen_cukup_inklusif = models.BooleanField(
        "manajemen: nilai tepat pada batas cukup ikut kelompok cukup (≥)", default=True
    )
    mutu_dihitung = models.BooleanField(
        "mutu pelayanan ikut menentukan kelompok",
        default=False,
        help_text="Jika tidak, mutu pelayanan hanya dilaporkan di samping dua aspek lainnya.",
    )
    mutu_batas_baik = models.DecimalField(
        "mutu pelayanan: batas baik (%)",
        **PERSEN,
        default=Decimal(91),
        validators=persen_validators,
    )
    mutu_baik_inklusif = models.BooleanField(
        "mutu: nilai tepat pada batas baik ikut kelompok baik (≥)", default=True
    )
    mutu_batas_cukup = models.DecimalField(
        "mutu pelayanan: batas cukup (%)",
        **PERSEN,
        default=Decimal(81),
        validators=persen_validators,
    )
    mutu_cukup_inklusif = models.BooleanField(
        "mutu: nilai tepat pada batas cukup ikut kelompok cukup (≥)", default=True
    )

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "kabupaten"
    history = HistoricalRecords()

    class Meta:
        verbose_name = "instrumen PKP"
        verbose_name_plural = "instrumen PKP"
        ordering = ["-tahun", "kabupaten__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten", "tahun"],
                condition=Q(kabupaten__isnull=False),
                name="pkp_instrumen_satu_per_kabupaten_tahun",
            ),
            models.UniqueConstraint(
                fields=["tahun"],
                condition=Q(kabupaten__isnull=True),
                name="pkp_instrumen_satu_nasional_per_tahun",
            ),
            models.CheckConstraint(
                condition=Q(pelayanan_batas_cukup__lte=models.F("pelayanan_batas_baik"))
                & Q(manajemen_batas_cukup__lte=models.F("manajemen_batas_baik"))
                & Q(mutu_batas_cukup__lte=models.F("mutu_batas_baik")),
                name="pkp_instrumen_batas_cukup_di_bawah_baik",
            ),
        ]

    @property
    def nasional(self) -> bool:
        return self.kabupaten_id is None

    def __str__(self) -> str:
        pemilik = "standar nasional" if self.nasional else str(self.kabupaten)
        return f"Instrumen PKP {self.tahun} — {pemilik}"


class KelompokPelayanan(models.Model):
    """A klaster or programme of the kinerja pelayanan aspect."""

    instrumen = models.ForeignKey(
        Instrumen, on_delete=models.CASCADE, related_name="kelompok_pelayanan"
    )
    klaster = models.ForeignKey(
        Klaster, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nama = models.CharField("klaster/program", max_length=150)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "instrumen__kabupaten"
    history = HistoricalRecords()

    class Meta:
        verbose_name = "klaster/program kinerja pelayanan"
        verbose_name_plural = "klaster/program kinerja pelayanan"
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class IndikatorPelayanan(Berversi):
    """One kinerja pelayanan indicator, linked to the kabupaten's P1 catalogue where the
    catalogue has it (the national default has no catalogue, so never links)."""

    kelompok = models.ForeignKey(
        KelompokPelayanan, on_delete=models.CASCADE, related_name="indikator"
    )
    indikator_katalog = models.ForeignKey(
        Indikator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="indikator katalog",
    )
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama indikator", max_length=255)
    target = models.DecimalField("target", max_digits=8, decimal_places=2, default=Decimal(100))
    arah = models.CharField("arah", max_length=5, choices=Arah.choices, default=Arah.NAIK)
    satuan = models.CharField("satuan", max_length=30, default="%")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "kelompok__instrumen__kabupaten"
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator kinerja pelayanan"
        verbose_name_plural = "indikator kinerja pelayanan"
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class KomponenManajemen(models.Model):
    """A component of the kinerja manajemen aspect (1.1 Manajemen Umum … 1.5)."""

    instrumen = models.ForeignKey(
        Instrumen, on_delete=models.CASCADE, related_name="komponen_manajemen"
    )
    kode = models.CharField("kode", max_length=10)
    nama = models.CharField("nama", max_length=150)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "instrumen__kabupaten"
    history = HistoricalRecords()

    class Meta:
        verbose_name = "komponen kinerja manajemen"
        verbose_name_plural = "komponen kinerja manajemen"
        ordering = ["urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrumen", "kode"], name="pkp_komponen_kode_unik_per_instrumen"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class VariabelManajemen(Berversi):
    """One variable of the 0/4/7/10 rubric. ``perlu_ditinjau`` marks a row whose published
    text is doubtful; it stays set until an admin confirms the row (``dikonfirmasi_*``),
    and ``alasan_tinjau`` keeps the reason for the record."""

    komponen = models.ForeignKey(
        KomponenManajemen, on_delete=models.CASCADE, related_name="variabel"
    )
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("jenis variabel", max_length=255)
    definisi_operasional = models.TextField("definisi operasional", blank=True)
    nilai_0 = models.TextField("nilai 0")
    nilai_4 = models.TextField("nilai 4")
    nilai_7 = models.TextField("nilai 7")
    nilai_10 = models.TextField("nilai 10")
    perlu_ditinjau = models.BooleanField("perlu ditinjau", default=False)
    alasan_tinjau = models.TextField("alasan perlu ditinjau", blank=True)
    dikonfirmasi_oleh = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dikonfirmasi_pada = models.DateTimeField("dikonfirmasi pada", null=True, blank=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "komponen__instrumen__kabupaten"
    history = HistoricalRecords()

    class Meta:
        verbose_name = "variabel kinerja manajemen"
        verbose_name_plural = "variabel kinerja manajemen"
        ordering = ["urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["komponen", "kode"], name="pkp_variabel_kode_unik_per_komponen"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class IndikatorMutu(Berversi):
    """One mutu pelayanan indicator with its target."""

    instrumen = models.ForeignKey(
        Instrumen, on_delete=models.CASCADE, related_name="indikator_mutu"
    )
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama indikator", max_length=255)
    target = models.DecimalField("target", max_digits=8, decimal_places=2)
    arah = models.CharField("arah", max_length=5, choices=Arah.choices, default=Arah.NAIK)
    satuan = models.CharField("satuan", max_length=30, default="%")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "instrumen__kabupaten"
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator mutu pelayanan"
        verbose_name_plural = "indikator mutu pelayanan"
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
