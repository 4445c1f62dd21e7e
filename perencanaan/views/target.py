"""Target kinerja per klaster and the SK Target Kinerja."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.alur import AlurTidakSah, StatusAlur
from puskesmas.alat.dokumen import (
    DokumenZip,
    PdfBesarMixin,
    Rekap,
    pdf_response,
    xlsx_response,
    zip_pdf_response,
)
from puskesmas.alat.impor import ekspor_dengan_resource
from puskesmas.alat.konflik import konflik_tampilkan
from puskesmas.alat.mixins import KabupatenMixin, LingkupMixin, PuskesmasMixin
from puskesmas.alat.tanda_tangan import tanda_tangan_terakhir, tanda_tangan_terakhir_banyak
from puskesmas.models import Klaster
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from .. import target_rumus
from ..forms.target import (
    ImporTargetForm,
    KembalikanForm,
    TargetKlasterForm,
    TetapkanSKForm,
    nama_alasan,
    nama_field,
)
from ..models import PenetapanTarget, SKTargetKinerja, TargetKinerja
from ..resources import TEMPLAT_EKSPOR_TARGET, TargetEksporResource, TargetResource
from ..selectors import target as sel
from ..services import target as svc


def _tahun(request) -> int:
    """The selected year, or ``?tahun=`` when a link points at another year's document."""
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        return tahun_terpilih(request)
    return tahun if 2000 <= tahun <= 2100 else tahun_terpilih(request)


def url_target(penetapan_atau_puskesmas, tahun: int | None = None, klaster: int | None = None):
    if isinstance(penetapan_atau_puskesmas, PenetapanTarget):
        puskesmas_id, tahun = penetapan_atau_puskesmas.puskesmas_id, penetapan_atau_puskesmas.tahun
    else:
        puskesmas_id = penetapan_atau_puskesmas.pk
    url = reverse("perencanaan:target", args=[puskesmas_id])
    query = [f"tahun={tahun}"] if tahun else []
    if klaster:
        query.append(f"klaster={klaster}")
    return url + ("?" + "&".join(query) if query else "")


class TargetView(PuskesmasMixin, TemplateView):
    """The year's targets per klaster; with ``?klaster=N`` the form of that klaster."""

    template_name = "perencanaan/target_index.html"
    # Everyone in scope reads the targets; starting or saving them needs ISI_TARGET.
    aksi_tulis = Aksi.ISI_TARGET

    def setup_data(self):
        self.tahun = _tahun(self.request)
        self.penetapan = sel.penetapan_terkini(puskesmas=self.puskesmas, tahun=self.tahun)
        self.indikator = sel.katalog(kabupaten=self.puskesmas.kabupaten, tahun=self.tahun)
        self.klaster = None
        nomor = self.request.GET.get("klaster") or self.request.POST.get("klaster")
        if nomor:
            try:
                self.klaster = get_object_or_404(Klaster, nomor=int(nomor))
            except ValueError:
                self.klaster = None

    def get(self, request, *args, **kwargs):
        self.setup_data()
        form = self.form_klaster() if self.klaster else None
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.setup_data()
        if "mulai" in request.POST:
            return self.mulai()
        if self.klaster is None or self.penetapan is None:
            messages.error(request, "Pilih klaster yang akan diisi.")
            return HttpResponseRedirect(url_target(self.puskesmas, self.tahun))
        form = self.form_klaster(request.POST)
        if form is None:  # submitted or signed since the form was opened
            try:
                self.penetapan.pastikan_bisa_diubah()
            except AlurTidakSah as exc:
                messages.error(request, exc.message)
            return HttpResponseRedirect(url_target(self.penetapan))
        if form.is_valid():
            try:
                jumlah = svc.target_klaster_simpan(
                    penetapan=self.penetapan,
                    klaster=self.klaster,
                    nilai=form.nilai(),
                    user=request.user,
                    sidik=form.cleaned_data.get("sidik") or "",  # the form always carries one
                    alasan_beda=form.alasan(),
                )
            except KonflikVersi as exc:
                # The stored targets beside the typed ones; the form now carries their
                # fingerprint, so saving again after comparing goes through.
                sekarang = self.form_klaster()
                konflik_tampilkan(
                    form,
                    pesan=exc.message,
                    token={"sidik": sekarang.initial["sidik"]},
                    tersimpan=sekarang.tersimpan_sekarang,
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    f"{jumlah} target klaster {self.klaster.nomor} ({self.klaster.nama}) tersimpan.",
                )
                return HttpResponseRedirect(url_target(self.penetapan))
        return self.render_to_response(self.get_context_data(form=form), status=200)

    def mulai(self):
        try:
            penetapan = svc.penetapan_mulai(
                puskesmas=self.puskesmas, tahun=self.tahun, user=self.request.user
            )
        except PermissionDenied:
            messages.error(self.request, access.PESAN_DITOLAK)
            return HttpResponseRedirect(url_target(self.puskesmas, self.tahun))
        messages.success(self.request, f"Penyusunan target kinerja tahun {self.tahun} dimulai.")
        return HttpResponseRedirect(url_target(penetapan))

    def form_klaster(self, data=None):
        """The form of ``self.klaster``; 403 when the user may not fill that klaster."""
        if self.penetapan is None:
            return None
        if not svc.boleh_isi_klaster(self.request.user, self.puskesmas, self.klaster.pk):
            raise PermissionDenied(access.PESAN_DITOLAK)
        if not self.penetapan.bisa_diubah:
            return None
        indikator = [i for i in self.indikator if i.klaster_id == self.klaster.pk]
        baris = TargetKinerja.objects.filter(
            penetapan=self.penetapan, indikator__in=indikator
        ).values_list("indikator_id", "target_persen", "alasan_beda")
        tersimpan = {pk: persen for pk, persen, _ in baris}
        alasan = {pk: teks for pk, _, teks in baris}
        form = TargetKlasterForm(
            data,
            indikator=indikator,
            tersimpan=tersimpan,
            alasan=alasan,
            sidik=target_rumus.sidik((i.pk, tersimpan.get(i.pk)) for i in indikator),
        )
        # What is stored now per field (no target yet: empty), for an edit conflict.
        form.tersimpan_sekarang = {
            **{nama_field(i): tersimpan.get(i.pk) for i in indikator},
            **{nama_alasan(i): alasan.get(i.pk, "") for i in indikator},
        }
        return form

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, p = self.request.user, self.puskesmas
        scope = lingkup(user)
        grup = sel.target_per_klaster(penetapan=self.penetapan, indikator=self.indikator)
        boleh = svc.klaster_yang_boleh_diisi(user, p)
        for g in grup:
            g.boleh_diisi = boleh is None or g.klaster.pk in boleh
        # A PJ of a klaster the catalogue gives no indicator (Klaster 1 Manajemen in the
        # default one) is told why there is nothing to fill, instead of seeing no button.
        berindikator = {i.klaster_id for i in self.indikator}
        tanpa_indikator = (
            list(Klaster.objects.filter(pk__in=boleh - berindikator).order_by("nomor"))
            if boleh and self.indikator and boleh - berindikator
            else []
        )
        bisa = self.penetapan is not None and self.penetapan.bisa_diubah

        def hak(aksi):
            return scope.boleh(aksi, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id)

        langkah = []
        if self.penetapan is not None:
            langkah = [
                s for s in PenetapanTarget.alur.tersedia(self.penetapan.status) if hak(s.aksi)
            ]
        ctx.update(
            tahun=self.tahun,
            penetapan=self.penetapan,
            grup=grup,
            jumlah_indikator=len(self.indikator),
            jumlah_terisi=sum(g.jumlah_terisi for g in grup),
            klaster_aktif=self.klaster,
            klaster_tanpa_indikator=tanpa_indikator,
            bisa_diubah=bisa,
            boleh_isi=hak(Aksi.ISI_TARGET) and (boleh is None or bool(boleh)),
            boleh_revisi=(
                self.penetapan is not None
                and self.penetapan.status == StatusAlur.DISAHKAN
                and hak(Aksi.AJUKAN_RENCANA)
            ),
            langkah=langkah,
            form_kembalikan=KembalikanForm(),
            daftar_sk=list(sel.sk_daftar(puskesmas=p, tahun=self.tahun)),
            jejak=list(self.penetapan.jejak()[:10]) if self.penetapan else [],
        )
        return ctx


class _AksiPenetapanMixin(LingkupMixin, SingleObjectMixin):
    """POST-only buttons on a PenetapanTarget: run the service, show its message, go back."""

    model = PenetapanTarget

    def jalankan(self, penetapan):  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            pesan = self.jalankan(self.object)
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        except PermissionDenied as exc:
            messages.error(request, str(exc) or access.PESAN_DITOLAK)
        else:
            if pesan:
                messages.success(request, pesan)
        return HttpResponseRedirect(self.tujuan or url_target(self.object))

    tujuan = None


class PenetapanAlurView(_AksiPenetapanMixin, View):
    """Ajukan (Kepala TU) and Kembalikan with a reason (Kepala Puskesmas)."""

    alur_model = PenetapanTarget

    def jalankan(self, penetapan):
        langkah = self.request.POST.get("langkah")
        user = self.request.user
        if langkah == "ajukan":
            svc.penetapan_ajukan(penetapan=penetapan, user=user)
            return "Target kinerja diajukan kepada Kepala Puskesmas."
        if langkah == "kembalikan":
            svc.penetapan_kembalikan(
                penetapan=penetapan, alasan=self.request.POST.get("alasan", ""), user=user
            )
            return "Target kinerja dikembalikan kepada Tim Perencanaan."
        raise AlurTidakSah("Langkah tidak dikenal.")


class PenetapanRevisiView(_AksiPenetapanMixin, View):
    aksi_tulis = Aksi.AJUKAN_RENCANA

    def jalankan(self, penetapan):
        baru = svc.penetapan_revisi_buat(penetapan=penetapan, user=self.request.user)
        self.tujuan = url_target(baru)
        return (
            f"Revisi {baru.revisi} dibuat dari target yang berlaku. SK lama tetap berlaku "
            "sampai SK revisi ditetapkan."
        )


class TargetSkTetapkanView(LingkupMixin, DetailView):
    """The Kepala Puskesmas signs the SK Target Kinerja: nomor and tanggal."""

    aksi = Aksi.SAHKAN
    model = PenetapanTarget
    template_name = "perencanaan/target_sk_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("puskesmas", "puskesmas__kabupaten")

    def form(self, data=None):
        return TetapkanSKForm(data, tahun=self.object.tahun)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status != StatusAlur.DIAJUKAN:
            messages.warning(
                request,
                f"Target kinerja berstatus «{self.object.get_status_display()}»; SK hanya dapat "
                "ditetapkan setelah target diajukan oleh Tim Perencanaan.",
            )
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.form(request.POST)
        if form.is_valid():
            try:
                sk = svc.sk_target_tetapkan(
                    penetapan=self.object,
                    nomor=form.cleaned_data["nomor"],
                    tanggal=form.cleaned_data["tanggal"],
                    user=request.user,
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"SK Target Kinerja nomor {sk.nomor} ditetapkan.")
                return HttpResponseRedirect(url_target(self.object))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.object.puskesmas
        ctx["puskesmas"] = p
        ctx["grup"] = sel.target_per_klaster(
            penetapan=self.object,
            indikator=sel.katalog(kabupaten=p.kabupaten, tahun=self.object.tahun),
        )
        ctx["url_kembali"] = url_target(self.object)
        return ctx


class TargetDetailView(LingkupMixin, DetailView):
    """One indicator's target with its sasaran per desa."""

    model = TargetKinerja
    template_name = "perencanaan/target_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("indikator", "indikator__klaster", "penetapan__puskesmas", "diisi_oleh")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["puskesmas"] = self.object.penetapan.puskesmas
        ctx["baris_desa"] = sel.target_per_desa(target=self.object)
        ctx["url_kembali"] = url_target(self.object.penetapan)
        return ctx


class TargetSkPdfView(LingkupMixin, DetailView):
    model = SKTargetKinerja

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "penetapan__puskesmas__kabupaten",
                "penetapan__puskesmas__kecamatan",
                "digantikan_oleh",
            )
        )

    def get(self, request, *args, **kwargs):
        sk = self.get_object()
        return pdf_response(
            TEMPLAT_SK,
            konteks_sk(sk),
            nama=nama_sk(sk),
            request=request,
        )


TEMPLAT_SK = "perencanaan/dokumen/sk_target.html"
_CARI = object()  # konteks_sk: look the signature up


def nama_sk(sk: SKTargetKinerja) -> str:
    penetapan = sk.penetapan
    return (
        f"SK Target Kinerja {penetapan.puskesmas.nama} {penetapan.tahun} revisi {penetapan.revisi}"
    )


def konteks_sk(sk: SKTargetKinerja, *, tanda_tangan=_CARI) -> dict:
    """The context of the SK's PDF (one SK, or each SK of a kabupaten's ZIP, whose
    signatures are read at once: ``tanda_tangan``)."""
    return {
        "sk": sk,
        "puskesmas": sk.penetapan.puskesmas,
        "tahun": sk.penetapan.tahun,
        "lampiran": [
            {
                **g,
                "baris": [
                    {**b, "target_teks": target_rumus.format_persen(b.get("target_persen"))}
                    for b in g["baris"]
                ],
            }
            for g in target_rumus.kelompokkan_lampiran(sk.lampiran)
        ],
        "tanda_tangan": tanda_tangan_terakhir(sk) if tanda_tangan is _CARI else tanda_tangan,
    }


class TargetSkKabupatenZipView(PdfBesarMixin, KabupatenMixin, View):
    """Dinkes: every SK Target Kinerja in force of the kabupaten's Puskesmas for the
    selected year, one PDF each, in one ZIP made by a background job."""

    aksi = Aksi.REKAP_KABUPATEN

    def get(self, request, *args, **kwargs):
        tahun = _tahun(request)
        daftar = list(
            SKTargetKinerja.objects.for_user(request.user)
            .filter(
                penetapan__puskesmas__kabupaten=self.kabupaten,
                penetapan__tahun=tahun,
                digantikan_oleh__isnull=True,
            )
            .select_related("penetapan__puskesmas__kabupaten", "penetapan__puskesmas__kecamatan")
            .order_by("penetapan__puskesmas__nama", "pk")
        )
        if not daftar:
            messages.info(
                request, f"Belum ada SK Target Kinerja yang ditandatangani untuk tahun {tahun}."
            )
            return HttpResponseRedirect(
                reverse("perencanaan:tenggat_kepatuhan", args=[self.kabupaten.pk])
            )
        ttd = tanda_tangan_terakhir_banyak(daftar)
        return zip_pdf_response(
            request,
            [
                DokumenZip(
                    f"{sk.penetapan.puskesmas.kode} {nama_sk(sk)}",
                    TEMPLAT_SK,
                    konteks_sk(sk, tanda_tangan=ttd.get(sk.pk)),
                )
                for sk in daftar
            ],
            objek=Rekap(self.kabupaten, "sk-target", tahun),
            nama=f"SK Target Kinerja {self.kabupaten.nama} {tahun}",
        )


class TargetEksporView(PuskesmasMixin, View):
    def get(self, request, *args, **kwargs):
        tahun = _tahun(request)
        penetapan = sel.penetapan_terkini(puskesmas=self.puskesmas, tahun=tahun)
        indikator = sel.katalog(kabupaten=self.puskesmas.kabupaten, tahun=tahun)
        baris = [
            b
            for g in sel.target_per_klaster(penetapan=penetapan, indikator=indikator)
            for b in g.baris
        ]
        templat = replace(
            TEMPLAT_EKSPOR_TARGET, judul=f"Target kinerja {self.puskesmas} tahun {tahun}"
        )
        isi = ekspor_dengan_resource(TargetEksporResource(), baris, templat)
        return xlsx_response(isi, nama=f"Target kinerja {self.puskesmas.nama} {tahun}")


class TargetTemplatView(PuskesmasMixin, View):
    """The import template, pre-filled with the indicators the user may fill in."""

    aksi = Aksi.ISI_TARGET

    def get(self, request, *args, **kwargs):
        tahun = _tahun(request)
        penetapan = sel.penetapan_terkini(puskesmas=self.puskesmas, tahun=tahun)
        boleh = svc.klaster_yang_boleh_diisi(request.user, self.puskesmas)
        indikator = [
            i
            for i in sel.katalog(kabupaten=self.puskesmas.kabupaten, tahun=tahun)
            if boleh is None or i.klaster_id in boleh
        ]
        # Unsaved rows, only to be exported: today's target, else the catalogue's default.
        baris = [
            TargetKinerja(
                indikator=b.indikator,
                target_persen=b.target.target_persen if b.target else b.indikator.target_default,
            )
            for g in sel.target_per_klaster(penetapan=penetapan, indikator=indikator)
            for b in g.baris
        ]
        isi = ekspor_dengan_resource(TargetResource(), baris, svc.TEMPLAT_TARGET)
        return xlsx_response(isi, nama=f"Templat target kinerja {self.puskesmas.nama} {tahun}")


class TargetImporView(PuskesmasMixin, TemplateView):
    aksi = Aksi.ISI_TARGET
    template_name = "perencanaan/target_impor.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImporTargetForm()))

    def post(self, request, *args, **kwargs):
        form = ImporTargetForm(request.POST, request.FILES)
        galat = []
        if form.is_valid():
            tahun = _tahun(request)
            penetapan = sel.penetapan_terkini(puskesmas=self.puskesmas, tahun=tahun)
            if penetapan is None:
                form.add_error(None, svc.PESAN_BELUM_MULAI.format(tahun=tahun))
            else:
                try:
                    jumlah, galat = svc.target_impor(
                        penetapan=penetapan, berkas=form.cleaned_data["berkas"], user=request.user
                    )
                except AlurTidakSah as exc:
                    form.add_error(None, exc.message)
                except PermissionDenied as exc:
                    form.add_error(None, str(exc) or access.PESAN_DITOLAK)
                else:
                    if not galat:
                        messages.success(request, f"{jumlah} target diimpor dan tersimpan.")
                        return HttpResponseRedirect(url_target(penetapan))
        return self.render_to_response(self.get_context_data(form=form, galat=galat))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tahun"] = _tahun(self.request)
        return ctx


class TargetBedaKabupatenView(KabupatenMixin, TemplateView):
    """For the Dinkes, before the SKs are signed: per Puskesmas, the targets that differ from
    the target the Dinkes set in its catalogue, each with the Puskesmas's reason."""

    aksi = Aksi.REKAP_KABUPATEN
    template_name = "perencanaan/target_beda_kabupaten.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = _tahun(self.request)
        daftar = sel.target_beda_kabupaten(
            user=self.request.user, kabupaten=self.kabupaten, tahun=tahun
        )
        ctx.update(
            tahun=tahun,
            daftar=daftar,
            jumlah_beda=sum(len(d.beda) for d in daftar),
            tanpa_alasan=sum(1 for d in daftar for t in d.beda if not t.alasan_beda),
        )
        return ctx
