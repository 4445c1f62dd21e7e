"""Who may see and do what: the one place that decides a user's scope.

Every list, detail view, form choice, service and task asks this module; nothing else
reads role assignments to make an access decision.

Two questions, answered separately:

* **visibility** (``Aksi.LIHAT``): which Puskesmas and kabupaten a user can see at all.
  Anything outside is a 404, so ids of other tenants leak nothing.
* **capability** (every other ``Aksi``): inside what a user can see, which roles may do a
  thing. Missing it is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied

from ..choices import PERAN_KABUPATEN, PERAN_PUSKESMAS, Peran


class Aksi(StrEnum):
    LIHAT = "lihat"
    UBAH_PROFIL = "ubah_profil"
    KELOLA_WILAYAH = "kelola_wilayah"
    LIHAT_RIWAYAT = "lihat_riwayat"
    REKAP_KABUPATEN = "rekap_kabupaten"
    # Kabupaten-level reference data: indicator catalogue, due dates.
    KELOLA_KATALOG = "kelola_katalog"
    # P1 Perencanaan. Documents (Renstra, the RUK and RPK themselves, the LP/LS discussion)
    # are drafted by the Puskesmas's management; the rows of one klaster inside them by
    # its penanggung jawab too, so the two are separate capabilities.
    SUSUN_RENCANA = "susun_rencana"  # create and edit planning documents, every klaster
    SUSUN_KLASTER = "susun_klaster"  # RUK/RPK rows, problems, achievements of a klaster
    ISI_TARGET = "isi_target"  # propose targets (PJ klaster: own klaster only)
    AJUKAN_RENCANA = "ajukan_rencana"  # submit as the Tim Perencanaan
    SAHKAN = "sahkan"  # approve / sign (Kepala Puskesmas)
    KIRIM_DINKES = "kirim_dinkes"
    # The Dinkes review of a RUK sent to it: received, or returned with a note.
    TINJAU_RUK = "tinjau_ruk"
    # Accounts and role assignments of the people inside one's scope.
    KELOLA_PENGGUNA = "kelola_pengguna"
    # P3 PKP: the instrument of a year (the national default for the admin nasional, a
    # kabupaten's copy for its admin Dinkes).
    KELOLA_INSTRUMEN_PKP = "kelola_instrumen_pkp"
    # PKP assessment: the Puskesmas fills its self-assessment, the Kepala submits it, a
    # Dinkes verifier checks it item by item, returns it or sets it (ditetapkan).
    ISI_PKP = "isi_pkp"
    AJUKAN_PKP = "ajukan_pkp"
    VERIFIKASI_PKP = "verifikasi_pkp"
    # A set PKP assessment's weak variables and indicators become RTL of the Puskesmas.
    TINDAK_LANJUT_PKP = "tindak_lanjut_pkp"
    # P2 Lokakarya Mini: the meeting itself (schedule, undangan, peserta, attendance, RTL) is
    # organised by the Puskesmas's management; each klaster's part of the notulen and the
    # realisation of its RPK activities by its penanggung jawab too.
    SUSUN_LOKMIN = "susun_lokmin"
    LAPOR_KLASTER = "lapor_klaster"
    # RTL (corrective actions of every part of the cycle): anyone at the Puskesmas records
    # progress and the follow-up with evidence; management and tim mutu evaluate.
    TINDAK_LANJUT_RTL = "tindak_lanjut_rtl"
    EVALUASI_RTL = "evaluasi_rtl"
    # P2 PWS: the monthly achievements per desa (PJ klaster: own klaster only).
    ISI_PWS = "isi_pws"
    # P3 Supervisi: the Puskesmas records its plan and the visits it receives or makes
    # (internal, lintas sektor, akreditasi); a Dinkes records its own visits to the
    # Puskesmas of its kabupaten.
    CATAT_SUPERVISI = "catat_supervisi"
    CATAT_SUPERVISI_DINKES = "catat_supervisi_dinkes"
    # P3 RTM (Rapat Tinjauan Manajemen): management and tim mutu prepare the meeting
    # (schedule, peserta, notulen, analysis, decisions as RTL); the Kepala approves it.
    SUSUN_RTM = "susun_rtm"
    # P3 pengendalian: raise an RTL from a deviation (an indicator behind its target, an
    # RPK activity not realised, a funding source spending behind plan).
    KENDALIKAN = "kendalikan"
    # P3 Audit internal: the team SK, the annual programme and the checklists are drafted by
    # management and the tim mutu (the Kepala signs through SAHKAN); the audits themselves
    # (results, findings, agreed RTL, closing) are run by the auditors of the tim mutu.
    KELOLA_AUDIT = "kelola_audit"
    LAKSANAKAN_AUDIT = "laksanakan_audit"
    # P3 registers and the quality programme (pengaduan, survei kepuasan, register risiko,
    # Tim Mutu and its SK draft, rencana program mutu): kept by the Tim Mutu with the
    # Puskesmas's management; the SK Tim Mutu is signed by the Kepala (``SAHKAN``).
    KELOLA_MUTU = "kelola_mutu"
    # P2 PIS-PK: import the family survey and record its four steps (every klaster's work).
    ISI_PISPK = "isi_pispk"


SEMUA_PERAN = frozenset(Peran)

# Which roles may do what. A role grants its actions only inside its own scope.
HAK: dict[Aksi, frozenset[Peran]] = {
    Aksi.LIHAT: SEMUA_PERAN,
    Aksi.UBAH_PROFIL: frozenset(
        {Peran.KEPALA_PUSKESMAS, Peran.KEPALA_TU, Peran.ADMIN_DINKES, Peran.ADMIN_NASIONAL}
    ),
    Aksi.KELOLA_WILAYAH: frozenset(
        {Peran.KEPALA_PUSKESMAS, Peran.KEPALA_TU, Peran.ADMIN_DINKES, Peran.ADMIN_NASIONAL}
    ),
    Aksi.LIHAT_RIWAYAT: frozenset(
        {
            Peran.KEPALA_PUSKESMAS,
            Peran.VERIFIKATOR_DINKES,
            Peran.ADMIN_DINKES,
            Peran.ADMIN_NASIONAL,
        }
    ),
    Aksi.REKAP_KABUPATEN: frozenset(
        {Peran.VERIFIKATOR_DINKES, Peran.ADMIN_DINKES, Peran.ADMIN_NASIONAL}
    ),
    Aksi.KELOLA_KATALOG: frozenset({Peran.ADMIN_DINKES, Peran.ADMIN_NASIONAL}),
    Aksi.SUSUN_RENCANA: frozenset({Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}),
    Aksi.SUSUN_KLASTER: frozenset(
        {Peran.PJ_KLASTER, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}
    ),
    Aksi.ISI_TARGET: frozenset(
        {Peran.PJ_KLASTER, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}
    ),
    Aksi.AJUKAN_RENCANA: frozenset({Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}),
    # A signature is the Kepala's own act: nobody, not even the national admin, approves or
    # signs in a Kepala's place (the signed PDF names the person who approved).
    Aksi.SAHKAN: frozenset({Peran.KEPALA_PUSKESMAS}),
    Aksi.KIRIM_DINKES: frozenset({Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}),
    # Reviewing is the verifier's, like the PKP verification.
    Aksi.TINJAU_RUK: frozenset({Peran.VERIFIKATOR_DINKES}),
    Aksi.KELOLA_PENGGUNA: frozenset(
        {Peran.ADMIN_DINKES, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}
    ),
    Aksi.KELOLA_INSTRUMEN_PKP: frozenset({Peran.ADMIN_DINKES, Peran.ADMIN_NASIONAL}),
    Aksi.ISI_PKP: frozenset(
        {Peran.PJ_KLASTER, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.TIM_MUTU}
    ),
    # Submitting the self-assessment is the Kepala's own act, like a signature.
    Aksi.AJUKAN_PKP: frozenset({Peran.KEPALA_PUSKESMAS}),
    # Verification and penetapan are the verifier's; an admin does not set scores.
    Aksi.VERIFIKASI_PKP: frozenset({Peran.VERIFIKATOR_DINKES}),
    # Following up the result is the Puskesmas management's, as with the Lokmin RTL.
    Aksi.TINDAK_LANJUT_PKP: frozenset({Peran.KEPALA_PUSKESMAS, Peran.KEPALA_TU}),
    Aksi.SUSUN_LOKMIN: frozenset({Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}),
    Aksi.LAPOR_KLASTER: frozenset(
        {Peran.PJ_KLASTER, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}
    ),
    Aksi.TINDAK_LANJUT_RTL: frozenset(
        {Peran.STAF, Peran.PJ_KLASTER, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.TIM_MUTU}
    ),
    Aksi.EVALUASI_RTL: frozenset({Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.TIM_MUTU}),
    Aksi.ISI_PWS: frozenset(
        {Peran.PJ_KLASTER, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}
    ),
    Aksi.CATAT_SUPERVISI: frozenset(
        {
            Peran.PJ_KLASTER,
            Peran.KEPALA_TU,
            Peran.KEPALA_PUSKESMAS,
            Peran.TIM_MUTU,
            Peran.ADMIN_NASIONAL,
        }
    ),
    Aksi.CATAT_SUPERVISI_DINKES: frozenset({Peran.VERIFIKATOR_DINKES}),
    Aksi.SUSUN_RTM: frozenset(
        {Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.TIM_MUTU, Peran.ADMIN_NASIONAL}
    ),
    Aksi.KENDALIKAN: frozenset(
        {Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.TIM_MUTU, Peran.ADMIN_NASIONAL}
    ),
    Aksi.KELOLA_AUDIT: frozenset({Peran.TIM_MUTU, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS}),
    Aksi.LAKSANAKAN_AUDIT: frozenset({Peran.TIM_MUTU, Peran.KEPALA_PUSKESMAS}),
    Aksi.KELOLA_MUTU: frozenset({Peran.TIM_MUTU, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS}),
    Aksi.ISI_PISPK: frozenset(
        {Peran.PJ_KLASTER, Peran.KEPALA_TU, Peran.KEPALA_PUSKESMAS, Peran.ADMIN_NASIONAL}
    ),
}


# What each capability means, in the words of the README's role table (which is rendered
# from HAK by ``tabel_hak``, so the documentation cannot drift from the rules).
URAIAN_AKSI: dict[Aksi, str] = {
    Aksi.LIHAT: "read",
    Aksi.UBAH_PROFIL: "edit the Puskesmas profile",
    Aksi.KELOLA_WILAYAH: "desa, population figures, Pustu",
    Aksi.LIHAT_RIWAYAT: "read the history of changes",
    Aksi.REKAP_KABUPATEN: "kabupaten recaps, compliance, RUK of every Puskesmas",
    Aksi.KELOLA_KATALOG: "indicator catalogue and due dates",
    Aksi.SUSUN_RENCANA: "draft the documents (Renstra, RUK, RPK, LP/LS discussion), every klaster",
    Aksi.SUSUN_KLASTER: "draft RUK/RPK rows, problems and achievements",
    Aksi.ISI_TARGET: "propose targets",
    Aksi.AJUKAN_RENCANA: "Tim Perencanaan; submit targets, Renstra, RUK, RPK",
    Aksi.SAHKAN: "approve or return, sign the SK; approve the Lokmin",
    Aksi.KIRIM_DINKES: "send the RUK to Dinkes",
    Aksi.TINJAU_RUK: "receive a RUK sent to Dinkes or return it with a note",
    Aksi.KELOLA_PENGGUNA: "accounts and roles of their people",
    Aksi.KELOLA_INSTRUMEN_PKP: "PKP instrument (copy the national default, adapt it)",
    Aksi.ISI_PKP: "fill the PKP self-assessment and its evidence",
    Aksi.AJUKAN_PKP: "submit the PKP self-assessment to Dinkes",
    Aksi.VERIFIKASI_PKP: "verify, return or set (tetapkan) a PKP assessment",
    Aksi.TINDAK_LANJUT_PKP: "raise an RTL from a weak variable or indicator of a set PKP",
    Aksi.SUSUN_LOKMIN: "organise the Lokmin (schedule, undangan, peserta, attendance, RTL)",
    Aksi.LAPOR_KLASTER: "Lokmin notulen and RPK realisation of a klaster",
    Aksi.TINDAK_LANJUT_RTL: "record progress and the follow-up of an RTL with evidence",
    Aksi.EVALUASI_RTL: "evaluate an RTL or stop it with a reason",
    Aksi.ISI_PWS: "enter the monthly PWS achievements per desa",
    Aksi.CATAT_SUPERVISI: "supervisi plan, visits and findings of the Puskesmas, RTL from them",
    Aksi.CATAT_SUPERVISI_DINKES: "record Dinkes supervisi visits, findings and their RTL",
    Aksi.SUSUN_RTM: "prepare the RTM (schedule, peserta, notulen, analysis, decisions as RTL)",
    Aksi.KENDALIKAN: "raise an RTL from a deviation found by pengendalian",
    Aksi.KELOLA_AUDIT: "draft the audit team SK, the annual audit programme and checklists",
    Aksi.LAKSANAKAN_AUDIT: "run internal audits: results, findings, agreed RTL, closing",
    Aksi.KELOLA_MUTU: "complaints, satisfaction surveys, risk register, Tim Mutu, quality plan",
    Aksi.ISI_PISPK: "import the PIS-PK family survey, record its steps and interventions",
}

# Capabilities a PJ klaster holds only for their own klaster (``klaster_diizinkan``).
AKSI_PER_KLASTER = frozenset(
    {Aksi.SUSUN_KLASTER, Aksi.ISI_TARGET, Aksi.LAPOR_KLASTER, Aksi.ISI_PWS}
)


def tabel_hak() -> str:
    """The README's "Who may do what" table, rendered from ``HAK`` (Markdown).

    ``python manage.py tabel_hak`` prints it; a test asserts the README holds exactly this.
    """
    baris = ["| role (scope) | sees | may also |", "| --- | --- | --- |"]
    for peran in Peran:
        if peran in PERAN_PUSKESMAS:
            tempat = "a Puskesmas, one klaster" if peran == Peran.PJ_KLASTER else "a Puskesmas"
            lihat = "own Puskesmas"
        elif peran in PERAN_KABUPATEN:
            tempat, lihat = "a kabupaten", "every Puskesmas of the kabupaten"
        else:
            tempat, lihat = "the whole country", "everything"
        boleh = [
            URAIAN_AKSI[aksi]
            + (
                " (**own klaster only**)"
                if peran == Peran.PJ_KLASTER and aksi in AKSI_PER_KLASTER
                else ""
            )
            for aksi in Aksi
            if aksi != Aksi.LIHAT and peran in HAK[aksi]
        ]
        baris.append(f"| {peran.label} ({tempat}) | {lihat} | {'; '.join(boleh) or 'read only'} |")
    return "\n".join(baris) + "\n"


@dataclass(frozen=True)
class Penugasan:
    peran: Peran
    puskesmas_id: int | None
    kabupaten_id: int | None
    klaster_id: int | None


@dataclass(frozen=True)
class Lingkup:
    """A user's roles with their scope, read once per request."""

    nasional: bool = False
    penugasan: tuple[Penugasan, ...] = ()
    # kabupaten of each Puskesmas the user works at: lets staff read kabupaten-level data
    kabupaten_puskesmas: dict[int, int] = field(default_factory=dict)

    @property
    def peran(self) -> frozenset[Peran]:
        return frozenset(p.peran for p in self.penugasan)

    def puskesmas_ids(self, aksi: Aksi = Aksi.LIHAT) -> frozenset[int]:
        boleh = HAK[aksi]
        return frozenset(
            p.puskesmas_id
            for p in self.penugasan
            if p.puskesmas_id is not None and p.peran in boleh
        )

    def kabupaten_ids(self, aksi: Aksi = Aksi.LIHAT) -> frozenset[int]:
        """Kabupaten where the user acts on *every* Puskesmas (Dinkes roles)."""
        boleh = HAK[aksi]
        return frozenset(
            p.kabupaten_id
            for p in self.penugasan
            if p.kabupaten_id is not None and p.peran in boleh
        )

    def kabupaten_terlihat(self) -> frozenset[int]:
        """Kabupaten whose shared data (catalogues, deadlines) the user may read."""
        return self.kabupaten_ids() | frozenset(self.kabupaten_puskesmas.values())

    def klaster_ids(self, puskesmas_id: int) -> frozenset[int]:
        """Klaster a user is penanggung jawab of at one Puskesmas."""
        return frozenset(
            p.klaster_id
            for p in self.penugasan
            if p.peran == Peran.PJ_KLASTER and p.puskesmas_id == puskesmas_id
        )

    def boleh(self, aksi: Aksi, *, puskesmas_id: int | None, kabupaten_id: int | None) -> bool:
        if self.nasional:
            return aksi in HAK and Peran.ADMIN_NASIONAL in HAK[aksi]
        if puskesmas_id is not None and puskesmas_id in self.puskesmas_ids(aksi):
            return True
        return kabupaten_id is not None and kabupaten_id in self.kabupaten_ids(aksi)

    def punya_peran(self, peran: Peran, *, puskesmas_id: int | None = None) -> bool:
        return any(
            p.peran == peran and (puskesmas_id is None or p.puskesmas_id == puskesmas_id)
            for p in self.penugasan
        )

    @property
    def tingkat_puskesmas(self) -> bool:
        return any(p.peran in PERAN_PUSKESMAS for p in self.penugasan)

    @property
    def tingkat_kabupaten(self) -> bool:
        return any(p.peran in PERAN_KABUPATEN for p in self.penugasan)


TANPA_LINGKUP = Lingkup()


def _baca_penugasan(user_ids):
    from ..models import PenugasanPeran  # avoid a cycle: models import querysets

    return PenugasanPeran.objects.filter(user_id__in=user_ids).values_list(
        "peran", "puskesmas_id", "kabupaten_id", "klaster_id", "puskesmas__kabupaten_id"
    )


def lingkup(user) -> Lingkup:
    """The scope of ``user``, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return TANPA_LINGKUP
    cached = getattr(user, "_lingkup", None)
    if cached is not None:
        return cached
    # Every request reads it: composed once per process (``kueri_tersusun``).
    from .kueri_tersusun import baris_tersusun

    rows = baris_tersusun(("lingkup",), _baca_penugasan, [user.pk])
    penugasan = tuple(Penugasan(Peran(r[0]), r[1], r[2], r[3]) for r in rows)
    hasil = Lingkup(
        nasional=user.is_superuser or any(p.peran == Peran.ADMIN_NASIONAL for p in penugasan),
        penugasan=penugasan,
        kabupaten_puskesmas={r[1]: r[4] for r in rows if r[1] is not None},
    )
    user._lingkup = hasil
    return hasil


def puskesmas_dan_kabupaten(obj) -> tuple[int | None, int | None]:
    """The owning Puskesmas and kabupaten ids of any scoped object."""
    path = getattr(type(obj), "tenant_puskesmas_path", None)
    if path is not None:
        target = obj
        for part in filter(None, path.split("__")):
            target = getattr(target, part)
        return target.pk, target.kabupaten_id
    path = getattr(type(obj), "tenant_kabupaten_path", None)
    if path is not None:
        target = obj
        for part in filter(None, path.split("__")):
            target = getattr(target, part)
        # No kabupaten: national data (the PKP standar nasional), which only a national
        # role may act on (``Lingkup.boleh`` with no ids is False for everyone else).
        return None, (target.pk if target is not None else None)
    raise TypeError(f"{type(obj).__name__} declares no tenant path")


def boleh(user, aksi: Aksi, obj) -> bool:
    """May ``user`` do ``aksi`` on ``obj`` (a Puskesmas, a kabupaten, or anything owned)?"""
    puskesmas_id, kabupaten_id = puskesmas_dan_kabupaten(obj)
    return lingkup(user).boleh(aksi, puskesmas_id=puskesmas_id, kabupaten_id=kabupaten_id)


def wajib(user, aksi: Aksi, obj) -> None:
    """Raise PermissionDenied unless ``user`` may do ``aksi`` on ``obj``. Services call it."""
    if not boleh(user, aksi, obj):
        raise PermissionDenied(PESAN_DITOLAK)


PESAN_DITOLAK = "Anda tidak memiliki hak untuk melakukan tindakan ini."
PESAN_KLASTER_LAIN = (
    "Penanggung jawab klaster hanya dapat mengubah data klaster yang menjadi tanggung jawabnya."
)


def klaster_diizinkan(user, puskesmas) -> frozenset[int] | None:
    """The klaster ``user`` may plan for at ``puskesmas``: None means every klaster.

    Whoever drafts the Puskesmas's planning documents (``SUSUN_RENCANA`` in ``HAK``) plans
    for every klaster; a PJ klaster only for the klaster they are responsible for
    (targets, RUK and RPK rows, analisis situasi). Deriving it from ``HAK`` keeps the
    table the only place that names roles.
    """
    scope = lingkup(user)
    if scope.boleh(
        Aksi.SUSUN_RENCANA, puskesmas_id=puskesmas.pk, kabupaten_id=puskesmas.kabupaten_id
    ):
        return None
    return scope.klaster_ids(puskesmas.pk)


def wajib_klaster(user, puskesmas, klaster_id: int | None) -> None:
    """Raise PermissionDenied unless ``user`` may plan for ``klaster_id`` at ``puskesmas``."""
    diizinkan = klaster_diizinkan(user, puskesmas)
    if diizinkan is not None and klaster_id not in diizinkan:
        raise PermissionDenied(PESAN_KLASTER_LAIN)
