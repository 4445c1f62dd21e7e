from ..perencanaan.factories_katalog import (
    IndikatorFactory,
    RencanaLimaTahunanFactory,
    TargetRenstraFactory,
)


def buat(dunia) -> None:
    IndikatorFactory(kabupaten=dunia.kab_x)
    TargetRenstraFactory(renstra=RencanaLimaTahunanFactory(puskesmas=dunia.a))
