"""Target kinerja per klaster and the SK Target Kinerja: services, views, workflow."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from perencanaan.models import PenetapanTarget, SKTargetKinerja, TargetDesa, TargetKinerja
from perencanaan.selectors import target as sel
from perencanaan.services import target as svc
from puskesmas.alat.access import PESAN_DITOLAK
from puskesmas.alat.alur import AlurTidakSah, DokumenTerkunci, StatusAlur
from puskesmas.alat.fields import PESAN_DESIMAL
from puskesmas.models import JejakAlur
from puskesmas.services.inti import PESAN_KONFLIK

from .factories_target import IndikatorFactory, isi_semua, klaster, siapkan

TAHUN = 2026


@pytest.fixture
def siap(dunia):
    return siapkan(dunia, TAHUN)


@pytest.fixture
def penetapan(siap):
    return svc.penetapan_mulai(puskesmas=siap.dunia.a, tahun=TAHUN, user=siap.dunia.ktu_a)


def url_target(dunia, **query):
    q = "&".join(f"{k}={v}" for k, v in {"tahun": TAHUN, **query}.items())
    return reverse("perencanaan:target", args=[dunia.a.pk]) + "?" + q


def pesan(response) -> list[str]:
    """Messages added by this request (earlier unread ones stay in the session)."""
    return [str(m) for m in response.wsgi_request._messages._queued_messages]


def ajukan_siap(penetapan, dunia, indikator):
    isi_semua(penetapan, dunia.ktu_a, indikator)
    return svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)


# --- starting -----------------------------------------------------------------------------


def test_page_offers_to_start_and_the_first_post_creates_revision_zero(siap, masuk):
    dunia = siap.dunia
    client = masuk(dunia.pj2_a)
    r = client.get(url_target(dunia))
    assert r.status_code == 200
    assert "Mulai menyusun target" in r.content.decode()
    r = client.post(url_target(dunia), {"mulai": "1"})
    assert r.status_code == 302
    p = PenetapanTarget.objects.get(puskesmas=dunia.a, tahun=TAHUN)
    assert (p.revisi, p.status) == (0, StatusAlur.DRAFT)
    client.post(url_target(dunia), {"mulai": "1"})
    assert PenetapanTarget.objects.filter(puskesmas=dunia.a).count() == 1


def test_staff_without_the_right_cannot_start(siap, masuk):
    dunia = siap.dunia
    r = masuk(dunia.staf_a).post(url_target(dunia), {"mulai": "1"})
    assert r.status_code == 403  # the page declares ISI_TARGET for every POST
    assert not PenetapanTarget.objects.exists()
    assert (
        "Mulai menyusun target" not in masuk(dunia.staf_a).get(url_target(dunia)).content.decode()
    )


# --- filling in: PJ klaster own klaster only ---------------------------------------------


def test_pj_saves_own_klaster_and_sasaran_per_desa_is_computed(siap, penetapan, masuk):
    dunia = siap.dunia
    client = masuk(dunia.pj2_a)
    ibu_hamil, lain = siap.kode("K2-01"), siap.kode("K2-02")
    r = client.get(url_target(dunia, klaster=2))
    assert r.status_code == 200
    html = r.content.decode()
    assert f'name="ind_{ibu_hamil.pk}"' in html and 'value="95"' in html  # target_default
    r = client.post(
        url_target(dunia, klaster=2),
        {
            "klaster": "2",
            f"ind_{ibu_hamil.pk}": "95",
            f"ind_{lain.pk}": "87,5",
            f"alasan_{lain.pk}": "Cakupan dua tahun terakhir 80 %",
            "sidik": r.context["form"].initial["sidik"],
        },
    )
    assert r.status_code == 302, r.context["form"].errors if r.context else None
    t = TargetKinerja.objects.get(penetapan=penetapan, indikator=ibu_hamil)
    assert t.target_persen == Decimal(95)
    assert t.diisi_oleh == dunia.pj2_a
    per_desa = {td.desa.nama: (td.penduduk_sasaran, td.sasaran) for td in t.per_desa.all()}
    # 37 × 95 % = 35.15 → 36; 20 × 95 % = 19; A's first desa reported no ibu hamil.
    assert per_desa == {"Mekar": (37, 36), "Sari": (20, 19)}
    assert t.sasaran_total == 55
    t2 = TargetKinerja.objects.get(penetapan=penetapan, indikator=lain)
    assert t2.target_persen == Decimal("87.5")
    assert t2.sasaran_total is None and not t2.per_desa.exists()
    assert t.history.first().history_user == dunia.pj2_a


def test_pj_cannot_open_or_post_another_klaster(siap, penetapan, masuk):
    dunia = siap.dunia
    client = masuk(dunia.pj2_a)
    lansia = siap.kode("K3-01")
    assert client.get(url_target(dunia, klaster=3)).status_code == 403
    r = client.post(url_target(dunia, klaster=3), {"klaster": "3", f"ind_{lansia.pk}": "80"})
    assert r.status_code == 403
    assert not TargetKinerja.objects.exists()
    # The page does not offer the button either.
    html = client.get(url_target(dunia)).content.decode()
    assert "Isi target klaster 2" in html and "Isi target klaster 3" not in html


def test_service_refuses_a_pj_on_another_klaster(siap, penetapan):
    dunia = siap.dunia
    with pytest.raises(PermissionDenied) as exc:
        svc.target_klaster_simpan(
            penetapan=penetapan,
            klaster=klaster(3),
            nilai={siap.kode("K3-01").pk: Decimal(80)},
            user=dunia.pj2_a,
        )
    assert str(exc.value) == svc.PESAN_BUKAN_KLASTER.format(klaster="klaster 2")
    assert not TargetKinerja.objects.exists()


def test_kepala_tu_and_kapus_fill_any_klaster(siap, penetapan, masuk):
    dunia = siap.dunia
    assert masuk(dunia.ktu_a).get(url_target(dunia, klaster=3)).status_code == 200
    assert masuk(dunia.kapus_a).get(url_target(dunia, klaster=5)).status_code == 200
    svc.target_klaster_simpan(
        penetapan=penetapan,
        klaster=klaster(3),
        nilai={siap.kode("K3-01").pk: Decimal(80)},
        user=dunia.kapus_a,
    )
    t = TargetKinerja.objects.get(indikator=siap.kode("K3-01"))
    assert t.sasaran_total == 160  # 200 elderly × 80 %


@pytest.mark.parametrize(
    ("nilai", "galat"),
    [
        ("120", "Tidak boleh lebih dari 100."),
        ("-1", "Tidak boleh kurang dari 0."),
        ("sembilan puluh", PESAN_DESIMAL),
        ("", "Wajib diisi."),
    ],
)
def test_bad_numbers_keep_what_was_typed_and_save_nothing(siap, penetapan, masuk, nilai, galat):
    dunia = siap.dunia
    ibu_hamil, lain = siap.kode("K2-01"), siap.kode("K2-02")
    r = masuk(dunia.pj2_a).post(
        url_target(dunia, klaster=2),
        {"klaster": "2", f"ind_{ibu_hamil.pk}": nilai, f"ind_{lain.pk}": "88"},
    )
    assert r.status_code == 200
    assert r.context["form"].errors[f"ind_{ibu_hamil.pk}"] == [galat]
    assert 'value="88"' in r.content.decode()
    assert not TargetKinerja.objects.exists()


def test_someone_else_saving_the_klaster_first_is_a_conflict(siap, penetapan, masuk):
    dunia = siap.dunia
    ibu_hamil, lain = siap.kode("K2-01"), siap.kode("K2-02")
    client = masuk(dunia.pj2_a)
    sidik_lama = client.get(url_target(dunia, klaster=2)).context["form"].initial["sidik"]
    svc.target_klaster_simpan(
        penetapan=penetapan, klaster=klaster(2), nilai={ibu_hamil.pk: Decimal(70)}, user=dunia.ktu_a
    )
    r = client.post(
        url_target(dunia, klaster=2),
        {
            "klaster": "2",
            f"ind_{ibu_hamil.pk}": "99",
            f"ind_{lain.pk}": "88",
            f"alasan_{ibu_hamil.pk}": "Alasan",
            f"alasan_{lain.pk}": "Alasan",
            "sidik": sidik_lama,
        },
    )
    assert r.status_code == 200
    assert r.context["form"].non_field_errors() == [PESAN_KONFLIK]
    assert TargetKinerja.objects.get(indikator=ibu_hamil).target_persen == Decimal(70)
    # The stored targets beside the typed ones; the second save, made knowingly, goes through.
    form = r.context["form"]
    baris = {b.nama: b for b in form.konflik}
    ketik = baris[f"ind_{ibu_hamil.pk}"]
    assert (ketik.isian, ketik.tersimpan, ketik.beda) == ("99", "70", True)
    assert baris[f"ind_{lain.pk}"].tersimpan == "—"
    assert 'data-testid="konflik"' in r.content.decode()
    assert form["sidik"].value() != sidik_lama
    r = client.post(
        url_target(dunia, klaster=2),
        {
            "klaster": "2",
            f"ind_{ibu_hamil.pk}": "99",
            f"ind_{lain.pk}": "88",
            f"alasan_{ibu_hamil.pk}": "Alasan",
            f"alasan_{lain.pk}": "Alasan",
            "sidik": form["sidik"].value(),
        },
    )
    assert r.status_code == 302
    assert TargetKinerja.objects.get(indikator=ibu_hamil).target_persen == Decimal(99)


def test_detail_shows_the_per_desa_table(siap, penetapan, masuk):
    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator, Decimal(95))
    t = TargetKinerja.objects.get(indikator=siap.kode("K2-01"))
    r = masuk(dunia.staf_a).get(reverse("perencanaan:target_detail", args=[t.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Desa Mekar" in html and "belum ada data" in html
    assert [(b.desa.nama, b.penduduk_sasaran, b.sasaran) for b in r.context["baris_desa"]][1:] == [
        ("Mekar", 37, 36),
        ("Sari", 20, 19),
    ]


# --- workflow -----------------------------------------------------------------------------


def test_submitting_needs_every_indicator_to_have_a_target(siap, penetapan, masuk):
    dunia = siap.dunia
    svc.target_klaster_simpan(
        penetapan=penetapan,
        klaster=klaster(2),
        nilai={siap.kode("K2-01").pk: Decimal(95), siap.kode("K2-02").pk: Decimal(90)},
        user=dunia.pj2_a,
    )
    r = masuk(dunia.ktu_a).post(
        reverse("perencanaan:target_alur", args=[penetapan.pk]), {"langkah": "ajukan"}
    )
    assert pesan(r) == [
        svc.PESAN_BELUM_LENGKAP.format(jumlah=4, daftar="K1-01, K3-01, K4-01, K5-01")
    ]
    penetapan.refresh_from_db()
    assert penetapan.status == StatusAlur.DRAFT and penetapan.diajukan_pada is None


def test_pj_cannot_submit_and_nothing_changes(siap, penetapan, masuk):
    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator)
    r = masuk(dunia.pj2_a).post(
        reverse("perencanaan:target_alur", args=[penetapan.pk]), {"langkah": "ajukan"}
    )
    assert r.status_code == 403
    penetapan.refresh_from_db()
    assert penetapan.status == StatusAlur.DRAFT


def test_kepala_tu_submits_and_the_document_locks(siap, penetapan, masuk):
    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator)
    r = masuk(dunia.ktu_a).post(
        reverse("perencanaan:target_alur", args=[penetapan.pk]), {"langkah": "ajukan"}
    )
    assert pesan(r) == ["Target kinerja diajukan kepada Kepala Puskesmas."]
    penetapan.refresh_from_db()
    assert penetapan.status == StatusAlur.DIAJUKAN and penetapan.diajukan_pada is not None
    with pytest.raises(DokumenTerkunci) as exc:
        svc.target_klaster_simpan(
            penetapan=penetapan,
            klaster=klaster(2),
            nilai={siap.kode("K2-01").pk: Decimal(10)},
            user=dunia.pj2_a,
        )
    assert exc.value.message == (
        "Penetapan target kinerja berstatus «Diajukan» dan terkunci. Perubahan hanya dapat "
        "dilakukan pada dokumen berstatus Draf atau Dikembalikan."
    )
    # The page shows no form any more, and a stale form post changes nothing.
    r = masuk(dunia.pj2_a).get(url_target(dunia, klaster=2))
    assert r.context["form"] is None
    r = masuk(dunia.pj2_a).post(
        url_target(dunia, klaster=2),
        {
            "klaster": "2",
            f"ind_{siap.kode('K2-01').pk}": "10",
            f"ind_{siap.kode('K2-02').pk}": "10",
        },
    )
    assert TargetKinerja.objects.get(indikator=siap.kode("K2-01")).target_persen == Decimal(90)
    # Submitting twice: alur's own message.
    with pytest.raises(AlurTidakSah) as exc:
        svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
    assert exc.value.message == (
        "Penetapan target kinerja berstatus «Diajukan» sehingga tidak dapat diajukan."
    )


def test_signing_a_draft_is_refused_with_alur_message(siap, penetapan):
    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator)
    with pytest.raises(AlurTidakSah) as exc:
        svc.sk_target_tetapkan(
            penetapan=penetapan, nomor="1/SK", tanggal=dt.date(2026, 2, 27), user=dunia.kapus_a
        )
    assert exc.value.message == (
        "Penetapan target kinerja berstatus «Draf» sehingga tidak dapat ditetapkan."
    )
    assert not SKTargetKinerja.objects.exists()
    penetapan.refresh_from_db()
    assert penetapan.status == StatusAlur.DRAFT


def test_only_the_kepala_signs(siap, penetapan, masuk):
    dunia = siap.dunia
    ajukan_siap(penetapan, dunia, siap.indikator)
    with pytest.raises(PermissionDenied, match=PESAN_DITOLAK):
        svc.sk_target_tetapkan(
            penetapan=penetapan, nomor="1/SK", tanggal=dt.date(2026, 2, 27), user=dunia.ktu_a
        )
    assert (
        masuk(dunia.ktu_a).get(reverse("perencanaan:target_sk", args=[penetapan.pk])).status_code
        == 403
    )
    assert (
        masuk(dunia.pj2_a)
        .post(
            reverse("perencanaan:target_sk", args=[penetapan.pk]),
            {"nomor": "1/SK", "tanggal": "2026-02-27"},
        )
        .status_code
        == 403
    )
    assert not SKTargetKinerja.objects.exists()


def test_kepala_returns_with_a_reason_and_it_is_editable_again(siap, penetapan, masuk):
    dunia = siap.dunia
    ajukan_siap(penetapan, dunia, siap.indikator)
    url = reverse("perencanaan:target_alur", args=[penetapan.pk])
    r = masuk(dunia.kapus_a).post(url, {"langkah": "kembalikan", "alasan": "  "})
    assert pesan(r) == ["Alasan wajib diisi agar penyusun tahu apa yang harus diperbaiki."]
    penetapan.refresh_from_db()
    assert penetapan.status == StatusAlur.DIAJUKAN
    masuk(dunia.kapus_a).post(
        url, {"langkah": "kembalikan", "alasan": "Target imunisasi terlalu rendah"}
    )
    penetapan.refresh_from_db()
    assert penetapan.status == StatusAlur.DIKEMBALIKAN
    html = masuk(dunia.pj2_a).get(url_target(dunia)).content.decode()
    assert "Target imunisasi terlalu rendah" in html
    svc.target_klaster_simpan(
        penetapan=penetapan,
        klaster=klaster(2),
        nilai={siap.kode("K2-01").pk: Decimal(98)},
        user=dunia.pj2_a,
    )
    assert sel.status_target(puskesmas=dunia.a, tahun=TAHUN).label == "Dikembalikan"
    pertama = penetapan.diajukan_pada
    penetapan = svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
    penetapan.refresh_from_db()
    # The deadline is measured by the first submission; the second is in the trail.
    assert penetapan.status == StatusAlur.DIAJUKAN and penetapan.diajukan_pada == pertama
    assert [j.langkah for j in penetapan.jejak()] == ["ajukan", "kembalikan", "ajukan"]


def test_signing_without_the_kepala_nip_is_refused_and_changes_nothing(siap, penetapan, masuk):
    dunia = siap.dunia
    ajukan_siap(penetapan, dunia, siap.indikator)
    type(dunia.a).objects.filter(pk=dunia.a.pk).update(kepala_nip="")
    r = masuk(dunia.kapus_a).post(
        reverse("perencanaan:target_sk", args=[penetapan.pk]),
        {"nomor": "440/1/SK/2026", "tanggal": "2026-02-27"},
    )
    assert r.status_code == 200
    assert r.context["form"].non_field_errors() == [svc.PESAN_TANPA_NIP]
    assert 'value="440/1/SK/2026"' in r.content.decode()
    penetapan.refresh_from_db()
    assert penetapan.status == StatusAlur.DIAJUKAN
    assert not SKTargetKinerja.objects.exists()
    assert not JejakAlur.objects.filter(langkah="sahkan").exists()


def test_full_cycle_through_the_views(siap, masuk):
    dunia = siap.dunia
    # PJ klaster 2 starts and fills in klaster 2.
    pj = masuk(dunia.pj2_a)
    pj.post(url_target(dunia), {"mulai": "1"})
    penetapan = PenetapanTarget.objects.get()
    pj.post(
        url_target(dunia, klaster=2),
        {
            "sidik": _sidik(pj, url_target(dunia, klaster=2)),
            "klaster": "2",
            f"ind_{siap.kode('K2-01').pk}": "95",
            f"ind_{siap.kode('K2-02').pk}": "87,5",
            f"alasan_{siap.kode('K2-02').pk}": "Cakupan dua tahun terakhir 80 %",
        },
    )
    # The Kepala TU completes the other klaster and submits.
    ktu = masuk(dunia.ktu_a)
    for nomor in (1, 3, 4, 5):
        ind = siap.kode(f"K{nomor}-01")
        url = url_target(dunia, klaster=nomor)
        r = ktu.post(
            url,
            {
                "sidik": _sidik(ktu, url),
                "klaster": str(nomor),
                f"ind_{ind.pk}": "100",
                f"alasan_{ind.pk}": "Program prioritas daerah",
            },
        )
        assert r.status_code == 302
    assert sel.status_target(puskesmas=dunia.a, tahun=TAHUN).status == "draft"
    ktu.post(reverse("perencanaan:target_alur", args=[penetapan.pk]), {"langkah": "ajukan"})
    st = sel.status_target(puskesmas=dunia.a, tahun=TAHUN)
    assert st.status == "diajukan" and st.diajukan_pada is not None
    # The Kepala Puskesmas signs.
    kapus = masuk(dunia.kapus_a)
    assert kapus.get(reverse("perencanaan:target_sk", args=[penetapan.pk])).status_code == 200
    r = kapus.post(
        reverse("perencanaan:target_sk", args=[penetapan.pk]),
        {"nomor": "440/012/SK/PKM/2026", "tanggal": "2026-02-26"},
    )
    assert r.status_code == 302
    assert pesan(r) == ["SK Target Kinerja nomor 440/012/SK/PKM/2026 ditetapkan."]
    sk = SKTargetKinerja.objects.get()
    assert (sk.kepala_nama, sk.kepala_nip) == (dunia.a.kepala_nama, dunia.a.kepala_nip)
    assert sk.tanggal == dt.date(2026, 2, 26) and sk.ditandatangani_oleh == dunia.kapus_a
    baris = {b["kode"]: b for b in sk.lampiran}
    assert len(baris) == 6
    assert baris["K2-01"] == {
        "klaster_nomor": 2,
        "klaster": "Ibu dan Anak",
        "kode": "K2-01",
        "nama": "Indikator klaster 2 nomor 1",
        "satuan": "%",
        "target_persen": "95.00",
        "sasaran": 55,
    }
    assert baris["K2-02"]["target_persen"] == "87.50"
    st = sel.status_target(puskesmas=dunia.a, tahun=TAHUN)
    assert (st.status, st.sk, st.tanggal_sk, st.selesai) == ("sk", sk, sk.tanggal, True)
    berlaku = sel.target_berlaku(puskesmas=dunia.a, tahun=TAHUN)
    assert {t.indikator.kode for t in berlaku} == set(baris)
    html = kapus.get(url_target(dunia)).content.decode()
    assert "440/012/SK/PKM/2026" in html and "Buat revisi" in html


def test_signed_targets_are_locked_everywhere(siap, penetapan):
    dunia = siap.dunia
    ajukan_siap(penetapan, dunia, siap.indikator)
    svc.sk_target_tetapkan(
        penetapan=penetapan, nomor="1/SK", tanggal=dt.date(2026, 2, 27), user=dunia.kapus_a
    )
    with pytest.raises(
        DokumenTerkunci, match="^Penetapan target kinerja berstatus «Disahkan» dan terkunci"
    ):
        svc.target_klaster_simpan(
            penetapan=penetapan,
            klaster=klaster(2),
            nilai={siap.kode("K2-01").pk: Decimal(10)},
            user=dunia.kapus_a,
        )
    for langkah in ("ajukan", "sahkan"):
        with pytest.raises(
            AlurTidakSah, match="^Penetapan target kinerja berstatus «Disahkan» sehingga tidak"
        ):
            if langkah == "ajukan":
                svc.penetapan_ajukan(penetapan=penetapan, user=dunia.ktu_a)
            else:
                svc.sk_target_tetapkan(
                    penetapan=penetapan,
                    nomor="2/SK",
                    tanggal=dt.date(2026, 3, 1),
                    user=dunia.kapus_a,
                )
    assert SKTargetKinerja.objects.count() == 1


# --- revision ------------------------------------------------------------------------------


def test_revision_copies_targets_and_its_sk_supersedes_the_old_one(siap, penetapan, masuk):
    dunia = siap.dunia
    ajukan_siap(penetapan, dunia, siap.indikator)
    sk1 = svc.sk_target_tetapkan(
        penetapan=penetapan, nomor="440/1/SK/2026", tanggal=dt.date(2026, 2, 27), user=dunia.kapus_a
    )
    lampiran_awal = list(sk1.lampiran)
    r = masuk(dunia.kapus_a).post(reverse("perencanaan:target_revisi", args=[penetapan.pk]))
    revisi = PenetapanTarget.objects.get(revisi=1)
    assert r.status_code == 302 and r["Location"].startswith(url_target(dunia).split("?")[0])
    assert revisi.status == StatusAlur.DRAFT
    assert TargetKinerja.objects.filter(penetapan=revisi).count() == len(siap.indikator)
    assert (
        TargetDesa.objects.filter(target__penetapan=revisi).count() == 3
    )  # 2 ibu hamil + 1 lansia
    # Until the new SK is signed, the old targets stay in force.
    svc.target_klaster_simpan(
        penetapan=revisi,
        klaster=klaster(2),
        nilai={siap.kode("K2-01").pk: Decimal(99)},
        user=dunia.pj2_a,
        alasan_beda={siap.kode("K2-01").pk: "Target provinsi naik"},
    )
    berlaku = sel.target_berlaku(puskesmas=dunia.a, tahun=TAHUN)
    assert {t.penetapan_id for t in berlaku} == {penetapan.pk}
    st = sel.status_target(puskesmas=dunia.a, tahun=TAHUN)
    assert st.status == "sk" and st.revisi_berjalan
    # The signed SK's lampiran is a snapshot: later edits of the revision do not touch it.
    sk1.refresh_from_db()
    assert sk1.lampiran == lampiran_awal
    assert {b["kode"]: b["target_persen"] for b in sk1.lampiran}["K2-01"] == "90.00"

    svc.penetapan_ajukan(penetapan=revisi, user=dunia.ktu_a)
    sk2 = svc.sk_target_tetapkan(
        penetapan=revisi, nomor="440/2/SK/2026", tanggal=dt.date(2026, 6, 1), user=dunia.kapus_a
    )
    sk1.refresh_from_db()
    penetapan.refresh_from_db()
    assert sk1.digantikan_oleh == sk2 and not sk1.berlaku and sk2.berlaku
    assert penetapan.status == StatusAlur.DIGANTIKAN
    jejak = JejakAlur.objects.get(
        content_type=ContentType.objects.get_for_model(PenetapanTarget),
        object_id=penetapan.pk,
        langkah="gantikan",
    )
    assert jejak.ke == StatusAlur.DIGANTIKAN and jejak.oleh == dunia.kapus_a
    h = penetapan.history.first()
    assert h.status == StatusAlur.DIGANTIKAN and h.history_user == dunia.kapus_a
    assert "440/2/SK/2026" in h.history_change_reason
    assert sk1.lampiran == lampiran_awal
    assert {b["kode"]: b["target_persen"] for b in sk2.lampiran}["K2-01"] == "99.00"
    berlaku = sel.target_berlaku(puskesmas=dunia.a, tahun=TAHUN)
    assert {t.penetapan_id for t in berlaku} == {revisi.pk}
    st = sel.status_target(puskesmas=dunia.a, tahun=TAHUN)
    assert (st.status, st.sk, st.revisi_berjalan) == ("sk", sk2, False)
    # Both SKs stay listed and downloadable.
    client = masuk(dunia.staf_a)
    html = client.get(url_target(dunia)).content.decode()
    assert "440/1/SK/2026" in html and "440/2/SK/2026" in html
    assert "Digantikan oleh SK 440/2/SK/2026" in html


def test_revision_only_from_the_latest_signed_revision(siap, penetapan, masuk):
    dunia = siap.dunia
    with pytest.raises(AlurTidakSah) as exc:
        svc.penetapan_revisi_buat(penetapan=penetapan, user=dunia.kapus_a)
    assert exc.value.message == svc.PESAN_REVISI
    ajukan_siap(penetapan, dunia, siap.indikator)
    svc.sk_target_tetapkan(
        penetapan=penetapan, nomor="1/SK", tanggal=dt.date(2026, 2, 27), user=dunia.kapus_a
    )
    r = masuk(dunia.pj2_a).post(reverse("perencanaan:target_revisi", args=[penetapan.pk]))
    assert r.status_code == 403
    assert masuk(dunia.ktu_a).post(reverse("perencanaan:target_revisi", args=[penetapan.pk]))
    r = masuk(dunia.kapus_a).post(reverse("perencanaan:target_revisi", args=[penetapan.pk]))
    assert pesan(r) == [svc.PESAN_REVISI]
    assert PenetapanTarget.objects.count() == 2


def test_status_none_before_anyone_starts(dunia):
    st = sel.status_target(puskesmas=dunia.a, tahun=TAHUN)
    assert (st.status, st.penetapan, st.selesai) == ("none", None, False)
    assert list(sel.target_berlaku(puskesmas=dunia.a, tahun=TAHUN)) == []


# --- reads and query counts ----------------------------------------------------------------


def _jumlah_query(client, url, django_assert_max_num_queries, batas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with django_assert_max_num_queries(batas), CaptureQueriesContext(connection) as q:
        r = client.get(url)
    assert r.status_code == 200
    return len(q.captured_queries)


def test_target_page_queries_are_bounded_and_do_not_grow(
    siap, penetapan, masuk, django_assert_max_num_queries
):
    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator)
    client = masuk(dunia.kapus_a)
    sedikit = _jumlah_query(client, url_target(dunia), django_assert_max_num_queries, 20)
    banyak = [
        IndikatorFactory(kabupaten=dunia.kab_x, tahun=TAHUN, klaster=klaster(n % 5 + 1))
        for n in range(25)
    ]
    isi_semua(penetapan, dunia.ktu_a, banyak)
    assert _jumlah_query(client, url_target(dunia), django_assert_max_num_queries, 20) == sedikit
    form_sedikit = _jumlah_query(
        client, url_target(dunia, klaster=2), django_assert_max_num_queries, 22
    )
    IndikatorFactory.create_batch(10, kabupaten=dunia.kab_x, tahun=TAHUN, klaster=klaster(2))
    assert (
        _jumlah_query(client, url_target(dunia, klaster=2), django_assert_max_num_queries, 22)
        == form_sedikit
    )


def test_export_lists_the_years_targets(siap, penetapan, masuk):
    import io

    from openpyxl import load_workbook

    dunia = siap.dunia
    isi_semua(penetapan, dunia.ktu_a, siap.indikator, Decimal("87.5"))
    r = masuk(dunia.verifikator_x).get(
        reverse("perencanaan:target_ekspor", args=[dunia.a.pk]) + f"?tahun={TAHUN}"
    )
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content))["Target kinerja"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Klaster", "Kode", "Indikator", "Satuan", "Target (%)", "Sasaran absolut")
    assert rows[2] == ("2. Ibu dan Anak", "K2-01", "Indikator klaster 2 nomor 1", "%", 87.5, 51)
    assert len(rows) == 1 + len(siap.indikator)


def test_a_desa_used_in_targets_cannot_be_deleted(dunia, masuk):
    from django.urls import reverse

    from perencanaan.models import PenetapanTarget, TargetDesa, TargetKinerja
    from puskesmas.models import Desa

    from .factories_katalog import IndikatorFactory

    desa = dunia.a.desa.first()
    p = PenetapanTarget.objects.create(puskesmas=dunia.a, tahun=2027)
    t = TargetKinerja.objects.create(
        penetapan=p, indikator=IndikatorFactory(kabupaten=dunia.kab_x), target_persen=90
    )
    TargetDesa.objects.create(target=t, desa=desa, penduduk_sasaran=100, sasaran=90)
    r = masuk(dunia.ktu_a).post(reverse("desa_hapus", args=[dunia.a.pk, desa.pk]), follow=True)
    assert "tidak dapat dihapus karena masih dipakai oleh: target per desa" in r.content.decode()
    assert Desa.objects.filter(pk=desa.pk).exists()


def _sidik(client, url) -> str:
    """The version fingerprint the klaster form was opened with (as a browser would send)."""
    return client.get(url).context["form"].initial["sidik"]


def test_a_klaster_form_without_its_version_is_refused(siap, masuk):
    dunia = siap.dunia
    pj = masuk(dunia.pj2_a)
    pj.post(url_target(dunia), {"mulai": "1"})
    r = pj.post(
        url_target(dunia, klaster=2), {"klaster": "2", f"ind_{siap.kode('K2-01').pk}": "95"}
    )
    assert r.status_code == 200
    assert not TargetKinerja.objects.exists()


# --- a klaster without indicators ----------------------------------------------------------


def test_the_pj_of_a_klaster_without_indicators_is_told_why_there_is_nothing_to_fill(dunia, masuk):
    """Klaster 1 Manajemen has no indicator in the default catalogue: its PJ reads why,
    instead of a page without a button; a PJ of a klaster with indicators reads nothing."""
    from puskesmas.choices import Peran
    from tests.conftest import pengguna

    siapkan(dunia, TAHUN, per_klaster=(0, 2, 1, 1, 1))
    pj1 = pengguna("pj1_a", Peran.PJ_KLASTER, puskesmas=dunia.a, klaster_nomor=1)
    isi = masuk(pj1).get(url_target(dunia)).content.decode()
    assert 'data-testid="klaster-tanpa-indikator"' in isi
    assert "Klaster 1 · " in isi and "tidak ada target klaster ini yang perlu Anda isi" in isi
    assert "komponen manajemen Penilaian Kinerja Puskesmas" in isi

    for orang in (dunia.pj2_a, dunia.ktu_a):
        isi = masuk(orang).get(url_target(dunia)).content.decode()
        assert 'data-testid="klaster-tanpa-indikator"' not in isi
