"""Navigation by role: what the menu shows is derived from the user's scope."""

from dataclasses import dataclass

from django.urls import reverse

from .alat.access import Aksi, lingkup


@dataclass(frozen=True)
class Menu:
    label: str
    url: str
    ikon: str
    kunci: str


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = lingkup(user)
    menu = [Menu("Beranda", reverse("beranda"), "house", "beranda")]
    if scope.tingkat_puskesmas or scope.nasional:
        menu += [
            Menu("Perencanaan", reverse("perencanaan:index"), "clipboard-check", "perencanaan"),
            Menu("Lokmin & PWS", reverse("lokmin:index"), "people", "lokmin"),
            Menu("Pengawasan", reverse("pengawasan:index"), "search", "pengawasan"),
            Menu("PKP", reverse("pkp:index"), "bar-chart", "pkp"),
        ]
    if scope.kabupaten_ids(Aksi.REKAP_KABUPATEN) or scope.nasional:
        menu.append(Menu("Rekap Kabupaten", reverse("rekap_kabupaten_index"), "table", "rekap"))
        if not scope.tingkat_puskesmas and not scope.nasional:
            # Dinkes: the kabupaten-level pages of planning (RUK, catalogue, deadlines) and PKP.
            menu += [
                Menu("Perencanaan", reverse("perencanaan:index"), "clipboard-check", "perencanaan"),
                Menu("PKP", reverse("pkp:index"), "bar-chart", "pkp"),
            ]
    from .services.pengguna import boleh_kelola_pengguna

    if boleh_kelola_pengguna(user):
        menu.append(Menu("Pengguna", reverse("pengguna:daftar"), "person-gear", "pengguna"))
    from .models import Notifikasi

    belum_dibaca = Notifikasi.objects.for_user(user).belum_dibaca().count()
    from .views.beranda import tahun_terpilih

    tahun = tahun_terpilih(request)
    return {
        "menu_utama": menu,
        "lingkup": scope,
        "notifikasi_belum_dibaca": belum_dibaca,
        "tahun_dipilih": tahun,
        "tahun_pilihan": range(tahun - 3, tahun + 3),
    }
