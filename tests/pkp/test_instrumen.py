"""The PKP instrument: the shipped national default, the copy a Dinkes adapts, the pages
and who may use them."""

import csv
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pkp import rubrik
from pkp.models import (
    IndikatorMutu,
    IndikatorPelayanan,
    Instrumen,
    KelompokPelayanan,
    KomponenManajemen,
    VariabelManajemen,
)
from pkp.services.instrumen import (
    PESAN_STANDAR_BELUM,
    PESAN_SUDAH_ADA,
    PESAN_SUDAH_DIKONFIRMASI,
    InstrumenGagal,
    instrumen_salin,
    standar_nasional_bangun,
    standar_nasional_pastikan,
    variabel_konfirmasi,
)
from puskesmas.alat.access import PESAN_DITOLAK

from ..perencanaan.factories_katalog import IndikatorFactory
from .conftest import TAHUN

CSV_REPO = Path(__file__).resolve().parents[2] / "pkp" / "data" / "rubrik_manajemen.csv"
KOLOM_TEKS = ["nama", "definisi_operasional", "nilai_0", "nilai_4", "nilai_7", "nilai_10"]


def _baris_csv() -> list[dict]:
    with open(CSV_REPO, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _variabel(instrumen, kode) -> VariabelManajemen:
    return VariabelManajemen.objects.get(komponen__instrumen=instrumen, kode=kode)


# --- the shipped default ----------------------------------------------------------------


def test_the_national_default_holds_the_29_variables_exactly_as_the_repos_csv(standar):
    baris = _baris_csv()
    assert len(baris) == 29
    variabel = list(
        VariabelManajemen.objects.filter(komponen__instrumen=standar)
        .select_related("komponen")
        .order_by("urutan")
    )
    assert [v.kode for v in variabel] == [b["variabel_kode"] for b in baris]
    for v, b in zip(variabel, baris, strict=True):
        assert v.komponen.kode == b["komponen_kode"]
        assert v.komponen.nama == b["komponen_nama"]
        for kolom in KOLOM_TEKS:
            sumber = b["variabel_nama" if kolom == "nama" else kolom]
            assert getattr(v, kolom) == sumber, (v.kode, kolom)
    komponen = KomponenManajemen.objects.filter(instrumen=standar)
    assert {k.kode: k.variabel.count() for k in komponen} == {
        "1.1": 16,
        "1.2": 5,
        "1.3": 2,
        "1.4": 3,
        "1.5": 3,
    }


def test_the_repos_csv_keeps_the_published_typos_and_crlf_line_ends():
    isi = CSV_REPO.read_bytes()
    assert isi.count(b"\r\n") == 30
    teks = isi.decode("utf-8")
    for salah_ketik in ("bedasarkan", "dafar hadir", "data ata lengkap", "Puskesms"):
        assert salah_ketik in teks


def test_the_doubtful_rows_arrive_flagged_with_their_reason(standar):
    ditandai = dict(
        VariabelManajemen.objects.filter(
            komponen__instrumen=standar, perlu_ditinjau=True
        ).values_list("kode", "alasan_tinjau")
    )
    assert set(ditandai) == {
        "1.1.3",
        "1.1.5",
        "1.1.6",
        "1.1.11",
        "1.1.12",
        "1.2.1",
        "1.2.4",
        "1.4.1",
    }
    assert "nilai 0" in ditandai["1.1.12"]
    assert "Nilai 10" in ditandai["1.4.1"]
    assert all(ditandai.values())
    tidak = VariabelManajemen.objects.filter(komponen__instrumen=standar, perlu_ditinjau=False)
    assert tidak.count() == 21
    assert set(tidak.values_list("alasan_tinjau", flat=True)) == {""}


def test_the_default_has_pelayanan_by_klaster_mutu_and_the_published_thresholds(standar):
    assert IndikatorPelayanan.objects.filter(kelompok__instrumen=standar).count() == len(
        rubrik.indikator_pelayanan()
    )
    kelompok = KelompokPelayanan.objects.filter(instrumen=standar)
    assert all(k.klaster is not None for k in kelompok)
    assert kelompok.count() == len({i.klaster for i in rubrik.indikator_pelayanan()})
    mutu = IndikatorMutu.objects.filter(instrumen=standar)
    assert mutu.count() == 4
    assert mutu.get(kode="MUTU-03").arah == "turun"
    assert (standar.pelayanan_batas_baik, standar.pelayanan_batas_cukup) == (91, 81)
    assert (str(standar.manajemen_batas_baik), str(standar.manajemen_batas_cukup)) == (
        "8.50",
        "5.50",
    )
    assert standar.pelayanan_baik_inklusif and standar.manajemen_cukup_inklusif
    assert not standar.mutu_dihitung


def test_loading_the_default_twice_adds_nothing(standar):
    jumlah = VariabelManajemen.objects.count()
    assert standar_nasional_bangun(apps.get_model, TAHUN) is None
    assert standar_nasional_pastikan(TAHUN) == (standar, False)
    assert VariabelManajemen.objects.count() == jumlah
    assert Instrumen.objects.filter(kabupaten__isnull=True, tahun=TAHUN).count() == 1


# --- the copy ---------------------------------------------------------------------------


def test_the_copy_is_deep_and_editing_it_leaves_the_national_default_unchanged(dunia, standar):
    katalog = IndikatorFactory(kabupaten=dunia.kab_x, tahun=TAHUN, kode="SPM-01")
    standar.pelayanan_batas_baik = 90
    standar.save()
    salinan = instrumen_salin(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=TAHUN)

    assert salinan.kabupaten == dunia.kab_x and salinan.disalin_dari == standar
    assert salinan.pelayanan_batas_baik == 90
    for model, path in (
        (KelompokPelayanan, "instrumen"),
        (IndikatorPelayanan, "kelompok__instrumen"),
        (KomponenManajemen, "instrumen"),
        (VariabelManajemen, "komponen__instrumen"),
        (IndikatorMutu, "instrumen"),
    ):
        lama = model.objects.filter(**{path: standar})
        baru = model.objects.filter(**{path: salinan})
        assert baru.count() == lama.count() > 0, model
        assert not set(baru.values_list("pk", flat=True)) & set(lama.values_list("pk", flat=True))
    lama = {v.kode: v for v in VariabelManajemen.objects.filter(komponen__instrumen=standar)}
    for v in VariabelManajemen.objects.filter(komponen__instrumen=salinan):
        for kolom in [*KOLOM_TEKS, "perlu_ditinjau", "alasan_tinjau", "urutan"]:
            assert getattr(v, kolom) == getattr(lama[v.kode], kolom)
        assert v.komponen.instrumen_id == salinan.pk
    # Linked to the kabupaten's catalogue where it has the indicator, else not linked.
    tertaut = IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan)
    assert tertaut.get(kode="SPM-01").indikator_katalog == katalog
    assert tertaut.exclude(kode="SPM-01").filter(indikator_katalog__isnull=False).count() == 0
    # Every copied row has its history.
    assert VariabelManajemen.history.filter(komponen__instrumen=salinan.pk).count() == 29

    v = _variabel(salinan, "1.1.12")
    v.nilai_0 = "Tidak ada media pengaduan"
    v.save()
    variabel_konfirmasi(user=dunia.admin_x, variabel=v)
    salinan.manajemen_batas_baik = 9
    salinan.save()
    asli = _variabel(standar, "1.1.12")
    baris = next(b for b in _baris_csv() if b["variabel_kode"] == "1.1.12")
    assert asli.nilai_0 == baris["nilai_0"] and asli.perlu_ditinjau
    standar.refresh_from_db()
    assert str(standar.manajemen_batas_baik) == "8.50"


def test_a_second_copy_is_refused_in_indonesian(dunia, salinan_x):
    with pytest.raises(InstrumenGagal, match="sudah ada; salinan kedua tidak dibuat") as e:
        instrumen_salin(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=TAHUN)
    assert e.value.message == PESAN_SUDAH_ADA.format(kabupaten=dunia.kab_x, tahun=TAHUN)
    assert Instrumen.objects.filter(kabupaten=dunia.kab_x, tahun=TAHUN).count() == 1
    assert (
        VariabelManajemen.objects.filter(komponen__instrumen__kabupaten=dunia.kab_x).count() == 29
    )


def test_copying_a_year_without_a_national_default_is_refused(dunia):
    with pytest.raises(InstrumenGagal) as e:
        instrumen_salin(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=2003)
    assert e.value.message == PESAN_STANDAR_BELUM.format(tahun=2003)


def test_only_the_kabupatens_admin_may_copy(dunia, standar):
    for user in (dunia.verifikator_x, dunia.staf_a, dunia.kapus_a):
        with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
            instrumen_salin(user=user, kabupaten=dunia.kab_x, tahun=TAHUN)
    assert not Instrumen.objects.filter(kabupaten=dunia.kab_x).exists()


def test_confirming_clears_the_flag_once_and_records_who(dunia, salinan_x):
    v = _variabel(salinan_x, "1.4.1")
    v = variabel_konfirmasi(user=dunia.admin_x, variabel=v)
    v.refresh_from_db()
    assert not v.perlu_ditinjau and v.dikonfirmasi_oleh == dunia.admin_x
    assert v.dikonfirmasi_pada is not None and v.alasan_tinjau
    with pytest.raises(InstrumenGagal) as e:
        variabel_konfirmasi(user=dunia.admin_x, variabel=v)
    assert e.value.message == PESAN_SUDAH_DIKONFIRMASI.format(kode="1.4.1")
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        variabel_konfirmasi(user=dunia.verifikator_x, variabel=_variabel(salinan_x, "1.1.3"))


# --- pages and scope --------------------------------------------------------------------


def test_a_visit_never_creates_the_instrument_and_the_admin_gets_the_copy_button(
    dunia, standar, masuk
):
    url = reverse("pkp:instrumen", args=[dunia.kab_x.pk]) + f"?tahun={TAHUN}"
    r = masuk(dunia.admin_x).get(url)
    assert r.status_code == 200
    assert b'data-testid="salin-standar"' in r.content
    assert not Instrumen.objects.filter(kabupaten=dunia.kab_x).exists()
    r = masuk(dunia.verifikator_x).get(url)
    assert r.status_code == 200 and b'data-testid="salin-standar"' not in r.content


def test_the_copy_button_posts_and_a_second_post_says_it_exists(dunia, standar, masuk):
    client = masuk(dunia.admin_x)
    url = reverse("pkp:instrumen_salin", args=[dunia.kab_x.pk])
    r = client.post(url, {"tahun": TAHUN}, follow=True)
    assert "disalin untuk" in r.content.decode()
    r = client.post(url, {"tahun": TAHUN}, follow=True)
    assert "salinan kedua tidak dibuat" in r.content.decode()
    assert Instrumen.objects.filter(kabupaten=dunia.kab_x, tahun=TAHUN).count() == 1


def test_admin_of_another_kabupaten_gets_404_on_x_s_instrument(dunia, salinan_x, masuk):
    from puskesmas.choices import Peran

    from ..factories import pengguna

    admin_y = pengguna("admin_y", Peran.ADMIN_DINKES, kabupaten=dunia.kab_y)
    client = masuk(admin_y)
    v = _variabel(salinan_x, "1.1.12")
    assert client.get(reverse("pkp:variabel_ubah", args=[v.pk])).status_code == 404
    r = client.post(reverse("pkp:variabel_ubah", args=[v.pk]), {"nilai_0": "x"})
    assert r.status_code == 404
    assert client.post(reverse("pkp:variabel_konfirmasi", args=[v.pk])).status_code == 404
    assert client.get(reverse("pkp:ambang_ubah", args=[salinan_x.pk])).status_code == 404
    assert client.get(reverse("pkp:instrumen", args=[dunia.kab_x.pk])).status_code == 404
    assert client.post(
        reverse("pkp:instrumen_salin", args=[dunia.kab_x.pk]), {"tahun": TAHUN}
    ).status_code in {403, 404}
    v.refresh_from_db()
    assert v.perlu_ditinjau and v.nilai_0 != "x"


def test_verifikator_reads_and_staff_read_their_own_kabupatens_instrument(dunia, salinan_x, masuk):
    url = reverse("pkp:instrumen", args=[dunia.kab_x.pk]) + f"?tahun={TAHUN}"
    r = masuk(dunia.verifikator_x).get(url)
    assert r.status_code == 200 and "1.1.12" in r.content.decode()
    assert b'data-testid="ubah-variabel"' not in r.content
    v = _variabel(salinan_x, "1.1.12")
    assert (
        masuk(dunia.verifikator_x).get(reverse("pkp:variabel_ubah", args=[v.pk])).status_code == 403
    )

    staf_url = reverse("pkp:instrumen_puskesmas", args=[dunia.a.pk]) + f"?tahun={TAHUN}"
    r = masuk(dunia.staf_a).get(staf_url)
    assert r.status_code == 200 and "Pengelolaan Pengaduan Pelanggan" in r.content.decode()
    assert b'data-testid="ubah-variabel"' not in r.content
    assert masuk(dunia.staf_a).get(url).status_code == 403
    # Staff of a Puskesmas in another kabupaten do not see X's instrument through theirs.
    from puskesmas.choices import Peran

    from ..factories import pengguna

    staf_c = pengguna("staf_c", Peran.STAF, puskesmas=dunia.c)
    r = masuk(staf_c).get(reverse("pkp:instrumen_puskesmas", args=[dunia.c.pk]) + f"?tahun={TAHUN}")
    assert r.status_code == 200 and b'data-testid="instrumen-kosong"' in r.content
    assert masuk(staf_c).get(staf_url).status_code == 404


def test_admin_edits_a_variable_confirms_it_and_the_badge_is_gone(dunia, salinan_x, masuk):
    client = masuk(dunia.admin_x)
    v = _variabel(salinan_x, "1.1.12")
    data = {k: getattr(v, k) for k in KOLOM_TEKS} | {
        "nilai_0": "Tidak ada media pengaduan",
        "versi": v.versi,
    }
    r = client.post(reverse("pkp:variabel_ubah", args=[v.pk]), data)
    assert r.status_code == 302 and r["Location"].endswith(f"#variabel-{v.pk}")
    v.refresh_from_db()
    assert v.nilai_0 == "Tidak ada media pengaduan" and v.perlu_ditinjau
    # A stale form (the version it was opened at) is refused, not silently saved.
    r = client.post(reverse("pkp:variabel_ubah", args=[v.pk]), data | {"nilai_0": "lama"})
    assert r.status_code == 200
    client.post(reverse("pkp:variabel_konfirmasi", args=[v.pk]))
    url = reverse("pkp:instrumen", args=[dunia.kab_x.pk]) + f"?tahun={TAHUN}"
    isi = client.get(url).content.decode()
    assert isi.count('data-testid="perlu-ditinjau"') == 7
    v.refresh_from_db()
    assert not v.perlu_ditinjau and v.nilai_0 == "Tidak ada media pengaduan"


def test_thresholds_are_edited_with_indonesian_numbers_and_checked(dunia, salinan_x, masuk):
    client = masuk(dunia.admin_x)
    url = reverse("pkp:ambang_ubah", args=[salinan_x.pk])
    data = {
        "pelayanan_batas_baik": "91",
        "pelayanan_baik_inklusif": "",
        "pelayanan_batas_cukup": "81",
        "pelayanan_cukup_inklusif": "on",
        "manajemen_batas_baik": "8,5",
        "manajemen_baik_inklusif": "on",
        "manajemen_batas_cukup": "5,5",
        "manajemen_cukup_inklusif": "on",
        "mutu_dihitung": "on",
        "mutu_batas_baik": "90",
        "mutu_baik_inklusif": "on",
        "mutu_batas_cukup": "95",
        "mutu_cukup_inklusif": "on",
        "versi": salinan_x.versi,
    }
    r = client.post(url, data)
    assert r.status_code == 200
    assert "Batas cukup tidak boleh lebih tinggi dari batas baik." in r.content.decode()
    r = client.post(url, data | {"mutu_batas_cukup": "80,5"})
    assert r.status_code == 302
    salinan_x.refresh_from_db()
    assert not salinan_x.pelayanan_baik_inklusif and salinan_x.mutu_dihitung
    assert str(salinan_x.mutu_batas_cukup) == "80.50"
    assert str(salinan_x.manajemen_batas_baik) == "8.50"
    standar = salinan_x.disalin_dari
    assert standar.pelayanan_baik_inklusif and not standar.mutu_dihitung


def test_only_the_national_admin_edits_the_national_default(dunia, standar, masuk):
    v = _variabel(standar, "1.4.1")
    for user in (dunia.admin_x, dunia.verifikator_x, dunia.staf_a):
        client = masuk(user)
        assert client.get(reverse("pkp:variabel_ubah", args=[v.pk])).status_code == 404
        assert client.post(reverse("pkp:variabel_konfirmasi", args=[v.pk])).status_code == 404
        assert client.get(reverse("pkp:ambang_ubah", args=[standar.pk])).status_code == 404
        r = client.get(reverse("pkp:instrumen_nasional") + f"?tahun={TAHUN}")
        assert r.status_code == 200 and b'data-testid="ubah-variabel"' not in r.content
    client = masuk(dunia.nasional)
    r = client.get(reverse("pkp:instrumen_nasional") + f"?tahun={TAHUN}")
    assert b'data-testid="ubah-variabel"' in r.content
    assert client.get(reverse("pkp:variabel_ubah", args=[v.pk])).status_code == 200
    r = client.post(reverse("pkp:variabel_konfirmasi", args=[v.pk]))
    assert r.status_code == 302 and "instrumen/nasional/" in r["Location"]
    v.refresh_from_db()
    assert not v.perlu_ditinjau and v.dikonfirmasi_oleh == dunia.nasional


def test_the_pkp_start_page_links_each_user_to_their_instrument(dunia, masuk):
    isi = masuk(dunia.admin_x).get(reverse("pkp:index")).content.decode()
    assert reverse("pkp:instrumen", args=[dunia.kab_x.pk]) in isi
    isi = masuk(dunia.staf_a).get(reverse("pkp:index")).content.decode()
    assert reverse("pkp:instrumen_puskesmas", args=[dunia.a.pk]) in isi
    assert reverse("pkp:instrumen", args=[dunia.kab_x.pk]) not in isi
    assert reverse("pkp:instrumen_nasional") in isi


def _hitung_query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_instrument_page_queries_do_not_grow_with_the_number_of_variables(dunia, salinan_x, masuk):
    client = masuk(dunia.admin_x)
    url = reverse("pkp:instrumen", args=[dunia.kab_x.pk]) + f"?tahun={TAHUN}"
    sebelum = _hitung_query(client, url)
    komponen = KomponenManajemen.objects.filter(instrumen=salinan_x).first()
    for i in range(40):
        VariabelManajemen.objects.create(
            komponen=komponen,
            kode=f"9.9.{i}",
            nama="Tambahan",
            nilai_0="a",
            nilai_4="b",
            nilai_7="c",
            nilai_10="d",
        )
    kelompok = KelompokPelayanan.objects.filter(instrumen=salinan_x).first()
    for i in range(20):
        IndikatorPelayanan.objects.create(kelompok=kelompok, kode=f"X-{i}", nama="Tambahan")
    sesudah = _hitung_query(client, url)
    assert sesudah == sebelum
    assert sebelum <= 20


def test_admin_adapts_targets_and_direction_of_the_copy_only(dunia, salinan_x, masuk):
    client = masuk(dunia.admin_x)
    ind = IndikatorPelayanan.objects.get(kelompok__instrumen=salinan_x, kode="SPM-01")
    data = {"nama": ind.nama, "target": "95,5", "arah": "turun", "satuan": "%", "versi": ind.versi}
    r = client.post(reverse("pkp:pelayanan_ubah", args=[ind.pk]), data)
    assert r.status_code == 302 and r["Location"].endswith("#pelayanan")
    ind.refresh_from_db()
    assert (str(ind.target), ind.arah) == ("95.50", "turun")
    asli = IndikatorPelayanan.objects.get(kelompok__instrumen=salinan_x.disalin_dari, kode="SPM-01")
    assert (asli.target, asli.arah) == (100, "naik")

    mutu = IndikatorMutu.objects.get(instrumen=salinan_x, kode="MUTU-03")
    data = {"nama": mutu.nama, "target": "45", "arah": "turun", "satuan": "menit", "versi": 1}
    assert client.post(reverse("pkp:mutu_ubah", args=[mutu.pk]), data).status_code == 302
    mutu.refresh_from_db()
    assert mutu.target == 45
    assert IndikatorMutu.objects.get(instrumen=salinan_x.disalin_dari, kode="MUTU-03").target == 60

    r = masuk(dunia.verifikator_x).post(reverse("pkp:mutu_ubah", args=[mutu.pk]), data)
    assert r.status_code == 403
    r = masuk(dunia.verifikator_y).post(reverse("pkp:mutu_ubah", args=[mutu.pk]), data)
    assert r.status_code == 404
