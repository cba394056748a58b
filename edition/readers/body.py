"""Building a ``div`` from the blocks of one text: opener, paragraphs and turns, closer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..dates import find_full_date
from ..errors import InlineError, SourceError
from ..inline import InlineContext, parse_inline
from ..persons import Personography, person_ref
from ..report import Report
from ..sourcetext import Block
from ..tei import PERSONS_FILE, E, append_text, localname, tag
from . import layout, stamps

SIGNATURE_FORMS = (
    re.compile(r"^(?P<date>\d{1,2}[./][IVX\d]{1,4}[./]\d{2,4})\s+(?P<name>[^\d\s].{0,60})$"),
    re.compile(r"^(?P<role>[^()a-zа-яё]{3,}?)\s*\((?P<name>[^()]{2,60})\)$"),
    re.compile(r"^(?P<role>Recorded by|Записал|Signed|Подписал):?\s*(?P<name>.+)$"),
)
QUOTE_OPEN = ("“", '"', "«", "„")
HEAD_TYPES = {"heading": "original", "bold": "editorial"}


@dataclass
class Document:
    """What every part of one document's conversion shares."""

    path: str
    book: Personography
    inline: InlineContext
    report: Report
    signers: list[tuple[str, str]] = field(default_factory=list)  # (form, person id)
    _kinds: dict[int, tuple[Block, int, str]] = field(default_factory=dict)

    def kind(self, block: Block) -> str:
        """layout.kind of block, worked out again only when the book has changed since."""
        known = self._kinds.get(id(block))
        if known is None or known[0] is not block or known[1] != self.book.version:
            known = self._kinds[id(block)] = (
                block,
                self.book.version,
                layout.kind(block, self.book),
            )
        return known[2]

    def parse(self, parent: etree._Element, text: str, block: Block) -> etree._Element:
        self.inline.report = lambda message: self.report.note(block.no, message)
        try:
            return parse_inline(parent, text, self.inline)
        except InlineError as exc:
            line, col = _position(block, text, exc.col)
            raise SourceError(self.path, line, f"column {col}: {exc.message}") from None

    def person(self, form: str, line: int) -> str:
        """The person a name form points to: one listed, or one whose surname it spells
        another way (the form is then added to their names); several: the first, reported;
        none: a new person, reported."""
        found = self.book.candidates(form)
        lang = "ru" if re.search("[А-Яа-я]", form) else None
        if not found:
            pid = self.book.add(form, lang).id
            self.report.note(line, f"new person '{form}' added to the personography as #{pid}")
            return pid
        pid = found[0]
        if len(found) > 1:
            self.report.warn(
                line,
                f"'{form}' may be any of {', '.join('#' + f for f in found)}: read as "
                f"#{pid}; check it, or list the form in {PERSONS_FILE}",
            )
        elif self.book.add_variant(pid, form, lang):
            self.report.note(line, f"'{form}' read as #{pid}; added to their names")
        return pid


def _position(block: Block, text: str, col: int | None) -> tuple[int, int]:
    """Source line and column of a column in a block's joined text."""
    col = col or 1
    if text != block.text:
        return block.no, col
    for line in block.lines:
        width = len(line.text.strip()) + 1
        if col <= width:
            return line.no, col
        col -= width
    return block.lines[-1].no, col


# -- the three zones of a text ------------------------------------------------------------


def build_div(div: etree._Element, blocks: list[Block], doc: Document) -> etree._Element:
    start = next(
        (i for i, b in enumerate(blocks) if layout.is_paragraph(b, doc.kind(b))), len(blocks)
    )
    end = _closer_start(blocks, start)
    _top(div, blocks[:start], doc)
    _main(div, blocks[start:end], doc)
    _bottom(div, blocks[end:], doc)
    if start == len(blocks) and blocks:
        doc.report.warn(
            blocks[0].no,
            "no paragraph of running text: only headings, stamps, "
            "a signature or short lines, encoded as such",
        )
    return div


def _closer_start(blocks: list[Block], start: int) -> int:
    for i in range(len(blocks) - 1, max(start, len(blocks) - 9) - 1, -1):
        if _signature(blocks[i]):
            before = blocks[i - 1] if i > start else None
            if before and len(before.lines) == 1 and layout.is_date_line(before.text):
                return i - 1
            return i
    return len(blocks)


def _signature(block: Block) -> re.Match[str] | None:
    if len(block.lines) != 1:
        return None
    return next((m for form in SIGNATURE_FORMS if (m := form.match(block.text))), None)


def _top(div: etree._Element, blocks: list[Block], doc: Document) -> None:
    in_top = True
    for i, block in enumerate(blocks):
        kind = doc.kind(block)
        last = i == len(blocks) - 1
        if kind in ("heading", "bold"):
            head = _lines(E.head(type=HEAD_TYPES[kind]), block, doc, strip=("# ", "**"))
            div.append(head if in_top else _wrap_ab(head, "heading"))
            continue
        if kind == "table":
            div.extend(_table(block, doc))
            in_top = False
            continue
        element, label = _top_element(block, kind, last, doc)
        if element is None:  # a heading: the document's own in capitals, else a sub-heading
            upper = layout.is_upper(block.lines[0].text)
            head = _lines(E.head(type="original" if upper else "sub"), block, doc)
            div.append(head if in_top else _wrap_ab(head, "heading"))
            if not upper:
                doc.report.note(block.no, f"'{block.text[:60]}' read as a sub-heading")
        elif in_top:
            opener = div[-1] if len(div) and localname(div[-1]) == "opener" else None
            if opener is None:
                opener = E.opener()
                div.append(opener)
            elif len(opener):
                opener.append(E.lb())
            opener.append(element)
        else:
            div.append(E.ab(element, type=label))


def _wrap_ab(head: etree._Element, label: str) -> etree._Element:
    ab = E.ab(type=label)
    ab.text = head.text
    ab.extend(list(head))
    return ab


def _top_element(
    block: Block, kind: str, last: bool, doc: Document
) -> tuple[etree._Element | None, str]:
    text = block.text
    if kind == "stamp":
        return _stamps(block, doc), "stamps"
    if len(block.lines) == 1 and layout.is_date_line(text):
        return E.dateline(*_date_children(text)), "dateline"
    if last and len(block.lines) == 1 and (layout.is_upper(text) or text.endswith(".")):
        doc.report.note(block.no, f"'{text}' read as the addressee")
        return E.address(doc.parse(E.addrLine(), text, block)), "address"
    return None, "heading"


def _unwrap(seg: etree._Element) -> etree._Element:
    return seg[0] if len(seg) == 1 else seg


def _stamps(block: Block, doc: Document) -> etree._Element:
    """The stamps of a block, cut by what they say (see stamps.py): one stamp alone, or
    several in ``seg type="stamps"``; a line break between lines, a space within one."""
    found, doubts = stamps.read([line.text.strip() for line in block.lines])
    for message in doubts:
        doc.report.note(block.no, message)
    seg = E.seg(type="stamps")
    last_row = -1
    for stamp in found:
        if len(seg):
            if stamp.parts[0][0] == last_row:
                append_text(seg, " ")
            else:
                seg.append(E.lb())
        el = E.stamp(type=stamp.type)
        for k, (row, text) in enumerate(stamp.parts):
            if k:
                el.append(E.lb())
            _date_or_text(el, text, Block((block.lines[row],)), doc)
        seg.append(el)
        last_row = stamp.parts[-1][0]
    return _unwrap(seg)


def _date_children(text: str) -> list[object]:
    """Text before the date, the date element, text after: for a line that is a date."""
    found = find_full_date(text)
    assert found is not None
    match, iso = found
    return [text[: match.start()], E.date(match[0], when=iso), text[match.end() :]]


def _date_or_text(el: etree._Element, text: str, block: Block, doc: Document) -> etree._Element:
    if layout.is_date_line(text):
        before, date, after = _date_children(text)
        append_text(el, str(before))
        el.append(date)  # type: ignore[arg-type]
        append_text(el, str(after))
        return el
    return doc.parse(el, text, block)


def _lines(
    el: etree._Element, block: Block, doc: Document, strip: tuple[str, ...] = ()
) -> etree._Element:
    for j, line in enumerate(block.lines):
        text = line.text.strip()
        for marker in strip:
            text = text.removeprefix(marker).removesuffix(marker).strip()
        if j:
            el.append(E.lb())
        doc.parse(el, text, Block((line,)))
    return el


OFFICE_NOTE = re.compile(r"(?i)^(?:копия|в дело|.*\bотдел\b.*|ю\.\s?отдел)$")


def _table(block: Block, doc: Document) -> list[etree._Element]:
    """Tab-separated columns, read column by column: the addressees (a distribution list)
    and the office notes (copy, to file, departments) apart; each item keeps its place in
    the layout as @n "row.column"."""
    addressees, office = E.list(type="distribution"), E.list(type="office")
    rows = [line.text.split("\t") for line in block.lines]
    for column in range(max(len(cells) for cells in rows)):
        for row, (line, cells) in enumerate(zip(block.lines, rows, strict=True), start=1):
            cell = cells[column].strip() if column < len(cells) else ""
            if cell:
                item = doc.parse(E.item(n=f"{row}.{column + 1}"), cell, Block((line,)))
                (office if OFFICE_NOTE.match(cell) else addressees).append(item)
    doc.report.note(
        block.no,
        "tab-separated columns read as a distribution list, column by column; office notes "
        f"apart ({len(office)})",
    )
    return [listing for listing in (addressees, office) if len(listing)]


# -- running text ------------------------------------------------------------------------


def _rejoin(blocks: list[Block], doc: Document) -> list[list[Block]]:
    """Group blocks into paragraphs, joining those a page break split mid-sentence."""
    groups: list[list[Block]] = []
    kinds = [doc.kind(block) for block in blocks]  # the book is not changed here
    for i, block in enumerate(blocks):
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and kinds[i - 1] in ("prose", "turn")
            and kinds[i] == "prose"
            and layout.ends_mid_sentence(prev.text)
        ):
            groups[-1].append(block)
            doc.report.note(block.no, "a paragraph split mid-sentence rejoined across a page break")
        else:
            groups.append([block])
    return groups


def _paragraph(el: etree._Element, parts: list[Block], doc: Document, first: str) -> etree._Element:
    for i, part in enumerate(parts):
        text = first if i == 0 else part.text
        if i:
            pb = E.pb()
            if parts[i - 1].text.endswith("-"):
                pb.set("break", "no")
            el.append(pb)
        doc.parse(el, text, part)
    if layout.ends_mid_sentence(parts[-1].text) and len(parts[-1].text) > 40:
        el.append(E.pb(**({"break": "no"} if parts[-1].text.endswith("-") else {})))
        doc.report.note(parts[-1].lines[-1].no, "text breaks off mid-sentence at a page end")
    return el


def _main(div: etree._Element, blocks: list[Block], doc: Document) -> None:
    sp: etree._Element | None = None
    said: etree._Element | None = None
    prev_text = ""
    for parts in _rejoin(blocks, doc):
        block = parts[0]
        kind = doc.kind(block)
        text = block.text
        if kind != "prose" or not text.startswith(QUOTE_OPEN):
            said = None
        if kind == "turn":
            sp = _turn(parts, doc)
            div.append(sp)
        elif kind == "ednote":
            (sp if sp is not None else div).append(doc.parse(E.seg(), text, block)[0])
        elif kind == "table":
            sp = None
            div.extend(_table(block, doc))
        elif kind in ("items", "glyphs", "stamp", "heading", "bold"):
            sp = None
            div.append(_block_element(block, kind, doc))
        elif sp is not None and not _narrative(text, doc):
            sp.append(_paragraph(E.p(), parts, doc, text))
        else:
            if layout.NARRATIVE.match(text):
                doc.report.note(block.no, f"'{text[:50]}' read as narrative, not a turn")
            elif sp is not None:
                doc.report.note(block.no, f"'{text[:50]}' read as narrative, not part of the turn")
            sp = None
            p = _paragraph(E.p(), parts, doc, text)
            if said is None and text.startswith(QUOTE_OPEN) and prev_text.endswith(":"):
                said = E.said(direct="true")
                who = _last_person(prev_text, doc)
                if who:
                    said.set("who", person_ref(who))
                else:
                    doc.report.note(block.no, "quotation whose speaker could not be named")
                div.append(said)
            (said if said is not None else div).append(p)
        prev_text = parts[-1].text


def _turn(parts: list[Block], doc: Document) -> etree._Element:
    block = parts[0]
    match = layout.turn_match(block.text, doc.book)
    assert match is not None
    pid = doc.person(match["label"], block.no)
    line = Block((block.lines[0],))
    label = block.text[: match.start("rest")].rstrip()
    if not match["aside"]:
        speaker = doc.parse(E.speaker(), label, line)
        return E.sp(speaker, _paragraph(E.p(), parts, doc, match["rest"]), who=person_ref(pid))
    # "A.I. MIKOYAN, to Ché:": whom the speaker turns to is a stage direction after the
    # speaker (TEI allows no stage inside speaker).
    aside = match.start("aside") + 1
    speaker = doc.parse(E.speaker(), block.text[:aside], line)
    stage = doc.parse(E.stage(type="delivery"), label[aside:].lstrip(), line)
    stage_tail = label[aside : len(label) - len(label[aside:].lstrip())]
    if stage_tail:
        append_text(speaker, stage_tail)
    body = _paragraph(E.p(), parts, doc, match["rest"])
    return E.sp(speaker, stage, body, who=person_ref(pid))


def _narrative(text: str, doc: Document) -> bool:
    """Reported prose after a turn: names a person, and no one speaks as I, we or you."""
    if layout.NARRATIVE.match(text):
        return True
    return not layout.FIRST_PERSON.search(text) and _last_person(text, doc) is not None


def _last_person(text: str, doc: Document) -> str | None:
    probe = E.p()
    doc.inline.tag_text(probe, text)
    refs = [el.get("ref") for el in probe.iter(tag("persName"))]
    return refs[-1].split("#", 1)[1] if refs and refs[-1] else None


def _block_element(block: Block, kind: str, doc: Document) -> etree._Element:
    if kind == "items":
        listing = E.list()
        for line in block.lines:
            item = line.text.strip()[2:].strip()
            listing.append(doc.parse(E.item(), item, Block((line,))))
        return listing
    if kind == "stamp":
        element, label = _top_element(block, kind, False, doc)
        return E.ab(element, type=label)
    if kind in ("heading", "bold"):
        return _wrap_ab(_lines(E.head(), block, doc, strip=("# ", "**")), "heading")
    return doc.parse(E.ab(type="glyphs"), block.text, block)


# -- closer and what follows it --------------------------------------------------------------


def _bottom(div: etree._Element, blocks: list[Block], doc: Document) -> None:
    if not blocks:
        return
    closer = E.closer()
    after: list[etree._Element] = []
    signed_before = len(doc.signers)
    for block in blocks:
        text = block.text
        sig = _signature(block)
        if after or (not sig and len(text) > 60):
            if text.startswith("Note:"):
                note = E.note(type="editorial", place="end", resp=doc.inline.editor)
                after.append(doc.parse(note, text, block))
            else:
                after.append(E.postscript(doc.parse(E.p(), text, block)))
            continue
        if len(closer):
            closer.append(E.lb())
        if sig:
            closer.extend(_signed(sig, block, doc))
        elif layout.is_date_line(text) and not doc.signers[signed_before:]:
            closer.append(E.dateline(*_date_children(text)))
        else:
            _lines(closer, block, doc)
    div.append(closer)
    div.extend(after)


def _signed(sig: re.Match[str], block: Block, doc: Document) -> list[etree._Element]:
    """A signature line: an optional dateline, then ``signed`` with the signer's name."""
    out: list[etree._Element] = []
    if sig.groupdict().get("date"):
        found = find_full_date(sig["date"])
        date = E.date(sig["date"], when=found[1]) if found else E.date(sig["date"])
        out.append(E.dateline(date))
        out[-1].tail = " "
    signed = E.signed(block.text[: sig.start("name")] if "role" in sig.groupdict() else "")
    name = sig["name"].strip()
    if name.startswith("[signature]"):
        signed.append(E.gap(reason="signature"))
        signed[-1].tail = " "
        name = name.removeprefix("[signature]").strip()
    pid = doc.person(name, block.no)
    signed.append(E.persName(name, ref=person_ref(pid)))
    append_text(signed, block.text[sig.end("name") :])
    doc.signers.append((name, pid))
    return [*out, signed]
