"""The PDF edition, read back with pypdf: footnotes at page bottoms, Cyrillic, page count."""

from __future__ import annotations

import re

from pypdf import PdfReader


def pages(path) -> list[str]:
    """Each page's text, with the hyphenation and line breaks of the layout undone."""
    texts = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    return [re.sub(r"\s+", " ", t.replace("\u2010\n", "").replace("-\n", "-")) for t in texts]


def test_footnote_text_is_at_the_bottom_of_the_page_that_calls_it(built):
    texts = pages(built / "pdf" / "1962-10-28-cable-alekseev-foreign-ministry.pdf")
    page = next(t for t in texts if "Presumably a reference" in t)
    body, note = page.split("Presumably a reference", 1)
    assert "I gave both letters to President" in body  # the calling text is above, same page
    assert "Documents Reader" in note and len(note) < 600  # the note closes the page


def test_cyrillic_is_rendered(built):
    text = "\n".join(pages(built / "pdf" / "1962-11-06-telegram-mikoyan-cc-cpsu.pdf"))
    assert "Шифр телеграмма" in text
    assert "Мне кажется, что теперь уже можно" in text


def test_page_counts_are_sane(built):
    for pdf in (built / "pdf").glob("1962-*.pdf"):
        assert 1 <= len(PdfReader(str(pdf)).pages) <= 40, pdf
    volume = PdfReader(str(built / "pdf" / "edition.pdf"))
    singles = sum(len(PdfReader(str(p)).pages) for p in (built / "pdf").glob("19*.pdf"))
    assert singles + 2 <= len(volume.pages) <= singles + 20


def test_volume_has_title_page_contents_running_heads_and_persons_index(built):
    texts = pages(built / "pdf" / "edition.pdf")
    assert "Soviet Records of the Cuban Missile Crisis" in texts[0]
    assert "Contents" in texts[1] and "Memorandum of Conversation" in texts[1]
    memcon = [t for t in texts if "Com. Dorticos said that Fidel Castro" in t]
    assert memcon
    later = texts[texts.index(memcon[0]) + 1]
    assert "Memorandum of Conversation between Mikoyan and Cuban Leaders" in later  # running head
    assert re.search(r" \d+$", later.strip())  # page number
    assert any(" Persons " in f" {t} " for t in texts[-3:])
    index = " ".join(texts[-3:])
    listed = re.search(r"Anastas Mikoyan ([\d, ]+)", index)
    assert listed, index[:300]
    numbers = [int(n) for n in listed[1].replace(",", " ").split()]
    assert numbers == sorted(set(numbers)) and len(numbers) > 3  # each page once, in order
    assert all(n <= len(texts) for n in numbers)
