"""History rows that know their owner (``puskesmas/alat/riwayat.py``) and the history page
read from them in a number of queries that does not grow with the number of models."""

from django.apps import apps as live_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from puskesmas.alat.riwayat import KolomRiwayat, isi_riwayat_lama
from puskesmas.models import Desa, Puskesmas, SasaranDesa
from puskesmas.selectors import inti

from ..factories import DesaFactory, SasaranDesaFactory


def _jumlah_query(c, url):
    with CaptureQueriesContext(connection) as q:
        assert c.get(url).status_code == 200
    return len(q)


def test_every_historical_model_carries_the_owner_columns():
    # Models whose history simple-history keeps (not the m2m history tables it adds, whose
    # ``history`` is a foreign key to the historical row they belong to).
    historis = [
        m.history.model
        for m in live_apps.get_models()
        if getattr(m._meta, "simple_history_manager_attribute", None) == "history"
    ]
    assert len(historis) > 40
    assert all(issubclass(h, KolomRiwayat) for h in historis)


def test_a_saved_row_records_its_puskesmas_kabupaten_and_label(dunia):
    desa = DesaFactory(puskesmas=dunia.a, nama="Sukamaju")
    sasaran = SasaranDesaFactory(desa=desa)
    h = desa.history.latest()
    assert (h.riwayat_puskesmas_id, h.riwayat_kabupaten_id) == (dunia.a.pk, dunia.kab_x.pk)
    assert h.riwayat_objek == str(desa)
    h = sasaran.history.latest()  # two steps: desa__puskesmas
    assert (h.riwayat_puskesmas_id, h.riwayat_kabupaten_id) == (dunia.a.pk, dunia.kab_x.pk)
    h = Puskesmas.history.filter(id=dunia.a.pk).latest()  # the Puskesmas itself
    assert (h.riwayat_puskesmas_id, h.riwayat_kabupaten_id) == (dunia.a.pk, dunia.kab_x.pk)
    h = dunia.kab_x.history.latest()  # a kabupaten has no Puskesmas
    assert (h.riwayat_puskesmas_id, h.riwayat_kabupaten_id) == (None, dunia.kab_x.pk)


def test_bulk_history_is_filled_in_queries_that_do_not_grow_with_rows(dunia):
    desa = DesaFactory(puskesmas=dunia.a)

    def buat(n, mulai):
        baris = [
            SasaranDesa(desa_id=desa.pk, tahun=2000 + mulai + i, kategori="penduduk", jumlah=i)
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as q:
            bulk_create_with_history(baris, SasaranDesa)
        return len(q)

    assert buat(2, 0) == buat(30, 10)
    rows = SasaranDesa.history.filter(desa_id=desa.pk)
    assert rows.count() == 32
    assert set(rows.values_list("riwayat_puskesmas_id", "riwayat_kabupaten_id")) == {
        (dunia.a.pk, dunia.kab_x.pk)
    }
    assert "" not in set(rows.values_list("riwayat_objek", flat=True))


def test_history_page_query_count_does_not_grow_with_models(
    masuk, dunia, monkeypatch, django_assert_max_num_queries
):
    DesaFactory(puskesmas=dunia.a)
    c = masuk(dunia.kapus_a)
    url = reverse("riwayat", args=[dunia.a.pk])
    c.get(url)  # the session stamp
    semua = list(inti._model_berriwayat())
    assert len(semua) > 20
    monkeypatch.setattr(inti, "_model_berriwayat", lambda: iter(semua[:3]))
    sedikit = _jumlah_query(c, url)
    monkeypatch.setattr(inti, "_model_berriwayat", lambda: iter(semua))
    banyak = _jumlah_query(c, url)
    # One more model registered than there are: still the same count.
    monkeypatch.setattr(inti, "_model_berriwayat", lambda: iter([*semua, semua[0]]))
    lebih = _jumlah_query(c, url)
    assert sedikit == banyak == lebih
    with django_assert_max_num_queries(10):
        c.get(url)


def test_the_selector_is_one_query_newest_first(dunia, django_assert_num_queries):
    DesaFactory(puskesmas=dunia.a, nama="Pertama")
    d = DesaFactory(puskesmas=dunia.a, nama="Kedua")
    lama = str(d)
    d.nama = "Kedua baru"
    d.save()
    with django_assert_num_queries(1):
        hasil = inti.riwayat_puskesmas(puskesmas=dunia.a, batas=2)
    assert [(p.jenis, p.objek) for p in hasil] == [("~", str(d)), ("+", lama)]


def test_history_of_a_deleted_desa_and_its_children_stays_on_the_page(masuk, dunia):
    desa = DesaFactory(puskesmas=dunia.a, nama="Hilang")
    SasaranDesaFactory(desa=desa, jumlah=4321)
    label = str(desa)
    desa.delete()
    html = masuk(dunia.kapus_a).get(reverse("riwayat", args=[dunia.a.pk])).content.decode()
    assert "Dihapus" in html and label in html
    assert html.count(label) >= 2  # created and deleted
    assert "4321" in html  # the sasaran of the deleted desa, created and deleted


def test_staff_of_another_puskesmas_see_nothing_of_it(masuk, dunia):
    DesaFactory(puskesmas=dunia.a, nama="RahasiaA")
    assert masuk(dunia.verifikator_y).get(reverse("riwayat", args=[dunia.a.pk])).status_code == 404
    # Puskesmas C's own history (kabupaten Y) holds nothing of A.
    html = masuk(dunia.verifikator_y).get(reverse("riwayat", args=[dunia.c.pk])).content.decode()
    assert "RahasiaA" not in html
    assert all("RahasiaA" not in p.objek for p in inti.riwayat_puskesmas(puskesmas=dunia.b))
    assert any("RahasiaA" in p.objek for p in inti.riwayat_puskesmas(puskesmas=dunia.a))


def test_the_data_migration_fills_rows_written_before_the_columns(dunia):
    desa = DesaFactory(puskesmas=dunia.a, nama="Lama")
    SasaranDesaFactory(desa=desa, jumlah=77)
    label, pk = str(desa), desa.pk
    desa.delete()  # the sasaran's parent is gone: found through the desa's history
    for model in (Desa, SasaranDesa, Puskesmas):
        model.history.model.objects.update(
            riwayat_puskesmas=None, riwayat_kabupaten=None, riwayat_objek=""
        )
    # With the migration state's models, as ``migrate`` runs it.
    from django.db import connection as conn
    from django.db.migrations.loader import MigrationLoader

    state_apps = MigrationLoader(conn).project_state().apps
    isi_riwayat_lama("puskesmas")(state_apps, None)
    desa_rows = Desa.history.filter(id=pk)
    assert set(desa_rows.values_list("riwayat_puskesmas_id", "riwayat_kabupaten_id")) == {
        (dunia.a.pk, dunia.kab_x.pk)
    }
    assert set(desa_rows.values_list("riwayat_objek", flat=True)) == {label}
    sasaran_rows = SasaranDesa.history.filter(desa_id=pk)
    assert sasaran_rows.count() == 2
    assert set(sasaran_rows.values_list("riwayat_puskesmas_id", "riwayat_kabupaten_id")) == {
        (dunia.a.pk, dunia.kab_x.pk)
    }
    assert any("77" in p.objek for p in inti.riwayat_puskesmas(puskesmas=dunia.a))
