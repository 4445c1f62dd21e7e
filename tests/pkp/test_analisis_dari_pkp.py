"""The loop back into planning: a set PKP of year N shows on the analisis situasi of
planning year N+1 (read through the core's registry, P1 never imports PKP)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pkp.models import (
    IndikatorPelayanan,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    StatusVerifikasi,
)
from pkp.scoring import tampil
from pkp.selectors.perencanaan import bagian_analisis
from pkp.services.penilaian import penilaian_langkah
from puskesmas.alat import sumber_analisis

from .conftest import TAHUN, isi_semua


def _tetapkan(penilaian, dunia):
    for model in (NilaiPelayanan, NilaiManajemen, NilaiMutu):
        model.objects.filter(penilaian=penilaian).update(status_verifikasi=StatusVerifikasi.SETUJU)
    return penilaian_langkah(penilaian=penilaian, langkah="tetapkan", user=dunia.verifikator_x)


@pytest.fixture
def dinilai(dunia, penilaian_a):
    """Puskesmas A's PKP of TAHUN, filled and submitted (not set yet): every item at its
    best except two indicators (50 and 80 of a 100 target) and two variables (4 and 0)."""
    isi_semua(penilaian_a, capaian="100", skor=10)
    pel = list(
        NilaiPelayanan.objects.filter(penilaian=penilaian_a)
        .select_related("indikator")
        .order_by("indikator__kelompok__urutan", "indikator__urutan", "pk")
    )
    target_100 = [n for n in pel if n.indikator.target == 100 and n.indikator.arah == "naik"]
    NilaiPelayanan.objects.filter(pk=target_100[0].pk).update(capaian=Decimal(80))
    NilaiPelayanan.objects.filter(pk=target_100[1].pk).update(capaian=Decimal(50))
    NilaiManajemen.objects.filter(penilaian=penilaian_a, variabel__kode="1.1.2").update(skor=4)
    NilaiManajemen.objects.filter(penilaian=penilaian_a, variabel__kode="1.2.1").update(skor=0)
    penilaian = penilaian_langkah(penilaian=penilaian_a, langkah="ajukan", user=dunia.kapus_a)
    penilaian.lemah = (target_100[1].indikator, target_100[0].indikator)
    return penilaian


def _halaman(masuk, user, puskesmas, tahun):
    c = masuk(user)
    c.post(reverse("pilih_tahun"), {"tahun": tahun})
    return c.get(reverse("perencanaan:analisis", args=[puskesmas.pk]))


def test_a_set_assessment_shows_on_the_next_cycles_analisis(masuk, dunia, dinilai):
    _tetapkan(dinilai, dunia)
    r = _halaman(masuk, dunia.staf_a, dunia.a, TAHUN + 1)
    assert r.status_code == 200
    html = r.content.decode()
    assert f"Hasil Penilaian Kinerja Puskesmas {TAHUN}" in html
    assert 'data-testid="sumber-pkp"' in html
    bagian = r.context["sumber"][0]
    assert bagian.kode == "pkp"
    assert bagian.ringkasan[0].startswith("Ditetapkan Dinkes ")
    lemah, variabel, capaian = bagian.tabel
    ind_50, ind_80 = dinilai.lemah
    assert lemah.baris == (
        (ind_50.kode, ind_50.nama, "50,0"),
        (ind_80.kode, ind_80.nama, "80,0"),
    )
    kode_var = [b[0] for b in variabel.baris]
    assert kode_var == ["1.2.1", "1.1.2"]
    assert [b[2] for b in variabel.baris] == ["0", "4"]
    assert (
        len(capaian.baris)
        == IndikatorPelayanan.objects.filter(kelompok__instrumen=dinilai.instrumen).count()
    )
    baris_50 = next(b for b in capaian.baris if b[1] == ind_50.kode)
    assert baris_50[3:] == ("100", "50", "50,0")
    assert ind_50.nama in html and "Variabel manajemen terlemah" in html


def test_the_summary_cites_the_groups_and_values_as_set(dunia, dinilai):
    penilaian = _tetapkan(dinilai, dunia)
    penilaian.refresh_from_db()
    bagian = bagian_analisis(puskesmas=dunia.a, tahun=TAHUN + 1)
    baris_1, baris_2 = bagian.ringkasan
    label = {1: "Kelompok I (baik)", 2: "Kelompok II (cukup)", 3: "Kelompok III (kurang)"}
    assert baris_1.endswith(f": {label[penilaian.kelompok]}.")
    tulis = {
        nama: str(tampil(getattr(penilaian, nama))).replace(".", ",")
        for nama in ("nilai_pelayanan", "nilai_manajemen")
    }
    # mutu: 85, 100, 100 % met; waktu tunggu 100 minutes for at most 60 → 60; mean 90
    assert baris_2 == (
        f"Kinerja pelayanan {tulis['nilai_pelayanan']} % "
        f"({label[penilaian.kelompok_pelayanan]}); kinerja manajemen "
        f"{tulis['nilai_manajemen']} ({label[penilaian.kelompok_manajemen]}); "
        "mutu pelayanan 90,0 % (dilaporkan, tidak menentukan kelompok)."
    )


def test_an_assessment_not_set_does_not_show(masuk, dunia, dinilai):
    r = _halaman(masuk, dunia.staf_a, dunia.a, TAHUN + 1)
    assert r.status_code == 200
    assert r.context["sumber"] == []
    assert "Hasil Penilaian Kinerja Puskesmas" not in r.content.decode()


def test_only_the_year_before_and_only_its_own_puskesmas(masuk, dunia, dinilai):
    _tetapkan(dinilai, dunia)
    assert _halaman(masuk, dunia.staf_a, dunia.a, TAHUN).context["sumber"] == []
    assert _halaman(masuk, dunia.staf_a, dunia.a, TAHUN + 2).context["sumber"] == []
    assert _halaman(masuk, dunia.staf_b, dunia.b, TAHUN + 1).context["sumber"] == []


def test_query_count_does_not_grow_with_the_instrument(masuk, dunia, dinilai):
    _tetapkan(dinilai, dunia)
    c = masuk(dunia.staf_a)
    c.post(reverse("pilih_tahun"), {"tahun": TAHUN + 1})
    url = reverse("perencanaan:analisis", args=[dunia.a.pk])
    with CaptureQueriesContext(connection) as sebelum:
        assert c.get(url).status_code == 200
    with CaptureQueriesContext(connection):
        bagian_analisis(puskesmas=dunia.a, tahun=TAHUN + 1)
    # ten more indicators, each with its value
    contoh = IndikatorPelayanan.objects.filter(kelompok__instrumen=dinilai.instrumen).first()
    for n in range(10):
        baru = IndikatorPelayanan.objects.create(
            kelompok=contoh.kelompok, kode=f"X{n}", nama=f"Tambahan {n}", target=Decimal(100)
        )
        NilaiPelayanan.objects.create(
            penilaian=dinilai, indikator=baru, capaian=Decimal(n * 10), status_verifikasi="setuju"
        )
    with CaptureQueriesContext(connection) as sesudah:
        r = c.get(url)
    assert len(r.context["sumber"][0].tabel[2].baris) > 10
    assert len(sesudah.captured_queries) == len(sebelum.captured_queries)


def test_the_source_reads_a_fixed_number_of_queries(dunia, dinilai, django_assert_num_queries):
    _tetapkan(dinilai, dunia)
    with django_assert_num_queries(9):
        bagian_analisis(puskesmas=dunia.a, tahun=TAHUN + 1)
    with django_assert_num_queries(1):
        assert bagian_analisis(puskesmas=dunia.a, tahun=TAHUN) is None


def test_pkp_is_registered_as_a_source():
    assert "pkp" in sumber_analisis.terdaftar()
