from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pkp.models import NilaiManajemen, NilaiMutu, NilaiPelayanan
from pkp.services.penilaian import bukti_tambah, penilaian_buka, penilaian_langkah


def buat(dunia) -> None:
    """Puskesmas A's PKP assessment of this year (on kabupaten X's instrument, made by
    ``pkp_instrumen``) with one evidence file, submitted to the Dinkes (the objects of the
    assessment and verification pages)."""
    penilaian, _ = penilaian_buka(
        puskesmas=dunia.a, tahun=timezone.localdate().year, user=dunia.kapus_a
    )
    nilai = NilaiManajemen.objects.filter(penilaian=penilaian).first()
    bukti_tambah(
        nilai=nilai,
        user=dunia.kapus_a,
        keterangan="SK tim manajemen",
        berkas=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 bukti", content_type="application/pdf"),
    )
    NilaiPelayanan.objects.filter(penilaian=penilaian).update(capaian="90")
    NilaiManajemen.objects.filter(penilaian=penilaian).update(skor=7)
    NilaiMutu.objects.filter(penilaian=penilaian).update(capaian="95")
    penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=dunia.kapus_a)
