"""Approving and signing are the Kepala Puskesmas's own acts: the national admin, who may do
almost everything else, cannot approve a RUK or RPK nor sign in the Kepala's place."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from perencanaan.models import RPK, RUK
from perencanaan.services import rpk as services_rpk
from perencanaan.services import ruk as services_ruk
from puskesmas.alat import access
from puskesmas.alat.access import PESAN_DITOLAK, Aksi
from puskesmas.alat.alur import StatusAlur

from .factories_rpk import RPKFactory, ruk_dengan_kegiatan

pytestmark = pytest.mark.django_db


def test_only_the_kepala_holds_the_approval_capability(dunia):
    assert access.boleh(dunia.kapus_a, Aksi.SAHKAN, dunia.a)
    for user in (dunia.nasional, dunia.admin_x, dunia.ktu_a):
        assert not access.boleh(user, Aksi.SAHKAN, dunia.a)


def test_the_national_admin_cannot_approve_a_ruk(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=2027, status=StatusAlur.DIAJUKAN, jumlah=1)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services_ruk.ruk_jalankan(ruk=ruk, langkah="sahkan", user=dunia.nasional)
    r = masuk(dunia.nasional).post(
        reverse("perencanaan:ruk_alur", args=[ruk.pk]), {"langkah": "sahkan"}
    )
    assert r.status_code == 403
    assert RUK.objects.get(pk=ruk.pk).status == StatusAlur.DIAJUKAN


def test_the_national_admin_cannot_approve_an_rpk_but_the_kepala_can(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=2027, jumlah=1)
    rpk = RPKFactory(ruk=ruk, status=StatusAlur.DIAJUKAN)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services_rpk.rpk_alur(rpk=rpk, langkah="sahkan", user=dunia.nasional)
    r = masuk(dunia.nasional).post(
        reverse("perencanaan:rpk_alur", args=[rpk.pk]), {"langkah": "sahkan"}
    )
    assert r.status_code == 403
    assert RPK.objects.get(pk=rpk.pk).status == StatusAlur.DIAJUKAN
    rpk = services_rpk.rpk_alur(rpk=rpk, langkah="sahkan", user=dunia.kapus_a)
    assert rpk.status == StatusAlur.DISAHKAN
