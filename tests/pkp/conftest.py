"""Fixtures of the PKP tests: the national default of this year, kabupaten X's copy, and
an assessment of Puskesmas A opened on it."""

import pytest
from django.utils import timezone

from pkp.models import NilaiManajemen, NilaiMutu, NilaiPelayanan
from pkp.services.instrumen import instrumen_salin, standar_nasional_pastikan
from pkp.services.penilaian import penilaian_buka

TAHUN = timezone.localdate().year


@pytest.fixture
def standar(db):
    instrumen, _ = standar_nasional_pastikan(TAHUN)
    return instrumen


@pytest.fixture
def salinan_x(dunia, standar):
    return instrumen_salin(user=dunia.admin_x, kabupaten=dunia.kab_x, tahun=TAHUN)


@pytest.fixture
def tanpa_saran(monkeypatch):
    """No suggestion rule registered (restored afterwards, P1's rules included)."""
    from pkp import saran_daftar

    monkeypatch.setattr(saran_daftar, "_DAFTAR", {})


@pytest.fixture
def penilaian_a(dunia, salinan_x):
    penilaian, _ = penilaian_buka(puskesmas=dunia.a, tahun=TAHUN, user=dunia.kapus_a)
    return penilaian


def isi_semua(penilaian, *, capaian="100", skor=10, mutu="100"):
    """Give every item of ``penilaian`` a value (plain updates: the services are tested
    on their own)."""
    NilaiPelayanan.objects.filter(penilaian=penilaian).update(capaian=capaian)
    NilaiManajemen.objects.filter(penilaian=penilaian).update(skor=skor)
    NilaiMutu.objects.filter(penilaian=penilaian).update(capaian=mutu)
