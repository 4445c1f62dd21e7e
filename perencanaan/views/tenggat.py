"""Due dates: the Dinkes compliance table and a kabupaten's own due dates."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import TemplateView

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.konflik import konflik_tampilkan
from puskesmas.alat.mixins import KabupatenMixin
from puskesmas.alat.tenggat import Kepatuhan, tanggal_indonesia
from puskesmas.models import Puskesmas
from puskesmas.selectors import tenggat as sel
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from ..choices import JenisTenggat
from ..forms.tenggat import FIELD, TenggatKabupatenForm
from ..services.tenggat import KODE, TenggatTidakSah, tenggat_kabupaten_simpan
from ..tenggat import batas_default

FILTER_STATUS = {
    "": "Semua",
    "belum": "Ada yang belum",
    "terlambat": "Ada yang terlambat",
    "tepat_waktu": "Semua tepat waktu",
}


class KepatuhanView(KabupatenMixin, TemplateView):
    """Dinkes: which Puskesmas met each registered due date on time, late, not yet."""

    aksi = Aksi.REKAP_KABUPATEN
    template_name = "perencanaan/tenggat_kepatuhan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_terpilih(self.request)
        daftar = (
            Puskesmas.objects.for_user(self.request.user)
            .filter(kabupaten=self.kabupaten)
            .select_related("kecamatan")
            .order_by("kecamatan__nama", "nama")
        )
        kepatuhan = sel.kepatuhan_kabupaten(kabupaten=self.kabupaten, tahun=tahun, puskesmas=daftar)
        saring = self.request.GET.get("status", "")
        if saring not in FILTER_STATUS:
            saring = ""
        baris = kepatuhan.baris
        if saring == "tepat_waktu":
            baris = [
                b
                for b in baris
                if all(j.keadaan.kepatuhan == Kepatuhan.TEPAT_WAKTU for j in b.jenis)
            ]
        elif saring:
            baris = [b for b in baris if any(j.keadaan.kepatuhan == saring for j in b.jenis)]
        ctx.update(
            tahun=tahun,
            kepatuhan=kepatuhan,
            baris=baris,
            saring=saring,
            pilihan_saring=FILTER_STATUS.items(),
            boleh_atur=lingkup(self.request.user).boleh(
                Aksi.KELOLA_KATALOG, puskesmas_id=None, kabupaten_id=self.kabupaten.pk
            ),
        )
        return ctx


class TenggatKabupatenView(KabupatenMixin, TemplateView):
    """Dinkes admin: the kabupaten's own due dates for the selected year."""

    aksi = Aksi.KELOLA_KATALOG
    template_name = "perencanaan/tenggat_form.html"

    @property
    def tahun(self) -> int:
        return tahun_terpilih(self.request)

    def tersimpan(self) -> dict:
        """This app's kinds only (once a year: no occurrence code), keyed by kind."""
        return {
            jenis: d
            for (jenis, kejadian), d in sel.tenggat_tersimpan(
                kabupaten=self.kabupaten, tahun=self.tahun
            ).items()
            if jenis in KODE and not kejadian
        }

    def get(self, request, *args, **kwargs):
        form = TenggatKabupatenForm(tahun=self.tahun, tersimpan=self.tersimpan())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = TenggatKabupatenForm(request.POST, tahun=self.tahun, tersimpan=self.tersimpan())
        if form.is_valid():
            try:
                berlaku = tenggat_kabupaten_simpan(
                    kabupaten=self.kabupaten,
                    tahun=self.tahun,
                    tanggal=form.tanggal(),
                    semula=form.semula(),
                    user=request.user,
                )
            except KonflikVersi as exc:
                # Keep what was typed, but take the dates now stored as the new base: a
                # second save, after looking at them, goes through.
                sekarang = self.tersimpan()
                konflik_tampilkan(
                    form,
                    pesan=exc.message,
                    token={
                        f"semula_{j}": sekarang[j].isoformat() if sekarang.get(j) else ""
                        for j in KODE
                    },
                    tersimpan={FIELD[j]: sekarang.get(j) for j in KODE},
                )
            except TenggatTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    f"Tenggat tahun {self.tahun} tersimpan: target kinerja "
                    f"{tanggal_indonesia(berlaku[JenisTenggat.TARGET_KINERJA])}, SK Target Kinerja "
                    f"{tanggal_indonesia(berlaku[JenisTenggat.SK_TARGET])}.",
                )
                return redirect("perencanaan:tenggat_kabupaten", kabupaten_pk=self.kabupaten.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = self.tahun
        tersimpan = self.tersimpan()
        ctx.update(
            tahun=tahun,
            baris_tenggat=[
                {
                    "label": JenisTenggat(j).label,
                    "default": batas_default(j, tahun),
                    "sendiri": tersimpan.get(j),
                }
                for j in KODE
            ],
            riwayat=[
                (h, sel.label_jenis(h.jenis)) for h in sel.riwayat_tenggat(kabupaten=self.kabupaten)
            ],
        )
        return ctx
