"""Reads of the Tim Perencanaan."""

from __future__ import annotations

from ..models import AnggotaTim, TimPerencanaan


def _mewakili(a: AnggotaTim) -> str:
    return "; ".join(str(x) for x in (a.klaster, a.pustu) if x is not None)


def susunan_tim(tim: TimPerencanaan) -> list[dict]:
    """The team as its SK lists it, chair first: plain values (name, NIP, jabatan, role in
    the team, whom they represent), the same shape as the snapshot kept when it is signed."""
    ketua = tim.ketua
    baris = [
        {
            "nama": ketua.get_full_name(),
            "nip": ketua.nip,
            "jabatan": ketua.jabatan or "Kepala Tata Usaha",
            "kedudukan": "Ketua",
            "mewakili": "",
        }
    ]
    anggota = (
        AnggotaTim.objects.filter(tim=tim)
        .select_related("user", "klaster", "pustu")
        .order_by("peran", "klaster__nomor", "pk")
    )
    baris += [
        {
            "nama": a.user.get_full_name(),
            "nip": a.user.nip,
            "jabatan": a.user.jabatan,
            "kedudukan": a.get_peran_display(),
            "mewakili": _mewakili(a),
        }
        for a in anggota
    ]
    return baris
