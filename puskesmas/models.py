"""Core domain: where a Puskesmas sits, who works there, and in which role."""

import unicodedata

from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from .alat.querysets import NotifikasiQuerySet, ScopedQuerySet
from .alat.riwayat import Riwayat
from .alat.rtl import LABEL_HASIL, LABEL_JENIS, LABEL_STATUS, TERBUKA, StatusRTL
from .choices import (
    PERAN_KABUPATEN,
    PERAN_NASIONAL,
    PERAN_PUSKESMAS,
    JenisDesa,
    JenisKabupaten,
    KategoriSasaran,
    Peran,
)

nip_validator = RegexValidator(r"^\d{18}$", "NIP terdiri dari 18 angka tanpa spasi.")
# The range of a planning year (shared with the module apps' year fields).
tahun_validators = [MinValueValidator(2000), MaxValueValidator(2100)]

# Unicode categories that are not visible text on one line: controls (newline, tab),
# format characters (bidi overrides reorder what is shown), surrogates, private use,
# unassigned code points, and line/paragraph separators.
_BUKAN_TEKS_SATU_BARIS = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def teks_satu_baris(nilai: str) -> None:
    """Names printed in the kop, footer and signature of official documents are one line
    of printable text: a newline or an invisible character there would break the layout of
    a signed SK or make it show something other than what was entered."""
    if any(unicodedata.category(c) in _BUKAN_TEKS_SATU_BARIS for c in nilai):
        raise ValidationError(
            "Harus satu baris teks biasa, tanpa baris baru, tab, atau karakter tak terlihat.",
            code="satu_baris",
        )


class Berversi(models.Model):
    """Optimistic locking: a form carries the version it was opened at, and saving an
    older version is refused (see ``services.simpan_berversi``), so two people editing the
    same record never overwrite each other silently."""

    versi = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Provinsi(models.Model):
    kode = models.CharField("kode", max_length=2, unique=True)
    nama = models.CharField("nama", max_length=100)

    history = Riwayat()

    class Meta:
        verbose_name = "provinsi"
        verbose_name_plural = "provinsi"
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class Kabupaten(models.Model):
    """A kabupaten/kota, with its Dinas Kesehatan (the supervising office)."""

    provinsi = models.ForeignKey(Provinsi, on_delete=models.PROTECT, related_name="kabupaten")
    kode = models.CharField("kode", max_length=4, unique=True)
    nama = models.CharField("nama", max_length=100, validators=[teks_satu_baris])
    jenis = models.CharField(
        "jenis", max_length=10, choices=JenisKabupaten.choices, default=JenisKabupaten.KABUPATEN
    )
    nama_dinkes = models.CharField(
        "nama Dinas Kesehatan", max_length=150, validators=[teks_satu_baris]
    )
    alamat_dinkes = models.CharField(
        "alamat Dinas Kesehatan", max_length=255, blank=True, validators=[teks_satu_baris]
    )
    kepala_dinkes_nama = models.CharField(
        "nama Kepala Dinas", max_length=150, blank=True, validators=[teks_satu_baris]
    )
    kepala_dinkes_nip = models.CharField(
        "NIP Kepala Dinas", max_length=18, blank=True, validators=[nip_validator]
    )

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = ""  # the object is the kabupaten itself
    history = Riwayat()

    class Meta:
        verbose_name = "kabupaten/kota"
        verbose_name_plural = "kabupaten/kota"
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class Kecamatan(models.Model):
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="kecamatan")
    kode = models.CharField("kode", max_length=7, unique=True)
    nama = models.CharField("nama", max_length=100, validators=[teks_satu_baris])

    history = Riwayat()

    class Meta:
        verbose_name = "kecamatan"
        verbose_name_plural = "kecamatan"
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class Klaster(models.Model):
    """The five ILP klaster; reference data loaded by a migration."""

    nomor = models.PositiveSmallIntegerField(
        "nomor", unique=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    nama = models.CharField("nama", max_length=100)

    history = Riwayat()

    class Meta:
        verbose_name = "klaster"
        verbose_name_plural = "klaster"
        ordering = ["nomor"]

    def __str__(self) -> str:
        return f"Klaster {self.nomor} {self.nama}"


class TahunPerencanaan(models.Model):
    """A year of the management cycle; one is active (the default everywhere)."""

    tahun = models.PositiveSmallIntegerField(
        "tahun", unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    aktif = models.BooleanField("tahun berjalan", default=False)

    history = Riwayat()

    class Meta:
        verbose_name = "tahun perencanaan"
        verbose_name_plural = "tahun perencanaan"
        ordering = ["-tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["aktif"], condition=Q(aktif=True), name="satu_tahun_aktif"
            )
        ]

    def __str__(self) -> str:
        return str(self.tahun)


class Puskesmas(Berversi):
    kode = models.CharField(
        "kode Puskesmas",
        max_length=20,
        unique=True,
        help_text="Kode registrasi Puskesmas dari Kemenkes.",
    )
    nama = models.CharField("nama", max_length=150, validators=[teks_satu_baris])
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="puskesmas")
    # Copied from the kecamatan on save: tenancy filters on it without two joins.
    kabupaten = models.ForeignKey(
        Kabupaten, on_delete=models.PROTECT, related_name="puskesmas", editable=False
    )
    rawat_inap = models.BooleanField("rawat inap", default=False)
    alamat = models.CharField("alamat", max_length=255, validators=[teks_satu_baris])
    telepon = models.CharField("telepon", max_length=30, blank=True, validators=[teks_satu_baris])
    email = models.EmailField("e-mail", blank=True)
    kepala_nama = models.CharField(
        "nama Kepala Puskesmas", max_length=150, blank=True, validators=[teks_satu_baris]
    )
    kepala_nip = models.CharField(
        "NIP Kepala Puskesmas", max_length=18, blank=True, validators=[nip_validator]
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = ""  # the object is the Puskesmas itself
    history = Riwayat()

    class Meta:
        verbose_name = "Puskesmas"
        verbose_name_plural = "Puskesmas"
        ordering = ["nama"]

    def __str__(self) -> str:
        return f"Puskesmas {self.nama}"

    def save(self, *args, **kwargs):
        self.kabupaten_id = Kecamatan.objects.values_list("kabupaten_id", flat=True).get(
            pk=self.kecamatan_id
        )
        super().save(*args, **kwargs)


class DokumenTahunan(models.Model):
    """Abstract base of a document a Puskesmas makes once a year: Tim Perencanaan, RUK,
    RPK, and the yearly documents of Lokmin, Pengawasan and PKP as they come.

    It lives in the core app, beside ``Puskesmas`` and ``Berversi``, because every module
    app builds on this one and a yearly document is owned by the Puskesmas defined here.
    Declaring the owner, the scope, the audit trail and the one-per-year rule once keeps
    those documents from drifting apart:

    * ``tenant_puskesmas_path`` with the ``ScopedQuerySet`` manager, so
      ``objects.for_user(user)`` holds only the documents the user may see;
    * audit history (``inherit=True``: each subclass gets its own historical model, with
      the same name and table a per-model ``Riwayat()`` would give it);
    * a database constraint, ``<model>_unik``, refusing a second document of the same kind
      for the same Puskesmas and year. It is the guarantee; services still lock before
      creating one (``services.kunci_puskesmas``) so a double click gets one document
      rather than an error.

    A subclass writes ``class Meta(DokumenTahunan.Meta)``: a plain ``Meta`` would drop the
    ordering and the constraint. It declares no ``history`` of its own (the base's already
    registers it), and may override a field, e.g. to give ``tahun`` a more precise label.
    The reverse accessor is the model name in lower case (``puskesmas.ruk``).

    Not every model with a year is one: the Renstra spans five years from ``tahun_mulai``,
    the targets of a year come in revisions, problems and achievements are many rows.
    """

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="%(class)s")
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat(inherit=True)

    class Meta:
        abstract = True
        ordering = ["-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["puskesmas", "tahun"], name="%(class)s_unik")
        ]


class Desa(Berversi):
    """A desa/kelurahan of a Puskesmas's wilayah kerja."""

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="desa")
    kode = models.CharField("kode", max_length=13)
    nama = models.CharField("nama", max_length=100)
    jenis = models.CharField("jenis", max_length=10, choices=JenisDesa.choices, default="desa")

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "desa/kelurahan"
        verbose_name_plural = "desa/kelurahan"
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(fields=["puskesmas", "kode"], name="desa_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nama}"


class SasaranDesa(models.Model):
    """Population figures of a desa for one year: the denominators PWS and targets use."""

    desa = models.ForeignKey(Desa, on_delete=models.CASCADE, related_name="sasaran")
    tahun = models.PositiveSmallIntegerField(
        "tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kategori = models.CharField("kategori", max_length=30, choices=KategoriSasaran.choices)
    jumlah = models.PositiveIntegerField("jumlah")

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "desa__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "sasaran desa"
        verbose_name_plural = "sasaran desa"
        ordering = ["desa__nama", "tahun", "kategori"]
        constraints = [
            models.UniqueConstraint(fields=["desa", "tahun", "kategori"], name="sasaran_desa_unik"),
        ]

    def __str__(self) -> str:
        # No desa name here: history lists show many rows and must not query per row.
        return f"{self.get_kategori_display()} {self.tahun}: {self.jumlah}"


class Pustu(Berversi):
    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="pustu")
    nama = models.CharField("nama", max_length=100)
    desa = models.ForeignKey(
        Desa,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pustu",
        verbose_name="desa/kelurahan",
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "Pustu"
        verbose_name_plural = "Pustu"
        ordering = ["nama"]

    def __str__(self) -> str:
        return f"Pustu {self.nama}"


class User(AbstractUser):
    nama_lengkap = models.CharField("nama lengkap", max_length=150, validators=[teks_satu_baris])
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[nip_validator])
    jabatan = models.CharField("jabatan", max_length=150, blank=True, validators=[teks_satu_baris])

    history = Riwayat(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def __str__(self) -> str:
        return self.nama_lengkap or self.username

    def get_full_name(self) -> str:
        return self.nama_lengkap or self.username


class PenugasanPeran(models.Model):
    """One role held by one user in one scope. A person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="peran")
    peran = models.CharField("peran", max_length=30, choices=Peran.choices)
    puskesmas = models.ForeignKey(
        Puskesmas, on_delete=models.CASCADE, null=True, blank=True, related_name="penugasan"
    )
    kabupaten = models.ForeignKey(
        Kabupaten, on_delete=models.CASCADE, null=True, blank=True, related_name="penugasan"
    )
    klaster = models.ForeignKey(
        Klaster, on_delete=models.PROTECT, null=True, blank=True, related_name="penugasan"
    )

    # Puskesmas-level roles show in that Puskesmas's history ("who was given which role").
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "penugasan peran"
        verbose_name_plural = "penugasan peran"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        peran__in=sorted(PERAN_PUSKESMAS),
                        puskesmas__isnull=False,
                        kabupaten__isnull=True,
                    )
                    | Q(
                        peran__in=sorted(PERAN_KABUPATEN),
                        kabupaten__isnull=False,
                        puskesmas__isnull=True,
                    )
                    | Q(
                        peran__in=sorted(PERAN_NASIONAL),
                        kabupaten__isnull=True,
                        puskesmas__isnull=True,
                    )
                ),
                name="penugasan_lingkup_sesuai_peran",
            ),
            models.CheckConstraint(
                condition=Q(peran=Peran.PJ_KLASTER, klaster__isnull=False)
                | (~Q(peran=Peran.PJ_KLASTER) & Q(klaster__isnull=True)),
                name="penugasan_klaster_hanya_pj",
            ),
            # One row per role and scope. Partial indexes rather than NULLS NOT DISTINCT,
            # which SQLite (the embedded default) does not support.
            models.UniqueConstraint(
                fields=["user", "peran", "puskesmas"],
                condition=Q(puskesmas__isnull=False, klaster__isnull=True),
                name="penugasan_unik_puskesmas",
            ),
            models.UniqueConstraint(
                fields=["user", "peran", "puskesmas", "klaster"],
                condition=Q(klaster__isnull=False),
                name="penugasan_unik_klaster",
            ),
            models.UniqueConstraint(
                fields=["user", "peran", "kabupaten"],
                condition=Q(kabupaten__isnull=False),
                name="penugasan_unik_kabupaten",
            ),
            models.UniqueConstraint(
                fields=["user", "peran"],
                condition=Q(puskesmas__isnull=True, kabupaten__isnull=True),
                name="penugasan_unik_nasional",
            ),
        ]

    def __str__(self) -> str:
        lingkup = self.puskesmas or self.kabupaten or "Nasional"
        label = self.get_peran_display()
        if self.klaster_id:
            label = f"{label} {self.klaster}"
        return f"{label} — {lingkup}"


class Notifikasi(models.Model):
    """An in-app message to one user; ``kunci`` makes a reminder arrive exactly once."""

    penerima = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifikasi")
    judul = models.CharField("judul", max_length=200)
    pesan = models.TextField("pesan", blank=True)
    tautan = models.CharField("tautan", max_length=300, blank=True)
    kunci = models.CharField("kunci", max_length=200, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)
    kirim_email = models.BooleanField("kirim e-mail", default=False)
    email_terkirim_pada = models.DateTimeField("e-mail terkirim", null=True, blank=True)

    objects = NotifikasiQuerySet.as_manager()

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["penerima", "kunci"], condition=~Q(kunci=""), name="notifikasi_sekali"
            )
        ]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"], name="notifikasi_belum_dibaca")]

    def __str__(self) -> str:
        return self.judul


class JejakAlur(models.Model):
    """One step of an approval workflow: who moved which document from where to where, why."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    langkah = models.CharField("langkah", max_length=30)
    dari = models.CharField("dari status", max_length=20)
    ke = models.CharField("ke status", max_length=20)
    oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="oleh")
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "jejak persetujuan"
        verbose_name_plural = "jejak persetujuan"
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="jejak_objek")]

    def __str__(self) -> str:
        return f"{self.langkah} oleh {self.oleh} ({self.dari} → {self.ke})"

    @property
    def ke_label(self) -> str:
        from .alat.alur import StatusAlur

        return StatusAlur(self.ke).label if self.ke in StatusAlur.values else self.ke


class TugasLatar(models.Model):
    """A long job (a big import, a batch of PDFs) run by Celery, with progress for the UI."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        BERJALAN = "berjalan", "Berjalan"
        BERHASIL = "berhasil", "Berhasil"
        GAGAL = "gagal", "Gagal"

    jenis = models.CharField("jenis", max_length=50)
    puskesmas = models.ForeignKey(
        Puskesmas, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kabupaten = models.ForeignKey(
        Kabupaten, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    dibuat_oleh = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    progres = models.PositiveSmallIntegerField("progres (%)", default=0)
    pesan = models.CharField("pesan", max_length=300, blank=True)
    parameter = models.JSONField("parameter", default=dict, blank=True)
    galat = models.JSONField("galat", default=list, blank=True)
    berkas_masuk = models.FileField(upload_to="tugas/masuk/%Y/%m/", blank=True)
    berkas_hasil = models.FileField(upload_to="tugas/hasil/%Y/%m/", blank=True)
    tautan_hasil = models.CharField(max_length=300, blank=True)
    # Last sign of life of a running job (start, every progress step): a job "berjalan"
    # whose worker died stops beating, and puskesmas.alat.pemulihan marks it failed.
    denyut = models.DateTimeField("denyut terakhir", null=True, blank=True, editable=False)

    objects = NotifikasiQuerySet.as_manager()  # scoped to the user who started it

    class Meta:
        verbose_name = "tugas latar"
        verbose_name_plural = "tugas latar"
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.jenis} ({self.get_status_display()}, {self.progres}%)"

    @property
    def selesai(self) -> bool:
        return self.status in {self.Status.BERHASIL, self.Status.GAGAL}


class DokumenTertanda(models.Model):
    """The record of one signature or approval: what was signed, its SHA-256, and the
    public verification code printed on the document (see ``puskesmas.alat.tanda_tangan``).

    Written once when a document is signed and never edited afterwards, except to mark it
    superseded (``digantikan``); the signer is kept as signed, so a later change of Kepala
    or of the document itself cannot change what the code verifies.
    """

    class Status(models.TextChoices):
        BERLAKU = "berlaku", "Berlaku"
        DIGANTIKAN = "digantikan", "Digantikan"

    kode = models.CharField("kode verifikasi", max_length=40, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    objek = GenericForeignKey("content_type", "object_id")
    jenis = models.CharField("jenis dokumen", max_length=100)
    perihal = models.CharField("perihal", max_length=255, blank=True)
    nomor = models.CharField("nomor", max_length=100, blank=True)
    tanggal = models.DateField("tanggal")
    puskesmas = models.ForeignKey(
        Puskesmas, on_delete=models.PROTECT, related_name="dokumen_tertanda"
    )
    penandatangan_nama = models.CharField("nama penanda tangan", max_length=150)
    penandatangan_jabatan = models.CharField("jabatan penanda tangan", max_length=150)
    penandatangan_nip = models.CharField("NIP penanda tangan", max_length=18, blank=True)
    ditandatangani_oleh = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    isi = models.JSONField("isi yang ditandatangani")
    sha256 = models.CharField("SHA-256 isi", max_length=64)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.BERLAKU
    )
    digantikan_oleh = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="menggantikan"
    )
    digantikan_pada = models.DateTimeField("digantikan pada", null=True, blank=True)
    dibuat_pada = models.DateTimeField("ditandatangani pada", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    # The snapshot never changes; keeping a copy of it in every history row would only
    # repeat the largest column.
    history = Riwayat(excluded_fields=["isi"])

    class Meta:
        verbose_name = "dokumen tertanda"
        verbose_name_plural = "dokumen tertanda"
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="tertanda_objek")]

    def __str__(self) -> str:
        nomor = f" {self.nomor}" if self.nomor else ""
        return f"{self.jenis}{nomor}"

    @property
    def berlaku(self) -> bool:
        return self.status == self.Status.BERLAKU


class TenggatKabupaten(models.Model):
    """A kabupaten's own due date of one kind of *tenggat* (``puskesmas.alat.tenggat_daftar``)
    for one year and occurrence; without one the kind's policy date applies.

    ``jenis`` is a registered kind's code and not a choice list, so an app registers a kind
    without a migration of the core; ``kejadian`` is "" for a kind due once a year.
    """

    kabupaten = models.ForeignKey(
        Kabupaten, on_delete=models.CASCADE, related_name="tenggat_sendiri"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    jenis = models.CharField("jenis", max_length=40)
    kejadian = models.CharField("kejadian", max_length=20, blank=True, default="")
    tanggal = models.DateField("tanggal jatuh tempo")

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "kabupaten"
    history = Riwayat()

    class Meta:
        verbose_name = "tenggat kabupaten"
        verbose_name_plural = "tenggat kabupaten"
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten", "tahun", "jenis", "kejadian"], name="tenggat_kabupaten_unik"
            )
        ]

    def __str__(self) -> str:
        kejadian = f" ({self.kejadian})" if self.kejadian else ""
        return f"{self.jenis}{kejadian} {self.tahun}: {self.tanggal}"


# --- RTL (rencana tindak lanjut) ---------------------------------------------------------
# One corrective-action model for every part of the cycle (Lokmin now; supervisi, audit,
# RTM, complaints, pengendalian and PKP later). The core never imports an app: the record
# that raised an RTL is linked by a generic relation, with a label kept for pages and PDFs.
# Lifecycle rules: ``alat/rtl.py``; writes: ``services/rtl.py``.


def _pilihan(label: dict) -> list[tuple[str, str]]:
    return [(k.value, v) for k, v in label.items()]


class RTL(models.Model):
    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="rtl")
    sumber_jenis = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True
    )
    sumber_id = models.PositiveBigIntegerField(null=True, blank=True)
    sumber = GenericForeignKey("sumber_jenis", "sumber_id")
    sumber_label = models.CharField("sumber", max_length=200)
    klaster = models.ForeignKey(
        Klaster, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    masalah = models.TextField("masalah")
    penyebab = models.TextField("penyebab", blank=True)
    jenis = models.CharField(
        "jenis tindakan", max_length=12, choices=_pilihan(LABEL_JENIS), default="korektif"
    )
    rencana = models.TextField("rencana tindak lanjut")
    pj = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rtl",
        verbose_name="penanggung jawab (pegawai)",
    )
    pj_instansi = models.CharField(
        "penanggung jawab (instansi)", max_length=150, blank=True, validators=[teks_satu_baris]
    )
    batas = models.DateField("batas waktu")
    status = models.CharField(
        "status", max_length=20, choices=_pilihan(LABEL_STATUS), default=StatusRTL.BELUM.value
    )
    catatan_progres = models.TextField("catatan progres", blank=True)
    tindak_lanjut = models.TextField("tindak lanjut yang dilakukan", blank=True)
    tanggal_tindak_lanjut = models.DateField("tanggal tindak lanjut", null=True, blank=True)
    tanggal_evaluasi = models.DateField("tanggal evaluasi", null=True, blank=True)
    hasil_evaluasi = models.CharField(
        "hasil evaluasi", max_length=15, choices=_pilihan(LABEL_HASIL), blank=True
    )
    catatan_evaluasi = models.TextField("catatan evaluasi", blank=True)
    alasan_dihentikan = models.TextField("alasan tidak dilanjutkan", blank=True)
    asal = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lanjutan",
        verbose_name="lanjutan dari RTL",
    )
    dibuat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "RTL"
        verbose_name_plural = "RTL"
        ordering = ["batas", "pk"]
        indexes = [
            models.Index(fields=["sumber_jenis", "sumber_id"], name="rtl_sumber"),
            models.Index(fields=["puskesmas", "status", "batas"], name="rtl_papan"),
        ]

    def __str__(self) -> str:
        return self.masalah[:80]

    @property
    def nama_pj(self) -> str:
        return str(self.pj) if self.pj_id else self.pj_instansi

    @property
    def terbuka(self) -> bool:
        return self.status in TERBUKA


class BuktiRTL(models.Model):
    """An evidence file of an RTL's follow-up (photo, daftar hadir, report)."""

    rtl = models.ForeignKey(RTL, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField("berkas", upload_to="rtl/bukti/%Y/")
    nama = models.CharField("nama berkas", max_length=200)
    diunggah_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "rtl__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "bukti RTL"
        verbose_name_plural = "bukti RTL"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.nama
