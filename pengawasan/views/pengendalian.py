"""Pengendalian pages: what deviates at one Puskesmas up to a month (worst first, each
with a one-click "buat tindak lanjut"), and the same across the Puskesmas of a kabupaten
for the Dinkes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.alat.mixins import KabupatenMixin, PuskesmasMixin
from puskesmas.models import Puskesmas
from puskesmas.views.beranda import tahun_terpilih

from ..selectors.pengendalian import penyimpangan, penyimpangan_kabupaten
from ..services.pengendalian import pengendalian_rtl_buat

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def bulan_default(tahun: int) -> int:
    """The last month whose data is due: last month in the current year, else December."""
    hari_ini = timezone.localdate()
    if tahun < hari_ini.year:
        return 12
    if tahun > hari_ini.year:
        return 1
    return max(1, hari_ini.month - 1)


def _bulan(nilai, tahun: int) -> int:
    try:
        b = int(nilai)
    except (TypeError, ValueError):
        return bulan_default(tahun)
    return b if 1 <= b <= 12 else bulan_default(tahun)


class _PeriodeMixin:
    def periode(self):
        self.tahun = tahun_terpilih(self.request)
        self.bulan = _bulan(self.request.GET.get("bulan"), self.tahun)
        return {
            "tahun": self.tahun,
            "bulan": self.bulan,
            "nama_bulan": NAMA_BULAN[self.bulan - 1],
            "pilihan_bulan": list(enumerate(NAMA_BULAN, start=1)),
        }


class PengendalianView(_PeriodeMixin, PuskesmasMixin, TemplateView):
    template_name = "pengawasan/pengendalian/puskesmas.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.periode())
        ctx.update(
            pen=penyimpangan(puskesmas=self.puskesmas, tahun=self.tahun, bulan=self.bulan),
            boleh_kendalikan=access.boleh(self.request.user, Aksi.KENDALIKAN, self.puskesmas),
        )
        return ctx


class PengendalianRTLView(PuskesmasMixin, View):
    aksi = Aksi.KENDALIKAN

    def post(self, request, *args, **kwargs):
        tahun = tahun_terpilih(request)
        bulan = _bulan(request.POST.get("bulan"), tahun)
        try:
            rtl = pengendalian_rtl_buat(
                puskesmas=self.puskesmas,
                tahun=tahun,
                bulan=bulan,
                jenis=request.POST.get("jenis", ""),
                kunci=request.POST.get("kunci", ""),
                user=request.user,
            )
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
            url = reverse("pengawasan:pengendalian", args=[self.puskesmas.pk])
            return HttpResponseRedirect(f"{url}?bulan={bulan}")
        messages.success(request, "RTL dibuat; lengkapi rencana, penanggung jawab dan batasnya.")
        return HttpResponseRedirect(reverse("rtl_detail", args=[rtl.pk]))


class PengendalianKabupatenView(_PeriodeMixin, KabupatenMixin, TemplateView):
    template_name = "pengawasan/pengendalian/kabupaten.html"
    aksi = Aksi.REKAP_KABUPATEN

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.periode())
        daftar = list(
            Puskesmas.objects.for_user(self.request.user)
            .filter(kabupaten=self.kabupaten)
            .select_related("kabupaten")
            .order_by("nama")
        )
        hasil = penyimpangan_kabupaten(
            puskesmas_list=daftar, kabupaten=self.kabupaten, tahun=self.tahun, bulan=self.bulan
        )
        ctx["baris"] = sorted(hasil.values(), key=lambda p: (-p.jumlah, p.puskesmas.nama))
        return ctx
