"""RUK (Rencana Usulan Kegiatan) for year N+1: list, detail grouped by klaster, activities,
the approval workflow, PDF, Excel export/import, and the Dinkes overview per kabupaten."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.views import View
from django.views.generic import (
    DeleteView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.alur import SAH, AlurTidakSah, DokumenTerkunci, StatusAlur
from puskesmas.alat.dokumen import PdfBesarMixin, draf, pdf_besar_response, xlsx_response
from puskesmas.alat.konflik import konflik_tampilkan, nilai_model
from puskesmas.alat.latar import tugas_mulai
from puskesmas.alat.mixins import KabupatenMixin, LingkupMixin, PuskesmasMixin
from puskesmas.alat.tanda_tangan import konteks_ttd, tanda_tangan_terakhir
from puskesmas.selectors.inti import penandatangan
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from ..forms.ruk import ImporRUKForm, KegiatanRUKForm
from ..models import RUK, KegiatanRUK
from ..selectors import ruk as selectors
from ..selectors import tahapan
from ..services import ruk as services

PESAN_LANGKAH = "Pilih langkah persetujuan yang sah."


def _url_detail(ruk_pk: int, anchor: str = "") -> str:
    return reverse("perencanaan:ruk_detail", args=[ruk_pk]) + (f"#{anchor}" if anchor else "")


def _tautan_rpk(ruk: RUK, user) -> dict | None:
    """The «Susun RPK» or «Lihat RPK» link once approved, if the RPK part is there."""
    if ruk.status not in SAH:
        return None
    try:
        rpk = ruk.rpk
    except ObjectDoesNotExist:
        rpk = None
    try:
        if rpk is not None:
            return {"lihat": reverse("perencanaan:rpk_detail", args=[rpk.pk])}
        if access.boleh(user, Aksi.SUSUN_RENCANA, ruk):
            return {"susun": reverse("perencanaan:rpk_susun", args=[ruk.pk])}
    except NoReverseMatch:
        pass
    return None


def _ruk_dengan_relasi(qs):
    return qs.select_related("puskesmas__kabupaten", "puskesmas__kecamatan")


# --- List and create ----------------------------------------------------------------------


class RUKListView(PuskesmasMixin, ListView):
    model = RUK
    template_name = "perencanaan/ruk_list.html"
    context_object_name = "daftar_ruk"

    def get_queryset(self):
        return selectors.ruk_list(puskesmas=self.puskesmas)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_terpilih(self.request)
        ctx.update(
            tahun=tahun,
            tahun_ruk=tahun + 1,
            ada=any(r.tahun == tahun + 1 for r in ctx["daftar_ruk"]),
            boleh_buat=access.boleh(self.request.user, Aksi.SUSUN_RENCANA, self.puskesmas),
        )
        return ctx


class RUKBuatView(PuskesmasMixin, View):
    """POST: create the RUK of the selected year + 1 (or open it if it exists)."""

    aksi = Aksi.SUSUN_RENCANA

    def post(self, request, *args, **kwargs):
        tahun = tahun_terpilih(request) + 1
        ruk, dibuat = services.ruk_buat(puskesmas=self.puskesmas, tahun=tahun, user=request.user)
        if dibuat:
            messages.success(request, f"RUK tahun {tahun} dibuat. Tambahkan kegiatannya.")
        else:
            messages.info(request, f"RUK tahun {tahun} sudah ada.")
        return redirect("perencanaan:ruk_detail", ruk.pk)


# --- Detail and workflow ----------------------------------------------------------------


class RUKDetailView(LingkupMixin, DetailView):
    model = RUK
    template_name = "perencanaan/ruk_detail.html"

    def get_queryset(self):
        return _ruk_dengan_relasi(super().get_queryset()).select_related("rpk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ruk, user = self.object, self.request.user
        # Activities are klaster rows: a PJ klaster adds and edits those of their klaster.
        boleh_susun = access.boleh(user, Aksi.SUSUN_KLASTER, ruk)
        jejak = list(ruk.jejak())  # newest first
        ctx.update(
            puskesmas=ruk.puskesmas,
            rincian=selectors.ruk_rincian(ruk=ruk),
            boleh_susun=boleh_susun,
            boleh_ubah=boleh_susun and ruk.bisa_diubah,
            klaster_boleh=access.klaster_diizinkan(user, ruk.puskesmas),
            langkah=[s for s in RUK.alur.tersedia(ruk.status) if access.boleh(user, s.aksi, ruk)],
            jejak=jejak,
            # Returned by the Dinkes rather than by the Kepala: the page says who asks.
            dikembalikan_dinkes=bool(jejak) and jejak[0].langkah == "kembalikan_dinkes",
            rpk=_tautan_rpk(ruk, user),
            dinkes=lingkup(user).tingkat_kabupaten,
        )
        if ruk.bisa_diubah:
            # Earlier P1 steps not done: a warning on the page and before submitting.
            ctx["tahap_kurang"] = tahapan.peringatan(
                tahapan.tahapan_ruk(puskesmas_id=ruk.puskesmas_id, tahun_ruk=ruk.tahun)
            )
        return ctx


class RUKAlurView(LingkupMixin, SingleObjectMixin, View):
    """POST ``langkah`` (ajukan, kembalikan, sahkan, kirim) and, to return it, ``catatan``."""

    model = RUK
    alur_model = RUK

    def post(self, request, *args, **kwargs):
        ruk = self.get_object()
        langkah = request.POST.get("langkah", "")
        if langkah not in {s.nama for s in RUK.alur}:
            messages.error(request, PESAN_LANGKAH)
            return redirect("perencanaan:ruk_detail", ruk.pk)
        try:
            ruk = services.ruk_jalankan(
                ruk=ruk, langkah=langkah, user=request.user, catatan=request.POST.get("catatan", "")
            )
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"RUK {ruk.tahun} {RUK.alur.langkah(langkah).kata_kerja}.")
        return redirect("perencanaan:ruk_detail", ruk.pk)


# --- Activities -------------------------------------------------------------------------


class _KegiatanFormMixin:
    form_class = KegiatanRUKForm
    template_name = "perencanaan/ruk_kegiatan_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        ruk = self.ruk()
        kwargs["masalah"] = selectors.masalah_untuk_ruk(ruk=ruk)
        kwargs["pemecahan"] = selectors.pemecahan_untuk_ruk(ruk=ruk)
        kwargs["klaster_ids"] = access.klaster_diizinkan(self.request.user, ruk.puskesmas)
        return kwargs

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.terkunci() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.terkunci() or super().post(request, *args, **kwargs)

    def form_valid(self, form):
        return self.simpan(form, form.save(commit=False))

    def terkunci(self):
        """Refuse to open the form of a locked RUK, with the reason."""
        try:
            self.ruk().pastikan_bisa_diubah()
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
            return redirect("perencanaan:ruk_detail", self.ruk().pk)
        return None

    def simpan(self, form, kegiatan):
        try:
            kegiatan = services.kegiatan_ruk_simpan(
                kegiatan=kegiatan,
                masalah=form.cleaned_data.get("masalah") or [],
                versi=form.cleaned_data.get("versi"),
                user=self.request.user,
            )
        except KonflikVersi as exc:
            # Show what the other person saved beside what was typed; the form now carries
            # the stored version, so saving again after comparing goes through.
            sekarang = KegiatanRUK.objects.get(pk=kegiatan.pk)
            konflik_tampilkan(
                form,
                pesan=exc.message,
                token={"versi": services.token_versi(sekarang)},
                tersimpan=nilai_model(form, sekarang),
            )
            return self.form_invalid(form)
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
            return redirect("perencanaan:ruk_detail", self.ruk().pk)
        messages.success(self.request, self.pesan)
        return HttpResponseRedirect(_url_detail(self.ruk().pk, f"kegiatan-{kegiatan.pk}"))

    def get_context_data(self, **kwargs):
        ruk = self.ruk()
        kwargs.update(ruk=ruk, puskesmas=ruk.puskesmas, judul=self.judul)
        return super().get_context_data(**kwargs)


class KegiatanRUKTambahView(LingkupMixin, _KegiatanFormMixin, SingleObjectMixin, FormView):
    model = RUK
    aksi = Aksi.SUSUN_KLASTER
    judul = "Tambah kegiatan RUK"
    pesan = "Kegiatan ditambahkan."

    def get_queryset(self):
        return _ruk_dengan_relasi(super().get_queryset())

    def ruk(self):
        return self.object

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = KegiatanRUK(ruk=self.object)
        return kwargs


class _KegiatanObjekMixin:
    """A PJ klaster opens only the activities of their own klaster (403 otherwise)."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("ruk__puskesmas__kabupaten", "ruk__puskesmas__kecamatan", "klaster")
        )

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        access.wajib_klaster(self.request.user, obj.ruk.puskesmas, obj.klaster_id)
        return obj

    def ruk(self):
        return self.object.ruk


class KegiatanRUKUbahView(LingkupMixin, _KegiatanObjekMixin, _KegiatanFormMixin, UpdateView):
    model = KegiatanRUK
    aksi = Aksi.SUSUN_KLASTER
    judul = "Ubah kegiatan RUK"
    pesan = "Kegiatan tersimpan."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["versi"] = services.token_versi(self.object)
        return kwargs


class KegiatanRUKHapusView(LingkupMixin, _KegiatanObjekMixin, DeleteView):
    model = KegiatanRUK
    aksi = Aksi.SUSUN_KLASTER
    template_name = "perencanaan/ruk_kegiatan_hapus.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.ruk.bisa_diubah:
            return self._terkunci()
        return super().get(request, *args, **kwargs)

    def _terkunci(self):
        try:
            self.object.ruk.pastikan_bisa_diubah()
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
        return redirect("perencanaan:ruk_detail", self.object.ruk_id)

    def form_valid(self, form):
        ruk_pk = self.object.ruk_id
        nama = str(self.object)
        try:
            services.kegiatan_ruk_hapus(kegiatan=self.object, user=self.request.user)
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
        else:
            messages.success(self.request, f"Kegiatan «{nama}» dihapus.")
        return redirect("perencanaan:ruk_detail", ruk_pk)

    def get_context_data(self, **kwargs):
        kwargs.update(puskesmas=self.object.ruk.puskesmas, ruk=self.object.ruk)
        return super().get_context_data(**kwargs)


# --- Documents: PDF, Excel export, template, import -------------------------------------


class RUKPdfView(PdfBesarMixin, LingkupMixin, DetailView):
    model = RUK

    def get_queryset(self):
        return _ruk_dengan_relasi(super().get_queryset())

    def get(self, request, *args, **kwargs):
        ruk = self.get_object()
        ttd = penandatangan(puskesmas=ruk.puskesmas, dokumen=ruk)
        rincian = selectors.ruk_rincian(ruk=ruk)
        return pdf_besar_response(
            request,
            "perencanaan/dokumen/ruk.html",
            {
                "ruk": ruk,
                "puskesmas": ruk.puskesmas,
                "rincian": rincian,
                "tanggal": ttd.tanggal,
                "nama": ttd.nama,
                "nip": ttd.nip,
                "draf": draf(ruk),
                **konteks_ttd(tanda_tangan_terakhir(ruk)),
            },
            objek=ruk,
            nama=f"RUK {ruk.tahun} {ruk.puskesmas.nama}",
            baris=sum(len(k.kegiatan) for k in rincian.kelompok),
            landscape=True,
        )


class RUKXlsxView(LingkupMixin, DetailView):
    model = RUK

    def get_queryset(self):
        return _ruk_dengan_relasi(super().get_queryset())

    def get(self, request, *args, **kwargs):
        ruk = self.get_object()
        rincian = selectors.ruk_rincian(ruk=ruk)
        kegiatan = [k for kelompok in rincian.kelompok for k in kelompok.kegiatan]
        return xlsx_response(
            services.ruk_xlsx(ruk=ruk, kegiatan=kegiatan),
            nama=f"RUK {ruk.tahun} {ruk.puskesmas.nama}",
        )


class RUKTemplatView(LingkupMixin, DetailView):
    model = RUK

    def get(self, request, *args, **kwargs):
        ruk = self.get_object()
        return xlsx_response(
            services.ruk_xlsx(ruk=ruk, kegiatan=[]), nama=f"templat-ruk-{ruk.tahun}"
        )


class RUKImporView(LingkupMixin, SingleObjectMixin, FormView):
    """Upload an Excel file; the rows are checked and appended by a background job."""

    model = RUK
    aksi = Aksi.SUSUN_KLASTER
    form_class = ImporRUKForm
    template_name = "perencanaan/ruk_impor.html"

    def get_queryset(self):
        return _ruk_dengan_relasi(super().get_queryset())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self._terkunci() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self._terkunci() or super().post(request, *args, **kwargs)

    def _terkunci(self):
        try:
            self.object.pastikan_bisa_diubah()
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
            return redirect("perencanaan:ruk_detail", self.object.pk)
        return None

    def form_valid(self, form):
        ruk = self.object
        tugas = tugas_mulai(
            jenis="impor_ruk",
            user=self.request.user,
            puskesmas=ruk.puskesmas,
            parameter={"ruk": ruk.pk, "judul": f"Impor kegiatan RUK {ruk.tahun}"},
            berkas=form.cleaned_data["berkas"],
        )
        return redirect("tugas_latar", tugas.pk)

    def get_context_data(self, **kwargs):
        kwargs.update(
            ruk=self.object, puskesmas=self.object.puskesmas, templat=services.TEMPLAT_RUK
        )
        return super().get_context_data(**kwargs)


# --- Dinkes -----------------------------------------------------------------------------


class RUKKabupatenView(KabupatenMixin, ListView):
    """Every Puskesmas of the kabupaten with its RUK of the selected year + 1."""

    aksi = Aksi.REKAP_KABUPATEN
    template_name = "perencanaan/ruk_kabupaten.html"
    context_object_name = "daftar"

    def get_queryset(self):
        self.tahun_ruk = tahun_terpilih(self.request) + 1
        return selectors.ruk_kabupaten(
            user=self.request.user, kabupaten=self.kabupaten, tahun=self.tahun_ruk
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        daftar = ctx["daftar"]
        ctx.update(
            tahun_ruk=self.tahun_ruk,
            status_label=dict(StatusAlur.choices),
            # Received by the Dinkes counts as sent.
            jumlah_dikirim=sum(
                1 for p in daftar if p.ruk_status in (StatusAlur.DIKIRIM, StatusAlur.DITERIMA)
            ),
            jumlah_diterima=sum(1 for p in daftar if p.ruk_status == StatusAlur.DITERIMA),
            total=sum((p.total_anggaran or 0 for p in daftar), 0),
        )
        return ctx


class TahapanKabupatenView(KabupatenMixin, TemplateView):
    """For the Dinkes: per Puskesmas, which P1 steps towards the RUK (selected year + 1) and
    its RPK are done."""

    aksi = Aksi.REKAP_KABUPATEN
    template_name = "perencanaan/tahapan_kabupaten.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun_ruk = tahun_terpilih(self.request) + 1
        ctx.update(
            tahun_ruk=tahun_ruk,
            tahun_n=tahun_ruk - 1,
            daftar=tahapan.tahapan_kabupaten(
                user=self.request.user, kabupaten=self.kabupaten, tahun_ruk=tahun_ruk
            ),
        )
        return ctx
