"""Shared by the tests: word lists and the sigla the encoding turns into markup."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"

# Source sigla that become markup, not text: the "—ed." of a gloss, "Ed. note:",
# "[signature]" and "(signature)", footnote marks, <sup> tags.
SIGLA = [
    re.compile(r"\??\s*(?:—|–|--|-)\s*ed\.(?=\])"),
    re.compile(r"(?i)\[ed(?:itor'?s)?\.? note:"),
    re.compile(r"(?i)\[\s*signature\s*\]|\(signature\)"),
    re.compile(r"\[\s*\d{1,3}\s*\]"),
    re.compile(r"</?sup>"),
]


ED_NOTE_OPEN = re.compile(r"(?i)\[ed(?:itor'?s)?\.? note:")
ED_CLOSE = re.compile(r"(?:—|–|--|-)\s*ed\.$")


def words(text: str) -> list[str]:
    text = _keep_ed_in_notes(unicodedata.normalize("NFC", text))
    for siglum in SIGLA:
        text = siglum.sub(" ", text)
    return re.findall(r"\w+", text.replace("\0", ""))


def _keep_ed_in_notes(text: str) -> str:
    """A "—ed." that closes an [Ed. note: ...] is the note's own text, not the siglum of
    an explanation: mark it (with NUL, taken out again) so that SIGLA leaves it."""
    out, stack = [], []
    for i, char in enumerate(text):
        if char == "[":
            stack.append(bool(ED_NOTE_OPEN.match(text, i)))
        elif char == "]" and stack:
            in_note = stack.pop()
            if in_note and ED_CLOSE.search("".join(out[-12:])):
                out.append("\0")
        out.append(char)
    return "".join(out)


def _table_list(node: etree._Element) -> bool:
    """A list read from a table, column by column: its items say where they stood."""
    return node.tag == f"{TEI}list" and all("." in (i.get("n") or "") for i in node) and len(node)


def element_words(
    el: etree._Element, skip_footnotes: bool = True, side: str = "received"
) -> list[str]:
    """Words of an element's text, in order, leaving out footnote bodies if asked. Of a
    correction, the text as received (``sic``, without the notes of this edition) or the
    reading (``corr``)."""
    parts: list[str] = []
    other = f"{TEI}corr" if side == "received" else f"{TEI}sic"

    def walk_table(lists: list[etree._Element]) -> None:
        """A table read column by column: its items in the source's row order (@n)."""
        items = [item for listing in lists for item in listing]
        for item in sorted(items, key=lambda i: tuple(map(int, i.get("n").split(".")))):
            walk(item)
            parts.append(" ")

    def walk(node: etree._Element) -> None:
        added = side == "received" and node.get("subtype") == "edition"  # not in the source
        if (
            node.tag == other
            or added
            or (skip_footnotes and node.tag == f"{TEI}note" and node.get("type") == "footnote")
        ):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        children = list(node)
        while children:
            child = children.pop(0)
            if side == "received" and _table_list(child):
                group = [child]
                while children and _table_list(children[0]):
                    group.append(children.pop(0))
                walk_table(group)
                parts.append(group[-1].tail or "")
            else:
                walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return words(" ".join(parts))
