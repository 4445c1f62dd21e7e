"""Writes that change which rows an instrument has: the Excel import of a whole instrument,
and adding or removing one klaster/programme, indicator or variable from the pages.

Rows are changed only while no assessment on the instrument has gone past its draft (an
assessment submitted, returned or set was filled against these rows). A row an assessment
uses is never removed (the assessment's item rows PROTECT it). A row added while draft
assessments exist gets its empty item in each of them, so they stay complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError
from simple_history.utils import bulk_create_with_history

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import StatusAlur
from puskesmas.alat.impor import Galat, impor_buku_dengan_resource

from ..models import (
    IndikatorMutu,
    IndikatorPelayanan,
    Instrumen,
    KelompokPelayanan,
    NilaiManajemen,
    NilaiMutu,
    NilaiPelayanan,
    PenilaianPKP,
    VariabelManajemen,
)
from ..resources import instrumen as r
from ..selectors.instrumen import penilaian_terkunci
from .instrumen import InstrumenGagal

PESAN_ADA_PENILAIAN = (
    "{instrumen} sudah dipakai {n} penilaian yang diajukan, dikembalikan atau ditetapkan; "
    "baris instrumen tidak dapat ditambah, dihapus atau diimpor lagi. Teks, target dan batas "
    "kelompok tetap dapat diubah di halaman instrumen."
)
PESAN_HAPUS_DIPAKAI = (
    "{apa} {kode} sudah dipakai {n} penilaian dan tidak dapat dihapus. Baris penilaian "
    "menyimpan nilainya; ubah teks atau targetnya bila perlu."
)
PESAN_KELOMPOK_ADA = "Klaster/program «{nama}» sudah ada di instrumen ini."
PESAN_KODE_ADA = "Kode «{kode}» sudah dipakai {apa} lain di instrumen ini."


@dataclass
class HasilImporInstrumen:
    galat: list[Galat] = field(default_factory=list)
    dibuat: int = 0
    diubah: int = 0
    dihapus: int = 0

    @property
    def sah(self) -> bool:
        return not self.galat


def _kunci_instrumen(instrumen: Instrumen) -> None:
    """Lock the instrument row and refuse when an assessment has gone past its draft."""
    Instrumen.objects.select_for_update().filter(pk=instrumen.pk).exists()
    n = penilaian_terkunci(instrumen)
    if n:
        raise InstrumenGagal(PESAN_ADA_PENILAIAN.format(instrumen=instrumen, n=n))


def _lengkapi_penilaian(instrumen: Instrumen, user) -> None:
    """Give every draft assessment on ``instrumen`` an empty item for each row it lacks."""
    draf = list(PenilaianPKP.objects.filter(instrumen=instrumen, status=StatusAlur.DRAFT))
    if not draf:
        return
    susunan = (
        (
            NilaiPelayanan,
            "indikator",
            IndikatorPelayanan.objects.filter(kelompok__instrumen=instrumen),
        ),
        (
            NilaiManajemen,
            "variabel",
            VariabelManajemen.objects.filter(komponen__instrumen=instrumen),
        ),
        (NilaiMutu, "indikator", IndikatorMutu.objects.filter(instrumen=instrumen)),
    )
    for model, fk, baris in susunan:
        semua = list(baris.values_list("pk", flat=True))
        ada = set(model.objects.filter(penilaian__in=draf).values_list("penilaian_id", f"{fk}_id"))
        baru = [
            model(penilaian=p, **{f"{fk}_id": pk})
            for p in draf
            for pk in semua
            if (p.pk, pk) not in ada
        ]
        bulk_create_with_history(baru, model, default_user=user)


def instrumen_impor(*, user, instrumen: Instrumen, berkas) -> HasilImporInstrumen:
    """Import a whole instrument from a workbook (``pkp.resources.instrumen.BUKU_INSTRUMEN``).

    Every sheet is read and checked before anything is written; then, under a lock of the
    instrument (re-checking that no assessment went past its draft meanwhile), every sheet
    is written in one transaction. Nothing is saved while any sheet has an error."""
    access.wajib(user, Aksi.KELOLA_INSTRUMEN_PKP, instrumen)
    n = penilaian_terkunci(instrumen)
    if n:
        return HasilImporInstrumen(
            galat=[Galat(None, None, PESAN_ADA_PENILAIAN.format(instrumen=instrumen, n=n))]
        )
    bagian = {
        r.TEMPLAT_PELAYANAN.nama_sheet: r.IndikatorPelayananResource(
            instrumen=instrumen, user=user
        ),
        r.TEMPLAT_MANAJEMEN.nama_sheet: r.VariabelManajemenResource(instrumen=instrumen, user=user),
        r.TEMPLAT_MUTU.nama_sheet: r.IndikatorMutuResource(instrumen=instrumen, user=user),
        r.TEMPLAT_AMBANG.nama_sheet: r.AmbangResource(instrumen=instrumen, user=user),
    }

    def kunci():
        _kunci_instrumen(instrumen)

    try:
        hasil = impor_buku_dengan_resource(r.BUKU_INSTRUMEN, bagian, berkas, kunci=kunci)
    except InstrumenGagal as exc:
        return HasilImporInstrumen(galat=[Galat(None, None, exc.message)])
    if not hasil.sah:
        return HasilImporInstrumen(galat=hasil.galat)
    baris = [bagian[t.nama_sheet] for t in r.BUKU_INSTRUMEN.lembar[:3]]
    if any(b.dibuat for b in baris):
        with transaction.atomic():
            _lengkapi_penilaian(instrumen, user)
    return HasilImporInstrumen(
        dibuat=sum(b.dibuat for b in baris),
        diubah=sum(b.diubah for b in baris) + int(bagian[r.TEMPLAT_AMBANG.nama_sheet].diubah),
        dihapus=sum(b.dihapus for b in baris),
    )


# --- one row at a time, from the instrument page ------------------------------------------


def _instrumen_dari(obj) -> Instrumen:
    if isinstance(obj, IndikatorPelayanan):
        return obj.kelompok.instrumen
    if isinstance(obj, VariabelManajemen):
        return obj.komponen.instrumen
    return obj.instrumen


def _kode_ganda(instrumen: Instrumen, obj) -> bool:
    if isinstance(obj, IndikatorPelayanan):
        qs = IndikatorPelayanan.objects.filter(kelompok__instrumen=instrumen)
    elif isinstance(obj, VariabelManajemen):
        qs = VariabelManajemen.objects.filter(komponen__instrumen=instrumen)
    else:
        qs = IndikatorMutu.objects.filter(instrumen=instrumen)
    return qs.filter(kode=obj.kode).exclude(pk=obj.pk).exists()


_APA = {
    IndikatorPelayanan: "indikator kinerja pelayanan",
    VariabelManajemen: "variabel",
    IndikatorMutu: "indikator mutu",
}


@transaction.atomic
def baris_tambah(*, user, obj):
    """Add one indicator or variable (``obj``, unsaved, with its group or instrument set)
    at the end of its group; draft assessments get its empty item."""
    instrumen = _instrumen_dari(obj)
    access.wajib(user, Aksi.KELOLA_INSTRUMEN_PKP, instrumen)
    _kunci_instrumen(instrumen)
    if _kode_ganda(instrumen, obj):
        raise InstrumenGagal(PESAN_KODE_ADA.format(kode=obj.kode, apa=_APA[type(obj)]))
    if isinstance(obj, IndikatorPelayanan):
        saudara = obj.kelompok.indikator.all()
    elif isinstance(obj, VariabelManajemen):
        saudara = VariabelManajemen.objects.filter(komponen__instrumen=instrumen)
    else:
        saudara = instrumen.indikator_mutu.all()
    obj.urutan = max(saudara.values_list("urutan", flat=True), default=0) + 1
    obj._history_user = user
    obj.save()
    _lengkapi_penilaian(instrumen, user)
    return obj


@transaction.atomic
def kelompok_tambah(*, user, instrumen: Instrumen, nama: str, klaster=None) -> KelompokPelayanan:
    """Add a klaster/programme (empty) at the end of kinerja pelayanan."""
    access.wajib(user, Aksi.KELOLA_INSTRUMEN_PKP, instrumen)
    _kunci_instrumen(instrumen)
    nama = nama.strip()
    if instrumen.kelompok_pelayanan.filter(nama=nama).exists():
        raise InstrumenGagal(PESAN_KELOMPOK_ADA.format(nama=nama))
    urutan = max(instrumen.kelompok_pelayanan.values_list("urutan", flat=True), default=0) + 1
    kelompok = KelompokPelayanan(instrumen=instrumen, nama=nama, klaster=klaster, urutan=urutan)
    kelompok._history_user = user
    kelompok.save()
    return kelompok


@transaction.atomic
def baris_hapus(*, user, obj) -> None:
    """Remove one indicator or variable; refused once an assessment uses it."""
    instrumen = _instrumen_dari(obj)
    access.wajib(user, Aksi.KELOLA_INSTRUMEN_PKP, instrumen)
    Instrumen.objects.select_for_update().filter(pk=instrumen.pk).exists()
    nilai, fk = {
        IndikatorPelayanan: (NilaiPelayanan, "indikator"),
        VariabelManajemen: (NilaiManajemen, "variabel"),
        IndikatorMutu: (NilaiMutu, "indikator"),
    }[type(obj)]
    n = nilai.objects.filter(**{fk: obj}).count()
    pesan = PESAN_HAPUS_DIPAKAI.format(apa=_APA[type(obj)].capitalize(), kode=obj.kode, n=n)
    if n:
        raise InstrumenGagal(pesan)
    obj._history_user = user
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError:  # an assessment opened in the meantime
        raise InstrumenGagal(pesan) from None
