"""The teiHeader of one document, from the metadata a reader gathered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .tei import E, append_text, xml_attr

URL = re.compile(r"<?(https?://[^\s<>]+?)>?(?=[\s.,;]*(?:\s|$))")
SIGNATURE = re.compile(r"\bf\.\s?\d[\w]*,\s*op\.\s?.*?\bll?\.\s?[\d\-–, ]*\d")
TRANSLATORS = re.compile(r"[Tt]ranslat(?:ion|ed) by ((?:[A-Z]\.\s|[^.;(])+)")
LANGUAGES = {"russian": "ru", "english": "en", "spanish": "es", "german": "de", "french": "fr"}
EDITORIAL_DECL = (
    "Square brackets of the source are encoded by meaning, each credited (@resp) to the "
    "translator or the source publication's editor who added it: words implied by the "
    "original as supplied (reason implied); explanations marked —ed. as supplied (reason "
    "explanation); explanations of what is referred to, and original-language terms (as "
    "term), as inline gloss notes; [Ed. note: …] as editorial notes; [?] after a word as "
    "a supplied question mark, standing alone as a query note; [signature] and "
    "(signature) as a gap; (To …) in a turn as a stage direction. Page breaks that split "
    "a paragraph are pb elements. The text is otherwise as in the source, quotation "
    "marks included."
)


@dataclass
class Meta:
    source: str  # file name of the source, recorded in the revision description
    title: str = ""
    date: str | None = None  # ISO
    date_text: str = ""
    date_type: str | None = None  # "dispatch" when the text reports an earlier conversation
    citation: str = ""
    summary: str = ""
    credits: str = ""
    original_language: str = "Russian"
    translators: list[str] = field(default_factory=list)
    editor: str | None = None
    repository: str | None = None
    signature: str | None = None
    author: tuple[str, str] | None = None  # (form, persons.xml reference)


def language_code(name: str) -> str:
    """The language's code; "und" (undetermined) for a name not known here."""
    return LANGUAGES.get(name.strip().lower(), "und")


def translators_in(text: str) -> list[str]:
    names: list[str] = []
    for match in TRANSLATORS.finditer(text):
        found = re.split(r"\s+https?:", match[1])[0].strip()
        for name in re.split(r",\s*|\s+and\s+", found):
            if name.strip():
                names.append(name.strip().rstrip("."))
    return names


def repository_in(citation: str) -> str | None:
    """The archive named in a citation, up to its shelfmark ("AVP RF, f. 0104, ..." gives
    "AVP RF": the "f." is the shelfmark's)."""
    after = citation.split("Digital Archive, ", 1)[-1].removeprefix("Source:").strip()
    sig = SIGNATURE.search(after)
    if sig:
        after = after[: sig.start()]
    after = re.split(r";|\.\s|, copy\b", after, maxsplit=1)[0]
    after = after.strip(" ,.")
    return after or None


# The parts of a Russian archival shelfmark, as abbreviated in citations.
SHELFMARK_PARTS = {
    "f": "fond",
    "op": "opis",
    "p": "papka",
    "d": "delo",
    "l": "folios",
    "ll": "folios",
}
SHELFMARK_PART = re.compile(
    r"\b(?P<abbr>ll|op|f|p|d|l)\.\s?(?P<value>[\w\-–]+(?:[\-–, ]+\d[\w]*)*)"
)


def shelfmark(signature: str) -> etree._Element:
    """``idno type="signature"`` holding the shelfmark as written, each part of it (fond,
    opis, papka, delo, folios) an ``idno`` of its type: "f. 0104, op. 19, ... ll. 61-65"."""
    whole = E.idno(type="signature")
    pos = 0
    for part in SHELFMARK_PART.finditer(signature):
        value = part["value"].rstrip(", ")
        append_text(whole, signature[pos : part.start("value")])
        whole.append(E.idno(value, type=SHELFMARK_PARTS[part["abbr"]]))
        pos = part.start("value") + len(value)
    append_text(whole, signature[pos:])
    return whole


def signature_in(citation: str) -> str | None:
    sig = SIGNATURE.search(citation)
    return sig[0] if sig else None


def build_header(meta: Meta, changed: str) -> etree._Element:
    title_stmt = E.titleStmt(E.title(meta.title))
    if meta.author:
        title_stmt.append(E.author(E.persName(meta.author[0], ref=meta.author[1])))
    for i, name in enumerate(meta.translators, start=1):
        title_stmt.append(
            E.respStmt(E.resp("translation"), E.persName(name, {xml_attr("id"): f"tr{i}"}))
        )
    editor = E.respStmt(E.resp("editorial notes and bracketed explanations"))
    editor.set(xml_attr("id"), "ed")
    editor.append(E.name(meta.editor or "the editor of the source publication"))
    title_stmt.append(editor)
    encoder = E.respStmt(E.resp("TEI encoding"), E.name("edition import"))
    encoder.set(xml_attr("id"), "importer")
    title_stmt.append(encoder)

    source_desc = E.sourceDesc(_citation(meta))
    if meta.repository:
        ident = E.msIdentifier(E.repository(meta.repository))
        if meta.signature:
            ident.append(shelfmark(meta.signature))
        source_desc.append(E.msDesc(ident))

    profile = E.profileDesc()
    if meta.summary:
        profile.append(E.abstract(E.p(meta.summary)))
    if meta.date:
        created = E.date(meta.date_text or meta.date, when=meta.date)
        if meta.date_type:
            created.set("type", meta.date_type)
        profile.append(E.creation(created))
    code = language_code(meta.original_language)
    usage = E.langUsage(E.language(meta.original_language, ident=code))
    if code != "en":
        usage.append(E.language("English", ident="en"))
    profile.append(usage)

    return E.teiHeader(
        E.fileDesc(
            title_stmt,
            E.publicationStmt(
                E.publisher("edition"),
                E.availability(
                    E.p("A scholarly TEI edition; the source text is reproduced as received.")
                ),
            ),
            source_desc,
        ),
        E.encodingDesc(E.editorialDecl(E.p(EDITORIAL_DECL))),
        profile,
        E.revisionDesc(
            E.change(f"Imported from {meta.source}.", type="import", when=changed, who="#importer")
        ),
    )


def _citation(meta: Meta) -> etree._Element:
    """The citation as given, its URL as ``idno type="URI"``."""
    bibl = E.bibl(type="citation")
    pos = 0
    for match in URL.finditer(meta.citation):
        append_text(bibl, meta.citation[pos : match.start()])
        bibl.append(E.idno(match[1], type="URI"))
        pos = match.end()
    append_text(bibl, meta.citation[pos:])
    if meta.credits:
        bibl.append(E.note(meta.credits, type="credits"))
    return bibl
