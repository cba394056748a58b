"""``edition validate``: our strict XSD plus reference checks, every problem reported with
its line. libxml2 (lxml) gives the schema's verdict; xmlschema, imported only when a
document is rejected, explains why in path:line terms. Each schema is loaded once per
process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .diagnostics import Diagnostic
from .names import name_problem
from .resources import SCHEMA_DIR
from .tei import (
    AUTHORITY_FILES,
    PERSONS_FILE,
    PLACES_FILE,
    TEI_NS,
    XML_NS,
    authority_file,
    authority_pointer,
    depth,
    localname,
    parse_bytes,
    tag,
    xml_attr,
)

if TYPE_CHECKING:
    import xmlschema

SCHEMA_FILE = SCHEMA_DIR / "edition.xsd"
ID_ATTRS = etree.XPath("//@xml:id")
POINTERS = etree.XPath("//@ref | //@who | //@resp | //@target")


@lru_cache(maxsize=1)
def schema() -> xmlschema.XMLSchema10:
    """The XSD in xmlschema, for its messages (about 100 times slower than libxml2)."""
    import xmlschema

    return xmlschema.XMLSchema10(str(SCHEMA_FILE))


MAX_BYTES = 64 * 1024 * 1024


def read_regular(path: Path) -> bytes:
    """A regular file's bytes; a FIFO, device or folder is refused, never read (reading
    /dev/zero or a FIFO would not end), and so is a file larger than MAX_BYTES."""
    import stat

    with open(path, "rb", opener=_nonblocking) as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        if info.st_size > MAX_BYTES:
            raise OSError(0, f"larger than {MAX_BYTES // 2**20} MiB")
        return handle.read()


def _nonblocking(path: str, flags: int) -> int:
    """Open without waiting for a FIFO's writer."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def parse(
    path: Path, data: bytes | None = None
) -> tuple[etree._ElementTree | None, list[Diagnostic]]:
    """Parse safely: a DOCTYPE, an entity or malformed XML is an error, never resolved."""
    where = str(path)
    try:
        raw = read_regular(path) if data is None else data
    except OSError as exc:
        return None, [
            Diagnostic(where, None, None, "error", "unreadable", exc.strerror or str(exc))
        ]
    try:
        tree = etree.ElementTree(parse_bytes(raw))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        return None, [Diagnostic(where, line, col, "error", "not-well-formed", exc.msg)]
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        return None, [
            Diagnostic(
                where,
                1,
                None,
                "error",
                "doctype",
                "a DOCTYPE is not allowed (entities are never resolved)",
            )
        ]
    for el in tree.getroot().iter(etree.Entity):
        return None, [
            Diagnostic(
                where,
                el.sourceline,
                None,
                "error",
                "entity",
                f"entity reference {el.text} is not allowed",
            )
        ]
    return tree, []


@lru_cache(maxsize=1)
def fast_schema() -> etree.XMLSchema:
    """The same XSD in libxml2: the verdict on every document."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


def validate_tree(tree: etree._ElementTree, path: Path, resolve: bool = True) -> list[Diagnostic]:
    """Schema and reference problems. libxml2 decides; a document it rejects is explained
    by xmlschema (the same XSD, the same verdict: tested), or, should xmlschema find
    nothing, by libxml2's own messages. Without resolve, pointers are not followed (a
    document whose personography is not written yet)."""
    checker = fast_schema()
    problems = [] if checker.validate(tree) else _schema_problems(tree, path, checker)
    problems += _content_checks(tree, path, resolve)
    return sorted(problems, key=lambda d: d.line or 0)


def schema_problems(tree: etree._ElementTree, path: Path) -> list[Diagnostic]:
    """What xmlschema says of a document, duplicated ids left to check_references."""
    return [
        Diagnostic(
            str(path), getattr(err, "sourceline", None), None, "error", "schema",
            _schema_message(err),
        )
        for err in schema().iter_errors(tree)
        if "duplicated xs:ID" not in (err.reason or "")
    ]  # fmt: skip


def _schema_problems(
    tree: etree._ElementTree, path: Path, checker: etree.XMLSchema
) -> list[Diagnostic]:
    explained = schema_problems(tree, path)
    if explained:
        return explained
    return [
        Diagnostic(str(path), e.line or None, e.column or None, "error", "schema", e.message)
        for e in checker.error_log
        if "xs:ID" not in e.message  # a duplicate id: check_references says it
    ]


def _content_checks(tree: etree._ElementTree, path: Path, resolve: bool) -> list[Diagnostic]:
    """What the schema cannot say: ids are unique, references resolve, corrections are
    recorded."""
    from .review import check_corrections

    references = check_references(tree, path, resolve)
    return references + check_content(tree, path) + check_corrections(tree, path)


def _schema_message(err: xmlschema.XMLSchemaValidationError) -> str:
    reason = (err.reason or str(err)).rstrip(".")
    reason = reason.replace(f"{{{TEI_NS}}}", "").replace(f"{{{XML_NS}}}", "xml:")
    elem = err.elem
    name = f"<{localname(elem)}>" if elem is not None and isinstance(elem.tag, str) else ""
    return f"{name}: {reason}" if name else reason


def check_references(
    tree: etree._ElementTree, path: Path, resolve: bool = True
) -> list[Diagnostic]:
    """Unique xml:ids; every @ref, @who, @resp, @target resolves (in this file, persons.xml
    or places.xml), when resolve."""
    where = str(path)
    problems: list[Diagnostic] = []
    ids: dict[str, int] = {}
    for value in ID_ATTRS(tree):
        el = value.getparent()
        if value in ids:
            first = ids[value]
            problems.append(
                _problem(
                    where,
                    el,
                    "duplicate-id",
                    f"xml:id '{value}' is used again (first on line {first})",
                )
            )
        else:
            ids[str(value)] = el.sourceline or 0
    if not resolve:
        return problems
    known = {authority_pointer(path, name): _authority_ids(authority_file(path, name))
             for name in AUTHORITY_FILES}  # fmt: skip
    said: set[str] = set()  # a missing or broken persons.xml is said once, not per pointer
    for value in POINTERS(tree):
        el = value.getparent()
        for pointer in value.split():
            message = _unresolved(pointer, ids, known, path)
            if message and message.startswith(AUTHORITY_FILES):
                if message.split()[0] in said:
                    continue
                said.add(message.split()[0])
            if message:
                problems.append(
                    _problem(
                        where,
                        el,
                        "unresolved-ref",
                        f'<{localname(el)} {value.attrname}="{pointer}">: {message}',
                    )
                )
    return problems


def check_content(tree: etree._ElementTree, path: Path) -> list[Diagnostic]:
    """What would stop a stylesheet: an impossible date, nesting past what a transform
    can follow; and what a document needs to be published: a plain name, a root id."""
    where = str(path)
    problems: list[Diagnostic] = []
    root = tree.getroot()
    if path.name not in AUTHORITY_FILES:
        problem = name_problem(path.stem)
        if problem:
            problems.append(Diagnostic(where, None, None, "error", "name", problem))
        if root.get(xml_attr("id")) is None and localname(root) == "TEI":
            problems.append(_problem(where, root, "no-id", "<TEI> has no xml:id"))
    for el in WHEN(tree):
        for name in ("when", "from", "to"):
            value = el.get(name)
            if value is not None and not real_date(value):
                message = f'{name}="{value}" is not a calendar date'
                problems.append(_problem(where, el, "date", message))
        if (el.get("from") or "") > (el.get("to") or "9999"):
            problems.append(_problem(where, el, "date", "a range that ends before it starts"))
    if TOO_DEEP(tree):  # in C; which element, only then
        deepest = max((el for el in root.iter() if not len(el)), key=depth)
        problems.append(
            _problem(where, deepest, "depth", f"elements nested more than {MAX_DEPTH} deep")
        )
    return problems


MAX_DEPTH = 64
TOO_DEEP = etree.XPath("/*" + "/*" * (MAX_DEPTH + 1))  # an element with more ancestors
WHEN = etree.XPath("//@when/.. | //@from/.. | //@to/..")  # of //*[@when or ...]: a third


def real_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists (the schema checks the form)."""
    import datetime

    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return True  # the schema reports the form
    numbers = [int(p) for p in parts] + [1, 1]
    try:
        datetime.date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return False
    return True


def _problem(where: str, el: etree._Element, code: str, message: str) -> Diagnostic:
    return Diagnostic(where, el.sourceline, None, "error", code, message)


ENTRIES = {PERSONS_FILE: ("person",), PLACES_FILE: ("place", "org")}
WHAT = {PERSONS_FILE: "person", PLACES_FILE: "place or body"}


def _unresolved(
    pointer: str, ids: dict[str, int], known: dict[str, frozenset[str] | str], path: Path
) -> str | None:
    if pointer.startswith("#"):
        return None if pointer[1:] in ids else f"no xml:id '{pointer[1:]}' in this file"
    file, sep, target = pointer.partition("#")
    name = file.rsplit("/", 1)[-1]
    if sep and name in AUTHORITY_FILES:
        if path.name == name and file == name:
            return None if target in ids else f"no such {WHAT[name]}"
        entries = known.get(file)
        if entries is None:
            return f"the edition's {name} is '{authority_pointer(path, name)}' from this file"
        if isinstance(entries, str):
            return entries
        return None if target in entries else f"no such {WHAT[name]} in {name}"
    if pointer.startswith(("http://", "https://")):
        return None
    return (
        "pointers must be '#id', 'persons.xml#id', 'places.xml#id' (from a volume's folder"
        " '../persons.xml#id', '../places.xml#id') or an http(s) URL"
    )


@lru_cache(maxsize=16)
def _authority_ids_cached(path: str, mtime: float) -> frozenset[str] | str:
    name = Path(path).name
    tree, problems = parse(Path(path))
    if tree is None:
        return f"{name} cannot be read: {problems[0].message}"
    entries = (el for kind in ENTRIES[name] for el in tree.getroot().iter(tag(kind)))
    return frozenset(el.get(xml_attr("id"), "") for el in entries)


def _authority_ids(path: Path) -> frozenset[str] | str:
    """The ids of persons.xml or places.xml beside a document, or why there are none."""
    if not path.exists():
        return f"{path.name} is missing beside this file"
    return _authority_ids_cached(str(path), path.stat().st_mtime)


def validate_file(path: Path, languages: list[str] | None = None) -> list[Diagnostic]:
    """Every problem of one file; with languages (the edition's), a warning for each
    language a document declares that the edition does not."""
    tree, problems = parse(path)
    if tree is None:
        return problems
    return validate_tree(tree, path) + (check_languages(tree, path, languages) if languages else [])


def check_languages(tree: etree._ElementTree, path: Path, languages: list[str]) -> list[Diagnostic]:
    known = {code.split("-")[0] for code in languages}
    listed = ", ".join(languages)
    return [
        Diagnostic(str(path), el.sourceline, None, "warning", "language",
                   f"language '{el.get('ident')}' is not one of the edition's ({listed}; "
                   "edition.toml languages)")
        for el in tree.getroot().iter(tag("language"))
        if (el.get("ident") or "").split("-")[0] not in known
    ]  # fmt: skip


def documents(folder: Path) -> list[Path]:
    """The TEI documents of an edition folder: every *.xml but the persons and places,
    and those of its volumes' folders (tei/vol-1/*.xml)."""
    top = [p for p in sorted(folder.glob("*.xml")) if p.name not in AUTHORITY_FILES]
    return top + _in_volume_folders(folder)


def _in_volume_folders(folder: Path) -> list[Path]:
    """The *.xml files of the folders of an edition folder (hidden ones left out)."""
    return [p for p in sorted(folder.glob("*/*.xml")) if not p.parent.name.startswith(".")]


def same_names(paths: list[Path]) -> list[Diagnostic]:
    """A document whose name, in any case, another one has already (in another volume's
    folder, or beside it): its pages would take the other's place; one error each."""
    seen: dict[str, Path] = {}
    return [
        Diagnostic(str(path), None, None, "error", "name",
                   f"same document name as {seen[path.stem.lower()]}; rename one of them")
        for path in paths
        if seen.setdefault(path.stem.lower(), path) != path
    ]  # fmt: skip


def tei_files(paths: Iterable[Path]) -> list[Path]:
    """The files to check: each file named, and every *.xml in each folder named and in
    its volumes' folders."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.xml")) + _in_volume_folders(path)
                     if path.is_dir() else [path])  # fmt: skip
    return found
