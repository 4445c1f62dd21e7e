"""Entry into the app: login, the planning year being looked at, and a home page per role."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import TemplateView

from ..alat import kotak_masuk
from ..alat.access import lingkup
from ..forms.inti import LoginForm
from ..models import Notifikasi, Puskesmas
from ..selectors import inti as selectors


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
        # What waits for this user, from every registered provider (apps plug in).
        ctx["kotak_masuk"] = kotak_masuk.kotak_masuk(user=user, tahun=ctx["tahun"])
        if scope.tingkat_puskesmas:
            ctx["daftar_puskesmas"] = selectors.puskesmas_list(user=user).filter(
                pk__in=scope.puskesmas_ids()
            )
        elif scope.tingkat_kabupaten:
            ctx["daftar_kabupaten"] = list(selectors.kabupaten_list(user=user))
            # Read once for the due-date counts of every registered kind (tag tenggat_dinkes).
            ctx["puskesmas_kabupaten"] = Puskesmas.objects.for_user(user).only(
                "pk", "nama", "kabupaten_id"
            )
            ctx["dokumen_diterima"] = kotak_masuk.dokumen_diterima(user=user, tahun=ctx["tahun"])
        elif scope.nasional:
            ctx["page_obj"] = Paginator(selectors.kabupaten_list(user=user), 50).get_page(
                self.request.GET.get("page")
            )
        return ctx
