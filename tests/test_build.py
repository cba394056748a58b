"""edition build: every output for every document, index pages, invalid input skipped."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT, SOURCES
from lxml import etree, html

from edition.cli import cli

STEMS = [s.stem for s in SOURCES]


def test_every_document_in_every_format(built):
    for stem in STEMS:
        for rel in (
            f"html/{stem}.html",
            f"print/{stem}.html",
            f"text/{stem}.txt",
            f"pdf/{stem}.pdf",
        ):
            assert (built / rel).stat().st_size > 1000, rel
    for rel in (
        "html/index.html",
        "html/persons.html",
        "html/edition.css",
        "html/edition.js",
        "print/edition.html",
        "print/print.css",
        "pdf/edition.pdf",
    ):
        assert (built / rel).exists(), rel
    assert not list(built.rglob("*.tmp")), "temporary files left behind"


def test_index_lists_documents_in_date_order(built):
    page = html.parse(str(built / "html" / "index.html")).getroot()
    dates = [t.get("datetime") for t in page.iterfind(".//tbody//time")]
    assert dates == sorted(dates) and len(dates) == len(STEMS)
    links = [a.get("href") for a in page.iterfind(".//tbody//a")]
    assert sorted(links) == sorted(f"{s}.html" for s in STEMS)
    assert "Alekseev sends the results of a meeting" in page.text_content()


def test_persons_index_links_to_each_place_a_person_is_named(built):
    page = html.parse(str(built / "html" / "persons.html")).getroot()
    section = page.get_element_by_id("dorticos")
    links = [a.get("href") for a in section.iterfind(".//a")]
    assert "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez.html#sp1" in links
    for href in links:
        doc, _, anchor = href.partition("#")
        if anchor:
            target = html.parse(str(built / "html" / doc)).getroot()
            assert target.get_element_by_id(anchor) is not None, href


def test_document_page_parts(built):
    stem = "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez"
    page = html.parse(str(built / "html" / f"{stem}.html")).getroot()
    assert page.get("lang") == "en"
    assert page.find(".//section[@lang='ru']") is not None
    speakers = page.findall(".//div[@class='sp']")
    assert len(speakers) > 40
    assert page.find(".//meta[@name='citation_title']").get("content").startswith("Memorandum")
    cite = page.find(".//section[@class='cite']").text_content()
    assert "Russian Foreign Ministry archives" in cite and "Mark H. Doctoroff" in cite
    assert page.get_element_by_id("p12").find("a[@class='anchor']").get("href") == "#p12"
    # every internal link resolves
    ids = {el.get("id") for el in page.iter() if el.get("id")}
    for a in page.iter("a"):
        href = a.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_interventions_are_explained_on_hover_and_focus(built):
    page = html.parse(
        str(built / "html" / "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez.html")
    )
    marks = page.getroot().find_class("mark")
    assert marks and all(m.get("title") and m.get("tabindex") == "0" for m in marks)
    escort = next(m for m in marks if "escort" in m.text_content())
    assert "uncertain" in escort.get("class") and escort.get("title") == (
        "Explanation by the editor (uncertain)"
    )


def test_footnotes_are_linked_both_ways(built):
    page = html.parse(
        str(built / "html" / "1962-10-28-cable-alekseev-foreign-ministry.html")
    ).getroot()
    ref = page.find(".//a[@class='noteref']")
    note = page.get_element_by_id(ref.get("href")[1:])
    assert "Presumably a reference" in note.text_content()
    assert note.find(".//a[@class='backlink']").get("href") == "#" + ref.get("id")


def test_no_request_leaves_the_site(built):
    for page in (built / "html").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for attr in re.findall(r'(?:src|href)="([^"]+)"', text):
            if attr.startswith(("http://", "https://")):
                assert 'href="' + attr in text and "<script" not in attr  # a link, never a resource
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="https?:', text)


def test_invalid_document_is_reported_and_skipped(runner, tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    bad = tei / f"{STEMS[0]}.xml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace('<p xml:id="p1">', '<p xml:id="p1" bad="1">'),
        encoding="utf-8",
    )
    expected = runner.invoke(cli, ["validate", str(bad)]).output.splitlines()[0]
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["build", "--tei", str(tei), "--out", str(out), "--formats", "html,text"]
    )
    assert result.exit_code == 1
    assert expected in result.output
    assert f"{bad}: skipped: not valid" in result.output
    assert not (out / "html" / f"{STEMS[0]}.html").exists()
    assert (out / "html" / f"{STEMS[1]}.html").exists()


def test_a_document_of_thousands_of_paragraphs_builds(tmp_path):
    """Each paragraph gets its label in the stylesheets' namespace, declared once: Saxon
    reads at most 2,047 declarations in a document."""
    from edition.build import build

    tei = tmp_path / "tei"
    tei.mkdir()
    for name in ("persons.xml", "places.xml"):
        shutil.copy(ROOT / "tei" / name, tei)
    source = (ROOT / "tei" / f"{STEMS[0]}.xml").read_text(encoding="utf-8")
    added = "".join(f'<p xml:id="x{i}">Paragraph {i}.</p>' for i in range(2100))
    (tei / "long.xml").write_text(source.replace('<p xml:id="p1">', f'{added}<p xml:id="p1">', 1),
                                  encoding="utf-8")  # fmt: skip
    outcome = build(tei, tmp_path / "out", {"text"}, {})
    assert not outcome.skipped and not outcome.problems, outcome.problems[:1]
    text = (tmp_path / "out" / "text" / "long.txt").read_text(encoding="utf-8")
    assert "Paragraph 0." in text and "Paragraph 2099." in text


def test_parallel_build_gives_the_same_files(runner, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert runner.invoke(cli, ["build", "--out", str(one), "--formats", "html,text"]).exit_code == 0
    assert (
        runner.invoke(
            cli, ["build", "--out", str(two), "--formats", "html,text", "-j", "2"]
        ).exit_code
        == 0
    )
    for path in one.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), path


def test_unknown_format_and_view_are_usage_errors(runner, tmp_path):
    result = runner.invoke(cli, ["build", "--out", str(tmp_path), "--formats", "html,docx"])
    assert result.exit_code == 2 and "docx" in result.output
    result = runner.invoke(cli, ["build", "--out", str(tmp_path), "--view", "fancy"])
    assert result.exit_code == 2


def test_parameters_reach_the_pages(runner, tmp_path):
    result = runner.invoke(
        cli,
        [
            "build",
            "--out",
            str(tmp_path),
            "--formats",
            "html",
            "--title",
            "My Edition",
            "--base-url",
            "https://example.org/ed/",
            "--view",
            "diplomatic",
        ],
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "html" / f"{STEMS[0]}.html").read_text(encoding="utf-8")
    assert "My Edition" in page
    assert f'content="https://example.org/ed/{STEMS[0]}.html"' in page
    assert 'id="view-diplomatic" checked' in page


def test_pages_are_accessible_in_structure(built):
    """Landmarks, one h1, headings that never skip a level, a lang on every page, labelled
    form controls."""
    for path in (built / "html").glob("*.html"):
        page = html.parse(str(path)).getroot()
        assert page.get("lang") == "en"
        assert page.find(".//main") is not None and page.find(".//nav") is not None
        levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and levels.count(1) == 1, path.name
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), path.name
        for control in page.iter("input"):
            labelled = page.find(f".//label[@for='{control.get('id')}']") is not None
            assert control.getparent().tag == "label" or labelled, path.name


def test_a_record_is_listed_at_the_date_of_its_conversation(built, tmp_path):
    """The journal record (dispatched 23 March 1963) is listed at its conversation, 13
    February 1963, its dispatch said beside it; moving the conversation moves it."""
    page = html.parse(str(built / "html" / "index.html")).getroot()
    row = next(r for r in page.iterfind(".//tbody/tr") if "journal" in r.find(".//a").get("href"))
    assert row.find(".//time").get("datetime") == "1963-02-13"
    assert "(conversation; dispatched 23 March 1963)" in row.text_content()

    from edition.build import build
    from edition.config import load

    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    journal = next(tei.glob("*journal*.xml"))
    text = journal.read_text(encoding="utf-8")
    journal.write_text(
        text.replace(
            '<date when="1963-02-13" type="conversation">',
            '<date when="1962-11-01" type="conversation">',
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert not build(tei, out, {"html"}, load(ROOT).stylesheet_params()).problems
    page = html.parse(str(out / "html" / "index.html")).getroot()
    links = [a.get("href") for a in page.iterfind(".//tbody//a")]
    assert links.index(f"{journal.stem}.html") == 1  # after the cable of 28 October


def test_every_internal_link_of_the_print_volume_has_its_target(built):
    """Page references of the registers and the contents point to ids that exist (a
    person named inside an inline note included)."""
    text = (built / "print" / "edition.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#([^"]+)"', text))
    ids = set(re.findall(r' id="([^"]+)"', text))
    assert targets and targets <= ids, sorted(targets - ids)


def test_index_rows_say_to_whom_and_how_the_text_begins(built):
    """The addressee, or a conversation's participants; where the source gives no summary,
    the text's first sentence, marked as such."""
    page = html.parse(str(built / "html" / "index.html")).getroot()
    rows = {r.find(".//a").get("href"): r for r in page.iterfind(".//tbody/tr")}
    memcon = rows["1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez.html"]
    cells = [td.text_content().strip() for td in memcon.iterfind("td")]
    assert "Anastas Mikoyan" in cells[3] and "Osvaldo Dorticós Torrado" in cells[3]
    assert cells[4] == (
        "The text begins: “After mutual greetings, Com. Dorticos said that Fidel Castro had "
        "not been able to come because he is feeling poorly.”"
    )
    telegram = rows["1962-11-06-telegram-mikoyan-cc-cpsu.html"]
    assert [td.text_content().strip() for td in telegram.iterfind("td")][3] == "CC CPSU"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "After greetings, Com. Dorticos said so. Then more.",
            "After greetings, Com. Dorticos said so.",
        ),
        (
            "We met A.I. Mikoyan at the airport today! Later.",
            "We met A.I. Mikoyan at the airport today!",
        ),
        ("No full stop in this one at all", "No full stop in this one at all"),
        ("word " * 80, ("word " * 60).strip() + " …"),
    ],
)
def test_first_sentence(text, first):
    from edition.build import first_sentence

    assert first_sentence(" ".join(text.split())) == first


def test_each_page_offers_its_pdf_text_and_tei(built):
    """The links lead to files of the build; the TEI is the document as validated."""
    for stem in STEMS:
        page = built / "html" / f"{stem}.html"
        links = html.parse(str(page)).getroot().find_class("downloads")[0].iterfind(".//a")
        hrefs = [a.get("href") for a in links]
        assert [h.split("/")[1] for h in hrefs] == ["pdf", "text", "tei"]
        for href in hrefs:
            assert (page.parent / href).resolve().is_file(), href
        copy = etree.parse(str(built / "tei" / f"{stem}.xml")).getroot()
        source = etree.parse(str(ROOT / "tei" / f"{stem}.xml")).getroot()
        assert etree.tostring(copy) == etree.tostring(source)


def test_a_build_without_pdf_offers_none(tmp_path):
    from edition.build import build

    out = tmp_path / "out"
    assert not build(ROOT / "tei", out, {"html"}, {}).problems
    page = html.parse(str(out / "html" / f"{STEMS[0]}.html")).getroot()
    hrefs = [a.get("href") for a in page.find_class("downloads")[0].iterfind(".//a")]
    assert [h.split("/")[1] for h in hrefs] == ["tei"] and not (out / "pdf").exists()


def test_the_tei_offered_runs_no_stylesheet(tmp_path):
    """An xml-stylesheet instruction in a TEI file would run when a reader opens the copy
    in a browser: the copy has none."""
    from edition.build import build

    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    path = tei / f"{STEMS[0]}.xml"
    text = path.read_text(encoding="utf-8").replace(
        "<TEI ", '<?xml-stylesheet type="text/xsl" href="evil.xsl"?>\n<TEI ', 1
    )
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert not build(tei, out, {"html"}, {}).problems
    copy = (out / "tei" / f"{STEMS[0]}.xml").read_text(encoding="utf-8")
    assert "xml-stylesheet" not in copy and "<TEI " in copy


def test_registers_name_places_by_document_and_paragraph(built):
    """Persons by surname, places and bodies from tei/places.xml, abbreviations explained
    once: every occurrence a link labelled by document and paragraph, never an id."""
    registers = {}
    for name in ("persons", "places", "abbreviations"):
        registers[name] = html.parse(str(built / "html" / f"{name}.html")).getroot()
        links = [a for a in registers[name].iterfind(".//ul[@class='occurrences']//a")]
        assert links, name
        for a in links:
            assert not re.fullmatch(r"(ru-)?(p|sp|n|d)\d.*", a.text_content()), a.text_content()
    heads = [h.text_content() for h in registers["persons"].iterfind(".//section/h2")]
    fidel, raul = "Castro Ruz, Fidel (1926–2016)", "Castro Ruz, Raúl (born 1931)"
    assert heads.index(fidel) < heads.index(raul)
    assert heads == sorted(heads, key=str.casefold)
    cuba = registers["places"].get_element_by_id("cuba")
    assert "Кубы" in cuba.text_content() and "original ¶" in cuba.text_content()
    abbreviations = registers["abbreviations"].iter("dt")
    terms = {dt.text_content(): dt.getnext().text_content() for dt in abbreviations}
    assert terms["CC CPSU"].startswith("Central Committee of the Communist Party of the Soviet")
    assert "Ciphered Telegram from Mikoyan to CC CPSU: heading" in terms["CC CPSU"]
    telegram = html.parse(str(built / "html" / "1962-11-06-telegram-mikoyan-cc-cpsu.html"))
    used = [
        a
        for a in telegram.getroot().iterfind(".//a[@class='orgName']")
        if a.find("abbr") is not None
    ]
    assert used and used[0].get("href") == "places.html#cc-cpsu"
    assert used[0].find("abbr").get("title").startswith("Central Committee of the Communist")
