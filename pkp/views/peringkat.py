"""The ranking pages: a kabupaten's Puskesmas ranked into groups for a year (page, Excel,
PDF recap), the result page of one Puskesmas with its radar chart, and the national counts.

The PKP of year N is assessed and set after December of N, so these pages default to the
last finished year: the year chosen in the navbar minus one (``tahun_pkp``); a ``tahun``
parameter picks another.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.dokumen import PdfBesarMixin, Rekap, pdf_besar_response, xlsx_response
from puskesmas.alat.mixins import KabupatenMixin, PuskesmasMixin

from ..selectors import ekspor
from ..selectors import peringkat as selectors
from .tahun import tahun_pkp

KOLOM_TETAP = (
    ("peringkat", "Peringkat"),
    ("nama", "Puskesmas"),
    ("kelompok", "Kelompok"),
    ("pelayanan", "Kinerja pelayanan (%)"),
    ("manajemen", "Kinerja manajemen"),
    ("mutu", "Mutu pelayanan (%)"),
    ("kelompok_lalu", "Kelompok tahun lalu"),
    ("perubahan", "Perubahan"),
)


class _PeringkatMixin(KabupatenMixin):
    aksi = Aksi.REKAP_KABUPATEN

    def peringkat(self):
        self.tahun = tahun_pkp(self.request)
        return selectors.peringkat_kabupaten(kabupaten=self.kabupaten, tahun=self.tahun)


class PeringkatKabupatenView(_PeringkatMixin, TemplateView):
    """Every Puskesmas of the kabupaten: set assessments ranked, sortable by any column and
    filterable by group, status and name; the others apart with their status."""

    template_name = "pkp/peringkat.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        data = self.peringkat()
        get = self.request.GET
        urut = get.get("urut", "peringkat")
        turun = get.get("arah") == "turun"
        saring = {
            "kelompok": get.get("kelompok", ""),
            "status": get.get("status", ""),
            "nama": get.get("nama", "")[:100],
        }
        jumlah = data.jumlah_kelompok()
        ditetapkan = selectors.urutkan(
            data, selectors.saring(data.ditetapkan, **saring), urut, turun
        )
        belum = (
            selectors.saring(data.belum, status=saring["status"], nama=saring["nama"])
            if saring["kelompok"] == ""
            else []
        )
        label = dict(KOLOM_TETAP) | {
            k.kode_urut: k.label for k in data.kolom_pelayanan + data.kolom_manajemen
        }
        urut = urut if urut in label else "peringkat"
        dasar = {"tahun": self.tahun, **{k: v for k, v in saring.items() if v}}

        def tautan(kode: str) -> str:
            # The active column toggles its direction; another starts high to low for
            # values, A to Z for names, rank order for the rank.
            arah = "naik" if kode in ("peringkat", "nama", "kelompok") else "turun"
            if kode == urut:
                arah = "naik" if turun else "turun"
            return "?" + urlencode({**dasar, "urut": kode, "arah": arah})

        kepala = {
            kode: {"kode": kode, "label": teks, "url": tautan(kode), "aktif": kode == urut}
            for kode, teks in label.items()
        }
        ctx.update(
            kepala=kepala,
            kepala_pelayanan=[kepala[k.kode_urut] for k in data.kolom_pelayanan],
            kepala_manajemen=[kepala[k.kode_urut] for k in data.kolom_manajemen],
            query_tahun=urlencode({"tahun": self.tahun}),
            data=data,
            tahun=self.tahun,
            ditetapkan=ditetapkan,
            belum=belum,
            urut=urut,
            turun=turun,
            saring=saring,
            jumlah=jumlah,
            jumlah_tanpa=jumlah[None],
            pilihan_status=list(selectors.LABEL_STATUS.items()),
            grafik=mark_safe(selectors.grafik_kabupaten(data)),  # noqa: S308 - escaped by grafik
            tahun_pilihan=range(self.tahun + 1, self.tahun - 5, -1),
        )
        return ctx


class PeringkatXlsxView(_PeringkatMixin, View):
    def get(self, request, *args, **kwargs):
        data = self.peringkat()
        return xlsx_response(
            ekspor.xlsx(data), nama=f"peringkat-pkp-{self.kabupaten.kode}-{self.tahun}"
        )


class PeringkatPdfView(PdfBesarMixin, _PeringkatMixin, View):
    """The recap "Penetapan Kelompok Kinerja Puskesmas": the table and the bar chart.

    A kabupaten may have a hundred Puskesmas: a large document (``pdf_besar_response``),
    kept under the kabupaten, the recap and the year."""

    def get(self, request, *args, **kwargs):
        data = self.peringkat()
        baris = ekspor.baris_tampil(data)
        return pdf_besar_response(
            request,
            "pkp/dokumen/penetapan_kelompok.html",
            {
                "data": data,
                "kabupaten": self.kabupaten,
                "kolom": ekspor.kolom(data),
                "baris": baris,
                "grafik": mark_safe(selectors.grafik_kabupaten(data)),  # noqa: S308
            },
            objek=Rekap(self.kabupaten, "peringkat-pkp", self.tahun),
            nama=f"penetapan-kelompok-pkp-{self.kabupaten.kode}-{self.tahun}",
            baris=len(baris),
            landscape=True,
        )


class HasilPuskesmasView(PuskesmasMixin, TemplateView):
    """The set result of one Puskesmas for a year, against last year, with its radar
    chart. Read by its own people and the Dinkes; before penetapan it says so."""

    template_name = "pkp/hasil_puskesmas.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_pkp(self.request)
        data = selectors.peringkat_kabupaten(
            kabupaten=self.puskesmas.kabupaten, tahun=tahun, puskesmas=self.puskesmas
        )
        baris = data.semua[0] if data.semua else None
        if baris is None:  # pragma: no cover - the Puskesmas is in its kabupaten
            raise Http404
        ctx.update(
            data=data,
            tahun=tahun,
            baris=baris,
            pelayanan=_pasangan(data.kolom_pelayanan, baris, "cabang_pelayanan"),
            manajemen=_pasangan(data.kolom_manajemen, baris, "cabang_manajemen"),
            grafik=(
                mark_safe(selectors.grafik_puskesmas(data, baris))  # noqa: S308
                if baris.ditetapkan
                else None
            ),
            tahun_pilihan=range(tahun + 1, tahun - 5, -1),
        )
        return ctx


def _pasangan(kolom, baris, nama: str) -> list[tuple]:
    """(column, (this year, last year)) per branch column; the values are aligned with
    the columns, a year without a set assessment has none."""
    kosong = [None] * len(kolom)
    kini = getattr(baris.nilai, nama) if baris.nilai else kosong
    lalu = getattr(baris.lalu, nama) if baris.lalu else kosong
    return [(k, pasangan) for k, *pasangan in zip(kolom, kini, lalu, strict=True)]


class PeringkatNasionalView(TemplateView):
    """For the admin nasional: every kabupaten with its counts per group for a year."""

    aksi = Aksi.REKAP_KABUPATEN
    template_name = "pkp/peringkat_nasional.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not lingkup(request.user).nasional:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = tahun_pkp(self.request)
        daftar = list(selectors.rekap_nasional(tahun=tahun))
        for k in daftar:
            k.belum_ditetapkan = k.jumlah_puskesmas - k.jumlah_ditetapkan
        total = {
            k: sum(getattr(b, k) for b in daftar)
            for k in (
                "jumlah_puskesmas",
                "kelompok_1",
                "kelompok_2",
                "kelompok_3",
                "tanpa_kelompok",
                "jumlah_ditetapkan",
                "jumlah_diajukan",
                "belum_ditetapkan",
            )
        }
        ctx.update(
            tahun=tahun,
            daftar=daftar,
            total=total,
            tahun_pilihan=range(tahun + 1, tahun - 5, -1),
        )
        return ctx
