"""PKP instrument as versioned data: one instrument per year, national or per kabupaten.

The national default (``kabupaten`` null) is kept by the admin nasional; a Dinkes copies it
for its kabupaten and adapts the copy. Scoring reads the kabupaten's copy, so an edit never
changes another kabupaten's instrument or an earlier year.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from perencanaan.models import Indikator
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import Alur, AlurTidakSah, DokumenAlur, Langkah, StatusAlur
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.models import (
    Berversi,
    DokumenTahunan,
    DokumenTertanda,
    Kabupaten,
    Klaster,
    User,
    tahun_validators,
)

PERSEN = {"max_digits": 6, "decimal_places": 2}
persen_validators = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
skor_validators = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10))]


class JenisTarget(models.TextChoices):
    """How an indicator meets its target (docs/domain.md, PKP): the catalogue's two
    directions plus the band of the Dinkes worksheets (e.g. angka kontak 150–250 ‰)."""

    NAIK = "naik", "Makin tinggi makin baik"
    TURUN = "turun", "Batas maksimal (makin rendah makin baik)"
    RENTANG = "rentang", "Rentang (antara target dan batas atas)"


class TargetBerjenis(models.Model):
    """Target columns shared by the indicators of kinerja pelayanan and mutu pelayanan."""

    target = models.DecimalField("target", max_digits=8, decimal_places=2, default=Decimal(100))
    target_atas = models.DecimalField(
        "batas atas rentang",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Hanya untuk target rentang.",
    )
    arah = models.CharField(
        "jenis target", max_length=7, choices=JenisTarget.choices, default=JenisTarget.NAIK
    )
    satuan = models.CharField("satuan", max_length=30, default="%")

    class Meta:
        abstract = True


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
    history = Riwayat()

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
    history = Riwayat()

    class Meta:
        verbose_name = "klaster/program kinerja pelayanan"
        verbose_name_plural = "klaster/program kinerja pelayanan"
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class IndikatorPelayanan(TargetBerjenis, Berversi):
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
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "kelompok__instrumen__kabupaten"
    history = Riwayat()

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
    history = Riwayat()

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
    history = Riwayat()

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


class IndikatorMutu(TargetBerjenis, Berversi):
    """One mutu pelayanan indicator with its target."""

    instrumen = models.ForeignKey(
        Instrumen, on_delete=models.CASCADE, related_name="indikator_mutu"
    )
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama indikator", max_length=255)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "instrumen__kabupaten"
    history = Riwayat()

    class Meta:
        verbose_name = "indikator mutu pelayanan"
        verbose_name_plural = "indikator mutu pelayanan"
        ordering = ["urutan", "pk"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


# --- the assessment of one Puskesmas and year -------------------------------------------

PESAN_BELUM_DINILAI = (
    "Masih ada {n} variabel manajemen yang belum dinilai ({kode}). Nilai semua variabel "
    "sebelum mengajukan."
)
PESAN_SARAN_TANPA_CATATAN = (
    "Nilai variabel {kode} berbeda dari saran aplikasi; tuliskan catatannya sebelum mengajukan."
)
PESAN_BELUM_DIVERIFIKASI = (
    "Masih ada {n} butir yang belum diverifikasi. Setujui atau koreksi setiap butir sebelum "
    "menetapkan."
)


def _daftar_kode(kode: list[str], n: int = 5) -> str:
    return ", ".join(kode[:n]) + (" …" if len(kode) > n else "")


class PenilaianPKP(DokumenAlur, DokumenTahunan):
    """The PKP of one Puskesmas for year N (January–December data of N).

    The Puskesmas fills it (``Aksi.ISI_PKP``) while it is a draft or returned; the Kepala
    submits it (``ajukan``); a Dinkes verifier checks every item, and either returns it
    with a reason (``kembalikan``) or sets it (``tetapkan``): then it is locked for both
    sides and its result is kept on the row (``nilai_*``, ``kelompok*``, ``hasil``), so the
    ranking of a kabupaten and the national counts read one row per Puskesmas.
    """

    instrumen = models.ForeignKey(Instrumen, on_delete=models.PROTECT, related_name="penilaian")
    catatan_pengembalian = models.TextField("alasan dikembalikan", blank=True)
    # The result, written once by ``tetapkan`` (empty before). Values rounded to four
    # decimals for SQL; ``hasil`` keeps every branch's exact value as text.
    nilai_pelayanan = models.DecimalField(
        "kinerja pelayanan (%)", max_digits=9, decimal_places=4, null=True, blank=True
    )
    nilai_manajemen = models.DecimalField(
        "kinerja manajemen", max_digits=7, decimal_places=4, null=True, blank=True
    )
    nilai_mutu = models.DecimalField(
        "mutu pelayanan (%)", max_digits=9, decimal_places=4, null=True, blank=True
    )
    kelompok_pelayanan = models.PositiveSmallIntegerField(null=True, blank=True)
    kelompok_manajemen = models.PositiveSmallIntegerField(null=True, blank=True)
    kelompok_mutu = models.PositiveSmallIntegerField(null=True, blank=True)
    kelompok = models.PositiveSmallIntegerField("kelompok", null=True, blank=True)
    hasil = models.JSONField("rincian hasil", default=dict, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField("ditetapkan pada", null=True, blank=True)

    alur = Alur(
        Langkah(
            "ajukan",
            "Ajukan ke Dinkes",
            "diajukan",
            frozenset({StatusAlur.DRAFT, StatusAlur.DIKEMBALIKAN}),
            StatusAlur.DIAJUKAN,
            Aksi.AJUKAN_PKP,
        ),
        Langkah(
            "kembalikan",
            "Kembalikan ke Puskesmas",
            "dikembalikan",
            frozenset({StatusAlur.DIAJUKAN}),
            StatusAlur.DIKEMBALIKAN,
            Aksi.VERIFIKASI_PKP,
            wajib_catatan=True,
            gaya="warning",
        ),
        Langkah(
            "tetapkan",
            "Tetapkan",
            "ditetapkan",
            frozenset({StatusAlur.DIAJUKAN}),
            StatusAlur.DITETAPKAN,
            Aksi.VERIFIKASI_PKP,
        ),
    )

    class Meta(DokumenTahunan.Meta):
        verbose_name = "penilaian kinerja Puskesmas"
        verbose_name_plural = "penilaian kinerja Puskesmas"

    def __str__(self) -> str:
        return f"PKP {self.tahun}"

    def periksa_siap(self, langkah) -> None:
        """What a step needs beyond its status: every variable scored (and a note where the
        score differs from the suggestion) to submit; every item verified to set."""
        if langkah.nama == "ajukan":
            baris = list(self.baris_manajemen.select_related("variabel"))
            kosong = [n.variabel.kode for n in baris if n.skor is None]
            if kosong:
                raise AlurTidakSah(
                    PESAN_BELUM_DINILAI.format(n=len(kosong), kode=_daftar_kode(kosong))
                )
            for n in baris:
                if n.skor_saran is not None and n.skor != n.skor_saran and not n.catatan.strip():
                    raise AlurTidakSah(PESAN_SARAN_TANPA_CATATAN.format(kode=n.variabel.kode))
        elif langkah.nama == "tetapkan":
            belum = sum(
                baris.filter(status_verifikasi=StatusVerifikasi.BELUM).count()
                for baris in (self.baris_pelayanan, self.baris_manajemen, self.baris_mutu)
            )
            if belum:
                raise AlurTidakSah(PESAN_BELUM_DIVERIFIKASI.format(n=belum))


class StatusVerifikasi(models.TextChoices):
    BELUM = "belum", "Belum diverifikasi"
    SETUJU = "setuju", "Disetujui"
    DIKOREKSI = "dikoreksi", "Dikoreksi"


class NilaiTerverifikasi(Berversi):
    """One item of an assessment: the Puskesmas's value and the verifier's verdict on it.
    The final value is the verifier's correction when there is one, else the Puskesmas's.
    Every change is in the audit history (who, when, old and new value)."""

    penilaian = models.ForeignKey(PenilaianPKP, on_delete=models.CASCADE, related_name="+")
    status_verifikasi = models.CharField(
        "verifikasi",
        max_length=10,
        choices=StatusVerifikasi.choices,
        default=StatusVerifikasi.BELUM,
    )
    catatan_verifikasi = models.TextField("catatan verifikator", blank=True)
    diverifikasi_oleh = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diverifikasi_pada = models.DateTimeField("diverifikasi pada", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "penilaian__puskesmas"

    class Meta:
        abstract = True


class SumberCapaian(models.TextChoices):
    CAPAIAN = "capaian", "Capaian tahunan di aplikasi"
    PWS = "pws", "PWS di aplikasi"
    DIKETIK = "diketik", "Diketik"
    IMPOR = "impor", "Impor Excel"


class NilaiCapaian(NilaiTerverifikasi):
    """Achievement of one indicator (kinerja pelayanan or mutu), in the unit of its target."""

    capaian = models.DecimalField(
        "capaian",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    sumber = models.CharField(
        "sumber data", max_length=10, choices=SumberCapaian.choices, default=SumberCapaian.DIKETIK
    )
    keterangan_sumber = models.CharField("keterangan sumber", max_length=255, blank=True)
    capaian_verifikasi = models.DecimalField(
        "capaian hasil verifikasi",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        abstract = True

    @property
    def capaian_akhir(self) -> Decimal | None:
        if self.status_verifikasi == StatusVerifikasi.DIKOREKSI:
            return self.capaian_verifikasi
        return self.capaian


class NilaiPelayanan(NilaiCapaian):
    penilaian = models.ForeignKey(
        PenilaianPKP, on_delete=models.CASCADE, related_name="baris_pelayanan"
    )
    indikator = models.ForeignKey(IndikatorPelayanan, on_delete=models.PROTECT, related_name="+")

    history = Riwayat()

    class Meta:
        verbose_name = "nilai kinerja pelayanan"
        verbose_name_plural = "nilai kinerja pelayanan"
        ordering = ["indikator__kelompok__urutan", "indikator__urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["penilaian", "indikator"], name="pkp_nilai_pelayanan_unik"
            )
        ]


class NilaiMutu(NilaiCapaian):
    penilaian = models.ForeignKey(PenilaianPKP, on_delete=models.CASCADE, related_name="baris_mutu")
    indikator = models.ForeignKey(IndikatorMutu, on_delete=models.PROTECT, related_name="+")

    history = Riwayat()

    class Meta:
        verbose_name = "nilai mutu pelayanan"
        verbose_name_plural = "nilai mutu pelayanan"
        ordering = ["indikator__urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "indikator"], name="pkp_nilai_mutu_unik")
        ]


SKOR_PILIHAN = [(0, "0"), (4, "4"), (7, "7"), (10, "10")]


class NilaiManajemen(NilaiTerverifikasi):
    """Score 0/4/7/10 of one management variable. ``skor_saran`` and ``alasan_saran`` keep
    the suggestion the app's records supported when the score was saved; a score that
    differs from it needs a ``catatan``."""

    penilaian = models.ForeignKey(
        PenilaianPKP, on_delete=models.CASCADE, related_name="baris_manajemen"
    )
    variabel = models.ForeignKey(VariabelManajemen, on_delete=models.PROTECT, related_name="+")
    skor = models.PositiveSmallIntegerField("nilai", choices=SKOR_PILIHAN, null=True, blank=True)
    skor_saran = models.PositiveSmallIntegerField(
        "nilai yang disarankan", choices=SKOR_PILIHAN, null=True, blank=True
    )
    alasan_saran = models.TextField("alasan saran", blank=True)
    catatan = models.TextField("catatan penilai", blank=True)
    skor_verifikasi = models.PositiveSmallIntegerField(
        "nilai hasil verifikasi", choices=SKOR_PILIHAN, null=True, blank=True
    )

    history = Riwayat()

    class Meta:
        verbose_name = "nilai kinerja manajemen"
        verbose_name_plural = "nilai kinerja manajemen"
        ordering = ["variabel__komponen__urutan", "variabel__urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["penilaian", "variabel"], name="pkp_nilai_manajemen_unik"
            )
        ]

    @property
    def skor_akhir(self) -> int | None:
        if self.status_verifikasi == StatusVerifikasi.DIKOREKSI:
            return self.skor_verifikasi
        return self.skor


class BuktiPKP(models.Model):
    """Evidence of one management score: an uploaded file, a signed document of the
    Puskesmas (SK, RUK, RPK, Renstra, later notulen, audit reports, RTM), or a link to a
    page of the app (a path, never an outside address)."""

    nilai = models.ForeignKey(NilaiManajemen, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField("berkas", upload_to="pkp/bukti/%Y/", blank=True)
    dokumen = models.ForeignKey(
        DokumenTertanda,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dokumen di aplikasi",
    )
    tautan = models.CharField("tautan halaman aplikasi", max_length=300, blank=True)
    keterangan = models.CharField("keterangan", max_length=255)
    dibuat_oleh = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "nilai__penilaian__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "bukti PKP"
        verbose_name_plural = "bukti PKP"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(berkas="") | Q(dokumen__isnull=False) | ~Q(tautan=""),
                name="pkp_bukti_ada_isinya",
            )
        ]

    def __str__(self) -> str:
        return self.keterangan
