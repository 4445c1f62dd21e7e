"""Who hears of each workflow step: one registry from (document model, step) to recipients.

A document moved by ``alur_jalankan`` gets its notifications by declaring them, from a
module its app loads at start-up (``AppConfig.ready()``)::

    from puskesmas.alat import pemberitahuan as pb

    pb.daftar(RPK, "ajukan", pb.Pemberitahuan(
        penerima=pb.peran_puskesmas(Peran.KEPALA_PUSKESMAS),
        judul=lambda rpk: f"RPK {rpk.tahun} {rpk.puskesmas} diajukan",
        tautan=lambda rpk: reverse("perencanaan:rpk_detail", args=[rpk.pk]),
    ))

``alur_jalankan`` calls ``kirim_langkah`` right after the step, in the same transaction:
a step that is rolled back notifies nobody. Every notification of one step carries the same
key (document, its version after the step, step name), and notifications are unique per
recipient and key, so two declarations naming the same person, or a retried step, deliver
one notification. The person who took the step is never notified of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from puskesmas.models import User


def _pesan_catatan(objek, catatan: str) -> str:
    return f"Alasan: {catatan}" if catatan else ""


@dataclass(frozen=True)
class Pemberitahuan:
    """One declaration: who is told of a step, with which title and link.

    * ``penerima(objek)``: the users to tell (inactive users and the actor are left out);
    * ``judul(objek)``: the title; ``tautan(objek)``: the page where the reader acts;
    * ``pesan(objek, catatan)``: the body; by default the reason given with the step;
    * ``email``: also by e-mail (sent after commit by the notification task).
    """

    penerima: Callable[[object], Iterable[User]]
    judul: Callable[[object], str]
    tautan: Callable[[object], str]
    pesan: Callable[[object, str], str] = _pesan_catatan
    email: bool = False


_DAFTAR: dict[tuple[str, str], list[Pemberitahuan]] = {}


def _label(model) -> str:
    return model._meta.label_lower


def daftar(model, langkah: str, pemberitahuan: Pemberitahuan) -> Pemberitahuan:
    """Declare that ``langkah`` of ``model`` notifies as ``pemberitahuan`` says.

    The step must exist in ``model.alur`` (a misspelt step fails at start-up, not silently).
    Declaring the same object twice is harmless (``ready()`` may run twice in tests).
    """
    model.alur.langkah(langkah)  # raises AlurTidakSah for an unknown step
    daftar_langkah = _DAFTAR.setdefault((_label(model), langkah), [])
    if pemberitahuan not in daftar_langkah:
        daftar_langkah.append(pemberitahuan)
    return pemberitahuan


def batalkan(model, langkah: str, pemberitahuan: Pemberitahuan) -> None:
    """Remove a declaration (tests that declare their own clean up with this)."""
    daftar_langkah = _DAFTAR.get((_label(model), langkah), [])
    if pemberitahuan in daftar_langkah:
        daftar_langkah.remove(pemberitahuan)


def untuk(model, langkah: str) -> list[Pemberitahuan]:
    """The declarations of one step of ``model`` (empty when it notifies nobody)."""
    return list(_DAFTAR.get((_label(model), langkah), []))


def semua() -> dict[tuple[str, str], list[Pemberitahuan]]:
    """Every declaration, keyed by (model label, step)."""
    return {kunci: list(isi) for kunci, isi in _DAFTAR.items() if isi}


def kunci_langkah(objek, langkah: str) -> str:
    """The key every notification of this step of ``objek`` carries (``versi`` moves with
    each step, so the next submission of the same document is a new notification)."""
    return f"alur:{_label(type(objek))}:{objek.pk}:{objek.versi}:{langkah}"


def kirim_langkah(*, objek, langkah: str, user, catatan: str = "") -> int:
    """Notify the recipients declared for ``langkah`` of ``objek``; called by
    ``alur_jalankan`` after the step. Returns the number of notifications created."""
    from ..services.inti import notifikasi_kirim

    kunci = kunci_langkah(objek, langkah)
    jumlah = 0
    for p in untuk(type(objek), langkah):
        penerima = {u.pk: u for u in p.penerima(objek) if u.is_active and u.pk != user.pk}
        if not penerima:
            continue
        judul, tautan, pesan = p.judul(objek), p.tautan(objek), p.pesan(objek, catatan)
        for orang in penerima.values():
            baru = notifikasi_kirim(
                penerima=orang, judul=judul, pesan=pesan, tautan=tautan, kunci=kunci, email=p.email
            )
            jumlah += baru is not None
    return jumlah


# --- recipients -------------------------------------------------------------------------


def peran_puskesmas(*peran: str) -> Callable[[object], list[User]]:
    """The holders of ``peran`` at the document's Puskesmas (one query)."""

    def penerima(objek) -> list[User]:
        from puskesmas.models import User

        from .access import puskesmas_dan_kabupaten

        puskesmas_id, _ = puskesmas_dan_kabupaten(objek)
        return list(
            User.objects.filter(
                peran__puskesmas_id=puskesmas_id, peran__peran__in=peran, is_active=True
            ).distinct()
        )

    return penerima


def peran_kabupaten(*peran: str) -> Callable[[object], list[User]]:
    """The holders of ``peran`` at the kabupaten of the document's Puskesmas (one query)."""

    def penerima(objek) -> list[User]:
        from puskesmas.models import User

        from .access import puskesmas_dan_kabupaten

        _, kabupaten_id = puskesmas_dan_kabupaten(objek)
        return list(
            User.objects.filter(
                peran__kabupaten_id=kabupaten_id, peran__peran__in=peran, is_active=True
            ).distinct()
        )

    return penerima


def gabungan(*sumber: Callable[[object], Iterable[User]]) -> Callable[[object], list[User]]:
    """Everyone any of ``sumber`` names (a person named twice is notified once)."""

    def penerima(objek) -> list[User]:
        return [u for f in sumber for u in f(objek)]

    return penerima
