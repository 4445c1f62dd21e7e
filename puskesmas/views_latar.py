"""Retrying a background job that failed because its worker died."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from .models import TugasLatar
from .pemulihan import tugas_ulangi


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
