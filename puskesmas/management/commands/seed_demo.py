"""Demo data: two kabupaten, their Puskesmas, desa and Pustu, and one login per role.

Safe to run again: existing rows are found by their codes and usernames, not duplicated.
"""

from dataclasses import dataclass

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from puskesmas.choices import JenisKabupaten, KategoriSasaran, Peran
from puskesmas.models import (
    Desa,
    Kabupaten,
    Kecamatan,
    PenugasanPeran,
    Provinsi,
    Puskesmas,
    Pustu,
    SasaranDesa,
    TahunPerencanaan,
    User,
)
from puskesmas.referensi import pastikan_klaster

PASSWORD_DEMO = "demo12345"

# kode, nama, kecamatan index, rawat inap, desa names, pustu names
PUSKESMAS_UTAMA = [
    (
        "P3399010101",
        "Sukamaju",
        0,
        True,
        ["Sukamaju", "Mekarsari", "Cibodas", "Karanganyar", "Sindangsari"],
        ["Mekarsari"],
    ),
    (
        "P3399010202",
        "Cempaka",
        0,
        False,
        ["Cempaka", "Sukarame", "Pasirjaya", "Bojongsari"],
        ["Pasirjaya"],
    ),
    (
        "P3399020101",
        "Wanasari",
        1,
        True,
        ["Wanasari", "Sumberjaya", "Tegalrejo", "Margamulya", "Sidomukti"],
        ["Tegalrejo", "Sidomukti"],
    ),
    (
        "P3399020202",
        "Kedungwaru",
        1,
        False,
        ["Kedungwaru", "Ngemplak", "Jatisari", "Purwodadi"],
        ["Jatisari"],
    ),
    (
        "P3399030101",
        "Girimulya",
        2,
        False,
        ["Girimulya", "Sukaresmi", "Cikalong", "Margahayu"],
        ["Cikalong"],
    ),
    (
        "P3399030202",
        "Tanjungsari",
        2,
        True,
        ["Tanjungsari", "Rancabali", "Sukamulya", "Cipanas", "Bantarjati", "Lembang"],
        ["Rancabali"],
    ),
]
PUSKESMAS_LAIN = [
    (
        "P3398010101",
        "Tirtamulya",
        0,
        False,
        ["Tirtamulya", "Kebonsari", "Sumbersari"],
        ["Kebonsari"],
    ),
    ("P3398010202", "Pelita", 0, True, ["Pelita", "Harjosari", "Bumirejo"], []),
]


@dataclass(frozen=True)
class Akun:
    username: str
    nama: str
    jabatan: str
    peran: tuple[tuple[str, str | None, int | None], ...]  # (peran, scope code, klaster)


AKUN = [
    Akun("admin", "Administrator Nasional", "Admin sistem", ((Peran.ADMIN_NASIONAL, None, None),)),
    Akun(
        "kapus.sukamaju",
        "dr. Ratna Wulandari",
        "Kepala Puskesmas Sukamaju",
        ((Peran.KEPALA_PUSKESMAS, "P3399010101", None),),
    ),
    Akun(
        "ktu.sukamaju",
        "Budi Santoso, S.KM",
        "Kepala Tata Usaha",
        ((Peran.KEPALA_TU, "P3399010101", None),),
    ),
    Akun(
        "pj1.sukamaju",
        "Sri Lestari, S.E",
        "PJ Klaster 1 Manajemen",
        ((Peran.PJ_KLASTER, "P3399010101", 1),),
    ),
    Akun(
        "pj2.sukamaju",
        "Siti Aminah, Amd.Keb",
        "PJ Klaster 2 Ibu dan Anak",
        ((Peran.PJ_KLASTER, "P3399010101", 2), (Peran.TIM_MUTU, "P3399010101", None)),
    ),
    Akun(
        "pj3.sukamaju",
        "Agus Salim, S.Kep",
        "PJ Klaster 3 Usia Dewasa dan Lansia",
        ((Peran.PJ_KLASTER, "P3399010101", 3),),
    ),
    Akun(
        "pj4.sukamaju",
        "Dewi Kartika, S.KM",
        "PJ Klaster 4 Penanggulangan Penyakit Menular",
        ((Peran.PJ_KLASTER, "P3399010101", 4),),
    ),
    Akun(
        "pj5.sukamaju",
        "Hendra Gunawan, Amd.Kes",
        "PJ Klaster 5 Lintas Klaster",
        ((Peran.PJ_KLASTER, "P3399010101", 5),),
    ),
    Akun(
        "mutu.sukamaju",
        "Yuliana, S.Farm",
        "Ketua Tim Mutu",
        ((Peran.TIM_MUTU, "P3399010101", None),),
    ),
    Akun(
        "staf.sukamaju", "Rudi Hartono", "Perawat pelaksana", ((Peran.STAF, "P3399010101", None),)
    ),
    Akun("staf.cempaka", "Nur Hidayah", "Bidan pelaksana", ((Peran.STAF, "P3399010202", None),)),
    Akun(
        "kapus.cempaka",
        "dr. Andi Pratama",
        "Kepala Puskesmas Cempaka",
        ((Peran.KEPALA_PUSKESMAS, "P3399010202", None),),
    ),
    # Kepala of the other Puskesmas of Banyumanis: each opens and submits its own PKP.
    Akun(
        "kapus.wanasari",
        "dr. Bambang Wijaya",
        "Kepala Puskesmas Wanasari",
        ((Peran.KEPALA_PUSKESMAS, "P3399020101", None),),
    ),
    Akun(
        "kapus.kedungwaru",
        "dr. Fitri Handayani",
        "Kepala Puskesmas Kedungwaru",
        ((Peran.KEPALA_PUSKESMAS, "P3399020202", None),),
    ),
    Akun(
        "kapus.girimulya",
        "drg. Yusuf Hamdani",
        "Kepala Puskesmas Girimulya",
        ((Peran.KEPALA_PUSKESMAS, "P3399030101", None),),
    ),
    Akun(
        "kapus.tanjungsari",
        "dr. Intan Permatasari",
        "Kepala Puskesmas Tanjungsari",
        ((Peran.KEPALA_PUSKESMAS, "P3399030202", None),),
    ),
    Akun(
        "verifikator.banyumanis",
        "Lina Marlina, S.KM, M.Kes",
        "Verifikator Dinkes",
        ((Peran.VERIFIKATOR_DINKES, "3399", None),),
    ),
    Akun(
        "admin.banyumanis",
        "Taufik Hidayat, S.Kom",
        "Admin Dinkes",
        ((Peran.ADMIN_DINKES, "3399", None),),
    ),
    Akun(
        "staf.tirtamulya",
        "Eko Prasetyo",
        "Staf Puskesmas Tirtamulya",
        ((Peran.STAF, "P3398010101", None),),
    ),
    Akun(
        "verifikator.tirtamulya",
        "Maya Sari, S.KM",
        "Verifikator Dinkes Kota Tirtamulya",
        ((Peran.VERIFIKATOR_DINKES, "3398", None),),
    ),
]


def _nip(seed: int) -> str:
    return (
        f"19{70 + seed % 25:02d}0{seed % 9 + 1}1{seed % 3}2000{seed % 10}{seed:02d}0{seed % 2 + 1}"[
            :18
        ].ljust(18, "0")
    )


class Command(BaseCommand):
    help = "Isi data demo (dua kabupaten, Puskesmas, desa, Pustu, satu akun per peran)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanpa-cerita",
            action="store_true",
            help="Hanya wilayah, akun dan PKP: tanpa target, RUK, Lokmin dan PWS tahun ini.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        tahun = timezone.localdate().year
        TahunPerencanaan.objects.filter(aktif=True).exclude(tahun=tahun).update(aktif=False)
        TahunPerencanaan.objects.update_or_create(tahun=tahun, defaults={"aktif": True})
        TahunPerencanaan.objects.get_or_create(tahun=tahun + 1)

        provinsi, _ = Provinsi.objects.get_or_create(kode="33", defaults={"nama": "Jawa Tengah"})
        utama = self._kabupaten(
            provinsi,
            "3399",
            "Kabupaten Banyumanis",
            JenisKabupaten.KABUPATEN,
            ["Sukamaju", "Wanasari", "Girimulya"],
            PUSKESMAS_UTAMA,
            tahun,
        )
        lain = self._kabupaten(
            provinsi,
            "3398",
            "Kota Tirtamulya",
            JenisKabupaten.KOTA,
            ["Tirtamulya"],
            PUSKESMAS_LAIN,
            tahun,
        )
        kabupaten = {utama.kode: utama, lain.kode: lain}
        klaster = pastikan_klaster()
        # Pages only read the indicator catalogue (a GET never creates it), so the demo
        # starts with the catalogues of the years being planned, as an admin Dinkes would.
        from perencanaan.services.katalog import katalog_isi_awal, rentang_tahun_katalog

        awal, akhir = rentang_tahun_katalog()
        for kab in kabupaten.values():
            for t in range(awal, akhir + 1):
                katalog_isi_awal(kabupaten=kab, tahun=t)
        # The national default PKP instrument (also loaded by a migration; idempotent, in
        # case the database was flushed). Each Dinkes copies it with an explicit POST.
        from pkp.services.instrumen import standar_nasional_pastikan

        for t in (tahun, tahun + 1):
            standar_nasional_pastikan(t)

        baris = []
        kepala, pengguna = {}, {}
        for i, akun in enumerate(AKUN, start=1):
            user, dibuat = User.objects.get_or_create(
                username=akun.username,
                defaults={
                    "nama_lengkap": akun.nama,
                    "jabatan": akun.jabatan,
                    "nip": _nip(i) if akun.username != "admin" else "",
                    "email": f"{akun.username}@contoh.go.id",
                    "is_staff": akun.username == "admin",
                    "is_superuser": akun.username == "admin",
                },
            )
            if dibuat:
                user.set_password(PASSWORD_DEMO)
                user.save()
            for peran, lingkup, nomor in akun.peran:
                PenugasanPeran.objects.get_or_create(
                    user=user,
                    peran=peran,
                    puskesmas=Puskesmas.objects.get(kode=lingkup)
                    if lingkup and lingkup.startswith("P")
                    else None,
                    kabupaten=kabupaten.get(lingkup)
                    if lingkup and not lingkup.startswith("P")
                    else None,
                    klaster=klaster[nomor] if nomor else None,
                )
            if akun.username.startswith("kapus."):
                Puskesmas.objects.filter(kode=akun.peran[0][1]).update(
                    kepala_nama=user.nama_lengkap, kepala_nip=user.nip
                )
                kepala[akun.peran[0][1]] = user
            pengguna[akun.username] = user
            baris.append(
                (akun.username, ", ".join(str(Peran(p[0]).label) for p in akun.peran), akun.jabatan)
            )

        # PKP of the last two finished years in Banyumanis: the ranking compares them.
        from pkp.demo import isi_demo

        tahun_pkp = isi_demo(
            kabupaten=utama,
            admin=pengguna["admin.banyumanis"],
            verifikator=pengguna["verifikator.banyumanis"],
            kepala=kepala,
        )

        if not options.get("tanpa_cerita"):
            self._cerita(utama, kepala, pengguna)

        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo siap (PKP tahun {tahun_pkp} di {utama.nama}). "
                f"Akun demo (kata sandi semua: {PASSWORD_DEMO}):"
            )
        )
        lebar = max(len(b[0]) for b in baris)
        for username, peran, jabatan in baris:
            self.stdout.write(f"  {username.ljust(lebar)}  {peran} — {jabatan}")

    def _cerita(self, kabupaten, kepala, pengguna):
        """The year under way, relative to today: this year's targets and SK, next year's
        RUK, last month's Lokmin and this year's PWS, this year's supervision, audit,
        registers and RTM (see ``perencanaan.demo``, ``lokmin.demo``, ``pengawasan.demo``)."""
        from lokmin.demo import isi_demo as isi_p2
        from pengawasan.demo import isi_demo as isi_p3
        from perencanaan.demo import isi_demo as isi_p1

        ktu = {
            kode: pengguna[f"ktu.{p.nama.lower()}"]
            for kode, p in ((k, Puskesmas.objects.get(kode=k)) for k in kepala)
            if f"ktu.{p.nama.lower()}" in pengguna
        }
        isi_p1(kabupaten=kabupaten, kepala=kepala, ktu=ktu)
        sukamaju = Puskesmas.objects.get(kode=PUSKESMAS_UTAMA[0][0])
        isi_p2(puskesmas=sukamaju, penyusun=pengguna["ktu.sukamaju"], pengguna=pengguna)
        isi_p3(
            puskesmas=sukamaju,
            kepala=kepala[sukamaju.kode],
            verifikator=pengguna["verifikator.banyumanis"],
            pengguna=pengguna,
        )

    def _kabupaten(self, provinsi, kode, nama, jenis, kecamatan_nama, daftar, tahun):
        kab, _ = Kabupaten.objects.get_or_create(
            kode=kode,
            defaults={
                "provinsi": provinsi,
                "nama": nama,
                "jenis": jenis,
                "nama_dinkes": f"Dinas Kesehatan {nama}",
                "alamat_dinkes": f"Jl. Kesehatan No. 1, {nama}",
            },
        )
        kecamatan = []
        for i, kec in enumerate(kecamatan_nama, start=1):
            obj, _ = Kecamatan.objects.get_or_create(
                kode=f"{kode}{i:03d}", defaults={"kabupaten": kab, "nama": kec}
            )
            kecamatan.append(obj)
        for n, (pkode, pnama, kec_i, inap, desa_list, pustu_list) in enumerate(daftar, start=1):
            pusk, _ = Puskesmas.objects.get_or_create(
                kode=pkode,
                defaults={
                    "nama": pnama,
                    "kecamatan": kecamatan[kec_i],
                    "rawat_inap": inap,
                    "alamat": f"Jl. Raya {pnama} No. {n * 7}",
                    "telepon": f"0281-6{n:02d}{n:03d}",
                    "email": f"pkm.{pnama.lower()}@contoh.go.id",
                },
            )
            desa_obj = {}
            for d, dnama in enumerate(desa_list, start=1):
                desa, _ = Desa.objects.get_or_create(
                    puskesmas=pusk,
                    kode=f"{kecamatan[kec_i].kode}{n:01d}{d:02d}",
                    defaults={"nama": dnama},
                )
                desa_obj[dnama] = desa
                penduduk = 2500 + (n * 937 + d * 613) % 4000
                for kategori, jumlah in _sasaran(penduduk).items():
                    SasaranDesa.objects.get_or_create(
                        desa=desa, tahun=tahun, kategori=kategori, defaults={"jumlah": jumlah}
                    )
            for pnama_pustu in pustu_list:
                Pustu.objects.get_or_create(
                    puskesmas=pusk, nama=pnama_pustu, defaults={"desa": desa_obj.get(pnama_pustu)}
                )
        return kab


def _sasaran(penduduk: int) -> dict[str, int]:
    """Rough sasaran from population, with the usual Kemenkes proportions."""
    cbr = 0.0168
    return {
        KategoriSasaran.PENDUDUK: penduduk,
        KategoriSasaran.KK: round(penduduk / 3.6),
        KategoriSasaran.IBU_HAMIL: round(1.1 * cbr * penduduk),
        KategoriSasaran.IBU_BERSALIN: round(1.05 * cbr * penduduk),
        KategoriSasaran.BAYI_BARU_LAHIR: round(cbr * penduduk),
        KategoriSasaran.BAYI: round(cbr * penduduk),
        KategoriSasaran.BALITA: round(0.08 * penduduk),
        KategoriSasaran.USIA_PENDIDIKAN_DASAR: round(0.17 * penduduk),
        KategoriSasaran.USIA_PRODUKTIF: round(0.66 * penduduk),
        KategoriSasaran.USIA_LANJUT: round(0.11 * penduduk),
    }
