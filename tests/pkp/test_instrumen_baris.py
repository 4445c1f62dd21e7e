"""Adding and removing rows of an instrument from its pages, and the target kind forms."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pkp.aturan_target import (
    PESAN_ATAS_BUKAN_RENTANG,
    PESAN_RENTANG_TANPA_ATAS,
    PESAN_RENTANG_TERBALIK,
    periksa_target,
)
from pkp.models import (
    IndikatorMutu,
    IndikatorPelayanan,
    KelompokPelayanan,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    VariabelManajemen,
)
from pkp.services.instrumen import InstrumenGagal
from pkp.services.instrumen_baris import (
    PESAN_ADA_PENILAIAN,
    PESAN_HAPUS_DIPAKAI,
    PESAN_KELOMPOK_ADA,
    PESAN_KODE_ADA,
    baris_hapus,
    baris_tambah,
    kelompok_tambah,
)
from puskesmas.alat.alur import StatusAlur

from ..perencanaan.factories_katalog import IndikatorFactory, klaster
from .conftest import TAHUN


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("arah", "target", "atas", "harap"),
    [
        ("naik", Decimal(80), None, {}),
        ("turun", Decimal(5), None, {}),
        ("naik", Decimal(80), Decimal(90), {"target_atas": [PESAN_ATAS_BUKAN_RENTANG]}),
        ("turun", Decimal(5), Decimal(0), {"target_atas": [PESAN_ATAS_BUKAN_RENTANG]}),
        ("rentang", Decimal(150), None, {"target_atas": [PESAN_RENTANG_TANPA_ATAS]}),
        ("rentang", Decimal(150), Decimal(250), {}),
        ("rentang", Decimal(150), Decimal(150), {}),
        ("rentang", Decimal("150.01"), Decimal(150), {"target_atas": [PESAN_RENTANG_TERBALIK]}),
        ("rentang", None, Decimal(150), {}),
        (None, Decimal(1), Decimal(2), {}),
    ],
)
def test_target_rule(arah, target, atas, harap):
    assert periksa_target(arah, target, atas) == harap


def _kelompok(instrumen):
    return KelompokPelayanan.objects.filter(instrumen=instrumen).order_by("urutan").first()


def test_admin_adds_a_programme_and_an_indicator_linked_to_the_catalogue(dunia, salinan_x, masuk):
    kat = IndikatorFactory(kabupaten=dunia.kab_x, tahun=TAHUN, kode="K-9", klaster=klaster(3))
    lain = IndikatorFactory(kabupaten=dunia.kab_y, tahun=TAHUN, kode="K-Y", klaster=klaster(3))
    c = masuk(dunia.admin_x)
    r = c.post(
        reverse("pkp:kelompok_tambah", args=[salinan_x.pk]), {"nama": "Program Gizi", "klaster": ""}
    )
    assert r.status_code == 302
    program = KelompokPelayanan.objects.get(instrumen=salinan_x, nama="Program Gizi")
    assert program.urutan == max(
        KelompokPelayanan.objects.filter(instrumen=salinan_x).values_list("urutan", flat=True)
    )
    url = reverse("pkp:pelayanan_tambah", args=[salinan_x.pk])
    halaman = c.get(f"{url}?kelompok={program.pk}").content.decode()
    assert "K-9" in halaman and "K-Y" not in halaman  # only the kabupaten's catalogue
    data = {
        "kelompok": program.pk,
        "kode": "GZ-1",
        "nama": "Balita ditimbang",
        "arah": "rentang",
        "target": "1.150,5",
        "target_atas": "",
        "satuan": "‰",
        "indikator_katalog": kat.pk,
    }
    r = c.post(url, data)
    assert r.status_code == 200
    assert PESAN_RENTANG_TANPA_ATAS in r.content.decode()
    r = c.post(url, data | {"indikator_katalog": lain.pk, "target_atas": "2.000"})
    assert r.status_code == 200  # another kabupaten's catalogue is not a choice
    r = c.post(url, data | {"target_atas": "2.000"})
    assert r.status_code == 302, r.content.decode()
    i = IndikatorPelayanan.objects.get(kelompok=program, kode="GZ-1")
    assert (i.target, i.target_atas, i.indikator_katalog) == (Decimal("1150.5"), 2000, kat)
    # the same kode twice in one instrument is refused
    r = c.post(url, data | {"target_atas": "2.000", "nama": "lagi"})
    assert PESAN_KODE_ADA.format(kode="GZ-1", apa="indikator kinerja pelayanan") in (
        r.content.decode()
    )
    r = c.post(reverse("pkp:kelompok_tambah", args=[salinan_x.pk]), {"nama": "Program Gizi"})
    assert PESAN_KELOMPOK_ADA.format(nama="Program Gizi") in r.content.decode()


def test_admin_adds_and_removes_a_mutu_indicator_and_a_variable(dunia, salinan_x, masuk):
    c = masuk(dunia.admin_x)
    r = c.post(
        reverse("pkp:mutu_tambah", args=[salinan_x.pk]),
        {"kode": "M-9", "nama": "Kepuasan", "arah": "naik", "target": "76,6", "satuan": "%"},
    )
    assert r.status_code == 302
    m = IndikatorMutu.objects.get(instrumen=salinan_x, kode="M-9")
    assert m.target == Decimal("76.6")
    komponen = salinan_x.komponen_manajemen.order_by("urutan").last()
    r = c.post(
        reverse("pkp:variabel_tambah", args=[salinan_x.pk]),
        {
            "komponen": komponen.pk,
            "kode": "1.5.9",
            "nama": "Variabel baru",
            "definisi_operasional": "",
            "nilai_0": "Tidak ada\r\nsama sekali",
            "nilai_4": "a",
            "nilai_7": "b",
            "nilai_10": "c",
        },
    )
    assert r.status_code == 302
    v = VariabelManajemen.objects.get(komponen=komponen, kode="1.5.9")
    assert v.nilai_0 == "Tidak ada\r\nsama sekali"
    for nama, obj, model in (
        ("pkp:mutu_hapus", m, IndikatorMutu),
        ("pkp:variabel_hapus", v, VariabelManajemen),
    ):
        url = reverse(nama, args=[obj.pk])
        assert "Ya, hapus" in c.get(url).content.decode()
        assert c.post(url).status_code == 302
        assert not model.objects.filter(pk=obj.pk).exists()


def test_removing_a_row_an_assessment_uses_is_refused_in_indonesian(
    dunia, salinan_x, penilaian_a, masuk
):
    i = IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan_x).first()
    c = masuk(dunia.admin_x)
    r = c.post(reverse("pkp:pelayanan_hapus", args=[i.pk]))
    assert r.status_code == 302
    assert _pesan(r) == [
        PESAN_HAPUS_DIPAKAI.format(apa="Indikator kinerja pelayanan", kode=i.kode, n=1)
    ]
    assert IndikatorPelayanan.objects.filter(pk=i.pk).exists()
    v = VariabelManajemen.objects.filter(komponen__instrumen=salinan_x).first()
    with pytest.raises(InstrumenGagal, match="Variabel"):
        baris_hapus(user=dunia.admin_x, obj=v)


def test_a_row_added_reaches_draft_assessments_and_submitted_ones_block_adding(
    dunia, salinan_x, penilaian_a
):
    kelompok = _kelompok(salinan_x)
    baru = baris_tambah(
        user=dunia.admin_x,
        obj=IndikatorPelayanan(kelompok=kelompok, kode="BARU", nama="Baru", target=100),
    )
    assert NilaiPelayanan.objects.filter(penilaian=penilaian_a, indikator=baru).count() == 1
    mutu = baris_tambah(
        user=dunia.admin_x, obj=IndikatorMutu(instrumen=salinan_x, kode="MB", nama="Mutu baru")
    )
    assert NilaiMutu.objects.filter(penilaian=penilaian_a, indikator=mutu).count() == 1
    assert NilaiManajemen.objects.filter(penilaian=penilaian_a).count() == 29

    penilaian_a.status = StatusAlur.DITETAPKAN
    penilaian_a.save()
    pesan = PESAN_ADA_PENILAIAN.format(instrumen=salinan_x, n=1)
    with pytest.raises(InstrumenGagal) as exc:
        baris_tambah(
            user=dunia.admin_x,
            obj=IndikatorPelayanan(kelompok=kelompok, kode="LAGI", nama="Lagi", target=100),
        )
    assert exc.value.message == pesan
    with pytest.raises(InstrumenGagal):
        kelompok_tambah(user=dunia.admin_x, instrumen=salinan_x, nama="Program lain")


def test_edit_form_sets_a_band_with_indonesian_numbers(dunia, salinan_x, masuk):
    i = IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan_x).first()
    kat = IndikatorFactory(kabupaten=dunia.kab_x, tahun=TAHUN, kode="K-1", klaster=klaster(1))
    c = masuk(dunia.admin_x)
    url = reverse("pkp:pelayanan_ubah", args=[i.pk])
    data = {
        "nama": i.nama,
        "arah": "rentang",
        "target": "150",
        "target_atas": "",
        "satuan": "‰",
        "indikator_katalog": kat.pk,
        "versi": i.versi,
    }
    assert PESAN_RENTANG_TANPA_ATAS in c.post(url, data).content.decode()
    assert PESAN_RENTANG_TERBALIK in c.post(url, data | {"target_atas": "149,99"}).content.decode()
    assert c.post(url, data | {"target_atas": "250,5"}).status_code == 302
    i.refresh_from_db()
    assert (i.arah, i.target, i.target_atas, i.indikator_katalog) == (
        "rentang",
        150,
        Decimal("250.5"),
        kat,
    )
    m = IndikatorMutu.objects.filter(instrumen=salinan_x).first()
    url = reverse("pkp:mutu_ubah", args=[m.pk])
    data = {"nama": m.nama, "arah": "naik", "target": "80", "target_atas": "90", "satuan": "%"}
    r = c.post(url, data | {"versi": m.versi})
    assert PESAN_ATAS_BUKAN_RENTANG in r.content.decode()
    assert "indikator_katalog" not in r.context["form"].fields


def test_admin_of_y_cannot_add_or_remove_rows_of_x(dunia, salinan_x, masuk):
    i = IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan_x).first()
    c = masuk(dunia.verifikator_y)
    for nama, arg in (
        ("pkp:pelayanan_tambah", salinan_x.pk),
        ("pkp:kelompok_tambah", salinan_x.pk),
        ("pkp:mutu_tambah", salinan_x.pk),
        ("pkp:variabel_tambah", salinan_x.pk),
        ("pkp:pelayanan_hapus", i.pk),
    ):
        assert c.get(reverse(nama, args=[arg])).status_code == 404
        assert c.post(reverse(nama, args=[arg])).status_code == 404
    c = masuk(dunia.verifikator_x)
    assert c.post(reverse("pkp:pelayanan_hapus", args=[i.pk])).status_code == 403
    assert IndikatorPelayanan.objects.filter(pk=i.pk).exists()


def test_instrument_page_shows_the_row_actions_in_bounded_queries(dunia, salinan_x, masuk):
    c = masuk(dunia.admin_x)
    url = reverse("pkp:instrumen", args=[dunia.kab_x.pk]) + f"?tahun={TAHUN}"
    with CaptureQueriesContext(connection) as sedikit:
        teks = c.get(url).content.decode()
    for testid in ("tambah-kelompok", "tambah-variabel", "tambah-mutu", "hapus-pelayanan"):
        assert f'data-testid="{testid}"' in teks
    kelompok = _kelompok(salinan_x)
    for n in range(15):
        baris_tambah(
            user=dunia.admin_x,
            obj=IndikatorPelayanan(kelompok=kelompok, kode=f"X{n}", nama="x", target=1),
        )
        baris_tambah(
            user=dunia.admin_x, obj=IndikatorMutu(instrumen=salinan_x, kode=f"M{n}", nama="m")
        )
    with CaptureQueriesContext(connection) as banyak:
        c.get(url)
    assert len(banyak) == len(sedikit)
    c = masuk(dunia.verifikator_x)
    teks = c.get(url).content.decode()
    assert 'data-testid="tambah-kelompok"' not in teks
    assert 'data-testid="ekspor-instrumen"' in teks
