"""Names that reach official documents are one line of printable text (see models.teks_satu_baris)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from puskesmas.models import Kabupaten, Kecamatan, Puskesmas, User

PESAN = "Harus satu baris teks biasa"

BUKAN_SATU_BARIS = [
    "Alfa\n} body { background: url(http://127.0.0.1:9999/x) }",
    "Alfa\r\nBeta",
    "Alfa\tBeta",
    "Alfa\u2028Beta",  # line separator
    "Alfa\u202eateB",  # right-to-left override: shows something else than was typed
    "Alfa\x1b[8mBeta",  # a terminal escape
]


@pytest.mark.parametrize("nilai", BUKAN_SATU_BARIS)
def test_the_profile_form_refuses_a_name_that_is_not_one_line(masuk, dunia, nilai):
    c = masuk(dunia.kapus_a)
    url = reverse("puskesmas_ubah", args=[dunia.a.pk])
    awal = {k: v for k, v in c.get(url).context["form"].initial.items() if v is not None}
    r = c.post(url, {**awal, "nama": nilai, "kepala_nama": nilai})
    assert r.status_code == 200
    galat = r.context["form"].errors
    assert PESAN in galat["nama"][0] and PESAN in galat["kepala_nama"][0]
    dunia.a.refresh_from_db()
    assert dunia.a.nama == "Alfa"


def test_ordinary_names_with_punctuation_stay_valid(masuk, dunia):
    c = masuk(dunia.kapus_a)
    url = reverse("puskesmas_ubah", args=[dunia.a.pk])
    awal = {k: v for k, v in c.get(url).context["form"].initial.items() if v is not None}
    nama = "O'Neil <Utama> & Ñusa-Jaya (Rawat Inap)\u00a02"
    r = c.post(url, {**awal, "nama": nama, "kepala_nama": "dr. Siti Nur'aini, M.Kes."})
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    dunia.a.refresh_from_db()
    assert dunia.a.nama == nama


@pytest.mark.parametrize(
    "model, field",
    [
        (Kabupaten, "nama"),
        (Kabupaten, "nama_dinkes"),
        (Kabupaten, "alamat_dinkes"),
        (Kabupaten, "kepala_dinkes_nama"),
        (Kecamatan, "nama"),
        (Puskesmas, "nama"),
        (Puskesmas, "alamat"),
        (Puskesmas, "telepon"),
        (Puskesmas, "kepala_nama"),
        (User, "nama_lengkap"),
        (User, "jabatan"),
    ],
)
def test_every_name_printed_in_documents_is_validated(dunia, model, field):
    """Admin and every model form run these, whatever screen edits the record."""
    objek = {
        Kabupaten: dunia.kab_x,
        Kecamatan: dunia.a.kecamatan,
        Puskesmas: dunia.a,
        User: dunia.kapus_a,
    }[model]
    setattr(objek, field, "Baris satu\nBaris dua")
    with pytest.raises(ValidationError) as galat:
        objek.full_clean()
    assert PESAN in galat.value.message_dict[field][0]
