"""Dates as the sources write them, normalized to ISO 8601.

Recognized forms: ``4.XI.62``, ``28/X/62``, ``22.10.97``, ``4 November 1962``,
``November 4, 1962``, ``Evening 5 November 1962``, ``5 ноября 1962 г.``, and in running
text ``26 October``, ``October 26``, ``the 27th`` (year and month taken from the document
date: a guess, so marked uncertain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan", "января", "январь"),
            ("february", "feb", "февраля", "февраль"),
            ("march", "mar", "марта", "март"),
            ("april", "apr", "апреля", "апрель"),
            ("may", "мая", "май"),
            ("june", "jun", "июня", "июнь"),
            ("july", "jul", "июля", "июль"),
            ("august", "aug", "августа", "август"),
            ("september", "sep", "sept", "сентября", "сентябрь"),
            ("october", "oct", "октября", "октябрь"),
            ("november", "nov", "ноября", "ноябрь"),
            ("december", "dec", "декабря", "декабрь"),
        ],
        start=1,
    )
    for name in names
}
ROMAN = {
    r: i
    for i, r in enumerate(
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], start=1
    )
}
MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
RU_MONTH_WORD = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
)

# Whole-line dates, as in datelines and signatures.
NUMERIC = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})[./](?P<m>[IVX]{1,4}|\d{1,2})[./](?P<y>\d{4}|\d{2})(?!\d)"
)
DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}}) (?P<m>{MONTH_WORD}|{RU_MONTH_WORD}),? (?P<y>\d{{4}})(?!\d)(?: г\.)?"
)
MONTH_DAY_YEAR = re.compile(rf"(?P<m>{MONTH_WORD}) (?P<d>\d{{1,2}}), (?P<y>\d{{4}})(?!\d)")
FULL_FORMS = (NUMERIC, DAY_MONTH_YEAR, MONTH_DAY_YEAR)

# Dates inside running text; the year may be missing.
# A range ("3-5 November 1962") or a pair ("26 and 27 October") puts a first day before.
IN_TEXT = re.compile(
    rf"\b(?:(?P<first>\d{{1,2}})(?P<joint>[-–]| and )(?=\d{{1,2}} {MONTH_WORD}))?"
    rf"(?:(?P<d1>\d{{1,2}}) (?P<m1>{MONTH_WORD})|(?P<m2>{MONTH_WORD}) (?P<d2>\d{{1,2}})\b)"
    rf"(?:,? (?P<y>1[89]\d\d)\b)?"
)


@dataclass(frozen=True)
class ParsedDate:
    when: str
    certain: bool = True


def _year(text: str) -> int:
    """A two-digit year is of the 1900s (62 is 1962); a four-digit one is as written."""
    year = int(text)
    return year + 1900 if len(text) == 2 else year


def _month(text: str) -> int:
    if text in ROMAN:
        return ROMAN[text]
    if text.isdigit():
        return int(text)
    return MONTHS[text.lower()]


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_full_date(text: str) -> tuple[re.Match[str], str] | None:
    """The first complete date (day, month and year) in text, with its ISO form."""
    found = [(m, form) for form in FULL_FORMS if (m := form.search(text))]
    for match, _form in sorted(found, key=lambda pair: pair[0].start()):
        iso = _iso(_year(match["y"]), _month(match["m"]), int(match["d"]))
        if iso:
            return match, iso
    return None


def infer_year(month: int, day: int, reference: date) -> ParsedDate | None:
    """Year for a day and month met in a document dated ``reference``.

    The nearest such date not more than two months after the document date is taken;
    it is a guess, so the result is marked uncertain.
    """
    for year in (reference.year + 1, reference.year, reference.year - 1):
        iso = _iso(year, month, day)
        if iso and (date.fromisoformat(iso) - reference).days <= 62:
            return ParsedDate(iso, certain=False)
    return None


def in_text_date(
    match: re.Match[str], reference: date | None, day_group: str = ""
) -> ParsedDate | None:
    """The date of an in-text match; with day_group ("first"), the date of that day in
    the same month and year (the first day of a range or pair)."""
    month = MONTHS[(match["m1"] or match["m2"]).lower()]
    day = int(match[day_group] if day_group else (match["d1"] or match["d2"]))
    if match["y"]:
        iso = _iso(int(match["y"]), month, day)
        return ParsedDate(iso) if iso else None
    return infer_year(month, day, reference) if reference else None
