"""The benchmark data generator, at a tiny scale (the national run is ``make bench``)."""

import hashlib
import random

from benchmarks import data, run
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
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import (
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
    return hashlib.sha256(repr((list(rows), list(desa), list(users))).encode()).hexdigest()


def _hapus():
    SKTargetKinerja.objects.update(digantikan_oleh=None)
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
        assert ukuran.kueri > 0
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


def test_a_database_with_other_data_is_refused(dunia):
    assert not data.data_sintetis()


def test_kabupaten_sizes_are_uneven_within_bounds():
    ukuran = data._bagi_timpang(10000, 514, random.Random(1))
    assert sum(ukuran) == 10000 and len(ukuran) == 514
    assert min(ukuran) >= 10 and max(ukuran) <= 100
    assert max(ukuran) >= 60 and sorted(ukuran)[257] < 20  # a few large, most small
    # Impossible bounds fall back to an even split.
    assert data._bagi_timpang(39, 5, random.Random(1)) == [8, 8, 8, 8, 7]
