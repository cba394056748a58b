"""The inline parser: one paragraph of source text to TEI phrase-level markup.

Conventions read here (each documented in docs/ENCODING.md):

* ``**bold**``, ``*italic*``, ``<sup>th</sup>``          -> ``hi`` with ``@rend``
* ``[1]`` with a footnote text                           -> ``note`` at the mark
* ``[Ed. note: ...]`` (brackets may nest inside)         -> ``note type="editorial"``
* ``[... —ed.]``, ``[escort?—ed.]``                      -> ``supplied reason="explanation"``
* ``[*term*]``, ``[u nas]``, ``[кириллица]``             -> ``note type="gloss"`` holding
  ``[mir, which could also be translated as ...]``          a ``term`` (and what follows it)
* ``[to remove the missiles ...]``, ``[26 October]``      -> ``note type="gloss"`` (an
  explanation of what is referred to: three words or more, or a date alone)
* ``[Cuban]``, ``[He]``                                  -> ``supplied reason="implied"``
* ``[?]`` after a word / standing alone                  -> supplied ``?`` / ``note type="query"``
* ``[signature]``, ``(signature)``                       -> ``gap reason="signature"``
* ``(To Alekseev)`` in a turn                             -> ``stage``
* ``□`` (a glyph the transcriber could not read)         -> ``g type="unrecognized"``

Anything else is text, passed to the names-and-dates tagger. An unbalanced bracket or a
footnote mark without footnote text raises InlineError with its column.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from .dates import IN_TEXT
from .entities import Tagger, plain_text
from .errors import InlineError
from .tei import E, tag, xml_attr

ED_NOTE = re.compile(r"(?is)^ed(?:itor'?s)?\.? note:\s*(?P<body>.*)$")
ED_GLOSS = re.compile(r"(?s)^(?P<body>.*?)(?P<q>\?)?\s*(?:—|–|--|-)\s*ed\.$")
FOOTNOTE = re.compile(r"^\d{1,3}$")
SIGNATURE = re.compile(r"(?i)\(signature\)")
SPECIAL = re.compile(r"[\[\](□<*]")  # where a convention may start
STAGE = re.compile(r"\((?:To|to) [A-ZА-ЯЁ][^()\[\]]{0,40}\)")  # "(To Alekseev)": whom one turns to
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
    expanding: set[str] = field(default_factory=set)  # footnotes being read, inside out


def parse_inline(parent: etree._Element, text: str, ctx: InlineContext) -> etree._Element:
    """Append the TEI for ``text`` to ``parent`` and return parent."""
    before = next(parent.iterchildren(reversed=True), None)  # the last child, found from the end
    _Parser(text, ctx).run(parent, 0, len(text))
    # A name can gain a supplied part only from a bracket of this text, or the supplied
    # element parent ended with: the others were beside what they are beside now.
    if "[" in text or (before is not None and before.tag == tag("supplied")):
        for name in list(parent.iter(tag("persName"))):
            _take_supplied_parts(name)
    return parent


NAME_PART = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’-]*\.?\s?){1,3}$")


def _take_supplied_parts(name: etree._Element) -> None:
    """Bracketed parts of a name right beside it belong to it: ``[Carlos M.] Lechuga
    [Hevia]`` is one persName holding two supplied parts."""

    def is_part(el: etree._Element | None, gap: str | None) -> bool:
        return (
            el is not None
            and el.tag == tag("supplied")
            and len(el) == 0
            and bool(NAME_PART.match(el.text or ""))
            and gap is not None
            and gap.isspace()
        )

    before = name.getprevious()
    if before is not None and is_part(before, before.tail):
        before.tail = (before.tail or "") + (name.text or "")
        name.text = None
        name.insert(0, before)
    after = name.getnext()
    if after is not None and is_part(after, name.tail):
        gap, name.tail, after.tail = name.tail, after.tail, None
        if len(name):
            name[-1].tail = (name[-1].tail or "") + (gap or "")
        else:
            name.text = (name.text or "") + (gap or "")
        name.append(after)


def looks_transliterated(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 3:
        return False
    for word in words:
        if not TRANSLIT_WORD.match(word) or word in ENGLISH_SHORT_WORDS:
            return False
    return all(w in RUSSIAN_SHORT_WORDS or TRANSLIT_HINT.search(w) for w in words)


MAX_NESTING = 32  # brackets and emphasis inside one another; deeper is refused


class _Parser:
    def __init__(self, text: str, ctx: InlineContext, depth: int = 0) -> None:
        self.text = text
        self.ctx = ctx
        self.depth = depth
        self._cache: dict[str, list[int]] = {}

    def run(self, parent: etree._Element, start: int, end: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise InlineError(f"brackets or emphasis nested more than {MAX_NESTING} deep", start)
        try:
            self._run(parent, start, end)
        finally:
            self.depth -= 1

    def _run(self, parent: etree._Element, start: int, end: int) -> None:
        text, pos, plain = self.text, start, start
        while pos < end:
            found = SPECIAL.search(text, pos, end)  # skip plain text in one step
            if found is None:
                break
            pos = found.start()
            char = text[pos]
            if char == "[":
                close = self._matching(pos, end)
                self._flush(parent, plain, pos)
                self._bracket(parent, pos, close)
                pos = plain = close + 1
            elif char == "]":
                raise InlineError("unbalanced ']': no '[' opens it", pos + 1)
            elif char == "(" and (m := SIGNATURE.match(text, pos, end)):
                self._flush(parent, plain, pos)
                parent.append(E.gap(reason="signature"))
                pos = plain = m.end()
            elif char == "(" and (m := STAGE.match(text, pos, end)):
                self._flush(parent, plain, pos + 1)
                stage = E.stage(type="delivery")
                self.run(stage, pos + 1, m.end() - 1)
                parent.append(stage)
                self.ctx.report(f"'{m[0]}' read as a stage direction")
                pos = plain = m.end() - 1
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
        """``**x**`` or ``*x*`` starting at pos, with text right inside the markers: the
        first marker after it that follows a non-space, with no bracket between. Found by
        bisection in positions listed once per text, so that a line of many markers is
        read in linear time."""
        text = self.text
        marker = "**" if text.startswith("**", pos) else "*"
        inner = pos + len(marker)
        if inner >= end or text[inner].isspace() or text[inner] == "*":
            return None
        closers = self._positions(marker)
        i = bisect_left(closers, inner)
        if i == len(closers) or closers[i] + len(marker) > end:
            return None
        close = closers[i]
        brackets = self._positions("[]")
        j = bisect_left(brackets, inner)
        if j < len(brackets) and brackets[j] < close:
            return None
        return marker, close

    def _positions(self, what: str) -> list[int]:
        """Where a closing marker (``*`` or ``**`` after a non-space) or a bracket ("[]")
        stands in the text, in order; computed once."""
        found = self._cache.get(what)
        if found is None:
            text = self.text
            if what == "[]":
                found = [i for i, c in enumerate(text) if c in "[]"]
            else:
                found = [
                    i for i in range(1, len(text))
                    if text.startswith(what, i) and not text[i - 1].isspace()
                ]  # fmt: skip
            self._cache[what] = found
        return found

    def _bracket(self, parent: etree._Element, open_pos: int, close: int) -> None:
        ctx, inner = self.ctx, self.text[open_pos + 1 : close]
        start, end = open_pos + 1, close
        stripped = inner.strip()
        if FOOTNOTE.match(stripped):
            body = ctx.footnotes.get(stripped)
            if body is None:
                raise InlineError(f"footnote mark [{stripped}] has no footnote text", open_pos + 1)
            if stripped in ctx.expanding:
                raise InlineError(f"footnote [{stripped}] refers to itself", open_pos + 1)
            ctx.used_footnotes.add(stripped)
            note = E.note(n=stripped, type="footnote", place="end", resp=ctx.editor)
            ctx.expanding.add(stripped)
            try:
                _Parser(body, ctx, self.depth).run(note, 0, len(body))
            finally:
                ctx.expanding.discard(stripped)
            parent.append(note)
        elif m := ED_NOTE.match(inner):
            note = E.note(type="editorial", place="inline", resp=ctx.editor)
            self.run(note, start + m.start("body"), end)
            parent.append(note)
        elif stripped == "?":
            before = self.text[open_pos - 1] if open_pos else " "
            if before.isspace():
                parent.append(E.note("?", type="query", place="inline", resp=ctx.bracket_resp))
                ctx.report("'[?]' standing alone read as a query on what precedes it")
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
            parent.append(_gloss(ctx, _term(term, rend="italic")))
        elif CYRILLIC.search(stripped) or looks_transliterated(stripped):
            parent.append(_gloss(ctx, _term(stripped)))
            ctx.report(f"'[{stripped}]' read as an original-language term")
        elif (comma := stripped.find(", ")) > 0 and looks_transliterated(stripped[:comma]):
            note = _gloss(ctx, _term(stripped[:comma]))
            offset = start + inner.find(", ")
            self.run(note, offset, end)
            parent.append(note)
        elif _explains(stripped):
            note = _gloss(ctx)
            self.run(note, start, end)
            parent.append(note)
            shown = stripped if len(stripped) <= 40 else stripped[:39] + "…"
            ctx.report(f"'[{shown}]' read as an explanation (a gloss), not implied words")
        else:
            supplied = E.supplied(reason="implied", resp=ctx.bracket_resp)
            self.run(supplied, start, end)
            parent.append(supplied)


def _asterisked(text: str) -> str | None:
    if len(text) > 2 and text[0] == "*" and text[-1] == "*" and "*" not in text[1:-1]:
        return text[1:-1]
    return None


def _term(text: str, rend: str | None = None) -> etree._Element:
    """A term of the original language, as the translator gave it."""
    term = E.term(text)
    term.set(xml_attr("lang"), "ru" if CYRILLIC.search(text) else "ru-Latn")
    if rend:
        term.set("rend", rend)
    return term


def _gloss(ctx: InlineContext, *children: etree._Element) -> etree._Element:
    """A bracket that comments on the text rather than completing it."""
    return E.note(*children, type="gloss", place="inline", resp=ctx.bracket_resp)


def _explains(text: str) -> bool:
    """Words in brackets that say what is referred to ("[to remove the missiles under UN
    inspection]", "[from Khrushchev to Kennedy]", "[26 October]") rather than complete
    the sentence ("[Cuban]", "[in providing]") or a name ("[Carlos M.]")."""
    if NAME_PART.match(text):
        return False
    return len(text.split()) >= 3 or bool(IN_TEXT.fullmatch(text))
