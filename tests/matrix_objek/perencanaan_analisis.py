"""Objects of the problem-analysis pages: a problem of Puskesmas A with one root cause and
one chosen solution, and one survey result."""


def buat(dunia) -> None:
    from datetime import date
    from decimal import Decimal

    from perencanaan.choices import JenisSurvei, KategoriPenyebab
    from perencanaan.models import AlternatifPemecahan, HasilSurvei, Masalah, PenyebabMasalah
    from puskesmas.referensi import pastikan_klaster

    klaster = pastikan_klaster()
    masalah = Masalah.objects.create(
        puskesmas=dunia.a,
        tahun=2026,
        klaster=klaster[2],
        uraian="Cakupan imunisasi dasar lengkap rendah",
        urgency=5,
        seriousness=4,
        growth=3,
    )
    PenyebabMasalah.objects.create(
        masalah=masalah, kategori=KategoriPenyebab.MANUSIA, uraian="Kader belum terlatih"
    )
    AlternatifPemecahan.objects.create(
        masalah=masalah,
        uraian="Pelatihan kader posyandu",
        magnitude=4,
        importancy=4,
        vulnerability=4,
        cost=3,
        dipilih=True,
    )
    HasilSurvei.objects.create(
        puskesmas=dunia.a,
        tahun=2026,
        jenis=JenisSurvei.IKS,
        nilai=Decimal("0.42"),
        tanggal=date(2025, 10, 1),
        sumber="Aplikasi Keluarga Sehat",
    )
