"""Supervisi pages: a Puskesmas's visits of a year (filters by year, kind, status), its
yearly plan, recording an ad hoc visit (by the Puskesmas, or by the Dinkes), one visit with
its findings and their RTL, its change, the report PDF, and the kabupaten recap.

A visit recorded by the Dinkes is changed through the ``supervisi_dinkes_*`` pages, every
other one through the ``supervisi_*`` pages: each page declares the one capability it
needs (``CATAT_SUPERVISI_DINKES`` or ``CATAT_SUPERVISI``), and each reaches only the visits
of its recorder (the proxy models), so the capability is never decided inside a view.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.alat.dokumen import pdf_response
from puskesmas.alat.konflik import konflik_berversi
from puskesmas.alat.mixins import KabupatenMixin, LingkupMixin, PuskesmasMixin
from puskesmas.selectors.inti import penandatangan
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from .. import aturan_supervisi as aturan
from ..forms.supervisi import CatatForm, RencanaForm, TemuanForm, TemuanRTLForm, UbahForm
from ..models import (
    KunjunganSupervisi,
    KunjunganSupervisiDinkes,
    KunjunganSupervisiPuskesmas,
    TemuanSupervisi,
)
from ..selectors import supervisi as selectors
from ..services import supervisi as services


def _tahun(request) -> int:
    """The year of the list: ``?tahun=`` when given (the filter), else the navbar's."""
    nilai = request.GET.get("tahun", "")
    if nilai.isdigit() and 2000 <= int(nilai) <= 2100:
        return int(nilai)
    return tahun_terpilih(request)


def _pesan_form(request, form) -> None:
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errs:
            messages.error(request, f"{label}: {e}" if label else e)


def nama_url(kunjungan: KunjunganSupervisi, halaman: str) -> str:
    """The page of ``kunjungan``'s recorder: ``ubah``, ``temuan`` or ``temuan_rtl``."""
    awalan = "supervisi_dinkes" if kunjungan.dicatat_dinkes else "supervisi"
    return f"pengawasan:{awalan}_{halaman}"


class SupervisiDaftarView(PuskesmasMixin, TemplateView):
    """The visits of a year at one Puskesmas with the plan-versus-realisation count."""

    template_name = "pengawasan/supervisi/daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, p = self.request.user, self.puskesmas
        tahun = _tahun(self.request)
        jenis = self.request.GET.get("jenis", "")
        status = self.request.GET.get("status", "")
        daftar = selectors.kunjungan_daftar(
            puskesmas=p, tahun=tahun, user=user, jenis=jenis, status=status
        )
        hari_ini = _hari_ini()
        ctx.update(
            tahun=tahun,
            jenis=jenis,
            status=status,
            terlambat={
                k.pk
                for k in daftar
                if aturan.terlambat(
                    status=k.status,
                    terjadwal=k.terjadwal,
                    tahun=k.tahun,
                    bulan=k.bulan,
                    hari_ini=hari_ini,
                )
            },
            pilihan_jenis=[(k.value, v) for k, v in aturan.LABEL_JENIS.items()],
            pilihan_status=[(k.value, v) for k, v in aturan.LABEL_STATUS.items()],
            daftar=daftar,
            rekap=selectors.rekap_tahun(puskesmas=p, tahun=tahun, user=user),
            boleh_catat=access.boleh(user, Aksi.CATAT_SUPERVISI, p),
            boleh_dinkes=access.boleh(user, Aksi.CATAT_SUPERVISI_DINKES, p),
        )
        return ctx


class RencanaView(PuskesmasMixin, TemplateView):
    """The year's supervisi plan, month by month; planners add a visit to it."""

    template_name = "pengawasan/supervisi/rencana.html"
    aksi_tulis = Aksi.CATAT_SUPERVISI

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, p = self.request.user, self.puskesmas
        tahun = _tahun(self.request)
        boleh = access.boleh(user, Aksi.CATAT_SUPERVISI, p)
        ctx.update(
            tahun=tahun,
            per_bulan=[
                (aturan.NAMA_BULAN[b - 1], rows)
                for b, rows in selectors.rencana_per_bulan(puskesmas=p, tahun=tahun, user=user)
            ],
            rekap=selectors.rekap_tahun(puskesmas=p, tahun=tahun, user=user),
            boleh_catat=boleh,
        )
        if boleh:
            ctx.setdefault("form", RencanaForm())
        return ctx

    def post(self, request, *args, **kwargs):
        tahun = _tahun(request)
        form = RencanaForm(request.POST)
        if form.is_valid():
            try:
                services.kunjungan_rencanakan(
                    puskesmas=self.puskesmas, tahun=tahun, data=form.cleaned_data, user=request.user
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Kunjungan ditambahkan ke rencana supervisi.")
                url = reverse("pengawasan:supervisi_rencana", args=[self.puskesmas.pk])
                return HttpResponseRedirect(f"{url}?tahun={tahun}")
        return self.render_to_response(self.get_context_data(form=form))


class CatatView(PuskesmasMixin, TemplateView):
    """Record an ad hoc visit that took place (the Puskesmas's record)."""

    template_name = "pengawasan/supervisi/catat.html"
    aksi = Aksi.CATAT_SUPERVISI
    dinkes = False

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", CatatForm(dinkes=self.dinkes))
        ctx["dinkes"] = self.dinkes
        return ctx

    def post(self, request, *args, **kwargs):
        form = CatatForm(request.POST, dinkes=self.dinkes)
        if form.is_valid():
            try:
                k = services.kunjungan_catat(
                    puskesmas=self.puskesmas,
                    data=form.cleaned_data,
                    user=request.user,
                    dinkes=self.dinkes,
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Kunjungan supervisi tercatat.")
                return HttpResponseRedirect(reverse("pengawasan:supervisi_detail", args=[k.pk]))
        return self.render_to_response(self.get_context_data(form=form))


class CatatDinkesView(CatatView):
    """The Dinkes records its own visit to a Puskesmas of its kabupaten."""

    aksi = Aksi.CATAT_SUPERVISI_DINKES
    dinkes = True


class SupervisiKabupatenView(KabupatenMixin, TemplateView):
    """Every Puskesmas of a kabupaten: its plan, realisation and the Dinkes's visits."""

    template_name = "pengawasan/supervisi/kabupaten.html"
    aksi = Aksi.REKAP_KABUPATEN

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = _tahun(self.request)
        ctx.update(
            tahun=tahun,
            baris=selectors.rekap_kabupaten(
                kabupaten=self.kabupaten, tahun=tahun, user=self.request.user
            ),
            boleh_dinkes=access.boleh(
                self.request.user, Aksi.CATAT_SUPERVISI_DINKES, self.kabupaten
            ),
        )
        return ctx


class _KunjunganMixin(LingkupMixin):
    model = KunjunganSupervisi

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("puskesmas__kabupaten", "puskesmas__kecamatan", "dicatat_oleh")
        )


class SupervisiDetailView(_KunjunganMixin, DetailView):
    template_name = "pengawasan/supervisi/detail.html"
    context_object_name = "kunjungan"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        k, user = self.object, self.request.user
        boleh = access.boleh(user, k.aksi_catat, k)
        temuan = selectors.temuan_dengan_rtl(k, user)
        bisa_temuan = boleh and aturan.periksa_temuan(k.status) is None
        ctx.update(
            puskesmas=k.puskesmas,
            temuan=[
                (
                    t,
                    rtl,
                    TemuanRTLForm(temuan=t) if boleh and rtl is None else None,
                    TemuanForm(instance=t, auto_id=f"temuan{t.pk}_%s") if boleh else None,
                )
                for t, rtl in temuan
            ],
            boleh_catat=boleh,
            form_temuan=TemuanForm() if bisa_temuan else None,
            url_ubah=nama_url(k, "ubah"),
            url_temuan=nama_url(k, "temuan"),
            url_temuan_rtl=nama_url(k, "temuan_rtl"),
            terlambat=aturan.terlambat(
                status=k.status,
                terjadwal=k.terjadwal,
                tahun=k.tahun,
                bulan=k.bulan,
                hari_ini=_hari_ini(),
            ),
        )
        return ctx


def _hari_ini():
    from django.utils import timezone

    return timezone.localdate()


class SupervisiUbahView(_KunjunganMixin, SingleObjectMixin, TemplateView):
    """Change a visit the Puskesmas records: realise, cancel, correct."""

    model = KunjunganSupervisiPuskesmas
    aksi = Aksi.CATAT_SUPERVISI
    template_name = "pengawasan/supervisi/ubah.html"
    context_object_name = "kunjungan"

    @property
    def dinkes(self) -> bool:
        return self.model is KunjunganSupervisiDinkes

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UbahForm(instance=self.object, dinkes=self.dinkes))
        kwargs["puskesmas"] = self.object.puskesmas
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = UbahForm(
            request.POST,
            instance=KunjunganSupervisi.objects.get(pk=self.object.pk),
            dinkes=self.dinkes,
        )
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "versi"}
            try:
                services.kunjungan_ubah(
                    kunjungan=self.object,
                    data=data,
                    versi=form.cleaned_data.get("versi"),
                    user=request.user,
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            except KonflikVersi as exc:
                # Someone saved it since: show both, let a second save go through.
                konflik_berversi(form, pesan=exc.message, instance=form.instance)
            else:
                messages.success(request, "Kunjungan supervisi tersimpan.")
                return HttpResponseRedirect(
                    reverse("pengawasan:supervisi_detail", args=[self.object.pk])
                )
        return self.render_to_response(self.get_context_data(form=form))


class SupervisiDinkesUbahView(SupervisiUbahView):
    model = KunjunganSupervisiDinkes
    aksi = Aksi.CATAT_SUPERVISI_DINKES


class _PostKunjunganView(_KunjunganMixin, SingleObjectMixin, View):
    """POST one change to a visit's findings; refusals come back as messages."""

    def jalankan(self, kunjungan, request) -> str | None:
        raise NotImplementedError

    def temuan(self, kunjungan, nilai) -> TemuanSupervisi | None:
        if not str(nilai or "").isdigit():
            return None
        return get_object_or_404(
            TemuanSupervisi.objects.for_user(self.request.user).filter(kunjungan=kunjungan),
            pk=nilai,
        )

    def post(self, request, *args, **kwargs):
        kunjungan = self.get_object()
        try:
            pesan = self.jalankan(kunjungan, request)
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        else:
            if pesan:
                messages.success(request, pesan)
        url = reverse("pengawasan:supervisi_detail", args=[kunjungan.pk])
        return HttpResponseRedirect(f"{url}#temuan")


class TemuanView(_PostKunjunganView):
    """Add a finding, change one (``temuan`` given) or remove one (``hapus``)."""

    model = KunjunganSupervisiPuskesmas
    aksi = Aksi.CATAT_SUPERVISI

    def jalankan(self, kunjungan, request):
        temuan = self.temuan(kunjungan, request.POST.get("temuan"))
        if temuan is not None and request.POST.get("hapus"):
            services.temuan_hapus(temuan=temuan, user=request.user)
            return "Temuan dihapus."
        form = TemuanForm(request.POST, instance=temuan)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        if temuan is None:
            services.temuan_tambah(kunjungan=kunjungan, data=form.cleaned_data, user=request.user)
            return "Temuan tercatat."
        services.temuan_ubah(temuan=temuan, data=form.cleaned_data, user=request.user)
        return "Temuan tersimpan."


class TemuanDinkesView(TemuanView):
    model = KunjunganSupervisiDinkes
    aksi = Aksi.CATAT_SUPERVISI_DINKES


class TemuanRTLView(_PostKunjunganView):
    """Raise the RTL of one finding."""

    model = KunjunganSupervisiPuskesmas
    aksi = Aksi.CATAT_SUPERVISI

    def jalankan(self, kunjungan, request):
        temuan = self.temuan(kunjungan, request.POST.get("temuan"))
        if temuan is None:
            return None
        form = TemuanRTLForm(request.POST, temuan=temuan)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        services.temuan_rtl_buat(temuan=temuan, data=form.cleaned_data, user=request.user)
        return "RTL dibuat dari temuan."


class TemuanRTLDinkesView(TemuanRTLView):
    model = KunjunganSupervisiDinkes
    aksi = Aksi.CATAT_SUPERVISI_DINKES


class SupervisiPdfView(_KunjunganMixin, DetailView):
    """The supervisi report of one visit."""

    def get(self, request, *args, **kwargs):
        k = self.get_object()
        ttd = penandatangan(puskesmas=k.puskesmas)
        ctx = {
            "puskesmas": k.puskesmas,
            "kunjungan": k,
            "temuan": selectors.temuan_dengan_rtl(k, request.user),
            "nama": ttd.nama,
            "nip": ttd.nip,
            "tanggal": ttd.tanggal,
        }
        if k.dicatat_dinkes:
            # The Dinkes's report is signed by the supervisor who recorded it.
            ctx.update(
                jabatan=f"Supervisor {k.puskesmas.kabupaten.nama_dinkes} pada",
                nama=k.dicatat_oleh.get_full_name() or k.nama_pelaksana,
                nip=k.dicatat_oleh.nip,
            )
        return pdf_response(
            "pengawasan/dokumen/laporan_supervisi.html",
            ctx,
            nama=f"Laporan {k} {k.puskesmas.nama}",
            request=request,
        )
