"""Objects of the analisis situasi and RUK pages: a problem and a RUK with one activity of
Puskesmas A."""


def buat(dunia) -> None:
    from perencanaan.models import RUK, KegiatanRUK, Masalah
    from puskesmas.referensi import pastikan_klaster

    klaster = pastikan_klaster()
    masalah = Masalah.objects.create(
        puskesmas=dunia.a,
        tahun=2026,
        klaster=klaster[2],
        uraian="Cakupan K6 rendah",
        urgency=4,
        seriousness=3,
        growth=2,
    )
    # Another area may already have made A's RUK 2027 (the RPK is derived from it).
    ruk, _ = RUK.objects.get_or_create(puskesmas=dunia.a, tahun=2027)
    kegiatan = KegiatanRUK.objects.create(
        ruk=ruk, klaster=klaster[2], upaya="Kelas ibu hamil", kebutuhan_anggaran=1_500_000
    )
    kegiatan.masalah.add(masalah)
