"""Progress page of a background job (see ``puskesmas.alat.latar``)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import DetailView

from ..alat.pemulihan import tugas_ulangi
from ..models import TugasLatar


class TugasLatarView(DetailView):
    """Progress of a background job; the bar refreshes itself with htmx until it ends."""

    model = TugasLatar
    template_name = "puskesmas/tugas_latar.html"

    def get_queryset(self):
        return TugasLatar.objects.for_user(self.request.user)

    def get_template_names(self):
        if self.request.htmx:
            return ["puskesmas/_tugas_progres.html"]
        return [self.template_name]


class TugasLatarUlangView(View):
    """POST only: queue the owner's failed job again and go back to its page."""

    model = TugasLatar
    http_method_names = ["post"]

    def post(self, request, pk):
        tugas = get_object_or_404(TugasLatar.objects.for_user(request.user), pk=pk)
        if tugas_ulangi(tugas_id=tugas.pk, user=request.user):
            messages.success(request, "Proses dijalankan kembali.")
        else:
            messages.warning(request, "Proses ini tidak dapat diulang karena tidak sedang gagal.")
        return redirect("tugas_latar", pk=tugas.pk)
