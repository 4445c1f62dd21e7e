"""Writes of the internal audit: the team SK, the annual programme, checklists (with their
Excel import), audits, their results and findings, the RTL agreed on a finding (the core's
RTL services, ``sumber`` = the finding), carrying a finding over, and closing an audit by
the rule of ``pengawasan.aturan_audit``."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from puskesmas.alat import access
from puskesmas.alat.access import Aksi
from puskesmas.alat.alur import AlurTidakSah, alur_jalankan
from puskesmas.models import RTL, User
from puskesmas.services.inti import KonflikVersi
from puskesmas.services.rtl import rtl_buat

from .. import aturan_audit as aturan
from ..models.audit import (
    AcuanKriteria,
    AnggotaTimAudit,
    Audit,
    ButirTilik,
    DaftarTilik,
    HasilKriteria,
    HasilTilik,
    JadwalAudit,
    JenisAudit,
    MetodeAudit,
    PeranAuditor,
    ProgramAudit,
    StatusAudit,
    TemuanAudit,
    TimAudit,
)

PESAN_TIM_ADA = "SK Tim Audit Internal tahun {tahun} sudah ada."
PESAN_PROGRAM_ADA = "Program audit internal tahun {tahun} sudah ada."
PESAN_BUKAN_PEGAWAI = "{nama} bukan pegawai Puskesmas ini."
PESAN_ANGGOTA_ADA = "{nama} sudah menjadi anggota tim."
PESAN_KETUA_ADA = "Tim sudah memiliki ketua; ubah dulu ketua yang ada menjadi anggota."
PESAN_AUDITOR_WAJIB = "Pilih sedikitnya satu auditor."
PESAN_AUDITOR_BUKAN_TIM = (
    "{nama} bukan anggota Tim Audit Internal tahun {tahun}; auditor dipilih dari tim yang "
    "ditetapkan dengan SK."
)
PESAN_AUDITOR_DIRI = "Auditor tidak boleh mengaudit unitnya sendiri: {nama} adalah auditinya."
PESAN_JENIS_WAJIB = "Pilih sedikitnya satu: audit input, proses (PDCA) atau output."
PESAN_ACUAN_WAJIB = "Pilih sedikitnya satu kriteria: standar, SOP, SPM atau akreditasi."
PESAN_PROGRAM_BELUM_SAH = (
    "Audit hanya dapat dimulai dari program audit yang sudah disetujui Kepala Puskesmas."
)
PESAN_AUDIT_ADA = "Audit untuk jadwal ini sudah dimulai."
PESAN_TILIK_KOSONG = "Daftar tilik «{nama}» belum berisi kriteria."
PESAN_TILIK_LAIN = "Daftar tilik harus milik Puskesmas ini."
PESAN_TANGGAL_DEPAN = "Tanggal audit tidak boleh setelah hari ini."
PESAN_METODE_WAJIB = "Pilih sedikitnya satu metode audit."
PESAN_KRITERIA_LAIN = "Kriteria harus dari daftar tilik audit ini."
PESAN_RTL_OBSERVASI = "Temuan ini sudah dibawa ke audit berikutnya; RTL tidak ditambahkan."


def _simpan(obj, user, alasan: str):
    if hasattr(obj, "versi"):
        obj.versi += 1
    obj._history_user = user
    obj._change_reason = alasan
    obj.save()
    return obj


def _periksa(pesan: str | None) -> None:
    if pesan:
        raise AlurTidakSah(pesan)


def _pegawai(puskesmas, orang: User) -> None:
    if not orang.peran.filter(puskesmas=puskesmas).exists():
        raise AlurTidakSah(PESAN_BUKAN_PEGAWAI.format(nama=orang.get_full_name() or orang))


def _pilihan(nilai, pilihan, pesan: str) -> list[str]:
    sah = {v for v, _ in pilihan.choices}
    hasil = [v for v in dict.fromkeys(nilai or []) if v in sah]
    if not hasil:
        raise AlurTidakSah(pesan)
    return hasil


# --- Tim audit ----------------------------------------------------------------------------


@transaction.atomic
def tim_audit_buat(*, puskesmas, tahun: int, nomor_sk: str, tanggal_sk: date, user) -> TimAudit:
    access.wajib(user, Aksi.KELOLA_AUDIT, puskesmas)
    if TimAudit.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        raise AlurTidakSah(PESAN_TIM_ADA.format(tahun=tahun))
    tim = TimAudit(puskesmas=puskesmas, tahun=tahun, nomor_sk=nomor_sk, tanggal_sk=tanggal_sk)
    tim.versi = 0
    return _simpan(tim, user, "Dibuat")


@transaction.atomic
def tim_audit_ubah(*, tim: TimAudit, nomor_sk: str, tanggal_sk: date, versi: int | None, user):
    terkini = TimAudit.objects.select_for_update().get(pk=tim.pk)
    access.wajib(user, Aksi.KELOLA_AUDIT, terkini)
    terkini.pastikan_bisa_diubah()
    if versi is not None and versi != terkini.versi:
        raise KonflikVersi()
    terkini.nomor_sk, terkini.tanggal_sk = nomor_sk, tanggal_sk
    return _simpan(terkini, user, "Diubah")


@transaction.atomic
def tim_anggota_tambah(*, tim: TimAudit, anggota: User, peran: str, user) -> AnggotaTimAudit:
    terkini = TimAudit.objects.select_for_update().get(pk=tim.pk)
    access.wajib(user, Aksi.KELOLA_AUDIT, terkini)
    terkini.pastikan_bisa_diubah()
    _pegawai(terkini.puskesmas, anggota)
    if terkini.anggota.filter(user=anggota).exists():
        raise AlurTidakSah(PESAN_ANGGOTA_ADA.format(nama=anggota.get_full_name() or anggota))
    if peran == PeranAuditor.KETUA and terkini.anggota.filter(peran=PeranAuditor.KETUA).exists():
        raise AlurTidakSah(PESAN_KETUA_ADA)
    baris = AnggotaTimAudit(tim=terkini, user=anggota, peran=PeranAuditor(peran))
    _simpan(baris, user, "Ditambahkan")
    _simpan(terkini, user, "Anggota ditambahkan")
    return baris


@transaction.atomic
def tim_anggota_hapus(*, anggota: AnggotaTimAudit, user) -> None:
    terkini = TimAudit.objects.select_for_update().get(pk=anggota.tim_id)
    access.wajib(user, Aksi.KELOLA_AUDIT, terkini)
    terkini.pastikan_bisa_diubah()
    anggota._history_user = user
    anggota.delete()
    _simpan(terkini, user, "Anggota dihapus")


def tim_audit_alur(*, tim: TimAudit, langkah: str, user, catatan: str = "") -> TimAudit:
    return alur_jalankan(objek=tim, langkah=langkah, user=user, catatan=catatan)


# --- Program audit --------------------------------------------------------------------------


@transaction.atomic
def program_audit_buat(*, puskesmas, tahun: int, tujuan: str = "", user) -> ProgramAudit:
    access.wajib(user, Aksi.KELOLA_AUDIT, puskesmas)
    if ProgramAudit.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        raise AlurTidakSah(PESAN_PROGRAM_ADA.format(tahun=tahun))
    program = ProgramAudit(puskesmas=puskesmas, tahun=tahun, tujuan=tujuan)
    program.versi = 0
    return _simpan(program, user, "Dibuat")


def _tim_tahun(puskesmas, tahun: int) -> set[int]:
    return set(
        AnggotaTimAudit.objects.filter(tim__puskesmas=puskesmas, tim__tahun=tahun).values_list(
            "user_id", flat=True
        )
    )


@transaction.atomic
def jadwal_audit_tambah(*, program: ProgramAudit, data: dict, user) -> JadwalAudit:
    """Add a row: ``data`` has klaster, unit, jenis, acuan, uraian_kriteria, bulan, auditi and
    auditor (users of the year's audit team, none of them the auditee)."""
    terkini = ProgramAudit.objects.select_for_update().get(pk=program.pk)
    access.wajib(user, Aksi.KELOLA_AUDIT, terkini)
    terkini.pastikan_bisa_diubah()
    jenis = _pilihan(data.get("jenis"), JenisAudit, PESAN_JENIS_WAJIB)
    acuan = _pilihan(data.get("acuan"), AcuanKriteria, PESAN_ACUAN_WAJIB)
    auditor = list(data.get("auditor") or [])
    if not auditor:
        raise AlurTidakSah(PESAN_AUDITOR_WAJIB)
    auditi = data["auditi"]
    _pegawai(terkini.puskesmas, auditi)
    tim = _tim_tahun(terkini.puskesmas, terkini.tahun)
    for a in auditor:
        if a.pk not in tim:
            raise AlurTidakSah(
                PESAN_AUDITOR_BUKAN_TIM.format(nama=a.get_full_name() or a, tahun=terkini.tahun)
            )
        if a.pk == auditi.pk:
            raise AlurTidakSah(PESAN_AUDITOR_DIRI.format(nama=a.get_full_name() or a))
    jadwal = JadwalAudit(
        program=terkini,
        klaster=data.get("klaster"),
        unit=data["unit"],
        jenis=jenis,
        acuan=acuan,
        uraian_kriteria=data.get("uraian_kriteria", ""),
        bulan=data["bulan"],
        auditi=auditi,
    )
    _simpan(jadwal, user, "Ditambahkan")
    jadwal.auditor.set(auditor)
    _simpan(terkini, user, "Jadwal ditambahkan")
    return jadwal


@transaction.atomic
def jadwal_audit_hapus(*, jadwal: JadwalAudit, user) -> None:
    terkini = ProgramAudit.objects.select_for_update().get(pk=jadwal.program_id)
    access.wajib(user, Aksi.KELOLA_AUDIT, terkini)
    terkini.pastikan_bisa_diubah()
    jadwal._history_user = user
    jadwal.delete()
    _simpan(terkini, user, "Jadwal dihapus")


def program_audit_alur(*, program: ProgramAudit, langkah: str, user, catatan: str = ""):
    """Approval of the programme; approved, its auditees and auditors are told
    (``pengawasan.pemberitahuan_audit``)."""
    return alur_jalankan(objek=program, langkah=langkah, user=user, catatan=catatan)


# --- Daftar tilik -----------------------------------------------------------------------------


@transaction.atomic
def daftar_tilik_buat(*, puskesmas, nama: str, keterangan: str = "", user) -> DaftarTilik:
    access.wajib(user, Aksi.KELOLA_AUDIT, puskesmas)
    if DaftarTilik.objects.filter(puskesmas=puskesmas, nama=nama.strip()).exists():
        raise AlurTidakSah(f"Daftar tilik «{nama.strip()}» sudah ada.")
    daftar = DaftarTilik(puskesmas=puskesmas, nama=nama.strip(), keterangan=keterangan)
    daftar.versi = 0
    return _simpan(daftar, user, "Dibuat")


@transaction.atomic
def butir_tilik_tambah(
    *, daftar: DaftarTilik, kriteria: str, acuan: str, rujukan: str = "", user
) -> ButirTilik:
    terkini = DaftarTilik.objects.select_for_update().get(pk=daftar.pk)
    access.wajib(user, Aksi.KELOLA_AUDIT, terkini)
    nomor = (terkini.butir.aggregate(m=Max("nomor"))["m"] or 0) + 1
    butir = ButirTilik(
        daftar=terkini, nomor=nomor, kriteria=kriteria.strip(), acuan=AcuanKriteria(acuan),
        rujukan=rujukan,
    )  # fmt: skip
    _simpan(butir, user, "Ditambahkan")
    _simpan(terkini, user, "Kriteria ditambahkan")
    return butir


def daftar_tilik_impor(*, daftar: DaftarTilik, berkas, user):
    """Replace the checklist's criteria from the Excel template: every row valid and saved,
    or nothing (``HasilResource`` with the errors by row and column)."""
    from puskesmas.alat.impor import impor_dengan_resource

    from ..resources_audit import TEMPLAT, ButirTilikResource

    access.wajib(user, Aksi.KELOLA_AUDIT, daftar)
    resource = ButirTilikResource(daftar=daftar)

    def kunci():
        terkini = DaftarTilik.objects.select_for_update().get(pk=daftar.pk)
        for lama in terkini.butir.all():
            lama._history_user = user
            lama.delete()
        _simpan(terkini, user, "Kriteria diimpor dari Excel")

    def simpan(baru):
        for b in baru:
            b.daftar = daftar
            _simpan(b, user, "Diimpor")

    resource.simpan = simpan
    return impor_dengan_resource(resource, berkas, TEMPLAT, kunci=kunci)


def daftar_tilik_ekspor(*, daftar: DaftarTilik) -> bytes:
    from puskesmas.alat.impor import ekspor_dengan_resource

    from ..resources_audit import TEMPLAT, ButirTilikEksporResource

    return ekspor_dengan_resource(ButirTilikEksporResource(), daftar.butir.all(), TEMPLAT)


# --- Audit ------------------------------------------------------------------------------------


def _kunci_audit(audit: Audit, user, aksi: Aksi = Aksi.LAKSANAKAN_AUDIT) -> Audit:
    terkini = Audit.objects.select_for_update().get(pk=audit.pk)
    access.wajib(user, aksi, terkini)
    terkini.pastikan_bisa_diubah()
    return terkini


@transaction.atomic
def audit_mulai(
    *, jadwal: JadwalAudit, tanggal: date, daftar_tilik: DaftarTilik | None, user
) -> Audit:
    """Start the audit of a programme row: its criteria are copied from the checklist."""
    program = ProgramAudit.objects.select_for_update().get(pk=jadwal.program_id)
    access.wajib(user, Aksi.LAKSANAKAN_AUDIT, program)
    from puskesmas.alat.alur import SAH

    if program.status not in SAH:
        raise AlurTidakSah(PESAN_PROGRAM_BELUM_SAH)
    if Audit.objects.filter(jadwal=jadwal).exists():
        raise AlurTidakSah(PESAN_AUDIT_ADA)
    if tanggal > timezone.localdate():
        raise AlurTidakSah(PESAN_TANGGAL_DEPAN)
    butir = []
    if daftar_tilik is not None:
        if daftar_tilik.puskesmas_id != program.puskesmas_id:
            raise AlurTidakSah(PESAN_TILIK_LAIN)
        butir = list(daftar_tilik.butir.all())
        if not butir:
            raise AlurTidakSah(PESAN_TILIK_KOSONG.format(nama=daftar_tilik.nama))
    audit = Audit(
        puskesmas_id=program.puskesmas_id,
        jadwal=jadwal,
        tanggal=tanggal,
        daftar_tilik=daftar_tilik,
        metode=[MetodeAudit.DAFTAR_TILIK.value] if butir else [],
        dibuat_oleh=user,
    )
    audit.versi = 0
    _simpan(audit, user, "Audit dimulai")
    for b in butir:
        hasil = HasilKriteria(audit=audit, nomor=b.nomor, kriteria=b.kriteria, acuan=b.acuan)
        _simpan(hasil, user, "Dari daftar tilik")
    return audit


@transaction.atomic
def audit_ubah(
    *, audit: Audit, tanggal: date, metode: list[str], kesimpulan: str, versi: int | None, user
) -> Audit:
    terkini = _kunci_audit(audit, user)
    if versi is not None and versi != terkini.versi:
        raise KonflikVersi()
    if tanggal > timezone.localdate():
        raise AlurTidakSah(PESAN_TANGGAL_DEPAN)
    terkini.tanggal = tanggal
    terkini.metode = _pilihan(metode, MetodeAudit, PESAN_METODE_WAJIB)
    terkini.kesimpulan = kesimpulan.strip()
    return _simpan(terkini, user, "Diubah")


@transaction.atomic
def hasil_kriteria_simpan(*, audit: Audit, isi: dict[int, tuple[str, str]], user) -> int:
    """Save the results ``{hasil id: (hasil, catatan)}``; returns how many changed."""
    terkini = _kunci_audit(audit, user)
    sah = {v for v, _ in HasilTilik.choices} | {""}
    jumlah = 0
    for baris in terkini.hasil.filter(pk__in=list(isi)):
        hasil, catatan = isi[baris.pk]
        if hasil not in sah:
            continue
        if (baris.hasil, baris.catatan) != (hasil, catatan.strip()):
            baris.hasil, baris.catatan = hasil, catatan.strip()
            _simpan(baris, user, "Hasil dicatat")
            jumlah += 1
    if jumlah:
        _simpan(terkini, user, "Hasil kriteria dicatat")
    return jumlah


@transaction.atomic
def temuan_tambah(*, audit: Audit, data: dict, user) -> TemuanAudit:
    """A finding: kategori, uraian, bukti, analisis, and optionally the criterion."""
    terkini = _kunci_audit(audit, user)
    kriteria = data.get("kriteria")
    if kriteria is not None and kriteria.audit_id != terkini.pk:
        raise AlurTidakSah(PESAN_KRITERIA_LAIN)
    nomor = (terkini.temuan.aggregate(m=Max("nomor"))["m"] or 0) + 1
    temuan = TemuanAudit(
        audit=terkini,
        nomor=nomor,
        kategori=aturan.KategoriTemuan(data["kategori"]).value,
        kriteria=kriteria,
        uraian=data["uraian"].strip(),
        bukti=data["bukti"].strip(),
        analisis=(data.get("analisis") or "").strip(),
    )
    _simpan(temuan, user, "Temuan dicatat")
    _simpan(terkini, user, f"Temuan {nomor} dicatat")
    return temuan


@transaction.atomic
def temuan_analisis(*, temuan: TemuanAudit, analisis: str, user) -> TemuanAudit:
    """The analysis of causes, written or revised while the audit is open."""
    _kunci_audit(temuan.audit, user)
    temuan = TemuanAudit.objects.get(pk=temuan.pk)
    temuan.analisis = analisis.strip()
    return _simpan(temuan, user, "Analisis diubah")


@transaction.atomic
def temuan_rtl_buat(*, temuan: TemuanAudit, data: dict, user) -> RTL:
    """The RTL agreed with the auditee on a finding (the core's RTL, ``sumber`` = the
    finding); its follow-up and evaluation then go through the RTL pages."""
    _kunci_audit(temuan.audit, user)
    if temuan.dibawa:
        raise AlurTidakSah(PESAN_RTL_OBSERVASI)
    data = dict(data)
    data.setdefault("klaster", temuan.audit.jadwal.klaster)
    data.setdefault("masalah", temuan.uraian)
    data.setdefault("penyebab", temuan.analisis)
    return rtl_buat(
        puskesmas=temuan.audit.puskesmas,
        data=data,
        user=user,
        aksi=Aksi.LAKSANAKAN_AUDIT,
        sumber=temuan,
        sumber_label=f"Audit internal {temuan.audit.jadwal.lingkup}, temuan {temuan.nomor}",
    )


@transaction.atomic
def temuan_bawa(*, temuan: TemuanAudit, alasan: str, user) -> TemuanAudit:
    """Carry a finding over to the next audit, with the reason."""
    _kunci_audit(temuan.audit, user)
    _periksa(aturan.pesan_bawa(alasan=alasan))
    temuan.dibawa = True
    temuan.alasan_dibawa = alasan.strip()
    return _simpan(temuan, user, f"Dibawa ke audit berikutnya: {alasan.strip()}")


def keadaan_temuan(audit: Audit) -> list[aturan.KeadaanTemuan]:
    """What the closing rule needs of each finding (two queries)."""
    from django.contrib.contenttypes.models import ContentType

    temuan = list(audit.temuan.all())
    status: dict[int, list[str]] = {t.pk: [] for t in temuan}
    for sumber_id, s in RTL.objects.filter(
        sumber_jenis=ContentType.objects.get_for_model(TemuanAudit), sumber_id__in=list(status)
    ).values_list("sumber_id", "status"):
        status[sumber_id].append(s)
    return [
        aturan.KeadaanTemuan(
            nomor=t.nomor,
            kategori=t.kategori,
            dibawa=t.dibawa,
            alasan_dibawa=t.alasan_dibawa,
            status_rtl=tuple(status[t.pk]),
        )
        for t in temuan
    ]


@transaction.atomic
def audit_tutup(*, audit: Audit, user) -> Audit:
    """Close an audit: refused (``aturan_audit`` messages) while a criterion has no result
    or a finding is neither settled nor carried over."""
    terkini = Audit.objects.select_for_update().get(pk=audit.pk)
    access.wajib(user, Aksi.LAKSANAKAN_AUDIT, terkini)
    _periksa(
        aturan.pesan_tutup(
            sudah_ditutup=terkini.ditutup,
            kriteria_kosong=terkini.hasil.filter(hasil="").count(),
            temuan=keadaan_temuan(terkini),
        )
    )
    terkini.status = StatusAudit.DITUTUP
    terkini.ditutup_pada = timezone.localdate()
    terkini.ditutup_oleh = user
    return _simpan(terkini, user, "Audit ditutup")
