"""Who hears of each step of the audit team SK and the audit programme (the core's
registry, ``puskesmas.alat.pemberitahuan``). Loaded by ``PengawasanConfig.ready()``.

An approved programme schedules its audits: each auditee and auditor is told."""

from django.db.models import Q
from django.urls import reverse

from puskesmas.alat import pemberitahuan as pb
from puskesmas.choices import Peran
from puskesmas.models import User

from .models.audit import JadwalAudit, ProgramAudit, TimAudit

KEPALA = pb.peran_puskesmas(Peran.KEPALA_PUSKESMAS)
PENYUSUN = pb.peran_puskesmas(Peran.TIM_MUTU, Peran.KEPALA_TU)


def _anggota_tim(tim: TimAudit) -> list[User]:
    return list(User.objects.filter(pk__in=tim.anggota.values("user_id"), is_active=True))


def _auditi_auditor(program: ProgramAudit) -> list[User]:
    """Everyone named in a row of the programme: auditees and auditors (one query)."""
    jadwal = JadwalAudit.objects.filter(program=program)
    return list(
        User.objects.filter(
            Q(pk__in=jadwal.values("auditi_id")) | Q(pk__in=jadwal.values("auditor")),
            is_active=True,
        ).distinct()
    )


def _url_tim(tim: TimAudit) -> str:
    return f"{reverse('pengawasan:audit_tim', args=[tim.puskesmas_id])}?tahun={tim.tahun}"


def _url_program(program: ProgramAudit) -> str:
    url = reverse("pengawasan:audit_program", args=[program.puskesmas_id])
    return f"{url}?tahun={program.tahun}"


def _pesan_jadwal(program: ProgramAudit, catatan: str) -> str:
    baris = [
        f"{j.nama_bulan}: {j.lingkup} (auditi {j.auditi.get_full_name() or j.auditi})"
        for j in program.jadwal.select_related("klaster", "auditi")
    ]
    return "Jadwal audit internal:\n" + "\n".join(baris)


pb.daftar(TimAudit, "ajukan", pb.Pemberitahuan(
    penerima=KEPALA, judul=lambda t: f"SK Tim Audit Internal {t.tahun} menunggu penetapan",
    tautan=_url_tim,
))  # fmt: skip
pb.daftar(TimAudit, "kembalikan", pb.Pemberitahuan(
    penerima=PENYUSUN, judul=lambda t: f"SK Tim Audit Internal {t.tahun} dikembalikan",
    tautan=_url_tim,
))  # fmt: skip
pb.daftar(TimAudit, "sahkan", pb.Pemberitahuan(
    penerima=_anggota_tim, judul=lambda t: f"Anda ditetapkan dalam Tim Audit Internal {t.tahun}",
    tautan=_url_tim,
))  # fmt: skip
pb.daftar(ProgramAudit, "ajukan", pb.Pemberitahuan(
    penerima=KEPALA, judul=lambda p: f"Program audit internal {p.tahun} menunggu persetujuan",
    tautan=_url_program,
))  # fmt: skip
pb.daftar(ProgramAudit, "kembalikan", pb.Pemberitahuan(
    penerima=PENYUSUN, judul=lambda p: f"Program audit internal {p.tahun} dikembalikan",
    tautan=_url_program,
))  # fmt: skip
pb.daftar(ProgramAudit, "sahkan", pb.Pemberitahuan(
    penerima=_auditi_auditor,
    judul=lambda p: f"Jadwal audit internal {p.tahun} {p.puskesmas} telah disetujui",
    tautan=_url_program,
    pesan=_pesan_jadwal,
    email=True,
))  # fmt: skip
