"""Target kinerja: a signed revision of Puskesmas A with one target and its SK."""

from decimal import Decimal


def buat(dunia) -> None:
    from perencanaan.models import Indikator
    from puskesmas.alat.alur import StatusAlur

    from ..perencanaan.factories_target import (
        IndikatorFactory,
        PenetapanTargetFactory,
        SKTargetKinerjaFactory,
        TargetKinerjaFactory,
        klaster,
    )

    indikator = Indikator.objects.filter(kabupaten=dunia.kab_x, kode="MTX-TARGET").first()
    if indikator is None:
        indikator = IndikatorFactory(kabupaten=dunia.kab_x, kode="MTX-TARGET", klaster=klaster(2))
    penetapan = PenetapanTargetFactory(
        puskesmas=dunia.a, tahun=indikator.tahun, status=StatusAlur.DISAHKAN
    )
    TargetKinerjaFactory(penetapan=penetapan, indikator=indikator, target_persen=Decimal(95))
    SKTargetKinerjaFactory(penetapan=penetapan, ditandatangani_oleh=dunia.kapus_a)
