"""Corrections to the TEI master copy, recorded the way a documentary edition records its
emendations: the text as received and the reading (``choice``/``sic``/``corr``), who made
it (``corr/@resp`` pointing to a ``respStmt`` in the header), and when and why (a
``revisionDesc/change`` that points to the correction).

A change's content is structured: ``<seg type="before">``, ``<seg type="after">`` and
``<seg type="reason">``, so that a speaker or a date that was changed stays recoverable
and every output can list the errata without parsing prose.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import EditionError
from .persons import Personography, _ascii
from .reading import Unit, nearest_id, text_of, units
from .sourcetext import NOT_XML
from .tei import (
    PERSONS_FILE,
    E,
    authority_file,
    authority_pointer,
    depth,
    indent,
    localname,
    safe_parser,
    tag,
    write_atomic,
    xml_attr,
)
from .validate import documents, parse, real_date, validate_tree

KINDS = ("typo", "ocr", "translation", "attribution", "date", "name")
NOTE = "note"  # not a correction: a note of this edition's editors (edition annotate)
NAME = re.compile(r"^[^\W\d_][\w.'’ -]{0,78}[\w.]$")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CONTEXT = 30  # characters of context either side of a match
SHOWN = 8  # matches listed when the text is ambiguous


class CorrectionError(EditionError):
    """A correction that cannot be made; nothing is written."""


class UnknownDocument(CorrectionError):
    """No TEI file by that name."""

    exit_code = 2


@dataclass(frozen=True)
class Request:
    find: str
    replace: str
    by: str
    kind: str = "typo"
    reason: str = ""
    within: str | None = None  # an xml:id: the unit or one of its ancestors
    occurrence: int | None = None  # 1-based, among the matches
    header: bool = False  # search the teiHeader instead of the text


@dataclass
class Applied:
    """One correction made: where, what it was, what it reads now."""

    target: str  # xml:id of the choice, sp or date
    at: str  # the paragraph (or other anchor) it is in
    before: str
    after: str
    kind: str


# -- contributors ------------------------------------------------------------------------


def contributor_id(name: str) -> str:
    """The id of a contributor, the same in every document: ``c-`` and the name in ASCII."""
    check_contributor(name)
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(name)).strip("-")
    return f"c-{slug}"


def check_contributor(name: str) -> None:
    clean = unicodedata.normalize("NFC", name).strip()
    if clean != name or not NAME.match(name) or "  " in name:
        raise CorrectionError(
            f"contributor {name!r} is not a person's name (letters, spaces, dots, hyphens and "
            "apostrophes, 2 to 80 characters; for instance --by 'Jane Roe')"
        )
    if not re.sub(r"[^a-z0-9]+", "", _ascii(name)):
        raise CorrectionError(f"contributor {name!r} has no letter that makes an id")


CONTRIBUTOR_ID = re.compile(r"^#?(c-[a-z0-9-]+)$")


def contributor_name(by: str, root: etree._Element, folder: Path) -> str:
    """--by is a name, or the id of a contributor already credited in this document or
    another of the edition (folder: its TEI folder; ``c-jane-roe``); an id nobody has is
    refused."""
    found = CONTRIBUTOR_ID.match(by)
    if not found:
        return by
    cid = found[1]
    for header in _headers(root, folder):
        for stmt in header.iter(tag("respStmt")):
            name = stmt.find(tag("persName"))
            if stmt.get(xml_attr("id")) == cid and name is not None:
                return " ".join(text_of(name).split())
    raise CorrectionError(
        f"unknown contributor #{cid}: no document of {folder} credits it; the first time, "
        "give your name (--by 'Jane Roe')"
    )


def _headers(root: etree._Element, folder: Path):  # type: ignore[no-untyped-def]
    """This document's header, then those of the other documents of the edition."""
    yield root
    for path in documents(folder):
        tree, _problems = parse(path)
        if tree is not None:
            yield tree.getroot()


def add_contributor(root: etree._Element, name: str) -> str:
    """The contributor's ``respStmt`` in the header (added once); returns its id."""
    cid = contributor_id(name)
    existing = root.find(f".//{tag('teiHeader')}//*[@{xml_attr('id')}='{cid}']")
    if existing is not None:
        name_el = existing.find(tag("persName"))
        listed = " ".join(text_of(name_el).split()) if name_el is not None else ""
        if localname(existing) != "respStmt" or listed != name:
            raise CorrectionError(f"the id #{cid} of {name!r} is already used by {listed!r}")
        return cid
    stmt = E.respStmt(E.resp("corrections"), E.persName(name))
    stmt.set(xml_attr("id"), cid)
    title_stmt = root.find(f"{tag('teiHeader')}/{tag('fileDesc')}/{tag('titleStmt')}")
    assert title_stmt is not None  # the schema requires it
    title_stmt.append(stmt)
    return cid


# -- finding text ------------------------------------------------------------------------


@dataclass
class Match:
    unit: Unit
    start: int
    end: int

    def describe(self) -> str:
        text = self.unit.text
        before = text[max(0, self.start - CONTEXT) : self.start]
        after = text[self.end : self.end + CONTEXT]
        shown = f"…{before}[{text[self.start : self.end]}]{after}…"
        return f"{self.unit.id or '(no id)'}: {' '.join(shown.split())}"


def pattern(find: str) -> re.Pattern[str]:
    """The text to find, any run of white space matching any other."""
    words = find.split()
    if not words:
        raise CorrectionError("--find is empty")
    body = r"\s+".join(map(re.escape, words))
    head = r"(?<!\w)" if re.match(r"\w", words[0][0]) else ""  # whole words only
    tail = r"(?!\w)" if re.match(r"\w", words[-1][-1]) else ""
    return re.compile(head + body + tail)


def find_all(root: etree._Element, request: Request) -> list[Match]:
    scope = root.find(tag("teiHeader") if request.header else tag("text"))
    if scope is None:
        return []
    regex = pattern(request.find)
    found = []
    for unit in units(scope):
        if request.within and not _within(unit.element, request.within):
            continue
        found += [Match(unit, m.start(), m.end()) for m in regex.finditer(unit.text)]
    return found


def _within(el: etree._Element, xml_id: str) -> bool:
    return any(node.get(xml_attr("id")) == xml_id for node in (el, *el.iterancestors()))


def choose(matches: list[Match], request: Request, where: str) -> Match:
    scope = f" in {request.within}" if request.within else ""
    if not matches:
        raise CorrectionError(f"{where}: {request.find!r} is not in the text{scope}")
    if request.occurrence is not None:
        if not 1 <= request.occurrence <= len(matches):
            raise CorrectionError(
                f"{where}: --occurrence {request.occurrence}, but {request.find!r} is found "
                f"{len(matches)} time(s){scope}"
            )
        return matches[request.occurrence - 1]
    if len(matches) > 1:
        listing = "; ".join(f"{i}) {m.describe()}" for i, m in enumerate(matches[:SHOWN], 1))
        if len(matches) > SHOWN:
            listing += f"; and {len(matches) - SHOWN} more"
        raise CorrectionError(
            f"{where}: {request.find!r} is found {len(matches)} times{scope}; say which with "
            f"--in ID or --occurrence N: {listing}"
        )
    return matches[0]


# -- making the change ---------------------------------------------------------------------


Place = tuple[etree._Element, int, int]  # (container, child index or -1 for its text, offset)


def _next_id(root: etree._Element, prefix: str) -> str:
    taken = set(root.xpath("//@xml:id"))
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _boundary(piece_node: etree._Element, slot: str, offset: int) -> Place:
    """A place in the text as (container, child index or -1 for its text, offset)."""
    if slot == "text":
        return piece_node, -1, offset
    parent = piece_node.getparent()
    assert parent is not None
    return parent, parent.index(piece_node), offset


def _slot(container: etree._Element, k: int) -> str:
    return (container.text if k < 0 else container[k].tail) or ""


def _set_slot(container: etree._Element, k: int, value: str) -> None:
    if k < 0:
        container.text = value
    else:
        container[k].tail = value


def _lift_start(b: Place, unit: etree._Element) -> Place | None:
    """A start at the very beginning of an inline element moves to just before it."""
    el, k, i = b
    if k < 0 and i == 0 and el is not unit:
        parent = el.getparent()
        assert parent is not None
        pos = parent.index(el) - 1
        return parent, pos, len(_slot(parent, pos))
    return None


def _lift_end(b: Place, unit: etree._Element) -> Place | None:
    """An end at the very end of an inline element moves to just after it."""
    el, k, j = b
    if el is not unit and k == len(el) - 1 and j == len(_slot(el, k)):
        parent = el.getparent()
        assert parent is not None
        return parent, parent.index(el), 0
    return None


def _span(match: Match) -> tuple[etree._Element, int, int, int, int]:
    """The match as one run of siblings: (container, first slot, offset, last slot, offset).
    A match that starts or ends exactly at the edge of an inline element takes it whole;
    one that cuts an element in two is refused."""
    pieces, unit = match.unit.pieces, match.unit.element
    text = [p for p in pieces if p.slot != "break"]  # a match starts and ends on a word
    first = next(p for p in text if p.start <= match.start < p.start + len(p.text))
    last = next(p for p in text if p.start < match.end <= p.start + len(p.text))
    start = _boundary(first.node, first.slot, match.start - first.start)
    end = _boundary(last.node, last.slot, match.end - last.start)
    while start[0] is not end[0]:
        deeper_start = depth(start[0]) >= depth(end[0])
        new_start = _lift_start(start, unit) if deeper_start else None
        new_end = _lift_end(end, unit) if new_start is None else None
        if new_start is None and new_end is None:
            raise CorrectionError(
                f"{match.unit.id}: the text cuts <{localname(start[0])}> or "
                f"<{localname(end[0])}> in two; find text inside it, or text that takes it whole"
            )
        start, end = new_start or start, new_end or end
    container = start[0]
    around = (container, *container.iterancestors())
    moved = container[start[1] + 1 : end[1] + 1]
    if any(localname(el) in ("choice", "corr") for el in around) or any(
        localname(el) == "choice" or el.find(f".//{tag('choice')}") is not None for el in moved
    ):
        raise CorrectionError(
            f"{match.unit.id}: that text is already corrected; change that correction instead"
        )
    return container, start[1], start[2], end[1], end[2]


def _narrowed(match: Match, replace: str) -> tuple[Match, str]:
    """Words the text found and its replacement share at either end are context, not
    part of the correction: 'he acute' -> 'the acute' corrects 'he' to 'the'."""
    found = list(re.finditer(r"\S+", match.unit.text[match.start : match.end]))
    new = replace.split()
    same = [a.group() == b for a, b in zip(found, new, strict=False)]
    lead = next((i for i, s in enumerate(same) if not s), len(same))
    same = [a.group() == b for a, b in zip(reversed(found), reversed(new), strict=False)]
    trail = next((i for i, s in enumerate(same) if not s), len(same))
    if lead + trail >= min(len(found), len(new)):
        return match, replace.strip()
    start = match.start + found[lead].start()
    end = match.start + found[len(found) - trail - 1].end()
    return Match(match.unit, start, end), " ".join(new[lead : len(new) - trail])


def wrap(match: Match, corr_text: str, resp: str, choice_id: str) -> tuple[str, str]:
    """Put ``choice/sic`` around the match and the reading in ``corr``; returns the text
    before and after."""
    container, ks, i, ke, j = _span(match)
    sic = E.sic()
    head = _slot(container, ks)
    if ks == ke:
        sic.text, before, after = head[i:j], head[:i], head[j:]
    else:
        sic.text, before = head[i:], head[:i]
        moved = list(container[ks + 1 : ke + 1])
        tail = moved[-1].tail or ""
        moved[-1].tail, after = tail[:j], tail[j:]
        sic.extend(moved)
    _set_slot(container, ks, before)
    choice = E.choice(sic, E.corr(corr_text, resp=f"#{resp}"))
    choice.set(xml_attr("id"), choice_id)
    choice.tail = after
    container.insert(ks + 1, choice)
    return text_of(sic), corr_text


def add_change(
    root: etree._Element,
    who: str,
    target: str,
    kind: str,
    before: str,
    after: str,
    reason: str,
    when: str,
) -> None:
    change = E.change(
        E.seg(before, type="before"),
        " → ",
        E.seg(after, type="after"),
        type="correction",
        subtype=kind,
        when=when,
        who=f"#{who}",
        target=f"#{target}",
    )
    if reason:
        change[-1].tail = ": "
        change.append(E.seg(reason, type="reason"))
    revision_desc(root).append(change)


def revision_desc(root: etree._Element) -> etree._Element:
    """The header's revisionDesc, made if a hand-written file has none."""
    header = root.find(tag("teiHeader"))
    assert header is not None  # the schema requires it
    revision = header.find(tag("revisionDesc"))
    if revision is None:
        revision = etree.SubElement(header, tag("revisionDesc"))
    return revision


def apply(
    root: etree._Element,
    request: Request,
    book: Personography | None,
    when: str,
    where: str,
    folder: Path,
    persons: str = PERSONS_FILE,
) -> Applied:
    """Make one correction in the tree (nothing is written here). folder is the edition's
    TEI folder; persons how the document points to its persons.xml ("../persons.xml" from
    a volume's folder)."""
    if request.kind not in (*KINDS, NOTE):
        raise CorrectionError(
            f"{where}: --kind must be one of {', '.join(KINDS)}, not {request.kind!r}"
        )
    if not request.replace.strip():
        what = "--note" if request.kind == NOTE else "--replace"
        raise CorrectionError(f"{where}: {what} is empty")
    if not request.find.strip():
        raise CorrectionError(f"{where}: --find is empty")
    for option, value in (("--replace", request.replace), ("--reason", request.reason),
                          ("--by", request.by)):  # fmt: skip
        if bad := NOT_XML.search(value):
            raise CorrectionError(
                f"{where}: {option} holds U+{ord(bad[0]):04X}, a character XML cannot hold"
            )
    who = add_contributor(root, contributor_name(request.by, root, folder))
    if request.kind == NOTE:
        return _annotate(root, request, who, when, where)
    if request.kind == "attribution":
        return _attribution(root, request, book, who, when, where, persons)
    if request.kind == "date":
        return _date(root, request, who, when, where)
    match = choose(find_all(root, request), request, where)
    found = match.unit.text[match.start : match.end]
    if " ".join(found.split()) == " ".join(request.replace.split()):
        raise CorrectionError(f"{where}: --replace is the same as the text found ({found!r})")
    match, reading = _narrowed(match, request.replace)
    target = _next_id(root, "corr")
    try:
        before, after = wrap(match, reading, who, target)
    except CorrectionError as exc:
        raise CorrectionError(f"{where}: {exc}") from None
    add_change(root, who, target, request.kind, before, after, request.reason, when)
    return Applied(target, match.unit.id, before, after, request.kind)


def _attribution(root, request, book, who, when, where, persons) -> Applied:  # type: ignore[no-untyped-def]
    match = choose(find_all(root, request), request, where)
    sp = next(
        (
            a
            for a in (match.unit.element, *match.unit.element.iterancestors())
            if localname(a) == "sp"
        ),
        None,
    )
    if sp is None:
        raise CorrectionError(f"{where}: {request.find!r} is not in a speaker turn")
    new = f"{persons}#{_person(request.replace, book, where)}"
    old, target = _set_recorded(root, sp, "who", new, who, request, when, where)
    return Applied(target, target, old, new, "attribution")


def _set_recorded(
    root: etree._Element, el: etree._Element, name: str, value: str, who: str,
    request: Request, when: str, where: str,
) -> tuple[str, str]:  # fmt: skip
    """Change an attribute (sp/@who, date/@when), the old value kept in the change that
    records it; returns the old value and the element's id."""
    old = el.get(name, "")
    if old == value:
        raise CorrectionError(f"{where}: the {localname(el)}'s {name} already reads {value}")
    el.set(name, value)
    target = el.get(xml_attr("id")) or _next_id(root, localname(el))
    el.set(xml_attr("id"), target)
    add_change(root, who, target, request.kind, old, value, request.reason, when)
    return old, target


def _annotate(root, request, who, when, where) -> Applied:  # type: ignore[no-untyped-def]
    """A note of this edition, in the line right after the text found."""
    match = choose(find_all(root, request), request, where)
    note = E.note(request.replace.strip(), type="editorial", place="inline", resp=f"#{who}")
    note.set("subtype", "edition")
    target = _next_id(root, "edn")
    note.set(xml_attr("id"), target)
    insert_after(match, note)
    change = E.change(E.seg(request.reason or "A note of this edition.", type="reason"))
    change.attrib.update(
        {"type": "annotation", "when": when, "who": f"#{who}", "target": f"#{target}"}
    )
    revision_desc(root).append(change)
    return Applied(target, match.unit.id, "", request.replace.strip(), NOTE)


def insert_after(match: Match, element: etree._Element) -> None:
    """Put element in the text right after the match (after a name or date the match
    ends with, not inside it)."""
    last = next(
        p for p in match.unit.pieces
        if p.slot != "break" and p.start < match.end <= p.start + len(p.text)
    )  # fmt: skip
    place = _boundary(last.node, last.slot, match.end - last.start)
    while (outside := _lift_end(place, match.unit.element)) is not None:
        place = outside
    container, k, j = place
    text = _slot(container, k)
    _set_slot(container, k, text[:j])
    element.tail = text[j:]
    container.insert(k + 1, element)


def _person(value: str, book: Personography | None, where: str) -> str:
    """The id of the person value names (an id, a pointer to one, or a listed name)."""
    if book is None:
        raise CorrectionError(f"{where}: {PERSONS_FILE} is missing beside the document")
    pid = value.rpartition(f"{PERSONS_FILE}#")[2].removeprefix("#")
    if pid not in book.persons:
        pid = book.resolve(value) or ""
    if not pid:
        raise CorrectionError(
            f"{where}: {value!r} is no person of {PERSONS_FILE} (give an id or a listed name)"
        )
    return pid


def _date(root, request, who, when, where) -> Applied:  # type: ignore[no-untyped-def]
    value = request.replace.strip()
    if not ISO_DATE.match(value) or not real_date(value):
        raise CorrectionError(
            f"{where}: --replace {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    regex = pattern(request.find)
    scope = root.find(tag("teiHeader") if request.header else tag("text"))
    dates = [
        d for d in scope.iter(tag("date"))
        if regex.search(text_of(d)) and (not request.within or _within(d, request.within))
    ]  # fmt: skip
    if not dates:
        raise CorrectionError(f"{where}: no date reads {request.find!r}")
    if len(dates) > 1 and request.occurrence is None:
        listing = "; ".join(f"{nearest_id(d) or '(header)'}: {text_of(d)}" for d in dates)
        raise CorrectionError(
            f"{where}: {len(dates)} dates read {request.find!r}; say which with --in or "
            f"--occurrence: {listing}"
        )
    if request.occurrence is not None and not 1 <= request.occurrence <= len(dates):
        raise CorrectionError(
            f"{where}: --occurrence {request.occurrence}, but {len(dates)} date(s) match"
        )
    el = dates[(request.occurrence or 1) - 1]
    old, target = _set_recorded(root, el, "when", value, who, request, when, where)
    return Applied(target, nearest_id(el.getparent()), old, value, "date")


def tidy_header(root: etree._Element) -> None:
    """Indent what the corrections added to the header, as the import indents it."""
    header = root.find(tag("teiHeader"))
    if header is not None:
        indent(header, 1)
        header.tail = "\n  "


# -- a document corrected -------------------------------------------------------------------


@dataclass
class Corrected:
    path: Path
    old: bytes
    new: bytes
    applied: list[Applied] = field(default_factory=list)


def correct_document(
    path: Path, requests: list[Request], when: str, where: str | None = None
) -> Corrected:
    """Every request made in one document, all or nothing; the result validated with the
    same checks as ``edition validate``. Nothing is written here."""
    label = where or str(path)
    tree, problems = parse(path)
    if tree is None:
        raise CorrectionError(f"{problems[0]}")
    old = path.read_bytes()
    problems = validate_tree(tree, path)
    if problems:
        raise CorrectionError(
            f"{path}: not corrected: it fails validation before the change "
            f"({len(problems)} problem(s); first: {problems[0]})"
        )
    root = tree.getroot()
    persons = authority_file(path, PERSONS_FILE)
    book = Personography.load(persons) if persons.is_file() else None
    pointer = authority_pointer(path, PERSONS_FILE)
    applied = []
    for n, request in enumerate(requests, start=1):
        at = label if len(requests) == 1 else f"{label} (correction {n})"
        applied.append(apply(root, request, book, when, at, persons.parent, pointer))
    tidy_header(root)
    new = serialize_like(tree)
    check = etree.ElementTree(etree.fromstring(new, safe_parser()))
    problems = validate_tree(check, path)
    if problems:
        raise CorrectionError(
            f"{path}: not corrected: the document would be invalid: {problems[0]}"
        )
    return Corrected(path, old, new, applied)


def serialize_like(tree: etree._ElementTree) -> bytes:
    """The tree as a TEI file of the edition: declaration, the processing instructions
    before the root as they were, the root."""
    root = tree.getroot()
    head = ['<?xml version="1.0" encoding="UTF-8"?>']
    head += [
        etree.tostring(pi, encoding="unicode").strip()
        for pi in reversed(list(root.itersiblings(preceding=True)))
    ]
    body = etree.tostring(root, encoding="unicode", with_tail=False)
    return ("\n".join(head) + "\n" + body + "\n").encode("utf-8")


def write_corrected(corrected: Corrected) -> None:
    """Write atomically, unless the file changed on disk since it was read."""
    try:
        now = corrected.path.read_bytes()
    except OSError as exc:
        raise CorrectionError(f"{corrected.path}: cannot read it again: {exc.strerror}") from None
    if now != corrected.old:
        raise CorrectionError(
            f"{corrected.path}: changed on disk while the correction was made; nothing "
            "written, run the command again"
        )
    write_atomic(corrected.path, corrected.new)
