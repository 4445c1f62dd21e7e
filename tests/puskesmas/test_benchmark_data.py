"""The benchmark data generator, at a tiny scale (the national run is ``make bench``)."""

import hashlib

from benchmarks import data, run
from puskesmas.models import (
    Desa,
    Kabupaten,
    Kecamatan,
    PenugasanPeran,
    Provinsi,
    Puskesmas,
    Pustu,
    SasaranDesa,
    User,
)


def _sidik() -> str:
    rows = Puskesmas.objects.order_by("kode").values_list("kode", "nama", "rawat_inap")
    desa = Desa.objects.order_by("puskesmas__kode", "kode").values_list("kode", "nama")
    users = User.objects.order_by("username").values_list("username", "nama_lengkap", "nip")
    return hashlib.sha256(repr((list(rows), list(desa), list(users))).encode()).hexdigest()


def _hapus():
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
    rekap = halaman["Rekap Dinkes satu kabupaten"].lantai.jalankan()
    assert [r[0] for r in rekap] == [
        p.pk for p in kab.puskesmas.order_by("kecamatan__nama", "nama")
    ]
    assert {r[5] for r in rekap} == {p.desa.count() for p in kab.puskesmas.all()}


def test_a_database_with_other_data_is_refused(dunia):
    assert not data.data_sintetis()
