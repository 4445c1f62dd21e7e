"""Verifiable signed documents: one shared tool for every SK, RUK, RPK, Renstra (and later
notulen, audit reports, RTM, PKP).

At the moment a document is signed or approved, ``tanda_tangan_buat`` stores a
``DokumenTertanda``: a snapshot of what was signed (``isi``), the SHA-256 of its canonical
JSON, the signer as signed, and an unguessable code. The PDF prints the code and a QR code
pointing to the public page ``/verifikasi/<kode>/``, where anyone holding the paper can check
that it was issued and whether it is still in force.

The core never imports an app. Documents moved by ``alur_jalankan`` plug in with
``daftarkan(Model, jenis=..., isi=...)`` (from a module the app loads at start-up), and
are then signed automatically when a step leads to ``disahkan``; documents signed by a
service of their own (the SK Target Kinerja) call ``tanda_tangan_buat`` themselves.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import DokumenTertanda, Puskesmas

JABATAN_KEPALA = "Kepala Puskesmas"

# 15 random bytes = 120 bits, written as 24 base32 characters in six groups of four:
# far beyond guessing, and readable aloud or typed from paper (no 0/O or 1/I to confuse).
BYTE_KODE = 15
POLA_KODE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$")


# --- pure helpers ----------------------------------------------------------------------


def kanonik(isi: Any) -> str:
    """The canonical JSON of a snapshot: sorted keys, no spaces, UTF-8 text as is.

    Dates and decimals become strings (DjangoJSONEncoder), so the same content always
    gives the same text, whether it comes from the objects or back from the database.
    """
    return json.dumps(
        isi, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def sha256_isi(isi: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of a snapshot.

    Not the short ``sidik`` of the edit forms: that one only tells whether a form is stale
    and is cut to 16 characters; this one pins the signed content as a whole.
    """
    return hashlib.sha256(kanonik(isi).encode("utf-8")).hexdigest()


def kode_baru() -> str:
    """A fresh verification code, e.g. ``K7QD-2MXA-…`` (120 random bits)."""
    teks = base64.b32encode(secrets.token_bytes(BYTE_KODE)).decode("ascii")
    return "-".join(teks[i : i + 4] for i in range(0, len(teks), 4))


def rapikan_kode(teks: str) -> str | None:
    """A code as typed or scanned, in its stored form; None when it cannot be one.

    Only case and spacing are forgiven (people copy codes from paper): the lookup is still
    an exact match on the whole code.
    """
    polos = re.sub(r"[\s-]", "", teks or "").upper()
    if len(polos) != 24:
        return None
    kode = "-".join(polos[i : i + 4] for i in range(0, 24, 4))
    return kode if POLA_KODE.match(kode) else None


def url_verifikasi(kode: str) -> str:
    """The absolute address printed on the document (and in its QR code)."""
    return f"{settings.SITE_URL}{reverse('verifikasi', args=[kode])}"


# --- documents that sign themselves through alur ---------------------------------------


@dataclass(frozen=True)
class Pendaftaran:
    jenis: str  # "SK Tim Perencanaan", "RUK"
    isi: Callable[[Any], dict]  # the snapshot of the document's content
    nomor: Callable[[Any], str] = lambda objek: ""
    tanggal: Callable[[Any], date | None] = lambda objek: None  # None: the signing day
    perihal: Callable[[Any], str] = str


_TERDAFTAR: dict[type, Pendaftaran] = {}


def daftarkan(model: type, *, jenis: str, isi, nomor=None, tanggal=None, perihal=None) -> None:
    """Declare how a document model snapshots itself when ``alur`` approves it."""
    opsi = {"nomor": nomor, "tanggal": tanggal, "perihal": perihal}
    _TERDAFTAR[model] = Pendaftaran(
        jenis=jenis, isi=isi, **{k: v for k, v in opsi.items() if v is not None}
    )


def pendaftaran(model: type) -> Pendaftaran | None:
    return _TERDAFTAR.get(model)


def penanda_tangan(*, user, puskesmas: Puskesmas) -> tuple[str, str]:
    """(name, NIP) of the Kepala signing through an approval: the approving account's own,
    else, when the account has no NIP, the Kepala named in the Puskesmas profile (the data
    the profile keeps for signatures)."""
    if (user.nip or "").strip():
        return user.get_full_name(), user.nip
    if (puskesmas.kepala_nip or "").strip():
        return puskesmas.kepala_nama or user.get_full_name(), puskesmas.kepala_nip
    return user.get_full_name(), ""


def _puskesmas_dari(objek) -> Puskesmas:
    path = type(objek).tenant_puskesmas_path
    hasil = objek
    for bagian in filter(None, path.split("__")):
        hasil = getattr(hasil, bagian)
    return hasil


def tanda_tangan_alur(*, objek, user) -> DokumenTertanda | None:
    """Called by ``alur_jalankan`` when a step approves ``objek``: sign it if its model is
    registered (in the same transaction as the step), supersede its earlier signature."""
    daftar = pendaftaran(type(objek))
    if daftar is None:
        return None
    puskesmas = _puskesmas_dari(objek)
    nama, nip = penanda_tangan(user=user, puskesmas=puskesmas)
    return tanda_tangan_buat(
        objek=objek,
        jenis=daftar.jenis,
        perihal=daftar.perihal(objek),
        nomor=daftar.nomor(objek),
        tanggal=daftar.tanggal(objek) or timezone.localdate(),
        puskesmas=puskesmas,
        isi=daftar.isi(objek),
        penandatangan_nama=nama,
        penandatangan_jabatan=JABATAN_KEPALA,
        penandatangan_nip=nip,
        user=user,
    )


# --- services ----------------------------------------------------------------------------


def _objek_filter(objek) -> dict:
    return {
        "content_type": ContentType.objects.get_for_model(type(objek)),
        "object_id": objek.pk,
    }


@transaction.atomic
def tanda_tangan_buat(
    *,
    objek,
    jenis: str,
    nomor: str,
    tanggal: date,
    puskesmas: Puskesmas,
    isi: dict,
    penandatangan_nama: str,
    penandatangan_jabatan: str,
    penandatangan_nip: str = "",
    user=None,
    perihal: str = "",
    menggantikan: Iterable = (),
) -> DokumenTertanda:
    """Record the signature of ``objek`` at this moment and return it.

    ``isi`` is the document's own snapshot; the record hashes it together with the header
    printed on the paper (jenis, nomor, tanggal, Puskesmas, signer), so changing any of them
    afterwards would no longer match. A signature ``objek`` already had, and those of the
    documents in ``menggantikan`` (an SK replaced by a revision), become ``digantikan``.
    Callers check who may sign; this only records it.
    """
    lengkap = {
        "jenis": jenis,
        "perihal": perihal,
        "nomor": nomor,
        "tanggal": tanggal,
        "puskesmas": {"kode": puskesmas.kode, "nama": puskesmas.nama},
        "penandatangan": {
            "nama": penandatangan_nama,
            "jabatan": penandatangan_jabatan,
            "nip": penandatangan_nip,
        },
        "dokumen": isi,
    }
    # Round-trip through the canonical text: what is stored is exactly what was hashed.
    lengkap = json.loads(kanonik(lengkap))
    rekaman = DokumenTertanda(
        kode=kode_baru(),
        jenis=jenis,
        perihal=perihal[:255],
        nomor=nomor,
        tanggal=tanggal,
        puskesmas=puskesmas,
        penandatangan_nama=penandatangan_nama,
        penandatangan_jabatan=penandatangan_jabatan,
        penandatangan_nip=penandatangan_nip,
        ditandatangani_oleh=user,
        isi=lengkap,
        sha256=sha256_isi(lengkap),
        **_objek_filter(objek),
    )
    rekaman._history_user = user
    rekaman._change_reason = "Ditandatangani"
    rekaman.save()
    for lama in [objek, *menggantikan]:
        tanda_tangan_gantikan(objek=lama, oleh=rekaman, user=user)
    return rekaman


@transaction.atomic
def tanda_tangan_gantikan(*, objek, oleh: DokumenTertanda | None = None, user=None) -> int:
    """Mark the signatures in force of ``objek`` superseded: by ``oleh`` (a newer signed
    document), or by nothing when the document was returned or changed after signing.
    Returns how many were marked."""
    jumlah = 0
    rows = DokumenTertanda.objects.select_for_update().filter(
        status=DokumenTertanda.Status.BERLAKU, **_objek_filter(objek)
    )
    for lama in rows:
        if oleh is not None and lama.pk == oleh.pk:
            continue
        lama.status = DokumenTertanda.Status.DIGANTIKAN
        lama.digantikan_oleh = oleh
        lama.digantikan_pada = timezone.now()
        lama._history_user = user
        lama._change_reason = f"Digantikan oleh {oleh}" if oleh else "Dokumen diubah"
        lama.save(update_fields=["status", "digantikan_oleh", "digantikan_pada"])
        jumlah += 1
    return jumlah


# --- selectors ---------------------------------------------------------------------------


def tanda_tangan_terakhir(objek) -> DokumenTertanda | None:
    """The latest signature of ``objek`` (in force or superseded): what its PDF prints.

    None for a workflow document that is not standing as signed now (a draft, or one
    returned after signing): its paper must not carry a code of an earlier signature.
    """
    from .alur import SAH, DokumenAlur

    if objek is None or objek.pk is None:
        return None
    if isinstance(objek, DokumenAlur) and objek.status not in SAH:
        return None
    return DokumenTertanda.objects.filter(**_objek_filter(objek)).order_by("-pk").first()


def tanda_tangan_terakhir_banyak(daftar) -> dict[int, DokumenTertanda]:
    """``tanda_tangan_terakhir`` of many objects of one model that are not workflow
    documents (SKs of a kabupaten, say), in one query: by the object's pk, for those
    signed."""
    daftar = [o for o in daftar if o.pk is not None]
    if not daftar:
        return {}
    hasil: dict[int, DokumenTertanda] = {}
    for ttd in DokumenTertanda.objects.filter(
        content_type=ContentType.objects.get_for_model(type(daftar[0])),
        object_id__in=[o.pk for o in daftar],
    ).order_by("pk"):
        hasil[ttd.object_id] = ttd  # the latest wins
    return hasil


def tanda_tangan_dari_kode(teks: str) -> DokumenTertanda | None:
    """The record with exactly this code, or None (malformed codes never reach the table)."""
    kode = rapikan_kode(teks)
    if kode is None:
        return None
    return DokumenTertanda.objects.filter(kode=kode).select_related("puskesmas").first()


def konteks_ttd(rekaman: DokumenTertanda | None) -> dict:
    """Context for ``dokumen/_ttd.html``: the signer as signed and the verification code."""
    if rekaman is None:
        return {}
    return {
        "nama": rekaman.penandatangan_nama,
        "nip": rekaman.penandatangan_nip,
        "jabatan": rekaman.penandatangan_jabatan,
        "tanggal": rekaman.tanggal,
        "tanda_tangan": rekaman,
    }
