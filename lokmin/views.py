from puskesmas.alat.modul import Langkah, ModulView


class IndexView(ModulView):
    modul = "lokmin"
    judul = "P2 Penggerakan dan Pelaksanaan"
    uraian = "Lokakarya Mini bulanan dan tribulanan, PWS per desa, dan PIS-PK."
    langkah = (
        Langkah(
            "Lokmin bulanan",
            "Awal setiap bulan: evaluasi kegiatan bulan lalu, rencana bulan depan, evaluasi PWS.",
        ),
        Langkah("Lokmin tribulanan", "Februari, Mei, Agustus, November, bersama lintas sektor."),
        Langkah(
            "Rencana tindak lanjut",
            "Setiap masalah mendapat tindak lanjut, penanggung jawab dan batas waktu.",
        ),
        Langkah("PWS", "Capaian per desa per bulan dibandingkan dengan target kumulatif."),
    )
