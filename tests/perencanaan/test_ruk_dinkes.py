"""The Dinkes review of a RUK sent to it: received (diterima) or returned with a note
(dikembalikan, editable again by the Puskesmas), by the verifier of its kabupaten only, only
from status dikirim, notified to the Puskesmas; the Dinkes home counts what arrived."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from perencanaan.models import RPK, KegiatanRUK
from puskesmas.alat.alur import PESAN_CATATAN, StatusAlur, alur_jalankan
from puskesmas.alat.tanda_tangan import tanda_tangan_terakhir
from puskesmas.models import DokumenTertanda

from .factories_rpk import RUKRPKFactory
from .factories_ruk import KegiatanRUKFactory

N = 2026
CATATAN = "Anggaran kelas ibu hamil melebihi pagu indikatif kabupaten."


@pytest.fixture
def klien(masuk):
    def _klien(user):
        c = masuk(user)
        c.post(reverse("pilih_tahun"), {"tahun": N})
        return c

    return _klien


@pytest.fixture
def ruk(dunia):
    """RUK N+1 of Puskesmas A, submitted, signed by its Kepala and sent to the Dinkes."""
    ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=N + 1, status=StatusAlur.DRAFT)
    KegiatanRUKFactory(ruk=ruk)
    for langkah, user in (("ajukan", dunia.ktu_a), ("sahkan", dunia.kapus_a)):
        ruk = alur_jalankan(objek=ruk, langkah=langkah, user=user)
    return alur_jalankan(objek=ruk, langkah="kirim", user=dunia.kapus_a)


def _alur(c, ruk, langkah, catatan=""):
    return c.post(
        reverse("perencanaan:ruk_alur", args=[ruk.pk]), {"langkah": langkah, "catatan": catatan}
    )


def _pesan(r) -> list[str]:
    return [str(m) for m in get_messages(r.wsgi_request)]


def test_the_verifier_receives_a_sent_ruk_and_the_puskesmas_is_told(dunia, klien, ruk):
    c = klien(dunia.verifikator_x)
    html = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert ">Terima</button>" in html and 'data-testid="form-kembalikan_dinkes"' in html
    assert "Catatan untuk Puskesmas (wajib)" in html
    r = _alur(c, ruk, "terima")
    assert r.status_code == 302 and "RUK 2027 diterima." in _pesan(r)
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DITERIMA and not ruk.bisa_diubah
    assert ruk.jejak().first().oleh == dunia.verifikator_x
    for orang in (dunia.ktu_a, dunia.kapus_a):
        assert orang.notifikasi.filter(judul__contains="diterima Dinas Kesehatan").count() == 1
    # What was signed still stands: receiving it changes nothing of the signature.
    assert tanda_tangan_terakhir(ruk).status == DokumenTertanda.Status.BERLAKU
    # Received is as good as approved for what follows: the RPK is drafted from it.
    kapus = klien(dunia.kapus_a)
    assert kapus.post(reverse("perencanaan:rpk_susun", args=[ruk.pk])).status_code == 302
    assert RPK.objects.filter(ruk=ruk).exists()
    # Nothing more to review: no buttons, and a second review is refused.
    c = klien(dunia.verifikator_x)
    html = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert ">Terima</button>" not in html
    assert "RUK berstatus «Diterima Dinkes» sehingga tidak dapat dikembalikan." in _pesan(
        _alur(c, ruk, "kembalikan_dinkes", CATATAN)
    )


def test_a_returned_ruk_is_editable_again_and_goes_back_through_the_kepala(dunia, klien, ruk):
    c = klien(dunia.verifikator_x)
    assert PESAN_CATATAN in _pesan(_alur(c, ruk, "kembalikan_dinkes", "   "))
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIKIRIM
    _alur(c, ruk, "kembalikan_dinkes", CATATAN)
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIKEMBALIKAN and ruk.bisa_diubah
    assert ruk.catatan_pengembalian == CATATAN
    # Told, with the note, and a link to the RUK.
    n = dunia.ktu_a.notifikasi.get(judul__contains="dikembalikan Dinas Kesehatan")
    assert CATATAN in n.pesan and n.tautan == reverse("perencanaan:ruk_detail", args=[ruk.pk])
    assert dunia.kapus_a.notifikasi.filter(judul__contains="dikembalikan Dinas").exists()
    # The signature no longer stands; the page says who returned it and why.
    assert tanda_tangan_terakhir(ruk) is None
    ktu = klien(dunia.ktu_a)
    html = ktu.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert "RUK dikembalikan oleh Dinas Kesehatan. Catatan:" in html and CATATAN in html
    # Editable: the Kepala TU corrects an activity, then submits again.
    k = KegiatanRUK.objects.get(ruk=ruk)
    url = reverse("perencanaan:ruk_kegiatan_hapus", args=[k.pk])
    assert ktu.post(url).status_code == 302
    KegiatanRUKFactory(ruk=ruk, upaya="Kelas ibu hamil (sesuai pagu)")
    _alur(ktu, ruk, "ajukan")
    kapus = klien(dunia.kapus_a)
    _alur(kapus, ruk, "sahkan")
    _alur(kapus, ruk, "kirim")
    _alur(klien(dunia.verifikator_x), ruk, "terima")
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DITERIMA
    assert [j.langkah for j in ruk.jejak()][:5] == [
        "terima",
        "kirim",
        "sahkan",
        "ajukan",
        "kembalikan_dinkes",
    ]


@pytest.mark.parametrize("status", [StatusAlur.DRAFT, StatusAlur.DIAJUKAN, StatusAlur.DISAHKAN])
def test_only_a_sent_ruk_can_be_reviewed(dunia, klien, status):
    ruk = RUKRPKFactory(puskesmas=dunia.a, tahun=N + 1, status=status)
    c = klien(dunia.verifikator_x)
    label = StatusAlur(status).label
    assert f"RUK berstatus «{label}» sehingga tidak dapat diterima." in _pesan(
        _alur(c, ruk, "terima")
    )
    assert f"RUK berstatus «{label}» sehingga tidak dapat dikembalikan." in _pesan(
        _alur(c, ruk, "kembalikan_dinkes", CATATAN)
    )
    ruk.refresh_from_db()
    assert ruk.status == status
    html = c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).content.decode()
    assert ">Terima</button>" not in html and "form-kembalikan_dinkes" not in html


def test_the_verifier_of_another_kabupaten_gets_404(dunia, klien, ruk):
    c = klien(dunia.verifikator_y)
    assert _alur(c, ruk, "terima").status_code == 404
    assert _alur(c, ruk, "kembalikan_dinkes", CATATAN).status_code == 404
    assert c.get(reverse("perencanaan:ruk_detail", args=[ruk.pk])).status_code == 404
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIKIRIM


@pytest.mark.parametrize("siapa", ["admin_x", "kapus_a", "ktu_a", "nasional"])
def test_only_the_verifier_reviews(dunia, klien, ruk, siapa):
    c = klien(getattr(dunia, siapa))
    assert _alur(c, ruk, "terima").status_code == 403
    assert _alur(c, ruk, "kembalikan_dinkes", CATATAN).status_code == 403
    ruk.refresh_from_db()
    assert ruk.status == StatusAlur.DIKIRIM


def test_the_dinkes_home_counts_the_ruk_received_and_lists_those_to_review(dunia, klien, ruk):
    RUKRPKFactory(puskesmas=dunia.b, tahun=N + 1, status=StatusAlur.DITERIMA)
    c = klien(dunia.verifikator_x)
    html = c.get(reverse("beranda")).content.decode()
    rekap = html[html.index(f'data-testid="rekap-ruk-{dunia.kab_x.pk}"') :]
    rekap = rekap[: rekap.index("</li>")]
    assert f"RUK tahun anggaran {N + 1}" in rekap
    # A and B in kabupaten X: A sent, B received, none left.
    assert "Menunggu tinjauan: 1" in rekap and "Diterima: 1" in rekap
    assert "Belum dikirim: 0" in rekap
    assert reverse("perencanaan:ruk_kabupaten", args=[dunia.kab_x.pk]) in rekap
    assert 'data-testid="tenggat-dinkes"' in html  # the compliance stays on the page
    butir = c.get(reverse("beranda")).context["kotak_masuk"]
    assert [b.url for b in butir] == [reverse("perencanaan:ruk_detail", args=[ruk.pk])]
    assert "RUK 2027 Puskesmas Alfa dikirim" in butir[0].label
    # The verifier of Y sees none of it.
    html_y = klien(dunia.verifikator_y).get(reverse("beranda")).content.decode()
    assert "Alfa" not in html_y and "Menunggu tinjauan: 0" in html_y
    # Once received, nothing waits.
    _alur(klien(dunia.verifikator_x), ruk, "terima")
    assert klien(dunia.verifikator_x).get(reverse("beranda")).context["kotak_masuk"] == []


def test_the_kabupaten_ruk_page_counts_received_as_sent(dunia, klien, ruk):
    RUKRPKFactory(puskesmas=dunia.b, tahun=N + 1, status=StatusAlur.DITERIMA)
    c = klien(dunia.verifikator_x)
    html = c.get(reverse("perencanaan:ruk_kabupaten", args=[dunia.kab_x.pk])).content.decode()
    assert (
        "2 dari 2 Puskesmas telah mengirim RUK ke Dinas Kesehatan, 1 di antaranya sudah diterima."
        in html
    )
    assert "Diterima Dinkes" in html
