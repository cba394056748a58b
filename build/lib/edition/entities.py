"""Names and dates in running text: persName (with @ref), placeName, orgName, date.

Persons come from the personography; places and bodies from the short gazetteer below
(the ones this corpus names most). Matching is exact on the listed forms, longest first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from lxml import etree

from .dates import IN_TEXT, in_text_date
from .persons import Personography, person_ref
from .tei import E, append_text

PLACES = (
    "Cuba", "Havana", "Moscow", "New York", "Washington", "USA", "U.S.", "United States",
    "United States of America", "USSR", "Soviet Union", "Guatemala", "Turkey", "Chile",
    "Florida", "Puerto Rico", "Vieques", "Cape Canaveral", "Guantanamo", "Canada", "Greece",
    "Latin America", "Central America", "Caribbean", "Caribbean Sea", "Brest", "Caucasus",
    "Russia", "China", "Brazil", "Dominican Republic", "Western Hemisphere",
    "Republic of Cuba", "Гавану", "Нью-Йорке", "Кубы", "США", "Гватемале",
)  # fmt: skip
ORGS = (
    "CC CPSU", "Central Committee", "Presidium", "CPSU", "UN", "U.N.", "United Nations",
    "Security Council", "TASS", "OAS", "Organization of Central American States",
    "Ministry of Foreign Affairs", "MFA", "State Department", "Red Cross", "NATO",
    "Soviet government", "Soviet Government", "Cuban government", "National Security Archive",
    "CWIHP", "NHK", "ЦК КПСС", "Советского правительства",
)  # fmt: skip

Tagger = Callable[[etree._Element, str], None]


def _alternation(forms: list[str], fold_case: bool = False) -> str:
    """Longest first; with fold_case, forms of four letters or more match in any case."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(
        f"(?i:{re.escape(f)})" if fold_case and len(f) > 3 else re.escape(f) for f in ordered
    )


def make_tagger(book: Personography, doc_date: date | None) -> Tagger:
    """A function that appends text to an element, marking the names and dates in it."""
    people = book.forms()
    names = [
        f"(?P<{group}>{_alternation(forms, group == 'pers')})"
        for group, forms in (("pers", list(people)), ("org", list(ORGS)), ("place", list(PLACES)))
        if forms
    ]
    pattern = re.compile(rf"(?<![\w.-])(?:{'|'.join(names)})(?!\w|-\w)|(?P<date>{IN_TEXT.pattern})")

    def tag_text(parent: etree._Element, text: str) -> None:
        pos = 0
        for match in pattern.finditer(text):
            element = _element_for(match, people, doc_date)
            if element is None:
                continue
            append_text(parent, text[pos : match.start()])
            parent.append(element)
            pos = match.end()
        append_text(parent, text[pos:])

    return tag_text


def _element_for(
    match: re.Match[str], people: dict[str, str], doc_date: date | None
) -> etree._Element | None:
    groups = match.groupdict()
    if groups.get("pers"):
        return E.persName(match["pers"], ref=person_ref(people[_form_of(match["pers"], people)]))
    if groups.get("org"):
        return E.orgName(match["org"])
    if groups.get("place"):
        return E.placeName(match["place"])
    parsed = in_text_date(IN_TEXT.match(match["date"]), doc_date)  # type: ignore[arg-type]
    if parsed is None:
        return None
    element = E.date(match["date"], when=parsed.when)
    if not parsed.certain:
        element.set("cert", "medium")
    return element


def _form_of(found: str, people: dict[str, str]) -> str:
    """The listed form a case-folded match stands for."""
    if found in people:
        return found
    return next(form for form in people if form.casefold() == found.casefold())


def plain_text(parent: etree._Element, text: str) -> None:
    append_text(parent, text)
