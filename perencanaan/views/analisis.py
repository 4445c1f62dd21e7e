"""Analisis situasi and perumusan masalah: the achievements of the last two years against
targets per klaster, population per desa, survey results, the problems found ranked by USG,
and for each problem its root causes (fishbone) and alternative solutions; the problem
analysis as a PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access, sumber_analisis
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import DokumenTerkunci
from puskesmas.alat.dokumen import pdf_response
from puskesmas.alat.konflik import konflik_berversi
from puskesmas.alat.mixins import LingkupMixin, PuskesmasMixin
from puskesmas.models import Klaster
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from ..forms.analisis import (
    CapaianKlasterForm,
    HasilSurveiForm,
    MasalahForm,
    PemecahanForm,
    PenyebabForm,
)
from ..models import AlternatifPemecahan, HasilSurvei, Masalah, PenyebabMasalah
from ..pemecahan import RUMUS
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
            tahun_n2=tahun - 2,
            kelompok=selectors.analisis_situasi(puskesmas=p, tahun=tahun),
            peringkat=selectors.masalah_berperingkat(puskesmas=p, tahun=tahun),
            demografi=selectors.demografi_desa(puskesmas=p, tahun=tahun),
            survei=selectors.hasil_survei(puskesmas=p, tahun=tahun),
            # What later parts of the cycle concluded about last year (the set PKP of N-1),
            # read through the core's registry: P1 never imports them.
            sumber=sumber_analisis.bagian_untuk(puskesmas=p, tahun=tahun),
            boleh_ubah=access.boleh(self.request.user, Aksi.SUSUN_KLASTER, p),
            boleh_survei=access.boleh(self.request.user, Aksi.SUSUN_RENCANA, p),
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
        except KonflikVersi as exc:
            konflik_berversi(form, pesan=exc.message, instance=masalah)
            return self.form_invalid(form)
        except DokumenTerkunci as exc:
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


# --- One problem: root causes (fishbone) and alternative solutions ----------------------


def _url_masalah(masalah_pk: int, jangkar: str = "") -> str:
    url = reverse("perencanaan:masalah_detail", args=[masalah_pk])
    return f"{url}#{jangkar}" if jangkar else url


class MasalahDetailView(LingkupMixin, DetailView):
    """The analysis of one problem: fishbone, causes by category, solutions with scores.

    Subclasses handle one POST each (add a cause, add a solution) and render this page
    again with the form's errors when it is invalid."""

    model = Masalah
    template_name = "perencanaan/analisis_masalah.html"

    def get_object(self, queryset=None):
        masalah = selectors.masalah_dengan_analisis(
            pk=self.kwargs["pk"], queryset=self.get_queryset()
        )
        self.wajib_aksi(masalah)
        return masalah

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas")

    def get_context_data(self, **kwargs):
        m = self.object
        user = self.request.user
        klaster_ids = access.klaster_diizinkan(user, m.puskesmas)
        boleh = access.boleh(user, Aksi.SUSUN_KLASTER, m) and (
            klaster_ids is None or m.klaster_id in klaster_ids
        )
        terkunci = ""
        if boleh:
            try:
                services.pastikan_masalah_terbuka(m)
            except DokumenTerkunci as exc:
                terkunci = exc.message
        kwargs.setdefault("form_penyebab", PenyebabForm())
        kwargs.setdefault("form_pemecahan", PemecahanForm())
        kwargs.update(
            puskesmas=m.puskesmas,
            rincian=selectors.rincian_masalah(m),
            rumus=RUMUS,
            boleh_ubah=boleh and not terkunci,
            terkunci=terkunci,
            kembali=_url_analisis(m.puskesmas) + "#masalah",
        )
        return super().get_context_data(**kwargs)


class _TulisMasalahView(MasalahDetailView):
    """POST-only part of the problem page; a PJ klaster writes only their own klaster's."""

    aksi = Aksi.SUSUN_KLASTER
    http_method_names = ["post"]
    form_class: type
    kunci_konteks: str
    jangkar: str

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        access.wajib_klaster(request.user, self.object.puskesmas, self.object.klaster_id)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                pesan = self.simpan(form.cleaned_data)
            except DokumenTerkunci as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, pesan)
                return HttpResponseRedirect(_url_masalah(self.object.pk, self.jangkar))
        return self.render_to_response(self.get_context_data(**{self.kunci_konteks: form}))


class PenyebabTambahView(_TulisMasalahView):
    form_class = PenyebabForm
    kunci_konteks = "form_penyebab"
    jangkar = "penyebab"

    def simpan(self, data) -> str:
        services.penyebab_tambah(
            masalah=self.object,
            kategori=data["kategori"],
            uraian=data["uraian"],
            user=self.request.user,
        )
        return "Akar penyebab ditambahkan."


class PemecahanTambahView(_TulisMasalahView):
    form_class = PemecahanForm
    kunci_konteks = "form_pemecahan"
    jangkar = "pemecahan"

    def simpan(self, data) -> str:
        services.pemecahan_tambah(masalah=self.object, user=self.request.user, **data)
        return "Alternatif pemecahan ditambahkan dan dinilai."


class _BagianMasalahMixin(LingkupMixin):
    """A cause or a solution of a problem: same scope and klaster rules as its problem."""

    aksi = Aksi.SUSUN_KLASTER

    def get_queryset(self):
        return super().get_queryset().select_related("masalah__puskesmas")

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        access.wajib_klaster(self.request.user, obj.masalah.puskesmas, obj.masalah.klaster_id)
        return obj


class PemecahanPilihView(_BagianMasalahMixin, SingleObjectMixin, View):
    """Choose this solution for its problem: explicit, and only one per problem."""

    model = AlternatifPemecahan
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        pemecahan = self.get_object()
        try:
            services.pemecahan_pilih(pemecahan=pemecahan, user=request.user)
        except DokumenTerkunci as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"«{pemecahan.uraian}» dipilih sebagai pemecahan masalah.")
        return HttpResponseRedirect(_url_masalah(pemecahan.masalah_id, "pemecahan"))


class _HapusBagianView(_BagianMasalahMixin, DeleteView):
    template_name = "perencanaan/analisis_bagian_hapus.html"
    jangkar: str
    pesan: str

    def form_valid(self, form):
        try:
            self.hapus(self.object)
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
        else:
            messages.success(self.request, self.pesan)
        return HttpResponseRedirect(_url_masalah(self.object.masalah_id, self.jangkar))

    def get_context_data(self, **kwargs):
        kwargs.update(
            puskesmas=self.object.masalah.puskesmas,
            kembali=_url_masalah(self.object.masalah_id, self.jangkar),
            jenis=self.model._meta.verbose_name,
        )
        return super().get_context_data(**kwargs)


class PenyebabHapusView(_HapusBagianView):
    model = PenyebabMasalah
    jangkar = "penyebab"
    pesan = "Akar penyebab dihapus."

    def hapus(self, obj):
        services.penyebab_hapus(penyebab=obj, user=self.request.user)


class PemecahanHapusView(_HapusBagianView):
    model = AlternatifPemecahan
    jangkar = "pemecahan"
    pesan = "Alternatif pemecahan dihapus."

    def hapus(self, obj):
        services.pemecahan_hapus(pemecahan=obj, user=self.request.user)


class AnalisisPdfView(PuskesmasMixin, View):
    """The problem analysis of the selected year: USG table, then for each problem its
    fishbone (list and diagram) and its solution matrix with the chosen one."""

    def get(self, request, *args, **kwargs):
        tahun = tahun_terpilih(request)
        p = self.puskesmas
        return pdf_response(
            "perencanaan/dokumen/analisis_masalah.html",
            {
                "puskesmas": p,
                "tahun": tahun,
                "analisis": selectors.analisis_masalah(puskesmas=p, tahun=tahun),
                "rumus": RUMUS,
            },
            nama=f"analisis-masalah-{p.nama}-{tahun}",
            request=request,
            landscape=True,
        )


# --- Survey results ---------------------------------------------------------------------


class HasilSurveiTambahView(PuskesmasMixin, CreateView):
    aksi = Aksi.SUSUN_RENCANA
    model = HasilSurvei
    form_class = HasilSurveiForm
    template_name = "perencanaan/analisis_survei_form.html"

    def form_valid(self, form):
        survei = form.save(commit=False)
        survei.puskesmas = self.puskesmas
        survei.tahun = tahun_terpilih(self.request)
        services.hasil_survei_simpan(survei=survei, user=self.request.user)
        messages.success(self.request, "Hasil survei tersimpan.")
        return HttpResponseRedirect(_url_analisis(self.puskesmas) + "#survei")

    def get_context_data(self, **kwargs):
        kwargs.update(tahun=tahun_terpilih(self.request), kembali=_url_analisis(self.puskesmas))
        return super().get_context_data(**kwargs)


class HasilSurveiHapusView(LingkupMixin, DeleteView):
    aksi = Aksi.SUSUN_RENCANA
    model = HasilSurvei
    template_name = "perencanaan/analisis_bagian_hapus.html"

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas")

    def form_valid(self, form):
        services.hasil_survei_hapus(survei=self.object, user=self.request.user)
        messages.success(self.request, "Hasil survei dihapus.")
        return HttpResponseRedirect(_url_analisis(self.object.puskesmas) + "#survei")

    def get_context_data(self, **kwargs):
        kwargs.update(
            puskesmas=self.object.puskesmas,
            kembali=_url_analisis(self.object.puskesmas) + "#survei",
            jenis="hasil survei",
        )
        return super().get_context_data(**kwargs)
