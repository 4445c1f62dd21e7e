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


class KategoriPenyebab(models.TextChoices):
    """Bones of the fishbone (Ishikawa) diagram used for root causes in P1."""

    MANUSIA = "manusia", "Manusia (man)"
    METODE = "metode", "Metode (method)"
    MATERIAL = "material", "Material"
    MESIN = "mesin", "Mesin/alat (machine)"
    DANA = "dana", "Dana (money)"
    LINGKUNGAN = "lingkungan", "Lingkungan (environment)"


class JenisSurvei(models.TextChoices):
    """Survey results the analisis situasi reads besides last year's achievements."""

    SMD = "smd", "Survei Mawas Diri (SMD)"
    IKS = "iks", "PIS-PK: Indeks Keluarga Sehat (IKS)"
    IKM = "ikm", "Indeks Kepuasan Masyarakat (IKM)"


class JenisPembahasan(models.TextChoices):
    """The two forums that agree the RPK (PKP rubric 1.1.3 scores both)."""

    LINTAS_PROGRAM = "lp", "Lintas program"
    LINTAS_SEKTOR = "ls", "Lintas sektor"
