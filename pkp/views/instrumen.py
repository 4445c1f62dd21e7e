"""The PKP instrument of a year: the national default, a kabupaten's copy, and the edits of
its admin (variable texts, confirming a doubtful row, thresholds).

Dinkes (verifikator and admin) read it under the kabupaten and its admin edits it; staff
of a Puskesmas read their kabupaten's from their Puskesmas's pages; everyone signed in
reads the national default, which only the admin nasional edits (its rows have no
kabupaten, so ``for_user`` hides them from everyone else's object pages).
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from perencanaan.views.katalog import tahun_dari
from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.dokumen import xlsx_response
from puskesmas.alat.mixins import (
    KabupatenMixin,
    LingkupMixin,
    PuskesmasMixin,
    SimpanBerversiMixin,
)

from ..forms.instrumen import (
    AmbangForm,
    ImporInstrumenForm,
    IndikatorMutuForm,
    IndikatorMutuTambahForm,
    IndikatorPelayananForm,
    IndikatorPelayananTambahForm,
    KelompokTambahForm,
    VariabelForm,
    VariabelTambahForm,
)
from ..models import IndikatorMutu, IndikatorPelayanan, Instrumen, VariabelManajemen
from ..resources.instrumen import BUKU_INSTRUMEN
from ..selectors import instrumen as selectors
from ..services import instrumen as services
from ..services import instrumen_baris as baris_svc


def url_instrumen(instrumen: Instrumen, anchor: str = "") -> str:
    """The tree page of ``instrumen`` (national or a kabupaten's)."""
    if instrumen.nasional:
        url = reverse("pkp:instrumen_nasional")
    else:
        url = reverse("pkp:instrumen", args=[instrumen.kabupaten_id])
    return f"{url}?tahun={instrumen.tahun}" + (f"#{anchor}" if anchor else "")


def _konteks_pohon(instrumen: Instrumen | None) -> dict:
    if instrumen is None:
        return {"instrumen": None, "pohon": None}
    return {"instrumen": instrumen, "pohon": selectors.pohon(instrumen)}


class InstrumenKabupatenView(KabupatenMixin, TemplateView):
    aksi = Aksi.REKAP_KABUPATEN
    template_name = "pkp/instrumen.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_dari(self.request)
        instrumen = selectors.instrumen_kabupaten(kabupaten=self.kabupaten, tahun=tahun)
        boleh_kelola = lingkup(self.request.user).boleh(
            Aksi.KELOLA_INSTRUMEN_PKP, puskesmas_id=None, kabupaten_id=self.kabupaten.pk
        )
        # Copying is an explicit POST; a visit never creates the instrument.
        standar = None if instrumen else selectors.instrumen_nasional(tahun=tahun)
        ctx.update(
            _konteks_pohon(instrumen),
            tahun=tahun,
            boleh_kelola=boleh_kelola,
            standar=standar,
        )
        return ctx


class InstrumenPuskesmasView(PuskesmasMixin, TemplateView):
    """The instrument of the Puskesmas's kabupaten, read-only, for its staff."""

    template_name = "pkp/instrumen.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_dari(self.request)
        instrumen = selectors.instrumen_kabupaten(kabupaten=self.puskesmas.kabupaten, tahun=tahun)
        ctx.update(
            _konteks_pohon(instrumen),
            tahun=tahun,
            kabupaten=self.puskesmas.kabupaten,
            boleh_kelola=False,
        )
        return ctx


class InstrumenNasionalView(TemplateView):
    """The national default of a year: read by everyone, edited by the admin nasional."""

    aksi = Aksi.LIHAT
    template_name = "pkp/instrumen.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_dari(self.request)
        ctx.update(
            _konteks_pohon(selectors.instrumen_nasional(tahun=tahun)),
            tahun=tahun,
            nasional=True,
            tahun_lain=selectors.tahun_nasional(),
            boleh_kelola=lingkup(self.request.user).nasional,
        )
        return ctx


class InstrumenSalinView(KabupatenMixin, View):
    """Copy the national default of the year for the kabupaten. POST only."""

    aksi = Aksi.KELOLA_INSTRUMEN_PKP

    def post(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        try:
            services.instrumen_salin(user=request.user, kabupaten=self.kabupaten, tahun=tahun)
        except services.InstrumenGagal as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"Standar nasional tahun {tahun} disalin untuk {self.kabupaten}. "
                "Tinjau variabel yang ditandai «perlu ditinjau».",
            )
        url = reverse("pkp:instrumen", args=[self.kabupaten.pk])
        return HttpResponseRedirect(f"{url}?tahun={tahun}")


class _BagianInstrumenMixin(LingkupMixin):
    aksi = Aksi.KELOLA_INSTRUMEN_PKP

    def instrumen_dari(self, obj) -> Instrumen:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        instrumen = self.instrumen_dari(self.object)
        kwargs.update(instrumen=instrumen, url_kembali=url_instrumen(instrumen))
        return super().get_context_data(**kwargs)


class VariabelUbahView(_BagianInstrumenMixin, SimpanBerversiMixin, UpdateView):
    model = VariabelManajemen
    form_class = VariabelForm
    template_name = "pkp/variabel_form.html"
    pesan_sukses = "Teks variabel tersimpan."

    def get_queryset(self):
        return super().get_queryset().select_related("komponen__instrumen__kabupaten")

    def instrumen_dari(self, obj) -> Instrumen:
        return obj.komponen.instrumen

    def get_success_url(self):
        return url_instrumen(self.instrumen_dari(self.object), f"variabel-{self.object.pk}")


class VariabelKonfirmasiView(_BagianInstrumenMixin, SingleObjectMixin, View):
    """The admin confirms a doubtful row after reviewing it. POST only."""

    model = VariabelManajemen

    def post(self, request, *args, **kwargs):
        variabel = self.get_object()
        try:
            variabel = services.variabel_konfirmasi(user=request.user, variabel=variabel)
        except services.InstrumenGagal as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Variabel {variabel.kode} dikonfirmasi sudah ditinjau.")
        instrumen = Instrumen.objects.get(komponen_manajemen__variabel=variabel)
        return HttpResponseRedirect(url_instrumen(instrumen, f"variabel-{variabel.pk}"))


class AmbangUbahView(_BagianInstrumenMixin, SimpanBerversiMixin, UpdateView):
    model = Instrumen
    form_class = AmbangForm
    template_name = "pkp/ambang_form.html"
    pesan_sukses = "Batas kelompok tersimpan."

    def instrumen_dari(self, obj) -> Instrumen:
        return obj

    def get_success_url(self):
        return url_instrumen(self.object, "ambang")


class _IndikatorUbahView(_BagianInstrumenMixin, SimpanBerversiMixin, UpdateView):
    template_name = "pkp/indikator_form.html"
    pesan_sukses = "Indikator tersimpan."

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instrumen": self.instrumen_dari(self.object)}

    def get_success_url(self):
        return url_instrumen(self.instrumen_dari(self.object), self.anchor)


class IndikatorPelayananUbahView(_IndikatorUbahView):
    model = IndikatorPelayanan
    form_class = IndikatorPelayananForm
    anchor = "pelayanan"

    def get_queryset(self):
        return super().get_queryset().select_related("kelompok__instrumen__kabupaten")

    def instrumen_dari(self, obj) -> Instrumen:
        return obj.kelompok.instrumen


class IndikatorMutuUbahView(_IndikatorUbahView):
    model = IndikatorMutu
    form_class = IndikatorMutuForm
    anchor = "mutu"

    def get_queryset(self):
        return super().get_queryset().select_related("instrumen__kabupaten")

    def instrumen_dari(self, obj) -> Instrumen:
        return obj.instrumen


# --- Excel, and adding or removing rows -------------------------------------------------


class _InstrumenObjekMixin(LingkupMixin, SingleObjectMixin):
    """Pages of one instrument by its pk (national or a kabupaten's; out of scope = 404)."""

    model = Instrumen

    def get_queryset(self):
        return super().get_queryset().select_related("kabupaten")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.object = self.instrumen = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.update(instrumen=self.instrumen, url_kembali=url_instrumen(self.instrumen))
        return super().get_context_data(**kwargs)


class InstrumenEksporView(_InstrumenObjekMixin, View):
    """The whole instrument as one workbook; whoever reads the instrument may download it."""

    def get(self, request, *args, **kwargs):
        ins = self.instrumen
        pemilik = "nasional" if ins.nasional else ins.kabupaten.nama
        return xlsx_response(
            selectors.instrumen_xlsx(ins), nama=f"instrumen-pkp-{pemilik}-{ins.tahun}"
        )


class InstrumenImporView(_InstrumenObjekMixin, TemplateView):
    aksi = Aksi.KELOLA_INSTRUMEN_PKP
    template_name = "pkp/instrumen_impor.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImporInstrumenForm())
        kwargs.setdefault("buku", BUKU_INSTRUMEN)
        kwargs.setdefault("terkunci", selectors.penilaian_terkunci(self.instrumen))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = ImporInstrumenForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        hasil = baris_svc.instrumen_impor(
            user=request.user, instrumen=self.instrumen, berkas=form.cleaned_data["berkas"]
        )
        if not hasil.sah:
            return self.render_to_response(self.get_context_data(form=form, galat=hasil.galat))
        messages.success(
            request,
            f"Impor selesai: {hasil.dibuat} baris ditambahkan, {hasil.diubah} diperbarui, "
            f"{hasil.dihapus} dihapus.",
        )
        return HttpResponseRedirect(url_instrumen(self.instrumen))


class _TambahView(_InstrumenObjekMixin, FormView):
    """Add one row to the instrument; the form's instance is placed by the service."""

    aksi = Aksi.KELOLA_INSTRUMEN_PKP
    template_name = "pkp/baris_tambah.html"
    judul = ""
    anchor = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs() | {"instrumen": self.instrumen}
        kwargs["instance"] = self.instance_baru()
        return kwargs

    def instance_baru(self):
        return self.form_class._meta.model()

    def get_context_data(self, **kwargs):
        kwargs.setdefault("judul", self.judul)
        return super().get_context_data(**kwargs)

    def simpan(self, form):
        return baris_svc.baris_tambah(user=self.request.user, obj=form.save(commit=False))

    def form_valid(self, form):
        try:
            obj = self.simpan(form)
        except services.InstrumenGagal as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.judul} tersimpan: {obj}.")
        return HttpResponseRedirect(url_instrumen(self.instrumen, self.anchor))


class PelayananTambahView(_TambahView):
    form_class = IndikatorPelayananTambahForm
    judul = "Indikator kinerja pelayanan"
    anchor = "pelayanan"

    def get_initial(self):
        kelompok = self.request.GET.get("kelompok")
        return {"kelompok": kelompok} if kelompok and kelompok.isdigit() else {}


class MutuTambahView(_TambahView):
    form_class = IndikatorMutuTambahForm
    judul = "Indikator mutu pelayanan"
    anchor = "mutu"

    def instance_baru(self):
        return IndikatorMutu(instrumen=self.instrumen)


class VariabelTambahView(_TambahView):
    form_class = VariabelTambahForm
    judul = "Variabel kinerja manajemen"
    anchor = "manajemen"


class KelompokTambahView(_TambahView):
    form_class = KelompokTambahForm
    judul = "Klaster/program"
    anchor = "pelayanan"

    def simpan(self, form):
        return baris_svc.kelompok_tambah(
            user=self.request.user,
            instrumen=self.instrumen,
            nama=form.cleaned_data["nama"],
            klaster=form.cleaned_data["klaster"],
        )


class _HapusView(_BagianInstrumenMixin, DetailView):
    """Confirm, then remove one row; refused once an assessment uses it."""

    template_name = "pkp/baris_hapus.html"
    anchor = ""

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        instrumen = self.instrumen_dari(self.object)
        try:
            baris_svc.baris_hapus(user=request.user, obj=self.object)
        except services.InstrumenGagal as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{self.object.kode} dihapus dari instrumen.")
        return HttpResponseRedirect(url_instrumen(instrumen, self.anchor))


class PelayananHapusView(_HapusView):
    model = IndikatorPelayanan
    anchor = "pelayanan"

    def get_queryset(self):
        return super().get_queryset().select_related("kelompok__instrumen__kabupaten")

    def instrumen_dari(self, obj) -> Instrumen:
        return obj.kelompok.instrumen


class MutuHapusView(_HapusView):
    model = IndikatorMutu
    anchor = "mutu"

    def get_queryset(self):
        return super().get_queryset().select_related("instrumen__kabupaten")

    def instrumen_dari(self, obj) -> Instrumen:
        return obj.instrumen


class VariabelHapusView(_HapusView):
    model = VariabelManajemen
    anchor = "manajemen"

    def get_queryset(self):
        return super().get_queryset().select_related("komponen__instrumen__kabupaten")

    def instrumen_dari(self, obj) -> Instrumen:
        return obj.komponen.instrumen
