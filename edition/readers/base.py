"""What readers share: the result type, footnotes, and assembling the TEI document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..dates import find_full_date
from ..entities import Gazetteer, make_tagger
from ..errors import SourceError
from ..header import Meta, build_header
from ..inline import InlineContext
from ..persons import Personography
from ..report import Report
from ..sourcetext import Block
from ..tei import E, localname, tag, xml_attr
from .body import Document
from .layout import FOOTNOTE_DEF

ID_PREFIXES = {"p": "p", "sp": "sp", "said": "q", "note": "n", "ab": "ab", "list": "l"}


@dataclass
class ReadResult:
    root: etree._Element
    report: Report


def split_footnotes(blocks: list[Block], path: str) -> tuple[list[Block], dict[str, Block]]:
    """Take the ``[n] text`` blocks off the end of a text: the footnotes."""
    notes: dict[str, Block] = {}
    end = len(blocks)
    while end and (m := FOOTNOTE_DEF.match(blocks[end - 1].text)):
        if m["n"] in notes:
            raise SourceError(path, blocks[end - 1].no, f"footnote [{m['n']}] is given twice")
        notes[m["n"]] = blocks[end - 1]
        end -= 1
    return blocks[:end], notes


def footnote_texts(notes: dict[str, Block]) -> dict[str, str]:
    return {n: FOOTNOTE_DEF.match(b.text)["text"] for n, b in notes.items()}  # type: ignore[index]


def new_document(
    path: str,
    book: Personography,
    doc_date: str | None,
    notes: dict[str, Block],
    resp: str,
    gazetteer: Gazetteer,
) -> Document:
    when = date.fromisoformat(doc_date) if doc_date else None
    inline = InlineContext(
        tag_text=make_tagger(book, when, gazetteer),
        footnotes=footnote_texts(notes),
        bracket_resp=resp,
    )
    return Document(path, book, inline, Report(path))


def unused_footnotes(doc: Document, notes: dict[str, Block]) -> list[etree._Element]:
    """Footnotes never referred to are kept, at the end, and reported."""
    kept = []
    for n in sorted(set(notes) - doc.inline.used_footnotes, key=int):
        doc.report.warn(notes[n].no, f"footnote [{n}] has no mark in the text; kept at the end")
        note = E.note(n=n, type="footnote", place="end", resp=doc.inline.editor)
        kept.append(doc.parse(note, doc.inline.footnotes[n], notes[n]))
    return kept


def distinguish_dates(
    divs: list[etree._Element], meta: Meta, report: Report, blocks: list[Block]
) -> None:
    """A record of a conversation whose dateline differs from its own date: the dateline
    is the date of the conversation, the document's date that of its dispatch (and so is a
    stamp that gives it); a title that gives yet another date is reported."""
    if not meta.date or "conversation" not in meta.title.lower():
        return
    for div in divs:
        for dated in div.iterfind(f"{tag('opener')}/{tag('dateline')}/{tag('date')}"):
            when = dated.get("when")
            if not when or when == meta.date:
                continue
            dated.set("type", "conversation")
            meta.date_type = "dispatch"
            for stamped in div.iterfind(f"{tag('opener')}//{tag('stamp')}/{tag('date')}"):
                if stamped.get("when") == meta.date:
                    stamped.set("type", "dispatch")
            line = next((b.no for b in blocks if (dated.text or "?") in b.text), None)
            report.warn(
                line,
                f"the dateline gives {when} and the document is dated "
                f"{meta.date}: read as the date of the conversation and of dispatch",
            )
            titled = find_full_date(meta.title)
            if titled and titled[1] not in (when, meta.date):
                report.warn(
                    line,
                    f"the title gives yet another date, {titled[1]}: a note of "
                    "the edition should say which is right (edition annotate)",
                )
            return


def assemble(doc_id: str, meta: Meta, divs: list[etree._Element], changed: str) -> etree._Element:
    root = E.TEI(build_header(meta, changed), E.text(E.body(*divs)))
    root.set(xml_attr("id"), doc_id)
    root.set(xml_attr("lang"), "en")
    _number(root)
    return root


def _number(root: etree._Element) -> None:
    """Stable ids for every paragraph, turn, quotation, note and block: ``p12``, ``ru-sp3``."""
    for div in root.iter(tag("div")):
        prefix = "ru-" if div.get(xml_attr("lang")) == "ru" else ""
        counts: dict[str, int] = {}
        for el in div.iter(*(tag(name) for name in ID_PREFIXES)):
            name = localname(el)
            if el.get(xml_attr("id")) is None:
                counts[name] = counts.get(name, 0) + 1
                el.set(xml_attr("id"), f"{prefix}{ID_PREFIXES[name]}{counts[name]}")


def slug_id(stem: str) -> str:
    value = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-")
    return value if value[:1].isalpha() else f"d{value}"
