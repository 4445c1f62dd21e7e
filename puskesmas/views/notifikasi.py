"""A user's notifications: the list and marking them read."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import ListView

from ..models import Notifikasi
from ..services import inti as services


class NotifikasiListView(ListView):
    template_name = "puskesmas/notifikasi_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Notifikasi.objects.for_user(self.request.user)


class NotifikasiBacaView(View):
    model = Notifikasi

    def post(self, request, pk=None):
        if pk is not None:
            notifikasi = get_object_or_404(Notifikasi.objects.for_user(request.user), pk=pk)
            services.notifikasi_tandai_dibaca(user=request.user, notifikasi_id=notifikasi.pk)
            if notifikasi.tautan.startswith("/"):
                return HttpResponseRedirect(notifikasi.tautan)
        else:
            services.notifikasi_tandai_dibaca(user=request.user)
            messages.success(request, "Semua notifikasi ditandai sudah dibaca.")
        return redirect("notifikasi_list")
