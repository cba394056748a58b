"""``edition build``: validate, then publish every valid document of tei/ as HTML, print
HTML (+ PDF) and plain text, with the index, persons index and print volume.

Each stylesheet is compiled once per process (per worker with -j); each document is parsed
once by lxml (validation) and once by Saxon for all its outputs. Every file is written to a
temporary name and renamed, so a failed build never leaves a half-written page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Protocol

from lxml import etree

from . import cache, paragraphs, search, workers
from .diagnostics import Diagnostic
from .errors import EditionError
from .names import VOLUME_ID, folder_pattern
from .publish import STYLESHEETS, XSLT_DIR, PublishError, Stylesheets
from .review import anchor_of, part_of
from .tei import (
    AUTHORITY_FILES,
    ED_NS,
    PLACES_FILE,
    TEI_NS,
    E,
    pointers_from_root,
    tag,
    write_atomic,
    xml_attr,
)
from .validate import documents, parse, read_regular, same_names, validate_tree

FORMATS = ("html", "print", "pdf", "text")
ASSETS = {"html": ("edition.css", "edition.js", "search.js"), "print": ("print.css",)}
ED = f"{{{ED_NS}}}"
SUFFIX = {"html": ".html", "print": ".html", "text": ".txt", "tei": ".xml", "search": ".js"}
FOLDER = {"search": f"html/{search.FOLDER}"}  # where each kind of output goes, if not in its own
MARKER = re.compile(r'<div class="ed-document" data-id="([^"]+)"></div>')

Progress = Callable[[str], None]


@dataclass
class BuildOutcome:
    written: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    rebuilt: list[Path] = field(default_factory=list)  # documents built this time
    reused: list[Path] = field(default_factory=list)  # documents whose outputs were current


def _stylesheets(formats: set[str]) -> tuple[str, ...]:
    names = {"print" if f == "pdf" else f for f in formats}
    return tuple(n for n in STYLESHEETS if n in names)


@dataclass
class Done:
    """What became of one document."""

    path: Path
    problems: list[Diagnostic]
    written: list[Path]
    summary: bytes = b""
    doc_id: str | None = None
    reused: bool = False  # its outputs were current: not built again

    @property
    def valid(self) -> bool:
        return not any(d.severity == "error" for d in self.problems)


def check(path: Path, data: bytes) -> tuple[etree._ElementTree | None, list[Diagnostic]]:
    """The parsed document if it passes validation, and every problem found."""
    tree, problems = parse(path, data)
    if tree is not None:
        problems = validate_tree(tree, path)
    ok = tree is not None and not any(d.severity == "error" for d in problems)
    return (tree if ok else None), problems


CORRECTIONS = etree.XPath(
    "/t:TEI/t:teiHeader/t:revisionDesc/t:change[@type='correction']/@target",
    namespaces={"t": TEI_NS},
)
MENTIONS = etree.XPath(  # of persons (places and bodies are PLACES_AND_BODIES)
    "/t:TEI/t:text//*[@who or @ref[starts-with(., 'persons.xml#')]]", namespaces={"t": TEI_NS}
)
# What no edition page reads of a header (the document pages have the whole of it).
UNUSED_IN_SUMMARY = etree.XPath(
    "t:fileDesc/t:publicationStmt | t:fileDesc/t:sourceDesc | t:encodingDesc"
    " | t:revisionDesc/t:change[not(@type = 'correction')]",
    namespaces={"t": TEI_NS},
)
PLACES_AND_BODIES = etree.XPath(
    "/t:TEI/t:text//t:placeName | /t:TEI/t:text//t:orgName", namespaces={"t": TEI_NS}
)
SPEAKERS = etree.XPath("/t:TEI/t:text//t:sp/@who", namespaces={"t": TEI_NS})
ADDRESSEE = etree.XPath(
    "(/t:TEI/t:text/t:body/t:div[@type = 'translation' or not(../t:div[@type = 'translation'])]"
    "//t:address)[1]",
    namespaces={"t": TEI_NS},
)
FIRST_PARAGRAPH = etree.XPath(
    "(/t:TEI/t:text/t:body/t:div[@type = 'translation' or not(../t:div[@type = 'translation'])]"
    "//t:p[not(ancestor::t:note)])[1]",
    namespaces={"t": TEI_NS},
)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph: up to a full stop that does not close an initial
    or an abbreviation ("Com.", "A.I."); or its first 300 characters, cut at a word."""
    for end in SENTENCE_END.finditer(text, 20):
        word = text[: end.start()].rsplit(" ", 1)[-1].rsplit(".", 1)[-1]
        if end[0] != "." or len(word) > 3 or word.islower():
            return text[: end.end()]
    return text if len(text) <= 300 else text[:300].rsplit(" ", 1)[0] + " …"


CONVERSATION = etree.XPath(
    "(/t:TEI/t:text//t:dateline/t:date[@type='conversation'])[1]/@when", namespaces={"t": TEI_NS}
)


def summary(tree: etree._ElementTree, stem: str, labels: dict[str, str]) -> bytes:
    """What the edition pages need of a document: its header, the date of the conversation
    it records (if apart from its own), where corrections stand and where persons, places
    and bodies appear (with the paragraph labels readers are given)."""
    root = tree.getroot()
    doc_id = root.get(xml_attr("id"), "")
    corrected = {t[1:] for c in CORRECTIONS(root) for t in c.split() if t.startswith("#")}
    header = root.find(tag("teiHeader"))
    for unused in UNUSED_IN_SUMMARY(header):  # kept small: memory follows its size
        unused.getparent().remove(unused)
    out = E.TEI(header, {xml_attr("id"): doc_id})  # moved, not copied
    item = etree.Element(ED + "doc", href=f"{stem}.html", id=doc_id, nsmap={"ed": ED_NS})
    for when in CONVERSATION(root):  # the date it is listed by (ed:event-date)
        item.set("conversation", str(when))
    speakers = list(dict.fromkeys(str(w) for w in SPEAKERS(root)))
    if speakers:  # the participants of a conversation
        item.set("speakers", " ".join(speakers))
    for to in ADDRESSEE(root):  # whom it is addressed to
        item.set("to", " ".join("".join(to.itertext()).split()))
    for para in FIRST_PARAGRAPH(root):  # what the index shows when there is no summary
        item.set("first", first_sentence(" ".join("".join(para.itertext()).split())))
    item.append(out)
    for el in root.iter():  # where each correction stands, in the order of the text
        if el.get(xml_attr("id")) in corrected:
            attrs = {"id": el.get(xml_attr("id")), "at": anchor_of(el), "part": part_of(el)}
            etree.SubElement(item, ED + "corr", attrs, n=paragraphs.label_of(el, labels))
    seen = set()
    for el in MENTIONS(tree):  # each person once per place, in the order of the text
        nearest = (a.get(xml_attr("id")) for a in (el, *el.iterancestors()))
        at = next((i for i in nearest if i), doc_id)
        for ref in (el.get("ref") or el.get("who") or "").split():
            if (ref, at) not in seen:
                seen.add((ref, at))
                n = paragraphs.label_of(el, labels)
                etree.SubElement(item, ED + "mention", ref=ref, at=at, n=n)
    for el in PLACES_AND_BODIES(tree):  # for the registers: by @ref, or by the form used
        form = " ".join("".join(el.itertext()).split())
        at = next((i for i in (a.get(xml_attr("id")) for a in el.iterancestors()) if i), doc_id)
        if (form, at) not in seen:
            seen.add((form, at))
            attrs = {"form": form, "at": at, "n": paragraphs.label_of(el, labels)}
            if el.get("ref"):
                attrs["ref"] = el.get("ref", "")
            etree.SubElement(item, ED + "name", attrs)
    return etree.tostring(item)


@dataclass
class Rendered:
    """One document's outputs, made but not yet written (what a remote worker returns)."""

    problems: list[Diagnostic]
    pages: dict[str, bytes] = field(default_factory=dict)
    summary: bytes = b""
    doc_id: str | None = None


def render(sheets: Stylesheets | None, where: str, stem: str, data: bytes) -> Rendered:
    """Validate one document and make its outputs: Saxon parses it once for all of them.
    A document that fails is reported and gets no outputs."""
    path = Path(where)
    tree, problems = check(path, data)
    if tree is None or sheets is None:
        return Rendered(problems)
    root = tree.getroot()
    # The TEI as validated, for readers to download: without the prolog's processing
    # instructions, so that no xml-stylesheet runs when it is opened.
    tei = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    pointers_from_root(root)  # a document of a volume's folder points from the folder above
    prepared, labels = paragraphs.for_stylesheets(root)
    node = sheets.parse(prepared)
    try:
        pages = {
            name: sheets.run(name, node, href=f"{stem}.html").encode("utf-8")
            for name in sheets.executables
        }
    except PublishError as exc:
        return Rendered([*problems, Diagnostic(where, None, None, "error", "publish", str(exc))])
    if "html" in pages:
        pages["tei"] = tei
        pages["search"] = search.document_script(stem, search.passages(root, labels))
    return Rendered(problems, pages, summary(tree, stem, labels), root.get(xml_attr("id")))


def written(out_dir: Path, path: Path, made: Rendered) -> Done:
    """Write what was made for one document (to a temporary name, then renamed)."""
    done = Done(path, made.problems, [], made.summary, made.doc_id)
    for name, page in made.pages.items():
        target = out_dir / FOLDER.get(name, name) / f"{path.stem}{SUFFIX[name]}"
        write_atomic(target, page)
        done.written.append(target)
    return done


def process(sheets: Stylesheets | None, out_dir: Path, path: Path) -> Done:
    """Read, render and write one document; one that cannot be read is reported."""
    try:
        data = read_regular(path)
    except OSError as exc:
        why = exc.strerror or str(exc)
        return Done(path, [Diagnostic(str(path), None, None, "error", "unreadable", why)], [])
    return written(out_dir, path, render(sheets, str(path), path.stem, data))


def make_pdf(page: tuple[Path, bool]) -> Path | Diagnostic:
    """output/print/x.html to output/pdf/x.pdf (print.css must be in place), as a volume
    (with its persons index paged) or a document; a failure is returned as a problem, so
    that the other PDFs are still made."""
    from .pdf import render_pdf, render_volume

    print_file, is_volume = page
    target = print_file.parent.parent / "pdf" / f"{print_file.stem}.pdf"
    render = render_volume if is_volume else render_pdf
    try:
        data = render(print_file)
    except Exception as exc:  # WeasyPrint's own errors are of many kinds
        return Diagnostic(str(print_file), None, None, "error", "pdf", f"no PDF made: {exc}")
    write_atomic(target, data)
    return target


_worker: tuple[Stylesheets | None, Path] | None = None


def _init_worker(
    names: tuple[str, ...], params: dict[str, str], persons: bytes | None, out_dir: Path
) -> None:
    global _worker
    _worker = (Stylesheets(names, params, persons) if names else None, out_dir)


def _process_in_worker(path: Path) -> Done:
    assert _worker is not None
    return process(_worker[0], _worker[1], path)


Volume = tuple[str, str, list[str]]  # id, title, patterns of document names
CONFIG = "edition.toml"  # where volumes are configured
WHOLE_EDITION: list[Volume] = [("edition", "", ["*"])]


def build(
    tei_dir: Path,
    out_dir: Path,
    formats: set[str],
    params: dict[str, str],
    jobs: int = 1,
    progress: Progress | None = None,
    volumes: list[Volume] | None = None,
    force_all: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
) -> BuildOutcome:
    """Build what is not current (see cache.py): a document whose inputs are those of its
    last build keeps its outputs; the edition pages are made again when a document's
    summary, the personography or the volumes changed. With force_all, everything is built. The
    per-document work and the PDFs run in jobs local processes, or, with executor "dask",
    on the Dask cluster whose scheduler is at scheduler (see cluster.py)."""
    outcome = BuildOutcome()
    tick = progress or (lambda _name: None)
    persons = _authorities(tei_dir, outcome)
    names = _stylesheets(formats)
    if "html" in names:  # what each page offers to download (html.xsl)
        offered = [f for f in ("pdf", "text") if f in formats] + ["tei"]
        params = {**params, "downloads": " ".join(offered)}
    # The pages link places and bodies to tei/places.xml: a change there rebuilds them all.
    shared = cache.part_key(cache.build_key(formats, params), _places_key(tei_dir))
    record = cache.BuildCache(out_dir, formats, fresh=force_all)
    lazy = _LazySheets(names, params, persons)
    for name in names:  # first: the PDFs are rendered with print.css
        for asset in ASSETS.get(name, ()):
            target = out_dir / name / asset
            data = (XSLT_DIR / "assets" / asset).read_bytes()
            if not (target.is_file() and target.read_bytes() == data):
                write_atomic(target, data)
            outcome.written.append(target)
    found = documents(tei_dir)
    twins = same_names(found)  # in two volumes' folders: one page each name
    outcome.problems += twins
    skipped = {t.path for t in twins}
    paths = [p for p in found if str(p) not in skipped]
    people = cache.person_keys(persons)
    keys, kept, todo = {}, [], []
    for path in paths:
        try:
            keys[path] = cache.document_key(shared, read_regular(path), people)
        except OSError:
            todo.append(path)  # process() reports it
            continue
        entry = record.current(path.stem, keys[path])
        if entry is None:
            todo.append(path)
        else:
            kept.append(Done(path, entry.problems(), [out_dir / o for o in entry.outputs],
                             doc_id=entry.doc_id, reused=True))  # fmt: skip
    for path in todo:  # should this build stop half-way, none of these may look current
        record.forget(path.stem)
    record.save()
    with ExitStack() as stack:
        runner = stack.enter_context(_runner(executor, scheduler, jobs, len(todo), lazy, out_dir))
        made = [_summary_to_disk(d, record) for d in _ticking(runner.documents(todo), tick)]
        for done in kept:
            tick(done.path.stem)
        results = sorted(kept + made, key=lambda d: d.path.stem)  # in whatever folder
        _one_id_each(results)
        for done in results:
            outcome.problems += done.problems
            outcome.written += done.written
        valid = [d for d in results if d.valid]
        series = bool(volumes)  # divided into volumes: the HTML edition is, too
        volumes, members = _volumes(volumes or WHOLE_EDITION, valid, outcome, series, tei_dir)
        # The index, registers and volume frames follow the summaries; a volume is filled
        # again when one of its documents was built; its PDF made when it changed.
        summaries = {d.path.stem: record.summary_key(d.path.stem) for d in valid}
        key = cache.edition_key(shared, persons, [series, *volumes],
                                [f"{stem}:{k}" for stem, k in summaries.items()])  # fmt: skip
        base = cache.edition_key(shared, persons, [series, names], [])

        def volume_key(volume: Volume, docs: list[Done]) -> str:
            """What a volume's pages and frame are made from: its documents' summaries."""
            return cache.part_key(base, volume, [summaries[d.path.stem] for d in docs])

        frames = [record.frame_file(v[0]) for v in volumes] if "print" in names else []
        frames += [record.navigation_file(v[0]) for v in volumes] if "html" in names else []
        pages = record.edition_current(key, frames) if names else []
        placed = [d for d in made if d.valid]  # the pages that need their navigation
        if pages is None:
            pool = runner.pool if isinstance(runner, LocalRunner) else None
            pages = edition_pages(lazy.get(), names, out_dir, members, volumes, record, series,
                                  volume_key, pool)  # fmt: skip
            record.remember_edition(key, pages)
            placed = valid
        outcome.written += pages
        if "html" in names:
            _navigation(out_dir / "html", [record.navigation_file(v[0]) for v in volumes], placed)
            outcome.written += _search_index(out_dir, valid, made, keys, shared, record, persons)
        if "print" in names:
            outcome.written += _volumes_filled(volumes, members, keys, volume_key, record,
                                               out_dir, formats, runner, outcome, tick)  # fmt: skip
        fresh = [d for d in made if d.valid]
        if "pdf" in formats:
            prints = [(out_dir / "print" / f"{d.path.stem}.html", False) for d in fresh]
            for done, pdf in zip(fresh, _pdfs(prints, runner, outcome, tick, keep_order=True),
                                 strict=True):  # fmt: skip
                if pdf is not None:
                    done.written.append(pdf)
                    outcome.written.append(pdf)
        for done in results:
            stem = done.path.stem
            if not done.valid or ("pdf" in formats and not _has_pdf(done)):
                record.forget(stem)
            elif not done.reused:
                record.remember(stem, keys[done.path], done.doc_id, done.written, done.problems)
    record.keep_only({p.stem for p in paths})
    record.save()
    outcome.rebuilt = [d.path for d in made]
    outcome.reused = [d.path for d in kept]
    published = {str(p) for p in found} | {str(tei_dir / name) for name in AUTHORITY_FILES}
    outcome.skipped = sorted(
        {Path(d.path) for d in outcome.problems if d.severity == "error" and d.path in published}
    )
    built = {"print" if f == "pdf" else f for f in formats} | ({"pdf"} & formats)
    built |= {"tei"} if "html" in formats else set()
    outcome.removed = remove_stale(out_dir, outcome.written, built)
    return outcome


def _summary_to_disk(done: Done, record: cache.BuildCache) -> Done:
    """Keep a document's summary on disk, not in memory: the edition pages read it from
    there, so memory does not grow with the number of documents."""
    if done.valid:
        write_atomic(record.summary_file(done.path.stem), done.summary)
    done.summary = b""
    return done


class _LazySheets:
    """The stylesheets, compiled the first time they are needed (a build with nothing to
    do compiles nothing)."""

    def __init__(self, names: tuple[str, ...], params: dict[str, str], persons: bytes | None):
        self.args = (names, params, persons)
        self.sheets: Stylesheets | None = None

    def get(self) -> Stylesheets | None:
        if self.sheets is None and self.args[0]:
            self.sheets = Stylesheets(*self.args)
        return self.sheets


def _has_pdf(done: Done) -> bool:
    return any(p.suffix == ".pdf" for p in done.written)


def _pdfs(
    pages: list[tuple[Path, bool]],
    runner: Runner,
    outcome: BuildOutcome,
    tick: Progress,
    keep_order: bool = False,
) -> list:
    """The PDFs of print pages (each in a worker when there are workers); a failure is a
    problem of the build. With keep_order, one entry per page (None where it failed)."""
    made: list = []
    for result in runner.pdfs(pages):
        if isinstance(result, Diagnostic):
            outcome.problems.append(result)
            if keep_order:
                made.append(None)
        else:
            made.append(result)
            tick(result.name)
    return made


class Runner(Protocol):
    """Where the per-document work runs: here, in a pool of processes, or on a cluster.
    Each gives back what process() and make_pdf() give, the files written here."""

    def documents(self, paths: list[Path]) -> Iterable[Done]: ...

    def pdfs(self, pages: list[tuple[Path, bool]]) -> Iterable[Path | Diagnostic]: ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...


class LocalRunner:
    """This process, or a pool of jobs processes (each compiling the stylesheets once)."""

    def __init__(self, lazy: _LazySheets, out_dir: Path, jobs: int) -> None:
        self.lazy, self.out_dir, self.jobs = lazy, out_dir, jobs
        self.pool: ProcessPoolExecutor | None = None
        if jobs > 1:
            lazy.get()  # a stylesheet that does not compile is told here, not in a worker
            init = (*lazy.args, out_dir)
            self.pool = workers.pool(jobs, _init_worker, init)

    def documents(self, paths: list[Path]) -> Iterable[Done]:
        if self.pool is None:
            return (process(self.lazy.get(), self.out_dir, p) for p in paths)
        chunk = max(1, len(paths) // (self.jobs * 8))
        return self.pool.map(_process_in_worker, paths, chunksize=chunk)

    def pdfs(self, pages: list[tuple[Path, bool]]) -> Iterable[Path | Diagnostic]:
        return (self.pool.map if self.pool else map)(make_pdf, pages)

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown()


def _runner(
    executor: str,
    scheduler: str | None,
    jobs: int,
    todo: int,
    lazy: _LazySheets,
    out_dir: Path,
) -> Runner:
    if executor == "dask":
        from .cluster import DaskRunner

        if not scheduler:
            raise EditionError("--executor dask needs --scheduler ADDRESS (tcp://host:8786)")
        return DaskRunner(scheduler, lazy.args, out_dir)
    if executor != "local":
        raise EditionError(f"no executor '{executor}': local or dask")
    return LocalRunner(lazy, out_dir, jobs if todo > 1 else 1)


def _places_key(tei_dir: Path) -> str:
    try:
        return cache.part_key(read_regular(tei_dir / PLACES_FILE).hex())
    except OSError:
        return "none"


def _authorities(tei_dir: Path, outcome: BuildOutcome) -> bytes | None:
    """persons.xml and places.xml, those there and valid, in one document for the
    stylesheets ($persons); their problems are the build's."""
    found = [_authority(tei_dir / name, outcome) for name in AUTHORITY_FILES]
    if not any(found):
        return None
    return (
        f'<ed:authorities xmlns:ed="{ED_NS}">'.encode()
        + b"".join(f for f in found if f)
        + b"</ed:authorities>"
    )


def _authority(path: Path, outcome: BuildOutcome) -> bytes | None:
    if not path.exists():
        return None
    try:
        data = read_regular(path)
    except OSError as exc:
        why = exc.strerror or str(exc)
        outcome.problems.append(Diagnostic(str(path), None, None, "error", "unreadable", why))
        return None
    tree, problems = check(path, data)
    outcome.problems += problems
    if tree is None:
        return None
    return etree.tostring(tree.getroot(), encoding="unicode").encode("utf-8")


def _one_id_each(results: list[Done]) -> None:
    """Documents are told apart by their root xml:id in the volume and the edition pages:
    a second document with the id of another is refused, and its pages taken back."""
    seen: dict[str, Path] = {}
    for done in results:
        doc_id = done.doc_id
        if not done.valid or doc_id is None:
            continue
        first = seen.setdefault(doc_id, done.path)
        if first != done.path:
            message = f"its xml:id '{doc_id}' is already that of {first}; give it its own"
            done.problems.append(Diagnostic(str(done.path), None, None, "error", "id", message))
            for path in done.written:
                path.unlink(missing_ok=True)
            done.written = []


MANIFEST = ".edition-build"
OUTPUT_NAME = cache.OUTPUT_NAME


def remove_stale(out_dir: Path, written: list[Path], built: set[str]) -> list[Path]:
    """Remove what the last build wrote in the folders built now and this one did not
    (pages of deleted or now invalid documents); remember what was written. Only names
    the build itself makes are ever removed, whatever the record says."""
    record = out_dir / MANIFEST
    try:
        before = set(read_regular(record).decode("utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        before = set()
    now = {p.relative_to(out_dir).as_posix() for p in written}
    removed = []
    for rel in sorted(before - now):
        if OUTPUT_NAME.match(rel) and rel.split("/")[0] in built:
            target = out_dir / rel
            if target.is_file() and not target.is_symlink():
                target.unlink()
                removed.append(target)
    keep = {rel for rel in before if OUTPUT_NAME.match(rel) and rel.split("/")[0] not in built}
    write_atomic(record, "\n".join(sorted(now | keep)).encode("utf-8"))
    return removed


def _volumes(
    volumes: list[Volume], valid: list[Done], outcome: BuildOutcome, series: bool, tei_dir: Path
) -> tuple[list[Volume], dict[str, list[Done]]]:
    """The volumes to make, and each one's documents; one whose files would take the
    place of a document's or of the edition's own pages is refused. In an edition divided
    into volumes, documents that no volume takes make one of their own, so that every
    document is listed."""
    stems = {d.path.stem.lower() for d in valid}
    taken = stems | (set(EDITION_PAGES) if series else set())
    kept: list[Volume] = []
    files: set[str] = set()

    def take(volume: Volume) -> None:
        own = {page_file(volume[0], p)[:-5] for p in (VOLUME_PAGES if series else ("index",))}
        # A volume of a folder is named by it; the others by edition.toml (which checks ids).
        where = str(tei_dir / volume[0]) if volume[2] == [folder_pattern(volume[0])] else CONFIG
        if not VOLUME_ID.match(volume[0]):  # it names files
            why = f"volume id {volume[0]!r} is not a plain name (a-z, 0-9, -)"
            outcome.problems.append(Diagnostic(where, None, None, "error", "volume", why))
        elif own & (taken | files):
            name = sorted(own & (taken | files))[0]
            why = f"volume '{volume[0]}' would make {name}.html, which is taken; rename the volume"
            outcome.problems.append(Diagnostic(where, None, None, "error", "volume", why))
        else:
            kept.append(volume)
            files.update(own)

    for volume in volumes:
        take(volume)
    if not series:
        return kept, {v[0]: valid for v in kept}
    members = _membership(valid, kept, tei_dir)
    placed = {id(d) for docs in members.values() for d in docs}
    left = [d for d in valid if id(d) not in placed]
    if left:
        stems = [d.path.stem for d in left]
        why = (f"{len(left)} document(s) in no volume ({', '.join(stems[:3])}"
               f"{' ...' if len(left) > 3 else ''}): listed in '{OTHERS[1]}'")  # fmt: skip
        outcome.problems.append(Diagnostic(CONFIG, None, None, "warning", "volume", why))
        take((OTHERS[0], OTHERS[1], stems))
        if kept[-1][0] == OTHERS[0]:
            members[OTHERS[0]] = left
    return kept, members


def _membership(valid: list[Done], volumes: list[Volume], tei_dir: Path) -> dict[str, list[Done]]:
    """Each volume's documents, in order. A pattern with a "/" is matched with the
    document's folder and name (``vol-1/*``), one without with its name. A document is
    tried only against the patterns whose fixed beginning (before any * ? [) its name
    begins with: a look-up per letter of its name, not every pattern of every volume (a
    series may have hundreds)."""
    by_prefix: dict[str, list[tuple[str, str]]] = {}
    for volume_id, _title, patterns in volumes:
        for pattern in patterns:
            prefix = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
            by_prefix.setdefault(prefix, []).append((volume_id, pattern))
    members: dict[str, list[Done]] = {v[0]: [] for v in volumes}
    for done in valid:
        stem, folder = done.path.stem, done.path.parent
        found: dict[str, None] = {}
        for name in [stem] if folder == tei_dir else [stem, f"{folder.name}/{stem}"]:
            for end in range(len(name) + 1):
                for volume_id, pattern in by_prefix.get(name[:end], ()):
                    if (
                        volume_id not in found
                        and ("/" in pattern) == ("/" in name)
                        and fnmatchcase(name, pattern)
                    ):
                        found[volume_id] = None
        for volume_id in found:
            members[volume_id].append(done)
    return members


EDITION_PAGES = ("index", "persons", "places", "abbreviations", "errata", "method", "search")
VOLUME_PAGES = ("index", "persons", "places", "abbreviations", "errata")
OTHERS = ("other-documents", "Other documents")  # the volume of documents no volume takes


def page_file(volume_id: str, name: str) -> str:
    """The file of one of a volume's pages: ID.html, ID-persons.html ... (ed:volume-page in
    xslt/common.xsl makes the links to them the same way); the edition's for ""."""
    if not volume_id:
        return f"{name}.html"
    return f"{volume_id}.html" if name == "index" else f"{volume_id}-{name}.html"


def _summaries(stems: list[str], files: cache.Files, name: str) -> Path:
    """The summaries of documents in one file (read one at a time from the build's record,
    kept one per document), for Saxon to read: no copy of them all is held in Python."""
    target = files.folder / f"{name}.xml"
    with target.open("wb") as out:
        out.write(f'<ed:edition xmlns:ed="{ED_NS}">'.encode())
        for stem in stems:
            out.write(files.summary(stem))
        out.write(b"</ed:edition>")
    return target


def edition_pages(
    sheets: Stylesheets | None,
    names: tuple[str, ...],
    out_dir: Path,
    members: dict[str, list[Done]],
    volumes: list[Volume],
    record: cache.BuildCache,
    series: bool = False,
    key_of: Callable[[Volume, list[Done]], str] | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> list[Path]:
    """The index, registers, errata, method and search pages, each document's place in
    the edition, and the print volumes' frames, from the documents' summaries. Each page
    is written as soon as it is made, so that one at a time is in memory.

    An edition divided into volumes (series) is made one volume at a time: each volume's
    own pages from its documents' summaries (only if one of them changed, as key_of tells),
    then the edition's pages from what each volume named (page "volume-summary"); memory
    follows the largest volume, not the edition. With a pool, volumes are made in its
    processes, several at a time."""
    if sheets is None or ("html" not in names and "print" not in names):
        return []
    written: list[Path] = []
    plan = []
    for volume in volumes:
        docs = members[volume[0]]
        files = _volume_files(volume[0], names, out_dir, record, series)
        key = key_of(volume, docs) if series and key_of else None
        current = key is not None and record.part_current(f"pages:{volume[0]}", key, files)
        if not current:  # should this build stop half-way, it is not current
            record.forget_part(f"pages:{volume[0]}")
        plan.append((volume, docs, files, key, current))
    record.save()
    tasks = [(names, [d.path.stem for d in docs], volume[0], volume[1], series)
             for volume, docs, _files, _key, current in plan if not current]  # fmt: skip
    if pool is not None and len(tasks) > 1:
        list(pool.map(_volume_pages_in_worker, tasks))
    else:
        for task in tasks:
            _volume_pages(sheets, record, task)
    listing = record.folder / "volumes.xml"
    with listing.open("wb") as named:
        named.write(f'<ed:edition xmlns:ed="{ED_NS}">'.encode())
        for (volume_id, _title, _patterns), _docs, files, key, current in plan:
            written += [f for f in files if f.is_relative_to(out_dir / "html")]
            if not current and key is not None:
                record.remember_part(f"pages:{volume_id}", key)
            if series and "html" in names:
                named.write(record.volume_file(volume_id).read_bytes())
        named.write(b"</ed:edition>")
    if series and "html" in names:
        node = sheets.parse_file(listing)
        scope = {"volume": "", "volume-title": ""}
        for page in EDITION_PAGES:
            target = out_dir / "html" / page_file("", page)
            made = sheets.run("html", node, page=page, href=target.name, **scope)
            if page == "search":
                parts = made.split("<!--ed:options-->", 1)
                files = [record.options_file(v[0]) for v in volumes]
                write_atomic(target, _with_options(parts, files))
            else:
                write_atomic(target, made.encode("utf-8"))
            written.append(target)
    return written


def _volume_files(
    volume_id: str, names: tuple[str, ...], out_dir: Path, record: cache.BuildCache, series: bool
) -> list[Path]:
    """What the edition pages make of one volume: its HTML pages (the edition's, when it
    is the only one), its place for each document, and its print frame."""
    files = []
    if "html" in names:
        pages = VOLUME_PAGES if series else EDITION_PAGES
        files += [out_dir / "html" / page_file(volume_id if series else "", p) for p in pages]
        files.append(record.navigation_file(volume_id))
        if series:
            files += [record.options_file(volume_id), record.volume_file(volume_id)]
    if "print" in names:
        files.append(record.frame_file(volume_id))
    return files


# The stylesheets to run, the volume's documents, its id and title, and whether the
# edition is divided into volumes.
VolumeTask = tuple[tuple[str, ...], list[str], str, str, bool]


def _volume_pages_in_worker(task: VolumeTask) -> None:
    assert _worker is not None and _worker[0] is not None
    _volume_pages(_worker[0], cache.Files(_worker[1]), task)


def _volume_pages(sheets: Stylesheets, files: cache.Files, task: VolumeTask) -> None:
    """One volume's pages, from its documents' summaries (one volume's in memory)."""
    names, stems, volume_id, title, series = task
    out_dir = files.out_dir
    node = sheets.parse_file(_summaries(stems, files, f"volume-{volume_id}"))
    scope = {"volume": volume_id if series else "", "volume-title": title}
    if "html" in names:
        for page in VOLUME_PAGES if series else EDITION_PAGES:
            target = out_dir / "html" / page_file(scope["volume"], page)
            write_atomic(target, sheets.run("html", node, page=page, href=target.name,
                                            **scope).encode("utf-8"))  # fmt: skip
        navigation = sheets.run("html", node, page="navigation", href="", **scope)
        write_atomic(files.navigation_file(volume_id), navigation.encode("utf-8"))
        if series:
            options = sheets.run("html", node, page="search-options", href="", **scope)
            write_atomic(files.options_file(volume_id), options.encode("utf-8"))
            summary = sheets.run_xml("html", node, page="volume-summary", href="", **scope)
            write_atomic(files.volume_file(volume_id), summary.encode("utf-8"))
    if "print" in names:  # the volume's frame, to be filled with its articles
        page = sheets.run("print", node, href=f"{volume_id}.html", **scope)
        write_atomic(files.frame_file(volume_id), page.encode("utf-8"))


def _with_options(parts: list[str], files: list[Path]) -> Iterator[bytes]:
    """The search page with each volume's documents put where the stylesheet left a
    marker for them, one volume at a time."""
    yield parts[0].encode("utf-8")
    for path in files:
        made = path.read_text(encoding="utf-8")
        yield made[made.index("<!--ed:options-->") + 17 : made.index("<!--/ed:options-->")].encode()
    yield parts[-1].encode("utf-8")


def _volumes_filled(
    volumes: list[Volume],
    members: dict[str, list[Done]],
    keys: dict[Path, str],
    key_of: Callable[[Volume, list[Done]], str],
    record: cache.BuildCache,
    out_dir: Path,
    formats: set[str],
    runner: Runner,
    outcome: BuildOutcome,
    tick: Progress,
) -> list[Path]:
    """Each print volume: its frame filled with its documents' articles, unless neither
    changed; its PDF made again when the volume did (or is missing)."""
    written: list[Path] = []
    to_render: list[tuple[Path, bool]] = []
    for volume in volumes:
        volume_id = volume[0]
        docs = members[volume_id]
        target = out_dir / "print" / f"{volume_id}.html"
        pdf = out_dir / "pdf" / f"{volume_id}.pdf"
        key = cache.part_key(key_of(volume, docs), [keys.get(d.path, "") for d in docs])
        current = record.part_current(f"volume:{volume_id}", key, [target])
        if not current:
            frame = record.frame_file(volume_id).read_text(encoding="utf-8")
            write_atomic(target, _filled_volume(frame, out_dir / "print", docs))
            record.remember_part(f"volume:{volume_id}", key)
        written.append(target)
        if "pdf" in formats:
            if current and pdf.is_file():
                written.append(pdf)
            else:
                to_render.append((target, True))
    written += _pdfs(to_render, runner, outcome, tick)
    return written


NAV = re.compile(r"<!--ed:nav-->.*?<!--/ed:nav-->", re.S)
NAV_OF = re.compile(r"<!--ed:nav ([A-Za-z0-9][A-Za-z0-9._-]*)-->")


def _navigation(html_dir: Path, made: list[Path], docs: list[Done]) -> None:
    """Put each document's place in the edition (made with the edition pages, a file per
    volume) into its page, where the stylesheet marked it; a page is written only if it
    changes. A document in two volumes takes its place in the first."""
    wanted = {d.path.stem for d in docs}
    for file in made:
        parts = NAV_OF.split(file.read_text(encoding="utf-8"))  # text, stem, nav, stem, nav, ...
        for stem, nav in zip(parts[1::2], parts[2::2], strict=True):
            page = html_dir / f"{stem}.html"
            if stem not in wanted or not page.is_file():
                continue
            wanted.discard(stem)
            nav = nav.split("</nav>")[0] + "</nav>"
            text = page.read_text(encoding="utf-8")
            placed = NAV.sub(lambda _m, nav=nav: f"<!--ed:nav-->{nav}<!--/ed:nav-->", text, count=1)
            if placed != text:
                write_atomic(page, placed.encode("utf-8"))


def _search_index(
    out_dir: Path,
    valid: list[Done],
    made: list[Done],
    keys: dict[Path, str],
    shared: str,
    record: cache.BuildCache,
    persons: bytes | None,
) -> list[Path]:
    """The search index, made again when a document, the list or a person changed: in
    part, when only some documents were built again and the list is the same."""
    folder = out_dir / "html" / search.FOLDER
    stems = [d.path.stem for d in valid]
    key = cache.part_key(shared, [keys.get(d.path, "") for d in valid], persons or b"")
    if record.part_current("search", key, search.index_files(folder)[:1]):
        return search.index_files(folder)
    base = cache.part_key(shared, stems, (persons or b"").hex())  # what a part update keeps
    kept = record.folder / "search-words"
    changed = [d.path.stem for d in made if d.valid]
    whole = not record.part_current("search-base", base, [folder / "documents.js"])
    whole = whole or not all((kept / f"{stem}.json").is_file() for stem in changed)
    record.forget_part("search-base")  # should this stop half-way: all of it next time
    record.save()
    if whole:
        written = search.write_index(folder, stems, persons, record.folder / "search-work", kept)
    else:
        written = search.update_index(folder, stems, changed, persons, kept)
    record.remember_part("search", key)
    record.remember_part("search-base", base)
    return written


def _ticking(results: Iterable[Done], tick: Progress) -> Iterator[Done]:
    for done in results:
        tick(done.path.stem)
        yield done


def _filled_volume(frame: str, print_dir: Path, docs: list[Done]) -> Iterator[bytes]:
    """The volume, piece by piece: each document's article (from its own print file) put
    where the stylesheet left a marker for it. No document is rendered twice, and only one
    article is in memory at a time."""
    stems = {d.doc_id: d.path.stem for d in docs}
    for i, part in enumerate(MARKER.split(frame)):  # text, id, text, id, ..., text
        if i % 2 == 0:
            yield part.encode("utf-8")
            continue
        page = (print_dir / f"{stems[part]}.html").read_text(encoding="utf-8")
        yield page[page.index("<article") : page.rindex("</article>") + 10].encode("utf-8")
