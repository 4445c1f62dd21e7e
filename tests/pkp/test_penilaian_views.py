"""The self-assessment pages: opening by POST, the forms, read-only once submitted, the
verifier's verdict shown to the Puskesmas, evidence files, import, and query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lokmin.models import Lokmin
from pengawasan.models import ProgramAudit
from pkp import saran_daftar
from pkp.models import (
    BuktiPKP,
    IndikatorPelayanan,
    KelompokPelayanan,
    KomponenManajemen,
    NilaiManajemen,
    NilaiPelayanan,
    PenilaianPKP,
    StatusVerifikasi,
    VariabelManajemen,
)
from pkp.services import penilaian as svc
from puskesmas.services.inti import PESAN_KONFLIK

from .conftest import TAHUN, isi_semua


def _url(penilaian_or_pk, nama="pkp:penilaian"):
    return reverse(nama, args=[penilaian_or_pk])


def _halaman(puskesmas):
    return f"{reverse('pkp:penilaian', args=[puskesmas.pk])}?tahun={TAHUN}"


@pytest.fixture
def aturan_111(monkeypatch):
    """Only this test's rule for 1.1.1 registered (the registry is restored afterwards)."""
    monkeypatch.setattr(saran_daftar, "_DAFTAR", {})
    saran_daftar.daftar(
        "1.1.1",
        kumpulkan=lambda puskesmas, tahun: None,
        aturan=lambda fakta: saran_daftar.Saran(7, "Renstra 2025–2029 disahkan."),
    )


def test_a_visit_never_opens_the_assessment(dunia, salinan_x, masuk):
    r = masuk(dunia.kapus_a).get(_halaman(dunia.a))
    assert r.status_code == 200
    assert b'data-testid="buka-penilaian"' in r.content
    assert not PenilaianPKP.objects.exists()
    r = masuk(dunia.kapus_a).post(
        reverse("pkp:penilaian_buka", args=[dunia.a.pk]), {"tahun": TAHUN}, follow=True
    )
    assert PenilaianPKP.objects.filter(puskesmas=dunia.a, tahun=TAHUN).count() == 1
    assert f"Penilaian kinerja tahun {TAHUN} dibuka." in r.content.decode()


def test_without_the_kabupatens_instrument_the_page_says_so(dunia, standar, masuk):
    r = masuk(dunia.kapus_a).get(_halaman(dunia.a))
    assert "Instrumen PKP tahun ini untuk kabupaten Anda belum tersedia" in r.content.decode()
    assert b"buka-penilaian" not in r.content


def test_the_page_shows_progress_scores_and_what_cannot_be_computed(dunia, penilaian_a, masuk):
    kelompok = KelompokPelayanan.objects.filter(instrumen=penilaian_a.instrumen).first()
    baris = NilaiPelayanan.objects.filter(penilaian=penilaian_a, indikator__kelompok=kelompok)
    baris.update(capaian=Decimal(100))
    pertama = baris.order_by("pk").first()
    IndikatorPelayanan.objects.filter(pk=pertama.indikator_id).update(target=0)
    NilaiManajemen.objects.filter(penilaian=penilaian_a, variabel__kode="1.1.1").update(skor=7)
    html = masuk(dunia.staf_a).get(_halaman(dunia.a)).content.decode()
    assert "1 dari 29 variabel dinilai" in html
    assert (
        f"{pertama.indikator.kode} {pertama.indikator.nama}: Tidak dapat dihitung: target 0" in html
    )
    assert "100,0 %" in html or "100.0 %" in html
    assert "Belum diajukan." in html
    # Staff without ISI_PKP read but get no buttons.
    assert "buka-penilaian" not in html and "ajukan-penilaian" not in html


@pytest.mark.parametrize("nama", ["staf_b", "verifikator_y"])
def test_outsiders_get_404(dunia, penilaian_a, masuk, nama):
    c = masuk(getattr(dunia, nama))
    assert c.get(_halaman(dunia.a)).status_code == 404
    assert c.get(_url(penilaian_a.pk, "pkp:penilaian_pelayanan")).status_code == 404
    assert c.get(_url(penilaian_a.pk, "pkp:penilaian_manajemen")).status_code == 404


def _data_capaian(baris, nilai):
    data = {}
    for b in baris:
        data[f"capaian_{b.pk}"] = nilai
        data[f"keterangan_{b.pk}"] = "Register"
        data[f"versi_{b.pk}"] = b.versi
    return data


def test_a_klaster_form_saves_indonesian_numbers(dunia, penilaian_a, masuk):
    kelompok = KelompokPelayanan.objects.filter(instrumen=penilaian_a.instrumen).first()
    url = f"{_url(penilaian_a.pk, 'pkp:penilaian_pelayanan')}?kelompok={kelompok.pk}"
    baris = list(NilaiPelayanan.objects.filter(penilaian=penilaian_a, indikator__kelompok=kelompok))
    r = masuk(dunia.pj2_a).post(url, _data_capaian(baris, "1.234,5"))
    assert r.status_code == 302
    assert {b.capaian for b in NilaiPelayanan.objects.filter(pk__in=[b.pk for b in baris])} == {
        Decimal("1234.5")
    }


def test_a_stale_form_keeps_what_was_typed_and_shows_the_conflict(dunia, penilaian_a, masuk):
    kelompok = KelompokPelayanan.objects.filter(instrumen=penilaian_a.instrumen).first()
    url = f"{_url(penilaian_a.pk, 'pkp:penilaian_pelayanan')}?kelompok={kelompok.pk}"
    baris = list(NilaiPelayanan.objects.filter(penilaian=penilaian_a, indikator__kelompok=kelompok))
    NilaiPelayanan.objects.filter(pk=baris[0].pk).update(versi=2, capaian=Decimal(12))
    c = masuk(dunia.kapus_a)
    r = c.post(url, _data_capaian(baris, "77,7"))
    html = r.content.decode()
    assert r.status_code == 200
    assert PESAN_KONFLIK in html
    assert html.count('value="77,7"') == len(baris)
    assert "Tersimpan sekarang: 12" in html
    assert NilaiPelayanan.objects.get(pk=baris[1].pk).capaian is None
    # The form now carries the current versions: saving again goes through.
    assert f'name="versi_{baris[0].pk}" value="2"' in html
    data = _data_capaian(baris, "77,7")
    data[f"versi_{baris[0].pk}"] = 2
    assert c.post(url, data).status_code == 302
    assert NilaiPelayanan.objects.get(pk=baris[0].pk).capaian == Decimal("77.7")


def _data_skor(penilaian, skor: dict, catatan: dict | None = None):
    komponen = KomponenManajemen.objects.get(instrumen=penilaian.instrumen, kode="1.1")
    data = {}
    for b in NilaiManajemen.objects.filter(
        penilaian=penilaian, variabel__komponen=komponen
    ).select_related("variabel"):
        data[f"versi_{b.pk}"] = b.versi
        if b.variabel.kode in skor:
            data[f"skor_{b.pk}"] = skor[b.variabel.kode]
        data[f"catatan_{b.pk}"] = (catatan or {}).get(b.variabel.kode, "")
    return komponen, data


def test_the_management_form_shows_texts_suggestion_and_requires_a_note(
    dunia, penilaian_a, masuk, aturan_111
):
    komponen, data = _data_skor(penilaian_a, {"1.1.1": 10})
    url = f"{_url(penilaian_a.pk, 'pkp:penilaian_manajemen')}?komponen={komponen.pk}"
    c = masuk(dunia.kapus_a)
    html = c.get(url).content.decode()
    v = VariabelManajemen.objects.get(komponen=komponen, kode="1.1.1")
    assert v.nilai_7 in html and v.definisi_operasional[:40] in html
    assert "Renstra 2025–2029 disahkan." in html
    assert "Belum ada aturan saran untuk: 1.1.2" in html
    r = c.post(url, data)
    assert r.status_code == 200
    assert svc.pesan_saran(10, 7) in r.content.decode()
    assert not NilaiManajemen.objects.filter(penilaian=penilaian_a, skor__isnull=False).exists()
    _, data = _data_skor(penilaian_a, {"1.1.1": 10}, {"1.1.1": "SK baru"})
    assert c.post(url, data).status_code == 302
    n = NilaiManajemen.objects.get(penilaian=penilaian_a, variabel__kode="1.1.1")
    assert (n.skor, n.skor_saran, n.catatan) == (10, 7, "SK baru")


def test_submitted_forms_are_read_only_and_refuse_a_post(dunia, penilaian_a, masuk):
    isi_semua(penilaian_a)
    c = masuk(dunia.kapus_a)
    r = c.post(reverse("pkp:penilaian_ajukan", args=[penilaian_a.pk]), follow=True)
    assert "Penilaian kinerja diajukan ke Dinas Kesehatan." in r.content.decode()
    url = _url(penilaian_a.pk, "pkp:penilaian_pelayanan")
    html = c.get(url).content.decode()
    assert 'data-testid="baca-saja"' in html and "simpan-capaian" not in html
    baris = list(NilaiPelayanan.objects.filter(penilaian=penilaian_a)[:1])
    r = c.post(url, _data_capaian(baris, "1"), follow=True)
    assert "berstatus «Diajukan» dan terkunci" in r.content.decode()
    assert NilaiPelayanan.objects.get(pk=baris[0].pk).capaian == Decimal(100)
    html = c.get(_halaman(dunia.a)).content.decode()
    assert 'data-testid="penilaian-terkunci"' in html and "ajukan-penilaian" not in html


def test_submitting_too_early_shows_the_reason(dunia, penilaian_a, masuk):
    r = masuk(dunia.kapus_a).post(
        reverse("pkp:penilaian_ajukan", args=[penilaian_a.pk]), follow=True
    )
    assert "Masih ada 29 variabel manajemen yang belum dinilai" in r.content.decode()


def test_the_puskesmas_sees_the_verifiers_verdict(dunia, penilaian_a, masuk):
    n = NilaiManajemen.objects.get(penilaian=penilaian_a, variabel__kode="1.1.2")
    NilaiManajemen.objects.filter(pk=n.pk).update(
        skor=10,
        skor_verifikasi=4,
        status_verifikasi=StatusVerifikasi.DIKOREKSI,
        catatan_verifikasi="RUK belum memakai data dua tahun",
        diverifikasi_oleh=dunia.verifikator_x,
    )
    PenilaianPKP.objects.filter(pk=penilaian_a.pk).update(
        status="dikembalikan", catatan_pengembalian="Periksa 1.1.2"
    )
    c = masuk(dunia.kapus_a)
    html = c.get(_url(penilaian_a.pk, "pkp:penilaian_manajemen")).content.decode()
    assert "Dikoreksi" in html and "menjadi <strong>4</strong>" in html
    assert "RUK belum memakai data dua tahun" in html
    html = c.get(_halaman(dunia.a)).content.decode()
    assert "Periksa 1.1.2" in html


def test_evidence_files_are_served_to_the_assessments_readers_only(dunia, penilaian_a, masuk):
    n = NilaiManajemen.objects.filter(penilaian=penilaian_a).first()
    c = masuk(dunia.kapus_a)
    r = c.post(
        reverse("pkp:bukti", args=[n.pk]),
        {"keterangan": "SK", "berkas": SimpleUploadedFile("sk.pdf", b"%PDF-1.4 x")},
    )
    assert r.status_code == 302
    bukti = BuktiPKP.objects.get()
    url = reverse("pkp:bukti_berkas", args=[bukti.pk])
    r = c.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 x"
    assert r["Content-Disposition"].startswith("attachment")
    assert masuk(dunia.verifikator_x).get(url).status_code == 200
    for luar in (dunia.staf_b, dunia.verifikator_y):
        assert masuk(luar).get(url).status_code == 404
    r = masuk(dunia.kapus_a).post(
        reverse("pkp:bukti", args=[n.pk]),
        {"keterangan": "x", "berkas": SimpleUploadedFile("a.exe", b"MZ")},
    )
    assert svc.PESAN_BUKTI_JENIS in r.content.decode()
    r = c.post(reverse("pkp:bukti", args=[n.pk]), {"keterangan": "x", "tautan": "https://x.id"})
    assert svc.PESAN_BUKTI_TAUTAN in r.content.decode()
    assert BuktiPKP.objects.count() == 1


def test_the_import_page_lists_errors(dunia, penilaian_a, masuk):
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(svc.templat_capaian(penilaian_a)))
    ws = wb["Capaian"]
    ws.cell(2, [c.value for c in ws[1]].index("Capaian") + 1).value = "banyak"
    isi = io.BytesIO()
    wb.save(isi)
    r = masuk(dunia.kapus_a).post(
        reverse("pkp:penilaian_impor", args=[penilaian_a.pk]),
        {"berkas": SimpleUploadedFile("c.xlsx", isi.getvalue())},
    )
    html = r.content.decode()
    assert 'data-testid="galat-impor"' in html and "«banyak» bukan angka" in html
    r = masuk(dunia.kapus_a).get(reverse("pkp:penilaian_templat", args=[penilaian_a.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")


# --- query counts ------------------------------------------------------------------------------


def _tambah_variabel(penilaian, n: int) -> None:
    komponen = KomponenManajemen.objects.get(instrumen=penilaian.instrumen, kode="1.1")
    for i in range(n):
        v = VariabelManajemen.objects.create(
            komponen=komponen,
            kode=f"1.1.{90 + i}",
            nama=f"Tambahan {i}",
            nilai_0="a",
            nilai_4="b",
            nilai_7="c",
            nilai_10="d",
            urutan=90 + i,
        )
        n_ = NilaiManajemen.objects.create(penilaian=penilaian, variabel=v, skor=4)
        BuktiPKP.objects.create(nilai=n_, tautan="/pkp/", keterangan="x")


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_query_counts_do_not_grow_with_the_variables(dunia, penilaian_a, masuk, monkeypatch):
    c = masuk(dunia.kapus_a)
    komponen = KomponenManajemen.objects.get(instrumen=penilaian_a.instrumen, kode="1.1")
    halaman = _halaman(dunia.a)
    manajemen = f"{_url(penilaian_a.pk, 'pkp:penilaian_manajemen')}?komponen={komponen.pk}"
    pelayanan = _url(penilaian_a.pk, "pkp:penilaian_pelayanan")
    for u in (halaman, manajemen, pelayanan):  # content types cached, as in a running server
        c.get(u)
    sebelum = [_jumlah_query(c, u) for u in (halaman, manajemen, pelayanan)]
    _tambah_variabel(penilaian_a, 12)
    sesudah = [_jumlah_query(c, u) for u in (halaman, manajemen, pelayanan)]
    assert sesudah == sebelum  # with every registered suggestion rule
    # All thirteen rules, as in the running app: the collectors share their reads
    # (``saran_daftar.sekali``, ``baris_puskesmas``), so the pages stay within 20.
    assert saran_daftar.terdaftar() >= {f"1.1.{i}" for i in (1, 2, 3, 4, 5, 6, *range(9, 16))}
    assert max(sesudah) <= 20, sesudah


def _catat_p2_p3(dunia, n: int) -> None:
    """``n`` more Lokmin of each kind (with attendance, notulen and RTL), audits with
    findings and their RTL, and approved RTM with RTL, for Puskesmas A in TAHUN."""
    from puskesmas.choices import Peran

    from ..factories import pengguna
    from ..lokmin.factories import LokminFactory, PesertaLokminFactory, RTLFactory
    from ..pengawasan.factories_audit import (
        AuditFactory,
        DaftarTilikFactory,
        HasilKriteriaFactory,
        JadwalAuditFactory,
        ProgramAuditFactory,
        TemuanAuditFactory,
    )
    from ..pengawasan.factories_rtm import PesertaRTMFactory, RTMFactory

    sudah = Lokmin.objects.filter(puskesmas=dunia.a, jenis="bulanan").count()
    for bulan in range(sudah + 1, sudah + n + 1):
        lk = LokminFactory(
            puskesmas=dunia.a, tahun=TAHUN, bulan=bulan, jenis="bulanan", status="disahkan",
            undangan_dikirim=date(TAHUN, bulan, 1),
        )  # fmt: skip
        PesertaLokminFactory(lokmin=lk, hadir=True)
        for _ in range(2):
            RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=lk)
    mutu = pengguna(f"mutu_{sudah}", Peran.TIM_MUTU, puskesmas=dunia.a)
    program = ProgramAudit.objects.filter(puskesmas=dunia.a, tahun=TAHUN).first()
    program = program or ProgramAuditFactory(puskesmas=dunia.a, tahun=TAHUN, status="disahkan")
    daftar = DaftarTilikFactory(puskesmas=dunia.a)
    for i in range(n):
        jadwal = JadwalAuditFactory(program=program, auditi=dunia.pj2_a, auditor=[mutu])
        audit = AuditFactory(
            jadwal=jadwal, tanggal=date(TAHUN, 3, i + 1), dibuat_oleh=mutu, daftar_tilik=daftar,
            kesimpulan="Baik",
        )  # fmt: skip
        HasilKriteriaFactory(audit=audit, hasil="sesuai")
        temuan = TemuanAuditFactory(audit=audit, kategori="minor", analisis="Akar masalah")
        RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=temuan)
        rtm = RTMFactory(
            puskesmas=dunia.a, tahun=TAHUN, status="disahkan", notulen="n", analisis="a"
        )
        PesertaRTMFactory(rtm=rtm, user=dunia.ktu_a, hadir=True)
        RTLFactory(puskesmas=dunia.a, dibuat_oleh=dunia.ktu_a, sumber_objek=rtm)


def test_component_page_with_every_rule_is_flat_in_the_records(dunia, penilaian_a, masuk):
    """The component 1.1 page with all thirteen rules reads at most 20 queries, and as many
    with three Lokmin, audits and RTM as with six of each."""
    c = masuk(dunia.kapus_a)
    komponen = KomponenManajemen.objects.get(instrumen=penilaian_a.instrumen, kode="1.1")
    url = f"{_url(penilaian_a.pk, 'pkp:penilaian_manajemen')}?komponen={komponen.pk}"
    _catat_p2_p3(dunia, 3)
    c.get(url)  # content types cached, as in a running server
    sedikit = _jumlah_query(c, url)
    saran_sedikit = svc.saran_komponen(penilaian_a, komponen.variabel.all())
    _catat_p2_p3(dunia, 3)
    banyak = _jumlah_query(c, url)
    saran_banyak = svc.saran_komponen(penilaian_a, komponen.variabel.all())
    assert sedikit == banyak <= 20, (sedikit, banyak)
    for kode in ("1.1.4", "1.1.14", "1.1.15"):  # the new records were read
        assert saran_sedikit[kode].alasan != saran_banyak[kode].alasan, kode
