"""The marks on a document (stamps, numbers, handling notes), told apart by what they say.

A block of such lines is cut into stamps by content, not by line: one line may carry two
stamps ("Top Secret Copy № 1": a classification and a copy mark), and one stamp may be
written over several lines (a declassification stamp with its number and date; a handling
note that wraps, its second line starting in lower case; a run of cipher numbers).

The vocabulary, by @type: ``classification``, ``copy``, ``handling``, ``declassification``,
``registration`` (incoming/outgoing numbers, cipher groups) and ``dispatch`` (a date alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import layout

KEYWORD = re.compile(
    r"(?i)(?P<handling>making\s+copies\s+prohibited|copying\s+prohibited|не\s+подлежит"
    r"|подлежит\s+передаче|вне\s+очереди|распространению)"
    r"|(?P<declassification>рассекр\w*|рассеяно|declassified)"
    r"|(?P<classification>(?:top\s+)?secret|confidential|секретно)"
    r"|(?P<copy>\bcopy\b|\bкопия\b|\bэкз\b)"
    r"|(?P<registration>\boutgoing\b|\bincoming\b|\bисх\b|\bвх\b)"
)
NUMBERS = re.compile(r"^[\W\d]*\d{3,}[\W\d]*$")
NUMBER = re.compile(r"^(?:№|No\.?)\s*\S+$|^[\d/.\-]+$")


@dataclass
class Stamp:
    type: str
    parts: list[tuple[int, str]] = field(default_factory=list)  # (line index, text)
    numbers_only: bool = False


def pieces(line: str) -> list[tuple[str | None, str]]:
    """One line cut where a keyword of another kind starts: (kind or None, text)."""
    if layout.is_date_line(line):
        return [("dispatch", line)]
    cuts: list[tuple[int, str]] = []
    for match in KEYWORD.finditer(line):
        kind = match.lastgroup
        assert kind is not None
        if not cuts:
            cuts.append((0, kind))
        elif kind != cuts[-1][1]:
            cuts.append((match.start(), kind))
    if not cuts:
        return [("registration" if layout.REGISTRATION.search(line) else None, line)]
    ends = [start for start, _ in cuts[1:]] + [len(line)]
    return [(kind, line[start:end].strip()) for (start, kind), end in zip(cuts, ends, strict=True)]


def read(lines: list[str]) -> tuple[list[Stamp], list[str]]:
    """The stamps of a block's lines, in order, and what was doubtful about them."""
    found: list[Stamp] = []
    doubts: list[str] = []
    for row, line in enumerate(lines):
        for j, (kind, text) in enumerate(pieces(line)):
            if j == 0 and found and _continues(found[-1], kind, text):
                found[-1].parts.append((row, text))
                continue
            if kind is None:
                kind = "registration" if NUMBER.match(text) else "handling"
                doubts.append(f"'{text}' read as a {kind} mark")
            found.append(Stamp(kind, [(row, text)], numbers_only=bool(NUMBERS.match(text))))
    return found, doubts


def _continues(current: Stamp, kind: str | None, text: str) -> bool:
    """A line that goes on with the stamp above it."""
    if text[:1].islower():
        return True
    if current.type == "declassification":
        return kind == "dispatch" or (kind in (None, "registration") and bool(NUMBER.match(text)))
    return current.numbers_only and bool(NUMBERS.match(text))
