"""«Menunggu tindakan Anda» for P1: what each role finds waiting, in its scope only, each
item linking to the page of the action, overdue first, in a number of queries that does not
grow with the number of documents."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perencanaan.models import Indikator
from puskesmas.alat import kotak_masuk as km
from puskesmas.alat.alur import StatusAlur
from puskesmas.choices import Peran

from ..factories import PuskesmasFactory, pengguna
from .factories_katalog import RencanaLimaTahunanFactory, TimPerencanaanFactory
from .factories_rpk import RPKFactory, RUKRPKFactory
from .factories_target import PenetapanTargetFactory, TargetKinerjaFactory, katalog_uji

S = StatusAlur
N = 2026
HARI = date(2026, 2, 20)  # after the targets' due date (14 Feb), before the SK's (28 Feb)


def _kotak(user, hari_ini=HARI):
    return km.kotak_masuk(user=user, tahun=N, hari_ini=hari_ini)


def _label(user, hari_ini=HARI) -> list[str]:
    return [b.label for b in _kotak(user, hari_ini)]


def _dokumen_menunggu(p, tahun_ruk=N + 1, status=S.DIAJUKAN):
    PenetapanTargetFactory(puskesmas=p, tahun=tahun_ruk - 1, status=status)
    TimPerencanaanFactory(puskesmas=p, tahun=tahun_ruk - 1, status=status)
    RencanaLimaTahunanFactory(puskesmas=p, tahun_mulai=tahun_ruk - 2, status=status)
    RUKRPKFactory(puskesmas=p, tahun=tahun_ruk, status=status)
    RPKFactory(ruk=RUKRPKFactory(puskesmas=p, tahun=tahun_ruk - 1), status=status)


def test_the_kepala_finds_what_waits_for_approval(dunia):
    _dokumen_menunggu(dunia.a)
    _dokumen_menunggu(dunia.b)  # another Puskesmas: not the Kepala of A's
    butir = [b for b in _kotak(dunia.kapus_a) if "diajukan" in b.label]
    assert {b.label for b in butir} == {
        "Target kinerja 2026 Puskesmas Alfa diajukan: tetapkan SK Target Kinerja",
        "SK Tim Perencanaan 2026 Puskesmas Alfa diajukan: tetapkan SK",
        "Rencana lima tahunan 2025 Puskesmas Alfa diajukan: periksa dan sahkan",
        "RUK 2027 Puskesmas Alfa diajukan: periksa dan sahkan",
        "RPK 2026 Puskesmas Alfa diajukan: periksa dan sahkan",
    }
    url = {b.label.split(" Puskesmas")[0]: b.url for b in butir}
    assert url["Target kinerja 2026"] == reverse("perencanaan:target", args=[dunia.a.pk]) + (
        "?tahun=2026"
    )
    assert url["SK Tim Perencanaan 2026"].endswith(f"/p/{dunia.a.pk}/tim/?tahun=2026")
    assert url["RUK 2027"].startswith("/perencanaan/ruk/")
    for b in butir:  # every link opens, for the Kepala, on the page with the step's button
        assert b.url
    # The Kepala TU submitted them: nothing waits for them, nor for the staff.
    assert not [x for x in _label(dunia.ktu_a) if "diajukan" in x]
    assert not [x for x in _label(dunia.staf_a) if "diajukan" in x]


def test_every_link_lands_on_a_page_with_the_action(dunia, masuk):
    _dokumen_menunggu(dunia.a)
    c = masuk(dunia.kapus_a)
    for b in _kotak(dunia.kapus_a):
        if "diajukan" not in b.label:
            continue
        html = c.get(b.url).content.decode()
        assert any(kata in html for kata in ("Sahkan", "Tetapkan SK")), b.label


def test_an_approved_ruk_waits_to_be_sent_to_the_dinkes(dunia):
    ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=N + 1, status=S.DISAHKAN)
    butir = [b for b in _kotak(dunia.kapus_a) if "kirim" in b.label]
    assert [(b.label, b.url) for b in butir] == [
        (
            "RUK 2027 Puskesmas Alfa disahkan: kirim ke Dinas Kesehatan",
            reverse("perencanaan:ruk_detail", args=[ruk.pk]),
        )
    ]


def test_the_kepala_tu_finds_what_came_back_with_the_reason(dunia):
    _dokumen_menunggu(dunia.a, status=S.DIKEMBALIKAN)
    ruk = RUKRPKFactory(
        puskesmas=dunia.a, tahun=N + 2, status=S.DIKEMBALIKAN, catatan_pengembalian="Kurang rinci"
    )
    butir = [b for b in _kotak(dunia.ktu_a) if "dikembalikan" in b.label]
    assert len(butir) == 6
    assert all(b.label.endswith("dikembalikan: perbaiki lalu ajukan kembali") for b in butir)
    ruk_b = next(b for b in butir if b.label.startswith("RUK 2028"))
    assert ruk_b.keterangan == "Kurang rinci"
    assert ruk_b.url == reverse("perencanaan:ruk_detail", args=[ruk.pk])
    # The Kepala returned them: not in the Kepala's inbox.
    assert not [x for x in _label(dunia.kapus_a) if "dikembalikan" in x]


def test_a_pj_klaster_finds_their_klaster_without_targets(dunia):
    katalog_uji(dunia.kab_x, N, per_klaster=(0, 2, 1, 1, 1))
    pj1 = pengguna("pj1_a", Peran.PJ_KLASTER, puskesmas=dunia.a, klaster_nomor=1)
    butir = [b for b in _kotak(dunia.pj2_a) if "belum diisi" in b.label]
    assert len(butir) == 1
    b = butir[0]
    assert b.label == "Target kinerja Klaster 2 Ibu dan Anak tahun 2026 belum diisi"
    assert b.url == reverse("perencanaan:target", args=[dunia.a.pk]) + "?tahun=2026&klaster=2"
    assert b.batas == date(2026, 2, 14) and b.terlambat
    assert not _kotak(dunia.pj2_a, hari_ini=date(2026, 2, 1))[0].terlambat
    # Klaster 1 has no indicator in this catalogue: nothing its PJ could fill.
    assert not [x for x in _label(pj1) if "belum diisi" in x]
    # One target of the klaster filled: the item goes.
    penetapan = PenetapanTargetFactory(puskesmas=dunia.a, tahun=N)
    indikator = Indikator.objects.filter(kabupaten=dunia.kab_x, tahun=N, klaster__nomor=2)[0]
    TargetKinerjaFactory(penetapan=penetapan, indikator=indikator)
    assert not [x for x in _label(dunia.pj2_a) if "belum diisi" in x]


@pytest.mark.usefixtures("hanya_tenggat_p1")
def test_the_deadline_registry_reaches_the_people_it_reminds(dunia):
    """On 20 February the targets (due 14 February) are overdue and the SK (due 28 February)
    is due within two weeks: each for the people its kind reminds, overdue first."""
    ktu = _kotak(dunia.ktu_a)
    assert ktu[0].terlambat and ktu[0].label == "Target kinerja per klaster 2026 Puskesmas Alfa"
    assert ktu[0].url == reverse("perencanaan:target", args=[dunia.a.pk])
    assert ktu[0].keterangan == "terlambat 6 hari"
    sk = [b for b in ktu if b.label.startswith("SK Target Kinerja")]
    assert len(sk) == 1 and not sk[0].terlambat and sk[0].batas == date(2026, 2, 28)
    # The Kepala is reminded of the SK only; the staff of neither.
    assert [b.label for b in _kotak(dunia.kapus_a) if b.batas] == [
        "SK Target Kinerja 2026 Puskesmas Alfa"
    ]
    assert _kotak(dunia.staf_a) == []
    # Early January: nothing is due within two weeks.
    assert not [b for b in _kotak(dunia.ktu_a, hari_ini=date(2026, 1, 5)) if b.batas]


def test_the_home_page_shows_the_inbox_overdue_first(dunia, masuk):
    ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=N + 1, status=S.DIKEMBALIKAN)
    c = masuk(dunia.ktu_a)
    c.post(reverse("pilih_tahun"), {"tahun": N})
    html = c.get(reverse("beranda")).content.decode()
    kotak = html[html.index('data-testid="kotak-masuk"') :]
    assert "Menunggu tindakan Anda" in kotak
    assert kotak.index("Target kinerja per klaster") < kotak.index("RUK 2027 Puskesmas Alfa")
    assert reverse("perencanaan:ruk_detail", args=[ruk.pk]) in kotak
    staf = masuk(dunia.staf_b).get(reverse("beranda")).content.decode()
    assert "Tidak ada yang menunggu tindakan Anda." in staf


@pytest.fixture
def tanpa_kotak_masuk_p3(monkeypatch):
    """Only the providers of P1, P2 and PKP: P3's are counted by its own tests."""
    from puskesmas.alat import kotak_masuk as km

    monkeypatch.setattr(
        km,
        "_DAFTAR",
        {k: f for k, f in km._DAFTAR.items() if not f.__module__.startswith("pengawasan.")},
    )


# other apps' deadlines and P3's inbox providers are counted by their own tests
@pytest.mark.usefixtures("hanya_tenggat_p1", "tanpa_kotak_masuk_p3")
def test_the_inbox_costs_the_same_queries_for_one_document_or_many(dunia):
    """Every role's inbox, with one document of each kind and then with many."""
    katalog_uji(dunia.kab_x, N)
    orang = [dunia.kapus_a, dunia.ktu_a, dunia.pj2_a, dunia.verifikator_x, dunia.staf_a]
    _dokumen_menunggu(dunia.a)
    RUKRPKFactory(puskesmas=dunia.b, tahun=N + 1, status=S.DIKIRIM)

    def hitung():
        hasil = {}
        for user in orang:
            user = type(user).objects.get(pk=user.pk)  # scope read afresh, as a request does
            with CaptureQueriesContext(connection) as q:
                jumlah = len(_kotak(user))
            hasil[user.username] = (len(q), jumlah)
        return hasil

    sedikit = hitung()
    for tahun in range(N + 3, N + 23, 2):  # each call takes two RUK years
        _dokumen_menunggu(dunia.a, tahun_ruk=tahun)
        _dokumen_menunggu(dunia.a, tahun_ruk=tahun + 20, status=S.DIKEMBALIKAN)
        p = PuskesmasFactory(kecamatan=dunia.a.kecamatan)
        RUKRPKFactory(puskesmas=p, tahun=N + 1, status=S.DIKIRIM)
    banyak = hitung()
    for user, (q, _) in sedikit.items():
        assert banyak[user][0] == q, user
    assert banyak["kapus_a"][1] > sedikit["kapus_a"][1]
    assert banyak["ktu_a"][1] > sedikit["ktu_a"][1]
    assert banyak["verif_x"][1] == sedikit["verif_x"][1] + 10
    # The Kepala's, the largest: roles (1), deadlines (6), five kinds submitted and the RUK
    # to send (6), the PKP returned (1), the RTL to follow up or evaluate (1).
    assert sedikit["kapus_a"][0] <= 15


@pytest.mark.parametrize("siapa", ["verifikator_y", "staf_b", "nasional"])
def test_nothing_of_another_scope(dunia, siapa):
    _dokumen_menunggu(dunia.a)
    RUKRPKFactory(puskesmas=dunia.a, tahun=N + 5, status=S.DIKIRIM)
    assert not [x for x in _label(getattr(dunia, siapa)) if "Alfa" in x]
