"""Reviewing corrections: every one well formed and recorded, the list of them, where each
stands, and the document as it was received (its corrections and notes taken back)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .corrections import tidy_header
from .diagnostics import Diagnostic
from .reading import nearest_id, text_of
from .tei import E, localname, tag, xml_attr


def check_corrections(tree: etree._ElementTree, path: Path) -> list[Diagnostic]:
    """Each ``corr`` credits a person named in the header, is neither empty nor the same
    as its ``sic``, and has a ``change`` that records it; each correction ``change``
    says who made it and points to what it changed."""
    root = tree.getroot()
    where = str(path)
    problems: list[Diagnostic] = []

    def problem(el: etree._Element, message: str) -> None:
        problems.append(Diagnostic(where, el.sourceline, None, "error", "correction", message))

    people = {
        s.get(xml_attr("id"))
        for s in root.iter(tag("respStmt"))
        if s.get(xml_attr("id")) and s.find(tag("persName")) is not None
    }
    targets: dict[str, set[str]] = {"correction": set(), "annotation": set()}
    for change in root.iter(tag("change")):
        kind = change.get("type", "")
        if kind not in targets:
            continue
        who = (change.get("who") or "").split()
        if not who or any(w[1:] not in people for w in who):
            problem(
                change,
                f'<change type="{kind}">: who="{change.get("who", "")}" must name a '
                "person of the header (a respStmt with a persName)",
            )
        pointed = (change.get("target") or "").split()
        if not pointed:
            problem(change, f'<change type="{kind}"> has no target: say what it changed')
        targets[kind].update(t[1:] for t in pointed if t.startswith("#"))
    recorded, annotated = targets["correction"], targets["annotation"]
    for note in root.iter(tag("note")):
        if note.get("subtype") != "edition":
            continue
        resp = (note.get("resp") or "").split()
        if not resp or any(r[1:] not in people for r in resp):
            problem(note, "a note of this edition must name a person of the header in resp")
        if note.get(xml_attr("id")) not in annotated:
            problem(note, 'no <change type="annotation"> records this note')
    for choice in root.iter(tag("choice")):
        corr, sic = choice.find(tag("corr")), choice.find(tag("sic"))
        if corr is None or sic is None:
            continue  # the schema reports it
        resp = (corr.get("resp") or "").split()
        if not resp:
            problem(corr, "<corr> has no resp: say who corrected (edition correct --by NAME)")
        elif any(r[1:] not in people for r in resp):
            problem(
                corr, f'<corr resp="{corr.get("resp")}">: resp must name a person of the header'
            )
        reading, received = " ".join(text_of(corr).split()), " ".join(text_of(sic).split())
        if not reading:
            problem(corr, "<corr> is empty")
        elif reading == received:
            problem(corr, f"<corr> reads the same as its <sic> ({reading!r})")
        if choice.get(xml_attr("id")) not in recorded:
            problem(
                choice,
                'no <change type="correction"> in the revisionDesc records this '
                "correction (edition correct records one)",
            )
    return problems


@dataclass
class Recorded:
    """A correction as the revisionDesc records it."""

    line: int | None
    target: str
    at: str
    kind: str
    who: str
    when: str
    before: str
    after: str
    reason: str


def recorded(root: etree._Element) -> list[Recorded]:
    """Every correction of a document, in the order they were made."""
    found = []
    ids = {el.get(xml_attr("id")): el for el in root.iter() if el.get(xml_attr("id"))}
    for change in root.iter(tag("change")):
        if change.get("type") != "correction":
            continue
        segs = {seg.get("type"): " ".join(text_of(seg).split()) for seg in change.iter(tag("seg"))}
        who = ids.get((change.get("who") or "#").split()[0][1:])
        name = who.find(tag("persName")) if who is not None else None
        for target in (change.get("target") or "").split():
            el = ids.get(target[1:])
            found.append(Recorded(
                change.sourceline, target[1:],
                anchor_of(el),
                change.get("subtype", ""), text_of(name).strip() if name is not None else "",
                change.get("when", ""), segs.get("before", ""), segs.get("after", ""),
                segs.get("reason", ""),
            ))  # fmt: skip
    return found


def anchor_of(el: etree._Element | None) -> str:
    """The paragraph (or turn) a corrected element is in, to link to."""
    if el is None:
        return ""
    parent = el.getparent()
    return nearest_id(el if localname(el) == "sp" or parent is None else parent)


def as_received(root: etree._Element) -> etree._Element:
    """A copy of the document as it was before its corrections: each choice replaced by
    its sic, each speaker and date put back, the correction changes and the contributors
    taken out. Of an unedited import, what a fresh import gives again."""
    copy = etree.fromstring(etree.tostring(root))
    for choice in list(copy.iter(tag("choice"))):
        sic = choice.find(tag("sic"))
        unwrap(choice, sic if sic is not None else E.sic())
    ids = {el.get(xml_attr("id")): el for el in copy.iter() if el.get(xml_attr("id"))}
    for note in list(copy.iter(tag("note"))):
        if note.get("subtype") == "edition":
            unwrap(note, E.sic())  # keeps its tail, drops the note
    imports = [c for c in copy.iter(tag("change")) if c.get("type") == "import"]
    for later in imports[1:]:  # imported again (--adopt): not part of what was received
        later.getparent().remove(later)  # type: ignore[union-attr]
    for change in list(copy.iter(tag("change"))):
        if change.get("type") == "annotation":
            change.getparent().remove(change)  # type: ignore[union-attr]
            continue
        if change.get("type") != "correction":
            continue
        before = change.find(f"{tag('seg')}[@type='before']")
        for target in (change.get("target") or "").split():
            el = ids.get(target[1:])
            kind = change.get("subtype")
            if el is not None and before is not None and kind in ("attribution", "date"):
                el.set("who" if kind == "attribution" else "when", text_of(before))
                if localname(el) == "date":
                    del el.attrib[xml_attr("id")]  # the correction gave it its id
        change.getparent().remove(change)  # type: ignore[union-attr]
    for stmt in list(copy.iter(tag("respStmt"))):
        if (stmt.get(xml_attr("id")) or "").startswith("c-"):
            stmt.getparent().remove(stmt)  # type: ignore[union-attr]
    tidy_header(copy)
    return copy


def unwrap(choice: etree._Element, sic: etree._Element) -> None:
    """Put the content of sic where choice is."""
    parent = choice.getparent()
    assert parent is not None
    at = parent.index(choice)
    text, tail, children = sic.text or "", choice.tail or "", list(sic)
    parent.remove(choice)
    for offset, child in enumerate(children):
        parent.insert(at + offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
        tail = ""
    if at == 0:
        parent.text = (parent.text or "") + text + tail
    else:
        parent[at - 1].tail = (parent[at - 1].tail or "") + text + tail


def part_of(el: etree._Element) -> str:
    """The part of the document's top or bottom el stands in (opener, head, closer,
    postscript), when no paragraph or turn with an id holds it; else ""."""
    holder = next((a for a in el.iterancestors() if a.get(xml_attr("id"))), None)
    if holder is None or holder.getparent() is not None:
        return ""
    parts = (a for a in el.iterancestors() if localname(a) in PARTS)
    return next((localname(a) for a in parts), "")


PARTS = ("opener", "head", "closer", "postscript")
