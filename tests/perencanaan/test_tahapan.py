"""The order of the P1 stages: the RUK and RPK pages name the earlier steps not done (a
warning, also in the submit confirmation), and the Dinkes sees them per Puskesmas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.models import RUK
from perencanaan.selectors import tahapan
from perencanaan.services import rpk as services_rpk
from perencanaan.services import ruk as services_ruk
from puskesmas.alat.alur import StatusAlur

from .factories_katalog import TimPerencanaanFactory
from .factories_rpk import ruk_dengan_kegiatan
from .factories_ruk import CapaianFactory, IndikatorRUKFactory, MasalahFactory

pytestmark = pytest.mark.django_db

TAHUN_RUK = 2027  # drafted in planning year 2026, from the achievements of 2025


def _tahap_selesai(puskesmas, user):
    TimPerencanaanFactory(puskesmas=puskesmas, tahun=2026, ketua=user, status=StatusAlur.DISAHKAN)
    ind = IndikatorRUKFactory(kabupaten=puskesmas.kabupaten, tahun=2025)
    CapaianFactory(puskesmas=puskesmas, indikator=ind)
    MasalahFactory(puskesmas=puskesmas, tahun=2026)


def test_the_steps_before_a_ruk_each_count_only_for_their_year(dunia):
    a = dunia.a
    assert tahapan.peringatan(tahapan.tahapan_ruk(puskesmas_id=a.pk, tahun_ruk=TAHUN_RUK)) == (
        "Tahap sebelumnya belum selesai: Tim Perencanaan dengan SK yang ditetapkan; analisis "
        "situasi (capaian tahun lalu); masalah yang diprioritaskan (USG)."
    )
    # Wrong years, an unsigned team, another Puskesmas: still missing.
    TimPerencanaanFactory(puskesmas=a, tahun=2026, ketua=dunia.ktu_a)  # draft
    TimPerencanaanFactory(puskesmas=a, tahun=2025, ketua=dunia.ktu_a, status="disahkan")
    CapaianFactory(puskesmas=a, indikator=IndikatorRUKFactory(kabupaten=a.kabupaten, tahun=2026))
    MasalahFactory(puskesmas=a, tahun=2025)
    _tahap_selesai(dunia.b, dunia.staf_b)
    assert [t.selesai for t in tahapan.tahapan_ruk(puskesmas_id=a.pk, tahun_ruk=TAHUN_RUK)] == [
        False,
        False,
        False,
    ]
    assert tahapan.peringatan(tahapan.tahapan_ruk(puskesmas_id=dunia.b.pk, tahun_ruk=2027)) == ""


def test_the_ruk_page_warns_and_asks_before_submitting_but_does_not_block(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=TAHUN_RUK, status=StatusAlur.DRAFT, jumlah=1)
    client = masuk(dunia.ktu_a)
    url = reverse("perencanaan:ruk_detail", args=[ruk.pk])
    isi = client.get(url).content.decode()
    assert 'data-testid="tahap-kurang"' in isi and "analisis situasi (capaian tahun lalu)" in isi
    assert 'data-testid="form-ajukan-peringatan"' in isi and "Tetap ajukan RUK?" in isi
    ruk = services_ruk.ruk_jalankan(ruk=ruk, langkah="ajukan", user=dunia.ktu_a)
    assert ruk.status == StatusAlur.DIAJUKAN
    # Once submitted the warning is gone (nothing left to decide).
    assert 'data-testid="tahap-kurang"' not in client.get(url).content.decode()


def test_with_every_step_done_there_is_no_warning(dunia, masuk):
    _tahap_selesai(dunia.a, dunia.ktu_a)
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=TAHUN_RUK, status=StatusAlur.DRAFT, jumlah=1)
    isi = masuk(dunia.ktu_a).get(reverse("perencanaan:ruk_detail", args=[ruk.pk]))
    isi = isi.content.decode()
    assert 'data-testid="tahap-kurang"' not in isi and "Tetap ajukan" not in isi


def test_the_rpk_page_warns_when_its_ruk_is_no_longer_approved(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=TAHUN_RUK, jumlah=1)
    rpk = services_rpk.rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)
    client = masuk(dunia.ktu_a)
    url = reverse("perencanaan:rpk_detail", args=[rpk.pk])
    assert 'data-testid="tahap-kurang"' not in client.get(url).content.decode()
    RUK.objects.filter(pk=ruk.pk).update(status=StatusAlur.DIKEMBALIKAN)
    isi = client.get(url).content.decode()
    assert "Tahap sebelumnya belum selesai: RUK yang sudah disahkan." in isi
    assert "Tetap ajukan RPK?" in isi


# --- The Dinkes page ---------------------------------------------------------------------


def _url(dunia):
    return reverse("perencanaan:tahapan_kabupaten", args=[dunia.kab_x.pk])


def _tahun_2026(client):
    """The year chosen in the navbar: 2026, the planning year of RUK 2027."""
    sesi = client.session
    sesi["tahun"] = 2026
    sesi.save()
    return client


def test_dinkes_sees_per_puskesmas_which_steps_are_done(dunia, masuk):
    _tahap_selesai(dunia.a, dunia.ktu_a)
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=TAHUN_RUK, jumlah=1)
    services_rpk.rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)
    client = _tahun_2026(masuk(dunia.verifikator_x))
    r = client.get(_url(dunia))
    assert r.status_code == 200
    baris = {d.puskesmas.nama: d for d in r.context["daftar"]}
    assert set(baris) == {dunia.a.nama, dunia.b.nama}
    a, b = baris[dunia.a.nama], baris[dunia.b.nama]
    assert (a.tim, a.analisis, a.masalah, a.ruk, a.rpk) == (
        True,
        True,
        True,
        StatusAlur.DISAHKAN,
        StatusAlur.DRAFT,
    )
    assert (b.tim, b.analisis, b.masalah, b.ruk, b.rpk) == (False, False, False, None, None)
    assert a.ruk_sah and not b.ruk_sah


def test_the_dinkes_page_is_scoped_and_runs_a_fixed_number_of_queries(dunia, masuk):
    assert masuk(dunia.staf_a).get(_url(dunia)).status_code == 403
    assert masuk(dunia.verifikator_y).get(_url(dunia)).status_code == 404
    client = _tahun_2026(masuk(dunia.admin_x))

    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(dunia)).status_code == 200
        return len(ctx.captured_queries)

    sedikit = hitung()
    _tahap_selesai(dunia.a, dunia.ktu_a)
    _tahap_selesai(dunia.b, dunia.staf_b)
    MasalahFactory(puskesmas=dunia.a, tahun=2026)
    ruk_dengan_kegiatan(dunia.b, tahun=TAHUN_RUK, jumlah=2)
    assert hitung() == sedikit
