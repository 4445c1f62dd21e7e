"""The pages work under the Content-Security-Policy, and a violation fails a browser test."""

import pytest

from .conftest import masuk, pantau_csp

pytestmark = pytest.mark.browser


def test_the_year_picker_submits_without_an_inline_handler(halaman, demo):
    page = halaman
    masuk(page, "staf.sukamaju")
    pilih = page.locator("#pilih-tahun")
    lain = [v for v in pilih.locator("option").evaluate_all("os => os.map(o => o.value)")]
    baru = next(v for v in lain if v != pilih.input_value())
    with page.expect_navigation():
        pilih.select_option(baru)
    assert page.locator("#pilih-tahun").input_value() == baru
    # htmx ran and injected no <style> of its own (the policy would have refused it).
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("document.querySelectorAll('head style').length") == 0


def test_an_injected_inline_handler_is_blocked_and_reported(browser, live_server, demo):
    context = browser.new_context()
    page = context.new_page()
    pelanggaran = pantau_csp(page)
    try:
        page.goto(live_server.url + "/akun/masuk/")
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend',"
            ' \'<img src="/tidak-ada.png" onerror="window.tembus = 1">\')'
        )
        page.wait_for_timeout(500)
        assert page.evaluate("window.tembus") is None
        assert pelanggaran, "the listener saw no violation"
    finally:
        context.close()
