"""The pagu of an RPK: recorded per funding source, checked against the costs, blocking
submission when a source goes over it."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from perencanaan.models import PESAN_LEBIH_PAGU, PaguRPK, pesan_lpls_belum
from perencanaan.selectors.rpk import rpk_tabel
from perencanaan.services import rpk as services
from puskesmas.alat.access import PESAN_DITOLAK
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci, StatusAlur
from puskesmas.alat.fields import PESAN_BULAT
from puskesmas.services.inti import PESAN_KONFLIK, KonflikVersi

from .factories_rpk import ruk_dengan_kegiatan

pytestmark = pytest.mark.django_db

PESAN_BOK = (
    "Jumlah biaya kegiatan bersumber BOK Rp 6.000.000 melebihi pagu Rp 5.000.000 "
    "(lebih Rp 1.000.000)."
)


@pytest.fixture
def rpk(dunia):
    # Three RUK activities, all BOK: Rp 1.000.000 + 2.000.000 + 3.000.000.
    ruk = ruk_dengan_kegiatan(dunia.a, tahun=2027, jumlah=3)
    return services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)


def _pagu(rpk, user, **pagu):
    return services.rpk_pagu_simpan(rpk=rpk, versi=rpk.versi, user=user, pagu=pagu)


def _bahas(rpk, user):
    for jenis, tanggal in (("lp", dt.date(2027, 1, 8)), ("ls", dt.date(2027, 2, 5))):
        rpk = services.rpk_pembahasan_simpan(
            rpk=rpk, jenis=jenis, versi=rpk.versi, user=user, tanggal=tanggal, forum="", catatan=""
        )
    return rpk


def _tersimpan(rpk):
    return dict(PaguRPK.objects.filter(rpk=rpk).values_list("sumber_pembiayaan", "jumlah"))


# --- Service -----------------------------------------------------------------------------


def test_the_pagu_is_recorded_changed_and_cleared_per_source(rpk, dunia):
    versi = rpk.versi
    rpk = _pagu(rpk, dunia.ktu_a, BOK=Decimal(5_000_000), JKN=Decimal(700_000))
    assert _tersimpan(rpk) == {"BOK": 5_000_000, "JKN": 700_000}
    assert rpk.versi == versi + 1
    rpk = _pagu(rpk, dunia.kapus_a, BOK=Decimal(6_000_000), JKN=None)
    assert _tersimpan(rpk) == {"BOK": 6_000_000}  # JKN back to unknown
    assert PaguRPK.history.filter(sumber_pembiayaan="JKN").count() == 2  # created, removed


def test_a_stale_version_is_refused_and_nothing_is_saved(rpk, dunia):
    lama = rpk.versi
    _pagu(rpk, dunia.ktu_a, BOK=Decimal(5_000_000))
    with pytest.raises(KonflikVersi):
        services.rpk_pagu_simpan(rpk=rpk, versi=lama, user=dunia.kapus_a, pagu={"BOK": Decimal(1)})
    assert _tersimpan(rpk) == {"BOK": 5_000_000}


def test_an_unknown_source_is_refused_and_nothing_is_saved(rpk, dunia):
    with pytest.raises(ValueError, match="sumber pembiayaan tidak dikenal: XX"):
        _pagu(rpk, dunia.ktu_a, BOK=Decimal(1), XX=Decimal(2))
    assert _tersimpan(rpk) == {}


def test_only_who_drafts_the_plan_records_the_pagu(rpk, dunia):
    for user in (dunia.pj2_a, dunia.staf_a, dunia.staf_b, dunia.verifikator_x):
        with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
            _pagu(rpk, user, BOK=Decimal(1))
    assert _tersimpan(rpk) == {}


def test_a_submitted_rpk_keeps_its_pagu(rpk, dunia):
    rpk = _bahas(rpk, dunia.ktu_a)
    rpk = services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    with pytest.raises(DokumenTerkunci):
        _pagu(rpk, dunia.ktu_a, BOK=Decimal(1))
    assert _tersimpan(rpk) == {}


def test_submitting_over_a_pagu_is_refused_naming_the_source_and_amounts(rpk, dunia):
    rpk = _bahas(rpk, dunia.ktu_a)
    rpk = _pagu(rpk, dunia.ktu_a, BOK=Decimal(5_000_000), APBD=Decimal(0))
    with pytest.raises(AlurTidakSah) as exc:
        services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    assert exc.value.message == f"{PESAN_LEBIH_PAGU} {PESAN_BOK}"
    rpk.refresh_from_db()
    assert rpk.status == StatusAlur.DRAFT

    # Cutting the biggest activity to fit the pagu lets it through.
    besar = rpk.kegiatan.order_by("-biaya").first()
    services.kegiatan_rpk_ubah(
        kegiatan=besar,
        data={"biaya": Decimal(2_000_000)},
        sidik=services.sidik_kegiatan(besar),
        user=dunia.ktu_a,
    )
    rpk = services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    assert rpk.status == StatusAlur.DIAJUKAN


def test_the_discussion_is_asked_for_before_the_pagu(rpk, dunia):
    rpk = _pagu(rpk, dunia.ktu_a, BOK=Decimal(1))
    with pytest.raises(AlurTidakSah) as exc:
        services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    assert exc.value.message == pesan_lpls_belum(["lp", "ls"])


def test_a_source_without_a_pagu_is_not_checked(rpk, dunia):
    rpk = _bahas(rpk, dunia.ktu_a)
    rpk = _pagu(rpk, dunia.ktu_a, JKN=Decimal(0))  # BOK unknown: its 6.000.000 pass
    rpk = services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    assert rpk.status == StatusAlur.DIAJUKAN


def test_the_table_sets_each_source_against_its_pagu(rpk, dunia):
    _pagu(rpk, dunia.ktu_a, BOK=Decimal(5_000_000), DAK=Decimal(100))
    pos = {p.sumber: p for p in rpk_tabel(rpk=rpk).pagu}
    assert set(pos) == {"BOK", "DAK"}
    assert (pos["BOK"].jumlah, pos["BOK"].lebih) == (6_000_000, 1_000_000)
    assert (pos["DAK"].jumlah, pos["DAK"].sisa, pos["DAK"].melebihi) == (0, 100, False)


# --- Pages -------------------------------------------------------------------------------


def test_the_pagu_page_saves_and_the_rpk_page_shows_the_excess(rpk, dunia, masuk):
    client = masuk(dunia.ktu_a)
    url = reverse("perencanaan:rpk_pagu", args=[rpk.pk])
    r = client.get(url)
    assert r.status_code == 200 and "Pagu BOK (Rp)" in r.content.decode()
    r = client.post(url, {"versi": rpk.versi, "pagu_bok": "5.000.000", "pagu_jkn": ""})
    assert r.status_code == 302
    assert _tersimpan(rpk) == {"BOK": 5_000_000}
    isi = client.get(reverse("perencanaan:rpk_detail", args=[rpk.pk])).content.decode()
    assert 'data-testid="lebih-pagu"' in isi and PESAN_BOK in isi
    assert 'data-testid="pagu-BOK" class="table-danger"' in isi
    # The form opens again with what is stored.
    isi = client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="pagu_bok" value="5.000.000"', isi)


def test_submitting_over_the_pagu_on_the_page_shows_the_message(rpk, dunia, masuk):
    rpk = _pagu(_bahas(rpk, dunia.ktu_a), dunia.ktu_a, BOK=Decimal(5_000_000))
    r = masuk(dunia.ktu_a).post(
        reverse("perencanaan:rpk_alur", args=[rpk.pk]), {"langkah": "ajukan"}, follow=True
    )
    assert PESAN_BOK in r.content.decode()
    rpk.refresh_from_db()
    assert rpk.status == StatusAlur.DRAFT


def test_a_bad_amount_gets_an_indonesian_message_and_keeps_the_input(rpk, dunia, masuk):
    r = masuk(dunia.ktu_a).post(
        reverse("perencanaan:rpk_pagu", args=[rpk.pk]),
        {"versi": rpk.versi, "pagu_bok": "lima juta", "pagu_apbd": "-5", "pagu_dak": "700.000"},
    )
    assert r.status_code == 200
    errors = r.context["form"].errors
    assert errors["pagu_bok"] == [PESAN_BULAT]
    assert errors["pagu_apbd"] == ["Tidak boleh kurang dari 0."]
    isi = r.content.decode()
    assert 'value="lima juta"' in isi and 'value="700.000"' in isi
    assert _tersimpan(rpk) == {}


def test_a_stale_pagu_form_says_so_and_keeps_the_input(rpk, dunia, masuk):
    url = reverse("perencanaan:rpk_pagu", args=[rpk.pk])
    versi = rpk.versi
    masuk(dunia.kapus_a).post(url, {"versi": versi, "pagu_bok": "5000000"})
    r = masuk(dunia.ktu_a).post(url, {"versi": versi, "pagu_bok": "4000000"})
    assert r.status_code == 200
    assert r.context["form"].non_field_errors() == [PESAN_KONFLIK]
    assert 'value="4000000"' in r.content.decode()
    assert _tersimpan(rpk) == {"BOK": 5_000_000}
    baris = {b.nama: b for b in r.context["form"].konflik}
    assert (baris["pagu_bok"].isian, baris["pagu_bok"].tersimpan) == ("4.000.000", "5.000.000")
    versi_baru = r.context["form"]["versi"].value()
    assert versi_baru == str(versi + 1)
    r = masuk(dunia.ktu_a).post(url, {"versi": versi_baru, "pagu_bok": "4000000"})
    assert r.status_code == 302
    assert _tersimpan(rpk) == {"BOK": 4_000_000}


def test_the_pagu_page_is_closed_to_others(rpk, dunia, masuk):
    url = reverse("perencanaan:rpk_pagu", args=[rpk.pk])
    assert masuk(dunia.staf_b).get(url).status_code == 404
    assert masuk(dunia.pj2_a).post(url, {"versi": rpk.versi, "pagu_bok": "1"}).status_code == 403
    assert _tersimpan(rpk) == {}
