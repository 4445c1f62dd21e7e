"""PWS pages: the monthly grid of one klaster, the Puskesmas dashboard, the kabupaten page."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from perencanaan.views.katalog import tahun_dari
from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.angka import baca_angka
from puskesmas.alat.dokumen import xlsx_response
from puskesmas.alat.impor import buat_xlsx
from puskesmas.alat.konflik import konflik_tampilkan
from puskesmas.alat.mixins import KabupatenMixin, PuskesmasMixin
from puskesmas.forms.inti import BerkasExcelForm
from puskesmas.models import Klaster
from puskesmas.services.inti import KonflikVersi

from . import pws
from .forms.pws import GridPWSForm
from .grafik_pws import grafik_pws
from .resources_pws import templat_pws
from .selectors_pws import (
    NAMA_BULAN,
    grid_pws,
    indikator_pws,
    kelengkapan,
    pws_kabupaten,
    tabel_pws,
)
from .services_pws import PeringatanPWS, lembar_pws_simpan, pws_impor

PESAN_BUKAN_BILANGAN = "Isi dengan bilangan bulat 0 atau lebih, misalnya 12."
PESAN_TERSIMPAN = "Data PWS tersimpan."
PESAN_ADA_GALAT = "Data belum tersimpan: periksa sel yang ditandai."
PESAN_KONFIRMASI = "Data belum tersimpan: konfirmasi nilai yang ditandai, atau perbaiki nilainya."


def _bulan_dari(request, tahun: int) -> int:
    nilai = request.POST.get("bulan") or request.GET.get("bulan")
    try:
        bulan = int(nilai)
    except (TypeError, ValueError):
        hari_ini = date.today()
        if tahun < hari_ini.year:
            return 12
        return max(hari_ini.month - 1, 1)
    return bulan if 1 <= bulan <= 12 else 1


class _PwsMixin:
    @property
    def tahun(self) -> int:
        return tahun_dari(self.request)

    @property
    def bulan(self) -> int:
        return _bulan_dari(self.request, self.tahun)

    def klaster_dipilih(self, daftar):
        nilai = self.request.POST.get("klaster") or self.request.GET.get("klaster")
        pilihan = {k.pk: k for k in daftar}
        try:
            return pilihan[int(nilai)]
        except (TypeError, ValueError, KeyError):
            diizinkan = access.klaster_diizinkan(self.request.user, self.puskesmas)
            milik = [k for k in daftar if diizinkan is None or k.pk in diizinkan]
            return (milik or daftar)[0]

    def konteks_periode(self):
        return {
            "tahun": self.tahun,
            "bulan": self.bulan,
            "nama_bulan": NAMA_BULAN[self.bulan - 1],
            "batas_isi": pws.batas_isi(self.tahun, self.bulan),
            "pilihan_bulan": list(enumerate(NAMA_BULAN, start=1)),
        }


class PwsIsiView(_PwsMixin, PuskesmasMixin, TemplateView):
    """The grid: every desa × the PWS indicators of one klaster for one month."""

    template_name = "lokmin/pws/isi.html"
    aksi_tulis = Aksi.ISI_PWS

    def get_context_data(self, grid=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        daftar = list(Klaster.objects.order_by("nomor"))
        klaster = self.klaster_dipilih(daftar)
        if grid is None:
            grid = grid_pws(
                puskesmas=self.puskesmas, tahun=self.tahun, bulan=self.bulan, klaster_id=klaster.pk
            )
            for sel in grid.sel.values():
                sel.teks = "" if sel.nilai is None else str(sel.nilai.nilai)
                sel.galat, sel.alasan, sel.tersimpan_lain = [], [], None
                sel.tindak_lanjut = bool(sel.nilai and sel.nilai.tindak_lanjut)
        diizinkan = access.klaster_diizinkan(self.request.user, self.puskesmas)
        ctx.update(
            self.konteks_periode(),
            grid=grid,
            klaster=klaster,
            daftar_klaster=daftar,
            boleh_isi=access.boleh(self.request.user, Aksi.ISI_PWS, self.puskesmas)
            and (diizinkan is None or klaster.pk in diizinkan),
        )
        return ctx

    def konflik(self, grid, klaster, nilai, versi, pesan: str) -> dict:
        """A save refused because the sheet was saved since: the typed grid stays, the
        cells stored differently now are listed beside the typed ones (and under each cell),
        and the sheet's current version is carried so a second save goes through."""
        sekarang = grid_pws(
            puskesmas=self.puskesmas,
            tahun=self.tahun,
            bulan=self.bulan,
            klaster_id=klaster.pk,
        )
        form = GridPWSForm.dari_isian(grid=sekarang, nilai=nilai, versi=versi)
        konflik_tampilkan(
            form,
            pesan=pesan,
            token={"versi": sekarang.lembar.versi if sekarang.lembar else ""},
            tersimpan={s.nama: s.nilai.nilai if s.nilai else None for s in sekarang.sel.values()},
        )
        form.konflik = [b for b in form.konflik if b.beda]
        beda = {b.nama: b.tersimpan for b in form.konflik}
        for kunci, sel in grid.sel.items():
            sel.tersimpan_lain = beda.get(sel.nama)
            baru = sekarang.sel.get(kunci)
            sel.nilai = baru.nilai if baru else sel.nilai
        grid.lembar = sekarang.lembar
        messages.error(self.request, pesan)
        return self.get_context_data(grid=grid, form=form)

    def post(self, request, *args, **kwargs):
        daftar = list(Klaster.objects.order_by("nomor"))
        klaster = self.klaster_dipilih(daftar)
        access.wajib_klaster(request.user, self.puskesmas, klaster.pk)
        grid = grid_pws(
            puskesmas=self.puskesmas, tahun=self.tahun, bulan=self.bulan, klaster_id=klaster.pk
        )
        nilai, konfirmasi, tindak_lanjut, ada_galat = {}, set(), set(), False
        for kunci, sel in grid.sel.items():
            sel.teks = request.POST.get(sel.nama, "").strip()
            sel.galat, sel.alasan, sel.tersimpan_lain = [], [], None
            sel.tindak_lanjut = f"t-{sel.nama}" in request.POST
            if f"k-{sel.nama}" in request.POST:
                konfirmasi.add(kunci)
            if sel.tindak_lanjut:
                tindak_lanjut.add(kunci)
            if not sel.teks:
                nilai[kunci] = None
                continue
            angka = baca_angka(sel.teks)
            if angka is None or angka < 0 or angka != angka.to_integral_value():
                sel.galat.append(PESAN_BUKAN_BILANGAN)
                ada_galat = True
                continue
            nilai[kunci] = int(angka)
        if ada_galat:
            messages.error(request, PESAN_ADA_GALAT)
            return self.render_to_response(self.get_context_data(grid=grid))
        try:
            versi = int(request.POST.get("versi", ""))
        except ValueError:
            versi = None
        try:
            lembar_pws_simpan(
                user=request.user,
                puskesmas=self.puskesmas,
                tahun=self.tahun,
                bulan=self.bulan,
                klaster_id=klaster.pk,
                versi=versi,
                nilai=nilai,
                konfirmasi=frozenset(konfirmasi),
                tindak_lanjut=frozenset(tindak_lanjut),
            )
        except KonflikVersi as exc:
            return self.render_to_response(self.konflik(grid, klaster, nilai, versi, exc.message))
        except PeringatanPWS as exc:
            for kunci, alasan in exc.alasan.items():
                grid.sel[kunci].alasan = alasan
            messages.warning(request, PESAN_KONFIRMASI)
            return self.render_to_response(self.get_context_data(grid=grid))
        messages.success(request, PESAN_TERSIMPAN)
        return HttpResponseRedirect(
            f"{request.path}?tahun={self.tahun}&bulan={self.bulan}&klaster={klaster.pk}"
        )


class PwsDasborView(_PwsMixin, PuskesmasMixin, TemplateView):
    """A Puskesmas's PWS of one month: per indicator the desa table, the chart and the trend."""

    template_name = "lokmin/pws/dasbor.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        daftar = list(Klaster.objects.order_by("nomor"))
        try:
            klaster_id = int(self.request.GET.get("klaster", ""))
        except ValueError:
            klaster_id = None
        tabel = tabel_pws(
            puskesmas=self.puskesmas, tahun=self.tahun, bulan=self.bulan, klaster_id=klaster_id
        )
        for t in tabel:
            t.grafik = grafik_pws(t, self.bulan)
        ctx.update(
            self.konteks_periode(),
            tabel=tabel,
            daftar_klaster=daftar,
            klaster_id=klaster_id,
            kelengkapan=kelengkapan(puskesmas=self.puskesmas, tahun=self.tahun, bulan=self.bulan),
            label_status=pws.LABEL_STATUS,
        )
        return ctx


class PwsKabupatenView(_PwsMixin, KabupatenMixin, TemplateView):
    """Every Puskesmas of the kabupaten with its desa statuses of the month, worst first."""

    template_name = "lokmin/pws/kabupaten.html"
    aksi = Aksi.REKAP_KABUPATEN

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            self.konteks_periode(),
            baris=pws_kabupaten(
                user=self.request.user, kabupaten=self.kabupaten, tahun=self.tahun, bulan=self.bulan
            ),
            status=list(pws.LABEL_STATUS.items()),
        )
        return ctx


class _PwsKlasterMixin(_PwsMixin, PuskesmasMixin):
    def klaster(self):
        daftar = list(Klaster.objects.order_by("nomor"))
        return self.klaster_dipilih(daftar), daftar

    def indikator(self, klaster):
        return indikator_pws(
            kabupaten=self.puskesmas.kabupaten, tahun=self.tahun, klaster_id=klaster.pk
        )


class PwsTemplatView(_PwsKlasterMixin, View):
    """The grid of one klaster and month as an Excel sheet, filled with what is stored."""

    def get(self, request, *args, **kwargs):
        klaster, _ = self.klaster()
        grid = grid_pws(
            puskesmas=self.puskesmas, tahun=self.tahun, bulan=self.bulan, klaster_id=klaster.pk
        )
        templat = templat_pws(
            indikator=grid.indikator, nama_bulan=NAMA_BULAN[self.bulan - 1], tahun=self.tahun
        )
        baris = [
            [d.kode, d.nama, *(s.nilai.nilai if s.nilai else None for s in sel)]
            for d, sel in grid.baris()
        ]
        return xlsx_response(
            buat_xlsx(templat, baris),
            nama=f"pws-{self.tahun}-{self.bulan:02d}-klaster-{klaster.nomor}",
        )


class PwsImporView(_PwsKlasterMixin, TemplateView):
    template_name = "lokmin/pws/impor.html"
    aksi_tulis = Aksi.ISI_PWS

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        klaster, daftar = self.klaster()
        ctx.update(
            self.konteks_periode(),
            klaster=klaster,
            daftar_klaster=daftar,
            templat=templat_pws(
                indikator=self.indikator(klaster),
                nama_bulan=NAMA_BULAN[self.bulan - 1],
                tahun=self.tahun,
            ),
        )
        ctx.setdefault("form", BerkasExcelForm())
        return ctx

    def post(self, request, *args, **kwargs):
        form = BerkasExcelForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        klaster, _ = self.klaster()
        hasil = pws_impor(
            user=request.user,
            puskesmas=self.puskesmas,
            tahun=self.tahun,
            bulan=self.bulan,
            klaster_id=klaster.pk,
            berkas=form.cleaned_data["berkas"],
            konfirmasi="konfirmasi" in request.POST,
        )
        if not hasil.sah:
            return self.render_to_response(self.get_context_data(form=form, galat=hasil.galat))
        messages.success(request, PESAN_TERSIMPAN)
        return HttpResponseRedirect(
            f"{reverse('lokmin:pws_isi', args=[self.puskesmas.pk])}"
            f"?tahun={self.tahun}&bulan={self.bulan}&klaster={klaster.pk}"
        )
