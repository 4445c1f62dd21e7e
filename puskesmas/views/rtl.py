"""RTL pages of the core: the board of a Puskesmas, one RTL with its steps, evidence."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from ..alat import access, rtl_panel
from ..alat import rtl as aturan
from ..alat.access import Aksi
from ..alat.alur import AlurTidakSah
from ..alat.mixins import KabupatenMixin, LingkupMixin, PuskesmasMixin
from ..forms.rtl import EvaluasiForm, HentikanForm, ProgresForm, TindakLanjutForm
from ..models import RTL, BuktiRTL, Klaster, User
from ..selectors import rtl as selectors
from ..services import rtl as services


def _int(nilai) -> int | None:
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return None


def _filter_papan(request) -> dict:
    """The board's filters from the query string (unknown values are ignored)."""
    status = request.GET.get("status", "")
    kolom = request.GET.get("kolom", "")
    return {
        "klaster_id": _int(request.GET.get("klaster")),
        "pj_id": _int(request.GET.get("pj")),
        "sumber_jenis_id": _int(request.GET.get("sumber")),
        "status": status if status in aturan.LABEL_STATUS else None,
        "kolom": kolom if kolom in aturan.LABEL_KOLOM else None,
    }


class RTLPapanView(PuskesmasMixin, TemplateView):
    """The RTL board of one Puskesmas, across every source: open, overdue, awaiting
    evaluation, closed; filtered by source, klaster, PJ, status or column."""

    template_name = "puskesmas/rtl_papan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        f = _filter_papan(self.request)
        ctx.update(
            papan=selectors.rtl_papan(
                puskesmas=self.puskesmas,
                user=self.request.user,
                hari_ini=timezone.localdate(),
                **f,
            ).daftar(),
            daftar_klaster=Klaster.objects.order_by("nomor"),
            daftar_pj=User.objects.filter(rtl__puskesmas=self.puskesmas)
            .distinct()
            .order_by("nama_lengkap"),
            daftar_sumber=selectors.sumber_pilihan(RTL.objects.filter(puskesmas=self.puskesmas)),
            daftar_status=[(k.value, v) for k, v in aturan.LABEL_STATUS.items()],
            daftar_kolom=[(k.value, v) for k, v in aturan.LABEL_KOLOM.items()],
            **f,
        )
        return ctx


class RTLKabupatenView(KabupatenMixin, TemplateView):
    """For the Dinkes: per Puskesmas of the kabupaten, the RTL in each column of the board
    (most overdue first), filtered by source."""

    template_name = "puskesmas/rtl_kabupaten.html"
    aksi = Aksi.REKAP_KABUPATEN

    def get_context_data(self, **kwargs):
        from ..models import Puskesmas

        ctx = super().get_context_data(**kwargs)
        sumber = _int(self.request.GET.get("sumber"))
        daftar = list(
            Puskesmas.objects.for_user(self.request.user)
            .filter(kabupaten=self.kabupaten)
            .order_by("nama")
        )
        ctx.update(
            baris=selectors.rtl_per_puskesmas(
                puskesmas_list=daftar,
                user=self.request.user,
                hari_ini=timezone.localdate(),
                sumber_jenis_id=sumber,
            ),
            kolom=[(k.value, v) for k, v in aturan.LABEL_KOLOM.items()],
            daftar_sumber=selectors.sumber_pilihan(
                RTL.objects.filter(puskesmas__kabupaten=self.kabupaten)
            ),
            sumber_jenis_id=sumber,
        )
        return ctx


class _RTLMixin(LingkupMixin):
    model = RTL

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("puskesmas", "klaster", "pj", "asal", "dibuat_oleh")
        )


class RTLDetailView(_RTLMixin, DetailView):
    template_name = "puskesmas/rtl_detail.html"
    context_object_name = "rtl"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rtl, user = self.object, self.request.user
        boleh_tl = rtl.status in aturan.TERBUKA and access.boleh(user, Aksi.TINDAK_LANJUT_RTL, rtl)
        boleh_eval = access.boleh(user, Aksi.EVALUASI_RTL, rtl)
        kembali = self.request.GET.get("kembali", "")
        ctx.update(
            kembali=kembali if kembali.startswith("/") and not kembali.startswith("//") else "",
            puskesmas=rtl.puskesmas,
            label_status=aturan.LABEL_STATUS[aturan.StatusRTL(rtl.status)],
            bukti=list(rtl.bukti.all()),
            lanjutan=list(rtl.lanjutan.all()),
            form_progres=ProgresForm() if boleh_tl else None,
            form_tl=TindakLanjutForm() if boleh_tl else None,
            form_evaluasi=(
                EvaluasiForm(initial={"tanggal": timezone.localdate()})
                if boleh_eval and rtl.status == aturan.StatusRTL.SELESAI
                else None
            ),
            form_hentikan=HentikanForm() if boleh_eval and rtl.terbuka else None,
            panel=rtl_panel.semua(rtl, user),
        )
        return ctx


class _RTLLangkahView(_RTLMixin, SingleObjectMixin, View):
    """POST one step on an RTL; the form's errors and the service's refusals come back as
    messages on the RTL page."""

    form_class = None

    def jalankan(self, rtl, data: dict, request) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        rtl = self.get_object()
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            for pesan in [e for errs in form.errors.values() for e in errs]:
                messages.error(request, pesan)
        else:
            try:
                messages.success(request, self.jalankan(rtl, form.cleaned_data, request))
            except AlurTidakSah as exc:
                messages.error(request, exc.message)
        kembali = request.POST.get("kembali", "")
        if kembali.startswith("/") and not kembali.startswith("//"):
            return HttpResponseRedirect(kembali)
        return HttpResponseRedirect(reverse("rtl_detail", args=[rtl.pk]))


class RTLProgresView(_RTLLangkahView):
    aksi = Aksi.TINDAK_LANJUT_RTL
    form_class = ProgresForm

    def jalankan(self, rtl, data, request):
        services.rtl_progres(
            rtl=rtl, catatan=data["catatan"], batas_baru=data["batas_baru"], user=request.user
        )
        return "Progres RTL dicatat."


class RTLTindakLanjutView(_RTLLangkahView):
    aksi = Aksi.TINDAK_LANJUT_RTL
    form_class = TindakLanjutForm

    def jalankan(self, rtl, data, request):
        services.rtl_tindak_lanjut(
            rtl=rtl,
            uraian=data["uraian"],
            tanggal=data["tanggal"],
            berkas=data["berkas"],
            user=request.user,
        )
        return "Tindak lanjut dicatat; RTL menunggu evaluasi."


class RTLEvaluasiView(_RTLLangkahView):
    aksi = Aksi.EVALUASI_RTL
    form_class = EvaluasiForm

    def jalankan(self, rtl, data, request):
        _, lanjutan = services.rtl_evaluasi(
            rtl=rtl,
            tanggal=data["tanggal"],
            hasil=data["hasil"],
            catatan=data["catatan"],
            rencana_lanjutan=data["rencana_lanjutan"],
            batas_lanjutan=data["batas_lanjutan"],
            user=request.user,
        )
        if lanjutan is not None:
            return "Evaluasi dicatat: belum efektif. RTL lanjutan dibuat."
        return "Evaluasi dicatat: efektif. RTL ditutup."


class RTLHentikanView(_RTLLangkahView):
    aksi = Aksi.EVALUASI_RTL
    form_class = HentikanForm

    def jalankan(self, rtl, data, request):
        services.rtl_hentikan(rtl=rtl, alasan=data["alasan"], user=request.user)
        return "RTL dicatat tidak dilanjutkan."


class BuktiRTLView(LingkupMixin, SingleObjectMixin, View):
    """Download one evidence file (scoped like its RTL)."""

    model = BuktiRTL

    def get(self, request, *args, **kwargs):
        bukti = self.get_object()
        try:
            berkas = bukti.berkas.open("rb")
        except FileNotFoundError:
            raise Http404("Berkas tidak ditemukan.") from None
        return FileResponse(berkas, as_attachment=True, filename=bukti.nama)
