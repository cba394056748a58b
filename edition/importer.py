"""``edition import``: sources to TEI files, one per source, and the personography."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from . import workers
from .adopt import adopt as carry_over
from .changes import Change, compare
from .config import Edition
from .diagnostics import Diagnostic
from .entities import Gazetteer
from .errors import EditionError, RefusedOverwrite, SourceError
from .names import name_problem
from .persons import Changes, Personography
from .readers import detect
from .review import as_received, check_corrections, recorded
from .sourcetext import read_blocks
from .tei import (
    PERSONS_FILE,
    VOLUME_FOLDER_POINTER,
    E,
    localname,
    pointers_from_folder,
    safe_parser,
    schema_href,
    serialize,
    tag,
    write_atomic,
    write_staged,
)
from .validate import SCHEMA_FILE, documents, read_regular, validate_tree

NO_GAZETTEER = Gazetteer()


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
    source: Path, book: Personography, changed: str, gazetteer: Gazetteer = NO_GAZETTEER
) -> tuple[etree._Element, list[Diagnostic]]:
    """One source to a TEI element tree (nothing written)."""
    try:
        data = read_regular(source)
    except OSError as exc:
        raise SourceError(str(source), None, f"cannot read: {exc.strerror or exc}") from None
    blocks = read_blocks(data, str(source))
    reader = detect(blocks, str(source))
    result = reader.read(
        blocks, path=str(source), stem=source.stem, book=book, changed=changed, gazetteer=gazetteer
    )
    return result.root, result.report.items


@dataclass(frozen=True)
class _Settings:
    """What every document of one import is converted with."""

    changed: str
    gazetteer: Gazetteer
    edition: Edition | None
    adopt: bool
    force: bool
    href: str | None
    # What comes before persons.xml and places.xml in @ref and @who: "../" in a volume's folder.
    pointers: str = ""


def import_sources(
    sources: list[Path],
    out_dir: Path,
    *,
    force: bool = False,
    gazetteer: Gazetteer = NO_GAZETTEER,
    edition: Edition | None = None,
    adopt: bool = False,
    jobs: int = 1,
    authorities: Path | None = None,
) -> ImportOutcome:
    """Convert every source, then write: the personography first, so that no document is
    ever on disk with references it does not hold; one import at a time per edition. With
    jobs > 1 the sources are converted in that many processes, with the same result as
    one by one (see _converted_in_parallel). authorities is the folder of persons.xml
    and places.xml when it is not out_dir: the TEI folder, for a volume's folder in it."""
    outcome = ImportOutcome()
    authorities = authorities or out_dir
    persons_path = authorities / PERSONS_FILE
    out_dir.mkdir(parents=True, exist_ok=True)
    with locked(authorities):
        book = Personography.load(persons_path)
        href = schema_href(out_dir, SCHEMA_FILE)
        pointers = _pointers(out_dir, authorities)
        settings = _Settings(today(), gazetteer, edition, adopt, force, href, pointers)
        seen: dict[str, Path] = {}
        named: list[Path] = []
        here = out_dir.resolve()
        others = documents(authorities)
        folders = {folder: folder.resolve() for folder in {p.parent for p in others}}
        elsewhere = {p.stem.lower(): p for p in others if folders[p.parent] != here}
        for source in sources:
            try:
                _check_name(source, seen)
                if (other := elsewhere.get(source.stem.lower())) is not None:
                    why = f"{other} has this document's name already; rename one of them"
                    raise SourceError(str(source), None, why)
            except EditionError as exc:
                outcome.failed.append(exc)
                continue
            named.append(source)
        # Each document goes to a hidden temporary file as it is made (memory does not
        # grow with the corpus), and takes its name once the personography is written.
        ready: list[tuple[Path, Path]] = []
        convert_all = _converted_in_parallel if jobs > 1 and len(named) > 1 else _converted
        try:
            for source, made in convert_all(named, out_dir, book, settings, jobs):
                if isinstance(made, EditionError):
                    outcome.failed.append(made)
                    continue
                target = out_dir / f"{source.stem}.xml"
                ready.append((target, write_staged(target, made[0])))
                outcome.report.extend(made[1])
            if book.added or book.varied or (ready and book.persons and not persons_path.exists()):
                write_atomic(persons_path, book.to_bytes(settings.href))
                outcome.new_persons = [p.id for p in book.added]
            for target, staged in ready:
                os.replace(staged, target)
                outcome.written.append(target)
        finally:
            for _target, staged in ready:  # left only by an import stopped before its end
                staged.unlink(missing_ok=True)
    return outcome


def _pointers(out_dir: Path, authorities: Path) -> str:
    """What goes before persons.xml and places.xml in the pointers of documents written
    to out_dir: nothing beside them, "../" in a volume's folder."""
    if out_dir.resolve() == authorities.resolve():
        return ""
    if out_dir.resolve().parent != authorities.resolve():
        raise EditionError(f"{out_dir}: a volume's folder must be in the TEI folder {authorities}")
    return VOLUME_FOLDER_POINTER


Made = tuple[bytes, list[Diagnostic]] | EditionError  # a document's TEI and report, or why not
Converted = tuple[tuple[bytes, list[Diagnostic]], Changes]  # made in a process, and what it added


def _one(source: Path, out_dir: Path, book: Personography, settings: _Settings) -> Made:
    """One source to its TEI file's bytes, checked; what the book gained is kept in it,
    unless the document failed."""
    target = out_dir / f"{source.stem}.xml"
    point = book.checkpoint()
    try:
        master = _master_to_adopt(target) if settings.adopt else None
        if master is None:
            refuse_overwrite(target, settings.force or settings.adopt)
        root, report = convert(source, book, settings.changed, settings.gazetteer)
        publication(root, settings.edition)
        if settings.pointers:
            pointers_from_folder(root, settings.pointers)
        if master is not None:
            root = carry_over(master, root, settings.changed, source.name)
        data = serialize(root, settings.href)
        check_output(root, target)
    except EditionError as exc:
        book.rollback(point)
        return exc
    return data, report


def _converted(
    sources: list[Path], out_dir: Path, book: Personography, settings: _Settings, _jobs: int
) -> Iterator[tuple[Path, Made]]:
    for source in sources:
        yield source, _one(source, out_dir, book, settings)


def _converted_in_parallel(
    sources: list[Path], out_dir: Path, book: Personography, settings: _Settings, jobs: int
) -> Iterator[tuple[Path, Made]]:
    """What _converted gives, with the sources converted in jobs processes. A document
    may add persons or forms to the book, which changes how the next ones are read, so
    the processes convert a batch against a copy of the book as it stands, and the
    documents are taken in order: up to and including the first that changed the book
    (its changes are then made to the book); the batch's later documents are dropped and
    converted again in the next batch, against the book as it is now. The result is the
    same as one by one. A batch is first a few documents, then, once one has left the book
    as it was, all the rest: the persons of a corpus are mostly met in its first
    documents, and the processes then never wait between batches."""
    if not sources:
        return
    # The first here: it meets the persons of the corpus first, and the processes, made
    # after it, start with its patterns compiled.
    yield sources[0], _one(sources[0], out_dir, book, settings)
    start, size = 1, jobs * 2
    # The processes start with the book as it is now; each batch sends them only what
    # was added to it since (the whole book would be sent with every document).
    base = book.checkpoint()
    with workers.pool(jobs, _init_worker, (out_dir, settings, book.to_bytes(None))) as pool:
        while start < len(sources):
            part = sources[start : start + size]
            since = book.changes_since(base)
            # Tasks of several documents (one message each way per task, not per
            # document), small enough that a dropped one costs little.
            each = min(MAX_TASK, -(-len(part) // (jobs * 4)))
            futures = [pool.submit(_in_worker, start, since, part[i : i + each])
                       for i in range(0, len(part), each)]  # fmt: skip
            try:
                taken = 0
                for source, done in zip(part, _results(futures), strict=True):
                    point = book.checkpoint()
                    if done is None:  # failed there: here, which says why
                        yield source, _one(source, out_dir, book, settings)
                    else:
                        made, changes = done
                        if changes[0] or changes[1]:
                            book.merge(changes)
                        yield source, made
                    taken += 1
                    if book.checkpoint() != point:
                        break  # the rest was read with the book as it was
            finally:
                for future in futures:  # those not started; a running one's result is dropped
                    future.cancel()
            start += taken
            size = len(sources) if taken == len(part) else jobs * 2


MAX_TASK = 8  # documents in one task of a process


def _results(futures: list[Future]) -> Iterator[Converted | None]:
    for future in futures:
        yield from future.result()


_WORKER: dict[str, object] = {}


def _init_worker(out_dir: Path, settings: _Settings, book: bytes) -> None:
    base = Personography.from_root(etree.fromstring(book, safe_parser()))
    _WORKER.update(out_dir=out_dir, settings=settings, book=base, base=base.checkpoint(),
                   version=None)  # fmt: skip


def _in_worker(version: int, since: Changes, sources: list[Path]) -> list[Converted | None]:
    """Sources converted one by one against the book the process started with and what
    was added to it since (taken once per batch): for each, its TEI and report, and what
    it added to the book; None when it failed (the main process converts it again, and so
    gives the reason)."""
    book = _WORKER["book"]
    assert isinstance(book, Personography)
    if _WORKER["version"] != version:
        book.rollback(_WORKER["base"])  # type: ignore[arg-type]  # as the process started
        book.merge(since)
        _WORKER["version"] = version
    found: list[Converted | None] = []
    for source in sources:
        point = book.checkpoint()
        made = _one(source, _WORKER["out_dir"], book, _WORKER["settings"])  # type: ignore[arg-type]
        changes = book.changes_since(point)
        book.rollback(point)  # the worker's book stays the batch's copy
        found.append(None if isinstance(made, EditionError) else (made, changes))
    return found


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock file (.edition.lock) for as long as the block runs."""
    import fcntl

    with open(folder / ".edition.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publication(root: etree._Element, edition: Edition | None) -> None:
    """The edition's publisher and licence (edition.toml) in the document's header."""
    if edition is None:
        return
    statement = root.find(f"{tag('teiHeader')}/{tag('fileDesc')}/{tag('publicationStmt')}")
    if statement is None:
        return
    publisher = statement.find(tag("publisher"))
    if publisher is not None:
        publisher.text = edition.publisher
    availability = statement.find(tag("availability"))
    if edition.licence and availability is not None:
        licence = E.licence(edition.licence.name)
        if edition.licence.url:
            licence.set("target", edition.licence.url)
        availability.insert(0, licence)


def _check_name(source: Path, seen: dict[str, Path]) -> None:
    """A source's name names its document: plain, not the edition's own, not taken by
    another source of the same run (whatever its folder or case)."""
    problem = name_problem(source.stem)
    if problem:
        raise SourceError(str(source), None, problem)
    other = seen.setdefault(source.stem.lower(), source)
    if other != source:
        raise SourceError(
            str(source), None, f"same document name as {other} in this run; rename one of them"
        )


def _master_to_adopt(target: Path) -> etree._Element | None:
    """The master copy whose contributed work --adopt carries over: one that carries
    corrections or edits; None when there is none (a plain import, or replacement)."""
    found = edited(target) if target.exists() or target.is_symlink() else None
    if found is None:
        return None
    kind, reason = found
    if kind != EDITED:
        raise RefusedOverwrite(f"{target}: not adopted: {reason}")
    tree = etree.parse(str(target), safe_parser())
    # Only its recorded work must hold: a master written for an older schema (a value
    # this version no longer uses) is what adopting brings up to date; the result is
    # validated in full before it is written.
    problems = check_corrections(tree, target)
    if problems:
        raise RefusedOverwrite(f"{target}: not adopted: its corrections fail ({problems[0]})")
    return tree.getroot()


def refuse_overwrite(target: Path, force: bool) -> None:
    """Replace only a file that is shown to be unedited, and only with --force."""
    if not target.exists() and not target.is_symlink():
        return
    found = edited(target)
    if found:
        raise RefusedOverwrite(f"{target}: not overwritten: {found[1]}")
    if not force:
        raise RefusedOverwrite(f"{target}: exists; use --force to replace it")


EDITED, UNPROVEN = "edited", "unproven"  # it carries work; it cannot be shown not to


def edited(target: Path) -> tuple[str, str] | None:
    """Whether the file may carry work done after the import, and why: (EDITED, ...) when
    it records corrections or edits, (UNPROVEN, ...) when it cannot be shown unedited (not a
    regular, well-formed TEI file of this edition), None when it is shown unedited: its
    only change is the import's and it has no correction, in whatever namespace."""
    if target.is_symlink() or not target.is_file():
        return UNPROVEN, "it is not a regular file"
    try:
        root = etree.parse(str(target), safe_parser()).getroot()
    except OSError as exc:
        return UNPROVEN, f"it cannot be read ({exc}), so it cannot be shown to be unedited"
    except etree.XMLSyntaxError as exc:
        return UNPROVEN, (
            f"it is not well-formed XML (line {exc.position[0]}), so it cannot be shown to "
            "be unedited; mend it, or move it away to import again"
        )
    if root.tag != tag("TEI"):
        return UNPROVEN, "it is not a TEI document of this edition"
    for el in root.iter():
        name = localname(el)
        if name == "change" and (el.tag != tag("change") or el.get("type") != "import"):
            return EDITED, "its revisionDesc records edits made after the import"
        if name in ("choice", "sic", "corr"):
            return EDITED, "it carries corrections"
    if len(root.findall(f".//{tag('change')}")) != 1:
        return EDITED, "its revisionDesc does not hold exactly the import's change"
    return None


def check_output(root: etree._Element, target: Path) -> None:
    """Never write a TEI file our own schema rejects (that would be a bug here): root is
    the tree as serialized (indented), checked without parsing its bytes again."""
    # Pointers are not followed: persons.xml is written after the documents are made.
    problems = validate_tree(etree.ElementTree(root), target, resolve=False)
    if problems:
        raise EditionError(f"{target}: internal error, the TEI produced is invalid: {problems[0]}")


@dataclass
class Checked:
    """A source compared with its master copy: what a fresh import would change."""

    source: Path
    target: Path
    changes: list[Change] = field(default_factory=list)
    corrections: int = 0
    error: str | None = None


def check_sources(
    sources: list[Path],
    out_dir: Path,
    gazetteer: Gazetteer = NO_GAZETTEER,
    edition: Edition | None = None,
    authorities: Path | None = None,
) -> list[Checked]:
    """For each source, whether a fresh import differs from the master copy in out_dir
    beyond its recorded corrections (nothing is written)."""
    authorities = authorities or out_dir
    pointers = _pointers(out_dir, authorities)
    book = Personography.load(authorities / PERSONS_FILE)
    found = []
    for source in sources:
        target = out_dir / f"{source.stem}.xml"
        checked = Checked(source, target)
        found.append(checked)
        try:
            made, _report = convert(source, copy.deepcopy(book), today(), gazetteer)
            publication(made, edition)
            if pointers:
                pointers_from_folder(made, pointers)
            fresh = etree.fromstring(serialize(made, None), safe_parser())  # as it would be written
        except EditionError as exc:
            checked.error = str(exc)
            continue
        if not target.is_file():
            checked.changes = compare(None, fresh)
            continue
        try:
            master = etree.parse(str(target), safe_parser()).getroot()
        except (OSError, etree.XMLSyntaxError) as exc:
            checked.error = f"{target}: cannot be read as XML: {exc}"
            continue
        checked.corrections = len(recorded(master))
        received = as_received(master)
        _same_import_date(received, fresh)
        checked.changes = compare(received, fresh)
    return found


def _same_import_date(master: etree._Element, fresh: etree._Element) -> None:
    """A fresh import is dated today; compare it as if made on the master's day."""
    old = master.find(f".//{tag('change')}[@type='import']")
    new = fresh.find(f".//{tag('change')}[@type='import']")
    if old is not None and new is not None:
        new.set("when", old.get("when", ""))
