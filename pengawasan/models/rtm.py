"""RTM (Rapat Tinjauan Manajemen): the meeting, its peserta with attendance.

The input pack is not stored: it is assembled from the registry ``pengawasan.paket_rtm``
when the page or the PDF is shown. The decisions are RTL (the core's one model) whose
``sumber`` is the RTM.
"""

from django.db import models
from django.db.models import Q

from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, DokumenAlur, StatusAlur, langkah_standar
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.models import Puskesmas, User, tahun_validators, teks_satu_baris

__all__ = ["RTM", "PesertaRTM"]

PESAN_SIAP_HADIR = "RTM belum dapat diajukan: catat dulu kehadiran peserta."
PESAN_SIAP_NOTULEN = "RTM belum dapat diajukan: notulen belum diisi."
PESAN_SIAP_ANALISIS = "RTM belum dapat diajukan: analisis belum diisi."


class RTM(DokumenAlur):
    """One Rapat Tinjauan Manajemen of a Puskesmas. Workflow: draft → diajukan →
    disetujui by the Kepala Puskesmas; from then on it is locked with its decisions."""

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="rtm")
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    tanggal = models.DateField("tanggal pelaksanaan")
    waktu = models.CharField("waktu", max_length=50, blank=True, validators=[teks_satu_baris])
    tempat = models.CharField("tempat", max_length=200, validators=[teks_satu_baris])
    agenda = models.TextField("agenda", blank=True, help_text="Satu butir per baris.")
    perubahan = models.TextField(
        "perubahan yang berpengaruh pada sistem manajemen mutu",
        blank=True,
        help_text="Perubahan internal maupun eksternal sejak RTM sebelumnya.",
    )
    notulen = models.TextField("notulen", blank=True)
    analisis = models.TextField("analisis", blank=True)
    catatan_pengembalian = models.TextField("alasan dikembalikan", blank=True)

    alur = langkah_standar(
        ajukan=Aksi.SUSUN_RTM, sahkan=Aksi.SAHKAN, label_sahkan="Setujui", kata_sahkan="disetujui"
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "RTM"
        verbose_name_plural = "RTM"
        ordering = ["-tahun", "-tanggal", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal__year=models.F("tahun")), name="rtm_tanggal_dalam_tahun"
            )
        ]

    def __str__(self) -> str:
        return f"RTM {self.tanggal:%d-%m-%Y}"

    @property
    def label_status(self) -> str:
        if self.status == StatusAlur.DISAHKAN:
            return "Disetujui Kepala Puskesmas"
        return self.get_status_display()

    def periksa_siap(self, langkah) -> None:
        """Submitted only complete: attendance recorded, notulen and analysis written."""
        if langkah.nama != "ajukan":
            return
        if not self.peserta.filter(hadir=True).exists():
            raise AlurTidakSah(PESAN_SIAP_HADIR)
        if not self.notulen.strip():
            raise AlurTidakSah(PESAN_SIAP_NOTULEN)
        if not self.analisis.strip():
            raise AlurTidakSah(PESAN_SIAP_ANALISIS)


class PesertaRTM(models.Model):
    """A member of staff invited to the RTM; ``hadir`` is the attendance."""

    rtm = models.ForeignKey(RTM, on_delete=models.CASCADE, related_name="peserta")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    nama = models.CharField("nama", max_length=150, validators=[teks_satu_baris])
    jabatan = models.CharField("jabatan", max_length=150, blank=True, validators=[teks_satu_baris])
    hadir = models.BooleanField("hadir", default=False)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "rtm__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "peserta RTM"
        verbose_name_plural = "peserta RTM"
        ordering = ["nama", "pk"]
        constraints = [models.UniqueConstraint(fields=["rtm", "user"], name="peserta_rtm_sekali")]

    def __str__(self) -> str:
        return self.nama
