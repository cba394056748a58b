"""A reader in a real browser (Playwright driving Debian's Chromium): open the index,
follow a document link, show a footnote in place, switch views, save a screenshot."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from playwright.sync_api import sync_playwright

from edition.tei import AUTHORITY_FILES

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

    supplied = page.locator(".mark.implied").first
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
    assert page.locator(".mark.implied").first.inner_text() == "[Cuban]"


def test_a_reader_suggests_a_correction(browser, built, tmp_path, runner):
    """Select words, "Suggest a correction", get an entry that edition correct --apply
    takes as it is (once the reader has said what it should read and who they are)."""
    import tomllib

    from edition.build import build
    from edition.cli import cli

    out = tmp_path / "out"
    build(ROOT / "tei", out, {"html"}, {"suggest-to": "mailto:editors@example.org"})
    page = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    stem = "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez"
    page.goto((out / "html" / f"{stem}.html").as_uri())
    paragraph = page.locator("#p68")
    paragraph.scroll_into_view_if_needed()
    page.evaluate(
        """() => {
          const p = document.getElementById('p68');
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode()) && !node.data.includes('die beautifully')) {}
          const at = node.data.indexOf('die beautifully');
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 'die beautifully'.length);
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
        }"""
    )
    page.evaluate("document.dispatchEvent(new MouseEvent('mouseup'))")  # as after a drag
    button = page.get_by_role("button", name="Suggest a correction")
    button.wait_for(state="visible")
    button.click()
    dialog = page.get_by_role("dialog", name="Suggest a correction")
    dialog.wait_for(state="visible")
    text = dialog.get_by_label("Correction entry").input_value()
    entry = tomllib.loads(text)["correction"][0]
    assert entry["document"] == stem and entry["in"] == "p68"
    assert entry["find"] == "die beautifully"
    send = dialog.locator("a.send")
    assert send.get_attribute("href").startswith("mailto:editors@example.org?subject=")
    assert "die%20beautifully" in send.get_attribute("href")
    dialog.get_by_role("button", name="Copy").click()
    dialog.get_by_role("button", name="Copied").wait_for(state="visible")

    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tests" / "golden" / "tei", tei)
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, tei)
    filled = text.replace('replace = "die beautifully"', 'replace = "die gloriously"')
    filled = filled.replace('by = ""', 'by = "Rhea Reader"')
    batch = tmp_path / "suggested.toml"
    batch.write_text(filled, encoding="utf-8")
    result = runner.invoke(cli, ["correct", "--tei", str(tei), "--apply", str(batch)])
    assert result.exit_code == 0, result.output
    assert "in p68: 'beautifully' -> 'gloriously'" in result.output
    assert errors == []


def test_no_page_loads_anything_from_outside(browser, built, tmp_path):
    """Every page of the edition, and one built from hostile TEI, with request interception:
    nothing is fetched but files of the edition folder."""
    from edition.build import build

    hostile = tmp_path / "tei"
    hostile.mkdir()
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, hostile)
    text = (ROOT / "tei" / "1962-10-28-cable-alekseev-foreign-ministry.xml").read_text("utf-8")
    text = text.replace("https://digitalarchive.umd.edu", "https://evil.example/x.png?").replace(
        "<title>", '<title>&lt;img src="https://evil.example/t.png"&gt;', 1
    )
    (hostile / "hostile.xml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(hostile, out, {"html"}, {"base-url": "https://evil.example/"})
    pages = [*(built / "html").glob("*.html"), *(out / "html").glob("*.html")]
    context = browser.new_context()
    outside: list[str] = []

    def route(request_route):
        url = request_route.request.url
        allowed = any(url.startswith(folder.as_uri()) for folder in (built, out))
        if not allowed:
            outside.append(url)
            request_route.abort()
        else:
            request_route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
    assert len(pages) >= 9
    assert outside == []


def test_every_page_fits_a_phone(browser, built):
    """390 px wide: nothing wider than the screen (the index and errata as cards)."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    for html in sorted((built / "html").glob("*.html")):
        page.goto(html.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (html.name, width)
    page.goto((built / "html" / "index.html").as_uri())
    assert page.locator("table.documents tbody tr").first.is_visible()
    page.close()


def test_the_paragraph_link_takes_no_line_of_its_own(browser, built):
    """Taking the hidden ¶ out of each paragraph leaves its height as it was."""
    page = browser.new_page(viewport={"width": 700, "height": 900})
    stem = "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez"
    page.goto((built / "html" / f"{stem}.html").as_uri())
    changed = page.evaluate(
        """() => [...document.querySelectorAll('p > a.anchor')].filter(a => {
             const p = a.parentElement, before = p.getBoundingClientRect().height;
             const next = a.nextSibling; a.remove();
             const after = p.getBoundingClientRect().height;
             p.insertBefore(a, next); return before !== after; }).length"""
    )
    assert page.locator("p > a.anchor").count() > 50 and changed == 0
    text = page.locator("main").inner_text()
    assert "do ‖ this" in text and "‖this" not in text  # copied text keeps the words apart
    page.close()


def test_the_page_opens_on_the_translation_the_original_a_click_away(browser, built):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    stem = "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez"
    page.goto((built / "html" / f"{stem}.html").as_uri())
    summary = page.locator("section.original summary")
    assert "a fragment, breaking off at the end of a page" in summary.inner_text()
    assert not page.get_by_text("После взаимных приветствий").is_visible()
    assert page.locator("#text").bounding_box()["y"] < 900  # the translation on the first screen
    summary.click()
    assert page.get_by_text("После взаимных приветствий").is_visible()
    page.close()


A11Y = (ROOT / "tests" / "fixtures" / "a11y.js").read_text(encoding="utf-8")


def test_every_page_passes_the_accessibility_checks(browser, built):
    """One main landmark and a language; one h1 and no skipped heading level; every control
    named; text contrast at least 4.5:1 (3:1 for large text), WCAG AA."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    for html in sorted((built / "html").glob("*.html")):
        page.goto(html.as_uri())
        assert page.evaluate(A11Y) == [], html.name
    # The checks can fail: a faint line, a skipped level and an unnamed field are caught.
    page.evaluate(
        """() => { const m = document.querySelector('main');
                   m.insertAdjacentHTML('beforeend', '<p style="color:#ccc">faint</p>'
                     + '<h5>deep</h5><input id="nameless">'); }"""
    )
    found = " ".join(page.evaluate(A11Y))
    assert "contrast P" in found and "heading jump" in found and "unlabelled INPUT" in found
    page.close()


def _search(page, built, query: str) -> None:
    page.goto((built / "html" / "index.html").as_uri())
    page.get_by_role("searchbox", name="Search the edition").fill(query)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.locator("#search-status").filter(has_text="for “").wait_for()


def test_search_from_file_finds_the_paragraph_and_follows_it(browser, built):
    """From file://, with nothing loaded from anywhere else: type a query in the header's
    box, get the document and paragraph, keyword in context, follow the link."""
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    _search(page, built, "prearranged form")
    results = page.locator("#search-results > li")
    assert results.count() == 1
    assert "Cable from USSR Ambassador" in results.first.locator("h2").inner_text()
    passage = results.first.locator(".passages li").first
    assert passage.locator("mark").all_inner_texts() == ["prearranged", "form"]
    shot = ROOT / "output" / "screenshots" / "search.png"  # docs/screenshot-search.png
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1000, "height": 720})
    _search(page, built, "inspection")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10000
    _search(page, built, "prearranged form")
    passage = page.locator("#search-results > li").first.locator(".passages li").first
    passage.get_by_role("link", name="¶ 1").click()
    assert page.url.endswith("1962-10-28-cable-alekseev-foreign-ministry.html#p1")
    assert page.locator("p#p1").inner_text().startswith("Due to")
    assert all(url.startswith("file://") for url in requests), requests


def test_search_finds_a_person_by_any_form_of_the_name(browser, built):
    page = browser.new_page()
    found = {}
    for form in ("Alekseev", "Alekseyev", "Алексеев"):
        _search(page, built, form)
        found[form] = page.locator("#search-results > li h2").all_inner_texts()
    assert found["Alekseev"] == found["Alekseyev"] == found["Алексеев"]
    assert len(found["Alekseev"]) >= 3


def test_search_filters_narrow_the_results(browser, built):
    page = browser.new_page()
    _search(page, built, "Castro")  # the Russian passages name him Кастро
    passages = page.locator("#search-results .passages li").all_inner_texts()
    everything = len(passages)
    assert page.locator("#search-results > li").count() == 5
    page.get_by_label("Language").select_option("ru")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.locator("#search-status").filter(has_text="for “").wait_for()
    russian = page.locator("#search-results .kwic")
    assert 0 < russian.count() < everything
    assert set(russian.evaluate_all("els => els.map(e => e.lang)")) == {"ru"}
    page.get_by_label("Language").select_option("")
    page.get_by_label("From").fill("1963-01-01")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.locator("#search-status").filter(has_text="for “").wait_for()
    titles = page.locator("#search-results > li h2").all_inner_texts()
    assert titles == [
        "From the Journal of A.I. Alekseyev, 'Record of a Conversation with Fidel "
        "Castro Ruz, Prime Minister of the Republic of Cuba, 15 January 1963'"
    ]
    page.get_by_label("From").fill("")
    page.get_by_label("Person named").select_option("guevara")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.locator("#search-status").filter(has_text="for “").wait_for()
    with_him = page.locator("#search-results > li h2").all_inner_texts()
    assert any(t.startswith("Memorandum of Conversation") for t in with_him)
    assert 0 < len(with_him) < 5
    assert set(page.locator("#search-results .passages li").all_inner_texts()) < set(passages)


def test_search_results_are_text_not_markup(browser, tmp_path):
    """A passage holding markup shows it as text in the results: nothing from a document
    runs or becomes an element."""
    from lxml import etree

    from edition.build import build
    from edition.config import load

    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    doc = tei / "1962-10-28-cable-alekseev-foreign-ministry.xml"
    tree = etree.parse(str(doc))
    para = tree.find(
        ".//{http://www.tei-c.org/ns/1.0}p[@{http://www.w3.org/XML/1998/namespace}id='p1']"
    )
    para.text = "<img src=x onerror=alert(1)> zyxwv " + (para.text or "")
    tree.write(str(doc), encoding="UTF-8", xml_declaration=True)
    out = tmp_path / "out"
    outcome = build(tei, out, {"html"}, load(ROOT).stylesheet_params())
    assert not [d for d in outcome.problems if d.severity == "error"]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _search(page, out, "zyxwv")
    kwic = page.locator("#search-results .kwic").first
    assert "<img src=x onerror=alert(1)>" in kwic.inner_text()
    assert page.locator("#search-results img").count() == 0
    assert dialogs == []


def test_documents_are_read_in_order_with_the_keyboard(browser, built):
    """From the first document to the last by its "Next" link, keyboard only; each page
    says its place in the edition."""
    page = browser.new_page()
    page.goto((built / "html" / "index.html").as_uri())
    order = page.locator("table.documents tbody td:nth-child(2) a").all_inner_texts()
    page.locator("table.documents tbody a").first.click()
    seen = []
    for number in range(1, len(order) + 1):
        assert page.locator(".doc-number").inner_text() == f"Document {number} of {len(order)}"
        seen.append(page.locator("h1").inner_text())
        if number == len(order):
            assert page.locator("a[rel=next]").count() == 0
            break
        for _ in range(40):  # Tab until "Next" has the focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.rel") == "next":
                break
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert seen == order


@pytest.fixture(scope="module")
def series_built(tmp_path_factory):
    """The bundled edition in two volumes (edition.toml [[volumes]])."""
    from edition.build import build
    from edition.config import load

    tei = tmp_path_factory.mktemp("series") / "tei"
    shutil.copytree(ROOT / "tei", tei)
    out = tei.parent / "out"
    volumes = [("autumn-1962", "Volume I: Autumn 1962", ["1962-*"]),
               ("winter-1963", "Volume II: Winter 1963", ["1963-*"])]  # fmt: skip
    outcome = build(tei, out, {"html"}, load(ROOT).stylesheet_params(), volumes=volumes)
    assert not outcome.problems
    return out


def test_an_edition_in_volumes_is_read_volume_by_volume(browser, series_built):
    """Every page of an edition in volumes passes the accessibility checks and fits a
    phone; a reader goes from the volumes to a volume's contents, reads its documents in
    order, and searches all volumes at once."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    for html in sorted((series_built / "html").glob("*.html")):
        page.goto(html.as_uri())
        assert page.evaluate(A11Y) == [], html.name
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, html.name
    page.goto((series_built / "html" / "index.html").as_uri())
    page.get_by_role("link", name="Volume I: Autumn 1962").click()
    assert page.locator("h1").inner_text() == "Volume I: Autumn 1962"
    titles = page.locator("table.documents tbody td:nth-child(2) a").all_inner_texts()
    assert len(titles) == 4
    page.locator("table.documents tbody a").first.click()
    for number in range(1, 5):
        assert page.locator(".doc-number").inner_text() == (
            f"Document {number} of 4 in Volume I: Autumn 1962"
        )
        assert page.locator("h1").inner_text() == titles[number - 1]
        if number < 4:
            page.locator("a[rel=next]").click()
    assert page.locator("a[rel=next]").count() == 0
    page.get_by_role("link", name="Contents").click()
    assert page.url.endswith("autumn-1962.html")
    _search(page, series_built, "Castro")
    assert page.locator("#search-results > li").count() == 5  # in both volumes
    page.close()
