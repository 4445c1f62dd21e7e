"""Supervisi: visits to a Puskesmas and its network (planned in the year's plan or ad
hoc), internal or external, with the aspects looked at and the findings; a finding raises
an RTL (the core's one model, ``puskesmas.RTL``, with the finding as its ``sumber``).

Rules: ``pengawasan.aturan_supervisi``; writes: ``pengawasan.services.supervisi``.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from puskesmas.alat.access import Aksi
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.models import Puskesmas, User, tahun_validators, teks_satu_baris

from .. import aturan_supervisi as aturan

__all__ = [
    "KunjunganSupervisi",
    "KunjunganSupervisiDinkes",
    "KunjunganSupervisiPuskesmas",
    "TemuanSupervisi",
]


def _pilihan(label: dict) -> list[tuple[str, str]]:
    return [(k.value, v) for k, v in label.items()]


class KunjunganSupervisi(models.Model):
    """One supervisi visit at a Puskesmas (or its Pustu, a school, a Posyandu ...).

    ``terjadwal``: part of the year's plan (``bulan`` is the planned month); otherwise an
    ad hoc visit, recorded once done. ``tanggal`` is the day it took place.
    """

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="supervisi")
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    bulan = models.PositiveSmallIntegerField(
        "bulan", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    terjadwal = models.BooleanField("terjadwal (rencana tahunan)", default=False)
    pelaksana = models.CharField(
        "pelaksana supervisi", max_length=20, choices=_pilihan(aturan.LABEL_PELAKSANA)
    )
    nama_pelaksana = models.CharField(
        "nama supervisor / tim",
        max_length=200,
        validators=[teks_satu_baris],
        help_text="Nama supervisor atau tim yang melakukan supervisi.",
    )
    tempat = models.CharField("tempat", max_length=20, choices=_pilihan(aturan.LABEL_TEMPAT))
    lokasi = models.CharField(
        "nama lokasi",
        max_length=200,
        blank=True,
        validators=[teks_satu_baris],
        help_text="Misalnya nama Pustu, sekolah, Posyandu, atau keluarga yang dikunjungi.",
    )
    aspek = models.JSONField("aspek yang disupervisi", default=list)
    tujuan = models.TextField("tujuan / fokus supervisi", blank=True)
    status = models.CharField(
        "status",
        max_length=15,
        choices=_pilihan(aturan.LABEL_STATUS),
        default=aturan.Status.DIRENCANAKAN.value,
    )
    tanggal = models.DateField("tanggal pelaksanaan", null=True, blank=True)
    hasil = models.TextField("ringkasan hasil", blank=True)
    alasan_batal = models.TextField("alasan dibatalkan", blank=True)
    dicatat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField("dicatat pada", auto_now_add=True)
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "kunjungan supervisi"
        verbose_name_plural = "kunjungan supervisi"
        ordering = ["-tahun", "bulan", "tanggal", "pk"]
        indexes = [models.Index(fields=["puskesmas", "tahun"], name="supervisi_tahun")]

    def __str__(self) -> str:
        kapan = (
            self.tanggal.strftime("%d-%m-%Y") if self.tanggal else f"{self.bulan:02d}/{self.tahun}"
        )
        return f"Supervisi {self.get_tempat_display()} {kapan}"

    @property
    def jenis(self) -> aturan.Jenis:
        return aturan.jenis(self.pelaksana)

    @property
    def label_jenis(self) -> str:
        return aturan.LABEL_JENIS[self.jenis]

    @property
    def dicatat_dinkes(self) -> bool:
        return aturan.dicatat_dinkes(self.pelaksana)

    @property
    def aksi_catat(self) -> Aksi:
        """The capability that records this visit: the Dinkes's own, or the Puskesmas's."""
        return Aksi.CATAT_SUPERVISI_DINKES if self.dicatat_dinkes else Aksi.CATAT_SUPERVISI

    @property
    def label_aspek(self) -> list[str]:
        return [aturan.LABEL_ASPEK.get(k, k) for k in self.aspek]

    @property
    def aspek_per_kelompok(self) -> list[tuple[str, list[str]]]:
        return [
            (kelompok, [label for kode, label in sub if kode in self.aspek])
            for kelompok, sub in aturan.ASPEK.items()
            if any(kode in self.aspek for kode, _ in sub)
        ]


class _KunjunganPuskesmasManager(models.Manager.from_queryset(ScopedQuerySet)):
    def get_queryset(self):
        return super().get_queryset().exclude(pelaksana=aturan.Pelaksana.DINKES)


class _KunjunganDinkesManager(models.Manager.from_queryset(ScopedQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(pelaksana=aturan.Pelaksana.DINKES)


class KunjunganSupervisiPuskesmas(KunjunganSupervisi):
    """The visits the Puskesmas records (every kind but the Dinkes's): the pages that
    change them need ``CATAT_SUPERVISI``."""

    objects = _KunjunganPuskesmasManager()

    class Meta:
        proxy = True
        verbose_name = "kunjungan supervisi (dicatat Puskesmas)"


class KunjunganSupervisiDinkes(KunjunganSupervisi):
    """The visits a Dinkes records at a Puskesmas of its kabupaten: the pages that change
    them need ``CATAT_SUPERVISI_DINKES``."""

    objects = _KunjunganDinkesManager()

    class Meta:
        proxy = True
        verbose_name = "kunjungan supervisi (dicatat Dinas Kesehatan)"


class TemuanSupervisi(models.Model):
    """A finding of a visit, on one sub-aspect; it may raise an RTL (its ``sumber``)."""

    kunjungan = models.ForeignKey(
        KunjunganSupervisi, on_delete=models.CASCADE, related_name="temuan"
    )
    aspek = models.CharField(
        "aspek",
        max_length=20,
        choices=[(k, v) for k, v in aturan.LABEL_ASPEK.items()],
    )
    uraian = models.TextField("temuan")
    rekomendasi = models.TextField("rekomendasi", blank=True)
    dicatat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField("dicatat pada", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "kunjungan__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "temuan supervisi"
        verbose_name_plural = "temuan supervisi"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Temuan supervisi: {self.uraian[:60]}"

    @property
    def label_kelompok(self) -> str:
        return aturan.KELOMPOK_ASPEK.get(self.aspek, "")
