"""Targets agreed with the Dinkes: the catalogue's default target is the Dinkes's; a
Puskesmas target that differs carries a reason, and the Dinkes reviews them per Puskesmas."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.models import PenetapanTarget, TargetKinerja
from perencanaan.services import target as svc
from puskesmas.alat.alur import AlurTidakSah, StatusAlur

from .factories_target import isi_semua, klaster, siapkan

pytestmark = pytest.mark.django_db

TAHUN = 2026


@pytest.fixture
def siap(dunia):
    return siapkan(dunia, TAHUN)  # klaster 2 defaults 95 %, the others 100 %


@pytest.fixture
def penetapan(siap):
    return svc.penetapan_mulai(puskesmas=siap.dunia.a, tahun=TAHUN, user=siap.dunia.ktu_a)


def _url_form(dunia, nomor):
    return reverse("perencanaan:target", args=[dunia.a.pk]) + f"?tahun={TAHUN}&klaster={nomor}"


def _simpan(penetapan, siap, nilai, alasan=None, user=None):
    return svc.target_klaster_simpan(
        penetapan=penetapan,
        klaster=klaster(2),
        nilai={siap.kode(k).pk: v for k, v in nilai.items()},
        user=user or siap.dunia.pj2_a,
        alasan_beda=None if alasan is None else {siap.kode(k).pk: v for k, v in alasan.items()},
    )


# --- Service -----------------------------------------------------------------------------


def test_a_target_other_than_the_dinkes_default_needs_a_reason_and_nothing_is_saved(
    siap, penetapan
):
    with pytest.raises(AlurTidakSah) as exc:
        _simpan(penetapan, siap, {"K2-01": Decimal(95), "K2-02": Decimal("87.5")}, alasan={})
    assert exc.value.message == (
        "Target K2-02 (87,5 %) berbeda dari target yang disepakati Dinas Kesehatan (95 %): "
        "isi alasannya."
    )
    assert not TargetKinerja.objects.exists()
    with pytest.raises(AlurTidakSah):  # blank is no reason
        _simpan(penetapan, siap, {"K2-02": Decimal(90)}, alasan={"K2-02": "   "})
    assert not TargetKinerja.objects.exists()


def test_the_reason_is_kept_and_dropped_when_the_target_is_the_default_again(siap, penetapan):
    _simpan(penetapan, siap, {"K2-02": Decimal(90)}, alasan={"K2-02": " Capaian 2025 72 % "})
    t = TargetKinerja.objects.get()
    assert (t.target_persen, t.alasan_beda, t.beda_dari_dinkes) == (90, "Capaian 2025 72 %", True)
    _simpan(penetapan, siap, {"K2-02": Decimal(95)}, alasan={"K2-02": "tidak perlu"})
    t.refresh_from_db()
    assert (t.target_persen, t.alasan_beda, t.beda_dari_dinkes) == (95, "", False)


def test_submission_names_the_targets_still_without_a_reason(siap, penetapan):
    isi_semua(penetapan, siap.dunia.ktu_a, siap.indikator, persen=Decimal(100))
    _simpan(penetapan, siap, {"K2-01": Decimal(95), "K2-02": Decimal(95)}, alasan={})
    # An import carries no reasons: the K2 targets (default 95) now differ without one.
    _simpan(penetapan, siap, {"K2-01": Decimal(99), "K2-02": Decimal(98)}, alasan=None)
    with pytest.raises(AlurTidakSah) as exc:
        svc.penetapan_ajukan(penetapan=penetapan, user=siap.dunia.ktu_a)
    assert exc.value.message == svc.PESAN_ALASAN_BELUM.format(jumlah=2, daftar="K2-01, K2-02")
    penetapan.refresh_from_db()
    assert penetapan.status == StatusAlur.DRAFT
    _simpan(penetapan, siap, {"K2-01": Decimal(99), "K2-02": Decimal(95)}, alasan={"K2-01": "X"})
    penetapan = svc.penetapan_ajukan(penetapan=penetapan, user=siap.dunia.ktu_a)
    assert penetapan.status == StatusAlur.DIAJUKAN


# --- Form --------------------------------------------------------------------------------


def test_the_form_asks_for_the_reason_in_indonesian_and_keeps_the_input(siap, penetapan, masuk):
    dunia = siap.dunia
    client = masuk(dunia.pj2_a)
    url = _url_form(dunia, 2)
    r = client.get(url)
    assert "Target Dinas Kesehatan: 95 %" in r.content.decode()
    a, b = siap.kode("K2-01"), siap.kode("K2-02")
    data = {
        "klaster": "2",
        "sidik": r.context["form"].initial["sidik"],
        f"ind_{a.pk}": "95",
        f"ind_{b.pk}": "87,5",
    }
    r = client.post(url, data)
    assert r.status_code == 200
    assert r.context["form"].errors == {
        f"alasan_{b.pk}": [
            "Target 87,5 % berbeda dari target Dinas Kesehatan (95 %): isi alasannya."
        ]
    }
    assert 'value="87,5"' in r.content.decode()
    assert not TargetKinerja.objects.exists()
    r = client.post(url, {**data, f"alasan_{b.pk}": "Cakupan dua tahun terakhir 80 %"})
    assert r.status_code == 302
    assert TargetKinerja.objects.get(indikator=b).alasan_beda == "Cakupan dua tahun terakhir 80 %"
    # Opened again, the form shows the stored reason.
    assert "Cakupan dua tahun terakhir 80 %" in client.get(url).content.decode()


# --- The Dinkes review page --------------------------------------------------------------


def _url_beda(dunia):
    return reverse("perencanaan:target_beda_kabupaten", args=[dunia.kab_x.pk]) + f"?tahun={TAHUN}"


def test_dinkes_sees_per_puskesmas_the_differing_targets_with_their_reasons(siap, penetapan, masuk):
    dunia = siap.dunia
    _simpan(
        penetapan,
        siap,
        {"K2-01": Decimal(95), "K2-02": Decimal(90)},
        alasan={"K2-02": "Capaian 2025 baru 72 %"},
    )
    r = masuk(dunia.verifikator_x).get(_url_beda(dunia))
    assert r.status_code == 200
    daftar = {d.puskesmas.nama: d for d in r.context["daftar"]}
    assert set(daftar) == {dunia.a.nama, dunia.b.nama}  # kabupaten X only
    assert [t.indikator.kode for t in daftar[dunia.a.nama].beda] == ["K2-02"]
    assert daftar[dunia.b.nama].penetapan is None
    isi = r.content.decode()
    assert "Capaian 2025 baru 72 %" in isi and 'data-testid="beda-K2-01"' not in isi
    assert "belum mulai menyusun target" in isi


def test_the_review_shows_the_newest_revision_and_a_missing_reason(siap, penetapan, masuk):
    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator, persen=Decimal(100))
    svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
    import datetime as dt

    svc.sk_target_tetapkan(
        penetapan=penetapan, nomor="440/1", tanggal=dt.date(2026, 2, 20), user=dunia.kapus_a
    )
    revisi = svc.penetapan_revisi_buat(penetapan=penetapan, user=dunia.ktu_a)
    # The reasons went along with the copied targets.
    assert set(
        TargetKinerja.objects.filter(penetapan=revisi)
        .exclude(alasan_beda="")
        .values_list("indikator__kode", flat=True)
    ) == {"K2-01", "K2-02"}
    _simpan(revisi, siap, {"K2-01": Decimal(80)}, alasan=None)  # imported: kept reason
    TargetKinerja.objects.filter(penetapan=revisi, indikator__kode="K2-02").update(alasan_beda="")
    r = masuk(dunia.admin_x).get(_url_beda(dunia))
    (a,) = [d for d in r.context["daftar"] if d.puskesmas == dunia.a]
    assert a.penetapan == revisi
    assert [(t.indikator.kode, t.target_persen) for t in a.beda] == [
        ("K2-01", Decimal(80)),
        ("K2-02", Decimal(100)),
    ]
    assert r.context["tanpa_alasan"] == 1
    assert "belum ada alasan" in r.content.decode()


def test_the_review_is_for_the_dinkes_of_that_kabupaten_only(siap, masuk):
    dunia = siap.dunia
    assert masuk(dunia.staf_a).get(_url_beda(dunia)).status_code == 403
    assert masuk(dunia.kapus_a).get(_url_beda(dunia)).status_code == 403
    assert masuk(dunia.verifikator_y).get(_url_beda(dunia)).status_code == 404


def test_the_review_runs_a_fixed_number_of_queries(siap, penetapan, masuk):
    dunia = siap.dunia
    client = masuk(dunia.verifikator_x)

    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url_beda(dunia)).status_code == 200
        return len(ctx.captured_queries)

    sedikit = hitung()
    isi_semua(penetapan, dunia.ktu_a, siap.indikator, persen=Decimal(50))
    lain = PenetapanTarget.objects.create(puskesmas=dunia.b, tahun=TAHUN)
    for ind in siap.indikator:
        TargetKinerja.objects.create(
            penetapan=lain, indikator=ind, target_persen=Decimal(60), alasan_beda="B"
        )
    assert sum(len(d.beda) for d in client.get(_url_beda(dunia)).context["daftar"]) == 2 * len(
        siap.indikator
    )
    assert hitung() == sedikit
