"""The PWS grid as Excel: template download, import all-or-nothing with errors per cell."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lokmin.models import LembarPWS, NilaiPWS

from .factories_pws import desa_dengan_sasaran, indikator_pws, nilai_pws

TAHUN = 2026


@pytest.fixture
def pws_a(dunia):
    dunia.ind1 = indikator_pws(dunia.kab_x, kode="KIA-1", nama="Kunjungan K1")
    dunia.ind2 = indikator_pws(dunia.kab_x, kode="KIA-4", nama="Kunjungan K4", target=Decimal(60))
    dunia.desa1 = desa_dengan_sasaran(dunia.a, 120, nama="Sukamaju", kode="3301010001")
    dunia.desa2 = desa_dengan_sasaran(dunia.a, 80, nama="Sukamundur", kode="3301010002")
    return dunia


def _xlsx(
    baris, *, sheet="PWS", judul=("Kode desa", "Desa", "KIA-1", "KIA-4")
) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(judul))
    for b in baris:
        ws.append(list(b))
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile(
        "pws.xlsx",
        isi.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _url(d, nama):
    q = f"?tahun={TAHUN}&bulan=1&klaster={d.ind1.klaster_id}"
    return reverse(f"lokmin:{nama}", args=[d.a.pk]) + q


def _galat(r):
    return [(g.baris, g.kolom, g.pesan) for g in r.context["galat"]]


def test_the_template_lists_every_desa_with_the_stored_values(pws_a, client):
    d = pws_a
    nilai_pws(puskesmas=d.a, desa=d.desa1, indikator=d.ind2, bulan=1, nilai=7)
    client.force_login(d.staf_a)
    r = client.get(_url(d, "pws_templat"))
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content))["PWS"]
    baris = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert baris[0] == ("Kode desa", "Desa", "KIA-1", "KIA-4")
    assert ("3301010001", "Sukamaju", None, 7) in baris
    assert ("3301010002", "Sukamundur", None, None) in baris


def test_a_valid_file_saves_every_value(pws_a, client):
    d = pws_a
    client.force_login(d.pj2_a)
    berkas = _xlsx([("3301010001", "Sukamaju", 10, 4), ("3301010002", "", 3, None)])
    r = client.post(_url(d, "pws_impor"), {"berkas": berkas})
    assert r.status_code == 302, r.context and r.context.get("galat")
    assert {(n.desa.nama, n.indikator.kode, n.nilai) for n in NilaiPWS.objects.all()} == {
        ("Sukamaju", "KIA-1", 10),
        ("Sukamaju", "KIA-4", 4),
        ("Sukamundur", "KIA-1", 3),
    }
    assert {n.diisi_oleh for n in NilaiPWS.objects.all()} == {d.pj2_a}


def test_a_broken_file_changes_nothing_and_lists_every_error(pws_a, client):
    d = pws_a
    nilai_pws(puskesmas=d.a, desa=d.desa1, indikator=d.ind1, bulan=1, nilai=9)
    client.force_login(d.pj2_a)
    berkas = _xlsx(
        [
            ("3301010001", "Sukamaju", "sepuluh", 4),  # text in a number
            ("9999", "Entah", 1, 1),  # unknown desa
            ("3301010001", "Sukamaju", 2, 2),  # the same desa twice
        ]
    )
    r = client.post(_url(d, "pws_impor"), {"berkas": berkas})
    assert r.status_code == 200
    galat = _galat(r)
    assert [(b, k) for b, k, _ in galat] == [(2, "KIA-1"), (3, "Kode desa"), (4, "Kode desa")]
    assert "sepuluh" in galat[0][2]
    assert galat[1][2] == "Desa dengan kode «9999» tidak ada di wilayah Puskesmas ini."
    assert galat[2][2] == "Desa ini sudah ada di baris 2; satu desa satu baris."
    assert list(NilaiPWS.objects.values_list("nilai", flat=True)) == [9]
    html = r.content.decode()
    assert "3 kesalahan ditemukan" in html


def test_a_wrong_sheet_is_refused(pws_a, client):
    d = pws_a
    client.force_login(d.pj2_a)
    r = client.post(
        _url(d, "pws_impor"), {"berkas": _xlsx([("3301010001", "", 1, 1)], sheet="Lain")}
    )
    assert r.status_code == 200
    ((baris, kolom, pesan),) = _galat(r)
    assert baris is None and pesan.startswith("Sheet «PWS» tidak ditemukan.")
    assert not LembarPWS.objects.exists()


def test_flagged_values_in_a_file_need_the_confirmation(pws_a, client):
    d = pws_a
    client.force_login(d.pj2_a)
    r = client.post(_url(d, "pws_impor"), {"berkas": _xlsx([("3301010001", "", 500, 1)])})
    assert r.status_code == 200
    assert _galat(r) == [
        (
            2,
            "KIA-1",
            "Capaian 500 melebihi sasaran desa (120). Centang «Nilai yang ditandai sudah "
            "diperiksa» untuk menyimpannya.",
        )
    ]
    assert not NilaiPWS.objects.exists()
    r = client.post(
        _url(d, "pws_impor"),
        {"berkas": _xlsx([("3301010001", "", 500, 1)]), "konfirmasi": "on"},
    )
    assert r.status_code == 302
    assert NilaiPWS.objects.get(indikator=d.ind1).peringatan.startswith("Capaian 500")


def test_only_who_may_enter_may_import(pws_a, client):
    d = pws_a
    client.force_login(d.staf_a)
    assert client.get(_url(d, "pws_impor")).status_code == 200
    assert client.post(_url(d, "pws_impor"), {"berkas": _xlsx([])}).status_code == 403
    client.force_login(d.staf_b)
    assert client.get(_url(d, "pws_templat")).status_code == 404
