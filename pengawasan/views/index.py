from puskesmas.alat.modul import Langkah, ModulView


class IndexView(ModulView):
    modul = "pengawasan"
    judul = "P3 Pengawasan dan Pengendalian"
    uraian = "Supervisi, audit internal, pengendalian dan Rapat Tinjauan Manajemen."
    langkah = (
        Langkah("Supervisi", "Terjadwal atau sewaktu-waktu, internal maupun eksternal."),
        Langkah("Audit internal", "Program tahunan, temuan, tindakan korektif dengan batas waktu."),
        Langkah(
            "Pengendalian", "Setiap penyimpangan capaian dari target mendapat tindakan korektif."
        ),
        Langkah("RTM", "Minimal dua kali setahun, disetujui Kepala Puskesmas."),
    )
