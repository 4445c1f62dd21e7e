"""The two PKP due dates in the shared registry: policy dates, what counts as done, and who
is reminded."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pkp import tenggat as pkp_tenggat
from pkp.models import PenilaianPKP
from pkp.selectors.tenggat import penerima_verifikator
from pkp.services.penilaian import penilaian_langkah
from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Notifikasi
from puskesmas.services.tenggat import pengingat_tenggat_kirim

from .conftest import TAHUN, isi_semua

# What counts as done, as the registry derives it from each kind's read (kueri_selesai).
selesai_diajukan = pkp_tenggat.DIAJUKAN.selesai
selesai_ditetapkan = pkp_tenggat.DITETAPKAN.selesai

WIB = ZoneInfo("Asia/Jakarta")


def test_both_kinds_are_registered_with_the_policy_dates():
    diajukan = td.ambil("pkp_diajukan")
    ditetapkan = td.ambil("pkp_ditetapkan")
    (k,) = diajukan.kejadian_tahun(2028)
    assert (k.kode, k.batas) == ("2027", date(2028, 1, 31))
    assert diajukan.judul(k) == "Pengajuan penilaian mandiri PKP data 2027"
    (k,) = ditetapkan.kejadian_tahun(2028)
    assert (k.kode, k.batas) == ("2027", date(2028, 2, 29))  # a leap year
    assert ditetapkan.kejadian_tahun(2027)[0].batas == date(2027, 2, 28)
    assert pkp_tenggat.batas_diajukan(2030) == date(2030, 1, 31)


def test_submitted_counts_from_the_first_submission_even_when_returned(dunia, penilaian_a):
    (kejadian,) = td.ambil("pkp_diajukan").kejadian_tahun(TAHUN + 1)
    ids = [dunia.a.pk, dunia.b.pk]
    assert selesai_diajukan(ids, kejadian) == {}
    isi_semua(penilaian_a)
    with time_machine.travel(datetime(TAHUN + 1, 1, 20, 9, tzinfo=WIB), tick=False):
        p = penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)
    with time_machine.travel(datetime(TAHUN + 1, 1, 25, 9, tzinfo=WIB), tick=False):
        p = penilaian_langkah(
            penilaian=p, langkah="kembalikan", user=dunia.verifikator_x, catatan="Periksa"
        )
    assert selesai_diajukan(ids, kejadian) == {dunia.a.pk: date(TAHUN + 1, 1, 20)}
    # An assessment of another year does not count.
    (lain,) = td.ambil("pkp_diajukan").kejadian_tahun(TAHUN + 2)
    assert selesai_diajukan(ids, lain) == {}


def test_verification_is_done_when_set(dunia, penilaian_a):
    (kejadian,) = td.ambil("pkp_ditetapkan").kejadian_tahun(TAHUN + 1)
    PenilaianPKP.objects.filter(pk=penilaian_a.pk).update(status=StatusAlur.DIAJUKAN)
    assert selesai_ditetapkan([dunia.a.pk], kejadian) == {}
    PenilaianPKP.objects.filter(pk=penilaian_a.pk).update(
        status=StatusAlur.DITETAPKAN, ditetapkan_pada=datetime(TAHUN + 1, 2, 20, 9, tzinfo=WIB)
    )
    assert selesai_ditetapkan([dunia.a.pk], kejadian) == {dunia.a.pk: date(TAHUN + 1, 2, 20)}


def test_verification_reminds_the_verifiers_of_the_kabupaten(dunia):
    (kejadian,) = td.ambil("pkp_ditetapkan").kejadian_tahun(2028)
    hasil = penerima_verifikator([dunia.a.pk, dunia.c.pk], kejadian)
    assert hasil == {dunia.a.pk: [dunia.verifikator_x], dunia.c.pk: [dunia.verifikator_y]}


@pytest.mark.django_db
def test_the_daily_task_reminds_the_kepala_and_the_verifier(dunia):
    pengingat_tenggat_kirim(hari_ini=date(2028, 1, 24))  # H-7 of 31 January
    pesan = Notifikasi.objects.filter(kunci__startswith="tenggat:pkp_diajukan:")
    assert set(pesan.values_list("penerima__username", flat=True)) == {dunia.kapus_a.username}
    n = pesan.get()
    assert n.pesan.startswith(
        f"Pengajuan penilaian mandiri PKP data 2027 {dunia.a} harus diajukan Kepala Puskesmas "
        "ke Dinas Kesehatan paling lambat 31 Januari 2028."
    )
    assert n.kunci == f"tenggat:pkp_diajukan:{dunia.a.pk}:2028-2027:H-7"
    pengingat_tenggat_kirim(hari_ini=date(2028, 2, 22))  # H-7 of 29 February
    verifikasi = Notifikasi.objects.filter(kunci__startswith="tenggat:pkp_ditetapkan:")
    assert set(verifikasi.values_list("penerima__username", "kunci")) == {
        (dunia.verifikator_x.username, f"tenggat:pkp_ditetapkan:{dunia.a.pk}:2028-2027:H-7"),
        (dunia.verifikator_x.username, f"tenggat:pkp_ditetapkan:{dunia.b.pk}:2028-2027:H-7"),
        (dunia.verifikator_y.username, f"tenggat:pkp_ditetapkan:{dunia.c.pk}:2028-2027:H-7"),
    }
