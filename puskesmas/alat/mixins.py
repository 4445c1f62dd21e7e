"""The view side of tenancy. Every view of the project uses one of these mixins.

* ``LingkupMixin``: a view over a scoped model. Its queryset is ``for_user`` (out of
  scope = 404); its object must allow the request's capabilities (else 403).
* ``PuskesmasMixin``: a view under ``/puskesmas/<puskesmas_pk>/``. It resolves the
  Puskesmas inside the user's scope (else 404), checks the request's capabilities on it
  (else 403), and narrows the view's queryset to that Puskesmas.
* ``KabupatenMixin``: the same under ``/kabupaten/<kabupaten_pk>/``.

A view declares what it needs (``aksi_diperlukan`` reads the declaration, the mixins
enforce it, and the URL matrix test checks it against ``access.HAK``):

* ``aksi``: needed for every request (to open the page at all);
* ``aksi_tulis``: needed in addition by a state-changing request (POST), when the page
  itself may be read with less (the targets page: read by everyone, saved by planners);
* ``alur_model``: a workflow view. A POST names a step of ``alur_model.alur`` in
  ``langkah`` and needs that step's capability (ajukan, sahkan, kirim need different ones).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404

from ..models import Puskesmas
from ..services.inti import KonflikVersi, simpan_berversi
from . import access
from .access import Aksi
from .alur import AlurTidakSah
from .konflik import konflik_berversi

METODE_AMAN = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def aksi_diperlukan(view, method: str, data) -> list[Aksi]:
    """The capabilities a ``method`` request with POST ``data`` to ``view`` (a view class or
    instance) needs, from the view's declaration (see the module docstring)."""
    perlu = [getattr(view, "aksi", None) or Aksi.LIHAT]
    if method.upper() in METODE_AMAN:
        return perlu
    if getattr(view, "aksi_tulis", None) is not None:
        perlu.append(view.aksi_tulis)
    model = getattr(view, "alur_model", None)
    if model is not None:
        try:
            perlu.append(model.alur.langkah(data.get("langkah", "")).aksi)
        except AlurTidakSah:
            pass  # no such step: the view answers with its own message, nothing changes
    return perlu


class _AksiMixin:
    aksi: Aksi = Aksi.LIHAT
    aksi_tulis: Aksi | None = None
    alur_model = None

    def wajib_aksi(self, obj) -> None:
        """403 unless the user holds every capability this request needs on ``obj``."""
        request = self.request
        for aksi in aksi_diperlukan(self, request.method, request.POST):
            access.wajib(request.user, aksi, obj)


class LingkupMixin(_AksiMixin):
    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        self.wajib_aksi(obj)
        return obj


class PuskesmasMixin(_AksiMixin):
    puskesmas_kwarg = "puskesmas_pk"

    def dispatch(self, request, *args, **kwargs):
        self.puskesmas = get_object_or_404(
            Puskesmas.objects.for_user(request.user).select_related("kabupaten", "kecamatan"),
            pk=kwargs[self.puskesmas_kwarg],
        )
        self.wajib_aksi(self.puskesmas)
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
    turn a lost race into a form error that keeps what the user typed, shows the stored
    values beside it and lets a second save go through (``alat.konflik``)."""

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
            konflik_berversi(form, pesan=exc.message, instance=instance)
            return self.form_invalid(form)
        form.save_m2m()
        messages.success(self.request, self.pesan_sukses)
        from django.http import HttpResponseRedirect

        return HttpResponseRedirect(self.get_success_url())


class KabupatenMixin(_AksiMixin):
    """Views under ``/kabupaten/<kabupaten_pk>/``: kabupaten-level data (catalogue, due dates).

    The kabupaten must be visible to the user (Dinkes of it, or staff of a Puskesmas in it;
    else 404) and the user must hold the request's capabilities there (else 403). Reading
    (``LIHAT``) needs only the visibility: staff of a Puskesmas read their kabupaten's data.
    """

    kabupaten_kwarg = "kabupaten_pk"

    def dispatch(self, request, *args, **kwargs):
        from ..models import Kabupaten

        self.kabupaten = get_object_or_404(
            Kabupaten.objects.for_user(request.user).select_related("provinsi"),
            pk=kwargs[self.kabupaten_kwarg],
        )
        for aksi in aksi_diperlukan(self, request.method, request.POST):
            if aksi != Aksi.LIHAT:
                access.wajib(request.user, aksi, self.kabupaten)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        qs = super().get_queryset().for_user(self.request.user)
        path = self.model.tenant_kabupaten_path
        return qs.filter(**{path or "pk": self.kabupaten})

    def get_context_data(self, **kwargs):
        kwargs.setdefault("kabupaten", self.kabupaten)
        return super().get_context_data(**kwargs)
