"""The Lokakarya Mini: scheduling, peserta and attendance, notulen per klaster, review of
earlier RTL, the workflow and its lock, the due-date registry, PDFs, scope and queries."""

import shutil
import subprocess
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lokmin import aturan, kalender
from lokmin.models import (
    PESAN_SIAP_HADIR,
    PESAN_SIAP_NOTULEN,
    PESAN_SIAP_TINJAUAN,
    PESAN_SIAP_UNDANGAN,
    Lokmin,
)
from lokmin.services import lokmin as services
from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.access import PESAN_DITOLAK, PESAN_KLASTER_LAIN
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci
from puskesmas.models import Klaster
from puskesmas.referensi import pastikan_klaster

from .factories import LokminFactory, PesertaLokminFactory, RTLFactory

HARI = date(2027, 3, 4)


@pytest.fixture
def hari():
    with time_machine.travel(HARI, tick=False):
        yield HARI


def pdftotext(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: install poppler-utils (make test does)")
    hasil = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(hasil.stdout.decode().split())  # table cells wrap


def jadwalkan(dunia, *, jenis="bulanan", bulan=3):
    return services.lokmin_buat(
        puskesmas=dunia.a, tahun=2027, bulan=bulan, jenis=jenis, tanggal=date(2027, bulan, 5),
        tempat="Aula", user=dunia.ktu_a,
    )  # fmt: skip


def lengkapi(dunia, lokmin):
    """Undangan sent, one staff member present, every klaster's notulen written."""
    lokmin.refresh_from_db()
    services.lokmin_ubah(
        lokmin=lokmin, data={"undangan_dikirim": date(2027, 3, 1)}, versi=lokmin.versi,
        user=dunia.ktu_a,
    )  # fmt: skip
    services.peserta_undang_pegawai(lokmin=lokmin, user=dunia.ktu_a)
    p = lokmin.peserta.first()
    services.kehadiran_simpan(lokmin=lokmin, hadir_ids={p.pk}, user=dunia.ktu_a)
    pastikan_klaster()
    services.notulen_simpan(
        lokmin=lokmin,
        isi={k.pk: f"Pembahasan {k}" for k in Klaster.objects.all()},
        user=dunia.ktu_a,
    )


def test_scheduled_with_the_default_agenda_of_its_kind_and_month(dunia, hari):
    lokmin = jadwalkan(dunia)
    assert lokmin.agenda == kalender.agenda_default("bulanan", 2027, 3)
    assert str(lokmin) == "Lokmin bulanan Maret 2027"
    with pytest.raises(AlurTidakSah) as exc:
        jadwalkan(dunia)
    assert exc.value.message == "Lokmin bulanan Maret 2027 sudah dijadwalkan."
    with pytest.raises(AlurTidakSah) as exc:
        jadwalkan(dunia, jenis="tribulanan", bulan=3)
    assert exc.value.message == services.PESAN_BULAN_SALAH
    assert jadwalkan(dunia, jenis="tribulanan", bulan=5).jenis == "tribulanan"


def test_only_management_schedules(dunia, hari):
    for user in (dunia.staf_a, dunia.pj2_a, dunia.verifikator_x):
        with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
            services.lokmin_buat(
                puskesmas=dunia.a, tahun=2027, bulan=3, jenis="bulanan",
                tanggal=date(2027, 3, 5), tempat="Aula", user=user,
            )  # fmt: skip


def test_peserta_staff_and_outsiders_by_forum(dunia, hari):
    lokmin = jadwalkan(dunia)
    n = services.peserta_undang_pegawai(lokmin=lokmin, user=dunia.ktu_a)
    assert n == 4  # staf, kapus, ktu, pj2 of A
    assert services.peserta_undang_pegawai(lokmin=lokmin, user=dunia.ktu_a) == 0
    with pytest.raises(AlurTidakSah) as exc:
        services.peserta_tambah_luar(
            lokmin=lokmin, nama="Pak Camat", jabatan="Camat", instansi="Kecamatan",
            kategori="lintas_sektor", user=dunia.ktu_a,
        )  # fmt: skip
    assert exc.value.message == aturan.PESAN_KATEGORI
    p = services.peserta_tambah_luar(
        lokmin=lokmin, nama="dr. Rina", jabatan="Dokter", instansi="Klinik Pratama Sehat",
        kategori="jejaring", user=dunia.ktu_a,
    )  # fmt: skip
    assert p.user is None and lokmin.peserta.count() == 5
    jumlah = services.kehadiran_simpan(
        lokmin=lokmin, hadir_ids={p.pk, lokmin.peserta.filter(user=dunia.staf_a).get().pk},
        user=dunia.ktu_a,
    )  # fmt: skip
    assert jumlah == 2
    assert set(lokmin.peserta.filter(hadir=True).values_list("nama", flat=True)) == {
        "dr. Rina",
        dunia.staf_a.get_full_name(),
    }


def test_pj_klaster_writes_only_their_klaster_notulen(dunia, hari):
    lokmin = jadwalkan(dunia)
    k = pastikan_klaster()
    services.notulen_simpan(lokmin=lokmin, isi={k[2].pk: "KIA: K4 turun"}, user=dunia.pj2_a)
    with pytest.raises(PermissionDenied, match=PESAN_KLASTER_LAIN):
        services.notulen_simpan(lokmin=lokmin, isi={k[3].pk: "bukan klasternya"}, user=dunia.pj2_a)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        services.notulen_simpan(lokmin=lokmin, isi={k[2].pk: "x"}, user=dunia.staf_a)
    assert list(lokmin.notulen.values_list("isi", flat=True)) == ["KIA: K4 turun"]


def test_submitted_only_when_complete_then_approved_by_the_kepala_and_locked(dunia, hari):
    lokmin = jadwalkan(dunia)
    with pytest.raises(AlurTidakSah) as exc:
        services.lokmin_alur(lokmin=lokmin, langkah="ajukan", user=dunia.ktu_a)
    assert exc.value.message == PESAN_SIAP_UNDANGAN
    lokmin.refresh_from_db()
    services.lokmin_ubah(
        lokmin=lokmin, data={"undangan_dikirim": date(2027, 3, 4)}, versi=lokmin.versi,
        user=dunia.ktu_a,
    )  # fmt: skip
    lokmin.refresh_from_db()
    assert lokmin.peringatan_undangan == kalender.PESAN_UNDANGAN_MEPET.format(hari=1)
    with pytest.raises(AlurTidakSah) as exc:
        services.lokmin_alur(lokmin=lokmin, langkah="ajukan", user=dunia.ktu_a)
    assert exc.value.message == PESAN_SIAP_HADIR
    lengkapi(dunia, lokmin)
    services.notulen_simpan(
        lokmin=lokmin, isi={Klaster.objects.get(nomor=5).pk: ""}, user=dunia.ktu_a
    )
    with pytest.raises(AlurTidakSah) as exc:
        services.lokmin_alur(lokmin=lokmin, langkah="ajukan", user=dunia.ktu_a)
    assert exc.value.message == PESAN_SIAP_NOTULEN.format(klaster=Klaster.objects.get(nomor=5))
    lengkapi(dunia, lokmin)
    lama = RTLFactory(puskesmas=dunia.a)  # an open RTL from earlier
    with pytest.raises(AlurTidakSah) as exc:
        services.lokmin_alur(lokmin=lokmin, langkah="ajukan", user=dunia.ktu_a)
    assert exc.value.message == PESAN_SIAP_TINJAUAN.format(jumlah=1)
    services.tinjauan_simpan(
        lokmin=lokmin, rtl=lama, keputusan="progres", catatan="Setengah jalan", user=dunia.ktu_a
    )
    services.lokmin_alur(lokmin=lokmin, langkah="ajukan", user=dunia.ktu_a)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):  # only the Kepala approves
        services.lokmin_alur(lokmin=lokmin, langkah="sahkan", user=dunia.ktu_a)
    lokmin = services.lokmin_alur(lokmin=lokmin, langkah="sahkan", user=dunia.kapus_a)
    assert lokmin.status == "disahkan"
    assert lokmin.label_status == "Selesai (disetujui Kepala Puskesmas)"
    # Locked: nothing of the meeting changes any more.
    for ubah in (
        lambda: services.peserta_undang_pegawai(lokmin=lokmin, user=dunia.ktu_a),
        lambda: services.notulen_simpan(lokmin=lokmin, isi={}, user=dunia.ktu_a),
        lambda: services.lokmin_rtl_buat(lokmin=lokmin, data={}, user=dunia.ktu_a),
        lambda: services.kehadiran_simpan(lokmin=lokmin, hadir_ids=set(), user=dunia.ktu_a),
    ):
        with pytest.raises(DokumenTerkunci):
            ubah()


def test_returned_with_a_reason_kept_until_resubmitted(dunia, hari):
    lokmin = jadwalkan(dunia)
    lengkapi(dunia, lokmin)
    services.lokmin_alur(lokmin=lokmin, langkah="ajukan", user=dunia.ktu_a)
    lokmin = services.lokmin_alur(
        lokmin=lokmin, langkah="kembalikan", catatan="Notulen klaster 3 kurang", user=dunia.kapus_a
    )
    assert lokmin.catatan_pengembalian == "Notulen klaster 3 kurang" and lokmin.bisa_diubah
    lokmin = services.lokmin_alur(lokmin=lokmin, langkah="ajukan", user=dunia.ktu_a)
    assert lokmin.catatan_pengembalian == ""


def test_rtl_raised_at_a_meeting_and_an_instansi_as_pj_only_at_the_tribulanan(dunia, hari):
    bulanan = jadwalkan(dunia)
    data = {
        "klaster": pastikan_klaster()[2], "masalah": "K4 rendah", "penyebab": "", "jenis": "korektif",
        "rencana": "Sweeping", "pj": None, "pj_instansi": "Kepala Desa", "batas": date(2027, 3, 31),
    }  # fmt: skip
    with pytest.raises(AlurTidakSah) as exc:
        services.lokmin_rtl_buat(lokmin=bulanan, data=data, user=dunia.ktu_a)
    assert exc.value.message == aturan.PESAN_PJ_INSTANSI
    tribulanan = jadwalkan(dunia, jenis="tribulanan", bulan=5)
    rtl = services.lokmin_rtl_buat(lokmin=tribulanan, data=data, user=dunia.ktu_a)
    assert rtl.sumber == tribulanan and rtl.sumber_label == "Lokmin tribulanan Mei 2027"
    assert rtl.nama_pj == "Kepala Desa"


def test_review_closes_only_an_rtl_followed_up_with_evidence(dunia, hari):
    lokmin = jadwalkan(dunia)
    rtl = RTLFactory(puskesmas=dunia.a)
    with pytest.raises(AlurTidakSah) as exc:
        services.tinjauan_simpan(
            lokmin=lokmin, rtl=rtl, keputusan="selesai", catatan="sudah", user=dunia.ktu_a
        )
    assert exc.value.message == services.PESAN_TUTUP_BELUM_TL
    with pytest.raises(AlurTidakSah) as exc:
        services.tinjauan_simpan(
            lokmin=lokmin, rtl=rtl, keputusan="dilanjutkan", catatan="x", user=dunia.ktu_a
        )
    assert exc.value.message == services.PESAN_BATAS_BARU
    t = services.tinjauan_simpan(
        lokmin=lokmin, rtl=rtl, keputusan="dilanjutkan", catatan="Belum selesai",
        batas_baru=date(2027, 4, 30), user=dunia.ktu_a,
    )  # fmt: skip
    rtl.refresh_from_db()
    assert rtl.status == "proses" and rtl.batas == date(2027, 4, 30)
    assert t.status_rtl == "proses"
    own = RTLFactory(puskesmas=dunia.a, sumber_objek=lokmin)
    with pytest.raises(AlurTidakSah) as exc:
        services.tinjauan_simpan(
            lokmin=lokmin, rtl=own, keputusan="progres", catatan="x", user=dunia.ktu_a
        )
    assert exc.value.message == services.PESAN_RTL_SENDIRI


def test_registered_kinds_count_an_approved_lokmin_as_done(dunia, hari):
    kinds = {t.kode: t for t in td.semua()}
    assert {"lokmin_bulanan", "lokmin_tribulanan"} <= set(kinds)
    bulanan = kinds["lokmin_bulanan"]
    (maret,) = [k for k in bulanan.kejadian_tahun(2027) if k.kode == "03"]
    assert maret.batas == date(2027, 3, 10)
    assert bulanan.judul(maret) == "Lokmin bulanan Maret"
    lokmin = jadwalkan(dunia)
    lengkapi(dunia, lokmin)
    services.lokmin_alur(lokmin=lokmin, langkah="ajukan", user=dunia.ktu_a)
    with CaptureQueriesContext(connection) as q:
        assert bulanan.selesai([dunia.a.pk, dunia.b.pk], maret) == {}
    assert len(q) == 1
    services.lokmin_alur(lokmin=lokmin, langkah="sahkan", user=dunia.kapus_a)
    assert bulanan.selesai([dunia.a.pk, dunia.b.pk], maret) == {dunia.a.pk: date(2027, 3, 5)}
    (mei,) = kinds["lokmin_tribulanan"].kejadian_tahun(2027)[1:2]
    assert kinds["lokmin_tribulanan"].selesai([dunia.a.pk], mei) == {}
    penerima = bulanan.penerima([dunia.a.pk], maret)[dunia.a.pk]
    assert {u.username for u in penerima} == {"ktu_a", "kapus_a"}


# --- Pages ---------------------------------------------------------------------------------


def test_calendar_page_and_scheduling(dunia, masuk, hari):
    client = masuk(dunia.ktu_a)
    s = client.session
    s["tahun"] = 2027
    s.save()
    r = client.get(reverse("lokmin:daftar", args=[dunia.a.pk]))
    assert r.status_code == 200
    assert len(r.context["kalender"]) == 16  # 12 bulanan + 4 tribulanan
    r = client.post(
        reverse("lokmin:buat", args=[dunia.a.pk]),
        {"jenis": "bulanan", "bulan": 3, "tanggal": "2027-03-05", "tempat": "Aula"},
    )
    lokmin = Lokmin.objects.get(puskesmas=dunia.a)
    assert r.status_code == 302 and r["Location"] == reverse("lokmin:detail", args=[lokmin.pk])
    assert (
        masuk(dunia.staf_a)
        .post(reverse("lokmin:buat", args=[dunia.a.pk]), {"jenis": "bulanan", "bulan": 4})
        .status_code
        == 403
    )
    assert masuk(dunia.staf_b).get(reverse("lokmin:daftar", args=[dunia.a.pk])).status_code == 404


def test_detail_is_scoped_and_shows_the_pulled_in_sections(dunia, masuk, hari):
    lokmin = LokminFactory(puskesmas=dunia.a)
    r = masuk(dunia.staf_a).get(reverse("lokmin:detail", args=[lokmin.pk]))
    assert r.status_code == 200
    assert [b.kode for b in r.context["bagian"]] == [
        "realisasi_bulan_lalu",
        "kegiatan_bulan_ini",
        "pws",
        "pispk",
    ]
    assert r.context["form_ubah"] is None  # staff read
    assert masuk(dunia.staf_b).get(reverse("lokmin:detail", args=[lokmin.pk])).status_code == 404
    assert (
        masuk(dunia.verifikator_y).get(reverse("lokmin:detail", args=[lokmin.pk])).status_code
        == 404
    )
    r = masuk(dunia.staf_a).post(reverse("lokmin:peserta_pegawai", args=[lokmin.pk]))
    assert r.status_code == 403 and not lokmin.peserta.exists()


def test_detail_queries_do_not_grow_with_peserta_and_rtl(dunia, masuk, hari):
    lokmin = LokminFactory(puskesmas=dunia.a)
    client = masuk(dunia.ktu_a)
    url = reverse("lokmin:detail", args=[lokmin.pk])
    PesertaLokminFactory(lokmin=lokmin)
    RTLFactory(puskesmas=dunia.a, sumber_objek=lokmin)
    RTLFactory(puskesmas=dunia.a)
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    for _ in range(10):
        PesertaLokminFactory(lokmin=lokmin)
        RTLFactory(puskesmas=dunia.a, sumber_objek=lokmin)
        RTLFactory(puskesmas=dunia.a)
    with CaptureQueriesContext(connection) as banyak:
        client.get(url)
    assert len(banyak) == len(sedikit)


def test_three_pdfs(dunia, masuk, hari):
    lokmin = LokminFactory(
        puskesmas=dunia.a, undangan_dikirim=date(2027, 3, 1), undangan_nomor="005/LOKMIN/III/2027"
    )
    PesertaLokminFactory(lokmin=lokmin, nama="dr. Rina Lestari", hadir=True)
    RTLFactory(puskesmas=dunia.a, sumber_objek=lokmin, masalah="Cakupan K4 rendah di Mekar")
    client = masuk(dunia.staf_a)
    undangan = pdftotext(client.get(reverse("lokmin:undangan_pdf", args=[lokmin.pk])).content)
    assert "005/LOKMIN/III/2027" in undangan and "dr. Rina Lestari" in undangan
    assert "Evaluasi PWS" in undangan
    hadir = pdftotext(client.get(reverse("lokmin:daftar_hadir_pdf", args=[lokmin.pk])).content)
    assert "Tanda tangan" in hadir and "dr. Rina Lestari" in hadir
    notulen = pdftotext(client.get(reverse("lokmin:notulen_pdf", args=[lokmin.pk])).content)
    assert "Cakupan K4 rendah di Mekar" in notulen
    assert "Rencana tindak lanjut (RTL)" in notulen and "draf" in notulen
    assert "Peserta hadir" in notulen
