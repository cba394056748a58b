"""A document that passes edition validate builds; one that does not is refused by both,
named, and never stops the others; no page outlives its document (classes 3 and 10)."""

from __future__ import annotations

import pytest
from hostile import TELEGRAM, assert_clean, edition_copy

from edition.cli import cli

OTHER = "1962-10-28-cable-alekseev-foreign-ministry"
NS = 'xmlns="http://www.tei-c.org/ns/1.0"'


def nest(depth: int) -> str:
    return '<hi rend="italic">' * depth + "deep" + "</hi>" * depth


P2 = '<p xml:id="p2">'
AGREED = "We agreed"
DECLARED = 'encoding="UTF-8"'
XINCLUDE = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>'
ENTITY = '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI '

# case: (text replaced, by what, whether validate accepts the result)
EDITS = {
    "comment between paragraphs": (P2, "<!-- x -->" + P2, True),
    "comment inside a paragraph": (AGREED, "We <!-- x -->agreed", True),
    "processing instruction": (P2, "<?note x?>" + P2, True),
    "UTF-8 byte-order mark": ("<?xml", "\ufeff<?xml", True),
    "ISO-8859-1 declaration": (DECLARED, 'encoding="ISO-8859-1"', True),
    "UTF-16": (DECLARED, 'encoding="UTF-16"', True),
    "month 13": ('when="1962-11-04"', 'when="1962-13-45"', False),
    "30 February": ('when="1962-11-04"', 'when="1962-02-30"', False),
    "year 0": ('when="1962-11-04"', 'when="0000-01-01"', False),
    "a range backwards": (
        'from="1962-11-03" to="1962-11-05"',
        'from="1962-11-05" to="1962-11-03"',
        False,
    ),
    "a range to no day": ('to="1962-11-05"', 'to="1962-11-31"', False),
    "nested 40 deep": (AGREED, nest(40) + AGREED, True),
    "nested 100 deep": (AGREED, nest(100) + AGREED, False),
    "a DOCTYPE": ("<TEI ", '<!DOCTYPE TEI [<!ENTITY x "y">]><TEI ', False),
    "an external entity": ("<TEI ", ENTITY, False),
    "XInclude": (P2, XINCLUDE + P2, False),
    "not well-formed": ("</TEI>", "", False),
    "a stray ampersand": (AGREED, "We & agreed", False),
    "an unknown element": (AGREED, "<blink>We</blink> agreed", False),
    "a dangling person": ("persons.xml#alekseev", "persons.xml#nobody", False),
    "an event handler attribute": (P2, '<p xml:id="p2" onclick="x()">', False),
}


@pytest.mark.parametrize("case", list(EDITS), ids=list(EDITS))
def test_validate_and_build_agree(runner, tmp_path, case):
    old, new, valid = EDITS[case]
    tei = edition_copy(tmp_path, [TELEGRAM, OTHER])
    path = tei / f"{TELEGRAM}.xml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if case == "an external entity":
        text = text.replace(AGREED, "&x; " + AGREED, 1)
    encoding = "utf-16" if case == "UTF-16" else "iso-8859-1" if "8859" in case else "utf-8"
    path.write_bytes(text.encode(encoding, "xmlcharrefreplace"))
    checked = runner.invoke(cli, ["validate", str(path)])
    assert_clean(checked, 0 if valid else 1)
    out = tmp_path / "out"
    built = runner.invoke(cli, ["build", "--tei", str(tei), "--out", str(out), "--formats",
                                "html,print,text", "-j", "1"])  # fmt: skip
    assert_clean(built, 0 if valid else 1)
    assert (out / "html" / f"{OTHER}.html").exists()  # the other document, always
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    volume = (out / "print" / "edition.html").read_text(encoding="utf-8")
    assert (f"{TELEGRAM}.html" in index) == valid
    assert volume.count('<article class="document"') == (2 if valid else 1)
    for name in ("html", "print", "text"):
        page = out / name / f"{TELEGRAM}.{'txt' if name == 'text' else 'html'}"
        assert page.exists() == valid
    if valid:
        assert "agreed" in (out / "text" / f"{TELEGRAM}.txt").read_text(encoding="utf-8")
    else:
        assert f"{TELEGRAM}.xml: skipped: not valid" in built.output
    assert "root:" not in built.output and "/etc/passwd" not in index


def test_a_document_deleted_from_tei_leaves_no_page(runner, tmp_path):
    tei = edition_copy(tmp_path, [TELEGRAM, OTHER])
    out = tmp_path / "out"
    args = ["build", "--tei", str(tei), "--out", str(out), "--formats", "html,print,text"]
    assert_clean(runner.invoke(cli, args), 0)
    mine = out / "html" / "notes-of-mine.html"  # not the build's: never touched
    mine.write_text("mine", encoding="utf-8")
    (tei / f"{TELEGRAM}.xml").unlink()
    assert_clean(runner.invoke(cli, args), 0)
    assert not list(out.rglob(f"{TELEGRAM}.*"))
    assert TELEGRAM not in (out / "html" / "index.html").read_text(encoding="utf-8")
    assert mine.read_text(encoding="utf-8") == "mine"


def test_a_document_that_became_invalid_leaves_no_page(runner, tmp_path):
    tei = edition_copy(tmp_path, [TELEGRAM, OTHER])
    out = tmp_path / "out"
    args = ["build", "--tei", str(tei), "--out", str(out), "--formats", "html,text"]
    assert_clean(runner.invoke(cli, args), 0)
    path = tei / f"{TELEGRAM}.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("</TEI>", ""), encoding="utf-8")
    assert_clean(runner.invoke(cli, args), 1, "skipped: not valid")
    assert not (out / "html" / f"{TELEGRAM}.html").exists()


def test_a_build_of_some_formats_keeps_the_others(runner, tmp_path):
    tei = edition_copy(tmp_path, [TELEGRAM])
    out = tmp_path / "out"
    base = ["build", "--tei", str(tei), "--out", str(out), "--formats"]
    assert_clean(runner.invoke(cli, [*base, "html,text"]), 0)
    assert_clean(runner.invoke(cli, [*base, "html"]), 0)
    assert (out / "text" / f"{TELEGRAM}.txt").exists()


def test_the_build_record_cannot_remove_other_files(runner, tmp_path):
    tei = edition_copy(tmp_path, [TELEGRAM])
    out = tmp_path / "out"
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    args = ["build", "--tei", str(tei), "--out", str(out), "--formats", "html"]
    assert_clean(runner.invoke(cli, args), 0)
    (out / ".edition-build").write_text("../precious.txt\nhtml/../../precious.txt\n/etc/passwd\n")
    assert_clean(runner.invoke(cli, args), 0)
    assert outside.read_text(encoding="utf-8") == "keep"
