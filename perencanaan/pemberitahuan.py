"""Who hears of each P1 workflow step, declared in the core's registry
(``puskesmas.alat.pemberitahuan``). Loaded by ``PerencanaanConfig.ready()``.

The rule of thumb: a step notifies whoever acts next (a submission the Kepala, a return or
an approval the drafters), and a document that leaves the Puskesmas or binds others (the SK
Target Kinerja) the people it binds and the Dinkes.
"""

from django.urls import reverse

from puskesmas.alat import pemberitahuan as pb
from puskesmas.choices import Peran
from puskesmas.models import User

from .models import RPK, RUK, PenetapanTarget, RencanaLimaTahunan, TimPerencanaan

KEPALA = pb.peran_puskesmas(Peran.KEPALA_PUSKESMAS)
KEPALA_TU = pb.peran_puskesmas(Peran.KEPALA_TU)
PENYUSUN = pb.peran_puskesmas(Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS)
PJ_KLASTER = pb.peran_puskesmas(Peran.PJ_KLASTER)
VERIFIKATOR = pb.peran_kabupaten(Peran.VERIFIKATOR_DINKES)


def _url_target(penetapan: PenetapanTarget) -> str:
    url = reverse("perencanaan:target", args=[penetapan.puskesmas_id])
    return f"{url}?tahun={penetapan.tahun}"


def _anggota_tim(penetapan: PenetapanTarget) -> list[User]:
    """The members of the year's Tim Perencanaan (its chair included). One query."""
    return list(
        User.objects.filter(
            pk__in=TimPerencanaan.objects.filter(
                puskesmas_id=penetapan.puskesmas_id, tahun=penetapan.tahun
            ).values("anggota__user_id"),
            is_active=True,
        )
    )


def _judul(jenis: str, kata: str):
    return lambda dok: f"{jenis} {dok.tahun} {dok.puskesmas} {kata}"


# --- Target kinerja and the SK ----------------------------------------------------------

pb.daftar(
    PenetapanTarget,
    "ajukan",
    pb.Pemberitahuan(
        penerima=KEPALA,
        judul=_judul("Target kinerja", "diajukan, menunggu SK Target Kinerja"),
        tautan=_url_target,
    ),
)
pb.daftar(
    PenetapanTarget,
    "kembalikan",
    pb.Pemberitahuan(
        penerima=pb.gabungan(KEPALA_TU, PJ_KLASTER),
        judul=_judul("Target kinerja", "dikembalikan"),
        tautan=_url_target,
    ),
)
pb.daftar(
    PenetapanTarget,
    "sahkan",
    pb.Pemberitahuan(
        penerima=pb.gabungan(_anggota_tim, PJ_KLASTER, VERIFIKATOR),
        judul=_judul("SK Target Kinerja", "ditetapkan"),
        tautan=_url_target,
    ),
)

# --- Tim Perencanaan ----------------------------------------------------------------------


def _url_tim(tim: TimPerencanaan) -> str:
    return f"{reverse('perencanaan:tim', args=[tim.puskesmas_id])}?tahun={tim.tahun}"


pb.daftar(
    TimPerencanaan,
    "ajukan",
    pb.Pemberitahuan(
        penerima=KEPALA, judul=_judul("SK Tim Perencanaan", "diajukan"), tautan=_url_tim
    ),
)

# --- Renstra ------------------------------------------------------------------------------


def _url_renstra(renstra: RencanaLimaTahunan) -> str:
    return reverse("perencanaan:renstra_detail", args=[renstra.puskesmas_id, renstra.pk])


def _judul_renstra(kata: str):
    return lambda r: f"Rencana lima tahunan {r.tahun_mulai}–{r.tahun_selesai} {r.puskesmas} {kata}"


pb.daftar(
    RencanaLimaTahunan,
    "ajukan",
    pb.Pemberitahuan(penerima=KEPALA, judul=_judul_renstra("diajukan"), tautan=_url_renstra),
)
pb.daftar(
    RencanaLimaTahunan,
    "kembalikan",
    pb.Pemberitahuan(penerima=KEPALA_TU, judul=_judul_renstra("dikembalikan"), tautan=_url_renstra),
)
pb.daftar(
    RencanaLimaTahunan,
    "sahkan",
    pb.Pemberitahuan(penerima=KEPALA_TU, judul=_judul_renstra("disahkan"), tautan=_url_renstra),
)

# --- RUK ----------------------------------------------------------------------------------


def _url_ruk(ruk: RUK) -> str:
    return reverse("perencanaan:ruk_detail", args=[ruk.pk])


pb.daftar(
    RUK,
    "ajukan",
    pb.Pemberitahuan(penerima=KEPALA, judul=_judul("RUK", "diajukan"), tautan=_url_ruk),
)
pb.daftar(
    RUK,
    "kembalikan",
    pb.Pemberitahuan(penerima=KEPALA_TU, judul=_judul("RUK", "dikembalikan"), tautan=_url_ruk),
)
pb.daftar(
    RUK,
    "sahkan",
    pb.Pemberitahuan(penerima=KEPALA_TU, judul=_judul("RUK", "disahkan"), tautan=_url_ruk),
)
pb.daftar(
    RUK,
    "kirim",
    pb.Pemberitahuan(
        penerima=pb.peran_kabupaten(Peran.VERIFIKATOR_DINKES, Peran.ADMIN_DINKES),
        judul=_judul("RUK", "dikirim ke Dinas Kesehatan"),
        tautan=_url_ruk,
    ),
)
pb.daftar(
    RUK,
    "terima",
    pb.Pemberitahuan(
        penerima=PENYUSUN, judul=_judul("RUK", "diterima Dinas Kesehatan"), tautan=_url_ruk
    ),
)
pb.daftar(
    RUK,
    "kembalikan_dinkes",
    pb.Pemberitahuan(
        penerima=PENYUSUN,
        judul=_judul("RUK", "dikembalikan Dinas Kesehatan dengan catatan"),
        tautan=_url_ruk,
        pesan=lambda ruk, catatan: f"Catatan Dinas Kesehatan: {catatan}",
    ),
)

# --- RPK ----------------------------------------------------------------------------------


def _url_rpk(rpk: RPK) -> str:
    return reverse("perencanaan:rpk_detail", args=[rpk.pk])


pb.daftar(
    RPK,
    "ajukan",
    pb.Pemberitahuan(penerima=KEPALA, judul=_judul("RPK", "diajukan"), tautan=_url_rpk),
)
pb.daftar(
    RPK,
    "kembalikan",
    pb.Pemberitahuan(penerima=KEPALA_TU, judul=_judul("RPK", "dikembalikan"), tautan=_url_rpk),
)
pb.daftar(
    RPK,
    "sahkan",
    pb.Pemberitahuan(penerima=KEPALA_TU, judul=_judul("RPK", "disahkan"), tautan=_url_rpk),
)
