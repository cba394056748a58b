"""Block-level reading shared by every reader: what kind of block is this?

Kinds: ``heading`` (``# x``), ``bold`` (``**x**``), ``table`` (tab-separated columns),
``items`` (``- x`` lines), ``ednote`` (``[Ed. note: ...]``), ``glyphs`` (only ``□``),
``turn`` (``SPEAKER. text``), ``stamp`` (classification, copy, handling and registration
marks), and ``prose`` for everything else.
"""

from __future__ import annotations

import re

from ..dates import find_full_date
from ..persons import Personography
from ..sourcetext import Block

INITIALS = r"(?:[A-ZА-ЯЁ]\.\s?)*"
UPPER_WORD = r"[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]+"
# Up to three words in capitals, the last of two letters or more: A.I. MIKOYAN, U THANT,
# C. RAFAEL RODRIGUEZ, О.ДОРТИКОС.
UPPER_LABEL = rf"(?:{INITIALS}[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]*\s+){{0,2}}{INITIALS}{UPPER_WORD}"
MIXED_LABEL = rf"{INITIALS}[A-ZА-ЯЁ][\w'’\-]+(?:\s+[A-ZА-ЯЁ][\w'’\-]+){{0,2}}"
TURN = re.compile(
    rf"^(?P<label>{UPPER_LABEL}|{MIXED_LABEL})(?P<aside>,\s+to\s+[^:.]{{1,40}})?"
    rf"(?P<sep>[.:])\s+(?P<rest>\S.*)$",
    re.S,
)
NARRATIVE = re.compile(rf"^(?P<label>{UPPER_LABEL})\s+[a-zа-яё]")
STAMP = re.compile(
    r"(?i)\b(?:top secret|secret|confidential|copy|copies|prohibited|declassified|outgoing"
    r"|сов\.|секретно|рассекр|рассеяно|копия|экз|вне очереди|не подлежит|подлежит передаче"
    r"|распространению)|№"
)
REGISTRATION = re.compile(r"^[\W\d]*\d{3,}[\W\d]*$|\b\d{5,}\b|\b\d{3,}-\d{3,}\b")
ED_NOTE_BLOCK = re.compile(r"(?is)^\[ed(?:itor'?s)?\.? note:.*\]$")
FOOTNOTE_DEF = re.compile(r"(?s)^\[(?P<n>\d{1,3})\]\s+(?P<text>\S.*)$")
SENTENCE_END = tuple(".?!:;\"”»’')]…")  # what a sentence may end with
FIRST_PERSON = re.compile(
    r"(?i)\b(?:I|me|my|mine|we|us|our|ours|you|your|yours|я|меня|мне|мы|нас|нам|наш\w*"
    r"|вы|вас|вам|ваш\w*)\b"
)


def kind(block: Block, book: Personography) -> str:
    text = block.text
    first = block.lines[0].text.strip()
    if first.startswith("# "):
        return "heading"
    if text.startswith("**") and text.endswith("**"):
        return "bold"
    if any("\t" in line.text for line in block.lines):
        return "table"
    if all(line.text.lstrip().startswith(("- ", "– ")) for line in block.lines):
        return "items"
    if ED_NOTE_BLOCK.match(text):
        return "ednote"
    if not text.strip("□ "):  # only glyphs and spaces
        return "glyphs"
    if len(block.lines) == 1 and turn_match(text, book):
        return "turn"
    lines = [line.text for line in block.lines]
    if (
        len(text) < 80
        and any(STAMP.search(line) or REGISTRATION.search(line) for line in lines)
        and all(STAMP.search(x) or REGISTRATION.search(x) or is_date_line(x) for x in lines)
    ):
        return "stamp"
    return "prose"


def turn_match(text: str, book: Personography) -> re.Match[str] | None:
    """A speaker label: always when in capitals; in mixed case only for a known person."""
    match = TURN.match(text)
    if not match or "\n" in text[: match.start("rest")] or STAMP.search(match["label"]):
        return None
    label = match["label"]
    if re.fullmatch(UPPER_LABEL, label):
        return match
    return match if book.resolve(label) else None


def is_paragraph(block: Block, k: str) -> bool:
    """Running text, as opposed to the short lines of stamps, headings and signatures
    (k: the block's kind)."""
    if k in ("turn", "items", "ednote"):
        return True
    longest = max(len(line.text) for line in block.lines)
    return k == "prose" and longest >= 60 and block.text.endswith(SENTENCE_END)


def ends_mid_sentence(text: str) -> bool:
    return not text.endswith(SENTENCE_END)


def is_date_line(text: str) -> bool:
    found = find_full_date(text)
    return bool(found) and len(text) - len(found[0][0]) <= 12  # type: ignore[index]


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
