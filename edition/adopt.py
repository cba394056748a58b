"""Adopting what a newer reader makes without losing contributed work: a fresh import of a
source, with the master copy's corrections, notes of the edition, corrected speakers and
dates, contributors and revision history carried over (``edition import --adopt``).

Each correction is placed where it stood: in the paragraph (or other unit) with the same
id, at the same place in its text as received. Where the text as received changed there,
the correction is placed only if its text, with the words around it, occurs once in that
unit; otherwise adoption of that document is refused, and the correction is named, for an
editor to carry by hand.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from .corrections import CorrectionError, Match, insert_after, revision_desc, wrap
from .reading import Unit, text_of, units
from .review import unwrap
from .tei import E, localname, tag, xml_attr

OPEN, CLOSE = "\ue000", "\ue001"  # private-use marks: where a correction starts and ends
CONTEXT = 15  # characters either side that must come with a correction that moved


class AdoptError(CorrectionError):
    """A correction that cannot be placed in the new text."""


@dataclass
class Spot:
    """Where something of the master stands: its unit (anchor id and rank among the units
    of that anchor), its offsets in the unit's text as received, and the words before it."""

    key: tuple[str, int]
    start: int
    end: int
    before: str
    after: str = ""


def adopt(master: etree._Element, fresh: etree._Element, when: str, source: str) -> etree._Element:
    """fresh, with everything contributed to master carried over."""
    result = copy.deepcopy(fresh)
    for stmt in master.iter(tag("respStmt")):
        if (stmt.get(xml_attr("id")) or "").startswith("c-"):
            _title_stmt(result).append(copy.deepcopy(stmt))
    marked = [
        el for el in master.iter()
        if el.tag == tag("choice")
        or (el.tag == tag("note") and el.get("subtype") == "edition")
    ]  # fmt: skip
    for el in marked:
        spot = _spot(master, el.get(xml_attr("id")) or "")
        if el.tag == tag("choice"):
            _place_choice(result, el, spot)
        else:
            _place_note(result, el, spot)
    _carry_attributes(master, result)
    history = copy.deepcopy(revision_desc(master))
    history.append(
        E.change(
            f"Imported again from {source} by a newer reader; the corrections and notes "
            "recorded above were carried over.",
            type="import",
            when=when,
            who="#importer",
        )
    )
    revision_desc(result).getparent().replace(revision_desc(result), history)  # type: ignore[union-attr]
    return result


def _title_stmt(root: etree._Element) -> etree._Element:
    found = root.find(f"{tag('teiHeader')}/{tag('fileDesc')}/{tag('titleStmt')}")
    assert found is not None  # the schema requires it
    return found


def _spot(master: etree._Element, marked_id: str) -> Spot:
    """Where the element with marked_id stands in the text as received: a copy of master
    with every correction taken back and notes taken out, marks around this one."""
    work = copy.deepcopy(master)
    for choice in list(work.iter(tag("choice"))):
        sic = choice.find(tag("sic"))
        sic = copy.deepcopy(sic) if sic is not None else E.sic()
        if choice.get(xml_attr("id")) == marked_id:
            sic.text = OPEN + (sic.text or "")
            if len(sic):
                sic[-1].tail = (sic[-1].tail or "") + CLOSE
            else:
                sic.text += CLOSE
        unwrap(choice, sic)
    for note in list(work.iter(tag("note"))):
        if note.get("subtype") == "edition":
            unwrap(note, E.sic(OPEN + CLOSE) if note.get(xml_attr("id")) == marked_id else E.sic())
    for key, unit in _keyed(work):
        text = unit.text
        if OPEN in text:
            start = text.index(OPEN)
            close = text.index(CLOSE)
            return Spot(
                key,
                start,
                close - 1,
                text[max(0, start - 30) : start],
                text[close + 1 : close + 31],
            )
    raise AdoptError(f"#{marked_id}: not found in the text")


def _keyed(root: etree._Element, side: str = "corrected") -> list[tuple[tuple[str, int], Unit]]:
    """The units of the text, each with its key: its anchor id and its rank under it."""
    body = root.find(tag("text"))
    counts: dict[str, int] = {}
    keyed = []
    for unit in units(body if body is not None else root, side):  # type: ignore[arg-type]
        rank = counts.get(unit.id, 0)
        counts[unit.id] = rank + 1
        keyed.append(((unit.id, rank), unit))
    return keyed


def _unit(result: etree._Element, spot: Spot, what: str, wanted: str) -> tuple[Unit, int]:
    """The unit of result the spot is in, and where wanted starts in its text as received."""
    unit = dict(_keyed(result, "received")).get(spot.key)
    if unit is None:
        unit = Unit(etree.Element("none"), [])
    text = unit.text
    if text[spot.start : spot.start + len(wanted)] == wanted:
        return unit, spot.start
    around = spot.before[-CONTEXT:] + wanted + spot.after[:CONTEXT]  # moved, but with its context
    if wanted and text.count(around) == 1:
        return unit, text.index(around) + len(spot.before[-CONTEXT:])
    # Moved to another unit of the same place (items of a list reordered): found once there.
    places = [u for key, u in _keyed(result, "received") if key[0] == spot.key[0]]
    holding = [u for u in places if around in u.text] if wanted else []
    if len(holding) == 1 and holding[0].text.count(around) == 1:
        found = holding[0]
        return found, found.text.index(around) + len(spot.before[-CONTEXT:])
    raise AdoptError(
        f"{what}: the text as received changed in {spot.key[0]}; carry it over by hand"
    )


def _place_choice(result: etree._Element, choice: etree._Element, spot: Spot) -> None:
    ident = choice.get(xml_attr("id")) or "?"
    sic, corr = choice.find(tag("sic")), choice.find(tag("corr"))
    if sic is None or corr is None or len(corr):
        raise AdoptError(f"#{ident}: only a correction in plain words can be carried over")
    received = text_of(sic)
    unit, start = _unit(result, spot, f"#{ident}", received)
    resp = (corr.get("resp") or "#").split()[0][1:]
    wrap(Match(unit, start, start + len(received)), corr.text or "", resp, ident)


def _place_note(result: etree._Element, note: etree._Element, spot: Spot) -> None:
    ident = note.get(xml_attr("id")) or "?"
    if not spot.before:
        raise AdoptError(f"#{ident}: a note must follow some text")
    context = Spot(spot.key, spot.start - len(spot.before), spot.start, "")
    unit, start = _unit(result, context, f"#{ident}", spot.before)
    end = start + len(spot.before)
    insert_after(Match(unit, end, end), copy.deepcopy(note))


def _carry_attributes(master: etree._Element, result: etree._Element) -> None:
    """Corrected speakers (sp/@who) and dates (date/@when), on the same element of the
    new text: the turn with the same id, the date with the same words at the same place."""
    for change in master.iter(tag("change")):
        kind = change.get("subtype")
        if change.get("type") != "correction" or kind not in ("attribution", "date"):
            continue
        seg = change.find(f"{tag('seg')}[@type='before']")
        before = text_of(seg) if seg is not None else ""
        for target in (change.get("target") or "").split():
            ident = target[1:]
            old = master.xpath("//*[@xml:id = $i]", i=ident)
            if not old:
                continue
            name = "who" if kind == "attribution" else "when"
            found = result.xpath("//*[@xml:id = $i]", i=ident) or _same_date(result, old[0])
            if not found or found[0].get(name) != before:
                raise AdoptError(f"#{ident}: the corrected {localname(old[0])} is not where it was")
            found[0].set(name, old[0].get(name, ""))
            found[0].set(xml_attr("id"), ident)


def _same_date(result: etree._Element, date: etree._Element) -> list[etree._Element]:
    """The date of result with the same words under the same anchor as date in master."""
    parent = date.getparent()
    anchor = parent.xpath("ancestor-or-self::*[@xml:id][1]/@xml:id") if parent is not None else []
    words = text_of(date)
    return [
        d for d in result.iter(tag("date"))
        if text_of(d) == words and d.xpath("ancestor::*[@xml:id][1]/@xml:id")[:1] == anchor[:1]
    ][:1]  # fmt: skip
