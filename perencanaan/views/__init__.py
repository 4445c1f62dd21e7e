"""Start page of P1 Perencanaan: every step of the year for one Puskesmas, with its status.

Dinkes users get the kabupaten-level pages instead (catalogue, RUK of all Puskesmas,
compliance with the February deadlines).
"""

from dataclasses import dataclass

from django.urls import reverse

from puskesmas.alat.access import Aksi, lingkup
from puskesmas.alat.modul import Langkah, ModulView
from puskesmas.models import Kabupaten, Puskesmas

from ..models import RPK, RUK, Masalah, RencanaLimaTahunan, TimPerencanaan
from ..selectors.target import status_target


@dataclass(frozen=True)
class Kartu:
    judul: str
    uraian: str
    url: str
    status: str = ""
    warna: str = "secondary"  # Bootstrap badge colour
    kunci: str = ""


WARNA_STATUS = {
    "draft": "secondary",
    "dikembalikan": "warning",
    "diajukan": "info",
    "disahkan": "success",
    "dikirim": "success",
    "diterima": "success",
}


def _kartu_puskesmas(p: Puskesmas, tahun: int) -> list[Kartu]:
    """One card per step for Puskesmas ``p`` and planning year ``tahun`` (a few queries)."""
    tim = TimPerencanaan.objects.filter(puskesmas=p, tahun=tahun).only("status").first()
    renstra = (
        RencanaLimaTahunan.objects.filter(
            puskesmas=p, tahun_mulai__lte=tahun, tahun_mulai__gte=tahun - 4
        )
        .only("status", "tahun_mulai")
        .first()
    )
    jumlah_masalah = Masalah.objects.filter(puskesmas=p, tahun=tahun).count()
    target = status_target(puskesmas=p, tahun=tahun)
    ruk = RUK.objects.filter(puskesmas=p, tahun=tahun + 1).only("status").first()
    # The RPK of this year and of the next (drafted at the end of this year from RUK N+1):
    # one query; the card tells where the next one is instead of a bare "belum dibuat".
    rpk_tahun = {r.tahun: r for r in RPK.objects.filter(puskesmas=p, tahun__in=[tahun, tahun + 1])}
    rpk, rpk_berikut = rpk_tahun.get(tahun), rpk_tahun.get(tahun + 1)

    def status_dok(dok, kosong="Belum dibuat"):
        if dok is None:
            return kosong, "secondary"
        return dok.get_status_display(), WARNA_STATUS.get(dok.status, "secondary")

    args = [p.pk]
    kartu = [
        Kartu(
            "Rencana lima tahunan",
            "Visi, misi, tata nilai dan target lima tahun.",
            reverse("perencanaan:renstra_list", args=args),
            *status_dok(renstra, "Belum ada untuk tahun ini"),
            kunci="renstra",
        ),
        Kartu(
            f"Tim Perencanaan {tahun}",
            "SK tim, ketua (Kepala Tata Usaha) dan anggota dari setiap klaster dan Pustu.",
            reverse("perencanaan:tim", args=args),
            *(
                ("SK ditetapkan", "success")
                if tim and tim.status == "disahkan"
                else status_dok(tim, "Belum dibentuk")
            ),
            kunci="tim",
        ),
        Kartu(
            "Analisis situasi dan masalah",
            f"Capaian {tahun - 1} terhadap target, masalah diprioritaskan dengan USG.",
            reverse("perencanaan:analisis", args=args),
            f"{jumlah_masalah} masalah" if jumlah_masalah else "Belum ada masalah",
            "info" if jumlah_masalah else "secondary",
            kunci="analisis",
        ),
        Kartu(
            f"Target kinerja {tahun} dan SK",
            "Usulan target per klaster oleh PJ klaster; SK Target Kinerja oleh Kepala Puskesmas.",
            reverse("perencanaan:target", args=args),
            target.label,
            {"sk": "success", "diajukan": "info", "draft": "warning"}.get(
                target.status, "secondary"
            ),
            kunci="target",
        ),
        Kartu(
            f"RUK {tahun + 1}",
            f"Rencana Usulan Kegiatan untuk tahun anggaran {tahun + 1}, disusun tahun {tahun}; "
            "disahkan Kepala Puskesmas dan dikirim ke Dinkes.",
            reverse("perencanaan:ruk_list", args=args),
            *status_dok(ruk),
            kunci="ruk",
        ),
        Kartu(
            f"RPK/POA {tahun}",
            f"Jadwal pelaksanaan tahun {tahun} per bulan, dari RUK {tahun} yang disahkan, "
            "setelah alokasi anggaran."
            + (
                f" RPK/POA {tahun + 1} (dari RUK {tahun + 1}) sudah dibuat: "
                f"lihat di tahun {tahun + 1}."
                if rpk is None and rpk_berikut is not None
                else ""
            ),
            reverse("perencanaan:rpk_list", args=args),
            *status_dok(rpk),
            kunci="rpk",
        ),
        Kartu(
            "Jadwal bulan ini",
            "Kegiatan RPK yang dijadwalkan pada bulan berjalan, per klaster.",
            reverse("perencanaan:rpk_bulan", args=args),
            kunci="rpk_bulan",
        ),
        Kartu(
            f"Katalog indikator {tahun}",
            "Indikator SPM, PIS-PK dan kinerja lain beserta definisi operasionalnya.",
            reverse("perencanaan:katalog_puskesmas", args=args),
            kunci="katalog",
        ),
    ]
    return kartu


def _kartu_kabupaten(k: Kabupaten, user) -> list[Kartu]:
    scope = lingkup(user)
    args = [k.pk]
    kartu = [
        Kartu(
            "Kepatuhan tenggat Februari",
            "Target kinerja dan SK Target Kinerja setiap Puskesmas: tepat waktu, terlambat, belum.",
            reverse("perencanaan:tenggat_kepatuhan", args=args),
            kunci="kepatuhan",
        ),
        Kartu(
            "RUK seluruh Puskesmas",
            "Status dan total anggaran RUK setiap Puskesmas.",
            reverse("perencanaan:ruk_kabupaten", args=args),
            kunci="ruk_kabupaten",
        ),
        Kartu(
            "Tahapan perencanaan",
            "Per Puskesmas: SK Tim, analisis situasi, masalah, RUK dan RPK yang sudah selesai.",
            reverse("perencanaan:tahapan_kabupaten", args=args),
            kunci="tahapan",
        ),
        Kartu(
            "Target berbeda dari target Dinkes",
            "Per Puskesmas: indikator yang targetnya berbeda dari target kabupaten, dengan "
            "alasannya, untuk ditinjau sebelum SK ditetapkan.",
            reverse("perencanaan:target_beda_kabupaten", args=args),
            kunci="target_beda",
        ),
        Kartu(
            "Katalog indikator",
            "Indikator per klaster untuk tahun terpilih: salin, ubah, impor dan ekspor Excel.",
            reverse("perencanaan:katalog", args=args),
            kunci="katalog",
        ),
    ]
    if scope.boleh(Aksi.KELOLA_KATALOG, puskesmas_id=None, kabupaten_id=k.pk):
        kartu.append(
            Kartu(
                "Tenggat kabupaten",
                "Tanggal jatuh tempo target kinerja dan SK untuk kabupaten ini.",
                reverse("perencanaan:tenggat_kabupaten", args=args),
                kunci="tenggat",
            )
        )
    return kartu


class IndexView(ModulView):
    template_name = "perencanaan/index.html"
    modul = "perencanaan"
    judul = "P1 Perencanaan"
    uraian = "Rencana lima tahunan, rencana tahunan, RUK, RPK/POA dan target kinerja per klaster."
    langkah = (
        Langkah(
            "Persiapan",
            "Tim Perencanaan dibentuk dengan SK Kepala Puskesmas, diketuai Kepala Tata Usaha.",
        ),
        Langkah("Analisis situasi", "Capaian tahun lalu dibandingkan dengan target, per klaster."),
        Langkah(
            "Perumusan masalah",
            "Masalah diprioritaskan dengan skor USG (Urgency, Seriousness, Growth).",
        ),
        Langkah(
            "Target kinerja",
            "Penanggung jawab klaster mengusulkan target; Kepala Puskesmas menetapkan SK Target Kinerja.",
        ),
        Langkah(
            "RUK dan RPK",
            "RUK tahun N+1 disahkan dan dikirim ke Dinkes; RPK/POA disusun setelah alokasi anggaran.",
        ),
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        tahun = ctx["tahun"]
        daftar = list(Puskesmas.objects.for_user(user).order_by("nama")[:2])
        scope = lingkup(user)
        if scope.tingkat_puskesmas:
            # Staff of one Puskesmas (the usual case); several: ?puskesmas=<pk> chooses.
            pilihan = Puskesmas.objects.for_user(user).filter(pk__in=scope.puskesmas_ids())
            try:
                diminta = int(self.request.GET.get("puskesmas") or 0)
            except ValueError:
                diminta = 0
            dipilih = pilihan.filter(pk=diminta).first()
            puskesmas = dipilih or pilihan.order_by("nama").first()
            ctx["puskesmas"] = puskesmas
            ctx["pilihan_puskesmas"] = (
                pilihan.order_by("nama") if len(scope.puskesmas_ids()) > 1 else []
            )
            ctx["kartu"] = _kartu_puskesmas(puskesmas, tahun) if puskesmas else []
        elif scope.nasional:
            ctx["nasional"] = True
        elif daftar:
            kabupaten = Kabupaten.objects.for_user(user).filter(
                pk__in=scope.kabupaten_ids(Aksi.REKAP_KABUPATEN)
            )
            ctx["kartu_kabupaten"] = [(k, _kartu_kabupaten(k, user)) for k in kabupaten[:5]]
        return ctx
