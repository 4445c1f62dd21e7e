"""The monthly PWS due date in the core's registry: dates, what counts as done, bounded."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lokmin.tenggat_pws import PWS_BULANAN
from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.tenggat import TahapPengingat

from .factories_pws import desa_dengan_sasaran, indikator_pws, nilai_pws


def test_registered_monthly_due_on_day_5_of_the_next_month_reminded_when_late():
    assert td.ambil("pws_bulanan") is PWS_BULANAN
    kejadian = PWS_BULANAN.kejadian_tahun(2026)
    assert [k.kode for k in kejadian] == [f"{b:02d}" for b in range(1, 13)]
    assert kejadian[0].batas == date(2026, 2, 5)
    assert kejadian[-1].batas == date(2027, 1, 5)
    assert PWS_BULANAN.judul(kejadian[2]) == "PWS bulan Maret"
    assert PWS_BULANAN.tahap == frozenset({TahapPengingat.LEWAT})


def test_a_month_is_done_once_every_cell_is_entered(dunia):
    ind = indikator_pws(dunia.kab_x)
    indikator_pws(dunia.kab_x, kategori="")  # no population group: not a PWS indicator
    desa_a = [dunia.a.desa.get(), desa_dengan_sasaran(dunia.a)]
    desa_b = dunia.b.desa.get()
    kejadian = PWS_BULANAN.kejadian_tahun(2026)[0]
    ids = [dunia.a.pk, dunia.b.pk, dunia.c.pk]
    assert PWS_BULANAN.selesai(ids, kejadian) == {}
    nilai_pws(puskesmas=dunia.a, desa=desa_a[0], indikator=ind, bulan=1, nilai=1)
    nilai_pws(puskesmas=dunia.b, desa=desa_b, indikator=ind, bulan=1, nilai=1)
    nilai_pws(puskesmas=dunia.a, desa=desa_a[1], indikator=ind, bulan=2, nilai=1)  # other month
    assert set(PWS_BULANAN.selesai(ids, kejadian)) == {dunia.b.pk}
    nilai_pws(puskesmas=dunia.a, desa=desa_a[1], indikator=ind, bulan=1, nilai=1)
    with CaptureQueriesContext(connection) as q:
        selesai = PWS_BULANAN.selesai(ids, kejadian)
    assert set(selesai) == {dunia.a.pk, dunia.b.pk}
    assert len(q.captured_queries) == 1  # one query for any number of Puskesmas
