"""The personography (``persons.xml``): who is who, and which name forms point to whom.

Name forms are matched after folding case, accents and the spacing of initials, so
``A.I. MIKOYAN``, ``A. I. Mikoyan`` and ``А.И.МИКОЯН`` (when listed) all find one person.
A form not listed still finds a person when its surname is listed for exactly one person
and its initials agree (``C. RAFAEL RODRIGUEZ`` finds ``Carlos Rafael Rodríguez``).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree

from .tei import PERSONS_FILE, E, localname, safe_parser, serialize, tag, xml_attr

TITLES = {
    "comrade", "comrades", "com", "cde", "ambassador", "president", "mr", "mrs",
    "т", "тов", "товарищ",
}  # fmt: skip


@lru_cache(maxsize=4096)
def name_key(form: str) -> tuple[str, ...]:
    """Tokens of a name form with case, accents, dots and leading titles folded away."""
    text = unicodedata.normalize("NFD", form)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("ё", "е").replace("'s", "")
    tokens = [t for t in re.split(r"[^\w-]+", text) if t]
    while tokens and tokens[0] in TITLES:
        tokens.pop(0)
    return tuple(tokens)


@dataclass
class Person:
    id: str
    names: list[tuple[str, str | None]] = field(default_factory=list)  # (form, xml:lang)
    note: str | None = None
    # The entry as read from persons.xml, written back as it was (structured names,
    # birth and death kept) with the forms met since added to its names.
    entry: etree._Element | None = None
    read: int = 0  # how many of names it had

    @property
    def main_name(self) -> str:
        return self.names[0][0]


def read_authority(path: Path, what: str) -> etree._Element:
    """persons.xml or places.xml, parsed safely; one that cannot be read stops the import
    (exit code 2) with one line naming it."""
    from .errors import EditionError
    from .validate import read_regular

    try:
        return etree.fromstring(read_regular(path), safe_parser())
    except (OSError, etree.XMLSyntaxError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        error = EditionError(f"{path}: {what} cannot be read: {why}")
        error.exit_code = 2
        raise error from None


def _name(form: str, lang: str | None, main: bool = False) -> etree._Element:
    name = E.persName(form)
    if main:
        name.set("type", "main")
    if lang:
        name.set(xml_attr("lang"), lang)
    return name


# What a document added to the book: new persons (id, names) and new forms (id, form, lang).
Changes = tuple[list[tuple[str, list[tuple[str, str | None]]]], list[tuple[str, str, str | None]]]


T = TypeVar("T")

# Name keys to the person they name first; surname keys to (order, id, initials) of names.
NameKeys = tuple[dict[tuple[str, ...], str], dict[str, list[tuple[int, str, list[str]]]]]


@dataclass
class Personography:
    persons: dict[str, Person] = field(default_factory=dict)
    added: list[Person] = field(default_factory=list)
    varied: list[tuple[str, str]] = field(default_factory=list)  # (id, form) added as names
    _version: int = field(default=0, repr=False, compare=False)  # counts the changes
    _memo: dict[Hashable, tuple[int, Any]] = field(default_factory=dict, repr=False, compare=False)

    # -- reading and writing -------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Personography:
        if not path.exists():
            return cls()
        return cls.from_root(read_authority(path, "the personography"))

    @classmethod
    def from_root(cls, root: etree._Element) -> Personography:
        book = cls()
        for el in root.iter(tag("person")):
            person = Person(el.get(xml_attr("id"), ""))
            for child in el:
                if localname(child) == "persName":
                    person.names.append(("".join(child.itertext()), child.get(xml_attr("lang"))))
                elif localname(child) == "note":
                    person.note = "".join(child.itertext())
            person.entry, person.read = el, len(person.names)
            book.persons[person.id] = person
        return book

    def to_bytes(self, schema_href: str | None) -> bytes:
        people = []
        for person in self.persons.values():
            if person.entry is not None:
                el = copy.deepcopy(person.entry)
                el.tail = None
                last = el.findall(tag("persName"))[-1]
                for form, lang in reversed(person.names[person.read :]):
                    last.addnext(_name(form, lang))
                people.append(el)
                continue
            el = E.person({xml_attr("id"): person.id})
            for i, (form, lang) in enumerate(person.names):
                el.append(_name(form, lang, main=i == 0))
            if person.note:
                el.append(E.note(person.note, type="biographical"))
            people.append(el)
        root = E.TEI(
            E.teiHeader(
                E.fileDesc(
                    E.titleStmt(E.title("Persons named in the edition")),
                    E.publicationStmt(E.p("Part of the edition; maintained with its documents.")),
                    E.sourceDesc(E.p("Compiled from the documents of the edition.")),
                )
            ),
            E.standOff(E.listPerson(*people)),
        )
        root.set(xml_attr("lang"), "en")
        return serialize(root, schema_href)

    # -- looking up -----------------------------------------------------------------
    def resolve(self, form: str) -> str | None:
        """The id of the one person this name form points to, or None."""
        found = self.candidates(form)
        return found[0] if len(found) == 1 else None

    def candidates(self, form: str) -> list[str]:
        """Everyone this name form may point to: a listed form (case, accents, initials
        folded), or else a listed surname in any transliteration (Alekseev, Alekseyev,
        Алексеев, Алексееву) with initials that agree as far as both go."""
        key = name_key(form)
        if not key:
            return []
        exact, by_surname = self._keys()
        if key in exact:
            return [exact[key]]
        initials = [surname_key(t)[:1] for t in key[:-1]]
        found: list[str] = []
        # In the book's order, as if every name were tried in turn.
        for _order, pid, theirs in sorted(
            entry for surname in surname_keys(key[-1]) for entry in by_surname.get(surname, ())
        ):
            shared = min(len(theirs), len(initials))
            if theirs[:shared] == initials[:shared] and pid not in found:
                found.append(pid)
        return found

    def _keys(self) -> NameKeys:
        """The book's names by key and by surname key (see candidates)."""
        return self.memo("name keys", self._make_keys)

    def _make_keys(self) -> NameKeys:
        exact: dict[tuple[str, ...], str] = {}
        by_surname: dict[str, list[tuple[int, str, list[str]]]] = {}
        order = 0
        for person in self.persons.values():
            for form, _lang in person.names:
                key = name_key(form)
                if not key:
                    continue
                exact.setdefault(key, person.id)
                initials = [surname_key(t)[:1] for t in key[:-1]]
                by_surname.setdefault(surname_key(key[-1]), []).append((order, person.id, initials))
                order += 1
        return exact, by_surname

    @property
    def version(self) -> int:
        """Counts the book's changes: what is worked out from it holds while this stays."""
        return self._version

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """What make() gives, worked out again only when the book has changed since it
        was last asked for key (documents of one import share it)."""
        known = self._memo.get(key)
        if known is None or known[0] != self.version:
            known = self._memo[key] = (self.version, make())
        return known[1]

    def checkpoint(self) -> tuple[int, int]:
        """Where the book stands, to go back to with rollback (a document that failed)."""
        return len(self.added), len(self.varied)

    def rollback(self, point: tuple[int, int]) -> None:
        """Forget the persons and forms recorded since checkpoint() gave point."""
        if point == self.checkpoint():
            return
        for pid, form in reversed(self.varied[point[1] :]):
            names = self.persons[pid].names
            del names[max(i for i, (n, _) in enumerate(names) if n == form)]
        for person in self.added[point[0] :]:
            del self.persons[person.id]
        del self.added[point[0] :], self.varied[point[1] :]
        self._version += 1

    def changes_since(self, point: tuple[int, int]) -> Changes:
        """The persons and forms recorded since checkpoint() gave point, as merge takes
        them (to be carried to another copy of the book)."""
        added = [(p.id, list(p.names)) for p in self.added[point[0] :]]
        varied = [
            (pid, form, next(lang for n, lang in reversed(self.persons[pid].names) if n == form))
            for pid, form in self.varied[point[1] :]
        ]
        return added, varied

    def merge(self, changes: Changes) -> None:
        """Record changes made to another copy of this book in the same state (see
        changes_since), as if they had been made here."""
        added, varied = changes
        for pid, names in added:
            person = Person(pid, list(names))
            self.persons[pid] = person
            self.added.append(person)
        new = {pid for pid, _names in added}
        for pid, form, lang in varied:
            if pid not in new:  # a new person's names hold their variants already
                self.persons[pid].names.append((form, lang))
            self.varied.append((pid, form))
        self._version += 1

    def add_variant(self, pid: str, form: str, lang: str | None) -> bool:
        """A form of someone's name met in a document, kept with their names (True when
        it was not there yet)."""
        person = self.persons[pid]
        if any(name_key(n) == name_key(form) for n, _ in person.names):
            return False
        person.names.append((form, lang))
        self.varied.append((pid, form))
        self._version += 1
        return True

    def add(self, form: str, lang: str | None) -> Person:
        """Record a person met in a document and not in the personography yet."""
        key = name_key(form)
        base = re.sub(r"[^a-z0-9]+", "-", _ascii(key[-1] if key else "person")).strip("-")
        base = base if base and base[0].isalpha() else f"person-{base}".strip("-")
        pid, n = base, 2
        while pid in self.persons:
            pid, n = f"{base}-{n}", n + 1
        person = Person(pid, [(form, lang)])
        self.persons[pid] = person
        self.added.append(person)
        self._version += 1
        return person

    def forms(self) -> dict[str, str]:
        """Every listed name form (its upper-case spelling, and for a Russian form its
        oblique cases: see ``ru_cases``) to its id; made again only when the book has
        changed since it was last asked (documents of one import share it)."""
        return self.memo("forms", self._make_forms)

    def _make_forms(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for person in self.persons.values():
            for form, lang in person.names:
                table.setdefault(form, person.id)
                table.setdefault(form.upper(), person.id)
                if lang == "ru":
                    for inflected in ru_cases(form):
                        table.setdefault(inflected, person.id)
        return table


def ru_cases(form: str) -> list[str]:
    """A Russian name in the genitive, dative, instrumental and prepositional: every word
    that declines takes the same case (Карлос Рафаэль Родригес: Карлосом Рафаэлем
    Родригесом), and, as a foreign surname is often left undeclined, also every word but the
    last (Карлосом Рафаэлем Родригес). Initials and words that do not decline stay."""
    words = form.split(" ")
    found: list[str] = []
    for case in range(len(RU_CASE_ENDINGS)):
        declined = [_ru_case(word, case) for word in words]
        found.append(" ".join(declined))
        if len(words) > 1:
            found.append(" ".join([*declined[:-1], words[-1]]))
    return [f for f in dict.fromkeys(found) if f != form]


def _ru_case(word: str, case: int) -> str:
    last = word[-1:].lower()
    if not re.fullmatch("[а-яё]{2,}", word[-2:].lower()):
        return word  # an initial (А.И.), a Latin word, a one-letter word (У)
    if last in RU_CONSONANTS:
        return word + RU_CASE_ENDINGS[case]
    if last in "ьй":
        return word[:-1] + RU_SOFT_ENDINGS[case]
    return word


RU_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")
RU_CASE_ENDINGS = ("а", "у", "ом", "е")  # genitive, dative, instrumental, prepositional
RU_SOFT_ENDINGS = ("я", "ю", "ем", "е")  # the same after ь or й: Рафаэль, Рафаэлем

CYRILLIC_TO_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)


TRANSLITERATIONS = (("ye", "e"), ("yo", "e"), ("iy", "i"), ("y", "i"), ("c", "k"), ("w", "v"))
RU_ENDINGS = ("ому", "ым", "ом", "ой", "а", "у", "е")


@lru_cache(maxsize=16384)
def surname_key(token: str) -> str:
    """A name in one spelling whatever the transliteration: Alekseev, Alekseyev and
    Алексеев; Dorticos, Dorticós and Дортикос."""
    text = _ascii(token)
    for written, said in TRANSLITERATIONS:
        text = text.replace(written, said)
    return re.sub(r"(.)\1+", r"\1", text)


def surname_keys(token: str) -> set[str]:
    """The token's key, and for a Russian word in an oblique case, its nominative's."""
    keys = {surname_key(token)}
    if re.search("[а-яё]", token):
        keys |= {surname_key(token[: -len(e)]) for e in RU_ENDINGS if token.endswith(e)}
    return keys


def _ascii(text: str) -> str:
    text = "".join(CYRILLIC_TO_LATIN.get(c, c) for c in text.lower())
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if ord(c) < 128)


def person_ref(pid: str) -> str:
    return f"{PERSONS_FILE}#{pid}"
