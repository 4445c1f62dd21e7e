"""Analisis situasi (achievements of N-1 against targets, per klaster) and perumusan
masalah (problems ranked by USG)."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.choices import Arah
from perencanaan.models import RUK, CapaianTahunan, Masalah
from perencanaan.selectors.analisis import analisis_situasi, masalah_berperingkat
from puskesmas.alat.fields import PESAN_DESIMAL
from puskesmas.services.inti import PESAN_KONFLIK

from .factories_ruk import (
    CapaianFactory,
    IndikatorRUKFactory,
    KegiatanRUKFactory,
    MasalahFactory,
    RUKFactory,
    klaster,
)

N = 2026


@pytest.fixture
def klien(masuk):
    """A signed-in client looking at planning year N."""

    def _klien(user):
        c = masuk(user)
        c.post(reverse("pilih_tahun"), {"tahun": N})
        return c

    return _klien


@pytest.fixture
def indikator(dunia):
    kab = dunia.kab_x
    return {
        "naik": IndikatorRUKFactory(kabupaten=kab, tahun=N - 1, kode="K6", nama="Cakupan K6"),
        "turun": IndikatorRUKFactory(
            kabupaten=kab,
            tahun=N - 1,
            kode="AKB",
            nama="Angka kematian bayi",
            arah=Arah.TURUN,
            target_default=Decimal(5),
        ),
        "tb": IndikatorRUKFactory(
            kabupaten=kab, tahun=N - 1, kode="TB", nama="Terduga TBC", klaster=klaster(4)
        ),
        # Not last year's catalogue, or not this kabupaten's: never shown.
        "tahun_ini": IndikatorRUKFactory(kabupaten=kab, tahun=N, kode="K6", nama="K6 baru"),
        "lain": IndikatorRUKFactory(kabupaten=dunia.kab_y, tahun=N - 1, kode="Y1"),
    }


def _baris(kelompok):
    return {b.indikator.kode: b for k in kelompok for b in k.baris}


def test_gaps_per_klaster_including_inverse_indicators(dunia, indikator):
    CapaianFactory(puskesmas=dunia.a, indikator=indikator["naik"], target=90, capaian=80)
    CapaianFactory(
        puskesmas=dunia.a, indikator=indikator["turun"], target=5, capaian=Decimal("7.5")
    )
    CapaianFactory(puskesmas=dunia.a, indikator=indikator["tb"], target=100, capaian=100)
    CapaianFactory(puskesmas=dunia.b, indikator=indikator["naik"], target=90, capaian=10)

    kelompok = analisis_situasi(puskesmas=dunia.a, tahun=N)
    assert [k.klaster.nomor for k in kelompok] == [1, 2, 3, 4, 5]
    baris = _baris(kelompok)
    assert set(baris) == {"K6", "AKB", "TB"}
    assert (baris["K6"].selisih, baris["K6"].tercapai) == (Decimal(-10), False)
    # Lower is better: 7,5 against a ceiling of 5 is 2,5 short.
    assert (baris["AKB"].selisih, baris["AKB"].tercapai) == (Decimal("-2.5"), False)
    assert (baris["TB"].selisih, baris["TB"].tercapai) == (Decimal(0), True)
    assert kelompok[1].tidak_tercapai == 2


def test_inverse_indicator_below_its_ceiling_is_achieved(dunia, indikator):
    CapaianFactory(puskesmas=dunia.a, indikator=indikator["turun"], target=5, capaian=2)
    baris = _baris(analisis_situasi(puskesmas=dunia.a, tahun=N))
    assert (baris["AKB"].selisih, baris["AKB"].tercapai) == (Decimal(3), True)
    assert baris["K6"].tercapai is None  # nothing entered yet


def test_the_page_flags_what_was_not_achieved(dunia, indikator, klien):
    CapaianFactory(puskesmas=dunia.a, indikator=indikator["naik"], target=90, capaian=80)
    r = klien(dunia.staf_a).get(reverse("perencanaan:analisis", args=[dunia.a.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Tidak tercapai" in html
    assert "-10" in html
    # Staff may read but not edit.
    assert "Isi capaian" not in html and "Tambah masalah" not in html


def test_achievements_are_entered_per_klaster(dunia, indikator, klien):
    c = klien(dunia.ktu_a)
    url = reverse("perencanaan:analisis_capaian", args=[dunia.a.pk]) + "?klaster=2"
    r = c.get(url)
    assert r.status_code == 200
    # Pre-filled with the catalogue's default target, shown the Indonesian way.
    assert 'value="100,00"' in r.content.decode() or 'value="100"' in r.content.decode()
    naik, turun = indikator["naik"], indikator["turun"]
    r = c.post(
        url,
        {
            "klaster": "2",
            f"target_{naik.pk}": "90",
            f"capaian_{naik.pk}": "87,5",
            f"target_{turun.pk}": "5",
            f"capaian_{turun.pk}": "",
        },
    )
    assert r.status_code == 302
    assert CapaianTahunan.objects.get(indikator=naik).capaian == Decimal("87.5")
    assert not CapaianTahunan.objects.filter(indikator=turun).exists()


def test_a_wrong_number_loses_nothing(dunia, indikator, klien):
    c = klien(dunia.ktu_a)
    naik = indikator["naik"]
    r = c.post(
        reverse("perencanaan:analisis_capaian", args=[dunia.a.pk]),
        {"klaster": "2", f"target_{naik.pk}": "90", f"capaian_{naik.pk}": "delapan puluh"},
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert PESAN_DESIMAL in html
    assert 'value="delapan puluh"' in html
    assert not CapaianTahunan.objects.exists()


def test_pj_klaster_enters_only_their_own_klaster(dunia, indikator, klien):
    c = klien(dunia.pj2_a)
    url = reverse("perencanaan:analisis_capaian", args=[dunia.a.pk])
    assert c.get(url + "?klaster=2").status_code == 200
    assert c.get(url + "?klaster=4").status_code == 403
    tb = indikator["tb"]
    r = c.post(url, {"klaster": "4", f"target_{tb.pk}": "90", f"capaian_{tb.pk}": "80"})
    assert r.status_code == 403
    assert not CapaianTahunan.objects.exists()


def test_problems_are_ranked_by_usg_on_the_page(dunia, klien):
    c = klien(dunia.ktu_a)
    url = reverse("perencanaan:masalah_tambah", args=[dunia.a.pk])
    for uraian, u, s, g in [("Rendah", 1, 2, 1), ("Tinggi", 5, 4, 5), ("Sedang", 3, 3, 3)]:
        r = c.post(
            url,
            {
                "klaster": klaster(2).pk,
                "uraian": uraian,
                "urgency": u,
                "seriousness": s,
                "growth": g,
            },
        )
        assert r.status_code == 302, r.content.decode()
    assert [p.item.uraian for p in masalah_berperingkat(puskesmas=dunia.a, tahun=N)] == [
        "Tinggi",
        "Sedang",
        "Rendah",
    ]
    html = c.get(reverse("perencanaan:analisis", args=[dunia.a.pk])).content.decode()
    assert html.index("Tinggi") < html.index("Sedang") < html.index("Rendah")
    assert Masalah.objects.filter(tahun=N, puskesmas=dunia.a).count() == 3


def test_usg_scores_outside_1_to_5_get_indonesian_messages(dunia, klien):
    r = klien(dunia.ktu_a).post(
        reverse("perencanaan:masalah_tambah", args=[dunia.a.pk]),
        {"klaster": klaster(2).pk, "uraian": "X", "urgency": 6, "seriousness": 0, "growth": "a"},
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Tidak boleh lebih dari 5." in html
    assert "Tidak boleh kurang dari 1." in html
    assert "Isi dengan bilangan bulat" in html
    assert not Masalah.objects.exists()


def test_editing_a_problem_checks_its_version(dunia, klien):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N, uraian="Lama")
    c = klien(dunia.ktu_a)
    url = reverse("perencanaan:masalah_ubah", args=[m.pk])
    data = {
        "klaster": klaster(2).pk,
        "uraian": "Baru",
        "urgency": 5,
        "seriousness": 5,
        "growth": 5,
        "versi": m.versi,
    }
    assert c.post(url, data).status_code == 302
    m.refresh_from_db()
    assert (m.uraian, m.skor, m.versi) == ("Baru", 15, 2)
    # A second form opened at version 1 is refused and keeps what was typed.
    r = c.post(url, {**data, "uraian": "Versi basi", "versi": 1})
    assert r.status_code == 200
    assert PESAN_KONFLIK in r.content.decode()
    assert "Versi basi" in r.content.decode()
    m.refresh_from_db()
    assert m.uraian == "Baru"
    baris = {b.nama: b for b in r.context["form"].konflik}
    assert (baris["uraian"].isian, baris["uraian"].tersimpan) == ("Versi basi", "Baru")
    assert not baris["klaster"].beda
    r = c.post(url, {**data, "uraian": "Versi basi", "versi": r.context["form"]["versi"].value()})
    assert r.status_code == 302
    m.refresh_from_db()
    assert (m.uraian, m.versi) == ("Versi basi", 3)


def test_deleting_a_problem(dunia, klien):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    c = klien(dunia.ktu_a)
    assert c.get(reverse("perencanaan:masalah_hapus", args=[m.pk])).status_code == 200
    assert c.post(reverse("perencanaan:masalah_hapus", args=[m.pk])).status_code == 302
    assert not Masalah.objects.filter(pk=m.pk).exists()
    # Others cannot.
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    assert (
        klien(dunia.staf_a).post(reverse("perencanaan:masalah_hapus", args=[m.pk])).status_code
        == 403
    )
    assert (
        klien(dunia.staf_b).post(reverse("perencanaan:masalah_hapus", args=[m.pk])).status_code
        == 404
    )


def test_pj_klaster_edits_only_problems_of_their_klaster(dunia, klien):
    sendiri = MasalahFactory(puskesmas=dunia.a, tahun=N, klaster=klaster(2))
    lain = MasalahFactory(puskesmas=dunia.a, tahun=N, klaster=klaster(3))
    c = klien(dunia.pj2_a)
    assert c.get(reverse("perencanaan:masalah_ubah", args=[sendiri.pk])).status_code == 200
    assert c.get(reverse("perencanaan:masalah_ubah", args=[lain.pk])).status_code == 403
    assert c.post(reverse("perencanaan:masalah_hapus", args=[lain.pk])).status_code == 403
    # Nor can they file a problem under another klaster.
    r = c.post(
        reverse("perencanaan:masalah_tambah", args=[dunia.a.pk]),
        {"klaster": klaster(3).pk, "uraian": "X", "urgency": 3, "seriousness": 3, "growth": 3},
    )
    assert r.status_code == 200
    assert not Masalah.objects.filter(uraian="X").exists()


def test_each_problem_shows_its_ruk_activities(dunia, klien):
    m = MasalahFactory(puskesmas=dunia.a, tahun=N, uraian="K6 rendah")
    ruk = RUKFactory(puskesmas=dunia.a, tahun=N + 1)
    k = KegiatanRUKFactory(ruk=ruk, upaya="Kelas ibu hamil")
    k.masalah.add(m)
    html = (
        klien(dunia.staf_a).get(reverse("perencanaan:analisis", args=[dunia.a.pk])).content.decode()
    )
    baris = html[html.index(f'data-testid="masalah-{m.pk}"') :]
    baris = baris[: baris.index("</tr>")]
    assert "Kelas ibu hamil" in baris
    assert reverse("perencanaan:ruk_detail", args=[ruk.pk]) in baris


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_analisis_page_query_count_does_not_grow(
    dunia, indikator, klien, django_assert_max_num_queries
):
    c = klien(dunia.staf_a)
    url = reverse("perencanaan:analisis", args=[dunia.a.pk])
    m = MasalahFactory(puskesmas=dunia.a, tahun=N)
    KegiatanRUKFactory(ruk=RUKFactory(puskesmas=dunia.a, tahun=N + 1)).masalah.add(m)
    # The page also reads N-2 achievements, population per desa, survey results, and each
    # problem's causes and solutions: still a fixed number of queries.
    with django_assert_max_num_queries(22):
        sedikit = _jumlah_query(c, url)
    for i in range(10):
        m = MasalahFactory(puskesmas=dunia.a, tahun=N)
        KegiatanRUKFactory(ruk=RUKFactory(puskesmas=dunia.a, tahun=N + 2 + i)).masalah.add(m)
        i_ = IndikatorRUKFactory(kabupaten=dunia.kab_x, tahun=N - 1)
        CapaianFactory(puskesmas=dunia.a, indikator=i_)
    assert _jumlah_query(c, url) == sedikit


def test_a_problem_addressed_by_an_approved_ruk_stays_as_it_was(dunia, klien):
    from perencanaan.services.analisis import PESAN_MASALAH_DIPAKAI, masalah_hapus, masalah_simpan
    from puskesmas.alat.alur import DokumenTerkunci

    masalah = MasalahFactory(puskesmas=dunia.a, tahun=N)
    ruk = RUKFactory(puskesmas=dunia.a, tahun=N + 1, status="disahkan")
    kegiatan = KegiatanRUKFactory(ruk=ruk)
    kegiatan.masalah.add(masalah)
    pesan = PESAN_MASALAH_DIPAKAI.format(tahun=N + 1, status="Disahkan")
    with pytest.raises(DokumenTerkunci) as exc:
        masalah_hapus(masalah=masalah, user=dunia.ktu_a)
    assert exc.value.message == pesan
    masalah.uraian = "Diubah diam-diam"
    with pytest.raises(DokumenTerkunci, match=f"^{re.escape(pesan)}$"):
        masalah_simpan(masalah=masalah, versi=masalah.versi, user=dunia.ktu_a)
    # Through the page: a message, and the problem and its link are still there.
    r = klien(dunia.ktu_a).post(
        reverse("perencanaan:masalah_hapus", args=[masalah.pk]), follow=True
    )
    assert pesan in r.content.decode()
    assert kegiatan.masalah.filter(pk=masalah.pk).exists()
    # While the RUK is a draft again the problem may change.
    RUK.objects.filter(pk=ruk.pk).update(status="dikembalikan")
    masalah_hapus(masalah=masalah, user=dunia.ktu_a)
    assert not Masalah.objects.filter(pk=masalah.pk).exists()
