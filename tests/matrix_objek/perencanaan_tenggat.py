from datetime import date


def buat(dunia) -> None:
    from perencanaan.choices import JenisTenggat
    from puskesmas.models import TenggatKabupaten

    TenggatKabupaten.objects.get_or_create(
        kabupaten=dunia.kab_x,
        tahun=date.today().year,
        jenis=JenisTenggat.TARGET_KINERJA,
        defaults={"tanggal": date(date.today().year, 2, 14)},
    )
