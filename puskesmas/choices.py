from django.db import models


class Peran(models.TextChoices):
    """Roles. Each is held with a scope: a Puskesmas, a kabupaten, or the whole country."""

    STAF = "staf", "Staf Puskesmas"
    PJ_KLASTER = "pj_klaster", "Penanggung Jawab Klaster"
    KEPALA_TU = "kepala_tu", "Kepala Tata Usaha"
    KEPALA_PUSKESMAS = "kepala_puskesmas", "Kepala Puskesmas"
    TIM_MUTU = "tim_mutu", "Tim Mutu / Auditor Internal"
    VERIFIKATOR_DINKES = "verifikator_dinkes", "Verifikator Dinas Kesehatan"
    ADMIN_DINKES = "admin_dinkes", "Admin Dinas Kesehatan"
    ADMIN_NASIONAL = "admin_nasional", "Admin Nasional"


PERAN_PUSKESMAS = frozenset(
    {Peran.STAF, Peran.PJ_KLASTER, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.TIM_MUTU}
)
PERAN_KABUPATEN = frozenset({Peran.VERIFIKATOR_DINKES, Peran.ADMIN_DINKES})
PERAN_NASIONAL = frozenset({Peran.ADMIN_NASIONAL})


class JenisKabupaten(models.TextChoices):
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"


class JenisDesa(models.TextChoices):
    DESA = "desa", "Desa"
    KELURAHAN = "kelurahan", "Kelurahan"


class KategoriSasaran(models.TextChoices):
    """Population groups a desa reports each year; PWS derives sasaran from them."""

    PENDUDUK = "penduduk", "Jumlah penduduk"
    KK = "kk", "Jumlah kepala keluarga"
    IBU_HAMIL = "ibu_hamil", "Ibu hamil"
    IBU_BERSALIN = "ibu_bersalin", "Ibu bersalin"
    BAYI_BARU_LAHIR = "bayi_baru_lahir", "Bayi baru lahir"
    BAYI = "bayi", "Bayi (0-11 bulan)"
    BALITA = "balita", "Balita (0-59 bulan)"
    USIA_PENDIDIKAN_DASAR = "usia_pendidikan_dasar", "Usia pendidikan dasar"
    USIA_PRODUKTIF = "usia_produktif", "Usia produktif (15-59 tahun)"
    USIA_LANJUT = "usia_lanjut", "Usia lanjut (60+ tahun)"
    WUS = "wus", "Wanita usia subur"
    PUS = "pus", "Pasangan usia subur"
