"""Names and dates in running text: persName (with @ref), placeName, orgName, date.

Persons come from the personography; places and bodies from ``places.xml`` beside it (with
@ref to their entry) and the gazetteer of ``edition.toml`` (forms without an entry).
Matching is exact on the listed forms, longest first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import starmap
from operator import sub
from pathlib import Path

import ahocorasick
from lxml import etree

from .dates import IN_TEXT, MONTHS, ParsedDate, in_text_date
from .persons import Personography, person_ref, read_authority
from .tei import PLACES_FILE, append_text, tag, xml_attr

# Initials right before a name ("N.S. ", "A. I. "): a capital and a dot, up to three.
INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[A-ZА-ЯЁ]\.\s?){1,3}$")
INITIALS_WIDTH = 9  # the most they can take: three of three characters

# A name starts after a space or punctuation, not inside a word or after an initial; it
# may follow "т." / "тов." (comrade) written close up: "т.Дортикос".
NAME_START = r"\b(?:(?<![.-])|(?<=\bт\.)|(?<=\bтов\.))"  # \b first: cheap inside words

Tagger = Callable[[etree._Element, str], None]
WORD = re.compile(r"\w+")


def _alternation(forms: list[str], fold_case: bool = False) -> str:
    """Any of forms, the longest that fits first; with fold_case, forms of four letters or
    more match in any case. Written as a trie (common prefixes shared), so that a search
    tries a few characters at each place rather than every form."""
    if not fold_case:
        return _trie(set(forms))
    folded = {f.lower() for f in forms if len(f) > 3}
    exact = {f for f in forms if len(f) <= 3}
    parts = [f"(?i:{_trie(folded)})" if folded else "", _trie(exact) if exact else ""]
    return "|".join(p for p in parts if p)  # the folded forms are the longer ones


def _trie(forms: set[str]) -> str:
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here

    def regex(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + regex(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer form first

    return regex(root)


@dataclass(frozen=True)
class Gazetteer:
    """Place and body names as the sources write them (an edition's, from its config), and
    titles of works and names of events, which hold such names without being them."""

    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    works: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    refs: tuple[tuple[str, str], ...] = ()  # (form, "places.xml#id") of the listed forms

    def with_places(self, path: Path) -> Gazetteer:
        """This gazetteer and every form of places.xml at path (if there), with its @ref."""
        if not path.exists():
            return self
        root = read_authority(path, "the places")
        places, bodies, refs = list(self.places), list(self.organisations), dict(self.refs)
        for kind, name, forms in (("place", "placeName", places), ("org", "orgName", bodies)):
            for entry in root.iter(tag(kind)):
                for el in entry.iter(tag(name)):
                    form = " ".join("".join(el.itertext()).split())
                    forms.append(form)
                    refs.setdefault(form, f"{PLACES_FILE}#{entry.get(xml_attr('id'), '')}")
        return replace(self, places=_unique(places), organisations=_unique(bodies),
                       refs=tuple(sorted(refs.items())))  # fmt: skip


def _unique(forms: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(forms))


def _scan(
    people: dict[str, str], gazetteer: Gazetteer
) -> tuple[re.Pattern[str], ahocorasick.Automaton | None, dict[str, str]]:
    """What a tagger looks for: the pattern of names and dates, the finder of where they
    may begin, and the entries of the listed places and bodies."""
    groups = (  # the first that matches at a place wins: a title before the names in it
        ("work", tuple(sorted(gazetteer.works))),
        ("event", tuple(sorted(gazetteer.events))),
        ("pers", tuple(sorted(people))),
        ("org", tuple(sorted(gazetteer.organisations))),
        ("place", tuple(sorted(gazetteer.places))),
    )
    forms = tuple(form for _group, group_forms in groups for form in group_forms)
    return _pattern(groups), _finder(forms), dict(gazetteer.refs)


@lru_cache(maxsize=8)
def _pattern(groups: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    """The names of each group and the dates, as one regex (made once for the same names:
    documents of one import share it)."""
    names = [
        f"(?P<{group}>{_alternation(list(forms), group == 'pers')})"
        for group, forms in groups
        if forms
    ]
    named = rf"{NAME_START}(?:{'|'.join(names)})(?!\w|-\w)|" if names else ""
    return re.compile(rf"{named}(?P<date>{IN_TEXT.pattern})")


def make_tagger(book: Personography, doc_date: date | None, gazetteer: Gazetteer) -> Tagger:
    """A function that appends text to an element, marking the names and dates in it."""
    people = book.forms()
    pattern, finder, refs = book.memo(("scan", gazetteer), lambda: _scan(people, gazetteer))

    def tag_text(parent: etree._Element, text: str) -> None:
        pos = 0
        last = None  # the element made last here, whose tail the text after it is
        for match in _matches(pattern, text, finder):
            made = _pieces_for(match, people, doc_date, refs)
            if not made:
                continue
            start = match.start()
            is_person = match.lastgroup == "pers"
            initials = (  # looked for where they can begin, not from pos on
                INITIALS_BEFORE.search(text, max(pos, start - INITIALS_WIDTH), start)
                if is_person
                else None
            )
            if initials:  # "N. S. Khrushchev": the initials are part of the name
                start = initials.start()
                name, found, attributes = made[0]
                made[0] = (name, text[start : match.start()] + found, attributes)
            last = _text_after(parent, last, text[pos:start])
            for piece in made:
                if isinstance(piece, str):
                    last = _text_after(parent, last, piece)
                else:
                    name, found, attributes = piece
                    last = etree.SubElement(parent, tag(name), attributes)
                    last.text = found
            pos = match.end()
        _text_after(parent, last, text[pos:])

    return tag_text


def _text_after(
    parent: etree._Element, last: etree._Element | None, text: str
) -> etree._Element | None:
    """Append text to parent: the tail of last, an element made with no tail yet, if
    there is one. Returns last."""
    if last is None:
        append_text(parent, text)
    elif text:
        last.tail = text
    return last


# Numbers a date can begin with ("5 November", "26 and 27 October").
NUMBERS = frozenset(f"{n}" for n in range(100)) | frozenset(f"0{n}" for n in range(10))


class _WordChars(dict[int, int]):
    """A str.translate table that keeps what regex \\w matches and turns the rest into
    spaces; each character is looked at the first time it is met. Digits other than ASCII
    (which a date may hold) are noted, for the exact path."""

    def __init__(self) -> None:
        super().__init__()
        self.odd_digits: set[str] = set()

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if char.isdigit() and not char.isascii():
            self.odd_digits.add(char)
        self[code] = code if char.isalnum() or char == "_" else 32
        return self[code]


WORD_CHARS = _WordChars()

# The characters that are not a word's but fold into one (a test finds them all), where
# words in the folded text would not be the text's.
FOLDED_INTO_WORDS = "\u0345"


def _in_words(folded: str) -> str:
    """Case-folded text as words between spaces: each character that is not a word's
    (regex \\w) becomes a space, one for one, and one space stands before and after."""
    return f" {folded.translate(WORD_CHARS)} "


@lru_cache(maxsize=8)
def _finder(forms: tuple[str, ...]) -> ahocorasick.Automaton | None:
    """Where a name or a date may begin: every listed form, and every number and month a
    date begins with, as whole words (_in_words), in an Aho-Corasick automaton that finds
    them all in one pass over a text, each with how far back from its last character it
    begins in the text; None if a form does not begin with a letter or digit, and so could
    begin anywhere."""
    finder = ahocorasick.Automaton()
    for form in forms:
        if not WORD.match(form):
            return None
        key = _in_words(form.casefold())  # a name ends before a mark or the end: a space
        finder.add_word(key, len(key) - 1)
    for word in NUMBERS | MONTHS.keys():  # whatever follows: the pattern decides
        finder.add_word(f" {word} ", len(word) + 1)
    finder.make_automaton()
    return finder


def _matches(
    pattern: re.Pattern[str], text: str, finder: ahocorasick.Automaton | None
) -> Iterator[re.Match[str]]:
    """What pattern.finditer(text) finds, tried only where finder finds a listed form, a
    number or a month standing as whole words in the case-folded text."""
    folded = text.casefold()
    if (
        finder is None
        or len(folded) != len(text)  # a letter folded into several: words moved
        or any(map(text.__contains__, FOLDED_INTO_WORDS))
        or (WORD_CHARS.odd_digits and not WORD_CHARS.odd_digits.isdisjoint(text))
    ):
        yield from pattern.finditer(text)
        return
    # A key (a space, then a form) `back` + 1 long that ends at index `last` of the spaced
    # text: its form begins at last - back + 1 there, at last - back in the text.
    end = 0
    for at in sorted(set(starmap(sub, finder.iter(_in_words(folded))))):
        if at < end:
            continue
        match = pattern.match(text, at)
        if match:
            end = match.end()
            yield match


# What a match becomes: elements (name, text, attributes) and the text between them.
Piece = tuple[str, str, dict[str, str]] | str


def _pieces_for(
    match: re.Match[str], people: dict[str, str], doc_date: date | None, refs: dict[str, str]
) -> list[Piece]:
    """What a match becomes: a name, a date, a range of dates (``from``/``to``), or a pair
    of dates with the words between them; nothing for a date that cannot be placed."""
    kind = match.lastgroup  # the outermost group that matched: a kind of name, or "date"
    if kind == "pers":
        ref = person_ref(people[_form_of(match["pers"], people)])
        return [("persName", match["pers"], {"ref": ref})]
    if kind == "work":
        return [("title", match["work"], {"level": "m"})]
    if kind == "event":
        return [("name", match["event"], {"type": "event"})]
    if kind in ("org", "place"):
        name = match[kind]
        return [(f"{kind}Name", name, {"ref": refs[name]} if name in refs else {})]
    found = IN_TEXT.match(match["date"])
    assert found is not None
    last = in_text_date(found, doc_date)
    first = in_text_date(found, doc_date, "first") if found["first"] else None
    if last is None:
        return []
    if first is None:
        return [_date(match["date"], last, {"when": last.when})]
    joint, second = found["joint"], match["date"][found.start("d1") :]
    if joint.strip() == "and":
        return [
            _date(found["first"], first, {"when": first.when}),
            joint,
            _date(second, last, {"when": last.when}),
        ]
    return [_date(match["date"], last, {"from": first.when, "to": last.when})]


def _date(text: str, parsed: ParsedDate, attributes: dict[str, str]) -> Piece:
    if not parsed.certain:
        attributes["cert"] = "medium"
    return "date", text, attributes


def _form_of(found: str, people: dict[str, str]) -> str:
    """The listed form a case-folded match stands for."""
    if found in people:
        return found
    return next(form for form in people if form.casefold() == found.casefold())


def plain_text(parent: etree._Element, text: str) -> None:
    append_text(parent, text)
