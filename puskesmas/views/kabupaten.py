"""Dinkes recap of a kabupaten: every Puskesmas it oversees."""

from django.shortcuts import redirect
from django.views.generic import DetailView, ListView

from ..alat.access import Aksi, lingkup
from ..alat.mixins import LingkupMixin
from ..models import Kabupaten
from ..selectors import inti as selectors
from .beranda import tahun_terpilih


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
