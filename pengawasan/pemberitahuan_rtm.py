"""Who hears of each RTM workflow step (``puskesmas.alat.pemberitahuan``), loaded by
``PengawasanConfig.ready()``: a submission tells the Kepala Puskesmas; a return tells the
organisers; an approval tells the organisers and the tim mutu, who follow its decisions."""

from django.urls import reverse

from puskesmas.alat import pemberitahuan as pb
from puskesmas.choices import Peran

from .models import RTM

KEPALA = pb.peran_puskesmas(Peran.KEPALA_PUSKESMAS)
PENYUSUN = pb.peran_puskesmas(Peran.KEPALA_TU, Peran.TIM_MUTU)


def _judul(kata: str):
    return lambda rtm: f"{rtm} {rtm.puskesmas} {kata}"


def _tautan(rtm: RTM) -> str:
    return reverse("pengawasan:rtm_detail", args=[rtm.pk])


pb.daftar(
    RTM, "ajukan", pb.Pemberitahuan(penerima=KEPALA, judul=_judul("diajukan"), tautan=_tautan)
)
pb.daftar(
    RTM,
    "kembalikan",
    pb.Pemberitahuan(penerima=PENYUSUN, judul=_judul("dikembalikan"), tautan=_tautan),
)
pb.daftar(
    RTM,
    "sahkan",
    pb.Pemberitahuan(penerima=PENYUSUN, judul=_judul("disetujui Kepala Puskesmas"), tautan=_tautan),
)
