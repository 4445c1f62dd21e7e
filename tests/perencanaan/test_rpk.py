"""RPK / POA: derived from the approved RUK, edited, compared, agreed with LP/LS, approved."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from perencanaan.models import PESAN_LPLS_BELUM, RPK, KegiatanRPK, pesan_lpls_belum
from perencanaan.selectors.rpk import rpk_bulan, rpk_tabel
from perencanaan.services import rpk as services
from puskesmas.alat.access import PESAN_DITOLAK, PESAN_KLASTER_LAIN
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci, StatusAlur
from puskesmas.services.inti import PESAN_KONFLIK, KonflikVersi

from .factories_rpk import KegiatanRUKRPKFactory, klaster, ruk_dengan_kegiatan

pytestmark = pytest.mark.django_db


@pytest.fixture
def ruk(dunia):
    return ruk_dengan_kegiatan(dunia.a, tahun=2027, jumlah=3)


@pytest.fixture
def rpk(ruk, dunia):
    return services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)


def _data(kegiatan, **ubah):
    """The POST data of the edit form, as the page would send it."""
    data = {
        "klaster": kegiatan.klaster_id,
        "kegiatan": kegiatan.kegiatan,
        "tujuan": kegiatan.tujuan,
        "sasaran": kegiatan.sasaran,
        "target_sasaran": kegiatan.target_sasaran,
        "penanggung_jawab": kegiatan.penanggung_jawab,
        "kebutuhan_sumber_daya": kegiatan.kebutuhan_sumber_daya,
        "mitra_kerja": kegiatan.mitra_kerja,
        "lokasi": kegiatan.lokasi,
        "biaya": str(kegiatan.biaya),
        "indikator_kinerja": kegiatan.indikator_kinerja,
        "sumber_pembiayaan": kegiatan.sumber_pembiayaan,
        "sidik": services.sidik_kegiatan(kegiatan),
    }
    for i, v in enumerate(kegiatan.volume, 1):
        data[f"vol_{i:02d}"] = str(v)
    data.update(ubah)
    return data


def _isi_pembahasan(rpk, user):
    """Both discussions: lintas program in January, lintas sektor in February."""
    rpk = services.rpk_pembahasan_simpan(
        rpk=rpk,
        jenis="lp",
        versi=rpk.versi,
        user=user,
        tanggal=dt.date(2027, 1, 8),
        forum="Lokakarya Mini bulanan Januari",
        catatan="Disepakati semua klaster.",
    )
    return services.rpk_pembahasan_simpan(
        rpk=rpk,
        jenis="ls",
        versi=rpk.versi,
        user=user,
        tanggal=dt.date(2027, 2, 5),
        forum="Lokakarya Mini tribulanan Februari",
        catatan="Disepakati bersama camat dan kader.",
    )


# --- Deriving from the RUK ---------------------------------------------------------------


def test_rpk_is_derived_from_the_approved_ruk_without_retyping(ruk, dunia):
    asal = KegiatanRUKRPKFactory(
        ruk=ruk,
        klaster=klaster(5),
        upaya="Survei PIS-PK",
        tujuan="Memetakan IKS",
        sasaran="Keluarga",
        target="30% keluarga",
        penanggung_jawab="Bu Sri",
        kebutuhan_sumber_daya="Enumerator",
        mitra_kerja="Pemerintah desa",
        kebutuhan_anggaran=Decimal(4_250_000),
        indikator_kinerja="IKS",
        sumber_pembiayaan="APBD",
    )
    rpk = services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.kapus_a)
    assert (rpk.puskesmas, rpk.tahun, rpk.ruk, rpk.status) == (dunia.a, 2027, ruk, "draft")
    assert rpk.kegiatan.count() == 4
    baris = rpk.kegiatan.get(kegiatan_ruk=asal)
    assert (
        baris.klaster,
        baris.kegiatan,
        baris.tujuan,
        baris.sasaran,
        baris.target_sasaran,
        baris.penanggung_jawab,
        baris.kebutuhan_sumber_daya,
        baris.mitra_kerja,
        baris.biaya,
        baris.indikator_kinerja,
        baris.sumber_pembiayaan,
    ) == (
        klaster(5),
        "Survei PIS-PK",
        "Memetakan IKS",
        "Keluarga",
        "30% keluarga",
        "Bu Sri",
        "Enumerator",
        "Pemerintah desa",
        Decimal(4_250_000),
        "IKS",
        "APBD",
    )
    assert baris.volume_total == 0 and baris.lokasi == ""
    # Every row is linked to its RUK activity and the copy is in the audit history.
    assert set(rpk.kegiatan.values_list("kegiatan_ruk__ruk", flat=True)) == {ruk.pk}
    assert baris.history.first().history_user == dunia.kapus_a
    assert rpk.history.first().history_user == dunia.kapus_a


def test_a_ruk_sent_to_dinkes_can_be_derived_too(dunia):
    ruk = ruk_dengan_kegiatan(dunia.a, status=StatusAlur.DIKIRIM, jumlah=2)
    assert services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a).kegiatan.count() == 2


@pytest.mark.parametrize(
    "status, label",
    [
        (StatusAlur.DRAFT, "Draf"),
        (StatusAlur.DIAJUKAN, "Diajukan"),
        (StatusAlur.DIKEMBALIKAN, "Dikembalikan"),
    ],
)
def test_a_ruk_not_yet_approved_is_refused_with_a_clear_message(dunia, status, label):
    ruk = ruk_dengan_kegiatan(dunia.a, status=status)
    with pytest.raises(AlurTidakSah) as exc:
        services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.kapus_a)
    assert exc.value.message == (
        "RPK hanya dapat disusun dari RUK yang sudah disahkan Kepala Puskesmas atau sudah "
        f"dikirim ke Dinkes. RUK 2027 masih berstatus «{label}»."
    )
    assert not RPK.objects.exists() and not KegiatanRPK.objects.exists()


def test_deriving_twice_returns_the_same_rpk(ruk, dunia):
    pertama = services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.ktu_a)
    KegiatanRPK.objects.filter(rpk=pertama).first().delete()  # edited in between
    kedua = services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.kapus_a)
    assert kedua.pk == pertama.pk
    assert RPK.objects.count() == 1
    assert KegiatanRPK.objects.count() == 2  # nothing re-copied over the user's edits


def test_staff_without_the_planning_capability_cannot_derive(ruk, dunia):
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.staf_a)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.verifikator_x)
    assert not RPK.objects.exists()


def test_the_susun_view_redirects_to_the_rpk_and_is_idempotent(ruk, dunia, masuk):
    client = masuk(dunia.ktu_a)
    url = reverse("perencanaan:rpk_susun", args=[ruk.pk])
    assert url == f"/perencanaan/ruk/{ruk.pk}/rpk/"
    r = client.post(url)
    rpk = RPK.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/perencanaan/rpk/{rpk.pk}/"
    r = client.post(url)
    assert r["Location"] == f"/perencanaan/rpk/{rpk.pk}/" and RPK.objects.count() == 1
    assert client.get(url).status_code == 405


def test_the_susun_view_explains_why_a_draft_ruk_is_refused(dunia, masuk):
    ruk = ruk_dengan_kegiatan(dunia.a, status=StatusAlur.DRAFT)
    r = masuk(dunia.kapus_a).post(reverse("perencanaan:rpk_susun", args=[ruk.pk]), follow=True)
    assert "masih berstatus «Draf»" in r.content.decode()
    assert not RPK.objects.exists()


def test_the_list_shows_the_rpk_and_offers_approved_ruks(ruk, dunia, masuk):
    client = masuk(dunia.kapus_a)
    url = reverse("perencanaan:rpk_list", args=[dunia.a.pk])
    assert url == f"/perencanaan/p/{dunia.a.pk}/rpk/"
    isi = client.get(url).content.decode()
    assert "Susun RPK" in isi and reverse("perencanaan:rpk_susun", args=[ruk.pk]) in isi
    rpk = services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.kapus_a)
    isi = client.get(url).content.decode()
    assert reverse("perencanaan:rpk_detail", args=[rpk.pk]) in isi
    assert "Susun RPK" not in isi
    assert "6.000.000" in isi  # 1 + 2 + 3 million


def test_another_puskesmas_cannot_see_or_derive(ruk, dunia, masuk):
    client = masuk(dunia.staf_b)
    assert client.post(reverse("perencanaan:rpk_susun", args=[ruk.pk])).status_code == 404
    rpk = services.rpk_susun_dari_ruk(ruk=ruk, user=dunia.kapus_a)
    assert client.get(reverse("perencanaan:rpk_detail", args=[rpk.pk])).status_code == 404


# --- Flags and the detail page ------------------------------------------------------------


def test_flags_follow_the_edits(rpk, ruk, dunia):
    pertama, kedua, ketiga = rpk.kegiatan.order_by("urutan")
    tabel = rpk_tabel(rpk=rpk)
    # Fresh from the RUK: same money, nothing scheduled yet.
    assert tabel.perbandingan.jumlah_jadwal == 3 and tabel.perbandingan.jumlah_biaya == 0

    services.kegiatan_rpk_ubah(
        kegiatan=pertama,
        data={"vol_01": 2, "vol_07": 1, "biaya": Decimal(750_000), "lokasi": "Desa Mekarsari"},
        sidik=services.sidik_kegiatan(pertama),
        user=dunia.pj2_a,
    )
    services.kegiatan_rpk_hapus(kegiatan=ketiga, user=dunia.ktu_a)
    baru = services.kegiatan_rpk_tambah(
        rpk=rpk,
        data={"klaster": klaster(1), "kegiatan": "Rapat koordinasi LS", "biaya": Decimal(0)},
        user=dunia.ktu_a,
    )
    tabel = rpk_tabel(rpk=rpk)
    pesan = {b.kegiatan: [t.pesan for t in b.tanda] for b in tabel.baris}
    assert pesan == {
        "Kegiatan RUK 1": [],  # a cut below the RUK's request is not a difference
        "Kegiatan RUK 2": ["Belum dijadwalkan"],
        "Rapat koordinasi LS": ["Tidak ada di RUK", "Belum dijadwalkan"],
    }
    assert [r.kegiatan for r in tabel.perbandingan.tidak_dialokasikan] == ["Kegiatan RUK 3"]
    assert tabel.perbandingan.jumlah_perbedaan == 4
    assert tabel.biaya == Decimal(2_750_000)
    assert tabel.volume == 3 and tabel.volume_bulan[0] == 2 and tabel.volume_bulan[6] == 1
    assert baru.kegiatan_ruk is None
    # Grouped by klaster in klaster order, each group with its subtotal.
    assert [k.klaster.nomor for k in tabel.kelompok] == [1, 2, 3]
    assert [b.nomor for b in tabel.baris] == [1, 2, 3]  # one numbering through the klaster
    assert [k.biaya for k in tabel.kelompok] == [0, Decimal(750_000), Decimal(2_000_000)]


def test_detail_page_shows_the_table_flags_summary_and_total(rpk, dunia, masuk):
    pertama = rpk.kegiatan.order_by("urutan").first()
    services.kegiatan_rpk_ubah(
        kegiatan=pertama,
        data={"vol_03": 4, "biaya": Decimal(1_100_000), "lokasi": "Posyandu Melati"},
        sidik=services.sidik_kegiatan(pertama),
        user=dunia.ktu_a,
    )
    r = masuk(dunia.kapus_a).get(reverse("perencanaan:rpk_detail", args=[rpk.pk]))
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Formulir 5" in isi and "JUMLAH" in isi and "Subtotal" in isi
    assert "Posyandu Melati" in isi
    assert "Biaya melebihi RUK (Rp 1.000.000 → Rp 1.100.000)" in isi
    assert isi.count('data-testid="tanda-jadwal"') == 2
    assert 'data-testid="jumlah-perbedaan">3<' in isi
    assert "6.100.000" in isi  # 1.100.000 + 2.000.000 + 3.000.000
    assert "Riwayat persetujuan" in isi


def test_edit_form_saves_months_lokasi_biaya_and_pj(rpk, dunia, masuk):
    kegiatan = rpk.kegiatan.order_by("urutan").first()
    client = masuk(dunia.pj2_a)
    url = reverse("perencanaan:rpk_kegiatan_ubah", args=[kegiatan.pk])
    assert client.get(url).status_code == 200
    r = client.post(
        url,
        _data(
            kegiatan,
            vol_01="1",
            vol_02="",
            vol_12="3",
            lokasi="Balai Desa Sukamaju",
            biaya="1.250.000",
            penanggung_jawab="Bidan Ani",
        ),
    )
    assert r.status_code == 302
    kegiatan.refresh_from_db()
    assert kegiatan.volume == [1] + [0] * 10 + [3]
    assert (kegiatan.lokasi, kegiatan.biaya, kegiatan.penanggung_jawab) == (
        "Balai Desa Sukamaju",
        Decimal(1_250_000),
        "Bidan Ani",
    )
    assert kegiatan.kegiatan_ruk_id is not None  # the link is never edited
    assert kegiatan.history.first().history_user == dunia.pj2_a


def test_bad_numbers_get_an_indonesian_message_and_keep_the_input(rpk, dunia, masuk):
    kegiatan = rpk.kegiatan.order_by("urutan").first()
    client = masuk(dunia.ktu_a)
    r = client.post(
        reverse("perencanaan:rpk_kegiatan_ubah", args=[kegiatan.pk]),
        _data(kegiatan, vol_02="dua", biaya="-5", lokasi="Dusun Krajan"),
    )
    assert r.status_code == 200
    form = r.context["form"]
    assert form.errors["vol_02"] == ["Isi dengan bilangan bulat, misalnya 4."]
    assert form.errors["biaya"] == ["Tidak boleh kurang dari 0."]
    isi = r.content.decode()
    assert 'value="dua"' in isi and 'value="Dusun Krajan"' in isi
    kegiatan.refresh_from_db()
    assert kegiatan.lokasi == ""


def test_add_and_remove_activities_through_the_pages(rpk, dunia, masuk):
    client = masuk(dunia.ktu_a)
    url = reverse("perencanaan:rpk_kegiatan_tambah", args=[rpk.pk])
    assert client.get(url).status_code == 200
    data = {
        "klaster": klaster(4).pk,
        "kegiatan": "Sweeping imunisasi",
        "biaya": "300.000",
        "sumber_pembiayaan": "BOK",
        "vol_05": "2",
        "lokasi": "Desa Cibodas",
    }
    r = client.post(url, data)
    assert r.status_code == 302
    baru = KegiatanRPK.objects.get(kegiatan="Sweeping imunisasi")
    assert (baru.kegiatan_ruk, baru.biaya, baru.vol_05, baru.rpk) == (None, 300_000, 2, rpk)
    hapus = reverse("perencanaan:rpk_kegiatan_hapus", args=[baru.pk])
    assert "Ya, hapus" in client.get(hapus).content.decode()
    assert client.post(hapus).status_code == 302
    assert not KegiatanRPK.objects.filter(pk=baru.pk).exists()


def test_staff_cannot_edit(rpk, dunia, masuk):
    kegiatan = rpk.kegiatan.first()
    client = masuk(dunia.staf_a)
    assert (
        client.get(reverse("perencanaan:rpk_kegiatan_ubah", args=[kegiatan.pk])).status_code == 403
    )
    assert (
        client.post(reverse("perencanaan:rpk_kegiatan_hapus", args=[kegiatan.pk])).status_code
        == 403
    )
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services.kegiatan_rpk_hapus(kegiatan=kegiatan, user=dunia.staf_a)


# --- Two people editing ------------------------------------------------------------------


def test_the_second_editor_gets_the_conflict_message_and_keeps_the_input(rpk, dunia, masuk):
    kegiatan = rpk.kegiatan.order_by("urutan").first()
    dibuka = _data(kegiatan)  # both open the form now
    masuk(dunia.ktu_a).post(
        reverse("perencanaan:rpk_kegiatan_ubah", args=[kegiatan.pk]),
        {**dibuka, "lokasi": "Posyandu Mawar", "vol_01": "1"},
    )
    client = masuk(dunia.pj2_a)
    r = client.post(
        reverse("perencanaan:rpk_kegiatan_ubah", args=[kegiatan.pk]),
        {**dibuka, "lokasi": "Posyandu Anggrek", "vol_02": "5"},
    )
    assert r.status_code == 200
    assert r.context["form"].non_field_errors() == [PESAN_KONFLIK]
    isi = r.content.decode()
    assert 'value="Posyandu Anggrek"' in isi  # what the second person typed
    assert "Posyandu Mawar" in isi  # and what is saved now, to compare
    beda = {b.nama for b in r.context["form"].konflik if b.beda}
    assert beda == {"lokasi", "vol_01", "vol_02"}
    kegiatan.refresh_from_db()
    assert (kegiatan.lokasi, kegiatan.vol_01, kegiatan.vol_02) == ("Posyandu Mawar", 1, 0)
    # Having seen the latest values, saving again goes through.
    data = {k: v for k, v in r.context["form"].data.items()}
    r = client.post(reverse("perencanaan:rpk_kegiatan_ubah", args=[kegiatan.pk]), data)
    assert r.status_code == 302
    kegiatan.refresh_from_db()
    assert (kegiatan.lokasi, kegiatan.vol_02) == ("Posyandu Anggrek", 5)


def test_editing_different_activities_at_once_is_not_a_conflict(rpk, dunia):
    a, b = rpk.kegiatan.order_by("urutan")[:2]
    sidik_a, sidik_b = services.sidik_kegiatan(a), services.sidik_kegiatan(b)
    services.kegiatan_rpk_ubah(kegiatan=a, data={"vol_01": 1}, sidik=sidik_a, user=dunia.ktu_a)
    services.kegiatan_rpk_ubah(kegiatan=b, data={"vol_02": 1}, sidik=sidik_b, user=dunia.kapus_a)
    with pytest.raises(KonflikVersi, match=f"^{re.escape(PESAN_KONFLIK)}$"):
        services.kegiatan_rpk_ubah(kegiatan=a, data={"vol_03": 1}, sidik=sidik_a, user=dunia.pj2_a)


def test_the_discussion_form_refuses_a_stale_version_and_keeps_the_input(rpk, dunia, masuk):
    url = reverse("perencanaan:rpk_pembahasan_lp", args=[rpk.pk])
    versi = rpk.versi
    masuk(dunia.kapus_a).post(
        url, {"tanggal": "2027-01-08", "forum": "Lokmin Januari", "versi": versi}
    )
    r = masuk(dunia.ktu_a).post(
        url, {"tanggal": "2027-01-09", "forum": "Lokmin lintas program", "versi": versi}
    )
    assert r.status_code == 200
    assert r.context["form"].non_field_errors() == [PESAN_KONFLIK]
    isi = r.content.decode()
    assert 'value="Lokmin lintas program"' in isi
    assert 'data-testid="konflik"' in isi and "Lokmin Januari" in isi
    assert [(p.jenis, p.forum) for p in rpk.pembahasan.all()] == [("lp", "Lokmin Januari")]
    baris = {b.nama: b for b in r.context["form"].konflik}
    assert (baris["forum"].isian, baris["forum"].tersimpan) == (
        "Lokmin lintas program",
        "Lokmin Januari",
    )
    assert baris["tanggal"].tersimpan == "8 Januari 2027"
    r = masuk(dunia.ktu_a).post(
        url,
        {
            "tanggal": "2027-01-09",
            "forum": "Lokmin lintas program",
            "versi": r.context["form"]["versi"].value(),
        },
    )
    assert r.status_code == 302
    assert [p.forum for p in rpk.pembahasan.all()] == ["Lokmin lintas program"]


def test_the_discussion_date_is_required_in_the_form(rpk, dunia, masuk):
    client = masuk(dunia.ktu_a)
    r = client.post(
        reverse("perencanaan:rpk_pembahasan_lp", args=[rpk.pk]),
        {"forum": "Lokmin Januari", "versi": rpk.versi},
    )
    assert r.context["form"].errors["tanggal"] == ["Tanggal pembahasan lintas program wajib diisi."]
    assert 'value="Lokmin Januari"' in r.content.decode()
    r = client.post(
        reverse("perencanaan:rpk_pembahasan_ls", args=[rpk.pk]),
        {"tanggal": "5 Feb", "versi": rpk.versi},
    )
    assert r.context["form"].errors["tanggal"] == ["Isi tanggal yang sah, misalnya 10/01/2027."]
    assert not rpk.pembahasan.exists()


# --- Workflow and locking ----------------------------------------------------------------


def test_submitting_needs_both_the_lp_and_the_ls_discussion(rpk, dunia, masuk):
    with pytest.raises(AlurTidakSah) as exc:
        services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    assert exc.value.message == (
        "RPK belum dapat diajukan: catat dulu pembahasan RPK dengan lintas program pada "
        "Lokakarya Mini bulanan Januari dan lintas sektor pada Lokakarya Mini tribulanan "
        "Februari."
    )
    rpk.refresh_from_db()
    assert rpk.status == StatusAlur.DRAFT
    # Through the page: the same message, nothing moves.
    r = masuk(dunia.ktu_a).post(
        reverse("perencanaan:rpk_alur", args=[rpk.pk]), {"langkah": "ajukan"}, follow=True
    )
    assert pesan_lpls_belum(["lp", "ls"]) in r.content.decode()

    # The lintas program discussion alone is not enough: the lintas sektor one is named.
    rpk = services.rpk_pembahasan_simpan(
        rpk=rpk, jenis="lp", versi=rpk.versi, user=dunia.ktu_a,
        tanggal=dt.date(2027, 1, 8), forum="", catatan="",
    )  # fmt: skip
    with pytest.raises(AlurTidakSah) as exc:
        services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    assert exc.value.message == PESAN_LPLS_BELUM.format(
        belum="lintas sektor pada Lokakarya Mini tribulanan Februari"
    )

    rpk = _isi_pembahasan(rpk, dunia.ktu_a)
    rpk = services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a)
    assert rpk.status == StatusAlur.DIAJUKAN


def test_only_kepala_tu_or_kapus_submit_and_only_kapus_approves(rpk, dunia):
    rpk = _isi_pembahasan(rpk, dunia.ktu_a)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.pj2_a)
    rpk = services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.kapus_a)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services.rpk_alur(rpk=rpk, langkah="sahkan", user=dunia.ktu_a)
    rpk = services.rpk_alur(rpk=rpk, langkah="sahkan", user=dunia.kapus_a)
    assert rpk.status == StatusAlur.DISAHKAN


def test_returning_needs_a_reason_and_reopens_the_rpk(rpk, dunia):
    rpk = services.rpk_alur(
        rpk=_isi_pembahasan(rpk, dunia.ktu_a), langkah="ajukan", user=dunia.ktu_a
    )
    with pytest.raises(AlurTidakSah) as exc:
        services.rpk_alur(rpk=rpk, langkah="kembalikan", user=dunia.kapus_a, catatan=" ")
    assert "Alasan wajib diisi" in exc.value.message
    rpk = services.rpk_alur(
        rpk=rpk, langkah="kembalikan", user=dunia.kapus_a, catatan="Biaya posbindu dikurangi"
    )
    assert rpk.status == StatusAlur.DIKEMBALIKAN
    kegiatan = rpk.kegiatan.first()
    services.kegiatan_rpk_ubah(
        kegiatan=kegiatan,
        data={"vol_04": 1},
        sidik=services.sidik_kegiatan(kegiatan),
        user=dunia.ktu_a,
    )
    # Resubmitting keeps the discussion already recorded.
    assert services.rpk_alur(rpk=rpk, langkah="ajukan", user=dunia.ktu_a).status == "diajukan"


def test_a_submitted_or_approved_rpk_is_locked(rpk, dunia, masuk):
    rpk = services.rpk_alur(
        rpk=_isi_pembahasan(rpk, dunia.ktu_a), langkah="ajukan", user=dunia.ktu_a
    )
    kegiatan = rpk.kegiatan.order_by("urutan").first()
    with pytest.raises(DokumenTerkunci, match="^RPK berstatus «Diajukan» dan terkunci"):
        services.kegiatan_rpk_ubah(
            kegiatan=kegiatan,
            data={"vol_01": 1},
            sidik=services.sidik_kegiatan(kegiatan),
            user=dunia.ktu_a,
        )
    rpk = services.rpk_alur(rpk=rpk, langkah="sahkan", user=dunia.kapus_a)
    for panggil in (
        lambda: services.kegiatan_rpk_hapus(kegiatan=kegiatan, user=dunia.kapus_a),
        lambda: services.kegiatan_rpk_tambah(rpk=rpk, data={"kegiatan": "X"}, user=dunia.kapus_a),
        lambda: _isi_pembahasan(rpk, dunia.kapus_a),
    ):
        with pytest.raises(DokumenTerkunci) as exc:
            panggil()
        assert "berstatus «Disahkan» dan terkunci" in exc.value.message

    client = masuk(dunia.kapus_a)
    url = reverse("perencanaan:rpk_kegiatan_ubah", args=[kegiatan.pk])
    r = client.post(url, _data(kegiatan, lokasi="Desa Baru"), follow=True)
    assert "berstatus «Disahkan» dan terkunci" in r.content.decode()
    r = client.get(url, follow=True)
    assert "berstatus «Disahkan» dan terkunci" in r.content.decode()
    kegiatan.refresh_from_db()
    assert kegiatan.lokasi == ""
    detail = client.get(reverse("perencanaan:rpk_detail", args=[rpk.pk])).content.decode()
    assert "Tambah kegiatan" not in detail and 'data-testid="rpk-terkunci"' in detail
    assert reverse("perencanaan:rpk_kegiatan_ubah", args=[kegiatan.pk]) not in detail


def test_the_steps_and_their_history_are_shown(rpk, dunia, masuk):
    client = masuk(dunia.kapus_a)
    url = reverse("perencanaan:rpk_detail", args=[rpk.pk])
    isi = client.get(url).content.decode()
    assert 'value="ajukan"' in isi and 'value="sahkan"' not in isi
    rpk = services.rpk_alur(
        rpk=_isi_pembahasan(rpk, dunia.ktu_a), langkah="ajukan", user=dunia.ktu_a
    )
    r = client.post(
        reverse("perencanaan:rpk_alur", args=[rpk.pk]),
        {"langkah": "kembalikan", "catatan": "Jadwal Posbindu belum ada"},
        follow=True,
    )
    isi = r.content.decode()
    assert "Jadwal Posbindu belum ada" in isi and "Dikembalikan" in isi
    # Staff see the page but no step buttons.
    isi = masuk(dunia.staf_a).get(url).content.decode()
    assert 'name="langkah"' not in isi


# --- Month view --------------------------------------------------------------------------


def test_month_view_lists_what_is_scheduled_per_klaster(rpk, dunia, masuk, client):
    a, b, c = rpk.kegiatan.order_by("urutan")
    for kegiatan, data in (
        (a, {"vol_01": 2, "lokasi": "Posyandu Melati", "penanggung_jawab": "Bidan Ani"}),
        (b, {"vol_01": 1, "vol_02": 1, "lokasi": "Balai Desa"}),
        (c, {"vol_03": 5}),
    ):
        services.kegiatan_rpk_ubah(
            kegiatan=kegiatan, data=data, sidik=services.sidik_kegiatan(kegiatan), user=dunia.ktu_a
        )
    assert [b.kegiatan for k in rpk_bulan(rpk=rpk, bulan=1) for b in k.baris] == [
        "Kegiatan RUK 1",
        "Kegiatan RUK 2",
    ]
    client = masuk(dunia.staf_a)
    session = client.session
    session["tahun"] = 2027
    session.save()
    url = reverse("perencanaan:rpk_bulan", args=[dunia.a.pk])
    assert url == f"/perencanaan/p/{dunia.a.pk}/rpk/bulan/"
    r = client.get(url + "?bulan=1")
    isi = r.content.decode()
    assert r.context["bulan"] == 1 and "Kegiatan bulan Januari 2027" in isi
    assert "Posyandu Melati" in isi and "Bidan Ani" in isi and "Balai Desa" in isi
    assert "Kegiatan RUK 3" not in isi
    assert [k.klaster.nomor for k in r.context["kelompok"]] == [2, 3]
    isi = client.get(url + "?bulan=3").content.decode()
    assert "Kegiatan RUK 3" in isi and "Kegiatan RUK 1" not in isi
    isi = client.get(url + "?bulan=4").content.decode()
    assert "Tidak ada kegiatan yang dijadwalkan pada bulan April" in isi
    # Without a month: this month; with nonsense: this month too.
    assert client.get(url).context["bulan"] == timezone.localdate().month
    assert client.get(url + "?bulan=abc").context["bulan"] == timezone.localdate().month


def test_month_view_without_an_rpk_for_the_year_says_so(dunia, masuk):
    client = masuk(dunia.kapus_a)
    session = client.session
    session["tahun"] = 2030
    session.save()
    isi = client.get(reverse("perencanaan:rpk_bulan", args=[dunia.a.pk])).content.decode()
    assert "Belum ada RPK tahun 2030" in isi


# --- Query counts ------------------------------------------------------------------------


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _tambah_baris(rpk, n):
    ruk = rpk.ruk
    for i in range(n):
        asal = KegiatanRUKRPKFactory(ruk=ruk, klaster=klaster(1 + i % 5))
        KegiatanRPK.objects.create(
            rpk=rpk, kegiatan_ruk=asal, klaster=asal.klaster, kegiatan=asal.upaya, vol_01=1
        )


def test_detail_query_count_is_bounded_and_does_not_grow(
    rpk, dunia, masuk, django_assert_max_num_queries
):
    client = masuk(dunia.kapus_a)
    url = reverse("perencanaan:rpk_detail", args=[rpk.pk])
    sedikit = _jumlah_query(client, url)
    _tambah_baris(rpk, 25)
    with django_assert_max_num_queries(15):
        client.get(url)
    assert _jumlah_query(client, url) == sedikit


def test_month_view_query_count_is_bounded_and_does_not_grow(
    rpk, dunia, masuk, django_assert_max_num_queries
):
    client = masuk(dunia.kapus_a)
    session = client.session
    session["tahun"] = 2027
    session.save()
    url = reverse("perencanaan:rpk_bulan", args=[dunia.a.pk]) + "?bulan=1"
    _tambah_baris(rpk, 2)
    sedikit = _jumlah_query(client, url)
    _tambah_baris(rpk, 25)
    with django_assert_max_num_queries(12):
        r = client.get(url)
    assert r.context["jumlah_kegiatan"] == 27
    assert _jumlah_query(client, url) == sedikit


def test_list_query_count_does_not_grow(dunia, masuk):
    client = masuk(dunia.kapus_a)
    url = reverse("perencanaan:rpk_list", args=[dunia.a.pk])
    services.rpk_susun_dari_ruk(ruk=ruk_dengan_kegiatan(dunia.a, tahun=2026), user=dunia.kapus_a)
    sedikit = _jumlah_query(client, url)
    for tahun in (2027, 2028, 2029):
        services.rpk_susun_dari_ruk(
            ruk=ruk_dengan_kegiatan(dunia.a, tahun=tahun), user=dunia.kapus_a
        )
    ruk_dengan_kegiatan(dunia.a, tahun=2030)
    assert _jumlah_query(client, url) == sedikit


def test_a_pj_klaster_plans_only_their_own_klaster_rows(dunia, rpk):
    """The same rule as RUK and targets: a PJ of klaster 2 cannot touch klaster 3's rows."""
    from django.core.exceptions import PermissionDenied

    from puskesmas.referensi import pastikan_klaster

    klaster = pastikan_klaster()
    lain = rpk.kegiatan.filter(klaster=klaster[3]).first() or KegiatanRPK.objects.create(
        rpk=rpk, klaster=klaster[3], kegiatan="Posbindu PTM"
    )
    with pytest.raises(PermissionDenied) as exc:
        services.kegiatan_rpk_hapus(kegiatan=lain, user=dunia.pj2_a)
    assert str(exc.value) == PESAN_KLASTER_LAIN
    with pytest.raises(PermissionDenied, match=PESAN_KLASTER_LAIN):
        services.kegiatan_rpk_tambah(
            rpk=rpk, data={"klaster": klaster[3], "kegiatan": "Curang"}, user=dunia.pj2_a
        )
    sendiri = services.kegiatan_rpk_tambah(
        rpk=rpk, data={"klaster": klaster[2], "kegiatan": "Kelas ibu hamil"}, user=dunia.pj2_a
    )
    with pytest.raises(PermissionDenied, match=PESAN_KLASTER_LAIN):
        services.kegiatan_rpk_ubah(
            kegiatan=sendiri,
            data={"klaster": klaster[3]},
            sidik=services.sidik_kegiatan(sendiri),
            user=dunia.pj2_a,
        )
    assert KegiatanRPK.objects.filter(pk=lain.pk).exists()


def test_a_pj_klaster_cannot_open_another_klasters_row(dunia, rpk, masuk):
    lain = rpk.kegiatan.exclude(klaster__nomor=2).first()
    sendiri = rpk.kegiatan.filter(klaster__nomor=2).first()
    c = masuk(dunia.pj2_a)
    for nama in ("perencanaan:rpk_kegiatan_ubah", "perencanaan:rpk_kegiatan_hapus"):
        assert c.get(reverse(nama, args=[lain.pk])).status_code == 403
        assert c.get(reverse(nama, args=[sendiri.pk])).status_code == 200


def test_a_pj_klaster_may_not_derive_the_rpk_nor_record_its_discussion(dunia, rpk, ruk, masuk):
    """The RPK document and its LP/LS discussion are document-level (finding 5)."""
    from django.core.exceptions import PermissionDenied

    c = masuk(dunia.pj2_a)
    assert c.post(reverse("perencanaan:rpk_susun", args=[ruk.pk])).status_code == 403
    for nama in ("perencanaan:rpk_pembahasan_lp", "perencanaan:rpk_pembahasan_ls"):
        assert c.get(reverse(nama, args=[rpk.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        _isi_pembahasan(rpk, dunia.pj2_a)
    html = c.get(reverse("perencanaan:rpk_detail", args=[rpk.pk])).content.decode()
    assert "/pembahasan/" not in html
    assert reverse("perencanaan:rpk_kegiatan_tambah", args=[rpk.pk]) in html


# --- Activities of volume 0 before approval ----------------------------------------------


def test_activities_of_volume_0_warn_before_the_rpk_is_submitted_and_approved(rpk, dunia, masuk):
    from html import unescape

    from perencanaan.rpk_banding import pesan_volume_nol

    baris = list(KegiatanRPK.objects.filter(rpk=rpk).order_by("urutan", "pk"))
    for b in baris[1:]:
        KegiatanRPK.objects.filter(pk=b.pk).update(vol_03=2)
    nol = baris[0]
    KegiatanRPK.objects.filter(pk=nol.pk).update(**{f"vol_{i:02d}": 0 for i in range(1, 13)})
    pesan = pesan_volume_nol([nol.kegiatan])
    url = reverse("perencanaan:rpk_detail", args=[rpk.pk])

    # The drafter sees it and is asked before submitting.
    isi = unescape(masuk(dunia.ktu_a).get(url).content.decode())
    assert 'data-testid="volume-nol"' in isi and pesan in isi
    assert f'data-konfirmasi="{pesan} Tetap ajukan RPK?"' in isi

    rpk = services.rpk_alur(
        rpk=_isi_pembahasan(rpk, dunia.ktu_a), langkah="ajukan", user=dunia.ktu_a
    )
    # The Kepala is warned on the page and asked before approving.
    isi = unescape(masuk(dunia.kapus_a).get(url).content.decode())
    assert pesan in isi
    assert f'data-konfirmasi="{pesan} Tetap sahkan RPK?"' in isi

    # Once every activity is scheduled, nothing is said.
    RPK.objects.filter(pk=rpk.pk).update(status=StatusAlur.DRAFT)
    KegiatanRPK.objects.filter(pk=nol.pk).update(vol_06=1)
    isi = masuk(dunia.ktu_a).get(url).content.decode()
    assert 'data-testid="volume-nol"' not in isi and "bervolume 0" not in isi
