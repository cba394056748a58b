"""Linear work: `edition import` of ordinary and pathological sources, and `edition build`
of a document with thousands of unnumbered notes. For each: seconds per 100 KB, the median
and spread of several runs, a ratio to a floor measured in the same run (lxml parsing and
serializing the TEI), and how time grows when the input doubles (linear work: about 2×).

    python bench/bench_linear.py            # prints a Markdown table
    python bench/bench_linear.py --write    # and rewrites its table in docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from edition.build import build
from edition.importer import import_sources
from edition.tei import AUTHORITY_FILES

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "sources" / "1962-11-04-telegram-alekseev-foreign-ministry.txt").read_text("utf-8")
HEAD = BASE.partition("Translation - English")[0] + "Translation - English\n\n"


def inputs(scale: int) -> dict[str, str]:
    """Each input at scale 1, or 2 (twice as long)."""
    text = BASE.partition("Translation - English")[2].strip()
    return {
        "the bundled telegram's text": HEAD + "\n\n".join([text] * scale),
        "one line of '*a ' × 24,000": HEAD + "*a " * 24000 * scale,
        "100,000 short lines in one block": HEAD
        + "\n".join(f"Line {i} of text." for i in range(100000 * scale)),
        "5,000 short paragraphs": HEAD
        + "\n\n".join(f"Paragraph {i} is here." for i in range(5000 * scale)),
    }


def once(text: str, folder: Path) -> tuple[float, float]:
    """Seconds to import, and seconds for the floor (parse + serialize the result)."""
    source = folder / "bench.txt"
    source.write_text(text, encoding="utf-8")
    out = folder / "tei"
    start = time.perf_counter()
    outcome = import_sources([source], out, force=True)
    seconds = time.perf_counter() - start
    assert not outcome.failed, outcome.failed
    start = time.perf_counter()
    etree.tostring(etree.parse(str(out / "bench.xml")))
    return seconds, time.perf_counter() - start


def notes_document(count: int) -> str:
    """The bundled telegram's TEI with count paragraphs, each with an unnumbered footnote."""
    tei = (ROOT / "tei" / "1962-11-04-telegram-alekseev-foreign-ministry.xml").read_text("utf-8")
    added = "".join(
        f'<p xml:id="x{i}">Paragraph {i}.<note type="footnote" place="end">Note {i}.</note></p>'
        for i in range(count)
    )
    return tei.replace('<p xml:id="p1">', added + '<p xml:id="p1">', 1)


def build_once(text: str, folder: Path) -> tuple[float, float]:
    """Seconds to build HTML, print and text, and for the floor (parse + serialize)."""
    tei = folder / "tei"
    tei.mkdir(exist_ok=True)
    for name in AUTHORITY_FILES:  # the persons and places its names point to
        shutil.copy(ROOT / "tei" / name, tei)
    (tei / "notes.xml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    # Every run builds it all: the same output folder would be a rebuild with nothing to do.
    outcome = build(tei, folder / "out", {"html", "print", "text"}, {}, force_all=True)
    seconds = time.perf_counter() - start
    assert not outcome.skipped, outcome.problems[:3]
    start = time.perf_counter()
    etree.tostring(etree.parse(str(tei / "notes.xml")))
    return seconds, time.perf_counter() - start


def measure(text: str, runs: int, run=None) -> dict[str, float]:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        results = [(run or once)(text, Path(tmp)) for _ in range(runs)]
    times = [r[0] for r in results]
    return {
        "median": statistics.median(times),
        "spread": (max(times) - min(times)) / statistics.median(times),
        "floor": statistics.median(r[1] for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args()
    rows = []
    single, double = inputs(1), inputs(2)
    measure(single["the bundled telegram's text"], 1)  # load the schema once, as a run would
    cases = [(f"import: {name}", text, double[name], once) for name, text in single.items()]
    cases.append(
        ("build: 2,000 unnumbered notes", notes_document(2000), notes_document(4000), build_once)
    )
    for name, text, twice, run in cases:
        one, two = measure(text, args.runs, run), measure(twice, args.runs, run)
        kb = len(text.encode("utf-8")) / 1024
        rows.append(
            f"| {name} | {kb:.0f} "
            f"| {one['median']:.3f} | {one['median'] * 100 / kb:.3f} | ±{one['spread'] * 50:.0f} % "
            f"| {one['median'] / one['floor']:.0f}× | {two['median'] / one['median']:.2f}× |"
        )
        print(rows[-1], file=sys.stderr)
    table = [
        "| input | KB | seconds (median) | s per 100 KB | spread | × floor | input ×2 → time |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
    ]
    print("\n".join(table))
    if args.write:
        doc = ROOT / "docs" / "benchmarks.md"
        text = doc.read_text(encoding="utf-8")
        start, end = text.index("<!-- import -->"), text.index("<!-- /import -->")
        machine = f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}"
        body = f"Measured on {machine}, {args.runs} runs each.\n\n" + "\n".join(table) + "\n"
        doc.write_text(text[:start] + "<!-- import -->\n" + body + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
