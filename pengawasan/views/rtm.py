"""RTM pages: the meetings of a Puskesmas in a year (with the at-least-twice warning), one
meeting (input pack, peserta and attendance, notulen and analysis, decisions as RTL,
workflow) and its notulen PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.alat.dokumen import pdf_response
from puskesmas.alat.mixins import LingkupMixin, PuskesmasMixin
from puskesmas.models import RTL
from puskesmas.selectors.inti import penandatangan
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from .. import aturan_rtm, paket_rtm
from ..forms.rtm import RTMBuatForm, RTMForm, RTMRTLForm
from ..models import RTM
from ..selectors import rtm as selectors
from ..services import rtm as services


def _pesan_form(request, form) -> None:
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errs:
            messages.error(request, f"{label}: {e}" if label else e)


class RTMDaftarView(PuskesmasMixin, TemplateView):
    """The RTM of one Puskesmas in the selected year, with the at-least-twice warning."""

    template_name = "pengawasan/rtm/daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_terpilih(self.request)
        daftar = selectors.rtm_tahun(puskesmas=self.puskesmas, tahun=tahun, user=self.request.user)
        hari_ini = timezone.localdate()
        bulan = aturan_rtm.bulan_berjalan(
            tahun=tahun, tahun_ini=hari_ini.year, bulan_ini=hari_ini.month
        )
        boleh = access.boleh(self.request.user, Aksi.SUSUN_RTM, self.puskesmas)
        ctx.update(
            tahun=tahun,
            daftar=daftar,
            minimal=aturan_rtm.MINIMAL_SETAHUN,
            peringatan=(
                aturan_rtm.pesan_peringatan(
                    puskesmas=self.puskesmas.nama, tahun=tahun, jumlah=len(daftar)
                )
                if aturan_rtm.perlu_peringatan(bulan=bulan, jumlah=len(daftar))
                else ""
            ),
            boleh_susun=boleh,
            form_buat=RTMBuatForm() if boleh else None,
        )
        return ctx


class RTMBuatView(PuskesmasMixin, View):
    aksi = Aksi.SUSUN_RTM

    def post(self, request, *args, **kwargs):
        form = RTMBuatForm(request.POST)
        kembali = reverse("pengawasan:rtm_daftar", args=[self.puskesmas.pk])
        if not form.is_valid():
            _pesan_form(request, form)
            return HttpResponseRedirect(kembali)
        d = form.cleaned_data
        try:
            rtm = services.rtm_buat(
                puskesmas=self.puskesmas,
                tahun=tahun_terpilih(request),
                tanggal=d["tanggal"],
                tempat=d["tempat"],
                waktu=d["waktu"],
                user=request.user,
            )
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(kembali)
        messages.success(request, f"{rtm} dijadwalkan.")
        return HttpResponseRedirect(reverse("pengawasan:rtm_detail", args=[rtm.pk]))


class _RTMMixin(LingkupMixin):
    model = RTM

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas__kabupaten", "puskesmas__kecamatan")


class RTMDetailView(_RTMMixin, DetailView):
    template_name = "pengawasan/rtm/detail.html"
    context_object_name = "rtm"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rtm, user = self.object, self.request.user
        susun = rtm.bisa_diubah and access.boleh(user, Aksi.SUSUN_RTM, rtm)
        ctx.update(
            puskesmas=rtm.puskesmas,
            paket=paket_rtm.semua(rtm, user),
            peserta=list(rtm.peserta.all()),
            daftar_rtl=list(selectors.rtl_rtm(rtm, user)),
            boleh_susun=susun,
            form_ubah=RTMForm(instance=rtm) if susun else None,
            form_rtl=RTMRTLForm(rtm=rtm) if susun else None,
            langkah=[s for s in rtm.alur.tersedia(rtm.status) if access.boleh(user, s.aksi, rtm)],
            jejak=list(rtm.jejak()),
        )
        return ctx


class _RTMPostView(_RTMMixin, SingleObjectMixin, View):
    """POST one change to an RTM; refusals come back as messages on its page."""

    aksi = Aksi.SUSUN_RTM
    jangkar = ""

    def jalankan(self, rtm, request) -> str | None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        rtm = self.get_object()
        try:
            pesan = self.jalankan(rtm, request)
        except (AlurTidakSah, KonflikVersi) as exc:
            messages.error(request, exc.message)
        else:
            if pesan:
                messages.success(request, pesan)
        url = reverse("pengawasan:rtm_detail", args=[rtm.pk])
        return HttpResponseRedirect(f"{url}#{self.jangkar}" if self.jangkar else url)


class RTMUbahView(_RTMPostView):
    jangkar = "rapat"

    def jalankan(self, rtm, request):
        form = RTMForm(request.POST, instance=RTM.objects.get(pk=rtm.pk))
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        data = {k: v for k, v in form.cleaned_data.items() if k != "versi"}
        services.rtm_ubah(
            rtm=rtm, data=data, versi=form.cleaned_data.get("versi"), user=request.user
        )
        return "Data RTM tersimpan."


class RTMPesertaView(_RTMPostView):
    jangkar = "peserta"

    def jalankan(self, rtm, request):
        jumlah = services.peserta_undang_pegawai(rtm=rtm, user=request.user)
        return f"{jumlah} pegawai ditambahkan sebagai peserta."


class RTMHadirView(_RTMPostView):
    jangkar = "peserta"

    def jalankan(self, rtm, request):
        hadir = {int(v) for v in request.POST.getlist("hadir") if v.isdigit()}
        jumlah = services.kehadiran_simpan(rtm=rtm, hadir_ids=hadir, user=request.user)
        return f"Kehadiran tersimpan: {jumlah} peserta hadir."


class RTMRTLView(_RTMPostView):
    jangkar = "keputusan"

    def jalankan(self, rtm, request):
        form = RTMRTLForm(request.POST, rtm=rtm)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        services.rtm_rtl_buat(rtm=rtm, data=form.cleaned_data, user=request.user)
        return "Keputusan dicatat sebagai RTL."


class RTMRTLHapusView(_RTMPostView):
    jangkar = "keputusan"

    def jalankan(self, rtm, request):
        rtl_id = request.POST.get("rtl", "")
        if not rtl_id.isdigit():
            return None
        rtl = get_object_or_404(
            RTL.objects.for_user(request.user).filter(puskesmas=rtm.puskesmas), pk=rtl_id
        )
        services.rtm_rtl_hapus(rtm=rtm, rtl=rtl, user=request.user)
        return "RTL dihapus."


class RTMAlurView(_RTMPostView):
    aksi = Aksi.LIHAT
    alur_model = RTM

    def jalankan(self, rtm, request):
        langkah = request.POST.get("langkah", "")
        hasil = services.rtm_alur(
            rtm=rtm, langkah=langkah, user=request.user, catatan=request.POST.get("catatan", "")
        )
        return f"{hasil} {rtm.alur.langkah(langkah).kata_kerja}."


class RTMNotulenPdfView(_RTMMixin, DetailView):
    """The notulen RTM: the input summary, each pack section, notulen, analysis, decisions,
    attendance, and the Kepala's signature."""

    def get(self, request, *args, **kwargs):
        rtm = self.get_object()
        ttd = penandatangan(puskesmas=rtm.puskesmas, dokumen=rtm)
        peserta = list(rtm.peserta.all())
        ctx = {
            "puskesmas": rtm.puskesmas,
            "rtm": rtm,
            "agenda": [b for b in rtm.agenda.splitlines() if b.strip()],
            "paket": paket_rtm.semua(rtm, request.user),
            "peserta": peserta,
            "hadir": [p for p in peserta if p.hadir],
            "daftar_rtl": list(selectors.rtl_rtm(rtm, request.user)),
            "nama": ttd.nama,
            "nip": ttd.nip,
            "tanggal": ttd.tanggal,
            "pdf": True,
            "draf": rtm.status != "disahkan",
        }
        return pdf_response(
            "pengawasan/dokumen/notulen_rtm.html",
            ctx,
            nama=f"Notulen {rtm} {rtm.puskesmas.nama}",
            request=request,
        )
