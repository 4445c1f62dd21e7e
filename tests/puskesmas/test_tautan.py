"""``balik`` and ``{% url %}``: the same address as Django's ``reverse``, for every URL.

The module doubles as a URLconf (``pytest.mark.urls``) of patterns whose address depends
on more than the digits of a number: those must never be served from a kept pattern.
"""

import itertools

import pytest
from django.template import Context, Template, engines
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    path,
    re_path,
    register_converter,
    reverse,
)
from django.views.generic import View

from puskesmas.alat import tautan
from puskesmas.alat.tautan import balik
from puskesmas.templatetags.tautan import URLNodeCepat


class _Empat:
    """A year padded to four digits: the text is not ``str(value)``."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class _TanpaNol:
    """Any number but 0 (``to_url`` refuses it)."""

    regex = "[0-9]+"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        if value == 0:
            raise ValueError("nol")
        return str(value)


register_converter(_Empat, "empat_uji")
register_converter(_TanpaNol, "tanpa_nol_uji")
_v = View.as_view()
urlpatterns = [
    re_path(r"^tahun/(?P<tahun>20[0-9]{2})/$", _v, name="tahun_regex"),
    path("pad/<empat_uji:tahun>/", _v, name="tahun_pad"),
    # One name, two patterns: which one answers depends on the value (reverse tries the
    # one defined last first; a number of one digit takes it, a longer one the other).
    re_path(r"^dua/panjang/(?P<x>[0-9]+)/$", _v, name="dua"),
    re_path(r"^dua/(?P<x>[0-9])/$", _v, name="dua"),
    path("biasa/<int:pk>/<int:anak>/", _v, name="biasa"),
    # Two to six digits take the pattern tried first; one digit or nineteen the other.
    path("tiga/<int:x>/", _v, name="tiga"),
    re_path(r"^tiga/pendek/(?P<x>[0-9]{2,6})/$", _v, name="tiga"),
    path("nol/<tanpa_nol_uji:x>/", _v, name="tanpa_nol"),
]


def _hasil(fungsi):
    try:
        return fungsi()
    except NoReverseMatch:
        return NoReverseMatch


def _nama_url(resolver=None, awal=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{awal}{p.namespace}:" if p.namespace else awal
            yield from _nama_url(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield awal + p.name


ANGKA = [(), (0,), (7,), (42,), (2026,), (123456,), (1, 2), (12, 345), (3, 2026), (1, 2, 3)]


@pytest.fixture(autouse=True)
def _bersih():
    tautan.kosongkan()
    yield
    tautan.kosongkan()


def test_every_named_url_of_the_project_reverses_as_django_does():
    nama = sorted(set(_nama_url()))
    assert len(nama) > 100  # the whole project is walked, namespaces included
    dilayani = 0
    for n, args in itertools.product(nama, ANGKA):
        harapan = _hasil(lambda n=n, a=args: reverse(n, args=a))
        for _ in range(2):  # composing, then from the kept pattern
            assert _hasil(lambda n=n, a=args: balik(n, a)) == harapan, (n, args)
        dilayani += harapan is not NoReverseMatch
    assert dilayani > 100


def test_keyword_arguments_in_any_order():
    url = reverse("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": 12})
    assert balik("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": 12}) == url
    assert balik("perencanaan:tenggat_kepatuhan", kwargs={"kabupaten_pk": 12}) == url
    with pytest.raises(NoReverseMatch):
        balik("perencanaan:tenggat_kepatuhan", kwargs={"salah": 12})


@pytest.mark.parametrize("args", [("a/b c",), ("<x>",), (-1,), (True,), (1.5,), ("7",)])
def test_what_is_not_a_non_negative_integer_goes_to_reverse(args):
    assert _hasil(lambda: balik("puskesmas_detail", args)) == _hasil(
        lambda: reverse("puskesmas_detail", args=args)
    )


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("nama", "args"),
    [
        ("tahun_regex", (2026,)),
        ("tahun_regex", (1999,)),
        ("tahun_pad", (7,)),
        ("tahun_pad", (2026,)),
        ("dua", (5,)),
        ("dua", (55,)),
        ("tiga", (42,)),
        ("tiga", (7,)),
        ("tanpa_nol", (0,)),
        ("tanpa_nol", (5,)),
        ("biasa", (1, 22)),
    ],
)
def test_an_address_that_depends_on_the_value_is_never_kept(nama, args):
    for _ in range(2):
        assert _hasil(lambda: balik(nama, args)) == _hasil(lambda: reverse(nama, args=args))
    # Kept only where the text is the number's digits, for any number.
    kept = {k[0]: v for k, v in tautan._POLA.items()}
    assert (kept[nama] is not None) == (nama == "biasa")


@pytest.mark.urls(__name__)
def test_a_kept_pattern_is_forgotten_when_the_urlconf_setting_changes():
    balik("biasa", (1, 2))
    assert tautan._POLA
    with override_settings(ROOT_URLCONF="puskesmas.urls"):
        assert not tautan._POLA


def test_every_template_url_tag_is_the_fast_one():
    engine = engines["django"].engine
    t = Template("{% url 'puskesmas_detail' 5 %}", engine=engine)
    assert isinstance(t.nodelist[0], URLNodeCepat)


def test_url_tag_output_as_djangos():
    engine = engines["django"].engine
    teks = (
        "{% url 'puskesmas_detail' pk %}|{% url 'perencanaan:tenggat_kepatuhan' kabupaten_pk=k %}|"
        "{% url 'verifikasi' s %}|{% url 'tidak_ada' 1 as x %}[{{ x }}]|"
        "{% url 'puskesmas_detail' pk as y %}{{ y }}"
    )
    ctx = {"pk": 9, "k": 3, "s": "a&b"}
    hasil = Template(teks, engine=engine).render(Context(ctx))
    assert hasil == (
        f"{reverse('puskesmas_detail', args=[9])}|"
        f"{reverse('perencanaan:tenggat_kepatuhan', kwargs={'kabupaten_pk': 3})}|"
        f"{reverse('verifikasi', args=['a&b']).replace('&', '&amp;')}|[]|"
        f"{reverse('puskesmas_detail', args=[9])}"
    )
    with pytest.raises(NoReverseMatch):
        Template("{% url 'tidak_ada' 1 %}", engine=engine).render(Context({}))
