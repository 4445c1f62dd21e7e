"""Audit internal (docs/domain.md#audit-internal): the audit team formed by SK of the Kepala
Puskesmas, the annual programme (one row per audit planned in a month), reusable checklists
(daftar tilik), and each audit with its methods, per-criterion results and findings. A
finding's corrective action is the core's one RTL model, linked through ``sumber``."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, DokumenAlur, langkah_standar
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.models import (
    DokumenTahunan,
    Klaster,
    Puskesmas,
    User,
    teks_satu_baris,
)

from ..aturan_audit import LABEL_KATEGORI

__all__ = [
    "AcuanKriteria",
    "AnggotaTimAudit",
    "Audit",
    "ButirTilik",
    "DaftarTilik",
    "HasilKriteria",
    "HasilTilik",
    "JadwalAudit",
    "JenisAudit",
    "MetodeAudit",
    "PeranAuditor",
    "ProgramAudit",
    "StatusAudit",
    "TemuanAudit",
    "TimAudit",
]

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip

PESAN_TIM_KETUA = "SK Tim Audit Internal belum dapat diajukan: tetapkan satu ketua tim."
PESAN_TIM_ANGGOTA = "SK Tim Audit Internal belum dapat diajukan: tambahkan sedikitnya satu anggota."
PESAN_PROGRAM_KOSONG = "Program audit belum dapat diajukan: isi sedikitnya satu jadwal audit."


# --- Tim audit internal ------------------------------------------------------------------


class PeranAuditor(models.TextChoices):
    KETUA = "ketua", "Ketua"
    ANGGOTA = "anggota", "Anggota"


class TimAudit(DokumenAlur, DokumenTahunan):
    """The audit team of a year, formed by SK: drafted by management or the tim mutu,
    signed by the Kepala Puskesmas through the approval workflow."""

    nomor_sk = models.CharField("nomor SK", max_length=100, validators=[teks_satu_baris])
    tanggal_sk = models.DateField("tanggal SK")
    catatan_pengembalian = models.TextField("alasan dikembalikan", blank=True)

    alur = langkah_standar(
        ajukan=Aksi.KELOLA_AUDIT, sahkan=Aksi.SAHKAN, label_sahkan="Tetapkan SK",
        kata_sahkan="ditetapkan",
    )  # fmt: skip

    class Meta(DokumenTahunan.Meta):
        verbose_name = "SK Tim Audit Internal"
        verbose_name_plural = "SK Tim Audit Internal"

    def __str__(self) -> str:
        return f"Tim Audit Internal {self.tahun}"

    def periksa_siap(self, langkah) -> None:
        if langkah.nama != "ajukan":
            return
        peran = list(self.anggota.values_list("peran", flat=True))
        if peran.count(PeranAuditor.KETUA) != 1:
            raise AlurTidakSah(PESAN_TIM_KETUA)
        if PeranAuditor.ANGGOTA not in peran:
            raise AlurTidakSah(PESAN_TIM_ANGGOTA)


class AnggotaTimAudit(models.Model):
    tim = models.ForeignKey(TimAudit, on_delete=models.CASCADE, related_name="anggota")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="nama")
    peran = models.CharField(
        "kedudukan", max_length=10, choices=PeranAuditor.choices, default=PeranAuditor.ANGGOTA
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "tim__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "anggota Tim Audit Internal"
        verbose_name_plural = "anggota Tim Audit Internal"
        ordering = ["peran", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tim", "user"], name="auditor_sekali_per_tim")
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.get_peran_display()})"


# --- Program audit tahunan --------------------------------------------------------------


class JenisAudit(models.TextChoices):
    INPUT = "input", "Input"
    PROSES = "proses", "Proses (PDCA)"
    OUTPUT = "output", "Output"


class AcuanKriteria(models.TextChoices):
    STANDAR = "standar", "Standar"
    SOP = "sop", "SOP"
    SPM = "spm", "SPM"
    AKREDITASI = "akreditasi", "Akreditasi"


class ProgramAudit(DokumenAlur, DokumenTahunan):
    """The year's audit programme (January–December), approved by the Kepala Puskesmas.
    Once approved its rows are the scheduled audits: the auditees are told, and each row is
    an occurrence of the "Audit internal terjadwal" due date."""

    tujuan = models.TextField("tujuan program", blank=True)
    catatan_pengembalian = models.TextField("alasan dikembalikan", blank=True)

    alur = langkah_standar(
        ajukan=Aksi.KELOLA_AUDIT, sahkan=Aksi.SAHKAN, label_sahkan="Setujui program"
    )

    class Meta(DokumenTahunan.Meta):
        verbose_name = "program audit internal"
        verbose_name_plural = "program audit internal"

    def __str__(self) -> str:
        return f"Program Audit Internal {self.tahun}"

    def periksa_siap(self, langkah) -> None:
        if langkah.nama == "ajukan" and not self.jadwal.exists():
            raise AlurTidakSah(PESAN_PROGRAM_KOSONG)


class JadwalAudit(models.Model):
    """One row of the programme: what is audited (a klaster or a unit), which of input,
    process (PDCA) and output, against which criteria, by whom, in which month."""

    program = models.ForeignKey(ProgramAudit, on_delete=models.CASCADE, related_name="jadwal")
    klaster = models.ForeignKey(
        Klaster, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.CharField(
        "unit / lingkup", max_length=150, validators=[teks_satu_baris],
        help_text="Unit layanan atau lingkup yang diaudit, misalnya Ruang KIA.",
    )  # fmt: skip
    jenis = models.JSONField("audit atas", default=list)  # JenisAudit values
    acuan = models.JSONField("kriteria", default=list)  # AcuanKriteria values
    uraian_kriteria = models.TextField("uraian kriteria", blank=True)
    bulan = models.PositiveSmallIntegerField(
        "bulan rencana", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    auditor = models.ManyToManyField(User, related_name="+", verbose_name="auditor")
    auditi = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="auditi (penanggung jawab)"
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "program__puskesmas"
    history = Riwayat(m2m_fields=[auditor])

    class Meta:
        verbose_name = "jadwal audit"
        verbose_name_plural = "jadwal audit"
        ordering = ["bulan", "pk"]

    def __str__(self) -> str:
        return f"{self.lingkup} ({self.nama_bulan} {self.program.tahun})"

    @property
    def lingkup(self) -> str:
        return f"{self.klaster} – {self.unit}" if self.klaster_id else self.unit

    @property
    def nama_bulan(self) -> str:
        return NAMA_BULAN[self.bulan - 1]

    @property
    def label_jenis(self) -> str:
        return ", ".join(JenisAudit(j).label for j in self.jenis)

    @property
    def label_acuan(self) -> str:
        return ", ".join(AcuanKriteria(a).label for a in self.acuan)


# --- Daftar tilik ---------------------------------------------------------------------------


class DaftarTilik(models.Model):
    """A reusable checklist of criteria of a Puskesmas (imported from or exported to Excel)."""

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="daftar_tilik")
    nama = models.CharField("nama daftar tilik", max_length=200, validators=[teks_satu_baris])
    keterangan = models.TextField("keterangan", blank=True)
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "daftar tilik"
        verbose_name_plural = "daftar tilik"
        ordering = ["nama", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["puskesmas", "nama"], name="daftar_tilik_nama_unik")
        ]

    def __str__(self) -> str:
        return self.nama


class ButirTilik(models.Model):
    daftar = models.ForeignKey(DaftarTilik, on_delete=models.CASCADE, related_name="butir")
    nomor = models.PositiveIntegerField("nomor")
    kriteria = models.TextField("kriteria")
    acuan = models.CharField("acuan", max_length=12, choices=AcuanKriteria.choices)
    rujukan = models.CharField(
        "rujukan dokumen", max_length=200, blank=True, validators=[teks_satu_baris]
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "daftar__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "butir daftar tilik"
        verbose_name_plural = "butir daftar tilik"
        ordering = ["nomor", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["daftar", "nomor"], name="butir_tilik_nomor_unik")
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.kriteria[:60]}"


# --- Audit ----------------------------------------------------------------------------------


class MetodeAudit(models.TextChoices):
    TELAAH_DOKUMEN = "telaah_dokumen", "Telaah dokumen"
    PENGAMATAN = "pengamatan", "Pengamatan"
    WAWANCARA = "wawancara", "Wawancara"
    SIMULASI = "simulasi", "Simulasi"
    DAFTAR_TILIK = "daftar_tilik", "Daftar tilik"
    BUKTI = "bukti", "Pemeriksaan bukti"
    PEMERIKSAAN_SILANG = "pemeriksaan_silang", "Pemeriksaan silang"
    SUMBER_LUAR = "sumber_luar", "Sumber luar"


class StatusAudit(models.TextChoices):
    BERJALAN = "berjalan", "Berjalan"
    DITUTUP = "ditutup", "Ditutup"


class Audit(models.Model):
    """One audit carried out from a programme row; closed only by the rule of
    ``pengawasan.aturan_audit`` (every finding settled or carried over)."""

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="audit")
    jadwal = models.OneToOneField(JadwalAudit, on_delete=models.PROTECT, related_name="audit")
    tanggal = models.DateField("tanggal audit")
    daftar_tilik = models.ForeignKey(
        DaftarTilik, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="daftar tilik",
    )  # fmt: skip
    metode = models.JSONField("metode", default=list)  # MetodeAudit values
    kesimpulan = models.TextField("kesimpulan dan rekomendasi", blank=True)
    status = models.CharField(
        "status", max_length=10, choices=StatusAudit.choices, default=StatusAudit.BERJALAN
    )
    ditutup_pada = models.DateField("ditutup pada", null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "audit internal"
        verbose_name_plural = "audit internal"
        ordering = ["-tanggal", "-pk"]

    def __str__(self) -> str:
        return f"Audit {self.jadwal.lingkup} {self.tanggal:%d/%m/%Y}"

    @property
    def ditutup(self) -> bool:
        return self.status == StatusAudit.DITUTUP

    @property
    def label_metode(self) -> str:
        return ", ".join(MetodeAudit(m).label for m in self.metode)

    def pastikan_bisa_diubah(self) -> None:
        if self.ditutup:
            from ..aturan_audit import PESAN_TUTUP_SUDAH

            raise AlurTidakSah(PESAN_TUTUP_SUDAH)


class HasilTilik(models.TextChoices):
    SESUAI = "sesuai", "Sesuai"
    TIDAK_SESUAI = "tidak_sesuai", "Tidak sesuai"
    TIDAK_BERLAKU = "tidak_berlaku", "Tidak berlaku"


class HasilKriteria(models.Model):
    """The result of one criterion in one audit (copied from the checklist when the audit
    starts, so editing the template later does not rewrite a past audit)."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="hasil")
    nomor = models.PositiveIntegerField("nomor")
    kriteria = models.TextField("kriteria")
    acuan = models.CharField("acuan", max_length=12, choices=AcuanKriteria.choices)
    hasil = models.CharField("hasil", max_length=15, choices=HasilTilik.choices, blank=True)
    catatan = models.TextField("catatan", blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "audit__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "hasil kriteria"
        verbose_name_plural = "hasil kriteria"
        ordering = ["nomor", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "nomor"], name="hasil_kriteria_nomor_unik")
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.kriteria[:60]}"


class TemuanAudit(models.Model):
    """A finding: what was found against which criterion, its evidence and analysis; its RTL
    are ``puskesmas.RTL`` rows whose ``sumber`` is this finding."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="temuan")
    nomor = models.PositiveIntegerField("nomor")
    kategori = models.CharField(
        "kategori", max_length=10, choices=[(k.value, v) for k, v in LABEL_KATEGORI.items()]
    )
    kriteria = models.ForeignKey(
        HasilKriteria, on_delete=models.SET_NULL, null=True, blank=True, related_name="temuan",
        verbose_name="kriteria daftar tilik",
    )  # fmt: skip
    uraian = models.TextField("uraian temuan")
    bukti = models.TextField("bukti objektif")
    analisis = models.TextField("analisis penyebab", blank=True)
    dibawa = models.BooleanField("dibawa ke audit berikutnya", default=False)
    alasan_dibawa = models.TextField("alasan dibawa", blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "audit__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "temuan audit"
        verbose_name_plural = "temuan audit"
        ordering = ["nomor", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "nomor"], name="temuan_audit_nomor_unik")
        ]

    def __str__(self) -> str:
        return f"Temuan audit {self.nomor}: {self.uraian[:60]}"

    def pastikan_bisa_diubah(self) -> None:
        """RTL are raised on a finding only while its audit is open (``rtl_buat``)."""
        self.audit.pastikan_bisa_diubah()
