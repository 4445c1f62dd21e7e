"""Navigation by role: what the menu shows is derived from the user's scope."""

from dataclasses import dataclass

from .alat.access import Aksi, lingkup
from .alat.tautan import balik


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
    menu = [Menu("Beranda", balik("beranda"), "house", "beranda")]
    if scope.tingkat_puskesmas or scope.nasional:
        menu += [
            Menu("Perencanaan", balik("perencanaan:index"), "clipboard-check", "perencanaan"),
            Menu("Lokmin & PWS", balik("lokmin:index"), "people", "lokmin"),
            Menu("Pengawasan", balik("pengawasan:index"), "search", "pengawasan"),
            Menu("PKP", balik("pkp:index"), "bar-chart", "pkp"),
        ]
    if scope.kabupaten_ids(Aksi.REKAP_KABUPATEN) or scope.nasional:
        menu.append(Menu("Rekap Kabupaten", balik("rekap_kabupaten_index"), "table", "rekap"))
        if not scope.tingkat_puskesmas and not scope.nasional:
            # Dinkes: the kabupaten-level pages of planning (RUK, catalogue, deadlines) and PKP.
            menu += [
                Menu("Perencanaan", balik("perencanaan:index"), "clipboard-check", "perencanaan"),
                Menu("PKP", balik("pkp:index"), "bar-chart", "pkp"),
            ]
    from .services.pengguna import boleh_kelola_pengguna

    if boleh_kelola_pengguna(user):
        menu.append(Menu("Pengguna", balik("pengguna:daftar"), "person-gear", "pengguna"))
    from .selectors.inti import jumlah_notifikasi_belum_dibaca

    belum_dibaca = jumlah_notifikasi_belum_dibaca(user)
    from .views.beranda import tahun_terpilih

    tahun = tahun_terpilih(request)
    return {
        "menu_utama": menu,
        "lingkup": scope,
        "notifikasi_belum_dibaca": belum_dibaca,
        "tahun_dipilih": tahun,
        "tahun_pilihan": range(tahun - 3, tahun + 3),
    }
