"""PIS-PK: the survey imported from Excel all or nothing, IKS per desa and wilayah with
their bands, the four steps, the agenda item in the Lokmin notulen; scope and queries."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lokmin import tarikan
from lokmin.models import KeluargaPISPK, LangkahPISPK
from lokmin.resources_pispk import PESAN_DESA_TIDAK_DIKENAL, PESAN_KELUARGA_GANDA
from lokmin.services.pispk import PESAN_URAIAN, langkah_pispk_simpan

from ..factories import DesaFactory, SasaranDesaFactory
from .factories import LokminFactory

TAHUN = 2026
JUDUL = ["Kode keluarga", "Kode desa", *(f"Indikator {n}" for n in range(1, 13))]
SEHAT = ["Y"] * 12  # IKS 1
PRA = ["Y"] * 6 + ["N"] * 6  # 0.5: pra-sehat (the edge)
TIDAK = ["Y"] * 5 + ["N"] * 7  # 0.417: tidak sehat
SEMUA_NA = ["N/A"] * 12  # no IKS, still surveyed


@pytest.fixture
def pispk_a(dunia):
    dunia.maju = DesaFactory(puskesmas=dunia.a, nama="Sukamaju", kode="3301010001")
    dunia.duka = DesaFactory(puskesmas=dunia.a, nama="Sukaduka", kode="3301010002")
    SasaranDesaFactory(desa=dunia.maju, tahun=TAHUN, kategori="kk", jumlah=10)
    SasaranDesaFactory(desa=dunia.duka, tahun=TAHUN, kategori="kk", jumlah=4)
    return dunia


def _xlsx(baris, *, sheet="PIS-PK", judul=JUDUL) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(judul))
    for b in baris:
        ws.append(list(b))
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile(
        "pispk.xlsx",
        isi.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _url(d, nama="pispk"):
    return reverse(f"lokmin:{nama}", args=[d.a.pk]) + f"?tahun={TAHUN}"


def _galat(r):
    return [(g.baris, g.kolom, g.pesan) for g in r.context["galat"]]


BAIK = [
    ["K-1", "3301010001", *SEHAT],
    ["K-2", "3301010001", *SEHAT],
    ["K-3", "3301010001", *PRA],
    ["K-4", "3301010002", *TIDAK],
    ["K-5", "3301010002", *SEMUA_NA],
]


def test_import_then_iks_per_desa_and_wilayah_with_bands(pispk_a, client):
    d = pispk_a
    client.force_login(d.pj2_a)
    r = client.post(_url(d, "pispk_impor"), {"berkas": _xlsx(BAIK)})
    assert r.status_code == 302, r.context and _galat(r)
    assert KeluargaPISPK.objects.filter(puskesmas=d.a, tahun=TAHUN).count() == 5
    k = KeluargaPISPK.objects.get(kode="K-5")
    assert k.daftar_jawaban == tuple(SEMUA_NA) and k.diimpor_oleh == d.pj2_a

    client.force_login(d.staf_a)
    r = client.get(_url(d))
    assert r.status_code == 200
    ringkas = r.context["ringkas"]
    per_desa = {b.label: b for b in ringkas.desa}
    maju, duka = per_desa["Sukamaju"], per_desa["Sukaduka"]
    # Sukamaju: 3 of 10 families (30 %), 2 healthy of 3 → IKS 0.667, pra-sehat
    assert (maju.disurvei, maju.cakupan_survei, maju.label_kategori) == (3, 30, "Pra-sehat")
    assert maju.iks == Decimal(2) / 3
    # Sukaduka: 2 of 4 (50 %), none healthy, the all-N/A family counts as surveyed → 0
    assert (duka.disurvei, duka.cakupan_survei, duka.iks, duka.label_kategori) == (
        2, 50, 0, "Tidak sehat",
    )  # fmt: skip
    w = ringkas.wilayah
    assert (w.disurvei, w.jumlah_keluarga, w.label_kategori) == (5, 14, "Tidak sehat")
    assert w.per_kategori == [
        ("Keluarga sehat", 2), ("Pra-sehat", 1), ("Tidak sehat", 1), ("Tidak dapat dihitung", 1)
    ]  # fmt: skip
    html = r.content.decode()
    assert 'data-testid="grafik-iks"><svg' in html.replace("\n", "")
    assert "0,667" in html and 'data-testid="survei-tercapai">tercapai' in html
    # coverage of indicator 12: Y in K-1, K-2; N in K-3, K-4 → 50 %
    assert dict(w.cakupan_indikator)["Keluarga mempunyai akses atau menggunakan jamban sehat"] == 50


def test_a_broken_file_changes_nothing_and_lists_every_error(pispk_a, client):
    d = pispk_a
    KeluargaPISPK.objects.create(
        puskesmas=d.a, tahun=TAHUN, desa=d.maju, kode="LAMA", jawaban="Y" * 12
    )
    client.force_login(d.ktu_a)
    rusak = [
        ["K-1", "3301010001", *SEHAT],
        ["K-1", "3301010001", *SEHAT],  # duplicate family
        ["K-2", "9999", *SEHAT],  # unknown desa
        ["K-3", "3301010002", "Ya", *SEHAT[1:]],  # not Y / N / N/A
        ["", "3301010002", *SEHAT],  # no family code
    ]
    r = client.post(_url(d, "pispk_impor"), {"berkas": _xlsx(rusak)})
    assert r.status_code == 200
    galat = _galat(r)
    assert (3, "Kode keluarga", PESAN_KELUARGA_GANDA.format(baris=2)) in galat
    assert (4, "Kode desa", PESAN_DESA_TIDAK_DIKENAL.format(nilai="9999")) in galat
    assert any(b == 5 and k == "Indikator 1" and "«Ya»" in p for b, k, p in galat)
    assert (6, "Kode keluarga", "Wajib diisi.") in galat
    assert "Berkas tidak diimpor" in r.content.decode()
    assert list(KeluargaPISPK.objects.values_list("kode", flat=True)) == ["LAMA"]

    r = client.post(_url(d, "pispk_impor"), {"berkas": _xlsx(BAIK, sheet="Lembar1")})
    assert r.status_code == 200 and r.context["galat"]
    assert "PIS-PK" in r.context["galat"][0].pesan
    assert list(KeluargaPISPK.objects.values_list("kode", flat=True)) == ["LAMA"]


def test_an_import_replaces_the_years_survey_and_the_template_reads_it_back(pispk_a, client):
    d = pispk_a
    KeluargaPISPK.objects.create(
        puskesmas=d.a, tahun=TAHUN, desa=d.maju, kode="LAMA", jawaban="Y" * 12
    )
    KeluargaPISPK.objects.create(
        puskesmas=d.a, tahun=TAHUN - 1, desa=d.maju, kode="TAHUN-LALU", jawaban="Y" * 12
    )
    client.force_login(d.kapus_a)
    assert client.post(_url(d, "pispk_impor"), {"berkas": _xlsx(BAIK[:2])}).status_code == 302
    assert sorted(KeluargaPISPK.objects.values_list("kode", flat=True)) == [
        "K-1", "K-2", "TAHUN-LALU",
    ]  # fmt: skip
    ws = load_workbook(io.BytesIO(client.get(_url(d, "pispk_templat")).content))["PIS-PK"]
    baris = list(ws.iter_rows(values_only=True))
    assert list(baris[0]) == JUDUL
    assert [list(b) for b in baris[1:]] == [
        ["K-1", "3301010001", *SEHAT],
        ["K-2", "3301010001", *SEHAT],
    ]


def test_who_may_import_and_record(pispk_a, client):
    d = pispk_a
    client.force_login(d.staf_a)
    pispk = reverse("lokmin:pispk", args=[d.a.pk])
    assert f'href="{pispk}"' in client.get(reverse("beranda")).content.decode()  # reachable
    assert f'href="{pispk}"' in client.get(reverse("lokmin:index")).content.decode()
    assert client.get(_url(d)).status_code == 200
    assert client.post(_url(d, "pispk_impor"), {"berkas": _xlsx(BAIK)}).status_code == 403
    assert client.post(_url(d), {"langkah": "analisis"}).status_code == 403
    assert not KeluargaPISPK.objects.exists()
    client.force_login(d.staf_b)
    assert client.get(_url(d)).status_code == 404
    client.force_login(d.verifikator_x)
    assert client.get(_url(d)).status_code == 200  # Dinkes reads


def test_steps_recorded_with_date_and_intervention(pispk_a, client):
    d = pispk_a
    client.force_login(d.ktu_a)
    data = {"tahun": TAHUN, "langkah": "intervensi_awal", "tanggal": "2026-03-02", "uraian": " "}
    r = client.post(_url(d), data)
    assert r.status_code == 200 and "uraian" in r.context["form"].errors
    assert not LangkahPISPK.objects.exists()
    with pytest.raises(ValueError, match=PESAN_URAIAN):
        langkah_pispk_simpan(
            user=d.ktu_a, puskesmas=d.a, tahun=TAHUN, langkah="analisis",
            tanggal=date(TAHUN, 4, 1), uraian="  ",
        )  # fmt: skip
    data["uraian"] = "Kunjungan rumah 40 keluarga pra-sehat"
    assert client.post(_url(d), data).status_code == 302
    data.update(uraian="Kunjungan rumah 45 keluarga", tanggal="2026-03-05")  # corrected
    assert client.post(_url(d), data).status_code == 302
    s = LangkahPISPK.objects.get()
    assert (s.tanggal, s.uraian, s.dicatat_oleh) == (
        date(2026, 3, 5), "Kunjungan rumah 45 keluarga", d.ktu_a,
    )  # fmt: skip
    assert s.history.count() == 2
    with pytest.raises(ValueError):
        langkah_pispk_simpan(
            user=d.ktu_a, puskesmas=d.a, tahun=TAHUN, langkah="analisis",
            tanggal=date(2024, 1, 1), uraian="x",
        )  # fmt: skip
    html = client.get(_url(d)).content.decode()
    assert "Kunjungan rumah 45 keluarga" in html and "belum dicatat" in html


def test_the_lokmin_bulanan_pulls_in_the_pispk_item(pispk_a, client):
    d = pispk_a
    for i, jawaban in enumerate((SEHAT, PRA)):
        KeluargaPISPK.objects.create(
            puskesmas=d.a, tahun=TAHUN, desa=d.maju, kode=f"K{i}",
            jawaban=KeluargaPISPK.kodekan(jawaban),
        )  # fmt: skip
    langkah_pispk_simpan(
        user=d.ktu_a, puskesmas=d.a, tahun=TAHUN, langkah="intervensi_lanjut",
        tanggal=date(TAHUN, 6, 1), uraian="Penyuluhan jamban sehat di Sukamaju",
    )  # fmt: skip
    lokmin = LokminFactory(puskesmas=d.a, tahun=TAHUN, bulan=7)
    (b,) = [b for b in tarikan.semua(lokmin, d.staf_a) if b.kode == "pispk"]
    assert b.judul == f"Capaian PIS-PK {TAHUN} dan intervensi yang disepakati"
    assert b.data.wilayah.disurvei == 2
    # January of the next year: no survey yet, the year before is shown
    januari = LokminFactory(puskesmas=d.a, tahun=TAHUN + 1, bulan=1)
    (b,) = [b for b in tarikan.semua(januari, d.staf_a) if b.kode == "pispk"]
    assert b.data.tahun == TAHUN
    tri = LokminFactory(puskesmas=d.a, tahun=TAHUN, bulan=8, jenis="tribulanan")
    assert not [b for b in tarikan.semua(tri, d.staf_a) if b.kode == "pispk"]

    client.force_login(d.staf_a)
    from .test_lokmin import pdftotext

    teks = pdftotext(client.get(reverse("lokmin:notulen_pdf", args=[lokmin.pk])).content)
    assert "Capaian PIS-PK" in teks and "Penyuluhan jamban sehat di Sukamaju" in teks


def test_the_page_queries_do_not_grow_with_families_and_desa(pispk_a, client):
    d = pispk_a
    client.force_login(d.staf_a)
    client.get(_url(d))
    with CaptureQueriesContext(connection) as sedikit:
        client.get(_url(d))
    for i in range(5):
        desa = DesaFactory(puskesmas=d.a)
        SasaranDesaFactory(desa=desa, tahun=TAHUN, kategori="kk", jumlah=20)
        for j in range(4):
            KeluargaPISPK.objects.create(
                puskesmas=d.a, tahun=TAHUN, desa=desa, kode=f"K{i}-{j}", jawaban="YN" * 6
            )
    LangkahPISPK.objects.create(
        puskesmas=d.a, tahun=TAHUN, langkah="analisis", tanggal=date(TAHUN, 4, 1), uraian="x",
        dicatat_oleh=d.ktu_a,
    )  # fmt: skip
    with CaptureQueriesContext(connection) as banyak:
        r = client.get(_url(d))
    assert r.context["ringkas"].wilayah.disurvei == 20
    assert len(banyak) == len(sedikit)
