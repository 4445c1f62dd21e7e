"""P3 demo data for ``seed_demo``: how one Puskesmas watches over its own work this year,
relative to today.

* the SK Tim Mutu of this year, signed by the Kepala in January, with each member's
  bidang and uraian tugas;
* the SK Tim Audit Internal and the approved audit programme: one audit done (a minor
  finding whose RTL is already followed up), one scheduled in a later month;
* the supervisi plan: two visits done (one finding with its RTL), one still planned,
  and a visit recorded by the Dinkes verifier;
* the registers: three complaints (one analysed with an RTL), one satisfaction survey,
  a handful of risks;
* one RTM held and approved earlier in the year, with a decision taken as an RTL (from
  October on the home page then asks for the second RTM of the year).

Every date is capped at today. Through the services, as the pages write them, so the
history, the workflow trail and the notifications exist. Running it again changes
nothing: each part already there for the year is left as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from puskesmas.models import RTL
from puskesmas.referensi import pastikan_klaster
from puskesmas.services.rtl import rtl_tindak_lanjut

from .models import (
    RTM,
    AnggotaTimMutu,
    KunjunganSupervisi,
    MetodeAudit,
    Pengaduan,
    ProgramAudit,
    Risiko,
    SurveiKepuasan,
    TimAudit,
    TimMutu,
)
from .services import audit as s_audit
from .services import register as s_register
from .services import rtm as s_rtm
from .services import supervisi as s_supervisi

BUKTI_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# (username prefix, kedudukan, bidang, uraian tugas)
TIM_MUTU = (
    ("mutu", "ketua", "mutu", "Memimpin Tim Mutu, menyusun program mutu dan melapor ke Kepala."),
    ("pj2", "sekretaris", "keselamatan_pasien", "Mencatat insiden keselamatan pasien."),
    ("pj1", "anggota", "admen", "Memantau indikator mutu administrasi manajemen."),
    ("pj4", "anggota", "ppi", "Memantau kepatuhan kebersihan tangan dan APD."),
    ("pj3", "anggota", "audit_internal", "Menyiapkan daftar tilik audit internal."),
)
# (username prefix, peran in the audit team)
TIM_AUDIT = (("mutu", "ketua"), ("pj3", "anggota"), ("pj1", "anggota"))
# (klaster, unit, month, auditee prefix, auditor prefixes)
JADWAL_AUDIT = (
    (2, "Pelayanan KIA dan KB", 5, "pj2", ("mutu", "pj3")),
    (4, "Pelayanan TBC", 10, "pj4", ("mutu", "pj1")),
)
# (month, day, tempat, lokasi, aspek, tujuan)
RENCANA_SUPERVISI = (
    (3, 12, "pustu", "Pustu Mekarsari", ["adm_pelayanan", "adm_sarana"], "Alur pelayanan Pustu"),
    (8, 14, "posyandu", "Posyandu Melati, Cibodas", ["kin_teknis"], "Penimbangan dan KMS"),
    (12, 10, "puskesmas", "Ruang farmasi", ["adm_alat", "adm_pelayanan"], "Penyimpanan obat"),
)
SUPERVISI_SELESAI = 2  # the first two planned visits took place
# (month, day, media, isi, analisis)
PENGADUAN = (
    (
        4, 8, "kotak_saran",
        "Antrean pendaftaran pagi terlalu lama, lebih dari satu jam.",
        "Loket pendaftaran hanya satu pada jam sibuk 07.30–09.00; petugas kedua masih di ruang "
        "rekam medis.",
    ),
    (7, 21, "wa", "Ruang tunggu poli umum panas, kipas angin rusak.", "Kipas rusak sejak Juni."),
    (9, 2, "langsung", "Petugas apotek kurang menjelaskan cara minum obat.", ""),
)  # fmt: skip
# (risiko, area, kemungkinan, dampak, pengendalian, pemilik prefix)
RISIKO = (
    ("Pasien jatuh di ruang tunggu yang licin", "keselamatan_pasien", 3, 4,
     "Keset dan tanda lantai basah; pel di luar jam pelayanan.", "staf"),
    ("Tertusuk jarum suntik bekas", "ppi", 2, 4, "Safety box di setiap ruang tindakan.", "pj4"),
    ("Obat kedaluwarsa di gudang farmasi", "ukp", 3, 3, "Kartu stok FEFO diperiksa bulanan.",
     "pj1"),
    ("Posyandu tanpa kader di desa terpencil", "ukm", 3, 3, "Rekrut kader baru.", "pj2"),
)  # fmt: skip


def _tgl(hari_ini: dt.date, bulan: int, hari: int) -> dt.date:
    """``bulan``/``hari`` of this year, never after today."""
    return min(dt.date(hari_ini.year, bulan, hari), hari_ini)


def _orang(pengguna: dict, prefix: str, puskesmas):
    return pengguna[f"{prefix}.{puskesmas.nama.lower()}"]


def _tindak_lanjut(rtl: RTL, *, uraian: str, tanggal: dt.date) -> None:
    rtl_tindak_lanjut(
        rtl=rtl,
        uraian=uraian,
        tanggal=tanggal,
        berkas=[ContentFile(BUKTI_PDF, name="bukti-tindak-lanjut.pdf")],
        user=rtl.pj,
    )


def _tim_mutu(*, puskesmas, hari_ini, pengguna, kepala, mutu) -> None:
    tahun = hari_ini.year
    if TimMutu.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        return
    tim = s_register.tim_mutu_simpan(
        user=mutu,
        tim=TimMutu(
            puskesmas=puskesmas,
            tahun=tahun,
            nomor_sk=f"445/{puskesmas.pk:03d}/SK/MUTU/{tahun}",
            tanggal_sk=_tgl(hari_ini, 1, 15),
        ),
        versi=None,
        anggota_simpan=[
            AnggotaTimMutu(
                user=_orang(pengguna, p, puskesmas), kedudukan=k, bidang=b, uraian_tugas=u
            )
            for p, k, b, u in TIM_MUTU
        ],
    )
    tim = s_register.tim_mutu_jalankan(user=mutu, tim=tim, langkah="ajukan")
    s_register.tim_mutu_jalankan(user=kepala, tim=tim, langkah="sahkan")


def _audit(*, puskesmas, hari_ini, pengguna, kepala, mutu) -> None:
    tahun = hari_ini.year
    if not TimAudit.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        tim = s_audit.tim_audit_buat(
            puskesmas=puskesmas,
            tahun=tahun,
            nomor_sk=f"445/{puskesmas.pk:03d}/SK/AUDIT/{tahun}",
            tanggal_sk=_tgl(hari_ini, 2, 3),
            user=mutu,
        )
        for prefix, peran in TIM_AUDIT:
            s_audit.tim_anggota_tambah(
                tim=tim, anggota=_orang(pengguna, prefix, puskesmas), peran=peran, user=mutu
            )
        tim = s_audit.tim_audit_alur(tim=tim, langkah="ajukan", user=mutu)
        s_audit.tim_audit_alur(tim=tim, langkah="sahkan", user=kepala)
    if ProgramAudit.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        return
    program = s_audit.program_audit_buat(
        puskesmas=puskesmas,
        tahun=tahun,
        tujuan="Memastikan pelayanan berjalan sesuai SOP dan standar.",
        user=mutu,
    )
    klaster = pastikan_klaster()
    # The audit done is in May (or this month, early in the year); the other one later.
    bulan_selesai = min(JADWAL_AUDIT[0][2], hari_ini.month)
    bulan_nanti = min(max(JADWAL_AUDIT[1][2], hari_ini.month + 1), 12)
    jadwal = []
    for (nomor, unit, _, auditi, auditor), bulan in zip(
        JADWAL_AUDIT, (bulan_selesai, bulan_nanti), strict=True
    ):
        jadwal.append(
            s_audit.jadwal_audit_tambah(
                program=program,
                data={
                    "klaster": klaster[nomor],
                    "unit": unit,
                    "jenis": ["input", "proses"],
                    "acuan": ["sop", "standar"],
                    "uraian_kriteria": "Kepatuhan pada SOP pelayanan dan kelengkapan rekam medis.",
                    "bulan": bulan,
                    "auditi": _orang(pengguna, auditi, puskesmas),
                    "auditor": [_orang(pengguna, a, puskesmas) for a in auditor],
                },
                user=mutu,
            )
        )
    program = s_audit.program_audit_alur(program=program, langkah="ajukan", user=mutu)
    s_audit.program_audit_alur(program=program, langkah="sahkan", user=kepala)

    tanggal = _tgl(hari_ini, bulan_selesai, 20)
    audit = s_audit.audit_mulai(jadwal=jadwal[0], tanggal=tanggal, daftar_tilik=None, user=mutu)
    audit = s_audit.audit_ubah(
        audit=audit,
        tanggal=tanggal,
        metode=[MetodeAudit.WAWANCARA, MetodeAudit.TELAAH_DOKUMEN],
        kesimpulan="Pelayanan KIA umumnya sesuai SOP; satu ketidaksesuaian minor.",
        versi=audit.versi,
        user=mutu,
    )
    temuan = s_audit.temuan_tambah(
        audit=audit,
        data={
            "kategori": "minor",
            "uraian": "Partograf tidak diisi lengkap pada 3 dari 10 rekam medis persalinan.",
            "bukti": "Telaah 10 rekam medis persalinan bulan berjalan.",
            "analisis": "Bidan jaga malam belum dilatih ulang pengisian partograf.",
        },
        user=mutu,
    )
    rtl = s_audit.temuan_rtl_buat(
        temuan=temuan,
        data={
            "rencana": "Refreshing pengisian partograf untuk semua bidan jaga",
            "pj": _orang(pengguna, "pj2", puskesmas),
            "batas": tanggal + dt.timedelta(days=30),
        },
        user=mutu,
    )
    _tindak_lanjut(
        rtl,
        uraian="Refreshing partograf diikuti 8 bidan; telaah ulang 10 rekam medis lengkap.",
        tanggal=min(tanggal + dt.timedelta(days=14), hari_ini),
    )


def _supervisi(*, puskesmas, hari_ini, pengguna, kepala, verifikator) -> None:
    tahun = hari_ini.year
    if KunjunganSupervisi.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        return
    ktu = _orang(pengguna, "ktu", puskesmas)
    for n, (bulan, hari, tempat, lokasi, aspek, tujuan) in enumerate(RENCANA_SUPERVISI):
        k = s_supervisi.kunjungan_rencanakan(
            puskesmas=puskesmas,
            tahun=tahun,
            data={
                "bulan": bulan,
                "pelaksana": "kepala_puskesmas",
                "nama_pelaksana": kepala.get_full_name(),
                "tempat": tempat,
                "lokasi": lokasi,
                "aspek": aspek,
                "tujuan": tujuan,
            },
            user=ktu,
        )
        if n >= SUPERVISI_SELESAI:
            continue
        k = s_supervisi.kunjungan_ubah(
            kunjungan=k,
            data={
                "status": "dilaksanakan",
                "tanggal": _tgl(hari_ini, bulan, hari),
                "hasil": "Pelayanan berjalan; catatan disampaikan kepada petugas.",
            },
            versi=k.versi,
            user=kepala,
        )
        if n == 0:
            temuan = s_supervisi.temuan_tambah(
                kunjungan=k,
                data={
                    "aspek": "adm_pelayanan",
                    "uraian": "Register pelayanan Pustu tidak diisi lengkap sejak bulan lalu.",
                    "rekomendasi": "Isi register setiap selesai pelayanan.",
                },
                user=kepala,
            )
            s_supervisi.temuan_rtl_buat(
                temuan=temuan,
                data={
                    "masalah": temuan.uraian,
                    "rencana": "Lengkapi register Pustu dan periksa tiap Jumat",
                    "pj": _orang(pengguna, "staf", puskesmas),
                    "batas": max(k.tanggal + dt.timedelta(days=30), hari_ini + dt.timedelta(7)),
                },
                user=kepala,
            )
    s_supervisi.kunjungan_catat(
        puskesmas=puskesmas,
        data={
            "tanggal": _tgl(hari_ini, 6, 18),
            "nama_pelaksana": verifikator.get_full_name(),
            "tempat": "puskesmas",
            "lokasi": "Ruang pelayanan KIA",
            "aspek": ["kin_evaluasi", "kin_teknis"],
            "tujuan": "Pembinaan pelayanan KIA",
            "hasil": "Pencatatan kohort ibu lengkap; pertahankan.",
        },
        user=verifikator,
        dinkes=True,
    )


def _register(*, puskesmas, hari_ini, pengguna, mutu) -> None:
    tahun = hari_ini.year
    if not Pengaduan.objects.filter(puskesmas=puskesmas, tanggal__year=tahun).exists():
        s_register.media_pengaduan_simpan(
            puskesmas=puskesmas,
            tahun=tahun,
            media={"kotak_saran": "Di ruang tunggu", "wa": "0812-0000-1234", "langsung": ""},
            user=mutu,
        )
        for n, (bulan, hari, media, isi, analisis) in enumerate(PENGADUAN):
            p = s_register.pengaduan_simpan(
                pengaduan=Pengaduan(
                    puskesmas=puskesmas,
                    tanggal=_tgl(hari_ini, bulan, hari),
                    media=media,
                    isi=isi,
                    analisis=analisis,
                ),
                versi=None,
                user=mutu,
            )
            if n == 0:
                s_register.pengaduan_rtl_buat(
                    pengaduan=p,
                    data={
                        "masalah": isi,
                        "rencana": "Buka loket pendaftaran kedua pukul 07.30–09.00",
                        "pj": _orang(pengguna, "ktu", puskesmas),
                        "batas": max(p.tanggal + dt.timedelta(days=30), hari_ini + dt.timedelta(7)),
                    },
                    user=mutu,
                )
    if not SurveiKepuasan.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        nilai = ("3.2", "3.1", "2.9", "3.3", "3.4", "3.2", "3.0", "3.5", "3.1")
        s_register.survei_simpan(
            survei=SurveiKepuasan(
                puskesmas=puskesmas,
                tahun=tahun,
                periode="Semester I",
                tanggal_mulai=_tgl(hari_ini, 6, 1),
                tanggal_selesai=_tgl(hari_ini, 6, 30),
                jumlah_responden=120,
                analisis="Waktu penyelesaian pelayanan paling rendah: antrean pagi.",
                **{f"u{i}": Decimal(v) for i, v in enumerate(nilai, start=1)},
            ),
            versi=None,
            user=mutu,
        )
    if not Risiko.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        for risiko, area, kemungkinan, dampak, pengendalian, pemilik in RISIKO:
            s_register.risiko_simpan(
                risiko=Risiko(
                    puskesmas=puskesmas,
                    tahun=tahun,
                    risiko=risiko,
                    area=area,
                    kemungkinan=kemungkinan,
                    dampak=dampak,
                    pengendalian=pengendalian,
                    pemilik=_orang(pengguna, pemilik, puskesmas),
                ),
                versi=None,
                user=mutu,
            )


def _rtm(*, puskesmas, hari_ini, pengguna, kepala, mutu) -> None:
    tahun = hari_ini.year
    if RTM.objects.filter(puskesmas=puskesmas, tahun=tahun).exists():
        return
    tanggal = _tgl(hari_ini, 6, 24)
    rtm = s_rtm.rtm_buat(
        puskesmas=puskesmas,
        tahun=tahun,
        tanggal=tanggal,
        tempat=f"Aula Puskesmas {puskesmas.nama}",
        waktu="09.00 WIB",
        user=mutu,
    )
    s_rtm.peserta_undang_pegawai(rtm=rtm, user=mutu)
    s_rtm.kehadiran_simpan(
        rtm=rtm, hadir_ids=set(rtm.peserta.values_list("pk", flat=True)), user=mutu
    )
    rtm = RTM.objects.get(pk=rtm.pk)
    rtm = s_rtm.rtm_ubah(
        rtm=rtm,
        data={
            "notulen": "Hasil audit internal KIA, pengaduan antrean pagi dan survei kepuasan "
            "semester I dibahas.",
            "analisis": "Waktu tunggu pendaftaran menjadi keluhan utama dan unsur IKM terendah.",
        },
        versi=rtm.versi,
        user=mutu,
    )
    s_rtm.rtm_rtl_buat(
        rtm=rtm,
        data={
            "masalah": "Waktu tunggu pendaftaran pagi lebih dari satu jam",
            "rencana": "Terapkan pendaftaran daring lewat WhatsApp",
            "pj": _orang(pengguna, "ktu", puskesmas),
            "batas": max(tanggal + dt.timedelta(days=90), hari_ini + dt.timedelta(days=14)),
        },
        user=mutu,
    )
    rtm = s_rtm.rtm_alur(rtm=rtm, langkah="ajukan", user=mutu)
    s_rtm.rtm_alur(rtm=rtm, langkah="sahkan", user=kepala)


def isi_demo(*, puskesmas, kepala, verifikator, pengguna: dict) -> None:
    """The P3 story of ``puskesmas``: ``kepala`` signs, the Ketua Tim Mutu of ``pengguna``
    (the demo usernames mapped to their users) prepares, ``verifikator`` visits for the
    Dinkes."""
    hari_ini = timezone.localdate()
    mutu = _orang(pengguna, "mutu", puskesmas)
    _tim_mutu(puskesmas=puskesmas, hari_ini=hari_ini, pengguna=pengguna, kepala=kepala, mutu=mutu)
    _audit(puskesmas=puskesmas, hari_ini=hari_ini, pengguna=pengguna, kepala=kepala, mutu=mutu)
    _supervisi(
        puskesmas=puskesmas,
        hari_ini=hari_ini,
        pengguna=pengguna,
        kepala=kepala,
        verifikator=verifikator,
    )
    _register(puskesmas=puskesmas, hari_ini=hari_ini, pengguna=pengguna, mutu=mutu)
    _rtm(puskesmas=puskesmas, hari_ini=hari_ini, pengguna=pengguna, kepala=kepala, mutu=mutu)
