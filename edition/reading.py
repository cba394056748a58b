"""The text of a TEI document as a reader sees it, unit by unit (a paragraph, a heading, a
list item, a stamp, a note ...), with where each piece of it sits in the tree.

A unit's text runs across inline markup (``persName``, ``hi``, ``supplied``) but not into
a unit nested in it (a footnote inside a paragraph is a unit of its own). Two sides of a
correction can be read: ``corrected`` (the reading, ``corr``, with the notes of this
edition) or ``received`` (the text as received, ``sic``, without them), so that the source
can be compared with the TEI and a reader with the edition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from .tei import localname, tag, xml_attr

UNITS = frozenset(
    [
        "p", "ab", "head", "item", "stamp", "addrLine", "signed", "dateline", "closer",
        "opener", "speaker", "note", "title", "bibl", "repository",
    ]
)  # fmt: skip
Side = Literal["corrected", "received"]
SKIPPED = {"corrected": "sic", "received": "corr"}


@dataclass(frozen=True)
class Piece:
    """A run of text: ``node.text`` (slot "text"), ``node.tail`` (slot "tail"), or the
    space a line or page break stands for (slot "break")."""

    node: etree._Element
    slot: str
    start: int  # offset of this run in the unit's text
    text: str


@dataclass
class Unit:
    element: etree._Element
    pieces: list[Piece]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def id(self) -> str:
        """The id of the unit, or of the nearest ancestor that has one (the anchor)."""
        return nearest_id(self.element)


def added_note(el: etree._Element) -> bool:
    """A note of this edition's editors: not part of the text as received."""
    return el.tag == tag("note") and el.get("subtype") == "edition"


def nearest_id(el: etree._Element) -> str:
    for node in (el, *el.iterancestors()):
        value = node.get(xml_attr("id"))
        if value:
            return value
    return ""


def units(scope: etree._Element, side: Side = "corrected") -> Iterator[Unit]:
    """Every unit below scope, in document order, each with its own text only."""
    for el in scope.iter():
        if isinstance(el.tag, str) and is_unit(el):
            yield Unit(el, _pieces(el, side))


def is_unit(el: etree._Element) -> bool:
    """A unit of text: a paragraph, heading, note ...; a stage direction standing in a
    turn (one inside a paragraph is part of its text); a title in the header (one cited
    in the text, ``title level="m"``, is part of the sentence)."""
    name = localname(el)
    if name == "stage":
        parent = el.getparent()
        return parent is not None and localname(parent) == "sp"
    if name == "title":
        return el.get("level") is None
    return name in UNITS


def _pieces(unit: etree._Element, side: Side) -> list[Piece]:
    found: list[Piece] = []
    offset = 0

    def add(node: etree._Element, slot: str, text: str | None) -> None:
        nonlocal offset
        if text:
            found.append(Piece(node, slot, offset, text))
            offset += len(text)

    def walk(el: etree._Element) -> None:
        name = localname(el)
        if el is not unit and (is_unit(el) or name == SKIPPED[side] or not name):
            return
        if side == "received" and added_note(el):
            return
        add(el, "text", el.text)
        for child in el:
            if localname(child) in ("lb", "pb") and child.get("break") != "no":
                add(child, "break", " ")  # a line or page break parts words
            walk(child)
            add(child, "tail", child.tail)

    walk(unit)
    return found


def text_of(el: etree._Element, side: Side = "corrected") -> str:
    """All the text of an element, nested units included, on one side of each correction."""
    skip = tag(SKIPPED[side])
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        received = side == "received" and added_note(node)
        if isinstance(node.tag, str) and (node is el or node.tag != skip) and not received:
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")

    walk(el)
    return "".join(parts)


def paragraphs(root: etree._Element, side: Side = "corrected") -> dict[str, str]:
    """The text of the body by anchor id (units without an id of their own are joined to
    the nearest one), whitespace normalized: what a word diff compares."""
    body = root.find(f"{tag('text')}/{tag('body')}")
    by_id: dict[str, list[str]] = {}
    for unit in units(body if body is not None else root, side):
        by_id.setdefault(unit.id or "(text)", []).append(unit.text)
    return {key: " ".join(" ".join(texts).split()) for key, texts in by_id.items()}
