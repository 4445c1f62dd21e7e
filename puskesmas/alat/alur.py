"""The one approval mechanism: SK, RUK, RPK, Renstra, RTM and PKP all move through it.

A document model inherits ``DokumenAlur`` and declares its ``alur`` (the steps it allows).
``alur_jalankan`` is the only code that changes a status: it locks the row, checks the
step is allowed from the current status (a clear Indonesian error otherwise), checks the
user's capability, records who did it and why in ``JejakAlur`` and the audit history,
signs documents that registered a snapshot (``tanda_tangan``) when they are approved, and
notifies whoever the step's declarations name (``pemberitahuan``), all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from . import access, pemberitahuan
from .access import Aksi


class StatusAlur(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    DISAHKAN = "disahkan", "Disahkan"
    DIKIRIM = "dikirim", "Dikirim ke Dinkes"
    DIGANTIKAN = "digantikan", "Digantikan"
    DITETAPKAN = "ditetapkan", "Ditetapkan Dinkes"
    DITERIMA = "diterima", "Diterima Dinkes"


# Only these statuses may be edited; anything submitted or approved is locked.
BISA_DIUBAH = frozenset({StatusAlur.DRAFT, StatusAlur.DIKEMBALIKAN})

PESAN_TERKUNCI = (
    "{dokumen} berstatus «{status}» dan terkunci. Perubahan hanya dapat dilakukan pada "
    "dokumen berstatus Draf atau Dikembalikan."
)
PESAN_URUTAN = "{dokumen} berstatus «{status}» sehingga tidak dapat {langkah}."
PESAN_CATATAN = "Alasan wajib diisi agar penyusun tahu apa yang harus diperbaiki."


def _nama_dokumen(model) -> str:
    nama = str(model._meta.verbose_name)
    return nama[:1].upper() + nama[1:]  # "RUK", "SK Target Kinerja": keep acronyms


class AlurTidakSah(Exception):
    """A step out of order, a missing reason, or a document not ready for the step."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DokumenTerkunci(AlurTidakSah):
    pass


@dataclass(frozen=True)
class Langkah:
    nama: str  # "ajukan"
    label: str  # "Ajukan" (button)
    kata_kerja: str  # "diajukan" (for messages: "tidak dapat diajukan")
    dari: frozenset[str]
    ke: str
    aksi: Aksi
    wajib_catatan: bool = False
    gaya: str = "success"  # Bootstrap button colour


class Alur:
    def __init__(self, *langkah: Langkah):
        self._langkah = {step.nama: step for step in langkah}

    def __iter__(self):
        return iter(self._langkah.values())

    def langkah(self, nama: str) -> Langkah:
        try:
            return self._langkah[nama]
        except KeyError:
            raise AlurTidakSah(f"Langkah «{nama}» tidak dikenal.") from None

    def tersedia(self, status: str) -> list[Langkah]:
        return [step for step in self if status in step.dari]


def langkah_standar(
    *,
    ajukan: Aksi,
    sahkan: Aksi,
    kirim: Aksi | None = None,
    tinjau: Aksi | None = None,
    label_sahkan: str = "Sahkan",
    kata_sahkan: str = "disahkan",
) -> Alur:
    """draft → diajukan → disahkan | dikembalikan (with a reason) [→ dikirim ke Dinkes
    [→ diterima | dikembalikan dengan catatan, back to the Puskesmas to edit]]."""
    S = StatusAlur
    steps = [
        Langkah("ajukan", "Ajukan", "diajukan", BISA_DIUBAH, S.DIAJUKAN, ajukan),
        Langkah(
            "kembalikan",
            "Kembalikan",
            "dikembalikan",
            frozenset({S.DIAJUKAN}),
            S.DIKEMBALIKAN,
            sahkan,
            wajib_catatan=True,
            gaya="warning",
        ),
        Langkah("sahkan", label_sahkan, kata_sahkan, frozenset({S.DIAJUKAN}), S.DISAHKAN, sahkan),
    ]
    if kirim is not None:
        steps.append(
            Langkah(
                "kirim",
                "Kirim ke Dinkes",
                "dikirim",
                frozenset({S.DISAHKAN}),
                S.DIKIRIM,
                kirim,
                gaya="primary",
            )
        )
    if kirim is not None and tinjau is not None:
        # The Dinkes review of what a Puskesmas sent: received as it is, or returned with a
        # note; a returned document is editable again and goes through the Kepala anew.
        steps += [
            Langkah("terima", "Terima", "diterima", frozenset({S.DIKIRIM}), S.DITERIMA, tinjau),
            Langkah(
                "kembalikan_dinkes",
                "Kembalikan ke Puskesmas",
                "dikembalikan",
                frozenset({S.DIKIRIM}),
                S.DIKEMBALIKAN,
                tinjau,
                wajib_catatan=True,
                gaya="warning",
            ),
        ]
    return Alur(*steps)


class DokumenAlur(models.Model):
    """Abstract base of every document with an approval workflow."""

    status = models.CharField(
        "status", max_length=20, choices=StatusAlur.choices, default=StatusAlur.DRAFT
    )
    versi = models.PositiveIntegerField(default=1, editable=False)

    alur: Alur  # declared by each subclass

    class Meta:
        abstract = True

    @property
    def bisa_diubah(self) -> bool:
        return self.status in BISA_DIUBAH

    def periksa_siap(self, langkah: Langkah) -> None:
        """Raise AlurTidakSah when the document is not ready for ``langkah`` (override)."""

    def pastikan_bisa_diubah(self) -> None:
        if not self.bisa_diubah:
            raise DokumenTerkunci(
                PESAN_TERKUNCI.format(
                    dokumen=_nama_dokumen(type(self)),
                    status=self.get_status_display(),
                )
            )

    def jejak(self):
        from ..models import JejakAlur

        return JejakAlur.objects.filter(
            content_type=ContentType.objects.get_for_model(type(self)), object_id=self.pk
        ).select_related("oleh")


@transaction.atomic
def alur_jalankan(*, objek: DokumenAlur, langkah: str, user, catatan: str = "") -> DokumenAlur:
    """Move ``objek`` one step along its workflow, or raise AlurTidakSah / PermissionDenied."""
    from ..models import JejakAlur

    model = type(objek)
    terkini = model.objects.select_for_update().get(pk=objek.pk)
    step = model.alur.langkah(langkah)
    access.wajib(user, step.aksi, terkini)
    if terkini.status not in step.dari:
        raise AlurTidakSah(
            PESAN_URUTAN.format(
                dokumen=_nama_dokumen(model),
                status=terkini.get_status_display(),
                langkah=step.kata_kerja,
            )
        )
    catatan = (catatan or "").strip()
    if step.wajib_catatan and not catatan:
        raise AlurTidakSah(PESAN_CATATAN)
    terkini.periksa_siap(step)
    dari = terkini.status
    terkini.status = step.ke
    terkini.versi += 1
    terkini._history_user = user
    terkini._change_reason = f"{step.label}" + (f": {catatan}" if catatan else "")
    terkini.save()
    JejakAlur.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=terkini.pk,
        langkah=step.nama,
        dari=dari,
        ke=step.ke,
        oleh=user,
        catatan=catatan,
    )
    _tanda_tangan(terkini, dari=dari, ke=step.ke, user=user)
    pemberitahuan.kirim_langkah(objek=terkini, langkah=step.nama, user=user, catatan=catatan)
    return terkini


# Statuses in which a signed document stands as signed (sending it on to the Dinkes, or the
# Dinkes receiving it, does not change what was signed).
SAH = frozenset({StatusAlur.DISAHKAN, StatusAlur.DIKIRIM, StatusAlur.DITERIMA})


def _tanda_tangan(objek, *, dari: str, ke: str, user) -> None:
    """Sign a registered document when it is approved; a signed document leaving the signed
    statuses (returned or reopened) no longer stands as signed: its signature is superseded.
    Same transaction as the step, so a step never lands without its signature."""
    from . import tanda_tangan

    if ke == StatusAlur.DISAHKAN:
        tanda_tangan.tanda_tangan_alur(objek=objek, user=user)
    elif dari in SAH and ke not in SAH:
        tanda_tangan.tanda_tangan_gantikan(objek=objek, user=user)
