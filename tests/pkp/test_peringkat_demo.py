"""The demo kabupaten's PKP: its ranking matches the groups worked out by hand in
``pkp.demo``, ``pkp_ranking`` prints it, and seeding twice changes nothing."""

import csv
import io
from decimal import Decimal

from django.core.management import call_command

from pkp.demo import tahun_pkp_demo
from pkp.models import PenilaianPKP
from pkp.selectors.peringkat import peringkat_kabupaten
from puskesmas.alat.alur import StatusAlur
from puskesmas.models import Kabupaten


def test_the_demo_ranking_matches_the_hand_computed_one(db):
    call_command("seed_demo", stdout=io.StringIO())
    tahun = tahun_pkp_demo()
    banyumanis = Kabupaten.objects.get(kode="3399")
    data = peringkat_kabupaten(kabupaten=banyumanis, tahun=tahun)
    # By hand in pkp/demo.py: Sukamaju I; Wanasari II before Kedungwaru II (higher
    # pelayanan); Girimulya III; Cempaka submitted and Tanjungsari a draft, apart.
    assert [(b.puskesmas.nama, int(b.kelompok), b.nomor) for b in data.ditetapkan] == [
        ("Sukamaju", 1, 1),
        ("Wanasari", 2, 1),
        ("Kedungwaru", 2, 2),
        ("Girimulya", 3, 1),
    ]
    assert [(b.puskesmas.nama, b.status) for b in data.belum] == [
        ("Cempaka", StatusAlur.DIAJUKAN),
        ("Tanjungsari", StatusAlur.DRAFT),
    ]
    sukamaju = data.ditetapkan[0]
    # (98 + 93 + 95 + 97) / 4 and (10 + 10 + 7 + 10 + 10) / 5
    assert (sukamaju.nilai.pelayanan, sukamaju.nilai.manajemen) == (
        Decimal("95.75"),
        Decimal("9.4"),
    )
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

    keluar = io.StringIO()
    call_command("pkp_ranking", "--kabupaten", "3399", "--tahun", str(tahun), stdout=keluar)
    baris = list(csv.reader(io.StringIO(keluar.getvalue())))
    assert [(r[3], r[1]) for r in baris[1:]] == [
        ("Sukamaju", "I"),
        ("Wanasari", "II"),
        ("Kedungwaru", "II"),
        ("Girimulya", "III"),
    ]

    jumlah = PenilaianPKP.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert PenilaianPKP.objects.count() == jumlah == 12
