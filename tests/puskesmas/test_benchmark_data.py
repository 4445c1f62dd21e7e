"""The benchmark data generator, at a tiny scale (the national run is ``make bench``)."""

import hashlib
import random
import xml.etree.ElementTree as ET
from argparse import Namespace

from benchmarks import data, grafik, p2p3, run
from lokmin.models import Lokmin
from lokmin.models_pws import LembarPWS, NilaiPWS
from perencanaan.models import (
    RPK,
    RUK,
    Indikator,
    KegiatanRPK,
    KegiatanRUK,
    PenetapanTarget,
    SKTargetKinerja,
    TargetDesa,
    TargetKinerja,
)
from pkp.models import (
    Instrumen,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    StatusVerifikasi,
)
from pkp.selectors.peringkat import peringkat_kabupaten
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import (
    RTL,
    Desa,
    Kabupaten,
    Kecamatan,
    Notifikasi,
    PenugasanPeran,
    Provinsi,
    Puskesmas,
    Pustu,
    SasaranDesa,
    TenggatKabupaten,
    User,
)


def _sidik() -> str:
    rows = Puskesmas.objects.order_by("kode").values_list("kode", "nama", "rawat_inap")
    desa = Desa.objects.order_by("puskesmas__kode", "kode").values_list("kode", "nama")
    users = User.objects.order_by("username").values_list("username", "nama_lengkap", "nip")
    pkp = PenilaianPKP.objects.order_by("puskesmas__kode").values_list(
        "puskesmas__kode", "status", "kelompok", "nilai_pelayanan", "nilai_manajemen"
    )
    rtl = RTL.objects.order_by("puskesmas__kode", "batas", "masalah", "status").values_list(
        "puskesmas__kode", "batas", "status", "sumber_label", "pj__username"
    )
    lokmin = Lokmin.objects.order_by("puskesmas__kode", "bulan", "jenis").values_list(
        "puskesmas__kode", "bulan", "jenis", "status", "tanggal"
    )
    pws = NilaiPWS.objects.order_by("lembar__puskesmas__kode", "lembar__bulan", "desa__kode")
    pws = pws.values_list("lembar__bulan", "desa__kode", "indikator__kode", "nilai")
    semua = [list(q) for q in (rows, desa, users, pkp, rtl, lokmin, pws)]
    return hashlib.sha256(repr(semua).encode()).hexdigest()


def _hapus():
    SKTargetKinerja.objects.update(digantikan_oleh=None)
    for model in (NilaiPWS, LembarPWS, RTL, Lokmin, NilaiPelayanan, NilaiManajemen, NilaiMutu):
        model.objects.all().delete()
    PenilaianPKP.objects.all().delete()
    Instrumen.objects.filter(kabupaten__isnull=False).delete()  # the standard is kept
    for model in (
        KegiatanRPK,
        RPK,
        KegiatanRUK,
        RUK,
        SKTargetKinerja,
        TargetDesa,
        TargetKinerja,
        PenetapanTarget,
        Indikator,
        TenggatKabupaten,
        Notifikasi,
    ):
        model.objects.all().delete()
    for model in (SasaranDesa, Pustu, PenugasanPeran, Desa, User, Puskesmas, Kecamatan):
        model.objects.all().delete()
    Kabupaten.objects.all().delete()
    Provinsi.objects.all().delete()


def test_two_kabupaten_keep_the_national_proportions_and_are_deterministic(db):
    skala = data.Skala.untuk_kabupaten(2)
    assert (skala.provinsi, skala.kabupaten, skala.kecamatan, skala.puskesmas) == (1, 2, 27, 39)
    jumlah = data.buat(skala, log=lambda *_: None)

    assert jumlah == data.jumlah_baris()
    assert jumlah["kecamatan"] == 27 and jumlah["puskesmas"] == 39
    assert 39 * skala.desa_min <= jumlah["desa"] <= 39 * skala.desa_max
    assert jumlah["sasaran_desa"] == 12 * jumlah["desa"]
    assert jumlah["pengguna"] == 2 * 3 + 39 * 9 + 1 == jumlah["penugasan_peran"]
    # bulk_create skips Puskesmas.save(): the generator must fill in the kabupaten itself.
    for p in Puskesmas.objects.select_related("kecamatan"):
        assert p.kabupaten_id == p.kecamatan.kabupaten_id
    assert data.data_sintetis() and data.sudah_ada(skala)
    assert Puskesmas.history.count() == 39 and SasaranDesa.history.count() == jumlah["sasaran_desa"]

    # A year of planning: every Puskesmas has targets and a RUK of 25 activities; signed
    # targets have an SK, approved RUK an RPK copied from it.
    assert jumlah["penetapan_target"] >= 39 and jumlah["ruk"] == 39
    assert jumlah["kegiatan_ruk"] == 39 * 25
    disetujui = RUK.objects.filter(status__in=[StatusAlur.DISAHKAN, StatusAlur.DIKIRIM])
    assert jumlah["rpk"] == disetujui.count() > 0
    assert jumlah["kegiatan_rpk"] == 25 * jumlah["rpk"]
    assert (
        jumlah["sk_target"]
        == PenetapanTarget.objects.filter(status__in=[StatusAlur.DISAHKAN, "digantikan"]).count()
    )
    assert jumlah["target_desa"] > 0 and jumlah["notifikasi"] > 0
    assert len(set(PenetapanTarget.objects.values_list("status", flat=True))) >= 4

    # PKP of the last finished year: an assessment with every item for every Puskesmas,
    # in mixed states; a set one verified item by item, with its result kept.
    assert jumlah["penilaian_pkp"] == 39 and PenilaianPKP.objects.filter(tahun=2025).count() == 39
    assert Instrumen.objects.filter(kabupaten__isnull=False, tahun=2025).count() == 2
    butir = jumlah["nilai_pkp"] // 39
    assert butir > 40 and jumlah["nilai_pkp"] == 39 * butir
    assert len(set(PenilaianPKP.objects.values_list("status", flat=True))) >= 3
    ditetapkan = PenilaianPKP.objects.filter(status=StatusAlur.DITETAPKAN)
    assert ditetapkan.exists() and not ditetapkan.filter(kelompok__isnull=True).exists()
    assert all(p.hasil["kelompok"] == p.kelompok for p in ditetapkan)
    assert (
        not NilaiManajemen.objects.filter(penilaian__status=StatusAlur.DITETAPKAN)
        .exclude(status_verifikasi=StatusVerifikasi.SETUJU)
        .exists()
    )
    assert NilaiPelayanan.objects.filter(capaian__isnull=False).count() > 0
    # Lokmin, RTL from several sources in every state, and PWS of the measured kabupaten.
    assert jumlah["lokmin"] >= 39 * 2
    assert 39 * 2 <= jumlah["rtl"] <= 39 * 10
    assert len(set(RTL.objects.values_list("status", flat=True))) == 5
    assert len(set(RTL.objects.values_list("sumber_jenis", flat=True))) == 4
    besar = p2p3.kabupaten_terbesar()
    assert set(LembarPWS.objects.values_list("puskesmas__kabupaten", flat=True)) == {besar}
    assert set(LembarPWS.objects.values_list("bulan", flat=True)) == set(p2p3.BULAN_PWS)
    assert jumlah["nilai_pws"] > jumlah["lembar_pws"] > 0
    # Their history rows carry their owner, as the app's own writes do.
    for model in (PenilaianPKP, NilaiMutu, Lokmin, RTL, NilaiPWS):
        riwayat = model.history.all()
        assert riwayat.count() == model.objects.count()
        assert not riwayat.filter(riwayat_puskesmas__isnull=True).exists()
    assert not Instrumen.history.filter(
        kabupaten__isnull=False, riwayat_kabupaten__isnull=True
    ).exists()

    sidik = _sidik()
    _hapus()
    data.buat(skala, log=lambda *_: None)
    assert _sidik() == sidik


def test_the_measured_pages_render_on_the_generated_data(db):
    data.buat(data.Skala.untuk_kabupaten(2), log=lambda *_: None)
    daftar = run._ukuran(None)
    assert len(daftar) >= 10
    for ukuran in daftar:
        run._ukur(ukuran, 1)  # raises on any status other than 200
        # Every measured page stays within 20 queries on data as dense as the national
        # run's (every kind of planning, P2, P3 and PKP row), the Kepala's home included.
        assert 0 < ukuran.kueri <= 20, (ukuran.nama, ukuran.kueri)
    halaman = {u.nama: u for u in daftar if u.lantai is not None}
    assert len(halaman) >= 8
    # Each SQL floor returns the rows its page shows.
    kab = Kabupaten.objects.get(pk=int(halaman["Rekap Dinkes satu kabupaten"].url.split("/")[2]))
    pkm = kab.puskesmas.order_by("pk").first()
    assert halaman["Beranda nasional"].lantai_baris == 2
    assert halaman["Beranda nasional hlm. 6"].lantai_baris == 0
    assert halaman["Rekap Dinkes satu kabupaten"].lantai_baris == kab.puskesmas.count()
    assert halaman["Daftar Puskesmas (verifikator)"].lantai_baris == kab.puskesmas.count()
    assert halaman["Daftar Puskesmas (nasional)"].lantai_baris == 39
    assert halaman["Detail Puskesmas"].lantai_baris == (
        pkm.desa.count() + pkm.pustu.count() + pkm.penugasan.count()
    )
    assert halaman["Riwayat perubahan"].lantai_baris == 100
    assert halaman["Daftar pengguna (admin Dinkes)"].lantai_baris == 50
    assert halaman["RUK kabupaten (Dinkes)"].lantai_baris == kab.puskesmas.count()
    assert halaman["Kepatuhan tenggat (Dinkes)"].lantai_baris == kab.puskesmas.count()
    assert halaman["Detail RUK"].lantai_baris == 25
    ruk = dict((r[0], r[4]) for r in halaman["RUK kabupaten (Dinkes)"].lantai.jalankan())
    assert set(ruk.values()) == {25}
    rekap = halaman["Rekap Dinkes satu kabupaten"].lantai.jalankan()
    assert [r[0] for r in rekap] == [
        p.pk for p in kab.puskesmas.order_by("kecamatan__nama", "nama")
    ]
    assert {r[5] for r in rekap} == {p.desa.count() for p in kab.puskesmas.all()}

    # The later apps' pages and their floors.
    n = kab.puskesmas.count()
    kapus = halaman["Beranda Kepala Puskesmas"].user
    for nama in ("Peringkat PKP kabupaten", "RTL kabupaten (Dinkes)", "Rekap PWS kabupaten"):
        assert halaman[nama].lantai_baris == n, nama
    peringkat = peringkat_kabupaten(kabupaten=kab, tahun=2025)
    lantai_pkp = halaman["Peringkat PKP kabupaten"].lantai.jalankan()
    assert [r[0] for r in lantai_pkp if r[5] == StatusAlur.DITETAPKAN] != []
    assert len(peringkat.ditetapkan) == sum(1 for r in lantai_pkp if r[5] == "ditetapkan")
    assert halaman["Papan RTL (Kepala Puskesmas)"].lantai_baris == pkm.rtl.count() > 0
    assert sum(sum(r[2:]) for r in halaman["RTL kabupaten (Dinkes)"].lantai.jalankan()) == (
        RTL.objects.filter(puskesmas__kabupaten=kab).count()
    )
    lembar = LembarPWS.objects.filter(puskesmas=pkm).order_by("-bulan", "klaster__nomor").first()
    grid = halaman["Grid PWS satu bulan"].lantai.jalankan()
    assert len(grid) == pkm.desa.count() * len({r[2] for r in grid}) > 0
    assert sorted(r[5] for r in grid) == sorted(lembar.nilai.values_list("nilai", flat=True))
    pws = halaman["Rekap PWS kabupaten"].lantai.jalankan()
    assert all(r[2] == r[3] > 0 for r in pws)  # every cell of the month entered
    assert halaman["Pengendalian kabupaten"].lantai_baris == n * 7  # 7 PWS indicators
    assert halaman["Daftar Lokmin"].lantai_baris == pkm.lokmin.filter(tahun=2026).count() > 0
    assert halaman["Notifikasi"].lantai_baris == 5
    rtl_kapus = RTL.objects.filter(pj=kapus, status__in=["belum", "proses"]).count()
    rtl_kapus += pkm.rtl.filter(status="selesai").count()
    assert halaman["Beranda Kepala Puskesmas"].lantai_baris == rtl_kapus + 5


def test_kabupaten_pages_by_kabupaten_size_and_their_plot(db):
    data.buat(data.Skala.untuk_kabupaten(2), log=lambda *_: None)
    titik = run._kurva_kabupaten(Namespace(ulang=1))
    ukuran = {k.pk: k.puskesmas.count() for k in Kabupaten.objects.all()}
    # Two kabupaten only: each measured once, smallest first.
    assert [t["kabupaten_id"] for t in titik] == sorted(ukuran, key=lambda k: (ukuran[k], k))
    for t in titik:
        assert t["puskesmas"] == ukuran[t["kabupaten_id"]]
        assert set(t["halaman"]) == {
            "Rekap Dinkes",
            "RUK kabupaten",
            "Kepatuhan tenggat",
            "Peringkat PKP",
        }
        assert all(h["median_ms"] > 0 and h["kueri"] > 0 for h in t["halaman"].values())
    svg = ET.fromstring(grafik.grafik_kurva(titik, judul="Uji <kurva>"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert len(svg.findall("s:polyline", ns)) == 4
    assert len(svg.findall("s:circle", ns)) == 4 * len(titik)
    assert svg.find("s:title", ns).text == "Uji <kurva>"


def test_kabupaten_sizes_for_the_plot_are_the_nearest_each_once():
    ukuran = {1: 10, 2: 12, 3: 29, 4: 33, 5: 58, 6: 97, 7: 100}
    assert run._pilih_kabupaten_kurva(ukuran) == [1, 3, 5, 7]
    # Fewer kabupaten than sizes: each once.
    assert run._pilih_kabupaten_kurva({8: 20, 9: 19}) == [9, 8]
    # A missing page leaves a gap: two points, one line each, the lone point still drawn.
    svg = ET.fromstring(
        grafik.grafik_kurva(
            [
                {"puskesmas": 10, "halaman": {"A": {"median_ms": 5.0}}},
                {"puskesmas": 60, "halaman": {"A": {"median_ms": 9.0}, "B": {"median_ms": 3}}},
            ],
            judul="t",
        )
    )
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert len(svg.findall("s:polyline", ns)) == 2 and len(svg.findall("s:circle", ns)) == 3


def test_a_database_with_other_data_is_refused(dunia):
    assert not data.data_sintetis()


def test_kabupaten_sizes_are_uneven_within_bounds():
    ukuran = data._bagi_timpang(10000, 514, random.Random(1))
    assert sum(ukuran) == 10000 and len(ukuran) == 514
    assert min(ukuran) >= 10 and max(ukuran) <= 100
    assert max(ukuran) >= 60 and sorted(ukuran)[257] < 20  # a few large, most small
    # Impossible bounds fall back to an even split.
    assert data._bagi_timpang(39, 5, random.Random(1)) == [8, 8, 8, 8, 7]


def test_the_machine_speed_is_measured_by_a_fixed_loop_and_a_fixed_statement(db):
    kalibrasi = run._kalibrasi(n_python=20_000, n_sql=2_000, ulang=3)
    assert set(kalibrasi) == {"python_ms", "sql_ms"}
    assert all(v > 0 for v in kalibrasi.values())
    # A slower machine shows as a larger figure: the loop timed is the loop given.
    lambat = run._kalibrasi(n_python=400_000, n_sql=2_000, ulang=3)
    assert lambat["python_ms"] > kalibrasi["python_ms"]
