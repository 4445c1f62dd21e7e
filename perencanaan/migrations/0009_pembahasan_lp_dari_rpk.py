"""The single LP/LS discussion an RPK used to carry becomes its lintas program record.

Until now an RPK held one discussion (date, forum, result) described as "Lokakarya Mini
bulanan Januari". The January Lokmin bulanan is the lintas program forum, so that is what
the old record was; the lintas sektor discussion (February Lokmin tribulanan) was never
recorded apart and is left for the Puskesmas to fill in. Going back puts the lintas program
record into the old fields again and removes it, so the way forward can run again.
"""

from django.db import migrations


def ke_catatan_lp(apps, schema_editor):
    RPK = apps.get_model("perencanaan", "RPK")
    PembahasanRPK = apps.get_model("perencanaan", "PembahasanRPK")
    PembahasanRPK.objects.bulk_create(
        PembahasanRPK(
            rpk_id=rpk.pk,
            jenis="lp",
            tanggal=rpk.tanggal_pembahasan,
            forum=rpk.forum_pembahasan,
            catatan=rpk.catatan_pembahasan,
        )
        for rpk in RPK.objects.filter(tanggal_pembahasan__isnull=False)
    )


def kembali_ke_rpk(apps, schema_editor):
    RPK = apps.get_model("perencanaan", "RPK")
    PembahasanRPK = apps.get_model("perencanaan", "PembahasanRPK")
    for p in PembahasanRPK.objects.filter(jenis="lp"):
        RPK.objects.filter(pk=p.rpk_id).update(
            tanggal_pembahasan=p.tanggal, forum_pembahasan=p.forum, catatan_pembahasan=p.catatan
        )
    PembahasanRPK.objects.filter(jenis="lp").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("perencanaan", "0008_pembahasan_rpk"),
    ]

    operations = [migrations.RunPython(ke_catatan_lp, kembali_ke_rpk)]
