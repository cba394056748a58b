"""``edition import``: sources to TEI files, one per source, and the personography."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from .diagnostics import Diagnostic
from .errors import EditionError, RefusedOverwrite, SourceError
from .persons import Personography
from .readers import detect
from .sourcetext import read_blocks
from .tei import PERSONS_FILE, safe_parser, schema_href, serialize, tag, write_atomic
from .validate import SCHEMA_FILE, validate_tree


@dataclass
class ImportOutcome:
    written: list[Path] = field(default_factory=list)
    report: list[Diagnostic] = field(default_factory=list)
    failed: list[EditionError] = field(default_factory=list)
    new_persons: list[str] = field(default_factory=list)


def today() -> str:
    """The date of the import; SOURCE_DATE_EPOCH makes it reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


def convert(
    source: Path, book: Personography, changed: str
) -> tuple[etree._Element, list[Diagnostic]]:
    """One source to a TEI element tree (nothing written)."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise SourceError(str(source), None, f"cannot read: {exc.strerror or exc}") from None
    blocks = read_blocks(data, str(source))
    reader = detect(blocks, str(source))
    result = reader.read(blocks, path=str(source), stem=source.stem, book=book, changed=changed)
    return result.root, result.report.items


def import_sources(sources: list[Path], out_dir: Path, *, force: bool = False) -> ImportOutcome:
    outcome = ImportOutcome()
    persons_path = out_dir / PERSONS_FILE
    book = Personography.load(persons_path)
    href = schema_href(out_dir, SCHEMA_FILE)
    changed = today()
    for source in sources:
        target = out_dir / f"{source.stem}.xml"
        before = copy.deepcopy(book.persons), len(book.added)
        try:
            refuse_overwrite(target, force)
            root, report = convert(source, book, changed)
            data = serialize(root, href)
            check_output(data, target)
        except EditionError as exc:
            book.persons, book.added = before[0], book.added[: before[1]]
            outcome.failed.append(exc)
            continue
        write_atomic(target, data)
        outcome.written.append(target)
        outcome.report.extend(report)
    if book.added or (outcome.written and not persons_path.exists()):
        write_atomic(persons_path, book.to_bytes(href))
        outcome.new_persons = [p.id for p in book.added]
    return outcome


def refuse_overwrite(target: Path, force: bool) -> None:
    if not target.exists():
        return
    try:
        root = etree.parse(str(target), safe_parser()).getroot()
        edited = [c for c in root.iter(tag("change")) if c.get("type") != "import"]
    except etree.XMLSyntaxError:
        edited = []
    if edited:
        raise RefusedOverwrite(
            f"{target}: not overwritten: its revisionDesc records edits made after the import"
        )
    if not force:
        raise RefusedOverwrite(f"{target}: exists; use --force to replace it")


def check_output(data: bytes, target: Path) -> None:
    """Never write a TEI file our own schema rejects (that would be a bug here)."""
    tree = etree.ElementTree(etree.fromstring(data, safe_parser()))
    problems = [p for p in validate_tree(tree, target) if p.code != "unresolved-ref"]
    if problems:
        raise EditionError(f"{target}: internal error, the TEI produced is invalid: {problems[0]}")
