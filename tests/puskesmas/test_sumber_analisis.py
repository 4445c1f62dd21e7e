"""The registry of analisis situasi sources (``puskesmas.alat.sumber_analisis``), and the
direction of imports it exists for: P1 never imports PKP, the shared tools never import an
app."""

import ast
from pathlib import Path

import pytest

from puskesmas.alat import sumber_analisis
from puskesmas.alat.sumber_analisis import BagianAnalisis, Kolom, Tabel

AKAR = Path(__file__).resolve().parents[2]


@pytest.fixture
def bersih():
    """The registry as it was, whatever a test registers."""
    simpan = dict(sumber_analisis._DAFTAR)
    yield
    sumber_analisis._DAFTAR.clear()
    sumber_analisis._DAFTAR.update(simpan)


def test_sources_answer_in_registration_order_and_none_is_left_out(bersih):
    sumber_analisis._DAFTAR.clear()
    dipanggil = []

    def pertama(*, puskesmas, tahun):
        dipanggil.append(("pertama", puskesmas, tahun))
        return BagianAnalisis(kode="satu", judul=f"Satu {tahun}")

    def kosong(*, puskesmas, tahun):
        dipanggil.append(("kosong", puskesmas, tahun))
        return None

    def kedua(*, puskesmas, tahun):
        return BagianAnalisis(kode="dua", judul="Dua")

    for kode, fungsi in (("satu", pertama), ("kosong", kosong), ("dua", kedua)):
        sumber_analisis.daftar(kode, fungsi)
    hasil = sumber_analisis.bagian_untuk(puskesmas="P", tahun=2027)
    assert [b.kode for b in hasil] == ["satu", "dua"]
    assert hasil[0].judul == "Satu 2027"
    assert dipanggil == [("pertama", "P", 2027), ("kosong", "P", 2027)]
    assert sumber_analisis.terdaftar() == ("satu", "kosong", "dua")
    sumber_analisis.batalkan("kosong")
    sumber_analisis.batalkan("tidak-ada")
    assert sumber_analisis.terdaftar() == ("satu", "dua")


def test_a_code_cannot_be_claimed_by_two_sources(bersih):
    def a(*, puskesmas, tahun):
        return None

    def b(*, puskesmas, tahun):
        return None

    sumber_analisis.daftar("uji", a)
    sumber_analisis.daftar("uji", a)  # the same source again (ready() run twice) is fine
    with pytest.raises(ValueError, match="Sumber analisis situasi «uji» sudah terdaftar."):
        sumber_analisis.daftar("uji", b)


def test_numeric_columns_are_found_by_position():
    t = Tabel("T", (Kolom("Kode"), Kolom("Nilai", angka=True), Kolom("X", angka=True)), ())
    assert t.kolom_angka == frozenset({1, 2})


def _impor(folder: str) -> set[str]:
    """The top-level packages imported anywhere under ``folder``."""
    nama = set()
    for berkas in (AKAR / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(berkas.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                nama |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                nama.add(node.module.split(".")[0])
    return nama


def test_imports_run_forward_only():
    assert "pkp" not in _impor("perencanaan")
    # the shared tools (where the registries live) know no app
    assert not {"perencanaan", "pkp", "lokmin", "pengawasan"} & _impor("puskesmas/alat")
