"""RPK realisation: the month of one klaster (entered by its PJ), and plan against
realisation for the year per activity and per funding source."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.views.generic import TemplateView

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, StatusAlur
from puskesmas.alat.mixins import PuskesmasMixin
from puskesmas.models import Klaster
from puskesmas.views.beranda import tahun_terpilih

from ..forms.realisasi import BarisRealisasiForm
from ..kalender import BULAN_NAMA
from ..selectors import realisasi as selectors
from ..services import realisasi as services


def _int(nilai, bawaan=None):
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return bawaan


class RealisasiBulanView(PuskesmasMixin, TemplateView):
    template_name = "lokmin/realisasi_bulan.html"
    aksi_tulis = Aksi.LAPOR_KLASTER

    def _pilihan(self):
        req = self.request
        bulan = _int(req.GET.get("bulan") or req.POST.get("bulan"), timezone.localdate().month)
        bulan = bulan if 1 <= bulan <= 12 else 1
        klaster_id = _int(req.GET.get("klaster") or req.POST.get("klaster"))
        return bulan, klaster_id

    def _baris(self, bulan, klaster_id):
        rpk = selectors.rpk_tahun(
            puskesmas=self.puskesmas, tahun=tahun_terpilih(self.request), user=self.request.user
        )
        return rpk, selectors.realisasi_bulan(
            rpk=rpk, bulan=bulan, klaster_id=klaster_id, semua_kegiatan=True
        )

    def get_context_data(self, forms=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        bulan, klaster_id = self._pilihan()
        rpk, kelompok = self._baris(bulan, klaster_id)
        klaster_boleh = access.klaster_diizinkan(self.request.user, self.puskesmas)
        boleh = (
            rpk is not None
            and rpk.status == StatusAlur.DISAHKAN
            and access.boleh(self.request.user, Aksi.LAPOR_KLASTER, self.puskesmas)
        )
        for grup in kelompok:
            for b in grup.baris:
                r = b.realisasi
                awal = (
                    {
                        "terlaksana": "1" if r.terlaksana else "0",
                        "volume": r.volume,
                        "biaya": r.biaya,
                        "alasan": r.alasan,
                    }
                    if r
                    else {}
                )
                b.form = (forms or {}).get(b.kegiatan.pk) or BarisRealisasiForm(
                    prefix=f"k{b.kegiatan.pk}", initial=awal
                )
                b.boleh = boleh and (
                    klaster_boleh is None or b.kegiatan.klaster_id in klaster_boleh
                )
        ctx.update(
            tahun=tahun_terpilih(self.request),
            rpk=rpk,
            kelompok=kelompok,
            bulan=bulan,
            nama_bulan=BULAN_NAMA[bulan - 1],
            daftar_bulan=list(enumerate(BULAN_NAMA, 1)),
            daftar_klaster=Klaster.objects.order_by("nomor"),
            klaster_id=klaster_id,
            boleh=boleh,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        bulan, klaster_id = self._pilihan()
        rpk, kelompok = self._baris(bulan, klaster_id)
        url = f"{request.path}?bulan={bulan}" + (f"&klaster={klaster_id}" if klaster_id else "")
        if rpk is None:
            return HttpResponseRedirect(url)
        klaster_boleh = access.klaster_diizinkan(request.user, self.puskesmas)
        forms, baris, salah = {}, [], False
        for grup in kelompok:
            for b in grup.baris:
                if klaster_boleh is not None and b.kegiatan.klaster_id not in klaster_boleh:
                    continue
                f = BarisRealisasiForm(request.POST, prefix=f"k{b.kegiatan.pk}")
                forms[b.kegiatan.pk] = f
                if f.is_valid():
                    baris.append({"kegiatan": b.kegiatan, **f.cleaned_data})
                else:
                    salah = True
        if not salah:
            try:
                n = services.realisasi_simpan(rpk=rpk, bulan=bulan, baris=baris, user=request.user)
            except AlurTidakSah as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"Realisasi {n} kegiatan tersimpan.")
                return HttpResponseRedirect(url)
        else:
            messages.error(request, "Periksa isian yang ditandai.")
        return self.render_to_response(self.get_context_data(forms=forms))


class RealisasiRekapView(PuskesmasMixin, TemplateView):
    template_name = "lokmin/realisasi_rekap.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_terpilih(self.request)
        rpk = selectors.rpk_tahun(puskesmas=self.puskesmas, tahun=tahun, user=self.request.user)
        baris, sumber = selectors.rekap_tahun(rpk=rpk)
        ctx.update(tahun=tahun, rpk=rpk, baris=baris, sumber=sumber)
        return ctx
