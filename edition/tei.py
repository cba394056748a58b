"""Building, parsing and writing TEI: the one place that knows namespaces and files."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

TEI_NS = "http://www.tei-c.org/ns/1.0"
ED_NS = "urn:edition"  # the build's own markup: summaries, paragraph labels
XML_NS = "http://www.w3.org/XML/1998/namespace"
E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})

SCHEMA_PI = 'href="{href}" type="application/xml" schematypens="http://www.w3.org/2001/XMLSchema"'
PERSONS_FILE = "persons.xml"
PLACES_FILE = "places.xml"  # places and bodies, for the registers
AUTHORITY_FILES = (PERSONS_FILE, PLACES_FILE)  # in tei/ beside the documents, not documents


# A volume may be a folder of the TEI folder (tei/vol-1/): its documents point to the
# edition's persons.xml and places.xml in the folder above, "../persons.xml#id".
VOLUME_FOLDER_POINTER = "../"
_FROM_A_FOLDER = re.compile(
    rf"(?<!\S)(?:\.\./)+(?=(?:{'|'.join(map(re.escape, AUTHORITY_FILES))})#)"
)
_TO_AN_AUTHORITY = re.compile(rf"(?<!\S)(?=(?:{'|'.join(map(re.escape, AUTHORITY_FILES))})#)")
POINTING = ("ref", "who")  # the attributes that point to persons, places and bodies


def authority_file(document: Path, name: str) -> Path:
    """The edition's persons.xml or places.xml (name) for a document: beside it, or, for a
    document in a volume's folder, in the folder above."""
    beside = document.parent / name
    above = document.parent.parent / name
    return above if not beside.exists() and above.exists() else beside


def authority_pointer(document: Path, name: str) -> str:
    """How a document points to the edition's persons.xml or places.xml (name): by its
    name beside it, "../persons.xml" from a volume's folder."""
    beside = authority_file(document, name).parent == document.parent
    return name if beside else VOLUME_FOLDER_POINTER + name


def pointers_from_root(root: etree._Element) -> None:
    """Point a document's references to persons, places and bodies as from the TEI folder
    ("../persons.xml#id" becomes "persons.xml#id"): how the stylesheets and the edition's
    pages know them, wherever the document lies."""
    for el in root.iter(etree.Element):
        for name in POINTING:
            value = el.get(name)
            if value and "../" in value:
                el.set(name, _FROM_A_FOLDER.sub("", value))


def pointers_from_folder(root: etree._Element, prefix: str) -> None:
    """The reverse, for a document written into a volume's folder (prefix "../")."""
    for el in root.iter(etree.Element):
        for name in POINTING:
            value = el.get(name)
            if value:
                el.set(name, _TO_AN_AUTHORITY.sub(prefix, value))


def tag(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def xml_attr(name: str) -> str:
    return f"{{{XML_NS}}}{name}"


def localname(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def safe_parser(recover: bool = False) -> etree.XMLParser:
    """A parser that never loads a DTD, resolves an entity or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        recover=recover,
    )


def parse_bytes(data: bytes) -> etree._Element:
    """Parse safely. A repeated xml:id is left for the reference checks to report with
    every other problem; anything else that is not well-formed raises XMLSyntaxError."""
    etree.clear_error_log()  # lxml's log is shared: keep only this parse's entries
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        if exc.error_log and all(e.type_name == "DTD_ID_REDEFINED" for e in exc.error_log):
            return etree.fromstring(data, safe_parser(recover=True))
        raise


def depth(el: etree._Element) -> int:
    """How many elements el is nested in."""
    return sum(1 for _ in el.iterancestors())


def append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of parent (lxml keeps it in .text or .tail)."""
    if not text:
        return
    try:
        last = parent[-1]  # found from the end: len(parent) would count every child
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


# Elements that hold only other elements: indenting them never changes the text.
STRUCTURAL = frozenset(
    [
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "respStmt",
        "publicationStmt",
        "availability",
        "sourceDesc",
        "msDesc",
        "msIdentifier",
        "encodingDesc",
        "editorialDecl",
        "profileDesc",
        "abstract",
        "creation",
        "langUsage",
        "revisionDesc",
        "text",
        "body",
        "back",
        "div",
        "sp",
        "said",
        "list",
        "postscript",
        "standOff",
        "listPerson",
        "person",
        "address",
    ]
)


def indent(el: etree._Element, level: int = 0) -> None:
    """Pretty-print structure only; mixed content (p, head, note ...) is left as it is."""
    if localname(el) not in STRUCTURAL or not len(el) or (el.text or "").strip():
        return
    inner = "\n" + "  " * (level + 1)
    el.text = inner
    for child in el:
        indent(child, level + 1)
        child.tail = inner
    el[-1].tail = "\n" + "  " * level


def serialize(root: etree._Element, schema_href: str | None) -> bytes:
    """The document as UTF-8 bytes, indented, led by an xml-model PI for XML editors."""
    indent(root)
    body = etree.tostring(root, encoding="unicode")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if schema_href:
        head += f"<?xml-model {SCHEMA_PI.format(href=schema_href)}?>\n"
    return (head + body + "\n").encode("utf-8")


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write to a temporary file beside path, then rename: never a half-written file.
    data may come in pieces, written as they come."""
    os.replace(write_staged(path, data), path)


def write_staged(path: Path, data: bytes | Iterable[bytes]) -> Path:
    """Write data to a temporary file beside path (a hidden name, never taken for a
    document) and return it, for the caller to rename to path when the time comes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
        os.chmod(tmp, FILE_MODE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()  # what open() would give a new file


def schema_href(out_dir: Path, schema_file: Path) -> str:
    """Relative reference from a TEI folder to the schema, for the xml-model PI."""
    return Path(os.path.relpath(schema_file.resolve(), out_dir.resolve())).as_posix()
