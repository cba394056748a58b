"""The stylesheets: every element rendered in every output, golden plain text, escaping,
and no word of a source lost in the HTML or plain-text edition."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SOURCES
from helpers import element_words, words
from lxml import etree, html

from edition import paragraphs
from edition.publish import Stylesheets

FIXTURES = ROOT / "tests" / "fixtures" / "tei"
GOLDEN = ROOT / "tests" / "golden" / "text"
XSD = "{http://www.w3.org/2001/XMLSchema}"
TEI = "{http://www.tei-c.org/ns/1.0}"
# Header elements whose text is a label of the encoding, not of the document.
NOT_SHOWN = {"resp", "publisher"}


def prepared(sheets, data: bytes):
    """A document as the build hands it to the stylesheets (paragraph labels on)."""
    return sheets.parse(paragraphs.for_stylesheets(etree.fromstring(data))[0])


@pytest.fixture(scope="module")
def sheets() -> Stylesheets:
    return Stylesheets(("html", "print", "text"), {}, (ROOT / "tei" / "persons.xml").read_bytes())


def schema_elements() -> set[str]:
    tree = etree.parse(str(ROOT / "schema" / "edition.xsd"))
    return {el.get("name") for el in tree.getroot().iterfind(f"{XSD}element")}


def test_kitchen_sink_holds_every_element_of_the_schema():
    used = set()
    for name in ("kitchen-sink.xml", "persons.xml", "places.xml"):
        used |= {
            etree.QName(el).localname
            for el in etree.parse(str(FIXTURES / name)).iter()
            if isinstance(el.tag, str)
        }
    assert schema_elements() - used == set()


@pytest.mark.parametrize("output", ["html", "print", "text"])
def test_no_element_is_silently_dropped(sheets, output):
    """Each element's own words appear in the output (the stylesheets also fail on any
    element without a template: <xsl:mode on-no-match="fail"/>)."""
    source = FIXTURES / "kitchen-sink.xml"
    result = sheets.run(output, prepared(sheets, source.read_bytes()), href="kitchen-sink.html")
    text = " ".join(html.fromstring(result).itertext()) if output != "text" else result
    found = set(words(text))
    for el in etree.parse(str(source)).iter():
        name = etree.QName(el).localname
        own = words(" ".join(t for t in [el.text] if t))
        if name in NOT_SHOWN or not own:
            continue
        assert set(own) <= found, f"<{name}> {own} missing from the {output} output"
    for marker in ("‖", "□", "[signature]" if output != "html" else "signature"):
        assert marker in text, marker


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_plain_text_matches_golden(sheets, source, update_golden):
    result = sheets.run(
        "text", prepared(sheets, (ROOT / "tei" / f"{source.stem}.xml").read_bytes())
    )
    golden = GOLDEN / f"{source.stem}.txt"
    if update_golden:
        golden.write_text(result, encoding="utf-8")
    assert result == golden.read_text(encoding="utf-8")
    for line in result.splitlines():  # 72 columns, but for a word longer than a line
        assert len(line) <= 72 or len(line.split()[-1]) > 52, line


def _is_subsequence(needle: list[str], haystack: list[str]) -> int:
    """How many of needle's words were found in order in haystack."""
    it = iter(haystack)
    return sum(1 for _ in (w for w in needle if any(w == h for h in it)))


def corrected_text_words(source: Path) -> tuple[list[str], list[list[str]]]:
    """The source's words with the edition's corrections made: the TEI's reading, whose
    text as received is checked against the source word for word (test_no_text_lost)."""
    root = etree.parse(str(ROOT / "tei" / f"{source.stem}.xml")).getroot()
    body = element_words(root.find(f"{TEI}text"), side="corrected")
    notes = root.iterfind(f".//{TEI}note[@type='footnote']")
    return body, [element_words(n, False, side="corrected") for n in notes]


@pytest.mark.parametrize("output", ["html", "text"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_no_word_of_the_source_is_lost(built, source, output):
    if output == "html":
        page = html.parse(str(built / "html" / f"{source.stem}.html")).getroot()
        for hidden in page.find_class("diplomatic"):  # one view at a time
            hidden.drop_tree()
        result = " ".join(page.itertext())
    else:
        result = (built / "text" / f"{source.stem}.txt").read_text(encoding="utf-8")
    body, notes = corrected_text_words(source)
    out = words(result)
    found = _is_subsequence(body, out)
    assert found == len(body), (
        f"word {found} of the text not found in order: {body[found : found + 8]}"
    )
    for note in notes:
        assert _is_subsequence(note, out) == len(note)


HOSTILE = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="evil" xml:lang="en">
<teiHeader><fileDesc>
<titleStmt><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></titleStmt>
<publicationStmt><publisher>x</publisher></publicationStmt>
<sourceDesc><bibl type="citation"><idno type="URI">javascript:alert(2)</idno></bibl></sourceDesc>
</fileDesc><profileDesc><creation><date when="1962-01-01">x" onmouseover="alert(3)</date></creation>
</profileDesc></teiHeader><text><body><div type="translation" xml:lang="en">
<p xml:id="p1&quot; onclick=&quot;alert(4)"><hi rend="bold">&lt;img src=x onerror=alert(5)&gt;</hi>
<persName ref="javascript:alert(6)">Evil</persName>
<note type="footnote" n="1" xml:id="n1">&lt;/a&gt;&lt;script&gt;x()&lt;/script&gt;</note></p>
</div></body></text></TEI>"""


@pytest.mark.parametrize("output", ["html", "print"])
def test_hostile_tei_cannot_inject_script_or_markup(sheets, output):
    result = sheets.run(output, sheets.parse(HOSTILE.encode()), href="evil.html")
    page = html.fromstring(result)
    scripts = [s for s in page.iter("script") if s.get("src") != "edition.js"]
    assert scripts == []
    assert page.find(".//img") is None
    for el in page.iter():
        for name, value in el.attrib.items():
            assert not name.startswith("on"), (el.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (el.tag, name, value)
    assert "<script>alert(1)</script>" in page.text_content()  # shown as text, inert


def test_the_citation_gives_a_stable_address_or_says_there_is_none():
    persons = (ROOT / "tei" / "persons.xml").read_bytes()
    stem = "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez"
    data = (ROOT / "tei" / f"{stem}.xml").read_bytes()
    bare = Stylesheets(("html",), {}, persons)
    page = bare.run("html", bare.parse(data), href=f"{stem}.html")
    assert "not yet published at a permanent address." in page and "accessed" not in page
    base = "https://example.org/edition/"
    published = Stylesheets(("html",), {"base-url": base}, persons)
    page = published.run("html", published.parse(data), href=f"{stem}.html")
    assert f"{base}{stem}.html (accessed [date])." in page
    assert f'title="{base}{stem}.html#p12"' in page  # each paragraph's own address
