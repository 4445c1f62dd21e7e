"""RPK / POA (formulir 5): derived from the approved RUK, given volume per month, lokasi and
biaya per activity, compared with the RUK, agreed with LP/LS, approved and printed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import SAH, AlurTidakSah
from puskesmas.alat.dokumen import PdfBesarMixin, draf, pdf_besar_response, xlsx_response
from puskesmas.alat.impor import BULAT, TEKS, Kolom, Templat, ekspor_dengan_resource
from puskesmas.alat.konflik import konflik_tampilkan, nilai_model
from puskesmas.alat.mixins import LingkupMixin, PuskesmasMixin
from puskesmas.alat.tanda_tangan import konteks_ttd, tanda_tangan_terakhir
from puskesmas.selectors.inti import penandatangan
from puskesmas.services.inti import KonflikVersi
from puskesmas.views.beranda import tahun_terpilih

from ..choices import JenisPembahasan, SumberPembiayaan
from ..forms.rpk import BulanForm, KegiatanRPKForm, KembalikanForm, PaguForm, PembahasanForm
from ..models import FORUM_PEMBAHASAN, RPK, RUK, KegiatanRPK, PembahasanRPK
from ..resources import RPKEksporResource
from ..rpk_banding import (
    NAMA_BULAN,
    SINGKAT_BULAN,
    bulan_sah,
    pesan_lebih_pagu,
    pesan_volume_nol,
)
from ..selectors import rpk as selectors
from ..selectors import tahapan
from ..services import rpk as services


def _url_ruk(ruk_pk: int) -> str | None:
    """The RUK page, when the RUK part of the app provides one."""
    try:
        return reverse("perencanaan:ruk_detail", args=[ruk_pk])
    except NoReverseMatch:
        return None


def _boleh(user, aksi: Aksi, obj) -> bool:
    return access.boleh(user, aksi, obj)


class RPKSusunView(LingkupMixin, SingleObjectMixin, View):
    """POST from the RUK page: derive (or open) the RPK of that RUK's year."""

    model = RUK
    aksi = Aksi.SUSUN_RENCANA

    def post(self, request, *args, **kwargs):
        ruk = self.get_object()
        try:
            rpk = services.rpk_susun_dari_ruk(ruk=ruk, user=request.user)
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(
                _url_ruk(ruk.pk) or reverse("perencanaan:rpk_list", args=[ruk.puskesmas_id])
            )
        messages.success(request, f"RPK {rpk.tahun} disusun dari RUK {ruk.tahun}.")
        return redirect("perencanaan:rpk_detail", rpk.pk)


class RPKListView(PuskesmasMixin, ListView):
    model = RPK
    template_name = "perencanaan/rpk_list.html"
    context_object_name = "daftar_rpk"

    def get_queryset(self):
        return selectors.rpk_list(puskesmas=self.puskesmas, user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tahun"] = tahun_terpilih(self.request)
        ruk = (
            RUK.objects.for_user(self.request.user)
            .filter(
                puskesmas=self.puskesmas,
                rpk__isnull=True,
                status__in=SAH,
            )
            .order_by("-tahun")
        )
        ctx["ruk_tanpa_rpk"] = list(ruk)
        ctx["boleh_susun"] = _boleh(self.request.user, Aksi.SUSUN_RENCANA, self.puskesmas)
        return ctx


class _RPKMixin(LingkupMixin):
    model = RPK

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("puskesmas__kabupaten", "puskesmas__kecamatan", "ruk")
        )


class RPKDetailView(_RPKMixin, DetailView):
    template_name = "perencanaan/rpk_detail.html"
    context_object_name = "rpk"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rpk, user = self.object, self.request.user
        # Rows are klaster work (a PJ klaster edits theirs); the LP/LS discussion belongs to
        # the document, so it needs the document-level capability.
        boleh_susun = rpk.bisa_diubah and _boleh(user, Aksi.SUSUN_KLASTER, rpk)
        tabel = selectors.rpk_tabel(rpk=rpk)
        ctx.update(
            puskesmas=rpk.puskesmas,
            tabel=tabel,
            lebih_pagu=pesan_lebih_pagu(tabel.pagu),
            volume_nol=(
                pesan_volume_nol(
                    [b.kegiatan for b in tabel.baris if any(t.kode == "jadwal" for t in b.tanda)]
                )
                if any(s.nama in ("ajukan", "sahkan") for s in rpk.alur.tersedia(rpk.status))
                else ""
            ),
            tahap_kurang=(
                tahapan.peringatan(tahapan.tahapan_rpk(rpk=rpk)) if rpk.bisa_diubah else ""
            ),
            singkat_bulan=SINGKAT_BULAN,
            boleh_susun=boleh_susun,
            boleh_bahas=rpk.bisa_diubah and _boleh(user, Aksi.SUSUN_RENCANA, rpk),
            pembahasan=selectors.rpk_pembahasan(rpk=rpk),
            # None: every klaster; a PJ klaster sees edit links only on their own rows.
            klaster_boleh=_klaster(self.request, rpk),
            langkah=[s for s in rpk.alur.tersedia(rpk.status) if _boleh(user, s.aksi, rpk)],
            form_kembalikan=KembalikanForm(),
            jejak=list(rpk.jejak()),
            url_ruk=_url_ruk(rpk.ruk_id),
            bulan_ini=timezone.localdate().month,
        )
        return ctx


class RPKAlurView(_RPKMixin, SingleObjectMixin, View):
    """Ajukan, kembalikan (with a reason) or sahkan; the step's capability is checked first
    (403), and the service checks it again."""

    alur_model = RPK

    def post(self, request, *args, **kwargs):
        rpk = self.get_object()
        langkah = request.POST.get("langkah", "")
        try:
            rpk = services.rpk_alur(
                rpk=rpk, langkah=langkah, user=request.user, catatan=request.POST.get("catatan", "")
            )
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"RPK {rpk.tahun} {rpk.get_status_display().lower()}.")
        return redirect("perencanaan:rpk_detail", rpk.pk)


class RPKPembahasanView(_RPKMixin, DetailView):
    """Date, forum and result of one discussion that agreed the RPK; ``jenis`` (lintas
    program or lintas sektor) is fixed by the URL."""

    aksi = Aksi.SUSUN_RENCANA
    template_name = "perencanaan/rpk_pembahasan.html"
    context_object_name = "rpk"
    jenis = JenisPembahasan.LINTAS_PROGRAM

    def _tersimpan(self):
        return PembahasanRPK.objects.filter(rpk=self.object, jenis=self.jenis).first()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.bisa_diubah:
            return self._terkunci()
        form = PembahasanForm(
            instance=self._tersimpan(), initial={"versi": self.object.versi}, jenis=self.jenis
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.object = rpk = self.get_object()
        form = PembahasanForm(request.POST, jenis=self.jenis)
        if form.is_valid():
            try:
                services.rpk_pembahasan_simpan(
                    rpk=rpk,
                    jenis=self.jenis,
                    versi=form.cleaned_data.get("versi"),
                    user=request.user,
                    tanggal=form.cleaned_data["tanggal"],
                    forum=form.cleaned_data["forum"],
                    catatan=form.cleaned_data["catatan"],
                )
            except KonflikVersi as exc:
                tersimpan = self._tersimpan() or PembahasanRPK(rpk=rpk, jenis=self.jenis)
                konflik_tampilkan(
                    form,
                    pesan=exc.message,
                    token={"versi": rpk.versi},
                    tersimpan=nilai_model(form, tersimpan),
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Pembahasan {self.jenis.label.lower()} tersimpan.")
                return redirect("perencanaan:rpk_detail", rpk.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def _terkunci(self):
        messages.error(self.request, _pesan_terkunci(self.object))
        return redirect("perencanaan:rpk_detail", self.object.pk)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("puskesmas", self.object.puskesmas)
        kwargs.setdefault("jenis", self.jenis)
        kwargs.setdefault("forum_wajib", FORUM_PEMBAHASAN[self.jenis])
        return super().get_context_data(**kwargs)


class RPKPaguView(_RPKMixin, DetailView):
    """The pagu per funding source, recorded once the allocation is known."""

    aksi = Aksi.SUSUN_RENCANA
    template_name = "perencanaan/rpk_pagu.html"
    context_object_name = "rpk"

    def get(self, request, *args, **kwargs):
        self.object = rpk = self.get_object()
        if not rpk.bisa_diubah:
            messages.error(request, _pesan_terkunci(rpk))
            return redirect("perencanaan:rpk_detail", rpk.pk)
        awal = {"versi": rpk.versi}
        for kode, jumlah in rpk.pagu.values_list("sumber_pembiayaan", "jumlah"):
            awal[PaguForm.nama_field(kode)] = int(jumlah)
        return self.render_to_response(self.get_context_data(form=PaguForm(initial=awal)))

    def post(self, request, *args, **kwargs):
        self.object = rpk = self.get_object()
        form = PaguForm(request.POST)
        if form.is_valid():
            try:
                services.rpk_pagu_simpan(
                    rpk=rpk,
                    versi=form.cleaned_data.get("versi"),
                    user=request.user,
                    pagu=form.data_pagu(),
                )
            except KonflikVersi as exc:
                tersimpan = dict.fromkeys(map(PaguForm.nama_field, SumberPembiayaan.values))
                for kode, jumlah in rpk.pagu.values_list("sumber_pembiayaan", "jumlah"):
                    tersimpan[PaguForm.nama_field(kode)] = int(jumlah)
                konflik_tampilkan(
                    form,
                    pesan=exc.message,
                    token={"versi": rpk.versi},
                    tersimpan=tersimpan,
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Pagu RPK tersimpan.")
                return redirect("perencanaan:rpk_detail", rpk.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("puskesmas", self.object.puskesmas)
        kwargs.setdefault("tabel", selectors.rpk_tabel(rpk=self.object))
        return super().get_context_data(**kwargs)


def _pesan_terkunci(rpk: RPK) -> str:
    try:
        rpk.pastikan_bisa_diubah()
    except AlurTidakSah as exc:
        return exc.message
    return ""


class _KegiatanFormMixin:
    template_name = "perencanaan/rpk_kegiatan_form.html"

    def render_form(self, form, rpk, **extra):
        return self.render_to_response(
            {
                "form": form,
                "rpk": rpk,
                "puskesmas": rpk.puskesmas,
                "kegiatan": getattr(self, "kegiatan", None),
                "judul": self.judul,
                "nama_bulan": NAMA_BULAN,
                **extra,
            }
        )


class KegiatanRPKTambahView(_KegiatanFormMixin, _RPKMixin, SingleObjectMixin, TemplateView):
    """An activity that was not in the RUK (flagged as such in the table)."""

    aksi = Aksi.SUSUN_KLASTER
    judul = "Tambah kegiatan RPK"

    def get(self, request, *args, **kwargs):
        rpk = self.object = self.get_object()
        if not rpk.bisa_diubah:
            messages.error(request, _pesan_terkunci(rpk))
            return redirect("perencanaan:rpk_detail", rpk.pk)
        return self.render_form(KegiatanRPKForm(klaster_ids=_klaster(request, rpk)), rpk)

    def post(self, request, *args, **kwargs):
        rpk = self.object = self.get_object()
        form = KegiatanRPKForm(request.POST, klaster_ids=_klaster(request, rpk))
        if form.is_valid():
            try:
                kegiatan = services.kegiatan_rpk_tambah(
                    rpk=rpk, data=form.data_kegiatan(), user=request.user
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Kegiatan «{kegiatan}» ditambahkan.")
                return HttpResponseRedirect(
                    reverse("perencanaan:rpk_detail", args=[rpk.pk]) + f"#kegiatan-{kegiatan.pk}"
                )
        return self.render_form(form, rpk)


class _KegiatanMixin(LingkupMixin):
    model = KegiatanRPK
    aksi = Aksi.SUSUN_KLASTER

    def get_queryset(self):
        return super().get_queryset().select_related("rpk__puskesmas", "kegiatan_ruk", "klaster")

    def get_object(self, queryset=None):
        # A PJ klaster opens only the rows of their own klaster (403 otherwise).
        obj = super().get_object(queryset)
        access.wajib_klaster(self.request.user, obj.rpk.puskesmas, obj.klaster_id)
        return obj


class KegiatanRPKUbahView(_KegiatanFormMixin, _KegiatanMixin, SingleObjectMixin, TemplateView):
    """Volume per month, lokasi, biaya, PJ and the other columns of one activity."""

    judul = "Ubah kegiatan RPK"

    def get(self, request, *args, **kwargs):
        kegiatan = self.kegiatan = self.object = self.get_object()
        if not kegiatan.rpk.bisa_diubah:
            messages.error(request, _pesan_terkunci(kegiatan.rpk))
            return redirect("perencanaan:rpk_detail", kegiatan.rpk_id)
        form = KegiatanRPKForm(
            klaster_ids=_klaster(request, kegiatan.rpk),
            instance=kegiatan,
            initial={"sidik": services.sidik_kegiatan(kegiatan)},
        )
        return self.render_form(form, kegiatan.rpk)

    def post(self, request, *args, **kwargs):
        kegiatan = self.kegiatan = self.object = self.get_object()
        sidik_terbaru = services.sidik_kegiatan(kegiatan)
        form = KegiatanRPKForm(
            request.POST,
            instance=KegiatanRPK(rpk_id=kegiatan.rpk_id),
            klaster_ids=_klaster(request, kegiatan.rpk),
        )
        if form.is_valid():
            try:
                services.kegiatan_rpk_ubah(
                    kegiatan=kegiatan,
                    data=form.data_kegiatan(),
                    sidik=form.cleaned_data.get("sidik"),
                    user=request.user,
                )
            except KonflikVersi as exc:
                konflik_tampilkan(
                    form,
                    pesan=exc.message,
                    token={"sidik": sidik_terbaru},
                    tersimpan=nilai_model(form, kegiatan),
                )
            except AlurTidakSah as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Kegiatan «{form.cleaned_data['kegiatan']}» tersimpan.")
                return HttpResponseRedirect(
                    reverse("perencanaan:rpk_detail", args=[kegiatan.rpk_id])
                    + f"#kegiatan-{kegiatan.pk}"
                )
        return self.render_form(form, kegiatan.rpk)


class KegiatanRPKHapusView(_KegiatanMixin, DetailView):
    """GET asks for confirmation; POST removes the row."""

    template_name = "perencanaan/rpk_kegiatan_hapus.html"
    context_object_name = "kegiatan"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.rpk.bisa_diubah:
            messages.error(request, _pesan_terkunci(self.object.rpk))
            return redirect("perencanaan:rpk_detail", self.object.rpk_id)
        return self.render_to_response(
            self.get_context_data(rpk=self.object.rpk, puskesmas=self.object.rpk.puskesmas)
        )

    def post(self, request, *args, **kwargs):
        kegiatan = self.get_object()
        nama, rpk_id = str(kegiatan), kegiatan.rpk_id
        try:
            services.kegiatan_rpk_hapus(kegiatan=kegiatan, user=request.user)
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Kegiatan «{nama}» dihapus dari RPK.")
        return redirect("perencanaan:rpk_detail", rpk_id)


class RPKBulanView(PuskesmasMixin, TemplateView):
    """What the selected year's RPK schedules in one month, per klaster."""

    template_name = "perencanaan/rpk_bulan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_terpilih(self.request)
        bulan = bulan_sah(self.request.GET.get("bulan"), timezone.localdate().month)
        rpk = (
            RPK.objects.for_user(self.request.user)
            .filter(puskesmas=self.puskesmas, tahun=tahun)
            .first()
        )
        kelompok = selectors.rpk_bulan(rpk=rpk, bulan=bulan) if rpk else []
        ctx.update(
            tahun=tahun,
            bulan=bulan,
            nama_bulan=NAMA_BULAN[bulan - 1],
            form=BulanForm(initial={"bulan": bulan}),
            rpk=rpk,
            kelompok=kelompok,
            jumlah_kegiatan=sum(len(k.baris) for k in kelompok),
            biaya=sum((b.biaya for k in kelompok for b in k.baris), 0),
            sebelumnya=bulan - 1 if bulan > 1 else None,
            berikutnya=bulan + 1 if bulan < 12 else None,
        )
        return ctx


class RPKPdfView(PdfBesarMixin, _RPKMixin, DetailView):
    def get(self, request, *args, **kwargs):
        rpk = self.get_object()
        ttd = penandatangan(puskesmas=rpk.puskesmas, dokumen=rpk)
        konteks = {
            "rpk": rpk,
            "puskesmas": rpk.puskesmas,
            "tabel": selectors.rpk_tabel(rpk=rpk),
            "singkat_bulan": SINGKAT_BULAN,
            "tanggal": ttd.tanggal,
            "nama": ttd.nama,
            "nip": ttd.nip,
            "draf": draf(rpk),
            **konteks_ttd(tanda_tangan_terakhir(rpk)),
        }
        return pdf_besar_response(
            request,
            "perencanaan/dokumen/rpk.html",
            konteks,
            objek=rpk,
            nama=f"RPK {rpk.puskesmas} {rpk.tahun}",
            baris=sum(len(k.baris) for k in konteks["tabel"].kelompok),
            landscape=True,
        )


TEMPLAT_RPK = Templat(
    judul="Rencana Pelaksanaan Kegiatan (RPK/POA)",
    nama_sheet="RPK",
    kolom=(
        Kolom("No", "no", BULAT, lebar=5),
        Kolom("Program/Klaster", "klaster", lebar=26),
        Kolom("Kegiatan", "kegiatan", lebar=32),
        Kolom("Tujuan", "tujuan", wajib=False, lebar=28),
        Kolom("Sasaran", "sasaran", wajib=False),
        Kolom("Target sasaran", "target_sasaran", wajib=False),
        Kolom("Penanggung jawab", "penanggung_jawab", wajib=False),
        Kolom("Kebutuhan sumber daya", "kebutuhan_sumber_daya", wajib=False, lebar=24),
        Kolom("Mitra kerja", "mitra_kerja", wajib=False),
        Kolom("Volume", "volume", BULAT, lebar=9),
        *(Kolom(s, f"vol_{i:02d}", BULAT, lebar=6) for i, s in enumerate(SINGKAT_BULAN, 1)),
        Kolom("Lokasi", "lokasi", wajib=False, lebar=22),
        Kolom("Biaya (Rp)", "biaya", BULAT, lebar=16),
        Kolom("Indikator kinerja", "indikator_kinerja", wajib=False, lebar=26),
        Kolom("Sumber pembiayaan", "sumber_pembiayaan", TEKS, lebar=14),
        Kolom(
            "Keterangan", "keterangan", wajib=False, lebar=34, keterangan="perbedaan dengan RUK"
        ),  # fmt: skip
    ),
    petunjuk=("Ekspor RPK/POA. Kolom Jan–Des berisi volume kegiatan per bulan.",),
)


class RPKXlsxView(_RPKMixin, DetailView):
    def get(self, request, *args, **kwargs):
        rpk = self.get_object()
        tabel = selectors.rpk_tabel(rpk=rpk)
        isi = ekspor_dengan_resource(
            RPKEksporResource(TEMPLAT_RPK), list(enumerate(tabel.baris, 1)), TEMPLAT_RPK
        )
        return xlsx_response(isi, nama=f"RPK {rpk.puskesmas} {rpk.tahun}")


def _klaster(request, rpk) -> frozenset[int] | None:
    """Klaster the user may plan for in this RPK's Puskesmas (None: all)."""
    return access.klaster_diizinkan(request.user, rpk.puskesmas)
