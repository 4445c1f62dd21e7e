"""Follow-up of a set PKP assessment: its weakest variables and indicators are listed on
the assessment's page, and each becomes an RTL of the Puskesmas (the item's row its
source) by one POST; refused before penetapan, for an item that is not weak, twice for
one item, and for roles without the capability."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from pkp.models import (
    IndikatorMutu,
    IndikatorPelayanan,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    StatusVerifikasi,
)
from pkp.services.penilaian import PenilaianGagal, penilaian_buka, penilaian_langkah
from pkp.services.tindak_lanjut import (
    HARI_RTL_PKP,
    PESAN_RTL_BELUM_DITETAPKAN,
    PESAN_RTL_BUKAN_LEMAH,
    PESAN_RTL_SUDAH_ADA,
    penilaian_rtl_buat,
)
from puskesmas.choices import Peran
from puskesmas.models import RTL

from ..factories import pengguna
from .conftest import TAHUN, isi_semua


def _diajukan(dunia, salinan):
    """A's assessment on targets of 100 (coverage = capaian): everything full except
    variable 1.2.1 (4), variable 1.3.1 (7) and the first indicator (60 %); submitted."""
    IndikatorPelayanan.objects.filter(kelompok__instrumen=salinan).update(
        target=100, target_atas=None, arah="naik"
    )
    IndikatorMutu.objects.filter(instrumen=salinan).update(
        target=100, target_atas=None, arah="naik"
    )
    penilaian, _ = penilaian_buka(puskesmas=dunia.a, tahun=TAHUN, user=dunia.kapus_a)
    isi_semua(penilaian)
    NilaiManajemen.objects.filter(penilaian=penilaian, variabel__kode="1.2.1").update(skor=4)
    NilaiManajemen.objects.filter(penilaian=penilaian, variabel__kode="1.3.1").update(skor=7)
    lemah = NilaiPelayanan.objects.filter(penilaian=penilaian).order_by("pk").first()
    NilaiPelayanan.objects.filter(pk=lemah.pk).update(capaian="60")
    return penilaian_langkah(penilaian=penilaian, langkah="ajukan", user=dunia.kapus_a)


@pytest.fixture
def diajukan(dunia, salinan_x, tanpa_saran):
    return _diajukan(dunia, salinan_x)


@pytest.fixture
def ditetapkan(dunia, diajukan):
    for model in (NilaiPelayanan, NilaiManajemen, NilaiMutu):
        model.objects.filter(penilaian=diajukan).update(status_verifikasi=StatusVerifikasi.SETUJU)
    return penilaian_langkah(penilaian=diajukan, langkah="tetapkan", user=dunia.verifikator_x)


def _variabel(penilaian, kode):
    return NilaiManajemen.objects.get(penilaian=penilaian, variabel__kode=kode)


def _indikator_lemah(penilaian):
    return NilaiPelayanan.objects.select_related("indikator").get(penilaian=penilaian, capaian=60)


def _halaman(client, dunia):
    return client.get(reverse("pkp:penilaian", args=[dunia.a.pk]) + f"?tahun={TAHUN}")


def _pesan(r) -> list[str]:
    return [str(m) for m in get_messages(r.wsgi_request)]


def test_the_set_assessment_lists_its_weak_items_each_with_a_button(dunia, ditetapkan, masuk):
    r = _halaman(masuk(dunia.kapus_a), dunia)
    html = r.content.decode()
    indikator = _indikator_lemah(ditetapkan).indikator
    # Weakest first within each list: variables 1.2.1 (4) then 1.3.1 (7); the indicator.
    urutan = [html.index(f'data-kode="{k}"') for k in ("1.2.1", "1.3.1", indikator.kode)]
    assert urutan == sorted(urutan)
    assert html.count('data-testid="butir-lemah"') == 3
    assert html.count('data-testid="buat-rtl"') == 3
    assert reverse("pkp:rtl_manajemen", args=[_variabel(ditetapkan, "1.2.1").pk]) in html
    assert reverse("pkp:rtl_pelayanan", args=[_indikator_lemah(ditetapkan).pk]) in html


def test_a_weak_variable_becomes_an_rtl_of_the_puskesmas(dunia, ditetapkan, masuk):
    client = masuk(dunia.kapus_a)
    baris = _variabel(ditetapkan, "1.2.1")
    r = client.post(reverse("pkp:rtl_manajemen", args=[baris.pk]))
    rtl = RTL.objects.get()
    assert r.status_code == 302 and r.url == reverse("rtl_detail", args=[rtl.pk])
    assert rtl.puskesmas == dunia.a
    assert rtl.sumber == baris
    nama = baris.variabel.nama
    assert rtl.sumber_label == f"PKP {TAHUN}: 1.2.1 {nama}"
    assert rtl.masalah == f"PKP {TAHUN}, kinerja manajemen 1.2.1 {nama}: nilai 4 dari 10."
    assert rtl.rencana == (
        f"Perbaiki 1.2.1 agar mencapai nilai 10 pada penilaian kinerja {TAHUN + 1}."
    )
    assert rtl.pj == dunia.kapus_a
    assert rtl.batas == timezone.localdate() + timedelta(days=HARI_RTL_PKP)
    assert rtl.dibuat_oleh == dunia.kapus_a

    # The page now links the item to its RTL instead of offering a second one.
    html = _halaman(client, dunia).content.decode()
    assert html.count('data-testid="rtl-butir"') == 1
    assert html.count('data-testid="buat-rtl"') == 2
    assert reverse("rtl_detail", args=[rtl.pk]) in html


def test_a_weak_indicator_becomes_an_rtl(dunia, ditetapkan, masuk):
    baris = _indikator_lemah(ditetapkan)
    r = masuk(dunia.ktu_a).post(reverse("pkp:rtl_pelayanan", args=[baris.pk]))
    assert r.status_code == 302
    rtl = RTL.objects.get()
    i = baris.indikator
    assert rtl.sumber == baris
    assert rtl.masalah == (
        f"PKP {TAHUN}, kinerja pelayanan {i.kode} {i.nama}: cakupan 60,0 % dari target."
    )
    assert rtl.rencana == (
        f"Tingkatkan capaian {i.kode} sampai target pada penilaian kinerja {TAHUN + 1}."
    )
    assert rtl.pj == dunia.ktu_a


def test_one_rtl_per_item(dunia, ditetapkan, masuk):
    client = masuk(dunia.kapus_a)
    url = reverse("pkp:rtl_manajemen", args=[_variabel(ditetapkan, "1.2.1").pk])
    client.post(url)
    r = client.post(url)
    assert r.status_code == 302 and r.url.endswith("#tindak-lanjut")
    assert _pesan(r)[-1] == PESAN_RTL_SUDAH_ADA
    assert RTL.objects.count() == 1


def test_an_item_at_full_marks_is_not_followed_up(dunia, ditetapkan):
    with pytest.raises(PenilaianGagal) as e:
        penilaian_rtl_buat(baris=_variabel(ditetapkan, "1.1.1"), user=dunia.kapus_a)
    assert e.value.message == PESAN_RTL_BUKAN_LEMAH
    assert not RTL.objects.exists()


def test_no_rtl_before_the_dinkes_sets_the_assessment(dunia, diajukan, masuk):
    r = masuk(dunia.kapus_a).post(
        reverse("pkp:rtl_manajemen", args=[_variabel(diajukan, "1.2.1").pk])
    )
    assert _pesan(r) == [PESAN_RTL_BELUM_DITETAPKAN]
    assert not RTL.objects.exists()
    html = _halaman(masuk(dunia.kapus_a), dunia).content.decode()
    assert 'data-testid="tabel-tindak-lanjut"' not in html


@pytest.mark.parametrize("nama", ["staf_a", "verifikator_x", "admin_x"])
def test_roles_without_the_capability_are_refused(dunia, ditetapkan, masuk, nama):
    client = masuk(getattr(dunia, nama))
    r = client.post(reverse("pkp:rtl_manajemen", args=[_variabel(ditetapkan, "1.2.1").pk]))
    assert r.status_code == 403
    assert not RTL.objects.exists()
    if nama == "staf_a":
        html = _halaman(client, dunia).content.decode()
        assert html.count('data-testid="butir-lemah"') == 3
        assert 'data-testid="buat-rtl"' not in html


def test_another_puskesmas_item_is_not_found(dunia, ditetapkan, masuk):
    kapus_b = pengguna("kapus_b", Peran.KEPALA_PUSKESMAS, puskesmas=dunia.b)
    r = masuk(kapus_b).post(reverse("pkp:rtl_manajemen", args=[_variabel(ditetapkan, "1.2.1").pk]))
    assert r.status_code == 404
