"""Reader for archive exports: a date line and title, labelled fields, then the text.

November 4, 1962 Telegram from ...        (or the date and a **bold** title apart)
Citation: / Summary: / Credits: / Original Language: / Contents:
Translation - English                     (or Transcript - English for an original)
...the text, a signature, [1] footnotes, a trailing Note:
"""

from __future__ import annotations

import re

from ..dates import find_full_date
from ..entities import Gazetteer
from ..errors import SourceError
from ..header import Meta, language_code, repository_in, signature_in, translators_in
from ..persons import Personography, person_ref
from ..sourcetext import Block
from ..tei import E, xml_attr
from .base import (
    ReadResult,
    assemble,
    distinguish_dates,
    new_document,
    slug_id,
    split_footnotes,
    unused_footnotes,
)
from .body import build_div

NAME = "archive"
LABELS = {"citation", "summary", "credits", "original language", "contents"}
CONTENT = re.compile(r"^(?P<kind>Translation|Transcript|Original)\s*-\s*(?P<lang>\w+)$")


def _label(block: Block) -> str | None:
    text = block.text.strip()
    if len(block.lines) == 1 and text.endswith(":") and text[:-1].strip().lower() in LABELS:
        return text[:-1].strip().lower()
    return None


def detect(blocks: list[Block]) -> bool:
    labels = {_label(b) for b in blocks[:40]}
    return "citation" in labels and "contents" in labels


def read(
    blocks: list[Block],
    *,
    path: str,
    stem: str,
    book: Personography,
    changed: str,
    gazetteer: Gazetteer,
) -> ReadResult:
    fields: dict[str, list[Block]] = {"": []}
    current = ""
    body_start = None
    repeated: list[tuple[Block, str]] = []
    for i, block in enumerate(blocks):
        label = _label(block)
        if label:
            current = label
            if current in fields:
                repeated.append((block, label))
            fields.setdefault(current, [])
        elif current == "contents" and CONTENT.match(block.text):
            fields[current].append(block)
            body_start = i + 1
            break
        else:
            fields[current].append(block)
    if body_start is None:
        raise SourceError(
            path, blocks[-1].no, "no 'Translation - <language>' line after 'Contents:'"
        )

    stray = fields["contents"][:-1]
    if stray:
        raise SourceError(
            path,
            stray[0].no,
            "text between 'Contents:' and the 'Translation - <language>' line belongs to no "
            "field; move it into a field above, or below that line into the text",
        )

    meta = Meta(source=stem + ".txt")
    _title_and_date(fields[""], meta, path)
    meta.citation = " ".join(b.text for b in fields.get("citation", []))
    meta.summary = " ".join(b.text for b in fields.get("summary", []))
    meta.credits = " ".join(b.text for b in fields.get("credits", []))
    meta.original_language = (
        " ".join(b.text for b in fields.get("original language", [])) or "Russian"
    )
    meta.translators = translators_in(meta.citation)
    meta.repository = repository_in(meta.citation)
    meta.signature = signature_in(meta.citation)

    content = CONTENT.match(fields["contents"][-1].text)
    assert content is not None
    text_blocks, notes = split_footnotes(blocks[body_start:], path)
    if not text_blocks:
        raise SourceError(
            path,
            blocks[body_start - 1].no,
            f"nothing follows '{content[0]}': the source has no text to encode",
        )
    resp = "#tr1" if meta.translators else "#ed"
    doc = new_document(path, book, meta.date, notes, resp, gazetteer)
    for block, label in repeated:
        doc.report.warn(block.no, f"a second '{label.title()}:' field; its text follows the first")
    if meta.date is None:
        doc.report.warn(blocks[0].no, "no full date (day, month, year) on the first line")
    if language_code(meta.original_language) == "und":
        at = fields.get("original language", blocks[:1])
        doc.report.warn(
            at[0].no if at else None,
            f"language {meta.original_language!r} is not one known here: encoded as 'und'",
        )
    lang = {"english": "en", "russian": "ru"}.get(content["lang"].lower(), "und")
    div_type = "translation" if content["kind"] == "Translation" else "original"
    div = E.div(type=div_type)
    div.set(xml_attr("lang"), lang)
    if div_type == "translation" and meta.translators:
        div.set("resp", "#tr1")
    build_div(div, text_blocks, doc)
    div.extend(unused_footnotes(doc, notes))
    if doc.signers:
        meta.author = (doc.signers[0][0], person_ref(doc.signers[0][1]))
    distinguish_dates([div], meta, doc.report, blocks)
    root = assemble(slug_id(stem), meta, [div], changed)
    return ReadResult(root, doc.report)


def _title_and_date(blocks: list[Block], meta: Meta, path: str) -> None:
    if not blocks:
        raise SourceError(path, None, "no date line or title before 'Citation:'")
    first = blocks[0].text
    found = find_full_date(first)
    if found and found[0].start() == 0:
        meta.date, meta.date_text = found[1], found[0][0]
        rest = first[found[0].end() :].strip()
        titles = ([rest] if rest else []) + [b.text for b in blocks[1:]]
    else:
        titles = [b.text for b in blocks]
    meta.title = " ".join(t.strip("*").strip() for t in titles).strip()
    if not meta.title:
        raise SourceError(path, blocks[0].no, "the document has no title before 'Citation:'")
