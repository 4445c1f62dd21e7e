"""Browser tests: Playwright drives the system's headless Chromium against live_server.

Chromium comes from the distribution package (``/usr/bin/chromium``); set CHROMIUM_PATH to
use another binary. No browser is downloaded.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Assertions wait for the page as actions do: a click that submits a form or follows a link
# returns once the navigation has begun, so what the test reads next is still arriving.
# ``expect(...)`` retries until it holds or this timeout passes; a bare ``is_visible()`` or
# ``inner_text()`` reads once, and under load it reads the old page or half of the new one.
expect.set_options(timeout=15_000)

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(
            "Chromium not found: install the 'chromium' package (make test does) "
            "or set CHROMIUM_PATH"
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", tanpa_cerita=True, verbosity=0, stdout=open(os.devnull, "w"))


@pytest.fixture
def demo_cerita(transactional_db):
    """The demo with its year under way (targets, SK, RUK, Lokmin, RTL), as ``make run``
    shows it."""
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))


def pindah(locator) -> None:
    """Click a link or button that loads a page, and wait until the new page has loaded.

    For what follows that could also hold on the old page (the same flash message again,
    rows read with ``.all()``): ``expect`` alone would be satisfied by the page being left.
    """
    with locator.page.expect_navigation():
        locator.click()


def pantau_csp(page) -> list[str]:
    """Collect the Content-Security-Policy violations Chromium reports on ``page``.

    The pages run under the app's policy: anything it blocks (an inline script or handler,
    an injected style, eval) is a bug, so ``halaman`` fails its test on any of them.
    """
    pelanggaran: list[str] = []

    def catat(pesan):
        if "Content Security Policy" in pesan.text:
            pelanggaran.append(f"{page.url}: {pesan.text}")

    page.on("console", catat)
    return pelanggaran


@pytest.fixture
def halaman(browser, live_server):
    # A desktop screen: the full menu shows from 1200px (narrower: the menu button).
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    pelanggaran = pantau_csp(page)
    yield page
    context.close()
    assert pelanggaran == [], "CSP violations:\n" + "\n".join(pelanggaran)


def masuk(page, username, password="demo12345"):
    page.goto(page.base_url + "/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    pindah(page.get_by_role("button", name="Masuk"))


def keluar(page):
    page.locator("nav .dropdown-toggle").click()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")
