"""The default indicator catalogue a kabupaten starts from when it has none of its own.

The 12 services of the SPM Kesehatan (targets are 100 % by law) and the 12 PIS-PK family
indicators. A Dinkes adapts it per year (edit, import from Excel); this list is only the
starting point, never read once a kabupaten has a catalogue for a year.

``kategori_sasaran`` names the desa population group that is the denominator where one fits
(used to derive the absolute sasaran per desa).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class IndikatorBawaan:
    kode: str
    nama: str
    klaster: int
    jenis: str
    definisi_operasional: str
    numerator: str
    denominator: str
    kategori_sasaran: str = ""
    satuan: str = "%"
    arah: str = "naik"
    target_default: Decimal = Decimal(100)


def _spm(kode, nama, klaster, kategori, definisi, numerator, denominator):
    return IndikatorBawaan(
        kode=kode,
        nama=nama,
        klaster=klaster,
        jenis="spm",
        kategori_sasaran=kategori,
        definisi_operasional=definisi,
        numerator=numerator,
        denominator=denominator,
    )


def _pispk(kode, nama, klaster, definisi, numerator, denominator):
    return IndikatorBawaan(
        kode=kode,
        nama=nama,
        klaster=klaster,
        jenis="pispk",
        definisi_operasional=definisi,
        numerator=numerator,
        denominator=denominator,
    )


SPM_KESEHATAN: tuple[IndikatorBawaan, ...] = (
    _spm(
        "SPM-01",
        "Pelayanan kesehatan ibu hamil",
        2,
        "ibu_hamil",
        "Ibu hamil yang mendapat pelayanan antenatal sesuai standar (minimal 6 kali kunjungan, "
        "termasuk 2 kali pemeriksaan dokter) di wilayah kerja dalam satu tahun.",
        "Jumlah ibu hamil yang mendapat pelayanan antenatal sesuai standar.",
        "Jumlah sasaran ibu hamil di wilayah kerja dalam tahun yang sama.",
    ),
    _spm(
        "SPM-02",
        "Pelayanan kesehatan ibu bersalin",
        2,
        "ibu_bersalin",
        "Ibu bersalin yang mendapat pelayanan persalinan sesuai standar di fasilitas "
        "pelayanan kesehatan.",
        "Jumlah ibu bersalin yang mendapat pelayanan persalinan sesuai standar di fasilitas "
        "pelayanan kesehatan.",
        "Jumlah sasaran ibu bersalin di wilayah kerja dalam tahun yang sama.",
    ),
    _spm(
        "SPM-03",
        "Pelayanan kesehatan bayi baru lahir",
        2,
        "bayi_baru_lahir",
        "Bayi baru lahir (0–28 hari) yang mendapat pelayanan kesehatan neonatal esensial "
        "sesuai standar.",
        "Jumlah bayi baru lahir yang mendapat pelayanan kesehatan sesuai standar.",
        "Jumlah sasaran bayi baru lahir di wilayah kerja dalam tahun yang sama.",
    ),
    _spm(
        "SPM-04",
        "Pelayanan kesehatan balita",
        2,
        "balita",
        "Balita (0–59 bulan) yang mendapat pelayanan kesehatan sesuai standar: pemantauan "
        "pertumbuhan dan perkembangan, imunisasi, vitamin A.",
        "Jumlah balita yang mendapat pelayanan kesehatan sesuai standar.",
        "Jumlah sasaran balita di wilayah kerja dalam tahun yang sama.",
    ),
    _spm(
        "SPM-05",
        "Pelayanan kesehatan pada usia pendidikan dasar",
        2,
        "usia_pendidikan_dasar",
        "Anak usia pendidikan dasar (kelas 1–9) yang mendapat skrining kesehatan sesuai standar.",
        "Jumlah anak usia pendidikan dasar yang mendapat skrining kesehatan sesuai standar.",
        "Jumlah anak usia pendidikan dasar di wilayah kerja dalam tahun yang sama.",
    ),
    _spm(
        "SPM-06",
        "Pelayanan kesehatan pada usia produktif",
        3,
        "usia_produktif",
        "Warga usia 15–59 tahun yang mendapat skrining kesehatan sesuai standar.",
        "Jumlah warga usia 15–59 tahun yang mendapat skrining kesehatan sesuai standar.",
        "Jumlah warga usia 15–59 tahun di wilayah kerja dalam tahun yang sama.",
    ),
    _spm(
        "SPM-07",
        "Pelayanan kesehatan pada usia lanjut",
        3,
        "usia_lanjut",
        "Warga usia 60 tahun ke atas yang mendapat skrining kesehatan sesuai standar minimal "
        "satu kali setahun.",
        "Jumlah warga usia 60 tahun ke atas yang mendapat skrining kesehatan sesuai standar.",
        "Jumlah warga usia 60 tahun ke atas di wilayah kerja dalam tahun yang sama.",
    ),
    _spm(
        "SPM-08",
        "Pelayanan kesehatan penderita hipertensi",
        3,
        "",
        "Penderita hipertensi usia 15 tahun ke atas yang mendapat pelayanan kesehatan sesuai "
        "standar.",
        "Jumlah penderita hipertensi usia 15 tahun ke atas yang mendapat pelayanan kesehatan "
        "sesuai standar.",
        "Jumlah estimasi penderita hipertensi usia 15 tahun ke atas di wilayah kerja.",
    ),
    _spm(
        "SPM-09",
        "Pelayanan kesehatan penderita diabetes melitus",
        3,
        "",
        "Penderita diabetes melitus usia 15 tahun ke atas yang mendapat pelayanan kesehatan "
        "sesuai standar.",
        "Jumlah penderita DM usia 15 tahun ke atas yang mendapat pelayanan kesehatan sesuai "
        "standar.",
        "Jumlah estimasi penderita DM usia 15 tahun ke atas di wilayah kerja.",
    ),
    _spm(
        "SPM-10",
        "Pelayanan kesehatan orang dengan gangguan jiwa berat",
        3,
        "",
        "Orang dengan gangguan jiwa (ODGJ) berat yang mendapat pelayanan kesehatan jiwa "
        "promotif dan preventif sesuai standar.",
        "Jumlah ODGJ berat yang mendapat pelayanan kesehatan jiwa sesuai standar.",
        "Jumlah estimasi ODGJ berat di wilayah kerja.",
    ),
    _spm(
        "SPM-11",
        "Pelayanan kesehatan orang terduga tuberkulosis",
        4,
        "",
        "Orang terduga TBC yang mendapat pelayanan sesuai standar (pemeriksaan klinis, "
        "pemeriksaan penunjang, edukasi).",
        "Jumlah orang terduga TBC yang mendapat pelayanan sesuai standar.",
        "Jumlah estimasi orang terduga TBC di wilayah kerja.",
    ),
    _spm(
        "SPM-12",
        "Pelayanan kesehatan orang dengan risiko terinfeksi HIV",
        4,
        "",
        "Orang berisiko terinfeksi HIV (ibu hamil, pasien TBC, pasien IMS, populasi kunci) "
        "yang mendapat pemeriksaan HIV sesuai standar.",
        "Jumlah orang berisiko terinfeksi HIV yang mendapat pemeriksaan HIV sesuai standar.",
        "Jumlah orang berisiko terinfeksi HIV di wilayah kerja.",
    ),
)

_KELUARGA = "Jumlah keluarga yang disurvei dengan jawaban Y atau N untuk indikator ini."

PIS_PK: tuple[IndikatorBawaan, ...] = (
    _pispk(
        "PISPK-01",
        "Keluarga mengikuti program Keluarga Berencana (KB)",
        2,
        "Pasangan usia subur dalam keluarga menggunakan alat/cara kontrasepsi.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-02",
        "Ibu melakukan persalinan di fasilitas kesehatan",
        2,
        "Ibu yang melahirkan dalam keluarga bersalin di fasilitas pelayanan kesehatan.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-03",
        "Bayi mendapat imunisasi dasar lengkap",
        2,
        "Bayi dalam keluarga telah mendapat imunisasi dasar lengkap.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-04",
        "Bayi mendapat air susu ibu (ASI) eksklusif",
        2,
        "Bayi usia 0–6 bulan dalam keluarga mendapat ASI saja.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-05",
        "Balita mendapatkan pemantauan pertumbuhan",
        2,
        "Balita dalam keluarga ditimbang dan dipantau pertumbuhannya setiap bulan.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-06",
        "Penderita tuberkulosis paru mendapatkan pengobatan sesuai standar",
        4,
        "Anggota keluarga penderita TB paru berobat sesuai standar.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-07",
        "Penderita hipertensi melakukan pengobatan secara teratur",
        3,
        "Anggota keluarga penderita hipertensi berobat teratur.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-08",
        "Penderita gangguan jiwa mendapatkan pengobatan dan tidak ditelantarkan",
        3,
        "Anggota keluarga dengan gangguan jiwa berat diobati dan tidak ditelantarkan.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-09",
        "Anggota keluarga tidak ada yang merokok",
        5,
        "Tidak ada anggota keluarga yang merokok.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-10",
        "Keluarga sudah menjadi anggota Jaminan Kesehatan Nasional (JKN)",
        5,
        "Seluruh anggota keluarga terdaftar sebagai peserta JKN.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-11",
        "Keluarga mempunyai akses sarana air bersih",
        5,
        "Keluarga memiliki akses terhadap sarana air bersih.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
    _pispk(
        "PISPK-12",
        "Keluarga mempunyai akses atau menggunakan jamban sehat",
        5,
        "Keluarga memiliki akses atau menggunakan jamban sehat.",
        "Jumlah keluarga dengan jawaban Y.",
        _KELUARGA,
    ),
)

KATALOG_BAWAAN: tuple[IndikatorBawaan, ...] = SPM_KESEHATAN + PIS_PK
