"""User management inside the app: accounts and role assignments.

A Kepala Puskesmas manages the people of their Puskesmas; an admin Dinas Kesehatan manages
the people of every Puskesmas of their kabupaten and the Dinkes roles of that kabupaten.

Scoping lives here, once:

* ``penugasan_untuk(user, aksi)``: the role assignments inside ``user``'s scope for ``aksi``;
* ``pengguna_untuk(user, aksi)``: the users holding at least one of them.

Every view over users starts from these two (out of scope = 404). The services below do
every write and re-check access themselves, so the rules hold outside views too.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ..alat.access import HAK, Aksi, Lingkup, lingkup
from ..choices import PERAN_KABUPATEN, PERAN_PUSKESMAS, Peran
from ..models import Kabupaten, Klaster, PenugasanPeran, Puskesmas, User
from .inti import KonflikVersi

PESAN_DI_LUAR_WILAYAH = "Pengguna ini di luar wilayah kelola Anda."
PESAN_PERAN_DI_LUAR_WILAYAH = "Peran ini tidak dapat Anda berikan di tempat tersebut."
PESAN_TIDAK_KELOLA_PENUH = (
    "Akun ini juga memegang peran di luar wilayah kelola Anda; data akunnya hanya dapat "
    "diubah oleh pengelola yang mencakup semua perannya."
)
PESAN_KLASTER_WAJIB = "Pilih klaster yang menjadi tanggung jawabnya."
PESAN_PERAN_GANDA = "Pengguna ini sudah memegang peran tersebut."
PESAN_PERAN_TERAKHIR = (
    "Ini satu-satunya peran pengguna ini. Tambahkan peran lain dahulu, atau nonaktifkan "
    "akunnya bila ia tidak lagi bertugas."
)
PESAN_PERAN_KELOLA_TERAKHIR = (
    "Anda tidak dapat mencabut peran terakhir yang memberi Anda hak mengelola pengguna."
)
PESAN_NONAKTIF_DIRI = "Anda tidak dapat menonaktifkan akun Anda sendiri."
PESAN_TANPA_EMAIL = "Akun ini belum memiliki alamat e-mail; isi e-mail dahulu."
SUBJEK_EMAIL_AKUN_BARU = "Akun SIMPUS Manajemen Anda"
SUBJEK_EMAIL_ATUR_ULANG = "Atur ulang kata sandi SIMPUS Manajemen"


class PenggunaTidakSah(Exception):
    """A user-management rule refused the change; ``message`` says why, in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- scope: the one place ---------------------------------------------------------------


def _kondisi_penugasan(scope: Lingkup, aksi: Aksi) -> Q | None:
    """Q over PenugasanPeran for the rows inside ``scope``; None when nothing is."""
    if scope.nasional:
        return Q()
    puskesmas_ids = scope.puskesmas_ids(aksi)
    kabupaten_ids = scope.kabupaten_ids(aksi)
    if not puskesmas_ids and not kabupaten_ids:
        return None
    kondisi = Q(puskesmas_id__in=puskesmas_ids) if puskesmas_ids else Q(pk__in=[])
    if kabupaten_ids:
        # A subquery, not a join: each branch of the OR can use its own index (the
        # benchmark's 90,000 role rows showed a join scanning all of them).
        di_kabupaten = Puskesmas.objects.filter(kabupaten_id__in=kabupaten_ids).values("pk")
        kondisi |= Q(puskesmas_id__in=di_kabupaten) | Q(kabupaten_id__in=kabupaten_ids)
    return kondisi


def penugasan_untuk(user, aksi: Aksi = Aksi.LIHAT):
    """Role assignments inside ``user``'s scope for ``aksi``."""
    kondisi = _kondisi_penugasan(lingkup(user), aksi)
    if kondisi is None:
        return PenugasanPeran.objects.none()
    return PenugasanPeran.objects.filter(kondisi)


def pengguna_untuk(user, aksi: Aksi = Aksi.LIHAT):
    """Users holding a role inside ``user``'s scope for ``aksi`` (the national admin: all).

    With ``Aksi.LIHAT`` this is who ``user`` can see at all (else 404); with
    ``Aksi.KELOLA_PENGGUNA``, whom ``user`` manages.
    """
    scope = lingkup(user)
    if scope.nasional:
        return User.objects.all()
    if _kondisi_penugasan(scope, aksi) is None:
        return User.objects.none()
    # The branches of _kondisi_penugasan as a UNION ALL of user ids, each using its own
    # index: one OR over the 90,000 role rows of the national benchmark made PostgreSQL scan
    # them all (63 ms for the list of one kabupaten; 6 ms as a union).
    puskesmas_ids = scope.puskesmas_ids(aksi)
    kabupaten_ids = scope.kabupaten_ids(aksi)
    peran = PenugasanPeran.objects.order_by()
    cabang = []
    if puskesmas_ids:
        cabang.append(peran.filter(puskesmas_id__in=puskesmas_ids).values("user_id"))
    if kabupaten_ids:
        cabang.append(peran.filter(puskesmas__kabupaten_id__in=kabupaten_ids).values("user_id"))
        cabang.append(peran.filter(kabupaten_id__in=kabupaten_ids).values("user_id"))
    ids = cabang[0].union(*cabang[1:], all=True) if len(cabang) > 1 else cabang[0]
    return User.objects.filter(pk__in=ids)


def boleh_kelola_pengguna(user) -> bool:
    """Does ``user`` manage anyone at all (the menu entry, the list and create pages)?"""
    scope = lingkup(user)
    return _kondisi_penugasan(scope, Aksi.KELOLA_PENGGUNA) is not None


def peran_dalam_lingkup(
    scope: Lingkup,
    *,
    peran: str,
    puskesmas_id: int | None,
    kabupaten_puskesmas_id: int | None,
    kabupaten_id: int | None,
) -> bool:
    """May a manager with ``scope`` grant (or revoke) this role at this place?

    The per-object form of ``_kondisi_penugasan`` (the same rule, on plain values).
    National roles are never managed here: they stay in the admin site.
    """
    if peran in PERAN_PUSKESMAS:
        return puskesmas_id is not None and scope.boleh(
            Aksi.KELOLA_PENGGUNA, puskesmas_id=puskesmas_id, kabupaten_id=kabupaten_puskesmas_id
        )
    if peran in PERAN_KABUPATEN:
        return kabupaten_id is not None and scope.boleh(
            Aksi.KELOLA_PENGGUNA, puskesmas_id=None, kabupaten_id=kabupaten_id
        )
    return False


def penugasan_dalam_lingkup(scope: Lingkup, penugasan: PenugasanPeran) -> bool:
    return peran_dalam_lingkup(
        scope,
        peran=penugasan.peran,
        puskesmas_id=penugasan.puskesmas_id,
        kabupaten_puskesmas_id=penugasan.puskesmas.kabupaten_id if penugasan.puskesmas_id else None,
        kabupaten_id=penugasan.kabupaten_id,
    )


def kelola_penuh(user, target: User) -> bool:
    """May ``user`` change ``target``'s account itself (name, e-mail, active)?

    Only when every role of ``target`` lies inside ``user``'s scope: a Kepala Puskesmas
    must not change the e-mail (and so take over the account) of someone who is also a
    verifier elsewhere. Staff and superuser accounts are left to the national admin.
    """
    scope = lingkup(user)
    if scope.nasional:
        return True
    if target.is_superuser or target.is_staff:
        return False
    semua = list(target.peran.select_related("puskesmas"))
    return bool(semua) and all(penugasan_dalam_lingkup(scope, p) for p in semua)


def wajib_kelola(user, target: User, *, penuh: bool = False) -> None:
    """Raise PermissionDenied unless ``user`` manages ``target`` (fully, if asked)."""
    if not pengguna_untuk(user, Aksi.KELOLA_PENGGUNA).filter(pk=target.pk).exists():
        raise PermissionDenied(PESAN_DI_LUAR_WILAYAH)
    if penuh and not kelola_penuh(user, target):
        raise PermissionDenied(PESAN_TIDAK_KELOLA_PENUH)


def _wajib_beri_peran(
    user, *, peran: str, puskesmas: Puskesmas | None, kabupaten: Kabupaten | None
) -> None:
    ok = peran_dalam_lingkup(
        lingkup(user),
        peran=peran,
        puskesmas_id=puskesmas.pk if puskesmas else None,
        kabupaten_puskesmas_id=puskesmas.kabupaten_id if puskesmas else None,
        kabupaten_id=kabupaten.pk if kabupaten else None,
    )
    if not ok:
        raise PermissionDenied(PESAN_PERAN_DI_LUAR_WILAYAH)


# --- writes -------------------------------------------------------------------------------


def _simpan_penugasan(
    *,
    oleh: User,
    pengguna: User,
    peran: str,
    puskesmas: Puskesmas | None,
    kabupaten: Kabupaten | None,
    klaster: Klaster | None,
) -> PenugasanPeran:
    _wajib_beri_peran(oleh, peran=peran, puskesmas=puskesmas, kabupaten=kabupaten)
    if peran == Peran.PJ_KLASTER and klaster is None:
        raise PenggunaTidakSah(PESAN_KLASTER_WAJIB)
    if peran != Peran.PJ_KLASTER:
        klaster = None
    if peran in PERAN_PUSKESMAS:
        kabupaten = None
    else:
        puskesmas = None
    ada = PenugasanPeran.objects.filter(
        user=pengguna, peran=peran, puskesmas=puskesmas, kabupaten=kabupaten, klaster=klaster
    )
    if ada.exists():
        raise PenggunaTidakSah(PESAN_PERAN_GANDA)
    penugasan = PenugasanPeran(
        user=pengguna, peran=peran, puskesmas=puskesmas, kabupaten=kabupaten, klaster=klaster
    )
    penugasan._history_user = oleh
    penugasan.save()
    pengguna.__dict__.pop("_lingkup", None)
    return penugasan


@transaction.atomic
def pengguna_buat(
    *,
    oleh: User,
    username: str,
    nama_lengkap: str,
    nip: str = "",
    jabatan: str = "",
    email: str = "",
    kata_sandi: str | None = None,
    peran: str,
    puskesmas: Puskesmas | None = None,
    kabupaten: Kabupaten | None = None,
    klaster: Klaster | None = None,
) -> User:
    """Create an account with its first role (inside ``oleh``'s scope).

    Without ``kata_sandi`` the account has no usable password until its owner sets one
    through the link ``pengguna_kirim_tautan`` sends.
    """
    _wajib_beri_peran(oleh, peran=peran, puskesmas=puskesmas, kabupaten=kabupaten)
    pengguna = User(
        username=username,
        nama_lengkap=nama_lengkap,
        nip=nip,
        jabatan=jabatan,
        email=email,
        is_active=True,
    )
    if kata_sandi:
        pengguna.set_password(kata_sandi)
    else:
        pengguna.set_unusable_password()
    pengguna._history_user = oleh
    try:
        with transaction.atomic():
            pengguna.save()
    except IntegrityError:
        # Taken between the form's check and this save. The form's own words, which do
        # not say whose account it is (see forms.pengguna.PESAN_USERNAME_DITOLAK).
        from ..forms.pengguna import PESAN_USERNAME_DITOLAK

        raise PenggunaTidakSah(PESAN_USERNAME_DITOLAK) from None
    _simpan_penugasan(
        oleh=oleh,
        pengguna=pengguna,
        peran=peran,
        puskesmas=puskesmas,
        kabupaten=kabupaten,
        klaster=klaster,
    )
    return pengguna


def sidik_identitas(pengguna: User) -> str:
    """Fingerprint of the fields an account form edits: two managers editing the same
    account are told about each other (a login, which also saves the user, is not a change)."""
    isi = "\x1f".join([pengguna.nama_lengkap, pengguna.nip, pengguna.jabatan, pengguna.email])
    return hashlib.sha1(isi.encode()).hexdigest()[:16]


@transaction.atomic
def pengguna_ubah(
    *,
    oleh: User,
    pengguna: User,
    nama_lengkap: str,
    nip: str,
    jabatan: str,
    email: str,
    sidik: str | None = None,
) -> User:
    """Change the account's identity fields (every role of it must be in ``oleh``'s scope).

    With ``sidik`` (the fingerprint the form was opened with), a change saved by someone
    else meanwhile raises KonflikVersi instead of being overwritten."""
    wajib_kelola(oleh, pengguna, penuh=True)
    pengguna = User.objects.select_for_update().get(pk=pengguna.pk)
    if sidik is not None and sidik != sidik_identitas(pengguna):
        raise KonflikVersi()
    pengguna.nama_lengkap = nama_lengkap
    pengguna.nip = nip
    pengguna.jabatan = jabatan
    pengguna.email = email
    pengguna._history_user = oleh
    pengguna.save()
    return pengguna


@transaction.atomic
def pengguna_atur_aktif(*, oleh: User, pengguna: User, aktif: bool) -> User:
    """Activate or deactivate an account. An inactive account is signed out at once."""
    wajib_kelola(oleh, pengguna, penuh=True)
    if not aktif and pengguna.pk == oleh.pk:
        raise PenggunaTidakSah(PESAN_NONAKTIF_DIRI)
    if pengguna.is_active != aktif:
        pengguna.is_active = aktif
        pengguna._history_user = oleh
        pengguna.save()
    return pengguna


@transaction.atomic
def penugasan_tambah(
    *,
    oleh: User,
    pengguna: User,
    peran: str,
    puskesmas: Puskesmas | None = None,
    kabupaten: Kabupaten | None = None,
    klaster: Klaster | None = None,
) -> PenugasanPeran:
    """Give ``pengguna`` (already inside ``oleh``'s scope) one more role in that scope."""
    wajib_kelola(oleh, pengguna)
    return _simpan_penugasan(
        oleh=oleh,
        pengguna=pengguna,
        peran=peran,
        puskesmas=puskesmas,
        kabupaten=kabupaten,
        klaster=klaster,
    )


@transaction.atomic
def penugasan_cabut(*, oleh: User, penugasan: PenugasanPeran) -> None:
    """Remove one role. Refused for the holder's only role and for a manager's own last
    managing role (nobody locks themselves out of the page they are using)."""
    pengguna = User.objects.select_for_update().get(pk=penugasan.user_id)
    wajib_kelola(oleh, pengguna)
    if not penugasan_dalam_lingkup(lingkup(oleh), penugasan):
        raise PermissionDenied(PESAN_PERAN_DI_LUAR_WILAYAH)
    lainnya = PenugasanPeran.objects.filter(user=pengguna).exclude(pk=penugasan.pk)
    if pengguna.pk == oleh.pk and penugasan.peran in HAK[Aksi.KELOLA_PENGGUNA]:
        if (
            not oleh.is_superuser
            and not lainnya.filter(peran__in=sorted(HAK[Aksi.KELOLA_PENGGUNA])).exists()
        ):
            raise PenggunaTidakSah(PESAN_PERAN_KELOLA_TERAKHIR)
    if not lainnya.exists():
        raise PenggunaTidakSah(PESAN_PERAN_TERAKHIR)
    penugasan._history_user = oleh
    penugasan.delete()
    oleh.__dict__.pop("_lingkup", None)


def pengguna_kirim_tautan(*, oleh: User, pengguna: User, baru: bool = False) -> None:
    """E-mail ``pengguna`` a link to set a password (a new account, or a forgotten one).

    Sent to the address on the account only, so any manager of the account may send it.
    The link is Django's one-time password-reset link: it stops working once used.
    """
    wajib_kelola(oleh, pengguna)
    if not pengguna.email:
        raise PenggunaTidakSah(PESAN_TANPA_EMAIL)
    tautan = settings.SITE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(pengguna.pk)),
            "token": default_token_generator.make_token(pengguna),
        },
    )
    isi = render_to_string(
        "puskesmas/pengguna_email_tautan.txt",
        {"pengguna": pengguna, "oleh": oleh, "tautan": tautan, "baru": baru},
    )
    subjek = SUBJEK_EMAIL_AKUN_BARU if baru else SUBJEK_EMAIL_ATUR_ULANG
    send_mail(subjek, isi, None, [pengguna.email])
