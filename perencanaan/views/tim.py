"""Tim Perencanaan of a Puskesmas for the selected year: view, form, SK PDF."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci
from puskesmas.alat.dokumen import pdf_response
from puskesmas.alat.konflik import konflik_berversi
from puskesmas.alat.mixins import PuskesmasMixin
from puskesmas.alat.tanda_tangan import konteks_ttd, tanda_tangan_terakhir
from puskesmas.models import Klaster, Pustu
from puskesmas.selectors.inti import penandatangan
from puskesmas.services.inti import KonflikVersi

from ..forms.tim import AnggotaFormSet, TimForm
from ..models import AnggotaTim, TimPerencanaan
from ..selectors.tim import susunan_tim
from ..services import tim as services
from .katalog import tahun_dari


def tim_tahun(puskesmas, tahun: int) -> TimPerencanaan | None:
    return (
        TimPerencanaan.objects.filter(puskesmas=puskesmas, tahun=tahun)
        .select_related("ketua")
        .first()
    )


def anggota_tim(tim: TimPerencanaan) -> list[AnggotaTim]:
    return list(
        AnggotaTim.objects.filter(tim=tim)
        .select_related("user", "klaster", "pustu")
        .order_by("peran", "klaster__nomor", "pk")
    )


def peringatan(puskesmas, anggota: list[AnggotaTim]) -> list[str]:
    return services.keterwakilan_kurang(
        klaster=[(k.nomor, str(k)) for k in Klaster.objects.all()],
        pustu=[(p.pk, str(p)) for p in Pustu.objects.filter(puskesmas=puskesmas)],
        klaster_terwakili={a.klaster.nomor for a in anggota if a.klaster_id},
        pustu_terwakili={a.pustu_id for a in anggota if a.pustu_id},
    )


def _url_tim(puskesmas, tahun: int) -> str:
    return f"{reverse('perencanaan:tim', args=[puskesmas.pk])}?tahun={tahun}"


class TimView(PuskesmasMixin, TemplateView):
    template_name = "perencanaan/tim_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.puskesmas
        tahun = tahun_dari(self.request)
        tim = tim_tahun(p, tahun)
        anggota = anggota_tim(tim) if tim else []
        scope = lingkup(self.request.user)
        ctx.update(
            tahun=tahun,
            tim=tim,
            anggota=anggota,
            peringatan=peringatan(p, anggota) if tim else [],
            boleh_ubah=(tim is None or tim.bisa_diubah)
            and scope.boleh(Aksi.AJUKAN_RENCANA, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id),
            langkah_list=[
                step
                for step in TimPerencanaan.alur.tersedia(tim.status)
                if scope.boleh(step.aksi, puskesmas_id=p.pk, kabupaten_id=p.kabupaten_id)
            ]
            if tim
            else [],
            jejak=tim.jejak() if tim else [],
            tanda_tangan=tanda_tangan_terakhir(tim),
        )
        return ctx


class TimUbahView(PuskesmasMixin, View):
    """Create the team of the selected year, or edit it, with its members."""

    aksi = Aksi.AJUKAN_RENCANA
    template_name = "perencanaan/tim_form.html"

    def _siapkan(self):
        self.tahun = tahun_dari(self.request)
        self.tim = tim_tahun(self.puskesmas, self.tahun) or TimPerencanaan(
            puskesmas=self.puskesmas, tahun=self.tahun
        )
        # Choices read once for every row of the formset.
        orang = services.petugas_di(self.puskesmas).order_by("nama_lengkap")
        pustu = Pustu.objects.filter(puskesmas=self.puskesmas)
        self.form_kwargs = {
            "puskesmas": self.puskesmas,
            "pilihan_user": [("", "---------"), *[(u.pk, str(u)) for u in orang]],
            "pilihan_pustu": [("", "—"), *[(x.pk, str(x)) for x in pustu]],
            "pilihan_klaster": [("", "—"), *[(k.pk, str(k)) for k in Klaster.objects.all()]],
        }

    def _formset(self, data=None):
        qs = (
            AnggotaTim.objects.filter(tim=self.tim).select_related("user", "klaster", "pustu")
            if self.tim.pk
            else AnggotaTim.objects.none()
        )
        return AnggotaFormSet(
            data, instance=self.tim, queryset=qs, form_kwargs=self.form_kwargs, prefix="anggota"
        )

    def _tampil(self, form, formset):
        return render(
            self.request,
            self.template_name,
            {
                "puskesmas": self.puskesmas,
                "tahun": self.tahun,
                "tim": self.tim,
                "form": form,
                "formset": formset,
                "judul": (
                    f"Ubah Tim Perencanaan tahun {self.tahun}"
                    if self.tim.pk
                    else f"Bentuk Tim Perencanaan tahun {self.tahun}"
                ),
            },
        )

    def _terkunci(self):
        """A submitted or signed team is not edited: back to its page with alur's message."""
        if self.tim.pk is None or self.tim.bisa_diubah:
            return None
        try:
            self.tim.pastikan_bisa_diubah()
        except DokumenTerkunci as exc:
            messages.error(self.request, exc.message)
        return HttpResponseRedirect(_url_tim(self.puskesmas, self.tahun))

    def get(self, request, *args, **kwargs):
        self._siapkan()
        return self._terkunci() or self._tampil(
            TimForm(instance=self.tim, puskesmas=self.puskesmas), self._formset()
        )

    def post(self, request, *args, **kwargs):
        self._siapkan()
        terkunci = self._terkunci()
        if terkunci:
            return terkunci
        form = TimForm(request.POST, instance=self.tim, puskesmas=self.puskesmas)
        formset = self._formset(request.POST)
        form_sah = form.is_valid()
        formset.ketua = form.cleaned_data.get("ketua")
        if form_sah and formset.is_valid():
            tim = form.save(commit=False)
            simpan = formset.save(commit=False)
            try:
                tim = services.tim_simpan(
                    user=request.user,
                    tim=tim,
                    versi=form.cleaned_data.get("versi"),
                    anggota_simpan=simpan,
                    anggota_hapus=formset.deleted_objects,
                )
            except KonflikVersi as exc:
                konflik_berversi(form, pesan=exc.message, instance=tim)
            except (services.TimGagal, AlurTidakSah) as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Tim Perencanaan tahun {tim.tahun} tersimpan.")
                for pesan in peringatan(self.puskesmas, anggota_tim(tim)):
                    messages.warning(request, pesan)
                return HttpResponseRedirect(_url_tim(self.puskesmas, tim.tahun))
        else:
            formset.is_valid()  # collect the rows' errors too, so everything shows at once
        return self._tampil(form, formset)


def kepala_puskesmas(puskesmas) -> tuple[str, str]:
    """Name and NIP for the signature: the profile's, else the user holding the role."""
    ttd = penandatangan(puskesmas=puskesmas)
    return ttd.nama, ttd.nip


class TimSkPdfView(PuskesmasMixin, View):
    """The SK Tim Perencanaan of the selected year as PDF."""

    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        tim = tim_tahun(self.puskesmas, tahun)
        if tim is None:
            messages.error(request, f"Tim Perencanaan tahun {tahun} belum dibentuk.")
            return HttpResponseRedirect(_url_tim(self.puskesmas, tahun))
        nama, nip = kepala_puskesmas(self.puskesmas)
        return pdf_response(
            "perencanaan/dokumen/sk_tim.html",
            konteks_sk_tim(
                self.puskesmas, tim, nama=nama, nip=nip, tanda_tangan=tanda_tangan_terakhir(tim)
            ),
            nama=f"SK Tim Perencanaan {self.puskesmas.nama} {tahun}",
            request=request,
        )


def konteks_sk_tim(puskesmas, tim, *, nama: str, nip: str, tanda_tangan=None) -> dict:
    """The SK as it stands: once signed, exactly what was signed (number, date, team and
    the Kepala who signed, from the signature's snapshot), whoever is Kepala today;
    before that, a draft with the current data and the current Kepala."""
    if tanda_tangan is not None:
        isi = tanda_tangan.isi["dokumen"]
        return {
            "puskesmas": puskesmas,
            "tim": tim,
            "nomor_sk": isi["nomor_sk"],
            "tanggal_sk": tanda_tangan.tanggal,
            "susunan": isi["susunan"],
            **konteks_ttd(tanda_tangan),
        }
    return {
        "puskesmas": puskesmas,
        "tim": tim,
        "nomor_sk": tim.nomor_sk,
        "tanggal_sk": tim.tanggal_sk,
        "susunan": susunan_tim(tim),
        "nama": nama,
        "nip": nip,
        "tanggal": tim.tanggal_sk,
        "draf": True,
    }


class TimLangkahView(PuskesmasMixin, View):
    """POST ``langkah`` (ajukan, kembalikan with ``catatan``, sahkan) for the year's team."""

    alur_model = TimPerencanaan

    def post(self, request, *args, **kwargs):
        tahun = tahun_dari(request)
        tim = tim_tahun(self.puskesmas, tahun)
        langkah = request.POST.get("langkah", "")
        if tim is None:
            messages.error(request, f"Tim Perencanaan tahun {tahun} belum dibentuk.")
            return HttpResponseRedirect(_url_tim(self.puskesmas, tahun))
        try:
            hasil = services.tim_jalankan(
                user=request.user, tim=tim, langkah=langkah, catatan=request.POST.get("catatan", "")
            )
        except AlurTidakSah as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{hasil} kini berstatus «{hasil.get_status_display()}».")
        return HttpResponseRedirect(_url_tim(self.puskesmas, tahun))
