"""``edition build``: validate, then publish every valid document of tei/ as HTML, print
HTML (+ PDF) and plain text, with the index, persons index and print volume.

Each stylesheet is compiled once per process (per worker with -j); each document is parsed
once by lxml (validation) and once by Saxon for all its outputs. Every file is written to a
temporary name and renamed, so a failed build never leaves a half-written page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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


def check(paths: list[Path]) -> tuple[list[tuple[Path, bytes]], list[Diagnostic]]:
    """The documents that pass validation, with their bytes, and every problem found."""
    valid, problems = [], []
    for path in paths:
        tree, found = parse(path)
        if tree is not None:
            found = validate_tree(tree, path, fast=True)
        problems += found
        if not [d for d in found if d.severity == "error"]:
            valid.append((path, path.read_bytes()))
    return valid, problems


def publish_one(sheets: Stylesheets, stem: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(relative output path, content) for one document, parsed once for all outputs."""
    node = sheets.parse(data)
    suffix = {"html": ".html", "print": ".html", "text": ".txt"}
    for name in sheets.executables:
        yield f"{name}/{stem}{suffix[name]}", sheets.run(name, node, href=f"{stem}.html")


_worker: Stylesheets | None = None


def _init_worker(names: tuple[str, ...], params: dict[str, str], persons: bytes | None) -> None:
    global _worker
    _worker = Stylesheets(names, params, persons)


def _publish_in_worker(stem: str, data: bytes) -> list[tuple[str, str]]:
    assert _worker is not None
    return list(publish_one(_worker, stem, data))


def build(
    tei_dir: Path,
    out_dir: Path,
    formats: set[str],
    params: dict[str, str],
    jobs: int = 1,
    progress: Progress | None = None,
) -> BuildOutcome:
    outcome = BuildOutcome()
    persons_path = tei_dir / PERSONS_FILE
    valid, outcome.problems = check(
        [*documents(tei_dir), *([persons_path] if persons_path.exists() else [])]
    )
    persons = next((data for path, data in valid if path == persons_path), None)
    valid = [(path, data) for path, data in valid if path != persons_path]
    outcome.skipped = sorted({Path(d.path) for d in outcome.problems if d.severity == "error"})
    names = _stylesheets(formats)
    tick = progress or (lambda _name: None)

    def save(relative: str, content: str | bytes) -> None:
        target = out_dir / relative
        write_atomic(target, content.encode("utf-8") if isinstance(content, str) else content)
        outcome.written.append(target)

    if names:
        sheets = Stylesheets(names, params, persons)
        if jobs > 1 and len(valid) > 1:
            with ProcessPoolExecutor(
                jobs, initializer=_init_worker, initargs=(names, params, persons)
            ) as pool:
                results = pool.map(
                    _publish_in_worker,
                    [p.stem for p, _ in valid],
                    [d for _, d in valid],
                    chunksize=8,
                )
                for (path, _), outputs in zip(valid, results, strict=True):
                    for relative, content in outputs:
                        save(relative, content)
                    tick(path.stem)
        else:
            for path, data in valid:
                for relative, content in publish_one(sheets, path.stem, data):
                    save(relative, content)
                tick(path.stem)
        edition = sheets.parse(_edition_xml(valid))
        if "html" in names:
            save("html/index.html", sheets.run("html", edition, page="index", href="index.html"))
            save(
                "html/persons.html",
                sheets.run("html", edition, page="persons", href="persons.html"),
            )
        if "print" in names:
            volume = sheets.run("print", edition, href="edition.html")
            save("print/edition.html", _fill_volume(volume, out_dir / "print", valid))
        for name in names:
            for asset in ASSETS.get(name, ()):
                save(f"{name}/{asset}", (XSLT_DIR / "assets" / asset).read_bytes())
    if "pdf" in formats:
        from .pdf import render_pdf

        for page in [*(p.stem for p, _ in valid), "edition"]:
            save(f"pdf/{page}.pdf", render_pdf(out_dir / "print" / f"{page}.html"))
            tick(f"{page}.pdf")
    return outcome


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
