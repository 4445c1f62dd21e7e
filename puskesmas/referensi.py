"""Reference data every installation has. Migration 0002 loads the same list."""

KLASTER = [
    (1, "Manajemen"),
    (2, "Ibu dan Anak"),
    (3, "Usia Dewasa dan Lansia"),
    (4, "Penanggulangan Penyakit Menular"),
    (5, "Lintas Klaster"),
]


def pastikan_klaster():
    """Create or refresh the five ILP klaster (after a flush, say); returns them by number."""
    from .models import Klaster

    for nomor, nama in KLASTER:
        Klaster.objects.update_or_create(nomor=nomor, defaults={"nama": nama})
    return {k.nomor: k for k in Klaster.objects.all()}
