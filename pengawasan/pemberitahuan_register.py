"""Who hears of each step of the SK Tim Mutu, declared in the core's registry
(``puskesmas.alat.pemberitahuan``): a submission tells the Kepala, who acts next; a return or
the signature tells the people who keep the Tim Mutu's records."""

from django.urls import reverse

from puskesmas.alat import pemberitahuan as pb
from puskesmas.choices import Peran

from .models import TimMutu

KEPALA = pb.peran_puskesmas(Peran.KEPALA_PUSKESMAS)
PENYUSUN = pb.peran_puskesmas(Peran.TIM_MUTU, Peran.KEPALA_TU)


def _url_tim_mutu(tim: TimMutu) -> str:
    return f"{reverse('pengawasan:tim_mutu', args=[tim.puskesmas_id])}?tahun={tim.tahun}"


def _judul(kata: str):
    return lambda tim: f"SK Tim Mutu {tim.tahun} {tim.puskesmas} {kata}"


pb.daftar(
    TimMutu,
    "ajukan",
    pb.Pemberitahuan(penerima=KEPALA, judul=_judul("diajukan"), tautan=_url_tim_mutu),
)
pb.daftar(
    TimMutu,
    "kembalikan",
    pb.Pemberitahuan(penerima=PENYUSUN, judul=_judul("dikembalikan"), tautan=_url_tim_mutu),
)
pb.daftar(
    TimMutu,
    "sahkan",
    pb.Pemberitahuan(penerima=PENYUSUN, judul=_judul("ditetapkan"), tautan=_url_tim_mutu),
)
