from pkp.models import NilaiManajemen, NilaiMutu, NilaiPelayanan
from pkp.services.penilaian import penilaian_buka, penilaian_langkah


def buat(dunia) -> None:
    """Puskesmas A's PKP assessment, submitted to the Dinkes (the objects of the
    verification pages). Runs after pkp_instrumen, which copies the instrument."""
    from django.utils import timezone

    penilaian, _ = penilaian_buka(
        puskesmas=dunia.a, tahun=timezone.localdate().year, user=dunia.kapus_a
    )
    NilaiPelayanan.objects.filter(penilaian=penilaian).update(capaian="90")
    NilaiManajemen.objects.filter(penilaian=penilaian).update(skor=7)
    NilaiMutu.objects.filter(penilaian=penilaian).update(capaian="95")
    penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=dunia.kapus_a)
