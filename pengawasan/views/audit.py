"""Internal audit pages: the audit team SK, the annual programme (rows, approval, starting
an audit), checklists with their Excel template and import, the year's audits, one audit
(methods, results, findings with their RTL, carrying over, closing) and its report PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah
from puskesmas.alat.dokumen import pdf_response, xlsx_response
from puskesmas.alat.mixins import LingkupMixin, PuskesmasMixin
from puskesmas.forms.inti import BerkasExcelForm
from puskesmas.selectors.inti import penandatangan
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from ..forms import audit as f
from ..models.audit import (
    AnggotaTimAudit,
    Audit,
    DaftarTilik,
    JadwalAudit,
    ProgramAudit,
    TimAudit,
)
from ..resources_audit import TEMPLAT
from ..selectors import audit as sel
from ..services import audit as svc

PESAN_IMPOR_BERHASIL = "{jumlah} kriteria daftar tilik tersimpan dari Excel."
PESAN_TIM_BELUM = "Belum ada SK Tim Audit Internal tahun {tahun}; simpan dulu nomor dan tanggal SK."
PESAN_PROGRAM_BELUM = "Belum ada program audit internal tahun {tahun}."
PESAN_PILIH = "Pilih {apa} yang dimaksud."


def _satu(qs, pk, apa: str):
    """The row ``pk`` of ``qs`` (already narrowed to the page's object), or a message."""
    obj = qs.filter(pk=pk).first() if str(pk or "").isdigit() else None
    if obj is None:
        raise AlurTidakSah(PESAN_PILIH.format(apa=apa))
    return obj


def _pesan_form(request, form) -> None:
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errs:
            messages.error(request, f"{label}: {e}" if label else e)


def _tahun(request) -> int:
    nilai = request.GET.get("tahun") or request.POST.get("tahun") or ""
    return int(nilai) if nilai.isdigit() and 2000 <= int(nilai) <= 2100 else tahun_terpilih(request)


def _langkah(objek, user):
    return [s for s in objek.alur.tersedia(objek.status) if access.boleh(user, s.aksi, objek)]


class _PuskesmasPost(PuskesmasMixin, View):
    """POST one change under a Puskesmas; refusals come back as messages."""

    aksi = Aksi.KELOLA_AUDIT

    def kembali(self) -> str:
        raise NotImplementedError

    def jalankan(self, request) -> str | None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.tahun = _tahun(request)
        try:
            pesan = self.jalankan(request)
        except (AlurTidakSah, KonflikVersi) as exc:
            messages.error(request, exc.message)
        else:
            if pesan:
                messages.success(request, pesan)
        return HttpResponseRedirect(self.kembali())


# --- Tim audit -----------------------------------------------------------------------------


class TimAuditView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/audit/tim.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, tahun = self.request.user, _tahun(self.request)
        tim = sel.tim_tahun(puskesmas=self.puskesmas, tahun=tahun, user=user)
        kelola = access.boleh(user, Aksi.KELOLA_AUDIT, self.puskesmas)
        ubah = kelola and (tim is None or tim.bisa_diubah)
        ctx.update(
            tahun=tahun,
            tim=tim,
            anggota=list(tim.anggota.all()) if tim else [],
            boleh_ubah=ubah,
            form_tim=f.TimAuditForm(
                initial={"nomor_sk": tim.nomor_sk, "tanggal_sk": tim.tanggal_sk} if tim else None
            )
            if ubah
            else None,
            form_anggota=f.AnggotaForm(puskesmas=self.puskesmas) if ubah and tim else None,
            langkah=_langkah(tim, user) if tim else [],
            jejak=list(tim.jejak()) if tim else [],
        )
        return ctx


class TimAuditSimpanView(_PuskesmasPost):
    def kembali(self):
        return f"{reverse('pengawasan:audit_tim', args=[self.puskesmas.pk])}?tahun={self.tahun}"

    def jalankan(self, request):
        form = f.TimAuditForm(request.POST)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        tim = TimAudit.objects.filter(puskesmas=self.puskesmas, tahun=self.tahun).first()
        if tim is None:
            svc.tim_audit_buat(
                puskesmas=self.puskesmas, tahun=self.tahun, user=request.user, **form.cleaned_data
            )
        else:
            svc.tim_audit_ubah(tim=tim, versi=None, user=request.user, **form.cleaned_data)
        return "SK Tim Audit Internal tersimpan."


class TimAnggotaView(_PuskesmasPost):
    kembali = TimAuditSimpanView.kembali

    def jalankan(self, request):
        tim = TimAudit.objects.filter(puskesmas=self.puskesmas, tahun=self.tahun).first()
        if tim is None:
            raise AlurTidakSah(PESAN_TIM_BELUM.format(tahun=self.tahun))
        if "hapus" in request.POST:
            anggota = _satu(
                AnggotaTimAudit.objects.filter(tim=tim), request.POST.get("hapus"), "anggota"
            )
            svc.tim_anggota_hapus(anggota=anggota, user=request.user)
            return "Anggota dihapus dari tim."
        form = f.AnggotaForm(request.POST, puskesmas=self.puskesmas)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        svc.tim_anggota_tambah(tim=tim, user=request.user, **form.cleaned_data)
        return "Anggota ditambahkan ke tim."


class TimAlurView(LingkupMixin, SingleObjectMixin, View):
    model = TimAudit
    alur_model = TimAudit

    def post(self, request, *args, **kwargs):
        tim = self.get_object()
        langkah = request.POST.get("langkah", "")
        try:
            svc.tim_audit_alur(
                tim=tim, langkah=langkah, user=request.user, catatan=request.POST.get("catatan", "")
            )
            messages.success(request, f"{tim} {tim.alur.langkah(langkah).kata_kerja}.")
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        url = reverse("pengawasan:audit_tim", args=[tim.puskesmas_id])
        return HttpResponseRedirect(f"{url}?tahun={tim.tahun}")


# --- Program audit -------------------------------------------------------------------------


class ProgramAuditView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/audit/program.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, tahun = self.request.user, _tahun(self.request)
        program = sel.program_tahun(puskesmas=self.puskesmas, tahun=tahun, user=user)
        tim = TimAudit.objects.filter(puskesmas=self.puskesmas, tahun=tahun).first()
        kelola = access.boleh(user, Aksi.KELOLA_AUDIT, self.puskesmas)
        ubah = kelola and program is not None and program.bisa_diubah
        laksana = (
            program is not None
            and program.status in ("disahkan",)
            and access.boleh(user, Aksi.LAKSANAKAN_AUDIT, self.puskesmas)
        )
        ctx.update(
            tahun=tahun,
            program=program,
            tim=tim,
            jadwal=sel.jadwal_program(program) if program else [],
            boleh_buat=kelola and program is None,
            boleh_ubah=ubah,
            boleh_mulai=laksana,
            form_jadwal=f.JadwalForm(puskesmas=self.puskesmas, tim=tim) if ubah else None,
            form_mulai=f.MulaiAuditForm(puskesmas=self.puskesmas) if laksana else None,
            langkah=_langkah(program, user) if program else [],
            jejak=list(program.jejak()) if program else [],
        )
        return ctx


class ProgramBuatView(_PuskesmasPost):
    def kembali(self):
        url = reverse("pengawasan:audit_program", args=[self.puskesmas.pk])
        return f"{url}?tahun={self.tahun}"

    def jalankan(self, request):
        svc.program_audit_buat(
            puskesmas=self.puskesmas,
            tahun=self.tahun,
            tujuan=request.POST.get("tujuan", ""),
            user=request.user,
        )
        return f"Program audit internal {self.tahun} dibuat."


class JadwalView(_PuskesmasPost):
    kembali = ProgramBuatView.kembali

    def jalankan(self, request):
        program = ProgramAudit.objects.filter(puskesmas=self.puskesmas, tahun=self.tahun).first()
        if program is None:
            raise AlurTidakSah(PESAN_PROGRAM_BELUM.format(tahun=self.tahun))
        if "hapus" in request.POST:
            jadwal = _satu(
                JadwalAudit.objects.filter(program=program), request.POST.get("hapus"), "jadwal"
            )
            svc.jadwal_audit_hapus(jadwal=jadwal, user=request.user)
            return "Jadwal audit dihapus."
        tim = TimAudit.objects.filter(puskesmas=self.puskesmas, tahun=self.tahun).first()
        form = f.JadwalForm(request.POST, puskesmas=self.puskesmas, tim=tim)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        svc.jadwal_audit_tambah(program=program, data=form.cleaned_data, user=request.user)
        return "Jadwal audit ditambahkan."


class ProgramAlurView(LingkupMixin, SingleObjectMixin, View):
    model = ProgramAudit
    alur_model = ProgramAudit

    def post(self, request, *args, **kwargs):
        program = self.get_object()
        langkah = request.POST.get("langkah", "")
        try:
            svc.program_audit_alur(
                program=program,
                langkah=langkah,
                user=request.user,
                catatan=request.POST.get("catatan", ""),
            )
            messages.success(request, f"{program} {program.alur.langkah(langkah).kata_kerja}.")
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        url = reverse("pengawasan:audit_program", args=[program.puskesmas_id])
        return HttpResponseRedirect(f"{url}?tahun={program.tahun}")


class AuditMulaiView(LingkupMixin, SingleObjectMixin, View):
    """Start the audit of one programme row."""

    model = JadwalAudit
    aksi = Aksi.LAKSANAKAN_AUDIT

    def post(self, request, *args, **kwargs):
        jadwal = self.get_object()
        program = jadwal.program
        form = f.MulaiAuditForm(request.POST, puskesmas=program.puskesmas)
        kembali = reverse("pengawasan:audit_program", args=[program.puskesmas_id])
        if not form.is_valid():
            _pesan_form(request, form)
            return HttpResponseRedirect(f"{kembali}?tahun={program.tahun}")
        try:
            audit = svc.audit_mulai(jadwal=jadwal, user=request.user, **form.cleaned_data)
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(f"{kembali}?tahun={program.tahun}")
        messages.success(request, "Audit dimulai.")
        return HttpResponseRedirect(reverse("pengawasan:audit_detail", args=[audit.pk]))


# --- Daftar tilik --------------------------------------------------------------------------


class TilikDaftarView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/audit/tilik_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        kelola = access.boleh(self.request.user, Aksi.KELOLA_AUDIT, self.puskesmas)
        ctx.update(
            daftar=list(sel.daftar_tilik(puskesmas=self.puskesmas, user=self.request.user)),
            form=f.DaftarTilikForm() if kelola else None,
        )
        return ctx


class TilikBuatView(_PuskesmasPost):
    def kembali(self):
        if getattr(self, "baru", None) is not None:
            return reverse("pengawasan:audit_tilik_detail", args=[self.baru.pk])
        return reverse("pengawasan:audit_tilik", args=[self.puskesmas.pk])

    def jalankan(self, request):
        form = f.DaftarTilikForm(request.POST)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        self.baru = svc.daftar_tilik_buat(
            puskesmas=self.puskesmas, user=request.user, **form.cleaned_data
        )
        return f"Daftar tilik «{self.baru.nama}» dibuat."


class TilikDetailView(LingkupMixin, DetailView):
    model = DaftarTilik
    template_name = "pengawasan/audit/tilik_detail.html"
    context_object_name = "daftar"
    aksi_tulis = Aksi.KELOLA_AUDIT

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        kelola = access.boleh(self.request.user, Aksi.KELOLA_AUDIT, self.object)
        ctx.update(
            puskesmas=self.object.puskesmas,
            butir=list(self.object.butir.all()),
            templat=TEMPLAT,
            form_butir=f.ButirForm() if kelola else None,
        )
        if kelola:
            ctx.setdefault("form_impor", BerkasExcelForm())
        return ctx

    def post(self, request, *args, **kwargs):
        """Add one criterion, or import the sheet (every row or none)."""
        self.object = daftar = self.get_object()
        if "berkas" in request.FILES or request.POST.get("impor"):
            form = BerkasExcelForm(request.POST, request.FILES)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form_impor=form))
            hasil = svc.daftar_tilik_impor(
                daftar=daftar, berkas=form.cleaned_data["berkas"], user=request.user
            )
            if not hasil.sah:
                return self.render_to_response(
                    self.get_context_data(form_impor=form, galat=hasil.galat)
                )
            messages.success(request, PESAN_IMPOR_BERHASIL.format(jumlah=daftar.butir.count()))
        else:
            form = f.ButirForm(request.POST)
            if form.is_valid():
                try:
                    svc.butir_tilik_tambah(daftar=daftar, user=request.user, **form.cleaned_data)
                    messages.success(request, "Kriteria ditambahkan.")
                except AlurTidakSah as exc:
                    messages.error(request, exc.message)
            else:
                _pesan_form(request, form)
        return HttpResponseRedirect(reverse("pengawasan:audit_tilik_detail", args=[daftar.pk]))


class TilikEksporView(LingkupMixin, SingleObjectMixin, View):
    model = DaftarTilik

    def get(self, request, *args, **kwargs):
        daftar = self.get_object()
        return xlsx_response(
            svc.daftar_tilik_ekspor(daftar=daftar), nama=f"daftar-tilik-{daftar.pk}"
        )


# --- Audit ---------------------------------------------------------------------------------


class AuditDaftarView(PuskesmasMixin, TemplateView):
    template_name = "pengawasan/audit/daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = _tahun(self.request)
        ctx.update(
            tahun=tahun,
            daftar_audit=list(
                sel.audit_daftar(puskesmas=self.puskesmas, tahun=tahun, user=self.request.user)
            ),
        )
        return ctx


class _AuditMixin(LingkupMixin):
    model = Audit

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "puskesmas__kabupaten",
                "puskesmas__kecamatan",
                "jadwal__program",
                "jadwal__klaster",
                "jadwal__auditi",
                "daftar_tilik",
            )  # fmt: skip
        )


def konteks_audit(audit: Audit) -> dict:
    temuan = list(audit.temuan.select_related("kriteria"))
    rtl = sel.rtl_temuan(t.pk for t in temuan)
    return {
        "audit": audit,
        "puskesmas": audit.puskesmas,
        "jadwal": audit.jadwal,
        "auditor": list(audit.jadwal.auditor.all()),
        "hasil": list(audit.hasil.all()),
        "temuan": [(t, rtl.get(t.pk, [])) for t in temuan],
    }


class AuditDetailView(_AuditMixin, DetailView):
    template_name = "pengawasan/audit/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        audit, user = self.object, self.request.user
        ctx.update(konteks_audit(audit))
        laksana = not audit.ditutup and access.boleh(user, Aksi.LAKSANAKAN_AUDIT, audit)
        ctx.update(
            boleh_laksana=laksana,
            form_audit=f.AuditForm(
                initial={
                    "tanggal": audit.tanggal,
                    "metode": audit.metode,
                    "kesimpulan": audit.kesimpulan,
                    "versi": audit.versi,
                }
            )
            if laksana
            else None,
            form_temuan=f.TemuanForm(audit=audit) if laksana else None,
            form_rtl=f.TemuanRTLForm(puskesmas=audit.puskesmas) if laksana else None,
            form_bawa=f.BawaForm() if laksana else None,
            pilihan_hasil=svc.HasilTilik.choices,
        )
        return ctx


class _AuditPost(_AuditMixin, SingleObjectMixin, View):
    aksi = Aksi.LAKSANAKAN_AUDIT
    jangkar = ""

    def jalankan(self, audit, request) -> str | None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        audit = self.get_object()
        try:
            pesan = self.jalankan(audit, request)
        except (AlurTidakSah, KonflikVersi) as exc:
            messages.error(request, exc.message)
        else:
            if pesan:
                messages.success(request, pesan)
        url = reverse("pengawasan:audit_detail", args=[audit.pk])
        return HttpResponseRedirect(f"{url}#{self.jangkar}" if self.jangkar else url)


class AuditUbahView(_AuditPost):
    jangkar = "audit"

    def jalankan(self, audit, request):
        form = f.AuditForm(request.POST)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        svc.audit_ubah(audit=audit, user=request.user, **form.cleaned_data)
        return "Data audit tersimpan."


class HasilView(_AuditPost):
    jangkar = "hasil"

    def jalankan(self, audit, request):
        isi = {}
        for h in audit.hasil.all():
            if f"hasil_{h.pk}" in request.POST:
                isi[h.pk] = (
                    request.POST.get(f"hasil_{h.pk}", ""),
                    request.POST.get(f"catatan_{h.pk}", ""),
                )
        jumlah = svc.hasil_kriteria_simpan(audit=audit, isi=isi, user=request.user)
        return f"Hasil {jumlah} kriteria tersimpan."


class TemuanView(_AuditPost):
    jangkar = "temuan"

    def jalankan(self, audit, request):
        form = f.TemuanForm(request.POST, audit=audit)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        temuan = svc.temuan_tambah(audit=audit, data=form.cleaned_data, user=request.user)
        return f"Temuan {temuan.nomor} dicatat."


class _TemuanPost(_AuditPost):
    jangkar = "temuan"

    def temuan(self, audit, request):
        return _satu(audit.temuan.all(), request.POST.get("temuan"), "temuan")


class TemuanRTLView(_TemuanPost):
    def jalankan(self, audit, request):
        temuan = self.temuan(audit, request)
        form = f.TemuanRTLForm(request.POST, puskesmas=audit.puskesmas)
        if not form.is_valid():
            _pesan_form(request, form)
            return None
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        data.setdefault("pj", None)
        svc.temuan_rtl_buat(temuan=temuan, data=data, user=request.user)
        return f"RTL temuan {temuan.nomor} disepakati."


class TemuanAnalisisView(_TemuanPost):
    def jalankan(self, audit, request):
        temuan = self.temuan(audit, request)
        svc.temuan_analisis(
            temuan=temuan, analisis=request.POST.get("analisis", ""), user=request.user
        )
        return f"Analisis temuan {temuan.nomor} tersimpan."


class TemuanBawaView(_TemuanPost):
    def jalankan(self, audit, request):
        temuan = self.temuan(audit, request)
        svc.temuan_bawa(temuan=temuan, alasan=request.POST.get("alasan", ""), user=request.user)
        return f"Temuan {temuan.nomor} dibawa ke audit berikutnya."


class AuditTutupView(_AuditPost):
    def jalankan(self, audit, request):
        svc.audit_tutup(audit=audit, user=request.user)
        return "Audit ditutup."


class LaporanPdfView(_AuditMixin, DetailView):
    """Laporan audit internal, signed by the Kepala Puskesmas."""

    def get(self, request, *args, **kwargs):
        audit = self.get_object()
        ctx = konteks_audit(audit)
        ttd = penandatangan(puskesmas=audit.puskesmas)
        tim = sel.tim_tahun(
            puskesmas=audit.puskesmas, tahun=audit.jadwal.program.tahun, user=request.user
        )
        ctx.update(
            nama=ttd.nama,
            nip=ttd.nip,
            tanggal=audit.ditutup_pada or ttd.tanggal,
            draf=not audit.ditutup,
            tim=tim,
            anggota_tim=list(tim.anggota.all()) if tim else [],
        )
        return pdf_response(
            "pengawasan/audit/dokumen/laporan.html",
            ctx,
            nama=f"Laporan audit internal {audit.jadwal.unit} {audit.puskesmas.nama}",
            request=request,
        )
