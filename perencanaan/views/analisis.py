"""Analisis situasi and perumusan masalah: last year's achievements against targets per
klaster, and the problems found, ranked by USG."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import DokumenTerkunci
from puskesmas.alat.mixins import LingkupMixin, PuskesmasMixin
from puskesmas.models import Klaster
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from ..forms.analisis import CapaianKlasterForm, MasalahForm
from ..models import Masalah
from ..selectors import analisis as selectors
from ..services import analisis as services


def _url_analisis(puskesmas) -> str:
    return reverse("perencanaan:analisis", args=[puskesmas.pk])


class AnalisisView(PuskesmasMixin, TemplateView):
    template_name = "perencanaan/analisis_situasi.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_terpilih(self.request)
        p = self.puskesmas
        klaster_ids = access.klaster_diizinkan(self.request.user, p)
        ctx.update(
            tahun=tahun,
            tahun_lalu=tahun - 1,
            kelompok=selectors.analisis_situasi(puskesmas=p, tahun=tahun),
            peringkat=selectors.masalah_berperingkat(puskesmas=p, tahun=tahun),
            boleh_ubah=access.boleh(self.request.user, Aksi.SUSUN_KLASTER, p),
            klaster_boleh=klaster_ids,
        )
        return ctx


class CapaianView(PuskesmasMixin, TemplateView):
    """Achievements of last year for the indicators of one klaster (``?klaster=<nomor>``)."""

    aksi = Aksi.SUSUN_KLASTER
    template_name = "perencanaan/analisis_capaian_form.html"

    def setup_klaster(self, request):
        diizinkan = access.klaster_diizinkan(request.user, self.puskesmas)
        pilihan = Klaster.objects.order_by("nomor")
        if diizinkan is not None:
            pilihan = pilihan.filter(pk__in=diizinkan)
        self.pilihan = list(pilihan)
        nomor = request.POST.get("klaster") or request.GET.get("klaster")
        if nomor:
            try:
                self.klaster = Klaster.objects.get(nomor=int(nomor))
            except (ValueError, Klaster.DoesNotExist):
                raise Http404("Klaster tidak dikenal.") from None
            if self.klaster not in self.pilihan:
                raise PermissionDenied(access.PESAN_KLASTER_LAIN)
        elif self.pilihan:
            self.klaster = self.pilihan[0]
        else:
            raise PermissionDenied(access.PESAN_KLASTER_LAIN)
        self.tahun = tahun_terpilih(request)
        self.indikator = [
            i
            for i in selectors.indikator_katalog(
                kabupaten=self.puskesmas.kabupaten, tahun=self.tahun - 1
            )
            if i.klaster_id == self.klaster.pk
        ]

    def form(self, data=None):
        return CapaianKlasterForm(
            data,
            indikator=self.indikator,
            awal=selectors.capaian_awal(puskesmas=self.puskesmas, indikator=self.indikator),
        )

    def get(self, request, *args, **kwargs):
        self.setup_klaster(request)
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        self.setup_klaster(request)
        form = self.form(request.POST)
        if form.is_valid():
            services.capaian_simpan(
                puskesmas=self.puskesmas,
                indikator=self.indikator,
                nilai=form.nilai(),
                user=request.user,
            )
            messages.success(request, f"Capaian {self.klaster} tahun {self.tahun - 1} tersimpan.")
            return HttpResponseRedirect(
                _url_analisis(self.puskesmas) + f"#klaster-{self.klaster.nomor}"
            )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.update(
            klaster=self.klaster, pilihan=self.pilihan, tahun=self.tahun, tahun_lalu=self.tahun - 1
        )
        return super().get_context_data(**kwargs)


class _MasalahFormMixin:
    model = Masalah
    form_class = MasalahForm
    template_name = "perencanaan/analisis_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["indikator"] = selectors.indikator_katalog(
            kabupaten=self.pusk().kabupaten, tahun=self.tahun_masalah() - 1
        )
        kwargs["klaster_ids"] = access.klaster_diizinkan(self.request.user, self.pusk())
        return kwargs

    def form_valid(self, form):
        masalah = form.save(commit=False)
        masalah.puskesmas = self.pusk()
        masalah.tahun = self.tahun_masalah()
        try:
            self.object = services.masalah_simpan(
                masalah=masalah, versi=form.cleaned_data.get("versi"), user=self.request.user
            )
        except (KonflikVersi, DokumenTerkunci) as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, self.pesan)
        return HttpResponseRedirect(_url_analisis(self.pusk()) + "#masalah")

    def get_context_data(self, **kwargs):
        kwargs.update(
            puskesmas=self.pusk(),
            judul=self.judul,
            kembali=_url_analisis(self.pusk()) + "#masalah",
            tahun=self.tahun_masalah(),
        )
        return super().get_context_data(**kwargs)


class MasalahTambahView(PuskesmasMixin, _MasalahFormMixin, CreateView):
    aksi = Aksi.SUSUN_KLASTER
    judul = "Tambah masalah"
    pesan = "Masalah ditambahkan dan diperingkat menurut skor USG."

    def pusk(self):
        return self.puskesmas

    def tahun_masalah(self):
        return tahun_terpilih(self.request)


class _KlasterSendiriMixin:
    """A PJ klaster opens only the problems of their own klaster (403 otherwise)."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        access.wajib_klaster(self.request.user, obj.puskesmas, obj.klaster_id)
        return obj


class MasalahUbahView(LingkupMixin, _KlasterSendiriMixin, _MasalahFormMixin, UpdateView):
    aksi = Aksi.SUSUN_KLASTER
    judul = "Ubah masalah"
    pesan = "Masalah tersimpan."

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas__kabupaten")

    def pusk(self):
        return self.object.puskesmas

    def tahun_masalah(self):
        return self.object.tahun


class MasalahHapusView(LingkupMixin, _KlasterSendiriMixin, DeleteView):
    aksi = Aksi.SUSUN_KLASTER
    model = Masalah
    template_name = "perencanaan/analisis_hapus.html"

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas", "klaster")

    def form_valid(self, form):
        puskesmas = self.object.puskesmas
        try:
            services.masalah_hapus(masalah=self.object, user=self.request.user)
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
            return HttpResponseRedirect(_url_analisis(puskesmas) + "#masalah")
        messages.success(self.request, "Masalah dihapus.")
        return HttpResponseRedirect(_url_analisis(puskesmas) + "#masalah")

    def get_context_data(self, **kwargs):
        kwargs.update(puskesmas=self.object.puskesmas, kembali=_url_analisis(self.object.puskesmas))
        return super().get_context_data(**kwargs)
