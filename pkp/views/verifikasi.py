"""Pages of the Dinkes verification: the kabupaten's list of assessments, the verification
page of one assessment (item by item, with its evidence and history), its workflow steps
(return with a reason, set), and the two PDFs (umpan balik, laporan).

The list and the verification page are read by the Dinkes (``REKAP_KABUPATEN``); only a
verifier acts on them (``VERIFIKASI_PKP``). The PDFs are read by the Puskesmas and the
Dinkes once the assessment is set; before that a verifier gets them marked DRAF.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, StatusAlur
from puskesmas.alat.dokumen import pdf_response
from puskesmas.alat.mixins import KabupatenMixin, LingkupMixin
from puskesmas.services.inti import KonflikVersi

from ..forms.verifikasi import PutusanCapaianForm, PutusanSkorForm
from ..models import NilaiManajemen, NilaiMutu, NilaiPelayanan, PenilaianPKP
from ..selectors import verifikasi as selectors
from ..services import verifikasi as services
from ..services.penilaian import penilaian_langkah
from .tahun import tahun_pkp

PESAN_LANGKAH = "Pilih langkah verifikasi yang sah."
PESAN_BELUM_DITETAPKAN = "Dokumen ini tersedia setelah penilaian ditetapkan oleh Dinas Kesehatan."
LANGKAH_VERIFIKASI = ("kembalikan", "tetapkan")


def _url_verifikasi(penilaian_pk: int, anchor: str = "") -> str:
    return reverse("pkp:verifikasi", args=[penilaian_pk]) + (f"#{anchor}" if anchor else "")


def _penilaian(qs):
    return qs.select_related("puskesmas__kabupaten", "puskesmas__kecamatan", "instrumen")


class VerifikasiDaftarView(KabupatenMixin, TemplateView):
    """Every Puskesmas of the kabupaten with its assessment's status for a year."""

    aksi = Aksi.REKAP_KABUPATEN
    template_name = "pkp/verifikasi_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_pkp(self.request)
        ctx.update(
            tahun=tahun,
            daftar=selectors.daftar_kabupaten(kabupaten=self.kabupaten, tahun=tahun),
            boleh_verifikasi=access.boleh(self.request.user, Aksi.VERIFIKASI_PKP, self.kabupaten),
        )
        return ctx


class VerifikasiView(LingkupMixin, DetailView):
    """One assessment item by item. A verifier acts while it is submitted; everyone else
    of the Dinkes, and everyone after penetapan, reads."""

    model = PenilaianPKP
    aksi = Aksi.REKAP_KABUPATEN
    template_name = "pkp/verifikasi.html"
    context_object_name = "penilaian"

    def get_queryset(self):
        return _penilaian(super().get_queryset())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.object
        boleh = access.boleh(self.request.user, Aksi.VERIFIKASI_PKP, p)
        ctx.update(
            puskesmas=p.puskesmas,
            rincian=selectors.rincian(p),
            bisa_verifikasi=boleh and p.status == StatusAlur.DIAJUKAN,
            boleh_verifikasi=boleh,
            langkah=[
                s for s in PenilaianPKP.alur.tersedia(p.status) if s.nama in LANGKAH_VERIFIKASI
            ]
            if boleh
            else [],
            jejak=list(p.jejak()),
            pilihan_skor=[0, 4, 7, 10],
        )
        return ctx


class _PutusanView(LingkupMixin, SingleObjectMixin, View):
    """POST: the verdict on one item (agree, or correct with a note)."""

    aksi = Aksi.VERIFIKASI_PKP
    form_class = PutusanCapaianForm

    def get_queryset(self):
        return super().get_queryset().select_related("penilaian__puskesmas__kabupaten")

    def post(self, request, *args, **kwargs):
        baris = self.get_object()
        form = self.form_class(request.POST)
        anchor = f"{self.awalan}-{baris.pk}"
        if not form.is_valid():
            for galat in form.errors.values():
                messages.error(request, " ".join(galat))
            return HttpResponseRedirect(_url_verifikasi(baris.penilaian_id, anchor))
        data = form.cleaned_data
        try:
            services.nilai_verifikasi(
                baris=baris,
                user=request.user,
                versi=data["versi"],
                status=data["status"],
                nilai=data.get("nilai"),
                catatan=data.get("catatan", ""),
            )
        except (services.VerifikasiGagal, KonflikVersi) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Butir {self.kode(baris)} tersimpan.")
        return HttpResponseRedirect(_url_verifikasi(baris.penilaian_id, anchor))


class PutusanPelayananView(_PutusanView):
    model = NilaiPelayanan
    awalan = "pelayanan"

    def kode(self, baris):
        return baris.indikator.kode


class PutusanMutuView(_PutusanView):
    model = NilaiMutu
    awalan = "mutu"

    def kode(self, baris):
        return baris.indikator.kode


class PutusanManajemenView(_PutusanView):
    model = NilaiManajemen
    form_class = PutusanSkorForm
    awalan = "manajemen"

    def kode(self, baris):
        return baris.variabel.kode


class SetujuiSemuaView(LingkupMixin, SingleObjectMixin, View):
    """POST: agree with every item of one part not verified yet."""

    model = PenilaianPKP
    aksi = Aksi.VERIFIKASI_PKP

    def post(self, request, *args, **kwargs):
        penilaian = self.get_object()
        bagian = request.POST.get("bagian", "")
        try:
            n = services.verifikasi_setujui_semua(
                penilaian=penilaian, bagian=bagian, user=request.user
            )
        except services.VerifikasiGagal as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{n} butir disetujui.")
        return HttpResponseRedirect(
            _url_verifikasi(penilaian.pk, "bagian-" + bagian.replace(":", ""))
        )


class VerifikasiLangkahView(LingkupMixin, SingleObjectMixin, View):
    """POST: return the assessment with a reason, or set it."""

    model = PenilaianPKP
    aksi = Aksi.VERIFIKASI_PKP
    alur_model = PenilaianPKP

    def post(self, request, *args, **kwargs):
        penilaian = self.get_object()
        langkah = request.POST.get("langkah", "")
        if langkah not in LANGKAH_VERIFIKASI:
            messages.error(request, PESAN_LANGKAH)
            return HttpResponseRedirect(_url_verifikasi(penilaian.pk))
        try:
            penilaian = penilaian_langkah(
                penilaian=penilaian,
                langkah=langkah,
                user=request.user,
                catatan=request.POST.get("catatan", ""),
            )
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"Penilaian {penilaian.puskesmas} {penilaian.get_status_display().lower()}.",
            )
        return HttpResponseRedirect(_url_verifikasi(penilaian.pk))


class _DokumenView(LingkupMixin, DetailView):
    """A PDF of one assessment: for everyone in scope once set; a DRAF for a verifier."""

    model = PenilaianPKP

    def get_queryset(self):
        return _penilaian(super().get_queryset())

    def get(self, request, *args, **kwargs):
        penilaian = self.get_object()
        draf = penilaian.status != StatusAlur.DITETAPKAN
        if draf and not access.boleh(request.user, Aksi.VERIFIKASI_PKP, penilaian):
            raise PermissionDenied(PESAN_BELUM_DITETAPKAN)
        return pdf_response(
            self.template,
            {
                "penilaian": penilaian,
                "puskesmas": penilaian.puskesmas,
                "draf": draf,
                **self.konteks(penilaian),
            },
            nama=f"{self.nama} {penilaian.tahun} {penilaian.puskesmas.nama}",
            request=request,
        )


class UmpanBalikPdfView(_DokumenView):
    template = "pkp/dokumen/umpan_balik.html"
    nama = "Umpan balik PKP"

    def konteks(self, penilaian):
        return {"umpan_balik": selectors.umpan_balik(penilaian)}


class LaporanPdfView(_DokumenView):
    template = "pkp/dokumen/laporan.html"
    nama = "Laporan PKP"

    def konteks(self, penilaian):
        lap = selectors.laporan(penilaian)
        return {"laporan": lap, "umpan_balik": lap.umpan_balik}
