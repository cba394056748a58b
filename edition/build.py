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
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .publish import XSLT_DIR, Stylesheets
from .tei import PERSONS_FILE, write_atomic
from .validate import documents, parse, validate_tree

FORMATS = ("html", "print", "pdf", "text")
ASSETS = {"html": ("edition.css", "edition.js"), "print": ("print.css",)}
PROLOG = re.compile(rb"^(?:\s*<\?[^>]*\?>)*\s*")
SUFFIX = {"html": ".html", "print": ".html", "text": ".txt"}
MARKER = re.compile(r"<!--document ([^ ]+?)-->")

Progress = Callable[[str], None]


@dataclass
class BuildOutcome:
    written: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def _stylesheets(formats: set[str]) -> tuple[str, ...]:
    names = {"print" if f == "pdf" else f for f in formats}
    return tuple(n for n in ("html", "print", "text") if n in names)


@dataclass
class Done:
    """What became of one document."""

    path: Path
    problems: list[Diagnostic]
    written: list[Path]

    @property
    def valid(self) -> bool:
        return not any(d.severity == "error" for d in self.problems)


def check(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """The document's bytes if it passes validation, and every problem found."""
    tree, problems = parse(path)
    if tree is not None:
        problems = validate_tree(tree, path, fast=True)
    ok = tree is not None and not any(d.severity == "error" for d in problems)
    return (path.read_bytes() if ok else None), problems


def process(sheets: Stylesheets | None, formats: set[str], out_dir: Path, path: Path) -> Done:
    """Validate one document and write its outputs: Saxon parses it once for all of them."""
    data, problems = check(path)
    done = Done(path, problems, [])
    if data is None or sheets is None:
        return done
    node = sheets.parse(data)
    for name in sheets.executables:
        target = out_dir / name / f"{path.stem}{SUFFIX[name]}"
        write_atomic(target, sheets.run(name, node, href=f"{path.stem}.html").encode("utf-8"))
        done.written.append(target)
    if "pdf" in formats:
        from .pdf import render_pdf

        target = out_dir / "pdf" / f"{path.stem}.pdf"
        write_atomic(target, render_pdf(out_dir / "print" / f"{path.stem}.html"))
        done.written.append(target)
    return done


_worker: tuple[Stylesheets | None, set[str], Path] | None = None


def _init_worker(
    names: tuple[str, ...],
    params: dict[str, str],
    persons: bytes | None,
    formats: set[str],
    out_dir: Path,
) -> None:
    global _worker
    _worker = (Stylesheets(names, params, persons) if names else None, formats, out_dir)


def _process_in_worker(path: Path) -> Done:
    assert _worker is not None
    return process(*_worker, path)


def build(
    tei_dir: Path,
    out_dir: Path,
    formats: set[str],
    params: dict[str, str],
    jobs: int = 1,
    progress: Progress | None = None,
) -> BuildOutcome:
    outcome = BuildOutcome()
    tick = progress or (lambda _name: None)
    persons_path = tei_dir / PERSONS_FILE
    persons = None
    if persons_path.exists():
        persons, problems = check(persons_path)
        outcome.problems += problems
    names = _stylesheets(formats)
    sheets = Stylesheets(names, params, persons) if names else None
    for name in names:  # first: the PDFs are rendered with print.css
        for asset in ASSETS.get(name, ()):
            target = out_dir / name / asset
            write_atomic(target, (XSLT_DIR / "assets" / asset).read_bytes())
            outcome.written.append(target)
    paths = documents(tei_dir)
    if jobs > 1 and len(paths) > 1:
        init = (names, params, persons, formats, out_dir)
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=init) as pool:
            results = list(_ticking(pool.map(_process_in_worker, paths, chunksize=4), tick))
    else:
        results = list(_ticking((process(sheets, formats, out_dir, p) for p in paths), tick))
    for done in results:
        outcome.problems += done.problems
        outcome.written += done.written
    outcome.skipped = sorted({Path(d.path) for d in outcome.problems if d.severity == "error"})
    valid = [(d.path, d.path.read_bytes()) for d in results if d.valid]

    def save(relative: str, content: str | bytes) -> None:
        target = out_dir / relative
        write_atomic(target, content.encode("utf-8") if isinstance(content, str) else content)
        outcome.written.append(target)

    if sheets is not None:
        edition = sheets.parse(_edition_xml(valid))
        if "html" in names:
            save("html/index.html", sheets.run("html", edition, page="index", href="index.html"))
            persons_page = sheets.run("html", edition, page="persons", href="persons.html")
            save("html/persons.html", persons_page)
        if "print" in names:
            volume = sheets.run("print", edition, href="edition.html")
            save("print/edition.html", _fill_volume(volume, out_dir / "print", valid))
    if "pdf" in formats:
        from .pdf import render_pdf

        save("pdf/edition.pdf", render_pdf(out_dir / "print" / "edition.html"))
        tick("edition.pdf")
    return outcome


def _ticking(results: Iterable[Done], tick: Progress) -> Iterator[Done]:
    for done in results:
        tick(done.path.stem)
        yield done


def _fill_volume(volume: str, print_dir: Path, valid: list[tuple[Path, bytes]]) -> str:
    """Put each document's article (from its own print file) in the volume, where the
    stylesheet left a marker for it: no document is rendered twice."""
    articles = {}
    for path, data in valid:
        page = (print_dir / f"{path.stem}.html").read_text(encoding="utf-8")
        articles[_doc_id(data)] = page[page.index("<article") : page.rindex("</article>") + 10]
    parts = MARKER.split(volume)  # text, id, text, id, ..., text
    parts[1::2] = [articles[doc_id] for doc_id in parts[1::2]]
    return "".join(parts)


def _doc_id(data: bytes) -> str:
    match = re.search(rb'<TEI[^>]*\sxml:id="([^"]+)"', data[:4000])
    return match[1].decode() if match else ""


def _edition_xml(valid: list[tuple[Path, bytes]]) -> bytes:
    """All valid documents in one tree, for the index, persons index and volume."""
    parts = [b'<ed:edition xmlns:ed="urn:edition">']
    for path, data in valid:
        parts += [
            f'<ed:doc href="{path.stem}.html">'.encode(),
            PROLOG.sub(b"", data, count=1),
            b"</ed:doc>",
        ]
    parts.append(b"</ed:edition>")
    return b"".join(parts)
