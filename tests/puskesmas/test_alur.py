"""The shared approval workflow, exercised on one document type (the RUK)."""

import pytest
from django.core.exceptions import PermissionDenied

from perencanaan.models import RUK
from puskesmas.alat.access import PESAN_DITOLAK
from puskesmas.alat.alur import (
    PESAN_CATATAN,
    AlurTidakSah,
    DokumenTerkunci,
    StatusAlur,
    alur_jalankan,
)


@pytest.fixture
def ruk(dunia):
    return RUK.objects.create(puskesmas=dunia.a, tahun=2027)


def test_the_standard_path_and_its_trail(dunia, ruk):
    ruk = alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
    assert ruk.status == StatusAlur.DIAJUKAN
    ruk = alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.kapus_a)
    ruk = alur_jalankan(objek=ruk, langkah="kirim", user=dunia.kapus_a)
    assert ruk.status == StatusAlur.DIKIRIM
    jejak = list(ruk.jejak())
    assert [(j.langkah, j.oleh) for j in jejak] == [
        ("kirim", dunia.kapus_a),
        ("sahkan", dunia.kapus_a),
        ("ajukan", dunia.ktu_a),
    ]
    assert ruk.versi == 4
    assert ruk.history.first().history_user == dunia.kapus_a


def test_steps_out_of_order_are_refused_in_indonesian(dunia, ruk):
    with pytest.raises(AlurTidakSah) as exc:
        alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.kapus_a)
    assert exc.value.message == "RUK berstatus «Draf» sehingga tidak dapat disahkan."
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DRAFT
    with pytest.raises(AlurTidakSah, match="tidak dapat dikirim"):
        alur_jalankan(objek=ruk, langkah="kirim", user=dunia.kapus_a)


def test_returning_needs_a_reason(dunia, ruk):
    ruk = alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
    with pytest.raises(AlurTidakSah) as exc:
        alur_jalankan(objek=ruk, langkah="kembalikan", user=dunia.kapus_a, catatan="   ")
    assert exc.value.message == PESAN_CATATAN
    ruk = alur_jalankan(
        objek=ruk, langkah="kembalikan", user=dunia.kapus_a, catatan="Anggaran belum rinci"
    )
    assert ruk.status == StatusAlur.DIKEMBALIKAN
    assert ruk.jejak().first().catatan == "Anggaran belum rinci"
    # Returned documents can be edited and submitted again.
    assert ruk.bisa_diubah
    assert alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a).status == "diajukan"


def test_roles_are_checked(dunia, ruk):
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.staf_a)
    ruk = alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.ktu_a)
    # Another Puskesmas's head cannot approve it either.
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.verifikator_x)


def test_approved_documents_are_locked(dunia, ruk):
    ruk = alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
    with pytest.raises(DokumenTerkunci) as exc:
        ruk.pastikan_bisa_diubah()
    assert exc.value.message.startswith("RUK berstatus «Diajukan» dan terkunci.")
    ruk = alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.kapus_a)
    with pytest.raises(DokumenTerkunci, match="^RUK berstatus «Disahkan» dan terkunci"):
        ruk.pastikan_bisa_diubah()


def test_a_stale_object_cannot_skip_a_step(dunia, ruk):
    """Two heads acting on the same page: the second sees the real status, not its copy."""
    basi = RUK.objects.get(pk=ruk.pk)
    alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
    alur_jalankan(objek=RUK.objects.get(pk=ruk.pk), langkah="sahkan", user=dunia.kapus_a)
    with pytest.raises(AlurTidakSah, match="^RUK berstatus «Disahkan» sehingga tidak dapat"):
        alur_jalankan(objek=basi, langkah="ajukan", user=dunia.ktu_a)
