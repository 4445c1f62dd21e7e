from puskesmas.alat import access
from puskesmas.alat.modul import Langkah, ModulView
from puskesmas.models import Puskesmas


class IndexView(ModulView):
    template_name = "lokmin/index.html"
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
        Langkah(
            "PIS-PK",
            "Survei keluarga sehat: IKS per desa, intervensi awal, analisis, intervensi lanjut.",
        ),
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The Puskesmas the user works at (Dinkes users open one from its page).
        ids = access.lingkup(self.request.user).puskesmas_ids()
        ctx["daftar_puskesmas"] = Puskesmas.objects.filter(pk__in=ids).order_by("nama")
        return ctx
