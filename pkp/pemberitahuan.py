"""Who hears of each PKP workflow step, declared in the core's registry
(``puskesmas.alat.pemberitahuan``). Loaded by ``PkpConfig.ready()``.

A submission tells the kabupaten's verifiers; a return (with its reason) and a penetapan
(with the group and the umpan balik) tell the Kepala Puskesmas and the Kepala TU. The
registry sends each once per step and version, never to the person who took the step.
"""

from django.urls import reverse

from puskesmas.alat import pemberitahuan as pb
from puskesmas.choices import Peran

from . import scoring
from .models import PenilaianPKP

PIMPINAN = pb.peran_puskesmas(Peran.KEPALA_PUSKESMAS, Peran.KEPALA_TU)
KELOMPOK_BELUM = "kelompok belum dapat ditentukan"
PESAN_AJUKAN = "Periksa setiap butir, lalu tetapkan atau kembalikan dengan alasan."
PESAN_TETAPKAN = "Hasil penetapan: {kelompok}. Umpan balik tersedia sebagai PDF."


def _judul(kata: str):
    return lambda p: f"PKP {p.tahun} {p.puskesmas} {kata}"


def label_kelompok(penilaian: PenilaianPKP) -> str:
    """The group as set. The notification goes out within the step, before the service
    stores the result, so it is worked out here from the verified values when not yet kept."""
    kelompok = penilaian.kelompok
    if not kelompok:
        from .selectors import hitung

        kelompok = hitung.hasil_penilaian(penilaian, akhir=True).kelompok
    return scoring.Kelompok(kelompok).label if kelompok else KELOMPOK_BELUM


def _url_penilaian(p: PenilaianPKP) -> str:
    return f"{reverse('pkp:penilaian', args=[p.puskesmas_id])}?tahun={p.tahun}"


pb.daftar(
    PenilaianPKP,
    "ajukan",
    pb.Pemberitahuan(
        penerima=pb.peran_kabupaten(Peran.VERIFIKATOR_DINKES),
        judul=_judul("diajukan untuk diverifikasi"),
        tautan=lambda p: reverse("pkp:verifikasi", args=[p.pk]),
        pesan=lambda p, catatan: PESAN_AJUKAN,
    ),
)
pb.daftar(
    PenilaianPKP,
    "kembalikan",
    pb.Pemberitahuan(
        penerima=PIMPINAN,
        judul=_judul("dikembalikan oleh Dinas Kesehatan"),
        tautan=_url_penilaian,
    ),
)
pb.daftar(
    PenilaianPKP,
    "tetapkan",
    pb.Pemberitahuan(
        penerima=PIMPINAN,
        judul=lambda p: f"PKP {p.tahun} {p.puskesmas} ditetapkan: {label_kelompok(p)}",
        tautan=lambda p: reverse("pkp:umpan_balik_pdf", args=[p.pk]),
        pesan=lambda p, catatan: PESAN_TETAPKAN.format(kelompok=label_kelompok(p)),
    ),
)
