"""P3 registers and the quality programme: complaints (with the media a Puskesmas offers),
satisfaction surveys (IKM), the risk register, the Tim Mutu (SK, uraian tugas, yearly
evaluation) and the rencana program mutu dan keselamatan pasien with its realisation.

The rules (IKM, risk level, a complaint's status, the Tim Mutu's areas) are pure functions
in ``pengawasan.aturan_register``; every write goes through ``pengawasan.services.register``.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import DokumenAlur, langkah_standar
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.models import Berversi, DokumenTahunan, Puskesmas, User, tahun_validators

from .. import aturan_register as aturan

__all__ = [
    "MediaPengaduan",
    "JenisMedia",
    "StatusPengaduan",
    "Pengaduan",
    "SurveiKepuasan",
    "AreaRisiko",
    "StatusRisiko",
    "Risiko",
    "BidangMutu",
    "KedudukanMutu",
    "TimMutu",
    "AnggotaTimMutu",
    "EvaluasiTimMutu",
    "SumberDanaMutu",
    "RealisasiMutu",
    "RencanaProgramMutu",
    "KegiatanMutu",
]


class JenisMedia(models.TextChoices):
    KOTAK_SARAN = "kotak_saran", "Kotak saran"
    SMS = "sms", "SMS"
    EMAIL = "email", "E-mail"
    WA = "wa", "WhatsApp"
    TELEPON = "telepon", "Telepon"
    LANGSUNG = "langsung", "Langsung (tatap muka)"


class StatusPengaduan(models.TextChoices):
    BARU = aturan.BARU, "Diterima"
    DIANALISIS = aturan.DIANALISIS, "Dianalisis"
    DITINDAKLANJUTI = aturan.DITINDAKLANJUTI, "Ditindaklanjuti"
    SELESAI = aturan.SELESAI, "Selesai"


class MediaPengaduan(models.Model):
    """One complaint channel a Puskesmas provides in a year (its number, address, place)."""

    puskesmas = models.ForeignKey(
        Puskesmas, on_delete=models.CASCADE, related_name="media_pengaduan"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    media = models.CharField("media", max_length=20, choices=JenisMedia.choices)
    keterangan = models.CharField(
        "keterangan", max_length=200, blank=True, help_text="Nomor, alamat atau letaknya."
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "media pengaduan"
        verbose_name_plural = "media pengaduan"
        ordering = ["tahun", "media"]
        constraints = [
            models.UniqueConstraint(
                fields=["puskesmas", "tahun", "media"], name="media_pengaduan_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_media_display()} {self.tahun}"


class Pengaduan(Berversi):
    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="pengaduan")
    tanggal = models.DateField("tanggal diterima")
    media = models.CharField("media", max_length=20, choices=JenisMedia.choices)
    isi = models.TextField("isi pengaduan")
    analisis = models.TextField("analisis", blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=StatusPengaduan.choices,
        default=StatusPengaduan.BARU,
        editable=False,
    )
    dicatat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "pengaduan"
        verbose_name_plural = "pengaduan"
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["puskesmas", "tanggal"], name="pengaduan_pkm_tanggal")]

    def __str__(self) -> str:
        return f"Pengaduan {self.tanggal:%d-%m-%Y} ({self.get_media_display()})"


def _unsur(nomor: int):
    """The average value (1–4, three decimals as tallied) of unsur ``nomor``."""
    return models.DecimalField(
        f"U{nomor} {aturan.UNSUR_IKM[nomor - 1]}",
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(aturan.NILAI_MIN), MaxValueValidator(aturan.NILAI_MAKS)],
    )


class SurveiKepuasan(Berversi):
    """One satisfaction survey (Survei Kepuasan Masyarakat) of a period: the average value
    (1–4) of each of the nine unsur over its respondents; the IKM follows from them."""

    puskesmas = models.ForeignKey(
        Puskesmas, on_delete=models.CASCADE, related_name="survei_kepuasan"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    periode = models.CharField("periode", max_length=60, help_text="Misalnya «Semester I».")
    tanggal_mulai = models.DateField("tanggal mulai")
    tanggal_selesai = models.DateField("tanggal selesai")
    jumlah_responden = models.PositiveIntegerField(
        "jumlah responden", validators=[MinValueValidator(1)]
    )
    analisis = models.TextField("analisis", blank=True)
    dipublikasikan = models.BooleanField("sudah dipublikasikan", default=False)
    media_publikasi = models.CharField("media publikasi", max_length=200, blank=True)
    tanggal_publikasi = models.DateField("tanggal publikasi", null=True, blank=True)
    dicatat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    u1 = _unsur(1)
    u2 = _unsur(2)
    u3 = _unsur(3)
    u4 = _unsur(4)
    u5 = _unsur(5)
    u6 = _unsur(6)
    u7 = _unsur(7)
    u8 = _unsur(8)
    u9 = _unsur(9)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "survei kepuasan masyarakat"
        verbose_name_plural = "survei kepuasan masyarakat"
        ordering = ["-tahun", "-tanggal_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                name="survei_tanggal_urut",
            )
        ]

    def __str__(self) -> str:
        return f"Survei kepuasan {self.periode} {self.tahun}"

    @property
    def nilai_unsur(self) -> list[Decimal | None]:
        return [getattr(self, f"u{i}") for i in range(1, len(aturan.UNSUR_IKM) + 1)]

    @property
    def ikm(self) -> Decimal:
        return aturan.indeks_kepuasan(self.nilai_unsur)

    @property
    def mutu(self) -> aturan.Mutu:
        return aturan.mutu_pelayanan(self.ikm)


class AreaRisiko(models.TextChoices):
    UKM = "ukm", "UKM"
    UKP = "ukp", "UKP"
    ADMEN = "admen", "Administrasi manajemen"
    KESELAMATAN_PASIEN = "keselamatan_pasien", "Keselamatan pasien"
    PPI = "ppi", "PPI"
    FASILITAS = "fasilitas", "Fasilitas dan lingkungan (K3)"


class StatusRisiko(models.TextChoices):
    TERBUKA = "terbuka", "Terbuka"
    DIKENDALIKAN = "dikendalikan", "Dikendalikan"
    DITUTUP = "ditutup", "Ditutup"


skala_validators = [MinValueValidator(1), MaxValueValidator(5)]


class Risiko(Berversi):
    """One row of the risk register."""

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="risiko")
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    risiko = models.TextField("risiko")
    area = models.CharField("area", max_length=20, choices=AreaRisiko.choices)
    kemungkinan = models.PositiveSmallIntegerField("kemungkinan (1–5)", validators=skala_validators)
    dampak = models.PositiveSmallIntegerField("dampak (1–5)", validators=skala_validators)
    pengendalian = models.TextField("upaya pencegahan dan pengendalian", blank=True)
    pemilik = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pemilik risiko",
    )
    status = models.CharField(
        "status", max_length=20, choices=StatusRisiko.choices, default=StatusRisiko.TERBUKA
    )
    tanggal_tinjau = models.DateField("tanggal tinjauan", null=True, blank=True)
    dicatat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "risiko"
        verbose_name_plural = "register risiko"
        ordering = ["-tahun", "area", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kemungkinan__gte=1, kemungkinan__lte=5, dampak__gte=1, dampak__lte=5),
                name="risiko_skala_1_5",
            )
        ]

    def __str__(self) -> str:
        return self.risiko[:80]

    @property
    def skor(self) -> int:
        return aturan.skor_risiko(self.kemungkinan, self.dampak)

    @property
    def tingkat(self) -> aturan.TingkatRisiko:
        return aturan.tingkat_risiko(self.kemungkinan, self.dampak)

    @property
    def lengkap(self) -> bool:
        """A complete register row: controls, an owner and a review date."""
        return (
            bool(self.pengendalian.strip())
            and self.pemilik_id is not None
            and bool(self.tanggal_tinjau)
        )


# --- Tim Mutu ----------------------------------------------------------------------------


BidangMutu = models.TextChoices("BidangMutu", [(k, (k, v)) for k, v in aturan.BIDANG_MUTU])


class KedudukanMutu(models.TextChoices):
    KETUA = "ketua", "Ketua"
    SEKRETARIS = "sekretaris", "Sekretaris"
    ANGGOTA = "anggota", "Anggota"


class TimMutu(DokumenAlur, DokumenTahunan):
    """Formed by SK of the Kepala Puskesmas: drafted by the Tim Mutu or management, signed
    (ditetapkan) by the Kepala through alur; locked once submitted."""

    nomor_sk = models.CharField("nomor SK", max_length=100)
    tanggal_sk = models.DateField("tanggal SK")

    alur = langkah_standar(
        ajukan=Aksi.KELOLA_MUTU,
        sahkan=Aksi.SAHKAN,
        label_sahkan="Tetapkan SK",
        kata_sahkan="ditetapkan",
    )

    class Meta(DokumenTahunan.Meta):
        verbose_name = "SK Tim Mutu"
        verbose_name_plural = "SK Tim Mutu"

    def __str__(self) -> str:
        return f"Tim Mutu {self.tahun}"


class AnggotaTimMutu(models.Model):
    tim = models.ForeignKey(TimMutu, on_delete=models.CASCADE, related_name="anggota")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="nama")
    kedudukan = models.CharField(
        "kedudukan", max_length=12, choices=KedudukanMutu.choices, default=KedudukanMutu.ANGGOTA
    )
    bidang = models.CharField("bidang", max_length=20, choices=BidangMutu.choices)
    uraian_tugas = models.TextField("uraian tugas", blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "tim__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "anggota Tim Mutu"
        verbose_name_plural = "anggota Tim Mutu"
        ordering = ["kedudukan", "bidang", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tim", "user", "bidang"], name="anggota_tim_mutu_unik")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_bidang_display()})"


class EvaluasiTimMutu(Berversi, DokumenTahunan):
    """The year's evaluation of how the members carried out their uraian tugas."""

    tanggal = models.DateField("tanggal evaluasi")
    hasil = models.TextField("hasil evaluasi pelaksanaan uraian tugas")
    rekomendasi = models.TextField("rekomendasi / tindak lanjut", blank=True)
    dievaluasi_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta(DokumenTahunan.Meta):
        verbose_name = "evaluasi uraian tugas Tim Mutu"
        verbose_name_plural = "evaluasi uraian tugas Tim Mutu"

    def __str__(self) -> str:
        return f"Evaluasi Tim Mutu {self.tahun}"


# --- Rencana program mutu dan keselamatan pasien ----------------------------------------


class SumberDanaMutu(models.TextChoices):
    BOK = "bok", "BOK"
    JKN = "jkn", "Kapitasi JKN"
    BLUD = "blud", "BLUD"
    APBD = "apbd", "APBD"
    LAIN = "lain", "Lainnya"
    TANPA = "tanpa", "Tanpa biaya"


class RealisasiMutu(models.TextChoices):
    BELUM = "belum", "Belum terlaksana"
    TERLAKSANA = "terlaksana", "Terlaksana"


class RencanaProgramMutu(Berversi, DokumenTahunan):
    """The year's rencana program mutu dan keselamatan pasien (rubric 1.1.10)."""

    kak = models.TextField("kerangka acuan kegiatan (KAK)", blank=True)
    berkas_kak = models.FileField("lampiran KAK", upload_to="mutu/kak/%Y/", blank=True)
    nama_berkas_kak = models.CharField("nama lampiran KAK", max_length=200, blank=True)
    evaluasi = models.TextField("evaluasi pelaksanaan program", blank=True)

    class Meta(DokumenTahunan.Meta):
        verbose_name = "rencana program mutu dan keselamatan pasien"
        verbose_name_plural = "rencana program mutu dan keselamatan pasien"

    def __str__(self) -> str:
        return f"Rencana program mutu dan keselamatan pasien {self.tahun}"


class KegiatanMutu(Berversi):
    rencana = models.ForeignKey(
        RencanaProgramMutu, on_delete=models.CASCADE, related_name="kegiatan"
    )
    kegiatan = models.CharField("kegiatan", max_length=255)
    sumber_dana = models.CharField(
        "sumber dana", max_length=10, choices=SumberDanaMutu.choices, default=SumberDanaMutu.BOK
    )
    sumber_daya = models.CharField("sumber daya", max_length=255, blank=True)
    bulan = models.PositiveSmallIntegerField(
        "jadwal (bulan)", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    pj = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="penanggung jawab",
    )
    realisasi = models.CharField(
        "realisasi",
        max_length=12,
        choices=RealisasiMutu.choices,
        default=RealisasiMutu.BELUM,
        editable=False,
    )
    tanggal_realisasi = models.DateField("tanggal pelaksanaan", null=True, blank=True)
    catatan_realisasi = models.TextField("catatan / bukti pelaksanaan", blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "rencana__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "kegiatan program mutu"
        verbose_name_plural = "kegiatan program mutu"
        ordering = ["bulan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bulan__gte=1, bulan__lte=12), name="kegiatan_mutu_bulan"
            ),
            models.CheckConstraint(
                condition=Q(realisasi="belum") | Q(tanggal_realisasi__isnull=False),
                name="kegiatan_mutu_terlaksana_bertanggal",
            ),
        ]

    def __str__(self) -> str:
        return self.kegiatan
