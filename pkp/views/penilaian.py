"""The self-assessment pages of a Puskesmas: the assessment of a year (opened by an explicit
POST), the forms of kinerja pelayanan per klaster/programme, mutu pelayanan and kinerja
manajemen per component, evidence, the Excel template and its import, and submitting.

Reading follows the assessment's scope (staff of the Puskesmas, Dinkes of its kabupaten);
filling in needs ``Aksi.ISI_PKP`` and submitting ``Aksi.AJUKAN_PKP``. Once submitted or set
the forms show read-only and every service refuses (``pastikan_bisa_diubah``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.alur import AlurTidakSah, StatusAlur
from puskesmas.alat.dokumen import xlsx_response
from puskesmas.alat.mixins import LingkupMixin, PuskesmasMixin
from puskesmas.services.inti import PESAN_KONFLIK, KonflikVersi

from ..forms.penilaian import BuktiForm, CapaianForm, ImporCapaianForm, SkorForm
from ..models import BuktiPKP, NilaiManajemen, NilaiMutu, NilaiPelayanan, PenilaianPKP
from ..selectors import penilaian as sel
from ..selectors.instrumen import instrumen_kabupaten
from ..selectors.verifikasi import tindak_lanjut
from ..services import penilaian as svc
from ..services.tindak_lanjut import penilaian_rtl_buat
from .tahun import tahun_pkp


def url_penilaian(penilaian: PenilaianPKP, anchor: str = "") -> str:
    url = reverse("pkp:penilaian", args=[penilaian.puskesmas_id])
    return f"{url}?tahun={penilaian.tahun}" + (f"#{anchor}" if anchor else "")


def _boleh(user, aksi: Aksi, penilaian: PenilaianPKP) -> bool:
    p = penilaian.puskesmas
    return lingkup(user).boleh(aksi, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id)


class PenilaianView(PuskesmasMixin, TemplateView):
    """The assessment of one year: status, progress, current scores, history. A visit never
    creates it: opening is the POST button of ``PenilaianBukaView``."""

    template_name = "pkp/penilaian.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_pkp(self.request)
        penilaian = sel.penilaian_tahun(puskesmas=self.puskesmas, tahun=tahun)
        scope = lingkup(self.request.user)
        hak = {
            aksi: scope.boleh(
                aksi, puskesmas_id=self.puskesmas.pk, kabupaten_id=self.puskesmas.kabupaten_id
            )
            for aksi in (Aksi.ISI_PKP, Aksi.AJUKAN_PKP, Aksi.TINDAK_LANJUT_PKP)
        }
        ctx.update(tahun=tahun, penilaian=penilaian, boleh_isi=hak[Aksi.ISI_PKP])
        if penilaian is None:
            ctx["instrumen"] = instrumen_kabupaten(kabupaten=self.puskesmas.kabupaten, tahun=tahun)
            return ctx
        ctx.update(
            ringkasan=sel.ringkasan(penilaian),
            bisa_diubah=penilaian.bisa_diubah,
            boleh_ajukan=hak[Aksi.AJUKAN_PKP] and penilaian.bisa_diubah,
        )
        if penilaian.status == StatusAlur.DITETAPKAN:
            ctx.update(
                tindak_lanjut=tindak_lanjut(penilaian),
                boleh_rtl=hak[Aksi.TINDAK_LANJUT_PKP],
            )
        return ctx


class _RtlButirView(LingkupMixin, SingleObjectMixin, View):
    """POST: raise an RTL from one weak item of a set assessment; then its RTL page."""

    aksi = Aksi.TINDAK_LANJUT_PKP

    def get_queryset(self):
        return super().get_queryset().select_related("penilaian")

    def post(self, request, *args, **kwargs):
        baris = self.get_object()
        try:
            rtl = penilaian_rtl_buat(baris=baris, user=request.user)
        except (svc.PenilaianGagal, AlurTidakSah) as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(url_penilaian(baris.penilaian, "tindak-lanjut"))
        messages.success(request, "RTL dibuat. Lengkapi penyebab dan rencananya bila perlu.")
        return HttpResponseRedirect(reverse("rtl_detail", args=[rtl.pk]))


class RtlPelayananView(_RtlButirView):
    model = NilaiPelayanan


class RtlManajemenView(_RtlButirView):
    model = NilaiManajemen


class RtlMutuView(_RtlButirView):
    model = NilaiMutu


class PenilaianBukaView(PuskesmasMixin, View):
    """Open (create) the assessment of a year. POST only."""

    aksi = Aksi.ISI_PKP

    def post(self, request, *args, **kwargs):
        tahun = tahun_pkp(request)
        try:
            penilaian, baru = svc.penilaian_buka(
                puskesmas=self.puskesmas, tahun=tahun, user=request.user
            )
        except svc.PenilaianGagal as exc:
            messages.error(request, exc.message)
            url = reverse("pkp:penilaian", args=[self.puskesmas.pk])
            return HttpResponseRedirect(f"{url}?tahun={tahun}")
        if baru:
            messages.success(request, f"Penilaian kinerja tahun {tahun} dibuka.")
        return HttpResponseRedirect(url_penilaian(penilaian))


class PenilaianAjukanView(LingkupMixin, SingleObjectMixin, View):
    """The Kepala Puskesmas submits the assessment to the Dinkes. POST only."""

    model = PenilaianPKP
    aksi = Aksi.AJUKAN_PKP

    def post(self, request, *args, **kwargs):
        penilaian = self.get_object()
        try:
            svc.penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=request.user)
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        except PermissionDenied as exc:
            messages.error(request, str(exc) or access.PESAN_DITOLAK)
        else:
            messages.success(request, "Penilaian kinerja diajukan ke Dinas Kesehatan.")
        return HttpResponseRedirect(url_penilaian(penilaian))


class _IsianMixin(LingkupMixin, SingleObjectMixin):
    """A form over some rows of one assessment: read by its scope, saved with ISI_PKP."""

    model = PenilaianPKP
    aksi_tulis = Aksi.ISI_PKP

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas", "instrumen")

    def baca_saja(self) -> bool:
        return not (
            self.object.bisa_diubah and _boleh(self.request.user, Aksi.ISI_PKP, self.object)
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=self.buat_form()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.buat_form(request.POST)
        if self.baca_saja():
            try:
                self.object.pastikan_bisa_diubah()
            except AlurTidakSah as exc:
                messages.error(request, exc.message)
            return HttpResponseRedirect(request.get_full_path())
        if form.is_valid():
            try:
                jumlah = self.simpan(form)
            except KonflikVersi:
                return self.konflik(form)
            except svc.IsianTidakSah as exc:
                for pk, pesan in exc.galat.items():
                    form.add_error(f"catatan_{pk}", pesan)
            except (svc.PenilaianGagal, AlurTidakSah) as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Tersimpan ({jumlah} baris berubah).")
                return HttpResponseRedirect(request.get_full_path())
        return self.render_to_response(self.get_context_data(form=form))

    def konflik(self, form):
        """Someone saved some of these rows meanwhile: show what is saved now beside what
        was typed, keep every typed value, and carry the current versions so the next save,
        once checked, goes through."""
        baris = self.baris_terkini()
        data = self.request.POST.copy()
        for b in baris:
            b.konflik = str(b.versi) != data.get(f"versi_{b.pk}")
            data[f"versi_{b.pk}"] = str(b.versi)
        form = self.buat_form(data, baris=baris)
        form.is_valid()
        form.add_error(None, PESAN_KONFLIK)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.update(
            penilaian=self.object,
            puskesmas=self.object.puskesmas,
            baca_saja=self.baca_saja(),
            url_kembali=url_penilaian(self.object),
        )
        return super().get_context_data(**kwargs)


class _CapaianMixin(_IsianMixin):
    template_name = "pkp/penilaian_capaian.html"

    def buat_form(self, data=None, baris=None):
        return CapaianForm(
            data, baris=baris if baris is not None else self.baris(), baca_saja=self.baca_saja()
        )

    def baris_terkini(self):
        return self.baris()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs)


class PelayananIsiView(_CapaianMixin, TemplateView):
    """Kinerja pelayanan of one klaster/programme (``?kelompok=``; default the first)."""

    def kelompok(self):
        if not hasattr(self, "_kelompok"):
            daftar = sel.kelompok_pelayanan(self.object)
            if not daftar:
                raise Http404("Instrumen tidak memiliki klaster/program kinerja pelayanan.")
            pilih = self.request.GET.get("kelompok")
            self._semua = daftar
            self._kelompok = next((k for k in daftar if str(k.pk) == pilih), daftar[0])
        return self._kelompok

    def baris(self):
        return sel.baris_kelompok(self.object, self.kelompok())

    def simpan(self, form):
        return svc.nilai_pelayanan_simpan(
            penilaian=self.object,
            kelompok=self.kelompok(),
            isian=form.isian(),
            user=self.request.user,
        )

    def get_context_data(self, **kwargs):
        kelompok = self.kelompok()
        kwargs.update(
            judul=f"Kinerja pelayanan: {kelompok.nama}",
            kelompok=kelompok,
            semua_kelompok=self._semua,
            aspek="pelayanan",
        )
        return super().get_context_data(**kwargs)


class MutuIsiView(_CapaianMixin, TemplateView):
    """Mutu pelayanan: every indicator on one form."""

    def baris(self):
        return sel.baris_mutu(self.object)

    def simpan(self, form):
        return svc.nilai_mutu_simpan(
            penilaian=self.object, isian=form.isian(), user=self.request.user
        )

    def get_context_data(self, **kwargs):
        kwargs.update(judul="Mutu pelayanan", aspek="mutu")
        return super().get_context_data(**kwargs)


class ManajemenIsiView(_IsianMixin, TemplateView):
    """Kinerja manajemen of one component (``?komponen=``; default the first): the level
    texts as choices, the app's suggestion beside each, a note where they differ."""

    template_name = "pkp/penilaian_manajemen.html"

    def komponen(self):
        if not hasattr(self, "_komponen"):
            daftar = sel.komponen_manajemen(self.object)
            if not daftar:
                raise Http404("Instrumen tidak memiliki komponen kinerja manajemen.")
            pilih = self.request.GET.get("komponen")
            self._semua = daftar
            self._komponen = next((k for k in daftar if str(k.pk) == pilih), daftar[0])
        return self._komponen

    def baris(self):
        if not hasattr(self, "_baris"):
            self._baris = sel.baris_komponen(self.object, self.komponen())
        return self._baris

    def baris_terkini(self):
        return sel.baris_komponen(self.object, self.komponen())

    def saran(self):
        if not hasattr(self, "_saran"):
            self._saran = svc.saran_komponen(self.object, [b.variabel for b in self.baris()])
        return self._saran

    def buat_form(self, data=None, baris=None):
        return SkorForm(
            data,
            baris=baris if baris is not None else self.baris(),
            saran=self.saran(),
            baca_saja=self.baca_saja(),
        )

    def simpan(self, form):
        return svc.nilai_manajemen_simpan(
            penilaian=self.object,
            komponen=self.komponen(),
            isian=form.isian(),
            user=self.request.user,
        )

    def get_context_data(self, **kwargs):
        komponen = self.komponen()
        kwargs.update(
            judul=f"Kinerja manajemen: {komponen.kode} {komponen.nama}",
            komponen=komponen,
            semua_komponen=self._semua,
            tanpa_aturan=[b.variabel for b in self.baris() if b.variabel.kode not in self.saran()],
        )
        return super().get_context_data(**kwargs)


class BuktiView(LingkupMixin, SingleObjectMixin, TemplateView):
    """The evidence of one management score: its list and, while editable, the form to add
    one (a file, a signed document of the Puskesmas, or an app path)."""

    model = NilaiManajemen
    aksi_tulis = Aksi.ISI_PKP
    template_name = "pkp/penilaian_bukti.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("penilaian__puskesmas", "variabel__komponen")
            .prefetch_related("bukti__dokumen")
        )

    def form(self, data=None, files=None):
        return BuktiForm(data, files, dokumen=sel.dokumen_puskesmas_qs(self.object.penilaian))

    def boleh_ubah(self) -> bool:
        p = self.object.penilaian
        return p.bisa_diubah and _boleh(self.request.user, Aksi.ISI_PKP, p)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.bukti_tambah(
                    nilai=self.object,
                    user=request.user,
                    keterangan=d["keterangan"],
                    berkas=d.get("berkas"),
                    dokumen=d.get("dokumen"),
                    tautan=d.get("tautan") or "",
                )
            except (svc.PenilaianGagal, AlurTidakSah) as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Bukti ditambahkan.")
                return HttpResponseRedirect(request.get_full_path())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        p = self.object.penilaian
        kwargs.update(
            penilaian=p,
            puskesmas=p.puskesmas,
            nilai=self.object,
            boleh_ubah=self.boleh_ubah(),
            url_kembali=reverse("pkp:penilaian_manajemen", args=[p.pk])
            + f"?komponen={self.object.variabel.komponen_id}#variabel-{self.object.pk}",
        )
        return super().get_context_data(**kwargs)


class BuktiHapusView(LingkupMixin, SingleObjectMixin, TemplateView):
    """Remove one piece of evidence: GET asks to confirm, POST removes."""

    model = BuktiPKP
    aksi = Aksi.ISI_PKP
    template_name = "pkp/bukti_hapus.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(
            self.get_context_data(
                penilaian=self.object.nilai.penilaian,
                puskesmas=self.object.nilai.penilaian.puskesmas,
            )
        )

    def post(self, request, *args, **kwargs):
        bukti = self.get_object()
        nilai_pk = bukti.nilai_id
        try:
            svc.bukti_hapus(bukti=bukti, user=request.user)
        except (svc.PenilaianGagal, AlurTidakSah) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Bukti dihapus.")
        return HttpResponseRedirect(reverse("pkp:bukti", args=[nilai_pk]))


class BuktiBerkasView(LingkupMixin, SingleObjectMixin, View):
    """An evidence file, served only to users who may see the assessment (never from a
    public media URL), always as a download."""

    model = BuktiPKP

    def get(self, request, *args, **kwargs):
        bukti = self.get_object()
        if not bukti.berkas:
            raise Http404("Bukti ini bukan berkas.")
        try:
            isi = bukti.berkas.open("rb")
        except FileNotFoundError:
            raise Http404("Berkas bukti tidak ditemukan.") from None
        return FileResponse(isi, as_attachment=True, filename=bukti.berkas.name.rsplit("/", 1)[-1])


class CapaianTemplatView(LingkupMixin, SingleObjectMixin, View):
    """The Excel template of achievements, filled with today's values."""

    model = PenilaianPKP
    aksi = Aksi.ISI_PKP

    def get(self, request, *args, **kwargs):
        penilaian = self.get_object()
        isi = svc.templat_capaian(penilaian)
        return xlsx_response(isi, nama=f"Capaian PKP {penilaian.puskesmas.nama} {penilaian.tahun}")


class CapaianImporView(LingkupMixin, SingleObjectMixin, TemplateView):
    model = PenilaianPKP
    aksi = Aksi.ISI_PKP
    template_name = "pkp/penilaian_impor.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=ImporCapaianForm()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = ImporCapaianForm(request.POST, request.FILES)
        galat = []
        if form.is_valid():
            try:
                jumlah, galat = svc.nilai_impor(
                    penilaian=self.object, berkas=form.cleaned_data["berkas"], user=request.user
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                if not galat:
                    messages.success(request, f"{jumlah} capaian diimpor dan tersimpan.")
                    return HttpResponseRedirect(url_penilaian(self.object))
        return self.render_to_response(self.get_context_data(form=form, galat=galat))

    def get_context_data(self, **kwargs):
        kwargs.update(
            penilaian=self.object,
            puskesmas=self.object.puskesmas,
            url_kembali=url_penilaian(self.object),
        )
        return super().get_context_data(**kwargs)
