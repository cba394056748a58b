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


def test_volume_has_title_page_contents_method_running_heads_and_registers(built):
    texts = pages(built / "pdf" / "edition.pdf")
    assert "Soviet Records of the Cuban Missile Crisis" in texts[0]
    assert "Contents" in texts[1] and "Memorandum of Conversation" in texts[1]
    memcon = [t for t in texts if "Com. Dorticos said that Fidel Castro" in t]
    assert memcon
    later = texts[texts.index(memcon[0]) + 1]
    assert "Memorandum of Conversation between Mikoyan and Cuban Leaders" in later  # running head
    assert re.search(r" \d+$", later.strip())  # page number
    assert any(t.startswith("Editorial method") for t in texts[1:4])  # once, in front
    assert not any("Encoding" in t for t in texts)  # not repeated for every document
    index = " ".join(texts[-6:])
    assert "Persons" in index and "Places and bodies" in index and "Abbreviations" in index
    assert index.index("Castro Ruz, Fidel") < index.index("Mikoyan, Anastas")  # by surname
    assert "CC CPSU Central Committee of the Communist Party of the Soviet Union" in index
    for entry in (r"Mikoyan, Anastas \(1895–1978\) ([\d,\s]+)", r"\sCuba ([\d,\s]+)"):
        listed = re.search(entry, index)
        assert listed, index[:300]
        numbers = [int(n) for n in listed[1].replace(",", " ").split()]
        assert numbers == sorted(set(numbers)) and len(numbers) > 3  # each page once, in order
        assert all(n <= len(texts) for n in numbers)


def test_page_breaks_keep_the_words_apart(built):
    """ "signed,<pb/>Bukharin" reads "signed, ‖ Bukharin" in the PDF, not "signed,‖Bukharin"."""
    text = " ".join(
        pages(built / "pdf" / "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez.pdf")
    )
    assert "do ‖ this" in text and "signed, ‖ Bukharin" in text
    assert not re.search(r"\w‖\w", text.replace("аэро-‖", ""))


def test_bookmarks_keep_the_words_of_a_heading_apart(built):
    reader = PdfReader(str(built / "pdf" / "edition.pdf"))

    def titles(outline) -> list[str]:
        found = []
        for item in outline:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    names = titles(reader.outline)
    assert any("Cuban Leaders 5 November 1962" in t for t in names), names
    assert not any(re.search(r"[a-z]\d", t) for t in names), names


def test_web_addresses_and_file_names_are_not_hyphenated(built):
    """A URL or a file name may break at one of its own hyphens or slashes, never with a
    hyphen added ("docu‐ment")."""
    for pdf in (built / "pdf").glob("*.pdf"):
        raw = "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)
        broken = [m for m in re.findall(r"\S*\u2010\n\S*", raw) if re.search(r"/|\.(txt|xml)", m)]
        assert not broken, (pdf.name, broken)
