"""Rencana lima tahunan (Renstra) of a Puskesmas: list, create, edit, workflow."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci
from puskesmas.alat.konflik import konflik_berversi
from puskesmas.alat.mixins import PuskesmasMixin
from puskesmas.services.inti import KonflikVersi

from ..forms.renstra import RenstraBuatForm, RenstraForm, TargetRenstraFormSet, pilihan_katalog
from ..models import RencanaLimaTahunan
from ..services import renstra as services
from ..services.katalog import katalog_untuk


def _boleh(request, aksi, puskesmas) -> bool:
    return lingkup(request.user).boleh(
        aksi, puskesmas_id=puskesmas.pk, kabupaten_id=puskesmas.kabupaten_id
    )


class RenstraListView(PuskesmasMixin, ListView):
    model = RencanaLimaTahunan
    template_name = "perencanaan/renstra_list.html"

    def get_queryset(self):
        return super().get_queryset().annotate(jumlah_target=Count("target"))

    def get_context_data(self, **kwargs):
        kwargs["boleh_susun"] = _boleh(self.request, Aksi.SUSUN_RENCANA, self.puskesmas)
        return super().get_context_data(**kwargs)


class RenstraTambahView(PuskesmasMixin, FormView):
    aksi = Aksi.SUSUN_RENCANA
    form_class = RenstraBuatForm
    template_name = "perencanaan/renstra_buat.html"

    def form_valid(self, form):
        try:
            renstra = services.renstra_buat(
                user=self.request.user, puskesmas=self.puskesmas, **form.cleaned_data
            )
        except services.RenstraGagal as exc:
            form.add_error("tahun_mulai", exc.message)
            return self.form_invalid(form)
        messages.success(
            self.request, f"{renstra} dibuat. Lengkapi indikator dan target tiap tahunnya."
        )
        return redirect("perencanaan:renstra_ubah", self.puskesmas.pk, renstra.pk)


class _RenstraMixin(PuskesmasMixin):
    model = RencanaLimaTahunan

    def url_detail(self):
        return reverse("perencanaan:renstra_detail", args=[self.puskesmas.pk, self.object.pk])


class RenstraDetailView(_RenstraMixin, DetailView):
    template_name = "perencanaan/renstra_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        r = self.object
        scope = lingkup(self.request.user)
        p = self.puskesmas
        ctx.update(
            target_list=r.target.select_related("indikator"),
            tahun_periode=list(range(r.tahun_mulai, r.tahun_selesai + 1)),
            misi_list=[m.strip() for m in r.misi.splitlines() if m.strip()],
            langkah_list=[
                step
                for step in r.alur.tersedia(r.status)
                if scope.boleh(step.aksi, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id)
            ],
            jejak=r.jejak(),
            boleh_susun=r.bisa_diubah and _boleh(self.request, Aksi.SUSUN_RENCANA, p),
        )
        return ctx


class RenstraUbahView(_RenstraMixin, SingleObjectMixin, View):
    aksi = Aksi.SUSUN_RENCANA
    template_name = "perencanaan/renstra_ubah.html"

    def _siapkan(self):
        self.object = self.get_object()
        indikator = katalog_untuk(kabupaten=self.puskesmas.kabupaten, tahun=self.object.tahun_mulai)
        self.katalog, self.pilihan = pilihan_katalog(
            indikator.order_by("klaster__nomor", "urutan", "kode")
        )

    def _formset(self, data=None):
        return TargetRenstraFormSet(
            data,
            instance=self.object,
            queryset=self.object.target.select_related("indikator"),
            form_kwargs={"katalog": self.katalog, "pilihan": self.pilihan},
        )

    def _tampil(self, form, formset):
        return render(
            self.request,
            self.template_name,
            {
                "puskesmas": self.puskesmas,
                "object": self.object,
                "form": form,
                "formset": formset,
                "tahun_periode": list(
                    range(self.object.tahun_mulai, self.object.tahun_selesai + 1)
                ),
            },
        )

    def _terkunci(self):
        try:
            self.object.pastikan_bisa_diubah()
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
            return HttpResponseRedirect(self.url_detail())
        return None

    def get(self, request, *args, **kwargs):
        self._siapkan()
        return self._terkunci() or self._tampil(RenstraForm(instance=self.object), self._formset())

    def post(self, request, *args, **kwargs):
        self._siapkan()
        terkunci = self._terkunci()
        if terkunci:
            return terkunci
        form = RenstraForm(request.POST, instance=self.object)
        formset = self._formset(request.POST)
        if form.is_valid() and formset.is_valid():
            renstra = form.save(commit=False)
            simpan = formset.save(commit=False)
            try:
                services.renstra_simpan(
                    user=request.user,
                    renstra=renstra,
                    versi=form.cleaned_data["versi"],
                    target_simpan=simpan,
                    target_hapus=formset.deleted_objects,
                )
            except KonflikVersi as exc:
                konflik_berversi(form, pesan=exc.message, instance=renstra)
            except DokumenTerkunci as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"{renstra} tersimpan.")
                return HttpResponseRedirect(self.url_detail())
        return self._tampil(form, formset)


class RenstraLangkahView(_RenstraMixin, SingleObjectMixin, View):
    """Ajukan, kembalikan (with a reason) or sahkan. POST only."""

    alur_model = RencanaLimaTahunan

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        langkah = request.POST.get("langkah", "")
        try:
            hasil = services.renstra_jalankan(
                user=request.user,
                renstra=self.object,
                langkah=langkah,
                catatan=request.POST.get("catatan", ""),
            )
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{hasil} kini berstatus «{hasil.get_status_display()}».")
        return HttpResponseRedirect(self.url_detail())
