from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.modul import Langkah, ModulView
from puskesmas.models import Kabupaten, Puskesmas


class IndexView(ModulView):
    template_name = "pengawasan/index.html"
    modul = "pengawasan"
    judul = "P3 Pengawasan dan Pengendalian"
    uraian = "Supervisi, audit internal, pengendalian dan Rapat Tinjauan Manajemen."
    langkah = (
        Langkah("Supervisi", "Terjadwal atau sewaktu-waktu, internal maupun eksternal."),
        Langkah("Audit internal", "Program tahunan, temuan, tindakan korektif dengan batas waktu."),
        Langkah(
            "Pengendalian", "Setiap penyimpangan capaian dari target mendapat tindakan korektif."
        ),
        Langkah(
            "Register dan program mutu",
            "Pengaduan, survei kepuasan masyarakat, register risiko, Tim Mutu dan rencana "
            "program mutu dan keselamatan pasien.",
        ),
        Langkah(
            "Register dan program mutu",
            "Pengaduan, survei kepuasan masyarakat, register risiko, Tim Mutu dan rencana "
            "program mutu dan keselamatan pasien.",
        ),
        Langkah("RTM", "Minimal dua kali setahun, disetujui Kepala Puskesmas."),
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scope = access.lingkup(self.request.user)
        ctx["daftar_puskesmas"] = Puskesmas.objects.filter(pk__in=scope.puskesmas_ids()).order_by(
            "nama"
        )
        ctx["daftar_kabupaten"] = Kabupaten.objects.filter(
            pk__in=scope.kabupaten_ids(Aksi.REKAP_KABUPATEN)
        ).order_by("nama")
        return ctx
