"""Pages of the registers and the quality programme of one Puskesmas: the hub, complaints
(with the media offered), satisfaction surveys, the risk register, the Tim Mutu (SK,
uraian tugas, evaluation) and the rencana program mutu; their Excel exports and PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.alat.dokumen import pdf_response, xlsx_response
from puskesmas.alat.konflik import konflik_berversi
from puskesmas.alat.mixins import LingkupMixin, PuskesmasMixin
from puskesmas.alat.tanda_tangan import konteks_ttd, tanda_tangan_terakhir
from puskesmas.forms.rtl import RTLForm
from puskesmas.selectors.inti import penandatangan
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from .. import aturan_register as aturan
from .. import resources_register as resources
from ..forms import register as f
from ..models import (
    AnggotaTimMutu,
    KegiatanMutu,
    Pengaduan,
    RencanaProgramMutu,
    Risiko,
    SurveiKepuasan,
    TimMutu,
)
from ..selectors import register as sel
from ..services import register as services
from ..tanda_tangan_register import susunan_tim_mutu

GAGAL = (services.RegisterGagal, AlurTidakSah)


def tahun_dari(request) -> int:
    """The year a page works on: ``?tahun=``, else the year chosen in the navbar."""
    nilai = request.POST.get("tahun") or request.GET.get("tahun")
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        return tahun_terpilih(request)
    return tahun if 2000 <= tahun <= 2100 else tahun_terpilih(request)


def _url(nama: str, puskesmas, tahun: int) -> str:
    return f"{reverse(f'pengawasan:{nama}', args=[puskesmas.pk])}?tahun={tahun}"


def boleh_kelola(user, puskesmas) -> bool:
    return access.boleh(user, Aksi.KELOLA_MUTU, puskesmas)


def _pesan_form(request, form) -> None:
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errs:
            messages.error(request, f"{label}: {e}" if label else e)


# --- Generic form pages ---------------------------------------------------------------------


class _FormMixin:
    """GET shows ``form_class``; POST validates it and hands the unsaved object to
    ``simpan`` (a service); a refusal or a lost race returns to the form with its message."""

    aksi = Aksi.KELOLA_MUTU
    template_name = "pengawasan/register/form.html"
    form_class = None
    judul = ""

    def form_kwargs(self) -> dict:
        return {}

    def buat_form(self, data=None, files=None):
        return self.form_class(data, files, instance=self.objek_form(), **self.form_kwargs())

    def tampil(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "puskesmas": self.puskesmas,
                "form": form,
                "judul": self.judul_halaman(),
                "kembali": self.url_kembali(),
            },
        )

    def judul_halaman(self) -> str:
        return self.judul

    def get(self, request, *args, **kwargs):
        self.siapkan()
        return self.tampil(self.buat_form())

    def post(self, request, *args, **kwargs):
        self.siapkan()
        form = self.buat_form(request.POST, request.FILES)
        if form.is_valid():
            obj = form.save(commit=False)
            try:
                obj = self.simpan(obj, form)
            except KonflikVersi as exc:
                konflik_berversi(form, pesan=exc.message, instance=obj)
            except GAGAL as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Tersimpan.")
                return HttpResponseRedirect(self.url_sukses(obj))
        return self.tampil(form)

    def siapkan(self) -> None:
        pass

    def url_sukses(self, obj) -> str:
        return self.url_kembali()


class _BuatView(_FormMixin, PuskesmasMixin, View):
    """A new row of the selected year under ``/puskesmas/<pk>/``."""

    def siapkan(self):
        self.tahun = tahun_dari(self.request)

    def objek_form(self):
        return None


class _UbahView(_FormMixin, LingkupMixin, SingleObjectMixin, View):
    """An existing row (its Puskesmas from the row)."""

    def siapkan(self):
        self.object = self.get_object()
        self.puskesmas = self.object.puskesmas
        self.tahun = self.object.tahun if hasattr(self.object, "tahun") else None

    def objek_form(self):
        return self.object


# --- Hub ------------------------------------------------------------------------------------


class RegisterView(PuskesmasMixin, TemplateView):
    """Registers and the quality programme of a Puskesmas for the selected year."""

    template_name = "pengawasan/register/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p, tahun = self.puskesmas, tahun_dari(self.request)
        ctx.update(
            tahun=tahun,
            pengaduan=sel.ringkasan_pengaduan(puskesmas=p, tahun=tahun),
            survei=sel.ringkasan_survei(puskesmas=p, tahun=tahun),
            risiko=sel.ringkasan_risiko(puskesmas=p, tahun=tahun),
            tim=sel.ringkasan_tim_mutu(puskesmas=p, tahun=tahun),
            program=sel.ringkasan_program_mutu(puskesmas=p, tahun=tahun),
        )
        return ctx


# --- Pengaduan ------------------------------------------------------------------------------


class PengaduanDaftarView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/register/pengaduan_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p, tahun = self.puskesmas, tahun_dari(self.request)
        media = sel.media_tahun(puskesmas=p, tahun=tahun)
        ctx.update(
            tahun=tahun,
            daftar=list(sel.pengaduan_tahun(puskesmas=p, tahun=tahun)),
            media=media,
            form_media=f.MediaForm(media_ada={m.media: m.keterangan for m in media}),
            boleh_kelola=boleh_kelola(self.request.user, p),
        )
        return ctx


class MediaPengaduanView(PuskesmasMixin, View):
    """POST: the channels offered in the selected year."""

    aksi = Aksi.KELOLA_MUTU

    def post(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        form = f.MediaForm(request.POST)
        if form.is_valid():
            services.media_pengaduan_simpan(
                puskesmas=self.puskesmas, tahun=tahun, media=form.media(), user=request.user
            )
            messages.success(request, f"Media pengaduan tahun {tahun} tersimpan.")
        else:
            _pesan_form(request, form)
        return HttpResponseRedirect(_url("pengaduan", self.puskesmas, tahun))


class PengaduanBuatView(_BuatView):
    form_class = f.PengaduanForm
    judul = "Catat pengaduan"

    def simpan(self, obj, form):
        obj.puskesmas = self.puskesmas
        return services.pengaduan_simpan(pengaduan=obj, versi=None, user=self.request.user)

    def url_kembali(self):
        return _url("pengaduan", self.puskesmas, self.tahun)

    def url_sukses(self, obj):
        return reverse("pengawasan:pengaduan_detail", args=[obj.pk])


class PengaduanUbahView(_UbahView):
    model = Pengaduan
    form_class = f.PengaduanForm
    judul = "Ubah pengaduan"

    def siapkan(self):
        super().siapkan()
        self.tahun = self.object.tanggal.year

    def simpan(self, obj, form):
        return services.pengaduan_simpan(
            pengaduan=obj, versi=form.cleaned_data.get("versi"), user=self.request.user
        )

    def url_kembali(self):
        return reverse("pengawasan:pengaduan_detail", args=[self.object.pk])


class _DenganRTLDetail(LingkupMixin, DetailView):
    """A register row with the RTL raised from it and, for its keepers, a form for one."""

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas", "dicatat_oleh")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.object.puskesmas
        boleh = boleh_kelola(self.request.user, p)
        ctx.update(
            puskesmas=p,
            daftar_rtl=sel.rtl_dari(self.object),
            boleh_kelola=boleh,
            form_rtl=RTLForm(puskesmas=p) if boleh else None,
        )
        return ctx


class PengaduanDetailView(_DenganRTLDetail):
    model = Pengaduan
    template_name = "pengawasan/register/pengaduan_detail.html"


class _RTLBuatView(LingkupMixin, SingleObjectMixin, View):
    """POST an RTL raised from the row (its source)."""

    aksi = Aksi.KELOLA_MUTU

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = RTLForm(request.POST, puskesmas=obj.puskesmas)
        if form.is_valid():
            try:
                self.buat(obj, form.cleaned_data)
            except GAGAL as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "RTL ditambahkan.")
        else:
            _pesan_form(request, form)
        return HttpResponseRedirect(self.url_detail(obj))


class PengaduanRTLView(_RTLBuatView):
    model = Pengaduan

    def buat(self, obj, data):
        services.pengaduan_rtl_buat(pengaduan=obj, data=data, user=self.request.user)

    def url_detail(self, obj):
        return reverse("pengawasan:pengaduan_detail", args=[obj.pk])


class PengaduanTutupView(LingkupMixin, SingleObjectMixin, View):
    model = Pengaduan
    aksi = Aksi.KELOLA_MUTU

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            services.pengaduan_tutup(pengaduan=obj, user=request.user)
        except GAGAL as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Pengaduan ditutup.")
        return HttpResponseRedirect(reverse("pengawasan:pengaduan_detail", args=[obj.pk]))


# --- Survei kepuasan ------------------------------------------------------------------------


class SurveiDaftarView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/register/survei_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_dari(self.request)
        ctx.update(
            tahun=tahun,
            daftar=list(sel.survei_tahun(puskesmas=self.puskesmas, tahun=tahun)),
            boleh_kelola=boleh_kelola(self.request.user, self.puskesmas),
            unsur=aturan.UNSUR_IKM,
            mutu_ikm=aturan.MUTU_IKM,
        )
        return ctx


class SurveiBuatView(_BuatView):
    form_class = f.SurveiForm
    judul = "Catat survei kepuasan masyarakat"

    def simpan(self, obj, form):
        obj.puskesmas, obj.tahun = self.puskesmas, self.tahun
        return services.survei_simpan(survei=obj, versi=None, user=self.request.user)

    def url_kembali(self):
        return _url("survei", self.puskesmas, self.tahun)

    def url_sukses(self, obj):
        return reverse("pengawasan:survei_detail", args=[obj.pk])


class SurveiUbahView(_UbahView):
    model = SurveiKepuasan
    form_class = f.SurveiForm
    judul = "Ubah survei kepuasan masyarakat"

    def simpan(self, obj, form):
        return services.survei_simpan(
            survei=obj, versi=form.cleaned_data.get("versi"), user=self.request.user
        )

    def url_kembali(self):
        return reverse("pengawasan:survei_detail", args=[self.object.pk])


class SurveiDetailView(_DenganRTLDetail):
    model = SurveiKepuasan
    template_name = "pengawasan/register/survei_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["unsur"] = list(zip(aturan.UNSUR_IKM, self.object.nilai_unsur, strict=True))
        return ctx


class SurveiRTLView(_RTLBuatView):
    model = SurveiKepuasan

    def buat(self, obj, data):
        services.survei_rtl_buat(survei=obj, data=data, user=self.request.user)

    def url_detail(self, obj):
        return reverse("pengawasan:survei_detail", args=[obj.pk])


# --- Register risiko ------------------------------------------------------------------------


class RisikoDaftarView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/register/risiko_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_dari(self.request)
        ctx.update(
            tahun=tahun,
            daftar=list(sel.risiko_tahun(puskesmas=self.puskesmas, tahun=tahun)),
            boleh_kelola=boleh_kelola(self.request.user, self.puskesmas),
            tingkat=aturan.TINGKAT_RISIKO,
        )
        return ctx


class RisikoBuatView(_BuatView):
    form_class = f.RisikoForm
    judul = "Tambah risiko"

    def form_kwargs(self):
        return {"puskesmas": self.puskesmas}

    def simpan(self, obj, form):
        obj.puskesmas, obj.tahun = self.puskesmas, self.tahun
        return services.risiko_simpan(risiko=obj, versi=None, user=self.request.user)

    def url_kembali(self):
        return _url("risiko", self.puskesmas, self.tahun)


class RisikoUbahView(_UbahView):
    model = Risiko
    form_class = f.RisikoForm
    judul = "Ubah risiko"

    def form_kwargs(self):
        return {"puskesmas": self.puskesmas}

    def simpan(self, obj, form):
        return services.risiko_simpan(
            risiko=obj, versi=form.cleaned_data.get("versi"), user=self.request.user
        )

    def url_kembali(self):
        return _url("risiko", self.puskesmas, self.tahun)


# --- Tim Mutu -------------------------------------------------------------------------------


class TimMutuView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/register/tim_mutu.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p, tahun = self.puskesmas, tahun_dari(self.request)
        tim = sel.tim_mutu_tahun(puskesmas=p, tahun=tahun)
        scope = access.lingkup(self.request.user)
        anggota = sel.anggota_tim_mutu(tim) if tim else []
        ctx.update(
            tahun=tahun,
            tim=tim,
            anggota=anggota,
            bidang_belum=aturan.bidang_belum_tercakup(
                a.bidang for a in anggota if a.uraian_tugas.strip()
            ),
            evaluasi=sel.evaluasi_tahun(puskesmas=p, tahun=tahun),
            boleh_kelola=boleh_kelola(self.request.user, p),
            langkah_list=[
                step
                for step in TimMutu.alur.tersedia(tim.status)
                if scope.boleh(step.aksi, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id)
            ]
            if tim
            else [],
            jejak=tim.jejak() if tim else [],
        )
        return ctx


class TimMutuUbahView(PuskesmasMixin, View):
    """Create the year's Tim Mutu or edit it, with its members and their uraian tugas."""

    aksi = Aksi.KELOLA_MUTU
    template_name = "pengawasan/register/tim_mutu_form.html"

    def _siapkan(self):
        self.tahun = tahun_dari(self.request)
        self.tim = sel.tim_mutu_tahun(puskesmas=self.puskesmas, tahun=self.tahun) or TimMutu(
            puskesmas=self.puskesmas, tahun=self.tahun
        )

    def _formset(self, data=None):
        qs = (
            AnggotaTimMutu.objects.filter(tim=self.tim).select_related("user")
            if self.tim.pk
            else AnggotaTimMutu.objects.none()
        )
        return f.AnggotaTimMutuFormSet(
            data,
            instance=self.tim,
            queryset=qs,
            form_kwargs={"puskesmas": self.puskesmas},
            prefix="anggota",
        )

    def _tampil(self, form, formset):
        return render(
            self.request,
            self.template_name,
            {
                "puskesmas": self.puskesmas,
                "tahun": self.tahun,
                "tim": self.tim,
                "form": form,
                "formset": formset,
                "kembali": _url("tim_mutu", self.puskesmas, self.tahun),
            },
        )

    def _terkunci(self):
        if self.tim.pk is None or self.tim.bisa_diubah:
            return None
        messages.error(self.request, f"SK Tim Mutu berstatus «{self.tim.get_status_display()}».")
        return HttpResponseRedirect(_url("tim_mutu", self.puskesmas, self.tahun))

    def get(self, request, *args, **kwargs):
        self._siapkan()
        return self._terkunci() or self._tampil(f.TimMutuForm(instance=self.tim), self._formset())

    def post(self, request, *args, **kwargs):
        self._siapkan()
        terkunci = self._terkunci()
        if terkunci:
            return terkunci
        form = f.TimMutuForm(request.POST, instance=self.tim)
        formset = self._formset(request.POST)
        if form.is_valid() and formset.is_valid():
            tim = form.save(commit=False)
            try:
                services.tim_mutu_simpan(
                    user=request.user,
                    tim=tim,
                    versi=form.cleaned_data.get("versi"),
                    anggota_simpan=formset.save(commit=False),
                    anggota_hapus=formset.deleted_objects,
                )
            except KonflikVersi as exc:
                konflik_berversi(form, pesan=exc.message, instance=tim)
            except GAGAL as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Tim Mutu tahun {self.tahun} tersimpan.")
                return HttpResponseRedirect(_url("tim_mutu", self.puskesmas, self.tahun))
        return self._tampil(form, formset)


class TimMutuLangkahView(PuskesmasMixin, View):
    """POST ``langkah`` (ajukan, kembalikan with ``catatan``, sahkan) for the year's SK."""

    alur_model = TimMutu

    def post(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        tim = sel.tim_mutu_tahun(puskesmas=self.puskesmas, tahun=tahun)
        if tim is None:
            messages.error(request, f"Tim Mutu tahun {tahun} belum dibentuk.")
        else:
            try:
                langkah = request.POST.get("langkah", "")
                services.tim_mutu_jalankan(
                    user=request.user,
                    tim=tim,
                    langkah=langkah,
                    catatan=request.POST.get("catatan", ""),
                )
            except AlurTidakSah as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, f"SK Tim Mutu {TimMutu.alur.langkah(langkah).kata_kerja}."
                )
        return HttpResponseRedirect(_url("tim_mutu", self.puskesmas, tahun))


class TimMutuSkPdfView(PuskesmasMixin, View):
    """The SK Tim Mutu of the selected year: once signed, exactly what was signed (its
    snapshot and verification code); before that, a draft of the current data."""

    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        tim = sel.tim_mutu_tahun(puskesmas=self.puskesmas, tahun=tahun)
        if tim is None:
            messages.error(request, f"Tim Mutu tahun {tahun} belum dibentuk.")
            return HttpResponseRedirect(_url("tim_mutu", self.puskesmas, tahun))
        ttd = tanda_tangan_terakhir(tim)
        konteks = {"puskesmas": self.puskesmas, "tim": tim}
        if ttd is not None:
            isi = ttd.isi["dokumen"]
            konteks.update(nomor_sk=isi["nomor_sk"], susunan=isi["susunan"], **konteks_ttd(ttd))
        else:
            kepala = penandatangan(puskesmas=self.puskesmas)
            konteks.update(
                nomor_sk=tim.nomor_sk,
                susunan=susunan_tim_mutu(tim),
                nama=kepala.nama,
                nip=kepala.nip,
                tanggal=tim.tanggal_sk,
                draf=True,
            )
        return pdf_response(
            "pengawasan/register/dokumen/sk_tim_mutu.html",
            konteks,
            nama=f"SK Tim Mutu {self.puskesmas.nama} {tahun}",
            request=request,
        )


class EvaluasiTimMutuView(_FormMixin, PuskesmasMixin, View):
    """The year's evaluation of the uraian tugas (one per year: created, then edited)."""

    form_class = f.EvaluasiTimMutuForm

    def siapkan(self):
        self.tahun = tahun_dari(self.request)
        self.evaluasi = sel.evaluasi_tahun(puskesmas=self.puskesmas, tahun=self.tahun)

    def objek_form(self):
        return self.evaluasi

    def judul_halaman(self):
        return f"Evaluasi pelaksanaan uraian tugas Tim Mutu tahun {self.tahun}"

    def simpan(self, obj, form):
        obj.puskesmas, obj.tahun = self.puskesmas, self.tahun
        return services.evaluasi_tim_mutu_simpan(
            evaluasi=obj, versi=form.cleaned_data.get("versi"), user=self.request.user
        )

    def url_kembali(self):
        return _url("tim_mutu", self.puskesmas, self.tahun)


# --- Rencana program mutu dan keselamatan pasien ----------------------------------------------


class ProgramMutuView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/register/program_mutu.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p, tahun = self.puskesmas, tahun_dari(self.request)
        rencana = sel.rencana_mutu_tahun(puskesmas=p, tahun=tahun)
        ctx.update(
            tahun=tahun,
            rencana=rencana,
            kegiatan=sel.kegiatan_mutu(rencana) if rencana else [],
            boleh_kelola=boleh_kelola(self.request.user, p),
            ringkasan=sel.ringkasan_program_mutu(puskesmas=p, tahun=tahun),
        )
        return ctx


class RencanaMutuUbahView(_FormMixin, PuskesmasMixin, View):
    form_class = f.RencanaMutuForm

    def siapkan(self):
        self.tahun = tahun_dari(self.request)
        self.rencana = sel.rencana_mutu_tahun(puskesmas=self.puskesmas, tahun=self.tahun)

    def objek_form(self):
        return self.rencana

    def judul_halaman(self):
        return f"Rencana program mutu dan keselamatan pasien tahun {self.tahun}"

    def simpan(self, obj, form):
        obj.puskesmas, obj.tahun = self.puskesmas, self.tahun
        return services.rencana_mutu_simpan(
            rencana=obj, versi=form.cleaned_data.get("versi"), user=self.request.user
        )

    def url_kembali(self):
        return _url("program_mutu", self.puskesmas, self.tahun)


class LampiranKAKView(LingkupMixin, SingleObjectMixin, View):
    """Download the plan's KAK attachment (scoped like the plan)."""

    model = RencanaProgramMutu

    def get(self, request, *args, **kwargs):
        rencana = self.get_object()
        if not rencana.berkas_kak:
            messages.info(request, "Rencana ini tidak memiliki lampiran KAK.")
            return HttpResponseRedirect(_url("program_mutu", rencana.puskesmas, rencana.tahun))
        try:
            berkas = rencana.berkas_kak.open("rb")
        except FileNotFoundError:
            raise Http404("Berkas tidak ditemukan.") from None
        return FileResponse(berkas, as_attachment=True, filename=rencana.nama_berkas_kak or "kak")


class KegiatanMutuBuatView(LingkupMixin, SingleObjectMixin, _FormMixin, View):
    """A new activity of a plan (``pk``: the plan)."""

    model = RencanaProgramMutu
    aksi = Aksi.KELOLA_MUTU
    form_class = f.KegiatanMutuForm
    judul = "Tambah kegiatan program mutu"

    def siapkan(self):
        self.rencana = self.get_object()
        self.puskesmas, self.tahun = self.rencana.puskesmas, self.rencana.tahun

    def objek_form(self):
        return None

    def form_kwargs(self):
        return {"puskesmas": self.puskesmas}

    def simpan(self, obj, form):
        obj.rencana = self.rencana
        return services.kegiatan_mutu_simpan(kegiatan=obj, versi=None, user=self.request.user)

    def url_kembali(self):
        return _url("program_mutu", self.puskesmas, self.tahun)


class KegiatanMutuUbahView(_UbahView):
    model = KegiatanMutu
    form_class = f.KegiatanMutuForm
    judul = "Ubah kegiatan program mutu"

    def siapkan(self):
        self.object = self.get_object()
        self.puskesmas, self.tahun = self.object.rencana.puskesmas, self.object.rencana.tahun

    def get_queryset(self):
        return super().get_queryset().select_related("rencana__puskesmas")

    def form_kwargs(self):
        return {"puskesmas": self.puskesmas}

    def simpan(self, obj, form):
        return services.kegiatan_mutu_simpan(
            kegiatan=obj, versi=form.cleaned_data.get("versi"), user=self.request.user
        )

    def url_kembali(self):
        return _url("program_mutu", self.puskesmas, self.tahun)


class KegiatanMutuRealisasiView(LingkupMixin, SingleObjectMixin, View):
    """POST the realisation of an activity: terlaksana / belum, date, note."""

    model = KegiatanMutu
    aksi = Aksi.KELOLA_MUTU

    def post(self, request, *args, **kwargs):
        k = self.get_object()
        form = f.RealisasiMutuForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.kegiatan_mutu_realisasi(
                    kegiatan=k,
                    realisasi=d["realisasi"],
                    tanggal=d["tanggal"],
                    catatan=d["catatan"],
                    versi=d["versi"],
                    user=request.user,
                )
            except KonflikVersi as exc:
                messages.error(request, exc.message)
            except GAGAL as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Realisasi kegiatan tersimpan.")
        else:
            _pesan_form(request, form)
        return HttpResponseRedirect(
            _url("program_mutu", k.rencana.puskesmas, k.rencana.tahun) + f"#kegiatan-{k.pk}"
        )


class KegiatanMutuHapusView(LingkupMixin, SingleObjectMixin, View):
    """POST ``kegiatan`` (an activity id of the plan ``pk``) to remove it."""

    model = RencanaProgramMutu
    aksi = Aksi.KELOLA_MUTU

    def post(self, request, *args, **kwargs):
        rencana = self.get_object()
        kegiatan_id = request.POST.get("kegiatan", "")
        if kegiatan_id.isdigit():
            k = get_object_or_404(
                KegiatanMutu.objects.for_user(request.user).filter(rencana=rencana),
                pk=kegiatan_id,
            )
            services.kegiatan_mutu_hapus(kegiatan=k, user=request.user)
            messages.success(request, "Kegiatan dihapus.")
        return HttpResponseRedirect(_url("program_mutu", rencana.puskesmas, rencana.tahun))


# --- Excel and PDF ----------------------------------------------------------------------------

# (template of the yearly PDF, Resource builder, selector, title)
_REGISTER = {
    "pengaduan": (
        "pengawasan/register/dokumen/pengaduan.html",
        resources.ekspor_pengaduan,
        "Register pengaduan",
    ),
    "survei": (
        "pengawasan/register/dokumen/survei.html",
        resources.ekspor_survei,
        "Survei kepuasan masyarakat",
    ),
    "risiko": (
        "pengawasan/register/dokumen/risiko.html",
        resources.ekspor_risiko,
        "Register risiko",
    ),
}


def _baris_register(jenis: str, puskesmas, tahun: int):
    if jenis == "pengaduan":
        return list(sel.pengaduan_tahun(puskesmas=puskesmas, tahun=tahun))
    if jenis == "survei":
        return list(sel.survei_tahun(puskesmas=puskesmas, tahun=tahun))
    return list(sel.risiko_tahun(puskesmas=puskesmas, tahun=tahun))


class RegisterEksporView(PuskesmasMixin, View):
    """The year's register as an Excel workbook (texts stay texts)."""

    jenis = ""

    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        _, ekspor, judul = _REGISTER[self.jenis]
        isi = ekspor(_baris_register(self.jenis, self.puskesmas, tahun))
        return xlsx_response(isi, nama=f"{judul} {self.puskesmas.nama} {tahun}")


class RegisterPdfView(PuskesmasMixin, View):
    """The year's register as a PDF signed off by the Kepala Puskesmas."""

    jenis = ""

    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        template, _, judul = _REGISTER[self.jenis]
        ttd = penandatangan(puskesmas=self.puskesmas)
        konteks = {
            "puskesmas": self.puskesmas,
            "tahun": tahun,
            "judul": judul,
            "daftar": _baris_register(self.jenis, self.puskesmas, tahun),
            "nama": ttd.nama,
            "nip": ttd.nip,
            "tanggal": ttd.tanggal,
        }
        if self.jenis == "pengaduan":
            konteks["media"] = sel.media_tahun(puskesmas=self.puskesmas, tahun=tahun)
        if self.jenis == "survei":
            konteks["unsur"] = aturan.UNSUR_IKM
        return pdf_response(
            template,
            konteks,
            nama=f"{judul} {self.puskesmas.nama} {tahun}",
            request=request,
            landscape=True,
        )


class ProgramMutuPdfView(PuskesmasMixin, View):
    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        rencana = sel.rencana_mutu_tahun(puskesmas=self.puskesmas, tahun=tahun)
        ttd = penandatangan(puskesmas=self.puskesmas)
        return pdf_response(
            "pengawasan/register/dokumen/program_mutu.html",
            {
                "puskesmas": self.puskesmas,
                "tahun": tahun,
                "rencana": rencana,
                "kegiatan": sel.kegiatan_mutu(rencana) if rencana else [],
                "nama": ttd.nama,
                "nip": ttd.nip,
                "tanggal": ttd.tanggal,
            },
            nama=f"Rencana program mutu {self.puskesmas.nama} {tahun}",
            request=request,
            landscape=True,
        )
