from puskesmas.modul import Langkah, ModulView


class IndexView(ModulView):
    modul = "perencanaan"
    judul = "P1 Perencanaan"
    uraian = "Rencana lima tahunan, rencana tahunan, RUK, RPK/POA dan target kinerja per klaster."
    langkah = (
        Langkah(
            "Persiapan",
            "Tim Perencanaan dibentuk dengan SK Kepala Puskesmas, diketuai Kepala Tata Usaha.",
        ),
        Langkah("Analisis situasi", "Capaian tahun lalu dibandingkan dengan target, per klaster."),
        Langkah(
            "Perumusan masalah",
            "Masalah diprioritaskan dengan skor USG (Urgency, Seriousness, Growth).",
        ),
        Langkah(
            "Target kinerja",
            "Penanggung jawab klaster mengusulkan target; Kepala Puskesmas menetapkan SK Target Kinerja.",
        ),
        Langkah(
            "RUK dan RPK",
            "RUK tahun N+1 disahkan dan dikirim ke Dinkes; RPK/POA disusun setelah alokasi anggaran.",
        ),
    )
