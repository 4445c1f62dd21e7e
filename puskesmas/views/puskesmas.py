"""Pages of one Puskesmas: list, profile, desa and Pustu, sasaran per desa, history."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
)

from ..alat.access import Aksi, lingkup
from ..alat.halaman import halaman_kunci
from ..alat.konflik import konflik_tampilkan
from ..alat.mixins import PuskesmasMixin, SimpanBerversiMixin
from ..choices import KategoriSasaran
from ..filters import PuskesmasFilter
from ..forms.inti import DesaForm, PuskesmasForm, PustuForm, SasaranDesaForm
from ..models import Desa, Puskesmas, Pustu, SasaranDesa
from ..selectors import inti as selectors
from ..services import inti as services
from .beranda import tahun_terpilih


class PuskesmasListView(ListView):
    """Dinkes and Puskesmas users see at most some hundred rows, by kecamatan then name, in
    numbered pages. The national list (10,000 rows) is ordered by the unique ``kode``, which
    groups by region since codes are hierarchical, and pages by keyset: page 200 costs what
    page 1 does, with no ``OFFSET``."""

    template_name = "puskesmas/puskesmas_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = PuskesmasFilter(
            self.request.GET,
            queryset=selectors.puskesmas_list(user=self.request.user),
            user=self.request.user,
        )
        return self.filterset.qs

    def _nasional(self) -> bool:
        return lingkup(self.request.user).nasional

    def get_paginate_by(self, queryset):
        return None if self._nasional() else self.paginate_by

    def get_context_data(self, **kwargs):
        kwargs["filter"] = self.filterset
        if self._nasional():
            halaman = halaman_kunci(
                self.object_list,
                self.request.GET,
                kunci=("kode",),
                per_halaman=self.paginate_by,
            )
            kwargs["halaman"] = halaman
            kwargs["pakai_kursor"] = True
            kwargs["object_list"] = halaman.object_list
        return super().get_context_data(**kwargs)


class PuskesmasDetailView(PuskesmasMixin, TemplateView):
    template_name = "puskesmas/puskesmas_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.puskesmas
        scope = lingkup(self.request.user)
        ctx["desa_list"] = p.desa.all()
        ctx["pustu_list"] = p.pustu.select_related("desa")
        ctx["petugas"] = p.penugasan.select_related("user", "klaster").order_by(
            "peran", "user__nama_lengkap"
        )
        ctx["boleh_ubah"] = scope.boleh(
            Aksi.UBAH_PROFIL, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id
        )
        ctx["boleh_wilayah"] = scope.boleh(
            Aksi.KELOLA_WILAYAH, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id
        )
        ctx["boleh_riwayat"] = scope.boleh(
            Aksi.LIHAT_RIWAYAT, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id
        )
        ctx["tahun"] = tahun_terpilih(self.request)
        return ctx


class PuskesmasUbahView(PuskesmasMixin, SimpanBerversiMixin, UpdateView):
    aksi = Aksi.UBAH_PROFIL
    model = Puskesmas
    form_class = PuskesmasForm
    template_name = "puskesmas/form.html"
    pesan_sukses = "Profil Puskesmas tersimpan."

    def get_object(self, queryset=None):
        return self.puskesmas

    def get_success_url(self):
        return reverse("puskesmas_detail", args=[self.puskesmas.pk])

    def get_context_data(self, **kwargs):
        kwargs["judul"] = "Ubah profil Puskesmas"
        return super().get_context_data(**kwargs)


class _WilayahMixin(PuskesmasMixin, SimpanBerversiMixin):
    """Desa and Pustu forms: the owning Puskesmas comes from the URL, never the form."""

    aksi = Aksi.KELOLA_WILAYAH
    template_name = "puskesmas/form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["puskesmas"] = self.puskesmas
        return kwargs

    def simpan(self, form):
        instance = form.save(commit=False)
        instance.puskesmas = self.puskesmas
        return instance

    def get_success_url(self):
        return reverse("puskesmas_detail", args=[self.puskesmas.pk])

    def get_context_data(self, **kwargs):
        kwargs["judul"] = self.judul
        return super().get_context_data(**kwargs)


class DesaTambahView(_WilayahMixin, CreateView):
    model = Desa
    form_class = DesaForm
    judul = "Tambah desa/kelurahan"
    pesan_sukses = "Desa/kelurahan ditambahkan."


class DesaUbahView(_WilayahMixin, UpdateView):
    model = Desa
    form_class = DesaForm
    judul = "Ubah desa/kelurahan"
    pesan_sukses = "Desa/kelurahan tersimpan."


class PustuTambahView(_WilayahMixin, CreateView):
    model = Pustu
    form_class = PustuForm
    judul = "Tambah Pustu"
    pesan_sukses = "Pustu ditambahkan."


class PustuUbahView(_WilayahMixin, UpdateView):
    model = Pustu
    form_class = PustuForm
    judul = "Ubah Pustu"
    pesan_sukses = "Pustu tersimpan."


class _HapusMixin(PuskesmasMixin):
    aksi = Aksi.KELOLA_WILAYAH
    template_name = "puskesmas/konfirmasi_hapus.html"

    def form_valid(self, form):
        nama = str(self.object)
        try:
            services.hapus_objek(instance=self.object, user=self.request.user, aksi=self.aksi)
        except services.TidakDapatDihapus as exc:
            messages.error(self.request, exc.message)
            return HttpResponseRedirect(self.get_success_url())
        messages.success(self.request, f"{nama} dihapus.")
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return reverse("puskesmas_detail", args=[self.puskesmas.pk])


class DesaHapusView(_HapusMixin, DeleteView):
    model = Desa


class PustuHapusView(_HapusMixin, DeleteView):
    model = Pustu


class SasaranDesaView(PuskesmasMixin, DetailView):
    """Population figures of one desa for the selected year."""

    aksi = Aksi.KELOLA_WILAYAH
    model = Desa
    template_name = "puskesmas/sasaran_form.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_form(self.build_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.build_form(request.POST)
        if form.is_valid():
            try:
                versi = int(request.POST.get("versi", ""))
            except ValueError:
                versi = None
            try:
                services.sasaran_desa_simpan(
                    desa=self.object,
                    tahun=self.tahun,
                    nilai={k.value: form.cleaned_data.get(k.value) for k in KategoriSasaran},
                    versi=versi,
                    user=request.user,
                )
            except services.KonflikVersi as exc:
                # The page posts the desa's version as loaded now, so a second save goes
                # through; show what is stored beside what was typed first.
                konflik_tampilkan(
                    form,
                    pesan=exc.message,
                    token={"versi": self.object.versi},
                    tersimpan={k: v.initial for k, v in self.build_form().fields.items()},
                )
            else:
                messages.success(request, f"Sasaran {self.object} tahun {self.tahun} tersimpan.")
                return redirect("puskesmas_detail", self.puskesmas.pk)
        return self.render_form(form)

    @property
    def tahun(self) -> int:
        return tahun_terpilih(self.request)

    def build_form(self, data=None):
        nilai = dict(
            SasaranDesa.objects.filter(desa=self.object, tahun=self.tahun).values_list(
                "kategori", "jumlah"
            )
        )
        return SasaranDesaForm(data, nilai=nilai)

    def render_form(self, form):
        return self.render_to_response(
            self.get_context_data(form=form, tahun=self.tahun, versi=self.object.versi)
        )


class RiwayatPuskesmasView(PuskesmasMixin, TemplateView):
    aksi = Aksi.LIHAT_RIWAYAT
    template_name = "puskesmas/riwayat.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["perubahan"] = selectors.riwayat_puskesmas(puskesmas=self.puskesmas)
        return ctx
