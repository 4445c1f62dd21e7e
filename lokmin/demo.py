"""P2 demo data for ``seed_demo``: what one Puskesmas has recorded this year, relative to
today, so its people find their monthly work under way.

* the Lokmin bulanan of last month, held on the 8th, with the notulen of three klaster and
  three RTL, each assigned to a person of the Puskesmas (due within the coming weeks);
* the PWS of one klaster (``KLASTER_PWS``) for every finished month of this year.

Through the services, as the pages write them. Running it again changes nothing: an
existing Lokmin or PWS sheet is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from puskesmas.referensi import pastikan_klaster
from puskesmas.services.rtl import rtl_tindak_lanjut

from . import kalender
from .models import Lokmin
from .models_pws import LembarPWS
from .selectors_pws import indikator_pws
from .services.lokmin import lokmin_buat, lokmin_rtl_buat, notulen_simpan
from .services_pws import lembar_pws_simpan

KLASTER_PWS = 2
NOTULEN = {
    2: "Cakupan K1 turun di dua desa; bidan desa menjadwalkan kunjungan rumah ibu hamil.",
    3: "Posbindu belum berjalan di Cibodas karena kader pindah; rekrut kader baru.",
    4: "Dua kasus TBC baru; pelacakan kontak serumah sudah dimulai.",
}
# (klaster nomor, masalah, rencana, username of the PJ, days after the meeting it is due)
RTL_DEMO = (
    (2, "Cakupan K1 Desa Cibodas di bawah target", "Kunjungan rumah ibu hamil", "pj2", 21),
    (3, "Posbindu Cibodas tanpa kader", "Rekrut dan latih dua kader baru", "pj3", 30),
    (1, "Laporan bulanan Pustu terlambat", "Tetapkan jadwal kirim laporan tanggal 5", "pj1", 14),
    (1, "Stok tablet tambah darah menipis", "Ajukan permintaan obat ke Dinkes", "staf", 10),
)
# The RTL whose follow-up is already recorded (waiting for the Tim Mutu's evaluation).
RTL_SELESAI = 0


def _lokmin(*, puskesmas, hari_ini: dt.date, penyusun, pengguna: dict) -> None:
    tahun, bulan = kalender.bulan_lalu(hari_ini.year, hari_ini.month)
    jenis = kalender.JenisLokmin.BULANAN.value
    if Lokmin.objects.filter(puskesmas=puskesmas, tahun=tahun, bulan=bulan, jenis=jenis).exists():
        return
    tanggal = dt.date(tahun, bulan, 8)
    lokmin = lokmin_buat(
        puskesmas=puskesmas,
        tahun=tahun,
        bulan=bulan,
        jenis=jenis,
        tanggal=tanggal,
        waktu="08.00 WIB",
        tempat=f"Aula Puskesmas {puskesmas.nama}",
        user=penyusun,
    )
    klaster = pastikan_klaster()
    notulen_simpan(
        lokmin=lokmin, isi={klaster[n].pk: teks for n, teks in NOTULEN.items()}, user=penyusun
    )
    for n, (nomor, masalah, rencana, pj, hari) in enumerate(RTL_DEMO):
        rtl = lokmin_rtl_buat(
            lokmin=lokmin,
            data={
                "klaster": klaster[nomor],
                "masalah": masalah,
                "rencana": rencana,
                "pj": pengguna.get(f"{pj}.{puskesmas.nama.lower()}"),
                "batas": max(tanggal + dt.timedelta(days=hari), hari_ini + dt.timedelta(days=7)),
            },
            user=penyusun,
        )
        if n == RTL_SELESAI and rtl.pj is not None:
            rtl_tindak_lanjut(
                rtl=rtl,
                uraian="Kunjungan rumah dilakukan; ibu hamil yang belum K1 diperiksa bidan desa.",
                tanggal=hari_ini,
                berkas=[ContentFile(BUKTI_PDF, name="laporan-kunjungan.pdf")],
                user=rtl.pj,
            )


BUKTI_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _pws(*, puskesmas, hari_ini: dt.date, pj) -> None:
    tahun = hari_ini.year
    klaster = pastikan_klaster()[KLASTER_PWS]
    indikator = indikator_pws(kabupaten=puskesmas.kabupaten, tahun=tahun, klaster_id=klaster.pk)
    desa = list(puskesmas.desa.order_by("pk"))
    if not indikator or not desa:
        return
    for bulan in range(1, hari_ini.month):
        if LembarPWS.objects.filter(
            puskesmas=puskesmas, tahun=tahun, bulan=bulan, klaster=klaster
        ).exists():
            continue
        nilai = {
            (d.pk, i.pk): 3 + (d.pk * 7 + i.pk * 3 + bulan * 5) % 9 for d in desa for i in indikator
        }
        lembar_pws_simpan(
            user=pj,
            puskesmas=puskesmas,
            tahun=tahun,
            bulan=bulan,
            klaster_id=klaster.pk,
            versi=None,
            nilai=nilai,
            konfirmasi=frozenset(nilai),
        )


def isi_demo(*, puskesmas, penyusun, pengguna: dict) -> None:
    """The P2 story of ``puskesmas``: ``penyusun`` organises the Lokmin (its Kepala TU),
    ``pengguna`` maps the demo usernames to their users (the PJ of the RTL and the PWS)."""
    hari_ini = timezone.localdate()
    _lokmin(puskesmas=puskesmas, hari_ini=hari_ini, penyusun=penyusun, pengguna=pengguna)
    pj = pengguna.get(f"pj{KLASTER_PWS}.{puskesmas.nama.lower()}")
    if pj is not None:
        _pws(puskesmas=puskesmas, hari_ini=hari_ini, pj=pj)
