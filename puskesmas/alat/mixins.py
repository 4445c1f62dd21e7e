"""The view side of tenancy. Every view of the project uses one of these two mixins.

* ``LingkupMixin``: a view over a scoped model. Its queryset is ``for_user`` (out of
  scope = 404); its object must allow ``aksi`` (else 403).
* ``PuskesmasMixin``: a view under ``/puskesmas/<puskesmas_pk>/``. It resolves the
  Puskesmas inside the user's scope (else 404), checks ``aksi`` on it (else 403), and
  narrows the view's queryset to that Puskesmas.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404

from ..models import Puskesmas
from ..services.inti import KonflikVersi, simpan_berversi
from . import access
from .access import Aksi


class LingkupMixin:
    aksi: Aksi = Aksi.LIHAT

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        access.wajib(self.request.user, self.aksi, obj)
        return obj


class PuskesmasMixin:
    aksi: Aksi = Aksi.LIHAT
    puskesmas_kwarg = "puskesmas_pk"

    def dispatch(self, request, *args, **kwargs):
        self.puskesmas = get_object_or_404(
            Puskesmas.objects.for_user(request.user).select_related("kabupaten", "kecamatan"),
            pk=kwargs[self.puskesmas_kwarg],
        )
        access.wajib(request.user, self.aksi, self.puskesmas)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        qs = super().get_queryset().for_user(self.request.user)
        path = self.model.tenant_puskesmas_path
        return qs.filter(**{path or "pk": self.puskesmas})

    def get_context_data(self, **kwargs):
        kwargs.setdefault("puskesmas", self.puskesmas)
        return super().get_context_data(**kwargs)


class SimpanBerversiMixin:
    """Create/update views of ``Berversi`` models: save through ``simpan_berversi`` and
    turn a lost race into a form error that keeps what the user typed."""

    pesan_sukses = "Perubahan tersimpan."

    def simpan(self, form):
        """Fill in what the form does not carry (the owning Puskesmas, say)."""
        return form.save(commit=False)

    def form_valid(self, form):
        instance = self.simpan(form)
        try:
            self.object = simpan_berversi(
                instance=instance,
                versi=form.cleaned_data.get("versi"),
                user=self.request.user,
                aksi=self.aksi,
            )
        except KonflikVersi as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        form.save_m2m()
        messages.success(self.request, self.pesan_sukses)
        from django.http import HttpResponseRedirect

        return HttpResponseRedirect(self.get_success_url())


class KabupatenMixin:
    """Views under ``/kabupaten/<kabupaten_pk>/``: kabupaten-level data (catalogue, due dates).

    The kabupaten must be visible to the user (Dinkes of it, or staff of a Puskesmas in it;
    else 404) and the user must hold ``aksi`` there (else 403).
    """

    aksi: Aksi = Aksi.LIHAT
    kabupaten_kwarg = "kabupaten_pk"

    def dispatch(self, request, *args, **kwargs):
        from ..models import Kabupaten

        self.kabupaten = get_object_or_404(
            Kabupaten.objects.for_user(request.user).select_related("provinsi"),
            pk=kwargs[self.kabupaten_kwarg],
        )
        if self.aksi != Aksi.LIHAT:
            access.wajib(request.user, self.aksi, self.kabupaten)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        qs = super().get_queryset().for_user(self.request.user)
        path = self.model.tenant_kabupaten_path
        return qs.filter(**{path or "pk": self.kabupaten})

    def get_context_data(self, **kwargs):
        kwargs.setdefault("kabupaten", self.kabupaten)
        return super().get_context_data(**kwargs)
