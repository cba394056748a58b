"""Reader for bulletin transcriptions: the Russian original's first page(s), then an
English translation under a **bold title**, closed by a ``*[Source: ...]*`` line.
"""

from __future__ import annotations

import re

from ..dates import find_full_date
from ..entities import Gazetteer
from ..errors import SourceError
from ..header import Meta, repository_in, translators_in
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

NAME = "bulletin"
SOURCE_LINE = re.compile(r"(?s)^\*?\[(?P<text>Source:.*)\]\*?$")
EDITOR = re.compile(r"\(Bracketed [^)]*? by (?:the )?(?P<who>[^)]*?)\.?\)")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def detect(blocks: list[Block]) -> bool:
    return (
        bool(blocks)
        and bool(SOURCE_LINE.match(blocks[-1].text))
        and any(b.text.startswith("**") for b in blocks)
    )


def read(
    blocks: list[Block],
    *,
    path: str,
    stem: str,
    book: Personography,
    changed: str,
    gazetteer: Gazetteer,
) -> ReadResult:
    source = SOURCE_LINE.match(blocks[-1].text)
    assert source is not None
    title_at = next(i for i, b in enumerate(blocks) if b.text.startswith("**"))
    original, translation = blocks[:title_at], blocks[title_at:-1]

    meta = Meta(source=stem + ".txt")
    meta.citation = source["text"]
    meta.translators = translators_in(meta.citation)
    meta.repository = repository_in(meta.citation)
    editor = EDITOR.search(meta.citation)
    meta.editor = f"the {editor['who']}" if editor else None
    meta.original_language = (
        "Russian" if any(CYRILLIC.search(b.text) for b in original) else "English"
    )
    title_lines = [line.text.strip().strip("*").strip() for line in blocks[title_at].lines]
    meta.title = title_lines[0]
    for line in title_lines:
        if found := find_full_date(line):
            meta.date, meta.date_text = found[1], line
            break
    if meta.date is None:
        raise SourceError(path, blocks[title_at].no, "the bold title gives no date of the document")

    translation, notes = split_footnotes(translation, path)
    doc = new_document(path, book, meta.date, notes, "#ed", gazetteer)
    divs = []
    if original:
        div = E.div(type="original")
        div.set(xml_attr("lang"), "ru" if meta.original_language == "Russian" else "en")
        divs.append(build_div(div, original, doc))
    div = E.div(type="translation")
    div.set(xml_attr("lang"), "en")
    if meta.translators:
        div.set("resp", " ".join(f"#tr{i}" for i in range(1, len(meta.translators) + 1)))
    divs.append(build_div(div, translation, doc))
    div.extend(unused_footnotes(doc, notes))
    signers = [s for s in doc.signers if not CYRILLIC.search(s[0])]
    if signers:
        meta.author = (signers[0][0], person_ref(signers[0][1]))
    distinguish_dates(divs, meta, doc.report, blocks)
    return ReadResult(assemble(slug_id(stem), meta, divs, changed), doc.report)
