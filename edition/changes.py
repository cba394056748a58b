"""What changed between two versions of a TEI document, in reading terms: a word diff of the
text paragraph by paragraph, and the markup and attribute changes (new corrections, a
changed ``@who`` or ``@when``, header edits) place by place; both with ``difflib``.
Shown on a terminal, or as Markdown for a pull request.

(A general XML tree diff such as xmldiff was tried and left: on mixed content it pairs
unchanged names and stamps as moved, and its accurate mode takes seconds a document. The
places of an edition, its ids, make an exact comparison simple.)
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import EditionError
from .reading import nearest_id, paragraphs, units
from .tei import TEI_NS, localname, safe_parser, tag

CONTEXT = 6  # words of context either side of a change
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@dataclass(frozen=True)
class Span:
    """A run of words: kept ("="), deleted ("-") or inserted ("+")."""

    op: str
    text: str


@dataclass
class Change:
    where: str  # a paragraph id, "header: titleStmt/title", ...
    words: list[Span] = field(default_factory=list)  # a word diff, or
    markup: str = ""  # a sentence about markup or attributes


def word_diff(old: str, new: str) -> list[Span]:
    """The words of old and new, with only the changes and a little context kept."""
    a, b = old.split(), new.split()
    spans: list[Span] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            kept = a[i1:i2]
            if len(kept) > 2 * CONTEXT:
                lead = kept[:CONTEXT] if spans else []
                trail = kept[-CONTEXT:] if i2 < len(a) or j2 < len(b) else []
                kept = [*lead, "…", *trail]
            spans.append(Span("=", " ".join(kept)))
            continue
        if i2 > i1:
            spans.append(Span("-", " ".join(a[i1:i2])))
        if j2 > j1:
            spans.append(Span("+", " ".join(b[j1:j2])))
    return [s for s in spans if s.text]


def compare(old: etree._Element | None, new: etree._Element | None) -> list[Change]:
    """Every change from old to new (None: the document is new, or was deleted)."""
    empty = etree.Element(tag("TEI"))
    old, new = (old if old is not None else empty), (new if new is not None else empty)
    found: list[Change] = []
    before, after = _texts(old), _texts(new)
    for key in [*before, *(k for k in after if k not in before)]:
        if before.get(key, "") != after.get(key, ""):
            found.append(Change(key, word_diff(before.get(key, ""), after.get(key, ""))))
    found += markup_changes(old, new)
    return found


def _texts(root: etree._Element) -> dict[str, str]:
    """Body paragraphs by id, and header parts by their path (the revisionDesc is left to
    the markup changes)."""
    texts = paragraphs(root) if root.find(tag("text")) is not None else {}
    header = root.find(tag("teiHeader"))
    if header is not None:
        tree = etree.ElementTree(root)
        for unit in units(header):
            if not any(localname(a) == "revisionDesc" for a in unit.element.iterancestors()):
                key = "header: " + tree.getelementpath(unit.element).replace(f"{{{TEI_NS}}}", "")
                texts[key.replace("teiHeader/", "")] = " ".join(unit.text.split())
    return texts


def markup_changes(old: etree._Element, new: etree._Element) -> list[Change]:
    """Elements added, removed or with other attributes, place by place (a paragraph or
    turn by its id, a part of the header by its path): the elements of each place, as
    name and attributes in document order, compared with difflib."""
    before, after = _markup(old), _markup(new)
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        a, b = before.get(key, []), after.get(key, [])
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            removed, added = ", ".join(a[i1:i2]), ", ".join(b[j1:j2])
            text = {
                "delete": f"removed {removed}",
                "insert": f"added {added}",
                "replace": f"{removed} → {added}",
            }[op]
            changes.append(Change(key, markup=text))
    return changes


PLACES = frozenset(["p", "ab", "sp", "said", "list", "note", "div", "head"])
# Elements that only hold others: without attributes they say nothing a word diff misses.
CONTAINERS = frozenset(
    ["text", "body", "div", "p", "ab", "head", "list", "item", "opener", "closer", "address",
     "addrLine", "postscript", "speaker", "seg", "titleStmt", "fileDesc", "revisionDesc"]
)  # fmt: skip
RECORDS = frozenset(["choice", "change", "respStmt"])  # described whole, with their words
# Elements around a few words: which words they cover is part of the markup.
INLINE = frozenset(["persName", "placeName", "orgName", "name", "date", "hi", "foreign",
                    "term", "title", "supplied", "stamp", "speaker", "stage", "g"])  # fmt: skip


def _described_within(el: etree._Element) -> bool:
    return any(localname(a) in RECORDS for a in el.iterancestors())


def _markup(root: etree._Element) -> dict[str, list[str]]:
    places: dict[str, list[str]] = {}
    for el in root.iter():
        if not isinstance(el.tag, str) or el is root or _described_within(el):
            continue
        if localname(el) in CONTAINERS and not el.attrib:
            continue  # its words are in the word diff
        ancestors = [localname(a) for a in reversed(list(el.iterancestors()))][1:]
        if ancestors[:1] == ["teiHeader"]:  # a part of the header, two levels deep
            key = "header: " + "/".join([*ancestors[1:], localname(el)][:2])
        else:
            own = localname(el) in PLACES and el.get(XML_ID)
            parent = el.getparent()
            key = (own or nearest_id(parent if parent is not None else el)) or "text"
        places.setdefault(key, []).append(_describe(el))
    return places


def _describe(el: etree._Element) -> str:
    attrs = " ".join(f'{_short(k)}="{v}"' for k, v in sorted(el.attrib.items()))
    described = f"<{localname(el)}{' ' + attrs if attrs else ''}>"
    if localname(el) == "choice":
        sic, corr = el.find(tag("sic")), el.find(tag("corr"))
        if sic is not None and corr is not None:
            return f"{described} “{_words(sic)}” → “{_words(corr)}” (resp {corr.get('resp')})"
    if localname(el) in INLINE:  # its extent: the words it covers
        return f"{described} “{_words(el)}”"
    if localname(el) in ("change", "respStmt"):  # say what it records
        words = _words(el)
        described += f" “{words[:100]}{'…' if len(words) > 100 else ''}”"
    return described


def _words(el: etree._Element) -> str:
    """Its words, a line or page break parting them as it does in units."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "" if isinstance(node.tag, str) else "")
        for child in node:
            if localname(child) in ("lb", "pb") and child.get("break") != "no":
                parts.append(" ")
            walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def _short(name: str) -> str:
    return name.replace("{http://www.w3.org/XML/1998/namespace}", "xml:")


# -- showing them -----------------------------------------------------------------------------


def as_markdown(title: str, changes: list[Change]) -> str:
    lines = [f"### {title}", ""]
    if not changes:
        return "\n".join([*lines, "No change in the text or markup.", ""])
    lines += ["| where | change |", "| --- | --- |"]
    for change in changes:
        body = _cell(change.markup) if change.markup else " ".join(map(_md, change.words))
        lines.append(f"| {_cell(change.where)} | {body} |")
    return "\n".join([*lines, ""])


def _md(span: Span) -> str:
    text = _cell(span.text)
    return {"-": f"~~{text}~~", "+": f"**{text}**"}.get(span.op, text)


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: no pipes, markup or line breaks."""
    for char in "\\|*_~`<>[]":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


Segment = tuple[str, str | None]  # text and the colour to show it in (None: plain)


def as_terminal(title: str, changes: list[Change]) -> list[list[Segment]]:
    """Lines of coloured segments; the caller prints them (in colour on a terminal).
    Deletions read [-...-] and insertions {+...+}, so that they show without colour too."""
    out: list[list[Segment]] = [[(title, "bright_white")]]
    if not changes:
        out.append([("  no change in the text or markup", None)])
    for change in changes:
        line: list[Segment] = [(f"  {change.where}: ", "cyan")]
        if change.markup:
            line.append((change.markup, "magenta"))
        for i, span in enumerate(change.words):
            text = {"-": f"[-{span.text}-]", "+": f"{{+{span.text}+}}"}.get(span.op, span.text)
            colour = {"-": "red", "+": "green"}.get(span.op)
            line.append(((" " if i else "") + text, colour))
        out.append(line)
    return out


# -- the versions compared ---------------------------------------------------------------------


class VersionError(EditionError):
    """A file or a git revision that cannot be read."""

    exit_code = 2


def read_version(path: Path) -> etree._Element:
    try:
        return _parse(path.read_bytes(), str(path))
    except OSError as exc:
        raise VersionError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _parse(data: bytes, where: str) -> etree._Element:
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise VersionError(f"{where}: not well-formed XML: {exc}") from None


REV = re.compile(r"^[\w./@~^{}-]{1,200}$")


def git_versions(
    rev: str, paths: list[Path]
) -> list[tuple[str, etree._Element | None, etree._Element | None]]:
    """Each TEI file under paths that differs from revision rev: (title, old, new); a file
    new since rev has old None, a deleted one new None."""
    if rev.startswith("-") or not REV.match(rev):
        raise VersionError(f"{rev!r} is not a git revision")
    top = Path(_git(["rev-parse", "--show-toplevel"], "not in a git repository").strip())
    _git(
        ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", "--"], f"unknown revision {rev!r}"
    )
    names = _git(["diff", "--name-only", "-z", rev, "--", *map(str, paths)], "git diff failed")
    names += _git(["ls-files", "-z", "--others", "--exclude-standard", "--", *map(str, paths)], "")
    found = []
    for name in sorted({n for n in names.split("\0") if n.endswith(".xml")}):
        path = top / name
        old_bytes = _git_bytes(["show", f"{rev}:{name}"])
        old = _parse(old_bytes, f"{rev}:{name}") if old_bytes is not None else None
        new = read_version(path) if path.is_file() else None
        found.append((f"{name} ({rev} → now)", old, new))
    return found


def _git(args: list[str], failure: str) -> str:
    data = _git_bytes(args)
    if data is None:
        raise VersionError(failure)
    return data.decode("utf-8", "replace")


def _git_bytes(args: list[str]) -> bytes | None:
    import subprocess

    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise VersionError(f"git could not be run: {exc}") from None
    return done.stdout if done.returncode == 0 else None
