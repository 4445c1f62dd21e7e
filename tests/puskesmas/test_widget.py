"""``PilihanPanjang``: the markup of Django's select, written without a template per option."""

from django import forms

from puskesmas.forms.widget import PilihanPanjang


def _normal(html: str) -> str:
    return "".join(baris.strip() for baris in str(html).splitlines())


def test_the_same_select_as_djangos_for_choices_groups_and_the_chosen_value():
    pilihan = [
        ("", "Semua"),
        ("1", 'Kabupaten "A" & <B>'),
        ("Jawa", [("2", "Kota C"), ("3", "Kabupaten D")]),
    ]
    attrs = {"id": "id_kabupaten", "class": "form-select", "required": True, "disabled": False}
    for nilai in ("", "1", "3", None):
        ours = PilihanPanjang(choices=pilihan).render("kabupaten", nilai, attrs=attrs)
        django = forms.Select(choices=pilihan).render("kabupaten", nilai, attrs=attrs)
        assert _normal(ours) == _normal(django), nilai


def test_labels_and_values_are_escaped():
    html = PilihanPanjang(choices=[('"><script>', "<script>alert(1)</script>")]).render("x", None)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
