"""Document names: a TEI file's name becomes its page, its text and PDF, and links to them,
so only plain names are accepted, and never the name of one of the edition's own files."""

from __future__ import annotations

import re

SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
# persons.xml and places.xml are the edition's lists of persons, places and bodies; the
# others are its own pages (output/html/index.html, output/print/edition.html ...).
RESERVED = frozenset(
    ["persons", "places", "index", "edition", "errata", "abbreviations", "method", "search"]
)
# A volume's id names its files (ID.html, ID-persons.html, pdf/ID.pdf).
VOLUME_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")


def folder_pattern(volume_id: str) -> str:
    """The pattern of the documents of a volume's folder (tei/vol-1/: "vol-1/*")."""
    return f"{volume_id}/*"


def name_problem(stem: str) -> str | None:
    """Why stem cannot name a document, or None when it can."""
    if not SAFE.match(stem) or ".." in stem:
        return (
            f"the name {printable(stem)!r} cannot name a document: use letters, digits, '.', "
            "'_' and '-' only, starting with a letter or digit"
        )
    if stem.lower() in RESERVED:
        return f"the name {stem!r} is the edition's own ({', '.join(sorted(RESERVED))}); rename it"
    return None


def printable(text: str) -> str:
    """Text safe to print on one line: control characters and undecodable bytes escaped."""
    return "".join(
        c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else f"\\x{{{ord(c):x}}}"
        for c in text
    )
