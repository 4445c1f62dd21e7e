from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
)

from . import selectors, services
from .access import Aksi, lingkup
from .choices import KategoriSasaran
from .filters import PuskesmasFilter
from .forms import DesaForm, LoginForm, PuskesmasForm, PustuForm, SasaranDesaForm
from .mixins import LingkupMixin, PuskesmasMixin, SimpanBerversiMixin
from .models import Desa, Kabupaten, Notifikasi, Puskesmas, Pustu, SasaranDesa, TugasLatar


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


def tahun_terpilih(request) -> int:
    """The year the user is looking at: chosen in the navbar, else the active one."""
    try:
        return int(request.session["tahun"])
    except (KeyError, TypeError, ValueError):
        return selectors.tahun_aktif()


class PilihTahunView(View):
    def post(self, request):
        try:
            tahun = int(request.POST.get("tahun", ""))
        except ValueError:
            messages.error(request, "Tahun tidak valid.")
        else:
            if 2000 <= tahun <= 2100:
                request.session["tahun"] = tahun
            else:
                messages.error(request, "Tahun harus antara 2000 dan 2100.")
        kembali = request.POST.get("next") or reverse("beranda")
        if not kembali.startswith("/") or kembali.startswith("//"):
            kembali = reverse("beranda")
        return HttpResponseRedirect(kembali)


class BerandaView(TemplateView):
    """One address, a home page per role."""

    def get_template_names(self):
        scope = lingkup(self.request.user)
        if scope.tingkat_puskesmas:
            return ["puskesmas/beranda_puskesmas.html"]
        if scope.tingkat_kabupaten:
            return ["puskesmas/beranda_dinkes.html"]
        if scope.nasional:
            return ["puskesmas/beranda_nasional.html"]
        return ["puskesmas/beranda_tanpa_peran.html"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        scope = lingkup(user)
        ctx["tahun"] = tahun_terpilih(self.request)
        ctx["penugasan"] = user.peran.select_related("puskesmas", "kabupaten", "klaster")
        ctx["notifikasi_terbaru"] = Notifikasi.objects.for_user(user)[:5]
        if scope.tingkat_puskesmas:
            ctx["daftar_puskesmas"] = selectors.puskesmas_list(user=user).filter(
                pk__in=scope.puskesmas_ids()
            )
        elif scope.tingkat_kabupaten:
            ctx["daftar_kabupaten"] = selectors.kabupaten_list(user=user)
        elif scope.nasional:
            ctx["page_obj"] = Paginator(selectors.kabupaten_list(user=user), 50).get_page(
                self.request.GET.get("page")
            )
        return ctx


class PuskesmasListView(ListView):
    template_name = "puskesmas/puskesmas_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = PuskesmasFilter(
            self.request.GET,
            queryset=selectors.puskesmas_list(user=self.request.user),
            user=self.request.user,
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        kwargs["filter"] = self.filterset
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


class PuskesmasUpdateView(PuskesmasMixin, SimpanBerversiMixin, UpdateView):
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


class DesaCreateView(_WilayahMixin, CreateView):
    model = Desa
    form_class = DesaForm
    judul = "Tambah desa/kelurahan"
    pesan_sukses = "Desa/kelurahan ditambahkan."


class DesaUpdateView(_WilayahMixin, UpdateView):
    model = Desa
    form_class = DesaForm
    judul = "Ubah desa/kelurahan"
    pesan_sukses = "Desa/kelurahan tersimpan."


class PustuCreateView(_WilayahMixin, CreateView):
    model = Pustu
    form_class = PustuForm
    judul = "Tambah Pustu"
    pesan_sukses = "Pustu ditambahkan."


class PustuUpdateView(_WilayahMixin, UpdateView):
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


class DesaDeleteView(_HapusMixin, DeleteView):
    model = Desa


class PustuDeleteView(_HapusMixin, DeleteView):
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
                form.add_error(None, exc.message)
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


class RekapKabupatenIndexView(ListView):
    """Dinkes: the kabupaten they work for (usually one: go straight to it)."""

    template_name = "puskesmas/kabupaten_list.html"
    paginate_by = 50

    def get_queryset(self):
        scope = lingkup(self.request.user)
        qs = selectors.kabupaten_list(user=self.request.user)
        if not scope.nasional:
            qs = qs.filter(pk__in=scope.kabupaten_ids(Aksi.REKAP_KABUPATEN))
        return qs

    def get(self, request, *args, **kwargs):
        scope = lingkup(request.user)
        ids = scope.kabupaten_ids(Aksi.REKAP_KABUPATEN)
        if not scope.nasional and len(ids) == 1:
            return redirect("rekap_kabupaten", next(iter(ids)))
        return super().get(request, *args, **kwargs)


class RekapKabupatenView(LingkupMixin, DetailView):
    aksi = Aksi.REKAP_KABUPATEN
    model = Kabupaten
    template_name = "puskesmas/kabupaten_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("provinsi")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["daftar_puskesmas"] = selectors.puskesmas_list(
            user=self.request.user, kabupaten=self.object
        )
        ctx["tahun"] = tahun_terpilih(self.request)
        return ctx


class NotifikasiListView(ListView):
    template_name = "puskesmas/notifikasi_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Notifikasi.objects.for_user(self.request.user)


class NotifikasiBacaView(View):
    model = Notifikasi

    def post(self, request, pk=None):
        if pk is not None:
            notifikasi = get_object_or_404(Notifikasi.objects.for_user(request.user), pk=pk)
            services.notifikasi_tandai_dibaca(user=request.user, notifikasi_id=notifikasi.pk)
            if notifikasi.tautan.startswith("/"):
                return HttpResponseRedirect(notifikasi.tautan)
        else:
            services.notifikasi_tandai_dibaca(user=request.user)
            messages.success(request, "Semua notifikasi ditandai sudah dibaca.")
        return redirect("notifikasi_list")


class TugasLatarView(DetailView):
    """Progress of a background job; the bar refreshes itself with htmx until it ends."""

    model = TugasLatar
    template_name = "puskesmas/tugas_latar.html"

    def get_queryset(self):
        return TugasLatar.objects.for_user(self.request.user)

    def get_template_names(self):
        if self.request.htmx:
            return ["puskesmas/_tugas_progres.html"]
        return [self.template_name]
