"""P2 Penggerakan dan Pelaksanaan.

Sections (each part of P2 keeps to its own):

* Lokakarya Mini: the meeting, its peserta, notulen per klaster, reviews of earlier RTL
  (the RTL themselves are the core's one model, ``puskesmas.RTL``);
* Realisasi RPK: what was done of each RPK activity, month by month;
* PWS and PIS-PK: below, in their own sections.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from perencanaan.models import KegiatanRPK
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, DokumenAlur, StatusAlur, langkah_standar
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.models import RTL, Klaster, Puskesmas, User, tahun_validators, teks_satu_baris

from . import kalender
from .kalender import JenisLokmin

bulan_validators = [MinValueValidator(1), MaxValueValidator(12)]

# --- Lokakarya Mini ---------------------------------------------------------------------

PESAN_SIAP_UNDANGAN = "Lokmin belum dapat diajukan: catat dulu tanggal undangan dikirim."
PESAN_SIAP_HADIR = "Lokmin belum dapat diajukan: catat dulu kehadiran peserta."
PESAN_SIAP_NOTULEN = "Lokmin belum dapat diajukan: notulen belum diisi untuk {klaster}."
PESAN_SIAP_TINJAUAN = "Lokmin belum dapat diajukan: {jumlah} RTL Lokmin sebelumnya belum ditinjau."


class Lokmin(DokumenAlur):
    """One Lokakarya Mini (bulanan or tribulanan) of a Puskesmas, for one month.

    Workflow: draft → diajukan (the notulis) → disahkan by the Kepala Puskesmas, shown as
    *selesai*; from then on it is locked, with its notulen and the RTL it raised.
    """

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="lokmin")
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    bulan = models.PositiveSmallIntegerField("bulan", validators=bulan_validators)
    jenis = models.CharField(
        "jenis",
        max_length=10,
        choices=[(k.value, v) for k, v in kalender.LABEL_JENIS.items()],
    )
    tanggal = models.DateField("tanggal pelaksanaan")
    waktu = models.CharField("waktu", max_length=50, blank=True, validators=[teks_satu_baris])
    tempat = models.CharField("tempat", max_length=200, validators=[teks_satu_baris])
    agenda = models.TextField("agenda", help_text="Satu butir per baris.")
    undangan_nomor = models.CharField(
        "nomor undangan", max_length=100, blank=True, validators=[teks_satu_baris]
    )
    undangan_dikirim = models.DateField("tanggal undangan dikirim", null=True, blank=True)
    # January bulanan: the Kepala's POA briefing and the staff agreement.
    pengarahan_poa = models.TextField("pengarahan POA oleh Kepala Puskesmas", blank=True)
    kesepakatan_pegawai = models.TextField("kesepakatan pegawai", blank=True)
    # Tribulanan: the support problems of each sector; the first of the year, the
    # cross-sector commitment.
    masalah_sektor = models.TextField("hambatan dan masalah dukungan tiap sektor", blank=True)
    komitmen_lintas_sektor = models.TextField("komitmen lintas sektor", blank=True)
    catatan_pengembalian = models.TextField("alasan dikembalikan", blank=True)

    alur = langkah_standar(
        ajukan=Aksi.SUSUN_LOKMIN, sahkan=Aksi.SAHKAN, label_sahkan="Setujui (selesai)",
        kata_sahkan="disetujui",
    )  # fmt: skip

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "Lokmin"
        verbose_name_plural = "Lokmin"
        ordering = ["-tahun", "-bulan", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["puskesmas", "tahun", "bulan", "jenis"], name="lokmin_satu_per_bulan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label_jenis} {self.nama_bulan} {self.tahun}"

    @property
    def label_jenis(self) -> str:
        return kalender.LABEL_JENIS[JenisLokmin(self.jenis)]

    @property
    def nama_bulan(self) -> str:
        return kalender.label_kejadian(kalender.kode_kejadian(self.bulan))

    @property
    def bulanan(self) -> bool:
        return self.jenis == JenisLokmin.BULANAN

    @property
    def label_status(self) -> str:
        """Approved by the Kepala is what the P2 cycle calls *selesai*."""
        if self.status == StatusAlur.DISAHKAN:
            return "Selesai (disetujui Kepala Puskesmas)"
        return self.get_status_display()

    @property
    def peringatan_undangan(self) -> str | None:
        return kalender.peringatan_undangan(dikirim=self.undangan_dikirim, rapat=self.tanggal)

    def periksa_siap(self, langkah) -> None:
        """Submitted only complete: undangan sent, attendance recorded, a notulen for every
        klaster, every earlier RTL still open reviewed (rubric 1.1.4/1.1.5: the Lokmin
        follows up the previous one's RTL)."""
        if langkah.nama != "ajukan":
            return
        if self.undangan_dikirim is None:
            raise AlurTidakSah(PESAN_SIAP_UNDANGAN)
        if not self.peserta.filter(hadir=True).exists():
            raise AlurTidakSah(PESAN_SIAP_HADIR)
        terisi = set(self.notulen.exclude(isi="").values_list("klaster_id", flat=True))
        kurang = [str(k) for k in Klaster.objects.order_by("nomor") if k.pk not in terisi]
        if kurang:
            raise AlurTidakSah(PESAN_SIAP_NOTULEN.format(klaster=", ".join(kurang)))
        from .selectors.lokmin import rtl_belum_ditinjau

        belum = rtl_belum_ditinjau(self)
        if belum:
            raise AlurTidakSah(PESAN_SIAP_TINJAUAN.format(jumlah=belum))


class KategoriPeserta(models.TextChoices):
    INTERNAL = "internal", "Pegawai Puskesmas"
    JARINGAN = "jaringan", "Jaringan (Pustu, Posyandu, bidan desa)"
    JEJARING = "jejaring", "Jejaring (klinik, praktik mandiri, apotek, laboratorium)"
    LINTAS_SEKTOR = "lintas_sektor", "Lintas sektor"


class PesertaLokmin(models.Model):
    """Someone invited: a user of the Puskesmas, or an outsider by name, jabatan and
    instansi (not an account). ``hadir`` is the attendance recorded at the meeting."""

    lokmin = models.ForeignKey(Lokmin, on_delete=models.CASCADE, related_name="peserta")
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nama = models.CharField("nama", max_length=150, validators=[teks_satu_baris])
    jabatan = models.CharField("jabatan", max_length=150, blank=True, validators=[teks_satu_baris])
    instansi = models.CharField(
        "instansi", max_length=150, blank=True, validators=[teks_satu_baris]
    )
    kategori = models.CharField("kategori", max_length=15, choices=KategoriPeserta.choices)
    hadir = models.BooleanField("hadir", default=False)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "lokmin__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "peserta Lokmin"
        verbose_name_plural = "peserta Lokmin"
        ordering = ["kategori", "nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lokmin", "user"], condition=Q(user__isnull=False), name="peserta_sekali"
            )
        ]

    def __str__(self) -> str:
        return self.nama


class NotulenKlaster(models.Model):
    """What one klaster presented and what was agreed, at one Lokmin."""

    lokmin = models.ForeignKey(Lokmin, on_delete=models.CASCADE, related_name="notulen")
    klaster = models.ForeignKey(Klaster, on_delete=models.PROTECT, related_name="+")
    isi = models.TextField("notulen", blank=True)
    diisi_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "lokmin__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "notulen klaster"
        verbose_name_plural = "notulen klaster"
        ordering = ["klaster__nomor"]
        constraints = [
            models.UniqueConstraint(fields=["lokmin", "klaster"], name="notulen_per_klaster")
        ]

    def __str__(self) -> str:
        return f"{self.lokmin} – {self.klaster}"


class KeputusanTinjauan(models.TextChoices):
    PROGRES = "progres", "Progres dicatat"
    DILANJUTKAN = "dilanjutkan", "Dilanjutkan (batas baru)"
    SELESAI = "selesai", "Ditutup dengan bukti"


class TinjauanRTL(models.Model):
    """A Lokmin's review of an RTL raised earlier: progress noted, carried on with a new due
    date, or closed (its follow-up recorded with evidence)."""

    lokmin = models.ForeignKey(Lokmin, on_delete=models.CASCADE, related_name="tinjauan")
    rtl = models.ForeignKey(RTL, on_delete=models.PROTECT, related_name="tinjauan_lokmin")
    keputusan = models.CharField("keputusan", max_length=12, choices=KeputusanTinjauan.choices)
    catatan = models.TextField("catatan")
    status_rtl = models.CharField("status RTL saat ditinjau", max_length=20)
    oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "lokmin__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "tinjauan RTL"
        verbose_name_plural = "tinjauan RTL"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["lokmin", "rtl"], name="tinjauan_sekali")]

    def __str__(self) -> str:
        return f"{self.rtl} ({self.get_keputusan_display()})"


# --- Realisasi RPK ----------------------------------------------------------------------


class RealisasiRPK(models.Model):
    """What was done of one RPK activity in one month, entered by its PJ klaster."""

    kegiatan = models.ForeignKey(KegiatanRPK, on_delete=models.CASCADE, related_name="realisasi")
    bulan = models.PositiveSmallIntegerField("bulan", validators=bulan_validators)
    terlaksana = models.BooleanField("terlaksana")
    alasan = models.TextField("alasan tidak terlaksana", blank=True)
    volume = models.PositiveIntegerField("volume terealisasi", default=0)
    biaya = models.DecimalField(
        "anggaran terserap (Rp)", max_digits=15, decimal_places=0, default=Decimal(0)
    )
    diisi_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    diisi_pada = models.DateTimeField("diisi pada", auto_now=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "kegiatan__rpk__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "realisasi RPK"
        verbose_name_plural = "realisasi RPK"
        ordering = ["kegiatan", "bulan"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "bulan"], name="realisasi_per_bulan"),
            models.CheckConstraint(condition=Q(biaya__gte=0), name="realisasi_biaya_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan} ({self.bulan})"


# --- PWS: in its own module, imported here so Django finds the models -------------------

# --- PIS-PK -----------------------------------------------------------------------------
from .models_pispk import KeluargaPISPK, LangkahPISPK  # noqa: E402, F401
from .models_pws import LembarPWS, NilaiPWS  # noqa: E402, F401
