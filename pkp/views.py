from puskesmas.alat.modul import Langkah, ModulView


class IndexView(ModulView):
    modul = "pkp"
    judul = "Penilaian Kinerja Puskesmas"
    uraian = "Penilaian mandiri, verifikasi Dinas Kesehatan dan pengelompokan kinerja."
    langkah = (
        Langkah("Penilaian mandiri", "Data Januari–Desember; kinerja manajemen dinilai 0/4/7/10."),
        Langkah("Verifikasi", "Dinas Kesehatan memeriksa dan memberi umpan balik."),
        Langkah("Pengelompokan", "Baik, cukup atau kurang, lalu diurutkan dalam kelompoknya."),
    )
