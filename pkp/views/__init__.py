"""Pages of PKP: the start page here, one module per group of pages."""

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.modul import Langkah, ModulView


class IndexView(ModulView):
    template_name = "pkp/index.html"
    modul = "pkp"
    judul = "Penilaian Kinerja Puskesmas"
    uraian = "Penilaian mandiri, verifikasi Dinas Kesehatan dan pengelompokan kinerja."
    langkah = (
        Langkah("Penilaian mandiri", "Data Januari–Desember; kinerja manajemen dinilai 0/4/7/10."),
        Langkah("Verifikasi", "Dinas Kesehatan memeriksa dan memberi umpan balik."),
        Langkah("Pengelompokan", "Baik, cukup atau kurang, lalu diurutkan dalam kelompoknya."),
    )

    def get_context_data(self, **kwargs):
        """Where the user reads the instrument: their kabupaten's (Dinkes), their
        Puskesmas's kabupaten's (staff), and the national default (everyone)."""
        from puskesmas.models import Kabupaten, Puskesmas

        from .tahun import tahun_pkp

        ctx = super().get_context_data(**kwargs)
        scope = lingkup(self.request.user)
        ctx.update(
            tahun_pkp=tahun_pkp(self.request),
            nasional=scope.nasional,
            kabupaten_instrumen=list(
                Kabupaten.objects.filter(pk__in=scope.kabupaten_ids(Aksi.REKAP_KABUPATEN))
            ),
            puskesmas_instrumen=list(
                Puskesmas.objects.filter(pk__in=scope.puskesmas_ids()).select_related(
                    "kecamatan__kabupaten"
                )
            ),
            tahun_lalu=ctx["tahun"] - 1,
        )
        return ctx
