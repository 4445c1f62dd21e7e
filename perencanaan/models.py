"""P1 Perencanaan: indicator catalogue, Renstra, Tim Perencanaan, analisis situasi,
targets and the SK Target Kinerja, RUK and RPK, and the due dates of the cycle."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, DokumenAlur, StatusAlur, langkah_standar
from puskesmas.alat.querysets import ScopedQuerySet
from puskesmas.alat.riwayat import Riwayat
from puskesmas.choices import KategoriSasaran
from puskesmas.models import (
    Desa,
    DokumenTahunan,
    Kabupaten,
    Klaster,
    Puskesmas,
    Pustu,
    User,
    tahun_validators,
)

from .choices import (
    Arah,
    JenisIndikator,
    JenisPembahasan,
    JenisSurvei,
    KategoriPenyebab,
    PeranTim,
    SumberPembiayaan,
)
from .rpk_banding import PosPagu, pesan_lebih_pagu, rekap_pagu

persen_validators = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1000))]
RUPIAH = {"max_digits": 15, "decimal_places": 0}

PESAN_LPLS_BELUM = "RPK belum dapat diajukan: catat dulu pembahasan RPK dengan {belum}."
# Where each discussion happens (docs/domain.md, Lokakarya Mini): the January bulanan is the
# lintas program forum; lintas sektor joins only the tribulanan, first held in February.
FORUM_PEMBAHASAN = {
    "lp": "lintas program pada Lokakarya Mini bulanan Januari",
    "ls": "lintas sektor pada Lokakarya Mini tribulanan Februari",
}


def pesan_lpls_belum(belum) -> str:
    """The refusal naming each missing discussion (codes of ``JenisPembahasan``)."""
    return PESAN_LPLS_BELUM.format(belum=" dan ".join(FORUM_PEMBAHASAN[j] for j in belum))


PESAN_LEBIH_PAGU = "RPK belum dapat diajukan: biaya melebihi pagu."


# --- Katalog indikator ------------------------------------------------------------------


class Indikator(models.Model):
    """One indicator of a kabupaten's catalogue for one year (shared by P1, PWS and PKP)."""

    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.CASCADE, related_name="indikator")
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama indikator", max_length=255)
    klaster = models.ForeignKey(Klaster, on_delete=models.PROTECT, related_name="indikator")
    jenis = models.CharField(
        "jenis", max_length=10, choices=JenisIndikator.choices, default=JenisIndikator.LAIN
    )
    satuan = models.CharField("satuan", max_length=30, default="%")
    definisi_operasional = models.TextField("definisi operasional", blank=True)
    numerator = models.TextField("numerator (pembilang)", blank=True)
    denominator = models.TextField("denominator (penyebut)", blank=True)
    arah = models.CharField("arah", max_length=5, choices=Arah.choices, default=Arah.NAIK)
    target_default = models.DecimalField(
        "target default (%)",
        max_digits=6,
        decimal_places=2,
        default=Decimal(100),
        validators=persen_validators,
    )
    kategori_sasaran = models.CharField(
        "kelompok sasaran",
        max_length=30,
        choices=KategoriSasaran.choices,
        blank=True,
        help_text="Kelompok penduduk desa yang menjadi penyebut; dipakai untuk sasaran absolut per desa.",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    aktif = models.BooleanField("aktif", default=True)

    objects = ScopedQuerySet.as_manager()
    tenant_kabupaten_path = "kabupaten"
    history = Riwayat()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["klaster__nomor", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten", "tahun", "kode"], name="indikator_kode_unik_per_tahun"
            )
        ]
        indexes = [models.Index(fields=["kabupaten", "tahun"], name="indikator_kab_tahun")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


# --- Rencana lima tahunan ---------------------------------------------------------------


class RencanaLimaTahunan(DokumenAlur):
    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="renstra")
    tahun_mulai = models.PositiveSmallIntegerField("tahun mulai", validators=tahun_validators)
    visi = models.TextField("visi")
    misi = models.TextField("misi", help_text="Satu misi per baris.")
    tata_nilai = models.TextField("tata nilai", blank=True)
    analisis_kebutuhan = models.TextField("analisis kebutuhan masyarakat", blank=True)

    alur = langkah_standar(ajukan=Aksi.AJUKAN_RENCANA, sahkan=Aksi.SAHKAN)
    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "rencana lima tahunan"
        verbose_name_plural = "rencana lima tahunan"
        ordering = ["-tahun_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["puskesmas", "tahun_mulai"], name="renstra_unik")
        ]

    def __str__(self) -> str:
        return f"Rencana lima tahunan {self.tahun_mulai}–{self.tahun_selesai}"

    @property
    def tahun_selesai(self) -> int:
        return self.tahun_mulai + 4


class TargetRenstra(models.Model):
    renstra = models.ForeignKey(RencanaLimaTahunan, on_delete=models.CASCADE, related_name="target")
    indikator = models.ForeignKey(
        Indikator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nama = models.CharField("indikator", max_length=255)
    satuan = models.CharField("satuan", max_length=30, default="%")
    target_1 = models.DecimalField("tahun ke-1", max_digits=12, decimal_places=2)
    target_2 = models.DecimalField("tahun ke-2", max_digits=12, decimal_places=2)
    target_3 = models.DecimalField("tahun ke-3", max_digits=12, decimal_places=2)
    target_4 = models.DecimalField("tahun ke-4", max_digits=12, decimal_places=2)
    target_5 = models.DecimalField("tahun ke-5", max_digits=12, decimal_places=2)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "renstra__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "target rencana lima tahunan"
        verbose_name_plural = "target rencana lima tahunan"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.nama


# --- Tim Perencanaan --------------------------------------------------------------------


class TimPerencanaan(DokumenAlur, DokumenTahunan):
    """Formed by SK of the Kepala Puskesmas: drafted by the Kepala TU, signed through alur."""

    # Its reverse accessor and constraint name predate the shared base and are kept:
    # ``puskesmas.tim_perencanaan`` is used across the code, and renaming the constraint
    # would rebuild it for no gain.
    puskesmas = models.ForeignKey(
        Puskesmas, on_delete=models.CASCADE, related_name="tim_perencanaan"
    )
    nomor_sk = models.CharField("nomor SK", max_length=100)
    tanggal_sk = models.DateField("tanggal SK")
    ketua = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="ketua (Kepala Tata Usaha)"
    )

    alur = langkah_standar(
        ajukan=Aksi.AJUKAN_RENCANA,
        sahkan=Aksi.SAHKAN,
        label_sahkan="Tetapkan SK",
        kata_sahkan="ditetapkan",
    )

    class Meta(DokumenTahunan.Meta):
        verbose_name = "Tim Perencanaan"
        verbose_name_plural = "Tim Perencanaan"
        constraints = [models.UniqueConstraint(fields=["puskesmas", "tahun"], name="tim_unik")]

    def __str__(self) -> str:
        return f"Tim Perencanaan {self.tahun}"


class AnggotaTim(models.Model):
    tim = models.ForeignKey(TimPerencanaan, on_delete=models.CASCADE, related_name="anggota")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="nama")
    peran = models.CharField(
        "kedudukan", max_length=12, choices=PeranTim.choices, default=PeranTim.ANGGOTA
    )
    klaster = models.ForeignKey(
        Klaster,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="mewakili klaster",
    )
    pustu = models.ForeignKey(
        Pustu,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="mewakili Pustu",
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "tim__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "anggota Tim Perencanaan"
        verbose_name_plural = "anggota Tim Perencanaan"
        ordering = ["peran", "klaster__nomor", "pk"]
        constraints = [models.UniqueConstraint(fields=["tim", "user"], name="anggota_tim_unik")]

    def __str__(self) -> str:
        return str(self.user)


# --- Analisis situasi dan perumusan masalah --------------------------------------------


class CapaianTahunan(models.Model):
    """A year's achievement of one indicator at one Puskesmas (entered, or later from PWS)."""

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="capaian")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="capaian")
    target = models.DecimalField(
        "target (%)", max_digits=6, decimal_places=2, validators=persen_validators
    )
    capaian = models.DecimalField(
        "capaian (%)", max_digits=6, decimal_places=2, validators=persen_validators
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "capaian tahunan"
        verbose_name_plural = "capaian tahunan"
        constraints = [
            models.UniqueConstraint(fields=["puskesmas", "indikator"], name="capaian_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode}: {self.capaian}"


class Masalah(models.Model):
    """A problem found in the analisis situasi, prioritised by USG (each 1–5)."""

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="masalah")
    tahun = models.PositiveSmallIntegerField("tahun perencanaan", validators=tahun_validators)
    klaster = models.ForeignKey(Klaster, on_delete=models.PROTECT, related_name="+")
    indikator = models.ForeignKey(
        Indikator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uraian = models.TextField("uraian masalah")
    penyebab = models.TextField("kemungkinan penyebab", blank=True)
    urgency = models.PositiveSmallIntegerField(
        "U (urgency)", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    seriousness = models.PositiveSmallIntegerField(
        "S (seriousness)", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    growth = models.PositiveSmallIntegerField(
        "G (growth)", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "masalah"
        verbose_name_plural = "masalah"
        ordering = ["-tahun", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    urgency__gte=1,
                    urgency__lte=5,
                    seriousness__gte=1,
                    seriousness__lte=5,
                    growth__gte=1,
                    growth__lte=5,
                ),
                name="masalah_usg_1_5",
            )
        ]

    def __str__(self) -> str:
        return self.uraian[:80]

    @property
    def skor(self) -> int:
        return self.urgency + self.seriousness + self.growth


class PenyebabMasalah(models.Model):
    """A root cause of a problem, on one bone of the fishbone diagram."""

    masalah = models.ForeignKey(Masalah, on_delete=models.CASCADE, related_name="akar_penyebab")
    kategori = models.CharField("kategori", max_length=12, choices=KategoriPenyebab.choices)
    uraian = models.CharField("uraian penyebab", max_length=255)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "masalah__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "akar penyebab"
        verbose_name_plural = "akar penyebab"
        ordering = ["masalah", "kategori", "pk"]

    def __str__(self) -> str:
        return self.uraian


skor_1_5 = [MinValueValidator(1), MaxValueValidator(5)]


class AlternatifPemecahan(models.Model):
    """An alternative solution of a problem, scored M, I, V, C (1–5 each; the formula is in
    ``perencanaan/pemecahan.py``). At most one per problem is chosen, and only explicitly."""

    masalah = models.ForeignKey(Masalah, on_delete=models.CASCADE, related_name="pemecahan")
    uraian = models.CharField("alternatif pemecahan", max_length=255)
    magnitude = models.PositiveSmallIntegerField(
        "M (besarnya masalah yang teratasi)", validators=skor_1_5
    )
    importancy = models.PositiveSmallIntegerField("I (pentingnya cara)", validators=skor_1_5)
    vulnerability = models.PositiveSmallIntegerField(
        "V (sensitivitas/daya ungkit)", validators=skor_1_5
    )
    cost = models.PositiveSmallIntegerField("C (biaya)", validators=skor_1_5)
    dipilih = models.BooleanField("terpilih", default=False, editable=False)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "masalah__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "alternatif pemecahan"
        verbose_name_plural = "alternatif pemecahan"
        ordering = ["masalah", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["masalah"], condition=Q(dipilih=True), name="pemecahan_satu_terpilih"
            ),
            models.CheckConstraint(
                condition=Q(
                    magnitude__gte=1,
                    magnitude__lte=5,
                    importancy__gte=1,
                    importancy__lte=5,
                    vulnerability__gte=1,
                    vulnerability__lte=5,
                    cost__gte=1,
                    cost__lte=5,
                ),
                name="pemecahan_mivc_1_5",
            ),
        ]

    def __str__(self) -> str:
        return self.uraian


class HasilSurvei(models.Model):
    """A survey result read in the analisis situasi (SMD, IKS, IKM), typed for now."""

    puskesmas = models.ForeignKey(Puskesmas, on_delete=models.CASCADE, related_name="hasil_survei")
    tahun = models.PositiveSmallIntegerField("tahun perencanaan", validators=tahun_validators)
    jenis = models.CharField("jenis survei", max_length=5, choices=JenisSurvei.choices)
    nilai = models.DecimalField("hasil", max_digits=8, decimal_places=2)
    tanggal = models.DateField("tanggal survei")
    sumber = models.CharField("sumber/keterangan", max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "hasil survei"
        verbose_name_plural = "hasil survei"
        ordering = ["-tahun", "jenis", "tanggal", "pk"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal}: {self.nilai}"


# --- Target kinerja dan SK --------------------------------------------------------------


class PenetapanTarget(DokumenAlur):
    """The targets of one Puskesmas for one year, in one revision.

    PJ klaster fill in their klaster's rows, the Tim Perencanaan (Kepala TU) submits, the
    Kepala Puskesmas signs the SK Target Kinerja. A later change is a new revision with a new
    SK that supersedes the old; both are kept.
    """

    puskesmas = models.ForeignKey(
        Puskesmas, on_delete=models.CASCADE, related_name="penetapan_target"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=tahun_validators)
    revisi = models.PositiveSmallIntegerField("revisi", default=0)
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)

    alur = langkah_standar(
        ajukan=Aksi.AJUKAN_RENCANA,
        sahkan=Aksi.SAHKAN,
        label_sahkan="Tetapkan SK",
        kata_sahkan="ditetapkan",
    )
    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "penetapan target kinerja"
        verbose_name_plural = "penetapan target kinerja"
        ordering = ["-tahun", "-revisi"]
        constraints = [
            models.UniqueConstraint(
                fields=["puskesmas", "tahun", "revisi"], name="penetapan_revisi_unik"
            )
        ]

    def __str__(self) -> str:
        rev = f" (revisi {self.revisi})" if self.revisi else ""
        return f"Target kinerja {self.tahun}{rev}"


class TargetKinerja(models.Model):
    penetapan = models.ForeignKey(PenetapanTarget, on_delete=models.CASCADE, related_name="target")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="target")
    target_persen = models.DecimalField(
        "target (%)", max_digits=6, decimal_places=2, validators=persen_validators
    )
    sasaran_total = models.PositiveIntegerField("sasaran absolut", null=True, blank=True)
    keterangan = models.CharField("keterangan", max_length=255, blank=True)
    diisi_oleh = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The Dinkes sets a default target per indicator in its catalogue
    # (``Indikator.target_default``); a Puskesmas that sets another one says why, and the
    # Dinkes reviews those reasons before the SK is signed.
    alasan_beda = models.TextField("alasan berbeda dari target Dinkes", blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "penetapan__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "target kinerja"
        verbose_name_plural = "target kinerja"
        ordering = ["indikator__klaster__nomor", "indikator__urutan", "indikator__kode"]
        constraints = [
            models.UniqueConstraint(fields=["penetapan", "indikator"], name="target_indikator_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode}: {self.target_persen}%"

    @property
    def beda_dari_dinkes(self) -> bool:
        return self.target_persen != self.indikator.target_default


class TargetDesa(models.Model):
    """Absolute sasaran per desa: population of the indicator's group × target %."""

    target = models.ForeignKey(TargetKinerja, on_delete=models.CASCADE, related_name="per_desa")
    # PROTECT: a desa in a target (maybe a signed SK) cannot silently vanish from it.
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="+")
    penduduk_sasaran = models.PositiveIntegerField("penduduk sasaran")
    sasaran = models.PositiveIntegerField("sasaran absolut")

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "target__penetapan__puskesmas"

    class Meta:
        verbose_name = "target per desa"
        verbose_name_plural = "target per desa"
        constraints = [models.UniqueConstraint(fields=["target", "desa"], name="target_desa_unik")]

    def __str__(self) -> str:
        return f"{self.desa}: {self.sasaran}"


class SKTargetKinerja(models.Model):
    """The signed SK. Immutable once created: its lampiran is a snapshot of the targets."""

    penetapan = models.OneToOneField(PenetapanTarget, on_delete=models.PROTECT, related_name="sk")
    nomor = models.CharField("nomor SK", max_length=100)
    tanggal = models.DateField("tanggal SK")
    kepala_nama = models.CharField("nama Kepala Puskesmas", max_length=150)
    kepala_nip = models.CharField("NIP Kepala Puskesmas", max_length=18)
    ditandatangani_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    ditandatangani_pada = models.DateTimeField("ditandatangani pada", auto_now_add=True)
    lampiran = models.JSONField("lampiran (salinan target)", default=list)
    digantikan_oleh = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="menggantikan"
    )

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "penetapan__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "SK Target Kinerja"
        verbose_name_plural = "SK Target Kinerja"
        ordering = ["-tanggal", "-pk"]

    def __str__(self) -> str:
        return f"SK {self.nomor}"

    @property
    def berlaku(self) -> bool:
        return self.digantikan_oleh_id is None


# --- RUK dan RPK ------------------------------------------------------------------------


class RUK(DokumenAlur, DokumenTahunan):
    """Rencana Usulan Kegiatan for year N+1 (formulir 4)."""

    # The year the activities are proposed for: labelled as the budget year on formulir 4.
    tahun = models.PositiveSmallIntegerField("tahun anggaran", validators=tahun_validators)
    catatan_pengembalian = models.TextField("alasan dikembalikan", blank=True)

    alur = langkah_standar(
        ajukan=Aksi.AJUKAN_RENCANA,
        sahkan=Aksi.SAHKAN,
        kirim=Aksi.KIRIM_DINKES,
        tinjau=Aksi.TINJAU_RUK,
    )

    class Meta(DokumenTahunan.Meta):
        verbose_name = "RUK"
        verbose_name_plural = "RUK"

    def __str__(self) -> str:
        return f"RUK {self.tahun}"


class KolomKegiatan(models.Model):
    """Abstract base of an activity row: the columns formulir 4 (RUK) and formulir 5 (RPK)
    share, so an RPK row copied from a RUK row keeps the same kinds of values.

    Each subclass adds its document link and tenant path, and the columns only its form
    has (RUK: rincian, target, waktu, anggaran; RPK: lokasi, biaya, monthly volumes).
    Subclasses write ``class Meta(KolomKegiatan.Meta)`` to keep the row order of the forms.
    """

    klaster = models.ForeignKey(Klaster, on_delete=models.PROTECT, related_name="+")
    tujuan = models.TextField("tujuan", blank=True)
    sasaran = models.CharField("sasaran", max_length=255, blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=150, blank=True)
    kebutuhan_sumber_daya = models.TextField("kebutuhan sumber daya", blank=True)
    mitra_kerja = models.CharField("mitra kerja", max_length=255, blank=True)
    indikator_kinerja = models.CharField("indikator kinerja", max_length=255, blank=True)
    sumber_pembiayaan = models.CharField(
        "sumber pembiayaan",
        max_length=10,
        choices=SumberPembiayaan.choices,
        default=SumberPembiayaan.BOK,
    )
    urutan = models.PositiveIntegerField("nomor", default=0)

    objects = ScopedQuerySet.as_manager()
    history = Riwayat(inherit=True)

    class Meta:
        abstract = True
        ordering = ["klaster__nomor", "urutan", "pk"]


class KegiatanRUK(KolomKegiatan):
    ruk = models.ForeignKey(RUK, on_delete=models.CASCADE, related_name="kegiatan")
    upaya = models.CharField("upaya/kegiatan", max_length=255)
    rincian = models.TextField("rincian kegiatan", blank=True)
    target = models.CharField("target", max_length=100, blank=True)
    waktu = models.CharField("waktu pelaksanaan", max_length=100, blank=True)
    kebutuhan_anggaran = models.DecimalField("kebutuhan anggaran (Rp)", default=0, **RUPIAH)
    masalah = models.ManyToManyField(
        Masalah, blank=True, related_name="kegiatan_ruk", verbose_name="masalah yang ditangani"
    )
    pemecahan = models.ForeignKey(
        AlternatifPemecahan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kegiatan_ruk",
        verbose_name="pemecahan masalah yang dilaksanakan",
    )

    tenant_puskesmas_path = "ruk__puskesmas"

    class Meta(KolomKegiatan.Meta):
        verbose_name = "kegiatan RUK"
        verbose_name_plural = "kegiatan RUK"
        constraints = [
            models.CheckConstraint(
                condition=Q(kebutuhan_anggaran__gte=0), name="ruk_anggaran_tidak_negatif"
            )
        ]

    def __str__(self) -> str:
        return self.upaya


BULAN_FIELDS = ["vol_01", "vol_02", "vol_03", "vol_04", "vol_05", "vol_06",
                "vol_07", "vol_08", "vol_09", "vol_10", "vol_11", "vol_12"]  # fmt: skip


class RPK(DokumenAlur, DokumenTahunan):
    """Rencana Pelaksanaan Kegiatan / POA (formulir 5), derived from the approved RUK."""

    ruk = models.OneToOneField(RUK, on_delete=models.PROTECT, related_name="rpk")

    alur = langkah_standar(ajukan=Aksi.AJUKAN_RENCANA, sahkan=Aksi.SAHKAN)

    class Meta(DokumenTahunan.Meta):
        verbose_name = "RPK"
        verbose_name_plural = "RPK"

    def __str__(self) -> str:
        return f"RPK {self.tahun}"

    def periksa_siap(self, langkah) -> None:
        if langkah.nama != "ajukan":
            return
        # The PKP rubric scores an RPK agreed with lintas program and with lintas sektor.
        ada = set(self.pembahasan.values_list("jenis", flat=True))
        belum = [j for j in JenisPembahasan.values if j not in ada]
        if belum:
            raise AlurTidakSah(pesan_lpls_belum(belum))
        # The RPK is set within the allocation: spending past a pagu is not a plan.
        lebih = pesan_lebih_pagu(self.rekap_pagu())
        if lebih:
            raise AlurTidakSah(PESAN_LEBIH_PAGU + " " + " ".join(lebih))

    def rekap_pagu(self) -> list[PosPagu]:
        """Costs per funding source against its recorded pagu (two queries)."""
        return rekap_pagu(
            pilihan=SumberPembiayaan.choices,
            pagu=dict(self.pagu.values_list("sumber_pembiayaan", "jumlah")),
            biaya=self.kegiatan.values_list("sumber_pembiayaan", "biaya"),
        )


class KegiatanRPK(KolomKegiatan):
    rpk = models.ForeignKey(RPK, on_delete=models.CASCADE, related_name="kegiatan")
    kegiatan_ruk = models.ForeignKey(
        KegiatanRUK,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kegiatan_rpk",
        verbose_name="kegiatan RUK asal",
    )
    kegiatan = models.CharField("kegiatan", max_length=255)
    target_sasaran = models.CharField("target sasaran", max_length=100, blank=True)
    lokasi = models.CharField("lokasi", max_length=255, blank=True)
    biaya = models.DecimalField("biaya (Rp)", default=0, **RUPIAH)
    vol_01 = models.PositiveIntegerField("Jan", default=0)
    vol_02 = models.PositiveIntegerField("Feb", default=0)
    vol_03 = models.PositiveIntegerField("Mar", default=0)
    vol_04 = models.PositiveIntegerField("Apr", default=0)
    vol_05 = models.PositiveIntegerField("Mei", default=0)
    vol_06 = models.PositiveIntegerField("Jun", default=0)
    vol_07 = models.PositiveIntegerField("Jul", default=0)
    vol_08 = models.PositiveIntegerField("Agu", default=0)
    vol_09 = models.PositiveIntegerField("Sep", default=0)
    vol_10 = models.PositiveIntegerField("Okt", default=0)
    vol_11 = models.PositiveIntegerField("Nov", default=0)
    vol_12 = models.PositiveIntegerField("Des", default=0)

    tenant_puskesmas_path = "rpk__puskesmas"

    class Meta(KolomKegiatan.Meta):
        verbose_name = "kegiatan RPK"
        verbose_name_plural = "kegiatan RPK"
        constraints = [
            models.CheckConstraint(condition=Q(biaya__gte=0), name="rpk_biaya_tidak_negatif")
        ]

    def __str__(self) -> str:
        return self.kegiatan

    @property
    def volume(self) -> list[int]:
        return [getattr(self, f) for f in BULAN_FIELDS]

    @property
    def volume_total(self) -> int:
        return sum(self.volume)


# Columns a person edits on an RPK row, in the order of its form; the ``kegiatan_ruk`` link
# is never edited. The form shows them and the service saves and fingerprints them.
# The columns of a RUK row (formulir 4) that people fill, in the order of the form and
# the Excel template: the form and the import Resource both read this one list.
KOLOM_KEGIATAN_RUK = (
    "klaster",
    "upaya",
    "rincian",
    "tujuan",
    "sasaran",
    "target",
    "penanggung_jawab",
    "kebutuhan_sumber_daya",
    "mitra_kerja",
    "waktu",
    "kebutuhan_anggaran",
    "indikator_kinerja",
    "sumber_pembiayaan",
)

KOLOM_KEGIATAN_RPK = (
    "klaster",
    "kegiatan",
    "tujuan",
    "sasaran",
    "target_sasaran",
    "penanggung_jawab",
    "kebutuhan_sumber_daya",
    "mitra_kerja",
    "lokasi",
    "biaya",
    "indikator_kinerja",
    "sumber_pembiayaan",
    *BULAN_FIELDS,
)


# --- Pagu RPK ---------------------------------------------------------------------------


class PaguRPK(models.Model):
    """The allocation (pagu) of one funding source for an RPK, recorded once it is known.

    A source without a row is unknown, not zero: its costs are not checked until its pagu is
    recorded. The RPK's rows of that source must add up to no more than ``jumlah``.
    """

    rpk = models.ForeignKey(RPK, on_delete=models.CASCADE, related_name="pagu")
    sumber_pembiayaan = models.CharField(
        "sumber pembiayaan", max_length=10, choices=SumberPembiayaan.choices
    )
    jumlah = models.DecimalField("pagu (Rp)", **RUPIAH)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "rpk__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "pagu RPK"
        verbose_name_plural = "pagu RPK"
        ordering = ["rpk", "sumber_pembiayaan"]
        constraints = [
            models.UniqueConstraint(fields=["rpk", "sumber_pembiayaan"], name="pagu_rpk_unik"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="pagu_rpk_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"Pagu {self.get_sumber_pembiayaan_display()} RPK {self.rpk.tahun}"


class PembahasanRPK(models.Model):
    """One discussion that agreed the RPK: lintas program or lintas sektor, one of each.

    The lintas program discussion is the January Lokmin bulanan, the lintas sektor one the
    February Lokmin tribulanan. A row stands on its own today (date, forum, summary); when
    Lokmin meetings are recorded, a nullable link to the meeting can be added here without
    touching what is stored.
    """

    rpk = models.ForeignKey(RPK, on_delete=models.CASCADE, related_name="pembahasan")
    jenis = models.CharField("jenis", max_length=2, choices=JenisPembahasan.choices)
    tanggal = models.DateField("tanggal pembahasan")
    forum = models.CharField("forum", max_length=200, blank=True)
    catatan = models.TextField("hasil pembahasan", blank=True)

    objects = ScopedQuerySet.as_manager()
    tenant_puskesmas_path = "rpk__puskesmas"
    history = Riwayat()

    class Meta:
        verbose_name = "pembahasan RPK"
        verbose_name_plural = "pembahasan RPK"
        ordering = ["rpk", "jenis"]
        constraints = [models.UniqueConstraint(fields=["rpk", "jenis"], name="pembahasan_rpk_unik")]

    def __str__(self) -> str:
        return f"Pembahasan {self.get_jenis_display().lower()} RPK {self.rpk.tahun}"


__all__ = ["StatusAlur"]
