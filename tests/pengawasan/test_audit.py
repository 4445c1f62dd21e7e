"""Internal audit services: team SK through the approval workflow, the programme and its
notifications and due date, starting an audit from a row, findings with their RTL, and the
closing rule (refused with an open finding, allowed once settled or carried over)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from pengawasan import aturan_audit
from pengawasan.models import Audit, HasilKriteria, ProgramAudit, TimAudit
from pengawasan.selectors.audit import ringkasan_audit, selesai_bulan
from pengawasan.services import audit as svc
from puskesmas.alat import tenggat_daftar as td
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci
from puskesmas.choices import Peran
from puskesmas.models import Notifikasi
from puskesmas.services import rtl as rtl_svc

from ..factories import pengguna
from .factories_audit import ButirTilikFactory, DaftarTilikFactory

TAHUN = date.today().year


@pytest.fixture
def mutu(dunia):
    return pengguna("mutu_a", Peran.TIM_MUTU, puskesmas=dunia.a)


@pytest.fixture
def mutu2(dunia):
    return pengguna("mutu2_a", Peran.TIM_MUTU, puskesmas=dunia.a)


@pytest.fixture
def tim(dunia, mutu, mutu2):
    tim = svc.tim_audit_buat(
        puskesmas=dunia.a, tahun=TAHUN, nomor_sk="800/1/SK", tanggal_sk=date(TAHUN, 1, 2),
        user=dunia.ktu_a,
    )  # fmt: skip
    svc.tim_anggota_tambah(tim=tim, anggota=mutu, peran="ketua", user=dunia.ktu_a)
    svc.tim_anggota_tambah(tim=tim, anggota=mutu2, peran="anggota", user=dunia.ktu_a)
    svc.tim_audit_alur(tim=tim, langkah="ajukan", user=dunia.ktu_a)
    return svc.tim_audit_alur(tim=tim, langkah="sahkan", user=dunia.kapus_a)


def _jadwal_data(dunia, mutu, **lain):
    data = dict(
        klaster=None, unit="Ruang KIA", jenis=["proses"], acuan=["sop", "akreditasi"],
        uraian_kriteria="SOP ANC", bulan=1, auditi=dunia.pj2_a, auditor=[mutu],
    )  # fmt: skip
    data.update(lain)
    return data


@pytest.fixture
def program(dunia, tim, mutu):
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    svc.jadwal_audit_tambah(program=program, data=_jadwal_data(dunia, mutu), user=dunia.ktu_a)
    svc.program_audit_alur(program=program, langkah="ajukan", user=dunia.ktu_a)
    return svc.program_audit_alur(program=program, langkah="sahkan", user=dunia.kapus_a)


@pytest.fixture
def tilik(dunia):
    daftar = DaftarTilikFactory(puskesmas=dunia.a, nama="ANC")
    ButirTilikFactory(daftar=daftar, nomor=1, kriteria="10T dilakukan")
    ButirTilikFactory(daftar=daftar, nomor=2, kriteria="Rekam medis lengkap")
    return daftar


@pytest.fixture
def audit(program, tilik, mutu):
    jadwal = program.jadwal.get()
    return svc.audit_mulai(jadwal=jadwal, tanggal=date.today(), daftar_tilik=tilik, user=mutu)


def _nilai_semua(audit, user, hasil="sesuai"):
    svc.hasil_kriteria_simpan(
        audit=audit, isi={h.pk: (hasil, "") for h in audit.hasil.all()}, user=user
    )


def _rtl(temuan, dunia, user):
    return svc.temuan_rtl_buat(
        temuan=temuan,
        data={"rencana": "Susun alur rujukan lab", "pj": dunia.pj2_a, "pj_instansi": "",
              "batas": date.today() + timedelta(days=14), "jenis": "korektif"},
        user=user,
    )  # fmt: skip


# --- team SK ----------------------------------------------------------------------------------


def test_sk_tim_ditandatangani_kepala(tim):
    assert tim.status == "disahkan"
    assert tim.jejak().filter(langkah="sahkan").get().oleh.username == "kapus_a"


def test_sk_tim_tanpa_ketua_ditolak(dunia, mutu2):
    tim = svc.tim_audit_buat(
        puskesmas=dunia.a, tahun=TAHUN, nomor_sk="1", tanggal_sk=date.today(), user=dunia.ktu_a
    )
    svc.tim_anggota_tambah(tim=tim, anggota=mutu2, peran="anggota", user=dunia.ktu_a)
    with pytest.raises(AlurTidakSah) as exc:
        svc.tim_audit_alur(tim=tim, langkah="ajukan", user=dunia.ktu_a)
    assert (
        exc.value.message == "SK Tim Audit Internal belum dapat diajukan: tetapkan satu ketua tim."
    )


def test_sk_tim_hanya_kepala_menetapkan(dunia, mutu, mutu2):
    tim = svc.tim_audit_buat(
        puskesmas=dunia.a, tahun=TAHUN, nomor_sk="1", tanggal_sk=date.today(), user=mutu
    )
    svc.tim_anggota_tambah(tim=tim, anggota=mutu, peran="ketua", user=mutu)
    svc.tim_anggota_tambah(tim=tim, anggota=mutu2, peran="anggota", user=mutu)
    svc.tim_audit_alur(tim=tim, langkah="ajukan", user=mutu)
    with pytest.raises(PermissionDenied):
        svc.tim_audit_alur(tim=tim, langkah="sahkan", user=dunia.ktu_a)


def test_tim_terkunci_setelah_ditetapkan(tim, dunia):
    with pytest.raises(DokumenTerkunci):
        svc.tim_anggota_tambah(tim=tim, anggota=dunia.staf_a, peran="anggota", user=dunia.ktu_a)


def test_anggota_harus_pegawai(dunia):
    tim = svc.tim_audit_buat(
        puskesmas=dunia.a, tahun=TAHUN, nomor_sk="1", tanggal_sk=date.today(), user=dunia.ktu_a
    )
    with pytest.raises(AlurTidakSah) as exc:
        svc.tim_anggota_tambah(tim=tim, anggota=dunia.staf_b, peran="anggota", user=dunia.ktu_a)
    assert "bukan pegawai Puskesmas ini" in exc.value.message


def test_staf_tidak_boleh_kelola(dunia):
    with pytest.raises(PermissionDenied):
        svc.tim_audit_buat(
            puskesmas=dunia.a, tahun=TAHUN, nomor_sk="1", tanggal_sk=date.today(),
            user=dunia.staf_a,
        )  # fmt: skip


# --- programme --------------------------------------------------------------------------------


def test_auditor_harus_anggota_tim(dunia, tim):
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    with pytest.raises(AlurTidakSah) as exc:
        svc.jadwal_audit_tambah(
            program=program, data=_jadwal_data(dunia, dunia.staf_a), user=dunia.ktu_a
        )
    assert "bukan anggota Tim Audit Internal" in exc.value.message


def test_auditor_tidak_mengaudit_diri(dunia, tim, mutu):
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    with pytest.raises(AlurTidakSah) as exc:
        svc.jadwal_audit_tambah(
            program=program, data=_jadwal_data(dunia, mutu, auditi=mutu), user=dunia.ktu_a
        )
    assert exc.value.message.startswith("Auditor tidak boleh mengaudit unitnya sendiri")


@pytest.mark.parametrize(
    ("lain", "pesan"),
    [({"jenis": []}, svc.PESAN_JENIS_WAJIB), ({"acuan": ["x"]}, svc.PESAN_ACUAN_WAJIB),
     ({"auditor": []}, svc.PESAN_AUDITOR_WAJIB)],
)  # fmt: skip
def test_jadwal_wajib(dunia, tim, mutu, lain, pesan):
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    with pytest.raises(AlurTidakSah) as exc:
        svc.jadwal_audit_tambah(
            program=program, data=_jadwal_data(dunia, mutu, **lain), user=dunia.ktu_a
        )
    assert exc.value.message == pesan


def test_program_kosong_tidak_diajukan(dunia):
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    with pytest.raises(AlurTidakSah):
        svc.program_audit_alur(program=program, langkah="ajukan", user=dunia.ktu_a)


def test_program_disetujui_memberi_tahu_auditi_dan_auditor(program, dunia, mutu):
    judul = f"Jadwal audit internal {TAHUN} {dunia.a} telah disetujui"
    penerima = set(
        Notifikasi.objects.filter(judul=judul).values_list("penerima__username", flat=True)
    )
    assert penerima == {"pj2_a", "mutu_a"}
    pesan = Notifikasi.objects.filter(judul=judul).first().pesan
    assert "Januari: Ruang KIA" in pesan


def test_tenggat_audit_terdaftar_dan_selesai(program, dunia, tilik, mutu):
    tenggat = td.ambil("audit_internal")
    assert tenggat.label == "Audit internal terjadwal"
    januari = next(k for k in tenggat.kejadian_tahun(TAHUN) if k.kode == "01")
    assert januari.batas == date(TAHUN, 1, 31)
    februari = next(k for k in tenggat.kejadian_tahun(TAHUN) if k.kode == "02")
    # January's row not yet audited: not done; February: nothing planned, nothing due.
    assert tenggat.selesai([dunia.a.pk], januari) == {}
    assert tenggat.selesai([dunia.a.pk], februari) == {dunia.a.pk: date(TAHUN, 2, 1)}
    svc.audit_mulai(
        jadwal=program.jadwal.get(), tanggal=date.today(), daftar_tilik=tilik, user=mutu
    )
    assert selesai_bulan([dunia.a.pk], TAHUN, 1) == {dunia.a.pk: date.today()}


def test_tenggat_audit_semua_baris_bulan_itu_dan_tanggal_terakhir(dunia, tim, mutu, tilik):
    """Done only when every row planned that month has its audit, on the latest audit date
    (never before the first of the month); the other Puskesmas of the same read answer for
    themselves; the pages' UNION gives what the kind's own read gives."""
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    for unit in ("Ruang KIA", "Ruang MTBS"):
        svc.jadwal_audit_tambah(
            program=program, data=_jadwal_data(dunia, mutu, unit=unit), user=dunia.ktu_a
        )
    svc.program_audit_alur(program=program, langkah="ajukan", user=dunia.ktu_a)
    svc.program_audit_alur(program=program, langkah="sahkan", user=dunia.kapus_a)
    kia, mtbs = program.jadwal.order_by("unit")
    tenggat = td.ambil("audit_internal")
    januari = next(k for k in tenggat.kejadian_tahun(TAHUN) if k.kode == "01")
    ids = [dunia.a.pk, dunia.b.pk]

    # b has nothing planned: nothing due, done on the first of the month.
    assert selesai_bulan(ids, TAHUN, 1) == {dunia.b.pk: date(TAHUN, 1, 1)}
    hari_ini = date.today()
    svc.audit_mulai(jadwal=kia, tanggal=hari_ini, daftar_tilik=tilik, user=mutu)
    assert dunia.a.pk not in selesai_bulan(ids, TAHUN, 1)  # one row of two
    kemarin = hari_ini - timedelta(days=1)
    svc.audit_mulai(jadwal=mtbs, tanggal=kemarin, daftar_tilik=tilik, user=mutu)
    harapan = {dunia.a.pk: max(hari_ini, date(TAHUN, 1, 1)), dunia.b.pk: date(TAHUN, 1, 1)}
    assert selesai_bulan(ids, TAHUN, 1) == harapan
    assert tenggat.selesai(ids, januari) == harapan
    assert td.selesai_gabungan(ids, [(tenggat, januari)]) == [harapan]


def test_tenggat_audit_lebih_awal_selesai_pada_awal_bulan(dunia, tim, mutu, tilik):
    """An audit carried out before its planned month counts from the first of that month;
    the kind answers the same inside the registry's union of every kind."""
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    svc.jadwal_audit_tambah(
        program=program, data=_jadwal_data(dunia, mutu, bulan=2), user=dunia.ktu_a
    )
    svc.program_audit_alur(program=program, langkah="ajukan", user=dunia.ktu_a)
    svc.program_audit_alur(program=program, langkah="sahkan", user=dunia.kapus_a)
    svc.audit_mulai(
        jadwal=program.jadwal.get(), tanggal=date(TAHUN, 1, 20), daftar_tilik=tilik, user=mutu
    )
    assert selesai_bulan([dunia.a.pk], TAHUN, 2) == {dunia.a.pk: date(TAHUN, 2, 1)}

    def kejadian(t):
        semua = t.kejadian_tahun(TAHUN)
        return next(k for k in semua if k.kode == "02") if t.kode == "audit_internal" else semua[0]

    semua = [(t, kejadian(t)) for t in td.semua() if t.kueri_selesai is not None]
    assert len(semua) > 1  # a real UNION of several kinds
    hasil = dict(
        zip((t.kode for t, _ in semua), td.selesai_gabungan([dunia.a.pk], semua), strict=True)
    )
    assert hasil["audit_internal"] == {dunia.a.pk: date(TAHUN, 2, 1)}


def test_tenggat_draf_tidak_dihitung(dunia, tim, mutu):
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    svc.jadwal_audit_tambah(program=program, data=_jadwal_data(dunia, mutu), user=dunia.ktu_a)
    assert selesai_bulan([dunia.a.pk], TAHUN, 1) == {dunia.a.pk: date(TAHUN, 1, 1)}


# --- audit --------------------------------------------------------------------------------------


def test_audit_mulai_menyalin_daftar_tilik(audit):
    assert list(audit.hasil.values_list("nomor", "kriteria", "hasil")) == [
        (1, "10T dilakukan", ""),
        (2, "Rekam medis lengkap", ""),
    ]
    assert audit.metode == ["daftar_tilik"]


def test_audit_hanya_dari_program_disetujui(dunia, tim, mutu, tilik):
    program = svc.program_audit_buat(puskesmas=dunia.a, tahun=TAHUN, user=dunia.ktu_a)
    jadwal = svc.jadwal_audit_tambah(
        program=program, data=_jadwal_data(dunia, mutu), user=dunia.ktu_a
    )
    with pytest.raises(AlurTidakSah) as exc:
        svc.audit_mulai(jadwal=jadwal, tanggal=date.today(), daftar_tilik=tilik, user=mutu)
    assert exc.value.message == svc.PESAN_PROGRAM_BELUM_SAH


def test_audit_sekali_per_jadwal(audit, tilik, mutu):
    with pytest.raises(AlurTidakSah) as exc:
        svc.audit_mulai(jadwal=audit.jadwal, tanggal=date.today(), daftar_tilik=tilik, user=mutu)
    assert exc.value.message == svc.PESAN_AUDIT_ADA


def test_ktu_tidak_menjalankan_audit(audit, dunia):
    with pytest.raises(PermissionDenied):
        svc.audit_ubah(
            audit=audit, tanggal=date.today(), metode=["wawancara"], kesimpulan="", versi=None,
            user=dunia.ktu_a,
        )  # fmt: skip


def test_metode_pilihan_ganda(audit, mutu):
    audit = svc.audit_ubah(
        audit=audit, tanggal=date.today(), metode=["wawancara", "simulasi", "bukan"],
        kesimpulan="Baik", versi=audit.versi, user=mutu,
    )  # fmt: skip
    assert audit.metode == ["wawancara", "simulasi"]
    assert audit.label_metode == "Wawancara, Simulasi"


def test_tutup_ditolak_kriteria_kosong(audit, mutu):
    with pytest.raises(AlurTidakSah) as exc:
        svc.audit_tutup(audit=audit, user=mutu)
    assert exc.value.message == aturan_audit.PESAN_TUTUP_KRITERIA.format(jumlah=2)


def test_tutup_ditolak_temuan_tanpa_rtl_lalu_rtl_terbuka(audit, mutu, dunia):
    _nilai_semua(audit, mutu)
    temuan = svc.temuan_tambah(
        audit=audit,
        data={"kategori": "minor", "uraian": "Hasil lab tidak tercatat", "bukti": "RM 12",
              "analisis": "Alur rujukan lab belum jelas", "kriteria": audit.hasil.get(nomor=2)},
        user=mutu,
    )  # fmt: skip
    with pytest.raises(AlurTidakSah) as exc:
        svc.audit_tutup(audit=audit, user=mutu)
    assert exc.value.message == aturan_audit.PESAN_TUTUP_TANPA_RTL.format(nomor=1)
    rtl = _rtl(temuan, dunia, mutu)
    assert rtl.sumber == temuan
    assert rtl.masalah == "Hasil lab tidak tercatat"
    assert rtl.penyebab == "Alur rujukan lab belum jelas"
    with pytest.raises(AlurTidakSah) as exc:
        svc.audit_tutup(audit=audit, user=mutu)
    assert exc.value.message == aturan_audit.PESAN_TUTUP_RTL_TERBUKA.format(nomor=1)
    assert Audit.objects.get(pk=audit.pk).status == "berjalan"

    # The follow-up with evidence (the RTL lifecycle) settles the finding: closed.
    bukti = SimpleUploadedFile("alur.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    rtl_svc.rtl_tindak_lanjut(
        rtl=rtl, uraian="Alur disusun dan disosialisasikan", tanggal=date.today(),
        berkas=[bukti], user=dunia.pj2_a,
    )  # fmt: skip
    ditutup = svc.audit_tutup(audit=audit, user=mutu)
    assert ditutup.status == "ditutup" and ditutup.ditutup_oleh == mutu
    assert ditutup.history.first().history_change_reason == "Audit ditutup"
    # Closed: locked.
    with pytest.raises(AlurTidakSah):
        svc.temuan_tambah(
            audit=ditutup, data={"kategori": "observasi", "uraian": "x", "bukti": "y"}, user=mutu
        )


def test_temuan_dibawa_boleh_ditutup(audit, mutu):
    _nilai_semua(audit, mutu, "tidak_berlaku")
    temuan = svc.temuan_tambah(
        audit=audit, data={"kategori": "mayor", "uraian": "Alat USG rusak", "bukti": "Observasi"},
        user=mutu,
    )  # fmt: skip
    with pytest.raises(AlurTidakSah) as exc:
        svc.temuan_bawa(temuan=temuan, alasan="  ", user=mutu)
    assert exc.value.message == aturan_audit.PESAN_ALASAN_DIBAWA
    svc.temuan_bawa(temuan=temuan, alasan="Pengadaan alat tahun depan", user=mutu)
    assert svc.audit_tutup(audit=audit, user=mutu).status == "ditutup"


def test_rtl_dihentikan_tidak_menuntaskan(audit, mutu, dunia):
    _nilai_semua(audit, mutu)
    temuan = svc.temuan_tambah(
        audit=audit, data={"kategori": "minor", "uraian": "u", "bukti": "b"}, user=mutu
    )
    rtl = _rtl(temuan, dunia, mutu)
    rtl_svc.rtl_hentikan(rtl=rtl, alasan="Tidak relevan", user=dunia.kapus_a)
    with pytest.raises(AlurTidakSah):
        svc.audit_tutup(audit=audit, user=mutu)


def test_ringkasan_audit(audit, mutu, dunia):
    _nilai_semua(audit, mutu)
    t1 = svc.temuan_tambah(
        audit=audit, data={"kategori": "mayor", "uraian": "u", "bukti": "b", "analisis": "a"},
        user=mutu,
    )  # fmt: skip
    svc.temuan_tambah(
        audit=audit, data={"kategori": "observasi", "uraian": "o", "bukti": "b"}, user=mutu
    )
    _rtl(t1, dunia, mutu)
    r = ringkasan_audit(puskesmas=dunia.a, tahun=TAHUN)
    assert (r.program_disahkan, r.jumlah_jadwal, r.jumlah_audit) == (True, 1, 1)
    assert r.temuan == {"mayor": 1, "minor": 0, "observasi": 1}
    assert (r.ketidaksesuaian, r.dianalisis, r.ada_rtl, r.ditindaklanjuti) == (1, 1, 1, 0)
    assert r.terbuka == 1
    assert r.audit_lengkap == 0  # no conclusion yet
    # Up to a date before the audit: nothing held yet.
    assert (
        ringkasan_audit(
            puskesmas=dunia.a, tahun=TAHUN, sampai=date.today() - timedelta(days=1)
        ).jumlah_audit
        == 0
    )


def test_riwayat_tercatat(audit, mutu):
    h = HasilKriteria.objects.filter(audit=audit).first()
    assert h.history.first().history_user == mutu
    assert ProgramAudit.history.exists() and TimAudit.history.exists()
