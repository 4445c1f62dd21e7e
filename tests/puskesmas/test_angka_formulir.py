"""A page's form posted with what is not a number gets an Indonesian message, never a 500."""

import pytest
from django.urls import reverse

from puskesmas.alat.fields import PESAN_BULAT
from puskesmas.models import SasaranDesa


@pytest.mark.parametrize("mentah", ["Infinity", "NaN", "-Infinity", "1e999999999"])
def test_sasaran_form_refuses_infinity_nan_and_absurd_exponents(masuk, dunia, mentah):
    desa = dunia.a.desa.first()
    c = masuk(dunia.ktu_a)
    c.post(reverse("pilih_tahun"), {"tahun": "2027"})
    url = reverse("desa_sasaran", args=[dunia.a.pk, desa.pk])
    r = c.post(url, {"versi": desa.versi, "penduduk": mentah, "ibu_hamil": "55"})
    assert r.status_code == 200
    assert PESAN_BULAT in r.content.decode()
    assert not SasaranDesa.objects.filter(desa=desa, tahun=2027).exists()
