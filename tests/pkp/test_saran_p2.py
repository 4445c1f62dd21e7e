"""P2's suggestion rules on the database: the collectors read Lokmin and PIS-PK records
into the facts of ``pkp.saran_aturan_p2``, in a fixed number of queries."""

from datetime import date

from lokmin.models import KeluargaPISPK, LangkahPISPK, TinjauanRTL
from pkp import saran_daftar, saran_p2
from pkp.saran_p2 import kumpulkan_lokmin_bulanan, kumpulkan_lokmin_tribulanan, kumpulkan_pispk
from puskesmas.models import Klaster
from puskesmas.referensi import pastikan_klaster

from ..factories import DesaFactory, SasaranDesaFactory
from ..lokmin.factories import (
    LokminFactory,
    NotulenKlasterFactory,
    PesertaLokminFactory,
    RTLFactory,
)

N = 2026


def lokmin_lengkap(dunia, bulan, *, jenis="bulanan", rtl=1, instansi=False, ls=False):
    """An approved Lokmin with undangan, attendance, every klaster's notulen and ``rtl`` RTL."""
    pastikan_klaster()
    lk = LokminFactory(
        puskesmas=dunia.a, tahun=N, bulan=bulan, jenis=jenis, status="disahkan",
        undangan_dikirim=date(N, bulan, 1),
    )  # fmt: skip
    PesertaLokminFactory(lokmin=lk, hadir=True)
    PesertaLokminFactory(lokmin=lk, hadir=False)
    if ls:
        PesertaLokminFactory(lokmin=lk, hadir=True, kategori="lintas_sektor", instansi="Camat")
    for k in Klaster.objects.all():
        NotulenKlasterFactory(lokmin=lk, klaster=k, diisi_oleh=dunia.ktu_a)
    dibuat = [
        RTLFactory(
            puskesmas=dunia.a,
            dibuat_oleh=dunia.ktu_a,
            sumber_objek=lk,
            pj_instansi="Camat" if instansi else "",
            pj=None if instansi else dunia.pj2_a,
        )  # fmt: skip
        for _ in range(rtl)
    ]
    return lk, dibuat


def test_nothing_recorded_gives_0_for_each(dunia):
    saran = saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N, kode=["1.1.4", "1.1.5", "1.1.6"])
    assert {k: s.skor for k, s in saran.items()} == {"1.1.4": 0, "1.1.5": 0, "1.1.6": 0}
    assert saran["1.1.4"].alasan == f"Tidak ada dokumen Lokmin bulanan tahun {N}."


def test_bulanan_facts_count_documents_and_follow_up(dunia):
    maret, rtl_maret = lokmin_lengkap(dunia, 3, rtl=2)
    april, _ = lokmin_lengkap(dunia, 4)
    TinjauanRTL.objects.create(
        lokmin=april, rtl=rtl_maret[0], keputusan="progres", catatan="Jalan",
        status_rtl="proses", oleh=dunia.ktu_a,
    )  # fmt: skip
    LokminFactory(puskesmas=dunia.a, tahun=N, bulan=5)  # a draft with nothing
    LokminFactory(puskesmas=dunia.a, tahun=N, bulan=5, jenis="tribulanan")  # other kind

    fakta = kumpulkan_lokmin_bulanan(dunia.a, N)
    assert [r.bulan for r in fakta.rapat] == [3, 4, 5]
    m, a, mei = fakta.rapat
    assert (m.selesai, m.undangan, m.hadir, m.notulen_lengkap, m.jumlah_rtl) == (
        True, True, 1, True, 2,
    )  # fmt: skip
    assert (m.rtl_lalu, m.rtl_lalu_ditindaklanjuti) == (0, 0)  # no February meeting
    assert (a.rtl_lalu, a.rtl_lalu_ditindaklanjuti) == (2, 1)
    assert (mei.selesai, mei.undangan, mei.hadir, mei.notulen_lengkap) == (False, False, 0, False)
    assert (mei.rtl_lalu, mei.rtl_lalu_ditindaklanjuti) == (1, 0)
    assert a.url.endswith(f"/{april.pk}/")
    assert saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N, kode=["1.1.4"])["1.1.4"].skor == 4

    # the other RTL evaluated before April's meeting needs no review
    rtl_maret[1].status = "dievaluasi"
    rtl_maret[1].save()
    assert kumpulkan_lokmin_bulanan(dunia.a, N).rapat[1].rtl_lalu_ditindaklanjuti == 2


def test_january_follows_up_december_of_the_year_before(dunia):
    pastikan_klaster()
    desember = LokminFactory(puskesmas=dunia.a, tahun=N - 1, bulan=12, status="disahkan")
    RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=desember)
    lokmin_lengkap(dunia, 1)
    (januari,) = kumpulkan_lokmin_bulanan(dunia.a, N).rapat
    assert (januari.rtl_lalu, januari.rtl_lalu_ditindaklanjuti) == (1, 0)


def test_a_full_year_reviewed_each_month_is_10(dunia):
    sebelumnya = []
    for bulan in range(1, 13):
        lk, rtl = lokmin_lengkap(dunia, bulan)
        for r in sebelumnya:
            TinjauanRTL.objects.create(
                lokmin=lk, rtl=r, keputusan="progres", catatan="-", status_rtl="belum",
                oleh=dunia.ktu_a,
            )  # fmt: skip
        sebelumnya = rtl
    s = saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N, kode=["1.1.4"])["1.1.4"]
    assert s.skor == 10


def test_tribulanan_facts_count_lintas_sektor(dunia):
    lokmin_lengkap(dunia, 2, jenis="tribulanan", instansi=True, ls=True)
    lokmin_lengkap(dunia, 5, jenis="tribulanan")
    feb, mei = kumpulkan_lokmin_tribulanan(dunia.a, N).rapat
    assert (feb.hadir, feb.hadir_ls, feb.rtl_instansi) == (2, 1, 1)
    assert (mei.hadir_ls, mei.rtl_instansi, mei.rtl_lalu) == (0, 0, 1)
    s = saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N, kode=["1.1.5"])["1.1.5"]
    assert s.skor == 4
    assert "Mei belum ada kehadiran lintas sektor" in s.alasan


def test_lokmin_collector_queries_do_not_grow(dunia, django_assert_num_queries):
    lokmin_lengkap(dunia, 3)
    with django_assert_num_queries(4):
        kumpulkan_lokmin_bulanan(dunia.a, N)
    for bulan in (4, 5, 6):
        lokmin_lengkap(dunia, bulan, rtl=3)
    with django_assert_num_queries(4):
        kumpulkan_lokmin_bulanan(dunia.a, N)


def test_the_three_rules_share_one_read(dunia, django_assert_num_queries):
    lokmin_lengkap(dunia, 3)
    lokmin_lengkap(dunia, 2, jenis="tribulanan")
    kode = ["1.1.4", "1.1.5", "1.1.6"]
    with django_assert_num_queries(4):
        sedikit = saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N, kode=kode)
    for bulan in (4, 5, 6):
        lokmin_lengkap(dunia, bulan, rtl=3)
    lokmin_lengkap(dunia, 5, jenis="tribulanan", rtl=2)
    with django_assert_num_queries(4):
        banyak = saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N, kode=kode)
    assert sedikit["1.1.4"] != banyak["1.1.4"]  # the new meetings were read


def test_pispk_facts(dunia, django_assert_num_queries):
    d1, d2 = DesaFactory(puskesmas=dunia.a), DesaFactory(puskesmas=dunia.a)
    SasaranDesaFactory(desa=d1, tahun=N, kategori="kk", jumlah=6)
    SasaranDesaFactory(desa=d2, tahun=N, kategori="kk", jumlah=4)
    SasaranDesaFactory(desa=d2, tahun=N - 1, kategori="kk", jumlah=400)  # other year
    for i in range(3):
        KeluargaPISPK.objects.create(
            puskesmas=dunia.a, tahun=N, desa=d1, kode=f"K{i}", jawaban="Y" * 12
        )
    KeluargaPISPK.objects.create(
        puskesmas=dunia.a, tahun=N - 1, desa=d1, kode="L", jawaban="Y" * 12
    )
    for langkah, tgl in (("intervensi_awal", date(N, 2, 1)), ("entri_data", date(N, 3, 1))):
        LangkahPISPK.objects.create(
            puskesmas=dunia.a, tahun=N, langkah=langkah, tanggal=tgl, uraian="-"
        )
    with django_assert_num_queries(2):  # P2's shared read: no meeting, so no RTL read
        fakta = kumpulkan_pispk(dunia.a, N)
    assert (fakta.disurvei, fakta.jumlah_keluarga) == (3, 10)
    assert (fakta.intervensi_awal, fakta.entri_data, fakta.analisis) == (
        date(N, 2, 1), date(N, 3, 1), None,
    )  # fmt: skip
    s = saran_daftar.saran_untuk(puskesmas=dunia.a, tahun=N, kode=["1.1.6"])["1.1.6"]
    assert s.skor == 4
    assert s.alasan.startswith("3 dari 10 keluarga disurvei (30.0%)")


def test_pispk_without_kk_sasaran_is_not_computable(dunia):
    assert kumpulkan_pispk(dunia.a, N).jumlah_keluarga is None


def test_p2_registers_its_three_variables(monkeypatch):
    monkeypatch.setattr(saran_daftar, "_DAFTAR", {})
    saran_p2.daftarkan()
    assert saran_daftar.terdaftar() == {"1.1.4", "1.1.5", "1.1.6"}
    assert saran_daftar.tanpa_aturan(["1.1.3", "1.1.4", "1.1.6"]) == ["1.1.3"]


def test_february_tribulanan_follows_up_november_of_the_year_before(dunia):
    pastikan_klaster()
    november = LokminFactory(
        puskesmas=dunia.a, tahun=N - 1, bulan=11, jenis="tribulanan", status="disahkan"
    )
    (rtl,) = [RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=november)]
    feb, _ = lokmin_lengkap(dunia, 2, jenis="tribulanan", ls=True, instansi=True)
    TinjauanRTL.objects.create(
        lokmin=feb, rtl=rtl, keputusan="progres", catatan="-", status_rtl="belum", oleh=dunia.ktu_a
    )
    (f,) = kumpulkan_lokmin_tribulanan(dunia.a, N).rapat
    assert (f.bulan, f.rtl_lalu, f.rtl_lalu_ditindaklanjuti) == (2, 1, 1)
