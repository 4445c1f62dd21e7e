"""The demo kabupaten's PKP: its ranking matches the one worked out by hand below from
the demo's values, ``pkp_ranking`` prints it, and seeding twice changes nothing."""

import csv
import io
from decimal import Decimal

from django.core.management import call_command

from pkp.demo import tahun_pkp_demo
from pkp.models import PenilaianPKP
from pkp.selectors.peringkat import peringkat_kabupaten
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Kabupaten

# Worked out by hand from the demo's values (pkp/demo.py, PROFIL_N): the coverage per
# klaster (Ibu dan Anak, Usia Dewasa dan Lansia, Penanggulangan Penyakit Menular, Lintas
# Klaster) and the score per management component (1.1 … 1.5). Thresholds are the
# defaults: pelayanan ≥ 91 I, ≥ 81 II, else III; manajemen ≥ 8.5 I, ≥ 5.5 II, else III;
# the overall group is the weaker of the two (mutu is reported, not counted); inside a
# group the higher pelayanan first.
#   Sukamaju    (98 + 93 + 95 + 97) / 4 = 383 / 4 = 95.75 → I
#               (10 + 10 + 7 + 10 + 10) / 5 = 47 / 5 = 9.4 → I            overall I, 1st
#   Wanasari    (95 + 92 + 90 + 95) / 4 = 372 / 4 = 93 → I
#               (7 + 7 + 7 + 7 + 7) / 5 = 7 → II                           overall II, 1st
#   Kedungwaru  (88 + 84 + 86 + 86) / 4 = 344 / 4 = 86 → II
#               (10 + 10 + 10 + 10 + 7) / 5 = 47 / 5 = 9.4 → I             overall II, 2nd
#                                                          (86 < 93: after Wanasari)
#   Girimulya   (78 + 70 + 72 + 76) / 4 = 296 / 4 = 74 → III
#               (4 + 7 + 7 + 7 + 7) / 5 = 32 / 5 = 6.4 → II                overall III, 1st
HARAPAN = [
    # nama, kelompok, nomor, klaster, pelayanan, komponen, manajemen
    ("Sukamaju", 1, 1, (98, 93, 95, 97), "95.75", (10, 10, 7, 10, 10), "9.4"),
    ("Wanasari", 2, 1, (95, 92, 90, 95), "93", (7, 7, 7, 7, 7), "7"),
    ("Kedungwaru", 2, 2, (88, 84, 86, 86), "86", (10, 10, 10, 10, 7), "9.4"),
    ("Girimulya", 3, 1, (78, 70, 72, 76), "74", (4, 7, 7, 7, 7), "6.4"),
]


def test_the_demo_ranking_matches_the_hand_computed_one(db):
    call_command("seed_demo", stdout=io.StringIO())
    tahun = tahun_pkp_demo()
    banyumanis = Kabupaten.objects.get(kode="3399")
    data = peringkat_kabupaten(kabupaten=banyumanis, tahun=tahun)
    assert [
        (
            b.puskesmas.nama,
            int(b.kelompok),
            b.nomor,
            tuple(b.nilai.cabang_pelayanan),
            b.nilai.pelayanan,
            tuple(b.nilai.cabang_manajemen),
            b.nilai.manajemen,
        )
        for b in data.ditetapkan
    ] == [
        (
            nama,
            kel,
            nomor,
            tuple(map(Decimal, kl)),
            Decimal(pel),
            tuple(map(Decimal, km)),
            Decimal(man),
        )
        for nama, kel, nomor, kl, pel, km, man in HARAPAN
    ]
    # Cempaka submitted and Tanjungsari a draft: listed apart, not ranked.
    assert [(b.puskesmas.nama, b.status) for b in data.belum] == [
        ("Cempaka", StatusAlur.DIAJUKAN),
        ("Tanjungsari", StatusAlur.DRAFT),
    ]
    # Last year: every Puskesmas set, in other groups (Sukamaju II → I, Wanasari I → II).
    lalu = {b.puskesmas.nama: int(b.kelompok_lalu) for b in data.semua}
    assert lalu == {
        "Sukamaju": 2,
        "Wanasari": 1,
        "Kedungwaru": 3,
        "Girimulya": 3,
        "Cempaka": 2,
        "Tanjungsari": 2,
    }

    # pkp_ranking prints the same ranking (one decimal, as displayed: 95.75 → 95.8).
    keluar = io.StringIO()
    call_command("pkp_ranking", "--kabupaten", "3399", "--tahun", str(tahun), stdout=keluar)
    baris = list(csv.reader(io.StringIO(keluar.getvalue())))
    i = {judul: n for n, judul in enumerate(baris[0])}
    assert [
        (
            r[i["Puskesmas"]],
            r[i["Kelompok"]],
            r[i["Peringkat dalam kelompok"]],
            r[i["Kinerja pelayanan (%)"]],
            r[i["Kinerja manajemen"]],
        )
        for r in baris[1:]
    ] == [
        ("Sukamaju", "I", "1", "95.8", "9.4"),
        ("Wanasari", "II", "1", "93.0", "7.0"),
        ("Kedungwaru", "II", "2", "86.0", "9.4"),
        ("Girimulya", "III", "1", "74.0", "6.4"),
    ]
    assert [r[i["Pelayanan: Ibu dan Anak (%)"]] for r in baris[1:]] == [
        f"{h[3][0]}.0" for h in HARAPAN
    ]
    assert [r[i["Manajemen: 1.1 Manajemen Umum"]] for r in baris[1:]] == [
        f"{h[5][0]}.0" for h in HARAPAN
    ]

    jumlah = PenilaianPKP.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert PenilaianPKP.objects.count() == jumlah == 12
