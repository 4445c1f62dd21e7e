"""Copy the kabupaten due dates (and their audit history) to the core's TenggatKabupaten.

The due-date registry moved to the core (``puskesmas.alat.tenggat_daftar``), so the core
pages and the reminder task can read every app's kinds. The rows are copied, not the table
renamed: the new table has one more column (``kejadian``) and a new unique key, and a plain
copy behaves the same on SQLite and PostgreSQL. The old table is dropped by the next
migration, after this one has committed.
"""

from django.core.management.color import no_style
from django.db import migrations

KOLOM = ("kabupaten_id", "tahun", "jenis", "tanggal")
KOLOM_RIWAYAT = KOLOM + (
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
)


def salin(dari, ke, kolom, **tambahan):
    ke.objects.bulk_create(
        [ke(**{k: getattr(r, k) for k in kolom}, **tambahan) for r in dari.objects.all()],
        batch_size=500,
    )


def setel_urutan(schema_editor, *model):
    """Explicit ids were inserted: move PostgreSQL's sequences past them (no-op on SQLite)."""
    sql = schema_editor.connection.ops.sequence_reset_sql(no_style(), list(model))
    with schema_editor.connection.cursor() as cursor:
        for perintah in sql:
            cursor.execute(perintah)


def maju(apps, schema_editor):
    # Rows keep their ids, so their copied history still points at them.
    baru = apps.get_model("puskesmas", "TenggatKabupaten")
    riwayat = apps.get_model("puskesmas", "HistoricalTenggatKabupaten")
    salin(apps.get_model("perencanaan", "TenggatKabupaten"), baru, ("id",) + KOLOM, kejadian="")
    salin(
        apps.get_model("perencanaan", "HistoricalTenggatKabupaten"),
        riwayat,
        KOLOM_RIWAYAT,
        kejadian="",
    )
    setel_urutan(schema_editor, baru, riwayat)


def mundur(apps, schema_editor):
    lama = apps.get_model("perencanaan", "TenggatKabupaten")
    riwayat = apps.get_model("perencanaan", "HistoricalTenggatKabupaten")
    # Only what the old table can hold: the two February kinds, one occurrence a year.
    februari = {"jenis__in": ("target_kinerja", "sk_target"), "kejadian": ""}
    baru = apps.get_model("puskesmas", "TenggatKabupaten")
    lama.objects.bulk_create(
        [lama(**{k: getattr(r, k) for k in ("id",) + KOLOM}) for r in baru.objects.filter(**februari)]
    )
    riwayat_baru = apps.get_model("puskesmas", "HistoricalTenggatKabupaten")
    riwayat.objects.bulk_create(
        [
            riwayat(**{k: getattr(r, k) for k in KOLOM_RIWAYAT})
            for r in riwayat_baru.objects.filter(**februari)
        ]
    )
    setel_urutan(schema_editor, lama, riwayat)
    # Moved, not copied: applying this migration again copies them forward again.
    riwayat_baru.objects.filter(**februari).delete()
    baru.objects.filter(**februari).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("perencanaan", "0004_analisis_penyebab_pemecahan_survei"),
        ("puskesmas", "0008_tenggat_kabupaten"),
    ]

    operations = [migrations.RunPython(maju, mundur)]
