"""Indicator catalogue of a kabupaten, per year: list, edit, copy, Excel import and export.

Dinkes (verifikator and admin) read it under the kabupaten; its admins edit it. Staff of a
Puskesmas read the catalogue of their kabupaten from their Puskesmas's pages.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import CreateView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.dokumen import xlsx_response
from puskesmas.alat.mixins import KabupatenMixin, PuskesmasMixin
from puskesmas.views.beranda import tahun_terpilih

from ..forms.katalog import ImporKatalogForm, IndikatorForm
from ..models import Indikator
from ..selectors import katalog as selectors
from ..services import katalog as services


def tahun_dari(request, *, selisih: int = 0) -> int:
    """The year a page works on: a ``tahun`` parameter of the form or query, else the
    year chosen in the navbar plus ``selisih`` (-1: the last finished year)."""
    nilai = request.POST.get("tahun") or request.GET.get("tahun")
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        return tahun_terpilih(request) + selisih
    return tahun if 2000 <= tahun <= 2100 else tahun_terpilih(request) + selisih


class _KatalogMixin(KabupatenMixin):
    model = Indikator

    @property
    def tahun(self) -> int:
        return tahun_dari(self.request)

    def url_daftar(self, tahun: int | None = None) -> str:
        url = reverse("perencanaan:katalog", args=[self.kabupaten.pk])
        return f"{url}?tahun={tahun or self.tahun}"


class KatalogView(_KatalogMixin, TemplateView):
    aksi = Aksi.REKAP_KABUPATEN
    template_name = "perencanaan/katalog_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = self.tahun
        k = self.kabupaten
        grup = selectors.per_klaster(selectors.indikator_tahun(kabupaten=k, tahun=tahun))
        boleh_kelola = lingkup(self.request.user).boleh(
            Aksi.KELOLA_KATALOG, puskesmas_id=None, kabupaten_id=k.pk
        )
        ctx.update(
            tahun=tahun,
            grup=grup,
            tahun_lain=selectors.tahun_katalog(kabupaten=k),
            boleh_kelola=boleh_kelola,
            # A missing year is created by an explicit POST (KatalogBuatView), never here.
            boleh_buat=boleh_kelola and not grup and services.tahun_katalog_wajar(tahun),
            rentang_buat=services.rentang_tahun_katalog(),
        )
        return ctx


class KatalogPuskesmasView(PuskesmasMixin, TemplateView):
    """The catalogue of the Puskesmas's kabupaten, read-only, for its staff."""

    template_name = "perencanaan/katalog_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_dari(self.request)
        indikator = selectors.indikator_tahun(
            kabupaten=self.puskesmas.kabupaten, tahun=tahun, aktif=True
        )
        ctx.update(
            tahun=tahun,
            kabupaten=self.puskesmas.kabupaten,
            grup=selectors.per_klaster(indikator),
            boleh_kelola=False,
        )
        return ctx


class _IndikatorFormMixin(_KatalogMixin):
    aksi = Aksi.KELOLA_KATALOG
    form_class = IndikatorForm
    template_name = "perencanaan/katalog_form.html"

    def tahun_form(self) -> int:
        return self.tahun

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(kabupaten=self.kabupaten, tahun=self.tahun_form())
        return kwargs

    def form_valid(self, form):
        indikator = form.save(commit=False)
        indikator.kabupaten = self.kabupaten
        indikator.tahun = self.tahun_form()
        try:
            self.object = services.indikator_simpan(user=self.request.user, indikator=indikator)
        except services.KatalogGagal as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"Indikator {self.object.kode} tersimpan.")
        return HttpResponseRedirect(self.url_daftar(self.object.tahun))

    def get_context_data(self, **kwargs):
        kwargs.update(judul=self.judul, tahun=self.tahun_form())
        return super().get_context_data(**kwargs)


class IndikatorTambahView(_IndikatorFormMixin, CreateView):
    judul = "Tambah indikator"


class IndikatorUbahView(_IndikatorFormMixin, UpdateView):
    judul = "Ubah indikator"

    def tahun_form(self) -> int:
        return self.object.tahun


class IndikatorAktifView(_KatalogMixin, SingleObjectMixin, View):
    """Deactivate an indicator (or activate it again). POST only."""

    aksi = Aksi.KELOLA_KATALOG

    def post(self, request, *args, **kwargs):
        indikator = self.get_object()
        aktif = request.POST.get("aktif") == "1"
        services.indikator_atur_aktif(user=request.user, indikator=indikator, aktif=aktif)
        keadaan = "diaktifkan kembali" if aktif else "dinonaktifkan"
        messages.success(request, f"Indikator {indikator.kode} {keadaan}.")
        return HttpResponseRedirect(self.url_daftar(indikator.tahun))


class KatalogSalinView(_KatalogMixin, View):
    """Copy last year's catalogue into the selected year. POST only."""

    aksi = Aksi.KELOLA_KATALOG

    def post(self, request, *args, **kwargs):
        tahun = self.tahun
        try:
            sumber, jumlah = services.katalog_salin_tahun_lalu(
                user=request.user, kabupaten=self.kabupaten, tahun=tahun
            )
        except services.KatalogGagal as exc:
            messages.error(request, exc.message)
        else:
            if jumlah:
                messages.success(
                    request, f"{jumlah} indikator disalin dari katalog tahun {sumber}."
                )
            else:
                messages.info(
                    request,
                    f"Semua kode indikator tahun {sumber} sudah ada di tahun {tahun}; "
                    "tidak ada yang disalin.",
                )
        return HttpResponseRedirect(self.url_daftar(tahun))


class KatalogBuatView(_KatalogMixin, View):
    """Create the selected year's catalogue (copy of the latest year, else the default
    one). POST only: the catalogue page offers the button instead of creating on a visit."""

    aksi = Aksi.KELOLA_KATALOG

    def post(self, request, *args, **kwargs):
        tahun = self.tahun
        try:
            jumlah = services.katalog_buat(user=request.user, kabupaten=self.kabupaten, tahun=tahun)
        except services.KatalogGagal as exc:
            messages.error(request, exc.message)
        else:
            if jumlah:
                messages.success(request, f"Katalog tahun {tahun} dibuat: {jumlah} indikator.")
            else:
                messages.info(request, services.PESAN_KATALOG_SUDAH_ADA.format(tahun=tahun))
        return HttpResponseRedirect(self.url_daftar(tahun))


class KatalogEksporView(_KatalogMixin, View):
    aksi = Aksi.REKAP_KABUPATEN

    def get(self, request, *args, **kwargs):
        tahun = self.tahun
        isi = selectors.katalog_xlsx(kabupaten=self.kabupaten, tahun=tahun)
        return xlsx_response(isi, nama=f"katalog-indikator-{self.kabupaten.nama}-{tahun}")


class KatalogTemplatView(_KatalogMixin, View):
    aksi = Aksi.KELOLA_KATALOG

    def get(self, request, *args, **kwargs):
        return xlsx_response(selectors.templat_katalog_xlsx(), nama="templat-katalog-indikator")


class KatalogImporView(_KatalogMixin, TemplateView):
    aksi = Aksi.KELOLA_KATALOG
    template_name = "perencanaan/katalog_impor.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImporKatalogForm())
        kwargs.setdefault("tahun", self.tahun)
        kwargs.setdefault("templat", services.TEMPLAT_KATALOG)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = ImporKatalogForm(request.POST, request.FILES)
        tahun = self.tahun
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        hasil = services.katalog_impor(
            user=request.user,
            kabupaten=self.kabupaten,
            tahun=tahun,
            berkas=form.cleaned_data["berkas"],
        )
        if not hasil.sah:
            return self.render_to_response(self.get_context_data(form=form, galat=hasil.galat))
        messages.success(
            request,
            f"Impor selesai: {hasil.dibuat} indikator ditambahkan, {hasil.diubah} diperbarui "
            f"pada katalog tahun {tahun}.",
        )
        return HttpResponseRedirect(self.url_daftar(tahun))
