"""An internal audit end to end in the browser: the tim mutu drafts the year's programme
(one row: Ruang KIA, proses, SOP and akreditasi, the PJ klaster 2 as auditee), the Kepala
approves it (the auditee is notified), the audit is started from the programme row with a
daftar tilik, results and methods recorded, a minor finding with its analysis; closing is
refused while the finding has no RTL and while its RTL is open; the auditee follows it up
with evidence on the RTL page; the audit closes and its report PDF holds the follow-up."""

import subprocess
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from pengawasan.models import Audit, ProgramAudit, TimAudit
from pengawasan.services import audit as svc
from puskesmas.models import RTL, Notifikasi, Puskesmas, User
from puskesmas.selectors.inti import tahun_aktif

from .conftest import keluar, masuk, pindah

pytestmark = pytest.mark.browser


def _siapkan(sukamaju, tahun):
    """The team SK set by the Kepala and one checklist: done through the services."""
    ktu = User.objects.get(username="ktu.sukamaju")
    kapus = User.objects.get(username="kapus.sukamaju")
    mutu = User.objects.get(username="mutu.sukamaju")
    tim = TimAudit.objects.filter(puskesmas=sukamaju, tahun=tahun).first()
    if tim is None:
        tim = svc.tim_audit_buat(
            puskesmas=sukamaju, tahun=tahun, nomor_sk="800/12/SK/PKM", tanggal_sk=date.today(),
            user=ktu,
        )  # fmt: skip
        svc.tim_anggota_tambah(tim=tim, anggota=mutu, peran="ketua", user=ktu)
        svc.tim_anggota_tambah(
            tim=tim, anggota=User.objects.get(username="pj1.sukamaju"), peran="anggota", user=ktu
        )
        svc.tim_audit_alur(tim=tim, langkah="ajukan", user=ktu)
        svc.tim_audit_alur(tim=tim, langkah="sahkan", user=kapus)
    daftar = svc.daftar_tilik_buat(puskesmas=sukamaju, nama="ANC terpadu", user=mutu)
    svc.butir_tilik_tambah(
        daftar=daftar, kriteria="Pemeriksaan 10T tercatat", acuan="sop", user=mutu
    )
    svc.butir_tilik_tambah(
        daftar=daftar, kriteria="Hasil laboratorium ada di rekam medis", acuan="akreditasi", user=mutu
    )  # fmt: skip


def _pesan(page, teks):
    expect(page.get_by_text(teks, exact=False).first, teks).to_be_visible()


def test_audit_dari_program_sampai_laporan(halaman, demo, tmp_path):
    page = halaman
    tahun = tahun_aktif()
    sukamaju = Puskesmas.objects.get(nama="Sukamaju")
    ProgramAudit.objects.filter(puskesmas=sukamaju, tahun=tahun).delete()
    _siapkan(sukamaju, tahun)

    # The tim mutu reaches the programme from the P3 index and drafts it.
    masuk(page, "mutu.sukamaju")
    page.goto(f"{page.base_url}/pengawasan/")
    page.get_by_test_id("p3-audit").get_by_role("link", name="Program audit").click()
    pindah(page.get_by_test_id("form-program").get_by_role("button", name="Buat program audit"))
    _pesan(page, f"Program audit internal {tahun} dibuat.")
    form = page.get_by_test_id("form-jadwal")
    form.get_by_label("Unit / lingkup").fill("Ruang KIA")
    form.get_by_label("Proses (PDCA)").check()
    form.get_by_label("SOP", exact=True).check()
    form.get_by_label("Akreditasi").check()
    form.get_by_label("Uraian kriteria").fill("SOP ANC terpadu; standar akreditasi 3.1")
    form.get_by_label("Bulan rencana").select_option(label="Maret")
    form.get_by_label("Auditi (penanggung jawab)").select_option(label="Siti Aminah, Amd.Keb")
    form.get_by_label("Yuliana, S.Farm").check()
    pindah(form.get_by_role("button", name="Tambah jadwal"))
    _pesan(page, "Jadwal audit ditambahkan.")
    pindah(page.get_by_test_id("langkah-ajukan"))
    _pesan(page, "diajukan")
    keluar(page)

    # The Kepala approves it; the auditee hears of the schedule.
    masuk(page, "kapus.sukamaju")
    page.goto(f"{page.base_url}/pengawasan/audit/p/{sukamaju.pk}/program/")
    pindah(page.get_by_test_id("langkah-sahkan"))
    _pesan(page, "disahkan")
    assert Notifikasi.objects.filter(
        penerima__username="pj2.sukamaju", judul__startswith=f"Jadwal audit internal {tahun}"
    ).exists()
    keluar(page)

    # The auditor starts the audit from the programme row with the checklist.
    masuk(page, "mutu.sukamaju")
    page.goto(f"{page.base_url}/pengawasan/audit/p/{sukamaju.pk}/program/")
    jadwal = ProgramAudit.objects.get(puskesmas=sukamaju, tahun=tahun).jadwal.get()
    mulai = page.get_by_test_id(f"mulai-{jadwal.pk}")
    mulai.get_by_label("Tanggal audit").fill(f"{date.today():%Y-%m-%d}")
    mulai.get_by_label("Daftar tilik").select_option(label="ANC terpadu")
    mulai.get_by_role("button", name="Mulai audit").click()
    page.wait_for_url("**/pengawasan/audit/*/")
    audit = Audit.objects.get(jadwal=jadwal)

    form = page.get_by_test_id("form-audit")
    form.get_by_label("Telaah dokumen").check()
    form.get_by_label("Wawancara").check()
    form.get_by_label("Kesimpulan dan rekomendasi").fill(
        "Pelayanan ANC sesuai SOP kecuali hasil lab."
    )
    pindah(form.get_by_role("button", name="Simpan"))
    _pesan(page, "Data audit tersimpan.")
    page.get_by_label("Hasil kriteria 1").select_option("sesuai")
    page.get_by_label("Hasil kriteria 2").select_option("tidak_sesuai")
    page.get_by_label("Catatan kriteria 2").fill("2 dari 10 RM tanpa hasil lab")
    pindah(page.get_by_role("button", name="Simpan hasil"))
    _pesan(page, "Hasil 2 kriteria tersimpan.")

    form = page.get_by_test_id("form-temuan")
    form.get_by_label("Kategori").select_option("minor")
    form.get_by_label("Kriteria daftar tilik").select_option(index=2)
    form.get_by_label("Uraian temuan").fill("Hasil laboratorium tidak tercatat di rekam medis ANC")
    form.get_by_label("Bukti objektif").fill("RM nomor 12 dan 15")
    form.get_by_label("Analisis penyebab").fill("Alur pengembalian hasil lab belum ada")
    pindah(form.get_by_role("button", name="Catat temuan"))
    _pesan(page, "Temuan 1 dicatat.")

    # Closing refused: no RTL yet.
    pindah(page.get_by_test_id("form-tutup").get_by_role("button", name="Tutup audit"))
    _pesan(page, "temuan nomor 1 belum memiliki RTL")

    form = page.get_by_test_id("form-rtl")
    form.get_by_label("Rencana tindak lanjut").fill("Susun alur pengembalian hasil lab ke KIA")
    form.get_by_label("Penanggung jawab (pegawai)").select_option(label="Siti Aminah, Amd.Keb")
    form.get_by_label("Batas waktu").fill(f"{date.today() + timedelta(days=14):%Y-%m-%d}")
    pindah(form.get_by_role("button", name="Simpan RTL"))
    _pesan(page, "RTL temuan 1 disepakati.")
    rtl = RTL.objects.get(
        sumber_id=audit.temuan.get().pk, sumber_label__startswith="Audit internal"
    )

    # Closing refused: the RTL is open.
    pindah(page.get_by_test_id("form-tutup").get_by_role("button", name="Tutup audit"))
    _pesan(page, "RTL temuan nomor 1 belum selesai ditindaklanjuti")
    keluar(page)

    # The auditee follows it up with evidence on the RTL page.
    bukti = tmp_path / "alur-lab.pdf"
    bukti.write_bytes(b"%PDF-1.4\n% alur hasil lab\n")
    masuk(page, "pj2.sukamaju")
    page.goto(f"{page.base_url}/rtl/{rtl.pk}/")
    form = page.get_by_test_id("form-tindak-lanjut")
    form.get_by_label("Tindak lanjut yang dilakukan").fill("Alur disusun dan disosialisasikan")
    form.get_by_label("Tanggal dilaksanakan").fill(f"{date.today():%Y-%m-%d}")
    form.get_by_label("Berkas bukti").set_input_files(str(bukti))
    pindah(form.get_by_role("button", name="Simpan tindak lanjut"))
    _pesan(page, "Tindak lanjut dicatat")
    keluar(page)

    # Now the audit closes, and the report holds the finding and its follow-up.
    masuk(page, "mutu.sukamaju")
    page.goto(f"{page.base_url}/pengawasan/audit/{audit.pk}/")
    pindah(page.get_by_test_id("form-tutup").get_by_role("button", name="Tutup audit"))
    _pesan(page, "Audit ditutup.")
    expect(page.get_by_test_id("status-audit")).to_have_text("Ditutup", use_inner_text=True)
    expect(page.get_by_test_id("form-temuan")).to_have_count(0)
    pdf = page.request.get(f"{page.base_url}/pengawasan/audit/{audit.pk}/laporan.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    teks = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.body(), capture_output=True, check=True
    ).stdout.decode()
    teks = " ".join(teks.split())
    assert "Ketidaksesuaian minor" in teks
    assert "Alur disusun dan disosialisasikan" in teks
    assert "draf: audit belum ditutup" not in teks
