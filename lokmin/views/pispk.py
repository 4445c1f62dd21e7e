"""PIS-PK pages: the year's survey per desa and for the wilayah (IKS with its band, survey
coverage, indicator coverage, a chart), the four steps with the agreed intervention, and
the survey's Excel template and import."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView

from perencanaan.views.katalog import tahun_dari
from puskesmas.alat import access, grafik
from puskesmas.alat.access import Aksi
from puskesmas.alat.dokumen import xlsx_response
from puskesmas.alat.impor import buat_xlsx
from puskesmas.alat.mixins import PuskesmasMixin
from puskesmas.forms.inti import BerkasExcelForm

from .. import pispk
from ..forms.pispk import LangkahPISPKForm
from ..models_pispk import KeluargaPISPK
from ..resources_pispk import templat_pispk
from ..selectors.pispk import pispk_ringkas
from ..services.pispk import langkah_pispk_simpan, pispk_impor

PESAN_IMPOR = "Hasil survei PIS-PK tersimpan: {jumlah} keluarga."
PESAN_LANGKAH = "Langkah «{langkah}» tercatat."
WARNA_KATEGORI = {pispk.SEHAT: "baik", pispk.PRA_SEHAT: "cukup", pispk.TIDAK_SEHAT: "kurang"}


def url_pispk(puskesmas_pk: int, tahun: int) -> str:
    return f"{reverse('lokmin:pispk', args=[puskesmas_pk])}?tahun={tahun}"


def grafik_iks(ringkas) -> str:
    """IKS per desa and of the wilayah (0–100 %) coloured by band, the band edges as lines."""
    batang = [
        grafik.Batang(
            label=b.label,
            nilai=None if b.iks is None else b.iks * 100,
            warna=WARNA_KATEGORI.get(b.kategori, "netral"),
        )
        for b in [*ringkas.desa, ringkas.wilayah]
    ]
    return mark_safe(  # noqa: S308 - grafik escapes every text and picks palette colours
        grafik.grafik_batang(
            batang,
            judul=f"IKS per desa {ringkas.tahun} (%)",
            maks=100,
            acuan=(
                grafik.Acuan(pispk.BATAS_SEHAT * 100, "Sehat > 80"),
                grafik.Acuan(pispk.BATAS_PRA_SEHAT * 100, "Pra-sehat ≥ 50"),
            ),
        )
    )


class PispkView(PuskesmasMixin, TemplateView):
    template_name = "lokmin/pispk.html"
    aksi_tulis = Aksi.ISI_PISPK

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_dari(self.request)
        ringkas = pispk_ringkas(puskesmas=self.puskesmas, tahun=tahun)
        ctx.update(
            tahun=tahun,
            ringkas=ringkas,
            grafik=grafik_iks(ringkas) if ringkas.ada_survei else "",
            boleh_isi=access.boleh(self.request.user, Aksi.ISI_PISPK, self.puskesmas),
        )
        ctx.setdefault("form", LangkahPISPKForm())
        return ctx

    def post(self, request, *args, **kwargs):
        """Record one of the four steps."""
        tahun = tahun_dari(request)
        form = LangkahPISPKForm(request.POST)
        if form.is_valid():
            try:
                langkah = langkah_pispk_simpan(user=request.user, puskesmas=self.puskesmas,
                                               tahun=tahun, **form.cleaned_data)  # fmt: skip
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, PESAN_LANGKAH.format(langkah=langkah.get_langkah_display())
                )
                return HttpResponseRedirect(url_pispk(self.puskesmas.pk, tahun))
        return self.render_to_response(self.get_context_data(form=form))


class PispkTemplatView(PuskesmasMixin, View):
    """The survey template, filled with the families stored for the year."""

    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        baris = [
            [k.kode, k.desa.kode, *k.daftar_jawaban]
            for k in KeluargaPISPK.objects.filter(puskesmas=self.puskesmas, tahun=tahun)
            .select_related("desa")
            .order_by("desa__nama", "kode")
        ]
        return xlsx_response(buat_xlsx(templat_pispk(tahun=tahun), baris), nama=f"pispk-{tahun}")


class PispkImporView(PuskesmasMixin, TemplateView):
    template_name = "lokmin/pispk_impor.html"
    aksi_tulis = Aksi.ISI_PISPK

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_dari(self.request)
        ctx.update(tahun=tahun, templat=templat_pispk(tahun=tahun))
        ctx.setdefault("form", BerkasExcelForm())
        return ctx

    def post(self, request, *args, **kwargs):
        form = BerkasExcelForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        tahun = tahun_dari(request)
        hasil = pispk_impor(
            user=request.user, puskesmas=self.puskesmas, tahun=tahun,
            berkas=form.cleaned_data["berkas"],
        )  # fmt: skip
        if not hasil.sah:
            return self.render_to_response(self.get_context_data(form=form, galat=hasil.galat))
        jumlah = KeluargaPISPK.objects.filter(puskesmas=self.puskesmas, tahun=tahun).count()
        messages.success(request, PESAN_IMPOR.format(jumlah=jumlah))
        return HttpResponseRedirect(url_pispk(self.puskesmas.pk, tahun))
