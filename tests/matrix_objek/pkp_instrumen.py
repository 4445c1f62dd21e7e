from django.utils import timezone

from pkp.services.instrumen import instrumen_salin, standar_nasional_pastikan


def buat(dunia) -> None:
    """Kabupaten X's copy of the national PKP instrument (the objects of its pages)."""
    tahun = timezone.localdate().year
    standar_nasional_pastikan(tahun)
    instrumen_salin(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=tahun)
