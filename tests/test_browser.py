"""A reader in a real browser (Playwright driving Debian's Chromium): open the index,
follow a document link, show a footnote in place, switch views, save a screenshot."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    assert shutil.which("chromium"), "chromium is not installed (apt-get install -y chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def test_reader_journey(browser, built):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((built / "html" / "index.html").as_uri())
    assert page.locator("table.documents tbody tr").count() == 5
    page.get_by_role("link", name="Cable from USSR Ambassador to Cuba Alekseev").click()
    assert page.locator("h1").inner_text().startswith("Cable from USSR Ambassador")

    mark = page.locator("a.noteref").first
    mark.focus()
    popup = page.locator(".note-popup")
    popup.wait_for(state="visible")
    assert "Presumably a reference" in popup.inner_text()
    page.keyboard.press("Escape")
    assert popup.count() == 0

    supplied = page.locator(".mark.subaudible").first
    assert supplied.locator(".reading").is_visible()
    assert supplied.inner_text() == "Cuban"
    page.get_by_label("Diplomatic (as transcribed)").check()
    assert supplied.locator(".diplomatic").is_visible()
    assert not supplied.locator(".reading").is_visible()
    assert supplied.inner_text() == "[Cuban]"

    shot = ROOT / "output" / "screenshots" / "document.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10000
    assert all(url.startswith("file://") for url in requests), requests


def test_pages_work_without_javascript(browser, built):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto((built / "html" / "1962-10-28-cable-alekseev-foreign-ministry.html").as_uri())
    page.locator("a.noteref").first.click()
    assert page.evaluate("location.hash") == "#n1"
    page.get_by_label("Diplomatic (as transcribed)").check()
    assert page.locator(".mark.subaudible").first.inner_text() == "[Cuban]"
