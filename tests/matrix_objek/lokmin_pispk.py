from datetime import date

from django.utils import timezone

from lokmin.models import KeluargaPISPK, LangkahPISPK

from ..factories import DesaFactory, SasaranDesaFactory


def buat(dunia) -> None:
    """A surveyed family and a recorded step of Puskesmas A this year (the year the PIS-PK
    pages open on), with the desa's count of kepala keluarga."""
    tahun = timezone.localdate().year
    desa = DesaFactory(puskesmas=dunia.a)
    SasaranDesaFactory(desa=desa, tahun=tahun, kategori="kk", jumlah=10)
    KeluargaPISPK.objects.create(
        puskesmas=dunia.a, tahun=tahun, desa=desa, kode="MATRIX-1", jawaban="YYNXYYYYNYYY"
    )
    LangkahPISPK.objects.create(
        puskesmas=dunia.a, tahun=tahun, langkah="intervensi_awal", tanggal=date(tahun, 1, 2),
        uraian="Kunjungan rumah keluarga pra-sehat",
    )  # fmt: skip
