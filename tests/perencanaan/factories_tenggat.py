"""Targets and SKs as the due-date area sees them: a status, a submission time, an SK date."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from perencanaan.choices import JenisTenggat
from perencanaan.models import PenetapanTarget, SKTargetKinerja
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import TenggatKabupaten

from ..factories import UserFactory

WIB = ZoneInfo("Asia/Jakarta")


def jam_wib(d: date, jam: int = 10) -> datetime:
    return datetime.combine(d, time(jam), tzinfo=WIB)


def penetapan(puskesmas, tahun=2027, *, status=StatusAlur.DIAJUKAN, diajukan=None, revisi=0):
    """A revision of the targets; ``diajukan`` (a date) is when it was submitted (WIB)."""
    return PenetapanTarget.objects.create(
        puskesmas=puskesmas,
        tahun=tahun,
        revisi=revisi,
        status=status,
        diajukan_pada=jam_wib(diajukan) if isinstance(diajukan, date) else diajukan,
    )


def sk(
    penetapan_target, tanggal: date, *, nomor="440/001/2027", ditandatangani: date | None = None
):
    """An SK dated ``tanggal``, signed in the app on ``ditandatangani`` (default: that day)."""
    obj = SKTargetKinerja.objects.create(
        penetapan=penetapan_target,
        nomor=nomor,
        tanggal=tanggal,
        kepala_nama="dr. Kepala Uji",
        kepala_nip="198001012005012001",
        ditandatangani_oleh=UserFactory(),
    )
    SKTargetKinerja.objects.filter(pk=obj.pk).update(
        ditandatangani_pada=jam_wib(ditandatangani or tanggal)
    )
    return obj


def target_selesai(puskesmas, diajukan: date, *, tahun=2027):
    return penetapan(puskesmas, tahun, status=StatusAlur.DIAJUKAN, diajukan=diajukan)


def sk_selesai(puskesmas, diajukan: date, tanggal_sk: date, *, tahun=2027, revisi=0):
    p = penetapan(puskesmas, tahun, status=StatusAlur.DISAHKAN, diajukan=diajukan, revisi=revisi)
    return sk(p, tanggal_sk)


def tenggat_kabupaten(kabupaten, tahun, *, target=None, sk_target=None):
    for jenis, tanggal in (
        (JenisTenggat.TARGET_KINERJA, target),
        (JenisTenggat.SK_TARGET, sk_target),
    ):
        if tanggal is not None:
            TenggatKabupaten.objects.create(
                kabupaten=kabupaten, tahun=tahun, jenis=jenis, tanggal=tanggal
            )
