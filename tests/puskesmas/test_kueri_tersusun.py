"""Statements composed once per process (``puskesmas.alat.kueri_tersusun``): the same rows as
the queryset, the ORM asked once per key and number of ids, and the registry's readers
composable without touching the database."""

import zoneinfo
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from puskesmas.alat import kueri_tersusun as kt
from puskesmas.alat import tenggat_daftar as td
from puskesmas.models import Desa, Notifikasi, Puskesmas
from tests.factories import DesaFactory, PuskesmasFactory, UserFactory


@pytest.fixture(autouse=True)
def _kosong():
    kt.kosongkan()
    yield
    kt.kosongkan()


def _desa_per_puskesmas(ids):
    """A read of the registry's shape: a correlated count per Puskesmas."""
    return (
        Puskesmas.objects.filter(pk__in=ids)
        .order_by()
        .annotate(
            n=Subquery(
                Desa.objects.filter(puskesmas_id=OuterRef("pk"))
                .order_by()
                .values("puskesmas_id")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            )
        )
        .values_list("pk", "n")
    )


class _Hitung:
    """``susun`` that counts how often the ORM is asked to compose."""

    def __init__(self, susun):
        self.susun, self.kali = susun, 0

    def __call__(self, *args):
        self.kali += 1
        return self.susun(*args)


@pytest.mark.django_db
def test_rows_are_the_querysets_for_each_set_of_ids_and_composed_once_per_size():
    a, b, c = PuskesmasFactory(), PuskesmasFactory(), PuskesmasFactory()
    DesaFactory.create_batch(3, puskesmas=a)
    DesaFactory.create_batch(2, puskesmas=b)
    susun = _Hitung(_desa_per_puskesmas)

    for ids in ([a.pk, b.pk], [b.pk, c.pk], [c.pk, a.pk]):
        assert sorted(kt.baris_tersusun("desa", susun, ids)) == sorted(_desa_per_puskesmas(ids))
    assert susun.kali == 1  # three calls with two ids: one composition

    assert kt.baris_tersusun("desa", susun, [c.pk]) == [(c.pk, None)]
    assert susun.kali == 2  # another size: composed again
    # Three ids and four share a statement of four (the shorter list repeats its last id).
    d = PuskesmasFactory()
    DesaFactory(puskesmas=d)
    assert sorted(kt.baris_tersusun("desa", susun, [a.pk, b.pk, c.pk, d.pk])) == sorted(
        [(a.pk, 3), (b.pk, 2), (c.pk, None), (d.pk, 1)]
    )
    assert sorted(kt.baris_tersusun("desa", susun, [d.pk, c.pk, b.pk])) == sorted(
        [(b.pk, 2), (c.pk, None), (d.pk, 1)]
    )
    assert susun.kali == 3
    # Repeated ids count once, as the ORM's IN would.
    assert sorted(kt.baris_tersusun("desa", susun, [a.pk, a.pk, b.pk])) == [
        (a.pk, 3),
        (b.pk, 2),
    ]
    assert susun.kali == 3


@pytest.mark.django_db
def test_one_statement_per_call_and_none_for_no_ids(django_assert_num_queries):
    a = PuskesmasFactory()
    kt.baris_tersusun("desa", _desa_per_puskesmas, [a.pk])
    with django_assert_num_queries(1):
        kt.baris_tersusun("desa", _desa_per_puskesmas, [a.pk])
    with django_assert_num_queries(0):
        assert kt.baris_tersusun("desa", _desa_per_puskesmas, []) == []


@pytest.mark.django_db
def test_a_statement_with_nothing_that_varies_is_composed_once():
    from puskesmas.models import TahunPerencanaan

    susun = _Hitung(
        lambda: TahunPerencanaan.objects.filter(aktif=True).order_by("-tahun").values_list("tahun")
    )
    assert kt.baris_tersusun("tahun", susun) == []
    TahunPerencanaan.objects.create(tahun=2031, aktif=True)
    TahunPerencanaan.objects.create(tahun=2030, aktif=False)
    assert kt.baris_tersusun("tahun", susun) == [(2031,)]
    assert susun.kali == 1


@pytest.mark.django_db
def test_the_reads_of_every_page_are_composed_once(django_assert_num_queries):
    """The user's roles, the unread count and the active year: one statement each per
    process, the same answers as the ORM's, a change seen on the next call."""
    from puskesmas.alat.access import lingkup
    from puskesmas.choices import Peran
    from puskesmas.models import PenugasanPeran, TahunPerencanaan
    from puskesmas.selectors.inti import jumlah_notifikasi_belum_dibaca, tahun_aktif

    p = PuskesmasFactory()
    user, lain = UserFactory(), UserFactory()
    PenugasanPeran.objects.create(user=user, peran=Peran.KEPALA_PUSKESMAS, puskesmas=p)
    Notifikasi.objects.create(penerima=user, judul="a", pesan="")
    Notifikasi.objects.create(penerima=lain, judul="b", pesan="")
    TahunPerencanaan.objects.create(tahun=2031, aktif=True)

    assert [x.peran for x in lingkup(user).penugasan] == [Peran.KEPALA_PUSKESMAS]
    assert jumlah_notifikasi_belum_dibaca(user) == 1
    assert tahun_aktif() == 2031
    kunci = {k[0] for k in kt._simpanan}
    assert {("lingkup",), ("notifikasi_belum_dibaca",), ("tahun_aktif",)} <= kunci

    Notifikasi.objects.create(penerima=user, judul="c", pesan="")
    user = type(user).objects.get(pk=user.pk)  # a new request's user: no scope read yet
    with django_assert_num_queries(3):
        assert lingkup(user).puskesmas_ids() == {p.pk}
        assert jumlah_notifikasi_belum_dibaca(user) == 2
        assert tahun_aktif() == 2031
    assert jumlah_notifikasi_belum_dibaca(lain) == 1
    assert lingkup(lain).penugasan == ()


@pytest.mark.django_db
def test_several_lists_of_ids_each_in_its_place():
    a, b, c = PuskesmasFactory(), PuskesmasFactory(), PuskesmasFactory()
    DesaFactory(puskesmas=a)
    DesaFactory.create_batch(2, puskesmas=c)

    def dua(ids_a, ids_b):
        return _desa_per_puskesmas(ids_a).union(
            Puskesmas.objects.filter(pk__in=ids_b).order_by().values_list("pk", "pk"),
            all=True,
        )

    susun = _Hitung(dua)
    assert sorted(kt.baris_tersusun("dua", susun, [a.pk], [b.pk, c.pk])) == sorted(
        [(a.pk, 1), (b.pk, b.pk), (c.pk, c.pk)]
    )
    assert sorted(kt.baris_tersusun("dua", susun, [c.pk], [a.pk, b.pk])) == sorted(
        [(c.pk, 2), (a.pk, a.pk), (b.pk, b.pk)]
    )
    assert susun.kali == 1
    # One list empty: another shape (its branch has no rows), composed for it.
    assert kt.baris_tersusun("dua", susun, [a.pk], []) == [(a.pk, 1)]
    assert susun.kali == 2


@pytest.mark.django_db
def test_database_values_are_converted_and_local_dates_follow_the_time_zone():
    user = UserFactory()
    # 23:30 UTC on 1 March is 2 March in Jakarta (UTC+7).
    n = Notifikasi.objects.create(penerima=user, judul="x", pesan="")
    Notifikasi.objects.filter(pk=n.pk).update(dibuat=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))

    def tanggal(ids):
        return (
            Notifikasi.objects.filter(pk__in=ids)
            .annotate(t=TruncDate("dibuat"))
            .values_list("pk", "t")
        )

    with timezone.override(zoneinfo.ZoneInfo("Asia/Jakarta")):
        assert kt.baris_tersusun("t", tanggal, [n.pk]) == [(n.pk, date(2026, 3, 2))]
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert kt.baris_tersusun("t", tanggal, [n.pk]) == [(n.pk, date(2026, 3, 1))]


@pytest.mark.django_db
def test_ids_the_orm_changes_are_not_kept_and_the_queryset_runs():
    a, b = PuskesmasFactory(), PuskesmasFactory()

    def bergeser(ids):  # the ids do not reach the statement as given
        return Puskesmas.objects.filter(pk__in=[-i for i in ids]).values_list("pk")

    susun = _Hitung(bergeser)
    assert kt.baris_tersusun("geser", susun, [a.pk, b.pk]) == []
    assert kt.baris_tersusun("geser", susun, [a.pk, b.pk]) == []
    assert susun.kali == 3  # composed to look, then the queryset itself every time

    def semua_kosong(ids):  # the ORM knows without asking: nothing to keep either
        return Puskesmas.objects.filter(pk__in=ids).filter(pk__in=[]).values_list("pk")

    assert kt.baris_tersusun("kosong", semua_kosong, [a.pk]) == []


@pytest.mark.django_db
def test_a_key_that_cannot_be_kept_is_composed_as_usual():
    a = PuskesmasFactory()
    susun = _Hitung(lambda ids: Puskesmas.objects.filter(pk__in=ids).values_list("pk"))
    assert kt.baris_tersusun(["tak", "ter-hash"], susun, [a.pk]) == [(a.pk,)]
    assert kt.baris_tersusun(["tak", "ter-hash"], susun, [a.pk]) == [(a.pk,)]
    assert susun.kali == 2


@pytest.mark.django_db
def test_the_store_is_bounded(monkeypatch):
    monkeypatch.setattr(kt, "BATAS", 3)
    a = PuskesmasFactory()
    for i in range(5):
        kt.baris_tersusun(("k", i), _desa_per_puskesmas, [a.pk])
    assert [k[0] for k in kt._simpanan] == [("k", 2), ("k", 3), ("k", 4)]


@pytest.mark.django_db
def test_every_registered_done_read_composes_without_reading_the_database():
    """The registry's rule for ``kueri_selesai``: nothing read while composing, so the
    statement kept for the process cannot hold a value of the database of that moment."""
    dengan_kueri = [t for t in td.semua() if t.kueri_selesai is not None]
    assert {"target_kinerja", "sk_target", "lokmin_bulanan", "pkp_diajukan"} <= {
        t.kode for t in dengan_kueri
    }
    for t in dengan_kueri:
        for kejadian in t.kejadian_tahun(2026):
            with CaptureQueriesContext(connection) as q:
                t.kueri_selesai([-1, -2], kejadian).query.get_compiler("default").as_sql()
            assert len(q) == 0, (t.kode, [x["sql"] for x in q])


@pytest.mark.django_db
def test_the_work_inbox_reads_are_composed_once():
    """The reads every home page's inbox makes keep their statements (the answers are
    the providers' own tests')."""
    from pengawasan.kotak_masuk_rtm import _baca_terbuka
    from pengawasan.selectors.rtm import jumlah_per_puskesmas
    from pkp.kotak_masuk import _baca
    from puskesmas.alat.alur import StatusAlur
    from puskesmas.selectors.tenggat import tanggal_sendiri

    p = PuskesmasFactory()
    assert jumlah_per_puskesmas(puskesmas_ids=[p.pk], tahun=2031) == {}
    assert kt.baris_tersusun(("rtm_terbuka",), _baca_terbuka, [p.pk]) == []
    assert _baca(StatusAlur.DIKEMBALIKAN, "puskesmas_id", [p.pk]) == []
    assert tanggal_sendiri(tahun=2031, kabupaten_ids=[p.kabupaten_id]) == {}
    kunci = {k[0] for k in kt._simpanan}
    assert {
        ("rtm_jumlah", 2031),
        ("rtm_terbuka",),
        ("pkp_kotak_masuk", StatusAlur.DIKEMBALIKAN, "puskesmas_id"),
        ("tanggal_sendiri", 2031),
    } <= kunci
    assert all(kt._simpanan[k] is not None for k in kt._simpanan)
