"""The inline parser: one paragraph of source text to TEI phrase-level markup.

Conventions read here (each documented in docs/ENCODING.md):

* ``**bold**``, ``*italic*``, ``<sup>th</sup>``          -> ``hi`` with ``@rend``
* ``[1]`` with a footnote text                           -> ``note`` at the mark
* ``[Ed. note: ...]`` (brackets may nest inside)         -> ``note type="editorial"``
* ``[... —ed.]``, ``[escort?—ed.]``                      -> ``supplied reason="explanation"``
* ``[*term*]``, ``[u nas]``, ``[кириллица]``             -> ``supplied reason="original-term"``
  around ``foreign``
* ``[mir, which could also be translated as ...]``       -> ``note type="gloss"``
* ``[Cuban]``, ``[He]``                                  -> ``supplied reason="subaudible"``
* ``[?]`` after a word / standing alone                  -> supplied ``?`` / ``gap``
* ``[signature]``                                        -> ``gap reason="signature"``
* ``□`` (a glyph the transcriber could not read)         -> ``g type="unrecognized"``

Anything else is text, passed to the names-and-dates tagger. An unbalanced bracket or a
footnote mark without footnote text raises InlineError with its column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from .entities import Tagger, plain_text
from .errors import InlineError
from .tei import E, xml_attr

ED_NOTE = re.compile(r"(?is)^ed(?:itor'?s)?\.? note:\s*(?P<body>.*)$")
ED_GLOSS = re.compile(r"(?s)^(?P<body>.*?)(?P<q>\?)?\s*(?:—|–|--|-)\s*ed\.$")
FOOTNOTE = re.compile(r"^\d{1,3}$")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
TRANSLIT_WORD = re.compile(r"^[a-z][a-z'\-]*$")
TRANSLIT_HINT = re.compile(r"zh|kh|shch|sch|ts|iu|ia|yy|'|omu$|ogo$|nost|-")
RUSSIAN_SHORT_WORDS = {"u", "nas", "vas", "mir", "da", "net", "po", "na", "ne", "my", "vy"}
ENGLISH_SHORT_WORDS = {"my", "no", "on", "to", "us", "we", "me", "he", "the", "a", "an"}


@dataclass
class InlineContext:
    """What the parser needs to know of the document it works in."""

    tag_text: Tagger = plain_text
    footnotes: Mapping[str, str] = field(default_factory=dict)
    editor: str = "#ed"  # who wrote "—ed." glosses and "[Ed. note: ...]"
    bracket_resp: str = "#ed"  # who supplied plain bracketed words
    report: Callable[[str], None] = lambda message: None
    used_footnotes: set[str] = field(default_factory=set)


def parse_inline(parent: etree._Element, text: str, ctx: InlineContext) -> etree._Element:
    """Append the TEI for ``text`` to ``parent`` and return parent."""
    _Parser(text, ctx).run(parent, 0, len(text))
    return parent


def looks_transliterated(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 3:
        return False
    for word in words:
        if not TRANSLIT_WORD.match(word) or word in ENGLISH_SHORT_WORDS:
            return False
    return all(w in RUSSIAN_SHORT_WORDS or TRANSLIT_HINT.search(w) for w in words)


class _Parser:
    def __init__(self, text: str, ctx: InlineContext) -> None:
        self.text = text
        self.ctx = ctx

    def run(self, parent: etree._Element, start: int, end: int) -> None:
        text, pos, plain = self.text, start, start
        while pos < end:
            char = text[pos]
            if char == "[":
                close = self._matching(pos, end)
                self._flush(parent, plain, pos)
                self._bracket(parent, pos, close)
                pos = plain = close + 1
            elif char == "]":
                raise InlineError("unbalanced ']': no '[' opens it", pos + 1)
            elif char == "□":
                self._flush(parent, plain, pos)
                parent.append(E.g("□", type="unrecognized"))
                pos = plain = pos + 1
            elif (
                text.startswith("<sup>", pos) and (close := text.find("</sup>", pos + 5, end)) > pos
            ):
                self._flush(parent, plain, pos)
                hi = E.hi(rend="superscript")
                self.run(hi, pos + 5, close)
                parent.append(hi)
                pos = plain = close + 6
            elif char == "*" and (span := self._emphasis(pos, end)):
                marker, close = span
                self._flush(parent, plain, pos)
                hi = E.hi(rend="bold" if len(marker) == 2 else "italic")
                self.run(hi, pos + len(marker), close)
                parent.append(hi)
                pos = plain = close + len(marker)
            else:
                pos += 1
        self._flush(parent, plain, end)

    # -- helpers ---------------------------------------------------------------------
    def _flush(self, parent: etree._Element, start: int, end: int) -> None:
        if end > start:
            self.ctx.tag_text(parent, self.text[start:end])

    def _matching(self, open_pos: int, end: int) -> int:
        depth = 0
        for pos in range(open_pos, end):
            if self.text[pos] == "[":
                depth += 1
            elif self.text[pos] == "]":
                depth -= 1
                if depth == 0:
                    return pos
        raise InlineError("unbalanced '[': no ']' closes it", open_pos + 1)

    def _emphasis(self, pos: int, end: int) -> tuple[str, int] | None:
        """``**x**`` or ``*x*`` starting at pos, with text right inside the markers."""
        marker = "**" if self.text.startswith("**", pos) else "*"
        inner = pos + len(marker)
        if inner >= end or self.text[inner].isspace() or self.text[inner] == "*":
            return None
        close = self.text.find(marker, inner, end)
        while close != -1 and self.text[close - 1].isspace():
            close = self.text.find(marker, close + 1, end)
        if close == -1 or "[" in self.text[inner:close] or "]" in self.text[inner:close]:
            return None
        return marker, close

    def _bracket(self, parent: etree._Element, open_pos: int, close: int) -> None:
        ctx, inner = self.ctx, self.text[open_pos + 1 : close]
        start, end = open_pos + 1, close
        stripped = inner.strip()
        if FOOTNOTE.match(stripped):
            body = ctx.footnotes.get(stripped)
            if body is None:
                raise InlineError(f"footnote mark [{stripped}] has no footnote text", open_pos + 1)
            ctx.used_footnotes.add(stripped)
            note = E.note(n=stripped, type="footnote", place="end")
            _Parser(body, ctx).run(note, 0, len(body))
            parent.append(note)
        elif m := ED_NOTE.match(inner):
            note = E.note(type="editorial", place="inline", resp=ctx.editor)
            self.run(note, start + m.start("body"), end)
            parent.append(note)
        elif stripped == "?":
            before = self.text[open_pos - 1] if open_pos else " "
            if before.isspace():
                parent.append(E.gap(reason="illegible", unit="word", quantity="1"))
                ctx.report("'[?]' read as an illegible word")
            else:
                parent.append(E.supplied("?", reason="omitted", resp=ctx.bracket_resp))
                ctx.report("'[?]' after a word read as a supplied question mark")
        elif stripped.casefold() == "signature":
            parent.append(E.gap(reason="signature"))
        elif m := ED_GLOSS.match(inner):
            supplied = E.supplied(reason="explanation", resp=ctx.editor)
            if m["q"]:
                supplied.set("cert", "low")
            self.run(supplied, start, start + m.end("body"))
            parent.append(supplied)
        elif (term := _asterisked(stripped)) is not None:
            parent.append(_original_term(term, ctx, rend="italic"))
        elif CYRILLIC.search(stripped) or looks_transliterated(stripped):
            parent.append(_original_term(stripped, ctx))
            ctx.report(f"'[{stripped}]' read as an original-language term")
        elif (comma := stripped.find(", ")) > 0 and looks_transliterated(stripped[:comma]):
            note = E.note(type="gloss", place="inline", resp=ctx.bracket_resp)
            note.append(_foreign(stripped[:comma]))
            offset = start + inner.find(", ")
            self.run(note, offset, end)
            parent.append(note)
        else:
            supplied = E.supplied(reason="subaudible", resp=ctx.bracket_resp)
            self.run(supplied, start, end)
            parent.append(supplied)


def _asterisked(text: str) -> str | None:
    if len(text) > 2 and text[0] == "*" and text[-1] == "*" and "*" not in text[1:-1]:
        return text[1:-1]
    return None


def _foreign(term: str, rend: str | None = None) -> etree._Element:
    foreign = E.foreign(term)
    foreign.set(xml_attr("lang"), "ru" if CYRILLIC.search(term) else "ru-Latn")
    if rend:
        foreign.set("rend", rend)
    return foreign


def _original_term(term: str, ctx: InlineContext, rend: str | None = None) -> etree._Element:
    return E.supplied(_foreign(term, rend), reason="original-term", resp=ctx.bracket_resp)
