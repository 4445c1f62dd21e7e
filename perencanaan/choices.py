from django.db import models


class JenisIndikator(models.TextChoices):
    SPM = "spm", "SPM Kesehatan"
    PISPK = "pispk", "PIS-PK"
    LAIN = "lain", "Indikator kinerja lain"


class Arah(models.TextChoices):
    NAIK = "naik", "Makin tinggi makin baik"
    TURUN = "turun", "Makin rendah makin baik"


class SumberPembiayaan(models.TextChoices):
    BOK = "BOK", "BOK"
    APBD = "APBD", "APBD"
    JKN = "JKN", "JKN kapitasi"
    BLUD = "BLUD", "BLUD"
    DAK = "DAK", "DAK"
    LAIN = "Lainnya", "Lainnya"


class JenisTenggat(models.TextChoices):
    TARGET_KINERJA = "target_kinerja", "Target kinerja per klaster"
    SK_TARGET = "sk_target", "SK Target Kinerja"


class PeranTim(models.TextChoices):
    SEKRETARIS = "sekretaris", "Sekretaris"
    ANGGOTA = "anggota", "Anggota"


class JenisPembahasan(models.TextChoices):
    """The two forums that agree the RPK (PKP rubric 1.1.3 scores both)."""

    LINTAS_PROGRAM = "lp", "Lintas program"
    LINTAS_SEKTOR = "ls", "Lintas sektor"
