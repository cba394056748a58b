"""Every word of each source survives, in order, in its TEI (tei/ as committed).

The source is cut where the text begins (after 'Translation - English' in an archive
export; a bulletin transcription is text up to its closing [Source: ...] line). Header
fields are compared one by one; the text is compared word for word, with footnotes
compared against the note placed at their mark. Of each correction, the text as received
(``sic``) is what must match the source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SOURCES
from helpers import TEI, element_words, words
from lxml import etree

LABELS = re.compile(r"(?m)^(Citation|Summary|Credits|Original Language|Contents):\s*$")
CONTENT = re.compile(r"(?m)^(Translation|Transcript) - \w+\s*$")
FOOTNOTE = re.compile(r"(?m)^\[(\d{1,3})\] (.*)$")


def tei_for(source: Path) -> etree._Element:
    return etree.parse(str(ROOT / "tei" / f"{source.stem}.xml")).getroot()


def split_archive(text: str) -> tuple[dict[str, str], str]:
    head, body = CONTENT.split(text, maxsplit=1)[0], CONTENT.split(text, maxsplit=1)[2]
    parts = LABELS.split(head)
    fields = {"title": parts[0]}
    fields.update({parts[i].lower(): parts[i + 1] for i in range(1, len(parts) - 1, 2)})
    return fields, body


def assert_same_words(expected: list[str], actual: list[str], what: str) -> None:
    if expected != actual:
        pairs = enumerate(zip(expected, actual, strict=False))
        n = next((i for i, (a, b) in pairs if a != b), None)
        n = min(len(expected), len(actual)) if n is None else n
        pytest.fail(
            f"{what}: first difference at word {n}: "
            f"source {expected[n : n + 8]} vs TEI {actual[n : n + 8]}. The TEI must keep the "
            "text as received; record a correction with `edition correct` (or by hand as "
            "choice/sic/corr with its change, CONTRIBUTING.md) instead of changing the words"
        )


def text_and_footnotes(body: str, root: etree._Element) -> None:
    notes = dict(FOOTNOTE.findall(body))
    body = FOOTNOTE.sub("", body)
    assert_same_words(words(body), element_words(root.find(f"{TEI}text")), "text")
    for n, note_text in notes.items():
        note = root.find(f".//{TEI}note[@type='footnote'][@n='{n}']")
        assert note is not None, f"footnote {n} missing"
        assert_same_words(words(note_text), element_words(note, False), f"footnote {n}")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_word_survives_in_order(source):
    text = source.read_text(encoding="utf-8")
    root = tei_for(source)
    header = root.find(f"{TEI}teiHeader")
    if CONTENT.search(text):
        fields, body = split_archive(text)
        title_and_date = element_words(header.find(f".//{TEI}creation")) + element_words(
            header.find(f".//{TEI}title")
        )
        assert_same_words(words(fields["title"]), title_and_date, "date line and title")
        bibl = header.find(f".//{TEI}bibl")
        credits = bibl.find(f"{TEI}note")
        citation = element_words(bibl)[
            : len(element_words(bibl)) - len(words(fields.get("credits", "")))
        ]
        assert_same_words(words(fields["citation"]), citation, "citation")
        assert_same_words(
            words(fields["summary"]), element_words(header.find(f".//{TEI}abstract")), "summary"
        )
        if "credits" in fields:
            assert_same_words(words(fields["credits"]), element_words(credits), "credits")
        language = header.find(f".//{TEI}language")
        assert_same_words(words(fields["original language"]), element_words(language), "language")
    else:
        body, source_line = text.rstrip().rsplit("\n", 1)
        assert_same_words(
            words(source_line), element_words(header.find(f".//{TEI}bibl")), "source line"
        )
    text_and_footnotes(body, root)
