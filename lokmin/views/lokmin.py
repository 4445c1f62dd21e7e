"""Lokakarya Mini pages: the year's calendar of a Puskesmas, one meeting (peserta and
attendance, notulen with what it pulls in, review of earlier RTL, new RTL, workflow), and
its three documents (undangan, daftar hadir, notulen)."""

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
from puskesmas.alat.mixins import LingkupMixin, PuskesmasMixin
from puskesmas.models import RTL, Klaster
from puskesmas.selectors.inti import penandatangan
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from .. import tarikan
from ..forms.lokmin import (
    LokminBuatForm,
    LokminForm,
    LokminRTLForm,
    PesertaLuarForm,
    TinjauanForm,
)
from ..models import Lokmin, PesertaLokmin
from ..selectors import lokmin as selectors
from ..services import lokmin as services


def _pesan_form(request, form) -> None:
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errs:
            messages.error(request, f"{label}: {e}" if label else e)


class LokminDaftarView(PuskesmasMixin, TemplateView):
    """The year's Lokmin calendar of one Puskesmas: every meeting due, held or not."""

    template_name = "lokmin/daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_terpilih(self.request)
        ctx.update(
            tahun=tahun,
            kalender=selectors.kalender_tahun(
                puskesmas=self.puskesmas, tahun=tahun, user=self.request.user
            ),
            boleh_susun=access.boleh(self.request.user, Aksi.SUSUN_LOKMIN, self.puskesmas),
        )
        return ctx


class LokminBuatView(PuskesmasMixin, View):
    aksi = Aksi.SUSUN_LOKMIN

    def post(self, request, *args, **kwargs):
        form = LokminBuatForm(request.POST)
        kembali = reverse("lokmin:daftar", args=[self.puskesmas.pk])
        if not form.is_valid():
            _pesan_form(request, form)
            return HttpResponseRedirect(kembali)
        d = form.cleaned_data
        try:
            lokmin = services.lokmin_buat(
                puskesmas=self.puskesmas,
                tahun=tahun_terpilih(request),
                bulan=d["bulan"],
                jenis=d["jenis"],
                tanggal=d["tanggal"],
                tempat=d["tempat"],
                waktu=d["waktu"],
                user=request.user,
            )
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(kembali)
        messages.success(request, f"{lokmin} dijadwalkan.")
        return HttpResponseRedirect(reverse("lokmin:detail", args=[lokmin.pk]))


class _LokminMixin(LingkupMixin):
    model = Lokmin

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas__kabupaten", "puskesmas__kecamatan")


class LokminDetailView(_LokminMixin, DetailView):
    template_name = "lokmin/detail.html"
    context_object_name = "lokmin"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lokmin, user = self.object, self.request.user
        susun = lokmin.bisa_diubah and access.boleh(user, Aksi.SUSUN_LOKMIN, lokmin)
        klaster_boleh = access.klaster_diizinkan(user, lokmin.puskesmas)
        lapor = lokmin.bisa_diubah and access.boleh(user, Aksi.LAPOR_KLASTER, lokmin)
        notulen = {n.klaster_id: n for n in lokmin.notulen.select_related("diisi_oleh")}
        ctx.update(
            puskesmas=lokmin.puskesmas,
            peserta=list(lokmin.peserta.all()),
            notulen=[
                (
                    k,
                    notulen.get(k.pk),
                    lapor and (klaster_boleh is None or k.pk in klaster_boleh),
                )
                for k in Klaster.objects.order_by("nomor")
            ],
            bagian=tarikan.semua(lokmin, user),
            tinjauan=selectors.tinjauan_daftar(lokmin, user),
            daftar_rtl=list(selectors.rtl_lokmin(lokmin, user)),
            boleh_susun=susun,
            boleh_lapor=lapor,
            form_ubah=LokminForm(instance=lokmin) if susun else None,
            form_luar=PesertaLuarForm(lokmin=lokmin) if susun else None,
            form_rtl=LokminRTLForm(lokmin=lokmin) if susun else None,
            form_tinjauan=TinjauanForm() if susun else None,
            langkah=[
                s for s in lokmin.alur.tersedia(lokmin.status) if access.boleh(user, s.aksi, lokmin)
            ],
            jejak=list(lokmin.jejak()),
        )
        return ctx


class _LokminPostView(_LokminMixin, SingleObjectMixin, View):
    """POST one change to a meeting; refusals come back as messages on its page."""

    aksi = Aksi.SUSUN_LOKMIN
    jangkar = ""

    def jalankan(self, lokmin, request) -> str | None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        lokmin = self.get_object()
        try:
            pesan = self.jalankan(lokmin, request)
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        except KonflikVersi as exc:
            messages.error(request, exc.message)
        else:
            if pesan:
                messages.success(request, pesan)
        url = reverse("lokmin:detail", args=[lokmin.pk])
        return HttpResponseRedirect(f"{url}#{self.jangkar}" if self.jangkar else url)


class LokminUbahView(_LokminPostView):
    jangkar = "rapat"

    def jalankan(self, lokmin, request):
        form = LokminForm(request.POST, instance=Lokmin.objects.get(pk=lokmin.pk))
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        data = {k: v for k, v in form.cleaned_data.items() if k != "versi"}
        services.lokmin_ubah(
            lokmin=lokmin, data=data, versi=form.cleaned_data.get("versi"), user=request.user
        )
        return "Data Lokmin tersimpan."


class PesertaPegawaiView(_LokminPostView):
    jangkar = "peserta"

    def jalankan(self, lokmin, request):
        jumlah = services.peserta_undang_pegawai(lokmin=lokmin, user=request.user)
        return f"{jumlah} pegawai ditambahkan sebagai peserta."


class PesertaLuarView(_LokminPostView):
    jangkar = "peserta"

    def jalankan(self, lokmin, request):
        form = PesertaLuarForm(request.POST, lokmin=lokmin)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        services.peserta_tambah_luar(lokmin=lokmin, user=request.user, **form.cleaned_data)
        return f"{form.cleaned_data['nama']} ditambahkan sebagai peserta."


class PesertaHapusView(_LokminPostView):
    jangkar = "peserta"

    def jalankan(self, lokmin, request):
        peserta_id = request.POST.get("peserta", "")
        if not peserta_id.isdigit():
            return None
        peserta = get_object_or_404(PesertaLokmin.objects.filter(lokmin=lokmin), pk=peserta_id)
        services.peserta_hapus(peserta=peserta, user=request.user)
        return f"{peserta.nama} dihapus dari peserta."


class KehadiranView(_LokminPostView):
    jangkar = "peserta"

    def jalankan(self, lokmin, request):
        hadir = set()
        for v in request.POST.getlist("hadir"):
            if v.isdigit():
                hadir.add(int(v))
        jumlah = services.kehadiran_simpan(lokmin=lokmin, hadir_ids=hadir, user=request.user)
        return f"Kehadiran tersimpan: {jumlah} peserta hadir."


class NotulenView(_LokminPostView):
    aksi = Aksi.LAPOR_KLASTER
    jangkar = "notulen"

    def jalankan(self, lokmin, request):
        isi = {}
        for k in Klaster.objects.all():
            kunci = f"notulen_{k.pk}"
            if kunci in request.POST:
                isi[k.pk] = request.POST[kunci]
        if not isi:
            return None
        services.notulen_simpan(lokmin=lokmin, isi=isi, user=request.user)
        return "Notulen tersimpan."


class TinjauanView(_LokminPostView):
    jangkar = "tinjauan"

    def jalankan(self, lokmin, request):
        form = TinjauanForm(request.POST)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        d = form.cleaned_data
        rtl = get_object_or_404(
            RTL.objects.for_user(request.user).filter(puskesmas=lokmin.puskesmas), pk=d["rtl"]
        )
        services.tinjauan_simpan(
            lokmin=lokmin,
            rtl=rtl,
            keputusan=d["keputusan"],
            catatan=d["catatan"],
            batas_baru=d["batas_baru"],
            user=request.user,
        )
        return "Tinjauan RTL tersimpan."


class LokminRTLView(_LokminPostView):
    jangkar = "rtl"

    def jalankan(self, lokmin, request):
        form = LokminRTLForm(request.POST, lokmin=lokmin)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        services.lokmin_rtl_buat(lokmin=lokmin, data=form.cleaned_data, user=request.user)
        return "RTL ditambahkan."


class LokminRTLHapusView(_LokminPostView):
    jangkar = "rtl"

    def jalankan(self, lokmin, request):
        rtl_id = request.POST.get("rtl", "")
        if not rtl_id.isdigit():
            return None
        rtl = get_object_or_404(
            RTL.objects.for_user(request.user).filter(puskesmas=lokmin.puskesmas), pk=rtl_id
        )
        services.lokmin_rtl_hapus(lokmin=lokmin, rtl=rtl, user=request.user)
        return "RTL dihapus."


class LokminAlurView(_LokminPostView):
    aksi = Aksi.LIHAT
    alur_model = Lokmin

    def jalankan(self, lokmin, request):
        langkah = request.POST.get("langkah", "")
        hasil = services.lokmin_alur(
            lokmin=lokmin,
            langkah=langkah,
            user=request.user,
            catatan=request.POST.get("catatan", ""),
        )
        return f"{hasil} {lokmin.alur.langkah(langkah).kata_kerja}."


# --- Documents ------------------------------------------------------------------------


def konteks_dokumen(lokmin: Lokmin, user) -> dict:
    ttd = penandatangan(puskesmas=lokmin.puskesmas, dokumen=lokmin)
    return {
        "puskesmas": lokmin.puskesmas,
        "lokmin": lokmin,
        "agenda": [b for b in lokmin.agenda.splitlines() if b.strip()],
        "peserta": list(lokmin.peserta.all()),
        "nama": ttd.nama,
        "nip": ttd.nip,
        "tanggal": ttd.tanggal,
    }


class _PdfView(_LokminMixin, DetailView):
    template_dokumen = ""
    judul = ""

    def get(self, request, *args, **kwargs):
        lokmin = self.get_object()
        ctx = konteks_dokumen(lokmin, request.user)
        ctx.update(self.konteks(lokmin, request.user))
        return pdf_response(
            self.template_dokumen,
            ctx,
            nama=f"{self.judul} {lokmin} {lokmin.puskesmas.nama}",
            request=request,
        )

    def konteks(self, lokmin, user) -> dict:
        return {}


class UndanganPdfView(_PdfView):
    template_dokumen = "lokmin/dokumen/undangan.html"
    judul = "Undangan"

    def konteks(self, lokmin, user):
        # The undangan is signed on the day it is sent.
        return {"tanggal": lokmin.undangan_dikirim or lokmin.tanggal}


class DaftarHadirPdfView(_PdfView):
    template_dokumen = "lokmin/dokumen/daftar_hadir.html"
    judul = "Daftar hadir"


class NotulenPdfView(_PdfView):
    template_dokumen = "lokmin/dokumen/notulen.html"
    judul = "Notulen"

    def konteks(self, lokmin, user):
        return {
            "notulen": list(lokmin.notulen.select_related("klaster")),
            "bagian": tarikan.semua(lokmin, user),
            "tinjauan": [t for t in selectors.tinjauan_daftar(lokmin, user) if t.tinjauan],
            "daftar_rtl": list(selectors.rtl_lokmin(lokmin, user)),
            "hadir": [p for p in lokmin.peserta.all() if p.hadir],
            "pdf": True,
        }
