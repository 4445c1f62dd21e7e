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

from ..forms.tenggat import TenggatKabupatenForm, kejadian_terdaftar, nama_field
from ..services.tenggat import TenggatTidakSah, tenggat_kabupaten_simpan

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
        """The kabupaten's own dates of the year, keyed by (kind, occurrence)."""
        return sel.tenggat_tersimpan(kabupaten=self.kabupaten, tahun=self.tahun)

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
                        nama_field(k, "semula"): sekarang[k].isoformat() if sekarang.get(k) else ""
                        for k in form.kunci
                    },
                    tersimpan={nama_field(k): sekarang.get(k) for k in form.kunci},
                )
            except TenggatTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                judul = {(k.jenis, k.kode): t.judul(k) for t, k in form.kejadian}
                messages.success(
                    request,
                    f"Tenggat tahun {self.tahun} tersimpan: "
                    + "; ".join(
                        f"{judul[kunci]} {tanggal_indonesia(d)}" for kunci, d in berlaku.items()
                    )
                    + ".",
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
                    "label": t.judul(k),
                    "default": k.batas,
                    "sendiri": tersimpan.get((k.jenis, k.kode)),
                }
                for t, k in kejadian_terdaftar(tahun)
            ],
            riwayat=[
                (h, sel.label_jenis(h.jenis)) for h in sel.riwayat_tenggat(kabupaten=self.kabupaten)
            ],
        )
        return ctx
