"""PKP in the work inbox: an assessment submitted waits for the verifier of its kabupaten,
one returned waits for the Kepala of its Puskesmas, with the reason."""

from django.urls import reverse

from pkp.models import PenilaianPKP
from puskesmas.alat import kotak_masuk as km
from puskesmas.alat.alur import StatusAlur

from .conftest import TAHUN


def _pkp(user) -> list[km.Butir]:
    return [b for b in km.kotak_masuk(user=user, tahun=TAHUN) if b.label.startswith("PKP")]


def test_submitted_waits_for_the_verifier_of_its_kabupaten(dunia, penilaian_a):
    assert _pkp(dunia.verifikator_x) == []
    PenilaianPKP.objects.filter(pk=penilaian_a.pk).update(status=StatusAlur.DIAJUKAN)
    (butir,) = _pkp(dunia.verifikator_x)
    assert butir.label == f"PKP {TAHUN} Puskesmas Alfa diajukan: verifikasi"
    assert butir.url == reverse("pkp:verifikasi", args=[penilaian_a.pk])
    assert _pkp(dunia.verifikator_y) == []
    assert _pkp(dunia.admin_x) == []  # verification is the verifier's
    assert _pkp(dunia.kapus_a) == []


def test_returned_waits_for_the_kepala_with_the_reason(dunia, penilaian_a):
    PenilaianPKP.objects.filter(pk=penilaian_a.pk).update(
        status=StatusAlur.DIKEMBALIKAN, catatan_pengembalian="Bukti SKP belum diunggah"
    )
    (butir,) = _pkp(dunia.kapus_a)
    assert butir.label.startswith(f"PKP {TAHUN} Puskesmas Alfa dikembalikan")
    assert butir.keterangan == "Bukti SKP belum diunggah"
    assert butir.url == reverse("pkp:penilaian", args=[dunia.a.pk]) + f"?tahun={TAHUN}"
    assert _pkp(dunia.verifikator_x) == []
    assert _pkp(dunia.staf_a) == []
