"""The top menu fits on one line on common office screens (1280 and 1366 px wide), for the
roles with the longest menus; narrower screens get the menu button."""

import pytest

from .conftest import keluar, masuk

pytestmark = pytest.mark.browser

# The longest menus: the national admin (every entry) and a Kepala Puskesmas.
PERAN = ["admin", "kapus.sukamaju", "admin.banyumanis"]


def _ukur(page) -> dict:
    return page.evaluate(
        """() => {
          const nav = document.querySelector('nav.navbar');
          const menu = document.querySelector('[data-testid="menu-utama"]');
          const tops = [...menu.querySelectorAll('a.nav-link')].map(a => a.getBoundingClientRect().top);
          const toggler = document.querySelector('.navbar-toggler');
          return {
            tinggi: nav.getBoundingClientRect().height,
            baris: new Set(tops.map(Math.round)).size,
            tombol: getComputedStyle(toggler).display !== 'none',
            lebar: document.documentElement.scrollWidth,
          };
        }"""
    )


@pytest.mark.parametrize("lebar", [1280, 1366])
def test_the_menu_fits_one_line_from_1280px(browser, live_server, demo, lebar):
    context = browser.new_context(viewport={"width": lebar, "height": 800}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    try:
        for username in PERAN:
            masuk(page, username)
            ukuran = _ukur(page)
            assert not ukuran["tombol"], (username, ukuran)
            assert ukuran["baris"] == 1, (username, ukuran)
            # One row of the navbar: Bootstrap's is about 56 px high; wrapped it is double.
            assert ukuran["tinggi"] < 70, (username, ukuran)
            assert ukuran["lebar"] <= lebar, (username, ukuran)
            keluar(page)
    finally:
        context.close()


def test_a_narrow_screen_gets_the_menu_button(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1100, "height": 800}, locale="id-ID")
    page = context.new_page()
    page.base_url = live_server.url
    try:
        masuk(page, "admin")
        assert _ukur(page)["tombol"]
    finally:
        context.close()
