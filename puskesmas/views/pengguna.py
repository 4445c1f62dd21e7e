"""User management pages: accounts and roles of the people inside the manager's scope.

Every view starts from ``services.pengguna.pengguna_untuk``: a user outside the viewer's
scope is a 404; a visible user the viewer may not manage is a 403.
"""

from smtplib import SMTPException

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from ..alat.access import Aksi
from ..alat.konflik import konflik_tampilkan, nilai_model
from ..forms.pengguna import (
    PenggunaBaruForm,
    PenggunaFilterForm,
    PenggunaUbahForm,
    PenugasanForm,
)
from ..models import PenugasanPeran, User
from ..services import pengguna as svc
from ..services.inti import KonflikVersi

PESAN_EMAIL_GAGAL = "E-mail ke {email} gagal dikirim. Coba kirim ulang tautan dari halaman ini."


def _peran_terlihat(user):
    """Prefetch of the target's roles inside the manager's scope (roles elsewhere stay
    hidden: they belong to another tenant)."""
    return Prefetch(
        "peran",
        queryset=svc.penugasan_untuk(user, Aksi.KELOLA_PENGGUNA)
        .select_related("puskesmas", "kabupaten", "klaster")
        .order_by("peran", "pk"),
        to_attr="peran_terlihat",
    )


class KelolaPenggunaMixin:
    """List and create: the user must manage someone (else 403)."""

    # Declared for the URL matrix; ``services.pengguna`` enforces it with the same HAK.
    aksi = Aksi.KELOLA_PENGGUNA

    def dispatch(self, request, *args, **kwargs):
        if not svc.boleh_kelola_pengguna(request.user):
            raise PermissionDenied(svc.PESAN_DI_LUAR_WILAYAH)
        return super().dispatch(request, *args, **kwargs)


class PenggunaMixin:
    """Views of one user (``pk``): visible (else 404), then managed (else 403).

    ``penuh``: the view changes the account itself, so every role of the target must lie
    inside the manager's scope.
    """

    model = User
    penuh = False
    aksi = Aksi.KELOLA_PENGGUNA  # see KelolaPenggunaMixin

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(svc.pengguna_untuk(request.user), pk=kwargs["pk"])
        svc.wajib_kelola(request.user, self.object, penuh=self.penuh)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("pengguna", self.object)
        return super().get_context_data(**kwargs)

    def url_detail(self):
        return reverse("pengguna:detail", args=[self.object.pk])


class PenggunaListView(KelolaPenggunaMixin, ListView):
    template_name = "puskesmas/pengguna_list.html"
    paginate_by = 50
    context_object_name = "daftar_pengguna"

    def get_queryset(self):
        user = self.request.user
        self.filter_form = PenggunaFilterForm(self.request.GET or None, oleh=user)
        qs = svc.pengguna_untuk(user, Aksi.KELOLA_PENGGUNA)
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data.get("q"):
                q = data["q"].strip()
                qs = qs.filter(
                    Q(nama_lengkap__icontains=q) | Q(username__icontains=q) | Q(nip__startswith=q)
                )
            if data.get("puskesmas"):
                qs = qs.filter(
                    pk__in=svc.penugasan_untuk(user, Aksi.KELOLA_PENGGUNA)
                    .filter(puskesmas=data["puskesmas"])
                    .values("user_id")
                )
            if data.get("aktif") in {"0", "1"}:
                qs = qs.filter(is_active=data["aktif"] == "1")
        return qs.prefetch_related(_peran_terlihat(user)).order_by("nama_lengkap", "username")

    def get_context_data(self, **kwargs):
        kwargs["filter_form"] = self.filter_form
        return super().get_context_data(**kwargs)


class PenggunaTambahView(KelolaPenggunaMixin, FormView):
    form_class = PenggunaBaruForm
    template_name = "puskesmas/pengguna_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["oleh"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs["judul"] = "Tambah pengguna"
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        c = form.cleaned_data
        try:
            pengguna = svc.pengguna_buat(
                oleh=self.request.user,
                username=c["username"],
                nama_lengkap=c["nama_lengkap"],
                nip=c["nip"],
                jabatan=c["jabatan"],
                email=c["email"],
                kata_sandi=form.kata_sandi,
                **form.data_peran,
            )
        except svc.PenggunaTidakSah as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"Akun {pengguna.username} dibuat.")
        if form.kata_sandi is None:
            _kirim_tautan(self.request, pengguna, baru=True)
        return HttpResponseRedirect(reverse("pengguna:detail", args=[pengguna.pk]))


def _kirim_tautan(request, pengguna, *, baru: bool) -> None:
    try:
        svc.pengguna_kirim_tautan(oleh=request.user, pengguna=pengguna, baru=baru)
    except svc.PenggunaTidakSah as exc:
        messages.error(request, exc.message)
    except (SMTPException, OSError):
        messages.warning(request, PESAN_EMAIL_GAGAL.format(email=pengguna.email))
    else:
        messages.info(request, f"Tautan untuk membuat kata sandi dikirim ke {pengguna.email}.")


class PenggunaDetailView(PenggunaMixin, TemplateView):
    template_name = "puskesmas/pengguna_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        peran = list(
            svc.penugasan_untuk(user, Aksi.KELOLA_PENGGUNA)
            .filter(user=self.object)
            .select_related("puskesmas", "kabupaten", "klaster")
            .order_by("peran", "pk")
        )
        ctx["peran_terlihat"] = peran
        ctx["ada_peran_lain"] = self.object.peran.count() > len(peran)
        ctx["kelola_penuh"] = svc.kelola_penuh(user, self.object)
        ctx["form_peran"] = PenugasanForm(oleh=user)
        ctx["diri_sendiri"] = self.object.pk == user.pk
        return ctx


class PenggunaUbahView(PenggunaMixin, FormView):
    penuh = True
    form_class = PenggunaUbahForm
    template_name = "puskesmas/pengguna_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs["judul"] = f"Ubah akun {self.object.username}"
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        c = form.cleaned_data
        try:
            svc.pengguna_ubah(
                oleh=self.request.user,
                pengguna=self.object,
                nama_lengkap=c["nama_lengkap"],
                nip=c["nip"],
                jabatan=c["jabatan"],
                email=c["email"],
                sidik=c.get("sidik") or "",  # the form always carries one
            )
        except KonflikVersi as exc:
            sekarang = User.objects.get(pk=self.object.pk)
            konflik_tampilkan(
                form,
                pesan=exc.message,
                token={"sidik": svc.sidik_identitas(sekarang)},
                tersimpan=nilai_model(form, sekarang),
            )
            return self.form_invalid(form)
        messages.success(self.request, "Data akun tersimpan.")
        return HttpResponseRedirect(self.url_detail())


class PenggunaStatusView(PenggunaMixin, View):
    """POST ``aktif=1`` or ``aktif=0``: an explicit value, so a repeated POST is harmless."""

    penuh = True

    def post(self, request, pk):
        nilai = request.POST.get("aktif")
        if nilai not in {"0", "1"}:
            messages.error(request, "Pilih aktifkan atau nonaktifkan.")
            return HttpResponseRedirect(self.url_detail())
        try:
            svc.pengguna_atur_aktif(oleh=request.user, pengguna=self.object, aktif=nilai == "1")
        except svc.PenggunaTidakSah as exc:
            messages.error(request, exc.message)
        else:
            status = "diaktifkan" if nilai == "1" else "dinonaktifkan"
            messages.success(request, f"Akun {self.object.username} {status}.")
        return HttpResponseRedirect(self.url_detail())


class PenugasanTambahView(PenggunaMixin, FormView):
    form_class = PenugasanForm
    template_name = "puskesmas/pengguna_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["oleh"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs["judul"] = f"Tambah peran untuk {self.object.get_full_name()}"
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            penugasan = svc.penugasan_tambah(
                oleh=self.request.user, pengguna=self.object, **form.data_peran
            )
        except svc.PenggunaTidakSah as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"Peran ditambahkan: {penugasan}.")
        return HttpResponseRedirect(self.url_detail())


class PenugasanCabutView(PenggunaMixin, View):
    """POST ``penugasan=<id>``: only roles of this user inside the manager's scope."""

    def post(self, request, pk):
        try:
            penugasan_id = int(request.POST.get("penugasan", ""))
        except ValueError:
            messages.error(request, "Pilih peran yang akan dicabut.")
            return HttpResponseRedirect(self.url_detail())
        try:
            penugasan = (
                svc.penugasan_untuk(request.user, Aksi.KELOLA_PENGGUNA)
                .select_related("puskesmas", "kabupaten", "klaster")
                .get(user=self.object, pk=penugasan_id)
            )
        except PenugasanPeran.DoesNotExist:
            raise Http404 from None
        label = str(penugasan)
        try:
            svc.penugasan_cabut(oleh=request.user, penugasan=penugasan)
        except svc.PenggunaTidakSah as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(self.url_detail())
        messages.success(request, f"Peran dicabut: {label}.")
        if not svc.pengguna_untuk(request.user, Aksi.KELOLA_PENGGUNA).filter(pk=pk).exists():
            # The last role inside this manager's scope is gone: the user left their scope.
            return HttpResponseRedirect(reverse("pengguna:daftar"))
        return HttpResponseRedirect(self.url_detail())


class PenggunaKirimTautanView(PenggunaMixin, View):
    def post(self, request, pk):
        _kirim_tautan(request, self.object, baru=False)
        return HttpResponseRedirect(self.url_detail())
