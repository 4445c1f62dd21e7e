"""Notifications of the P1 workflow steps, declared in ``perencanaan.pemberitahuan`` and sent
by ``alur_jalankan``: each declared step reaches the people it names (never the actor), once,
with a link to the document, and nothing is sent when the step is rolled back."""

import pytest
from django.db import transaction
from django.urls import reverse

from perencanaan.models import RPK, RUK, PenetapanTarget, RencanaLimaTahunan, TimPerencanaan
from puskesmas.alat import pemberitahuan as pb
from puskesmas.alat.alur import AlurTidakSah, StatusAlur, alur_jalankan
from puskesmas.choices import Peran
from puskesmas.models import Notifikasi

from ..factories import pengguna
from .factories_katalog import AnggotaTimFactory, RencanaLimaTahunanFactory, TimPerencanaanFactory
from .factories_rpk import RPKFactory, RUKRPKFactory
from .factories_target import PenetapanTargetFactory, klaster

S = StatusAlur


@pytest.fixture
def orang(dunia):
    """Besides the ``dunia`` users: a second PJ klaster of A, a Tim member who holds no role,
    a Kepala TU of B (must hear nothing of A), an inactive Kepala TU of A."""
    dunia.pj3_a = pengguna("pj3_a", Peran.PJ_KLASTER, puskesmas=dunia.a, klaster_nomor=3)
    dunia.ktu_b = pengguna("ktu_b", Peran.KEPALA_TU, puskesmas=dunia.b)
    nonaktif = pengguna("ktu_lama_a", Peran.KEPALA_TU, puskesmas=dunia.a)
    nonaktif.is_active = False
    nonaktif.save()
    return dunia


def _dokumen(model, dunia, status):
    if model is PenetapanTarget:
        return PenetapanTargetFactory(puskesmas=dunia.a, tahun=2026, status=status)
    if model is TimPerencanaan:
        return TimPerencanaanFactory(puskesmas=dunia.a, ketua=dunia.ktu_a, status=status)
    if model is RencanaLimaTahunan:
        return RencanaLimaTahunanFactory(puskesmas=dunia.a, status=status)
    if model is RUK:
        return RUKRPKFactory(puskesmas=dunia.a, tahun=2027, status=status)
    return RPKFactory(ruk=RUKRPKFactory(puskesmas=dunia.a, tahun=2027), status=status)


def _penerima(judul_mengandung: str) -> set[str]:
    return set(
        Notifikasi.objects.filter(judul__contains=judul_mengandung).values_list(
            "penerima__username", flat=True
        )
    )


# (model, step, status before, actor, who is told, words of the title, link)
LANGKAH = [
    (PenetapanTarget, "ajukan", S.DRAFT, "ktu_a", {"kapus_a"}, "Target kinerja 2026", "target"),
    (PenetapanTarget, "kembalikan", S.DIAJUKAN, "kapus_a", {"ktu_a", "pj2_a", "pj3_a"},
     "Target kinerja 2026", "target"),
    (PenetapanTarget, "sahkan", S.DIAJUKAN, "kapus_a",
     {"ktu_a", "staf_a", "pj2_a", "pj3_a", "verif_x"}, "SK Target Kinerja 2026", "target"),
    (TimPerencanaan, "ajukan", S.DRAFT, "ktu_a", {"kapus_a"}, "SK Tim Perencanaan 2026", "tim"),
    (RencanaLimaTahunan, "ajukan", S.DRAFT, "ktu_a", {"kapus_a"}, "Rencana lima tahunan",
     "renstra_detail"),
    (RencanaLimaTahunan, "kembalikan", S.DIAJUKAN, "kapus_a", {"ktu_a"}, "Rencana lima tahunan",
     "renstra_detail"),
    (RencanaLimaTahunan, "sahkan", S.DIAJUKAN, "kapus_a", {"ktu_a"},
     "Rencana lima tahunan 2025–2029 Puskesmas Alfa disahkan", "renstra_detail"),
    (RUK, "ajukan", S.DRAFT, "ktu_a", {"kapus_a"}, "RUK 2027 Puskesmas Alfa diajukan", "ruk_detail"),
    (RUK, "kembalikan", S.DIAJUKAN, "kapus_a", {"ktu_a"}, "RUK 2027 Puskesmas Alfa dikembalikan",
     "ruk_detail"),
    (RUK, "sahkan", S.DIAJUKAN, "kapus_a", {"ktu_a"}, "RUK 2027 Puskesmas Alfa disahkan", "ruk_detail"),
    (RUK, "kirim", S.DISAHKAN, "kapus_a", {"verif_x", "admin_x"},
     "RUK 2027 Puskesmas Alfa dikirim ke Dinas Kesehatan", "ruk_detail"),
    (RUK, "terima", S.DIKIRIM, "verif_x", {"ktu_a", "kapus_a"},
     "RUK 2027 Puskesmas Alfa diterima Dinas Kesehatan", "ruk_detail"),
    (RUK, "kembalikan_dinkes", S.DIKIRIM, "verif_x", {"ktu_a", "kapus_a"},
     "RUK 2027 Puskesmas Alfa dikembalikan Dinas Kesehatan", "ruk_detail"),
    (RPK, "ajukan", S.DRAFT, "ktu_a", {"kapus_a"}, "RPK 2027 Puskesmas Alfa diajukan", "rpk_detail"),
    (RPK, "kembalikan", S.DIAJUKAN, "kapus_a", {"ktu_a"}, "RPK 2027 Puskesmas Alfa dikembalikan",
     "rpk_detail"),
    (RPK, "sahkan", S.DIAJUKAN, "kapus_a", {"ktu_a"}, "RPK 2027 Puskesmas Alfa disahkan", "rpk_detail"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("model", "langkah", "dari", "pelaku", "harap", "judul", "halaman"),
    LANGKAH,
    ids=[f"{m.__name__}-{langkah}" for m, langkah, *_ in LANGKAH],
)
def test_each_declared_step_notifies_the_people_it_names(
    orang, monkeypatch, model, langkah, dari, pelaku, harap, judul, halaman
):
    dunia = orang
    # The steps' own preconditions (discussions of an RPK, a complete catalogue) are tested
    # with their services; here only who hears of the step.
    monkeypatch.setattr(model, "periksa_siap", lambda self, step: None)
    dok = _dokumen(model, dunia, dari)
    if model is PenetapanTarget:
        tim = TimPerencanaanFactory(puskesmas=dunia.a, ketua=dunia.ktu_a, tahun=2026)
        AnggotaTimFactory(tim=tim, user=dunia.ktu_a)
        AnggotaTimFactory(tim=tim, user=dunia.staf_a, klaster=klaster(1))
    user = {u.username: u for u in vars(dunia).values() if hasattr(u, "username")}[pelaku]
    catatan = "Perlu diperbaiki" if model.alur.langkah(langkah).wajib_catatan else ""
    alur_jalankan(objek=dok, langkah=langkah, user=user, catatan=catatan)

    assert _penerima(judul) == harap
    n = Notifikasi.objects.filter(judul__contains=judul).first()
    assert reverse(f"perencanaan:{halaman}", args=_args(halaman, dok)) in n.tautan
    assert n.kunci.startswith(f"alur:perencanaan.{model.__name__.lower()}:{dok.pk}:")
    if catatan:
        assert "Perlu diperbaiki" in n.pesan
    # Once per person, even when two declarations name them (the SK: Tim member and PJ).
    assert Notifikasi.objects.count() == len(harap)


def _args(halaman, dok):
    if halaman in ("target", "tim"):
        return [dok.puskesmas_id]
    if halaman == "renstra_detail":
        return [dok.puskesmas_id, dok.pk]
    return [dok.pk]


def test_every_step_of_the_p1_documents_is_declared_or_deliberately_silent():
    dinyatakan = {kunci for kunci in pb.semua()}
    diam = {
        ("perencanaan.timperencanaan", "kembalikan"),  # the Kepala TU drafted it, and is told
        ("perencanaan.timperencanaan", "sahkan"),  # on the team page; nobody else waits on it
    }
    for model in (PenetapanTarget, TimPerencanaan, RencanaLimaTahunan, RUK, RPK):
        for step in model.alur:
            kunci = (model._meta.label_lower, step.nama)
            assert kunci in dinyatakan or kunci in diam, kunci


def test_a_step_rolled_back_notifies_nobody(dunia):
    ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=2027, status=S.DRAFT)
    with pytest.raises(RuntimeError), transaction.atomic():
        alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
        raise RuntimeError("the caller fails after the step")
    assert not Notifikasi.objects.exists()
    ruk.refresh_from_db()
    assert ruk.status == S.DRAFT


def test_a_refused_step_notifies_nobody(dunia):
    ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=2027, status=S.DRAFT)
    with pytest.raises(AlurTidakSah):
        alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.kapus_a)
    assert not Notifikasi.objects.exists()


def test_the_same_step_again_is_a_new_notification_a_repeated_send_is_not(dunia):
    ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=2027, status=S.DRAFT)
    ruk = alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
    assert pb.kirim_langkah(objek=ruk, langkah="ajukan", user=dunia.ktu_a) == 0  # same key
    ruk = alur_jalankan(objek=ruk, langkah="kembalikan", user=dunia.kapus_a, catatan="Kurang")
    alur_jalankan(objek=ruk, langkah="ajukan", user=dunia.ktu_a)
    assert dunia.kapus_a.notifikasi.filter(judul__contains="diajukan").count() == 2


def test_a_declaration_names_an_existing_step():
    with pytest.raises(AlurTidakSah):
        pb.daftar(
            RUK,
            "setujui",
            pb.Pemberitahuan(penerima=lambda o: [], judul=str, tautan=lambda o: "/"),
        )
    assert ("perencanaan.ruk", "setujui") not in pb.semua()


def test_a_declared_step_of_a_new_document_needs_no_other_code(dunia):
    """What «new documents get notifications by declaring them» means: a declaration alone."""
    tambahan = pb.Pemberitahuan(
        penerima=pb.peran_puskesmas(Peran.STAF),
        judul=lambda ruk: f"Untuk staf: RUK {ruk.tahun}",
        tautan=lambda ruk: "/",
    )
    pb.daftar(RUK, "sahkan", tambahan)
    try:
        ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=2027, status=S.DIAJUKAN)
        alur_jalankan(objek=ruk, langkah="sahkan", user=dunia.kapus_a)
    finally:
        pb.batalkan(RUK, "sahkan", tambahan)
    assert _penerima("Untuk staf") == {"staf_a"}
    assert _penerima("RUK 2027 Puskesmas Alfa disahkan") == {"ktu_a"}
