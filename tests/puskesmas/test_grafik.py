"""Server-side SVG charts: valid SVG, escaped text, missing values never drawn as 0, and
the same markup renders inside a PDF."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from puskesmas.alat import grafik
from puskesmas.alat.grafik import Acuan, Batang, Seri

NS = {"s": "http://www.w3.org/2000/svg"}


def _svg(teks: str) -> ET.Element:
    return ET.fromstring(teks)  # raises on anything that is not well-formed XML


def _batang(svg) -> list[ET.Element]:
    return [
        r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if r.find("s:title", NS) is not None
    ]


def test_bar_heights_are_proportional_and_colours_come_from_the_palette():
    svg = _svg(
        grafik.grafik_batang(
            [Batang("Desa A", Decimal(50), "baik"), Batang("Desa B", 100, "warna-asing")],
            judul="Cakupan K1",
            maks=100,
        )
    )
    a, b = _batang(svg)
    assert float(b.get("height")) == pytest.approx(2 * float(a.get("height")))
    assert a.get("fill") == grafik.WARNA["baik"]
    assert b.get("fill") == grafik.WARNA["netral"]  # unknown name: the neutral colour
    assert svg.find("s:title", NS).text == "Cakupan K1"


def test_values_are_clipped_to_the_scale_and_never_negative_in_height():
    svg = _svg(grafik.grafik_batang([Batang("X", 250), Batang("Y", 100)], judul="t", maks=100))
    x, y = _batang(svg)
    assert float(x.get("height")) == float(y.get("height"))


def test_a_missing_value_is_not_a_zero_bar_and_says_so():
    teks = grafik.grafik_batang([Batang("Desa A", None), Batang("Desa B", 0)], judul="t", maks=100)
    svg = _svg(teks)
    assert len(_batang(svg)) == 1  # only Desa B is a bar (of height 0)
    assert "Desa A: tidak dapat dihitung" in teks


def test_text_is_escaped_everywhere():
    jahat = '<script>alert(1)</script>" onload="x'
    for teks in (
        grafik.grafik_batang([Batang(jahat, 10)], judul=jahat, acuan=[Acuan(5, jahat)]),
        grafik.grafik_radar([jahat, "b", "c"], [Seri(jahat, [1, 2, 3])], judul=jahat),
        grafik.grafik_garis([jahat], [Seri(jahat, [1])], judul=jahat),
    ):
        svg = _svg(teks)
        assert "<script" not in teks
        assert not any(e.tag.endswith("script") for e in svg.iter())
        assert all("onload" not in e.attrib for e in svg.iter())


def test_the_line_breaks_at_a_missing_point():
    teks = grafik.grafik_batang(
        [
            Batang("a", 10, garis=20),
            Batang("b", 10, garis=30),
            Batang("c", 10, garis=None),
            Batang("d", 10, garis=40),
            Batang("e", 10, garis=50),
        ],
        judul="t",
        label_garis="Target kumulatif",
    )
    svg = _svg(teks)
    garis = list(svg.iter("{http://www.w3.org/2000/svg}polyline"))
    assert [len(g.get("points").split()) for g in garis] == [2, 2]
    assert "Target kumulatif" in teks


def test_reference_lines_are_drawn_at_their_value():
    svg = _svg(
        grafik.grafik_batang(
            [Batang("a", 100)], judul="t", maks=100, acuan=[Acuan(91, "Baik ≥ 91")]
        )
    )
    garis = [g for g in svg.iter("{http://www.w3.org/2000/svg}line") if g.get("stroke-dasharray")]
    assert len(garis) == 1
    assert any(t.text == "Baik ≥ 91" for t in svg.iter("{http://www.w3.org/2000/svg}text"))


def test_radar_has_one_polygon_per_series_plus_the_grid_and_marks_missing_axes():
    teks = grafik.grafik_radar(
        ["Klaster 2", "Klaster 3", "Klaster 4", "Manajemen"],
        [Seri("2026", [90, None, 70, 80]), Seri("2025", [80, 85, 60, 70])],
        judul="PKP",
    )
    svg = _svg(teks)
    poligon = list(svg.iter("{http://www.w3.org/2000/svg}polygon"))
    assert len(poligon) == 4 + 2  # four grid rings, two series
    assert "Klaster 3 (–)" in teks


def test_radar_with_fewer_than_three_axes_says_so():
    assert "minimal tiga sumbu" in grafik.grafik_radar(["a", "b"], [], judul="t")


def test_trend_lines_break_at_missing_months():
    svg = _svg(
        grafik.grafik_garis(["Jan", "Feb", "Mar"], [Seri("Desa A", [1, None, 3])], judul="t")
    )
    assert len(list(svg.iter("{http://www.w3.org/2000/svg}polyline"))) == 2


def test_indonesian_decimal_comma_on_the_bars():
    assert ">12,5<" in grafik.grafik_batang([Batang("a", Decimal("12.5"))], judul="t")


def test_the_same_svg_renders_inside_a_pdf_with_the_documents_fetcher():
    import shutil
    import subprocess

    from weasyprint import HTML

    from puskesmas.alat import dokumen

    svg = grafik.grafik_batang([Batang("Desa Sukamaju", 75, "cukup")], judul="Grafik PWS", maks=100)
    pdf = HTML(
        string=f"<html><body><h1>Uji</h1>{svg}</body></html>",
        base_url=dokumen.DOKUMEN_BASE_URL,
        url_fetcher=dokumen.PengambilStatis(),
    ).write_pdf()
    assert shutil.which("pdftotext"), "pdftotext missing: install poppler-utils (make test does)"
    teks = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Desa Sukamaju" in teks and "75,0" in teks
