"""Benchmark of `edition build`: milliseconds per document, documents per second and peak
memory, per output format, for the bundled edition and a generated corpus of 1,000
documents, each also as a ratio to a bare lxml parse + serialize of the same files.

    python bench/bench_build.py            # prints a Markdown table
    python bench/bench_build.py --write    # and rewrites docs/benchmarks.md

Each measurement runs in a fresh process (stylesheet compilation and schema loading
included, as a user would see them); the median of --runs runs is reported.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("html", "print", "text", "html,print,text", "html,print,text -j2", "pdf")


def make_corpus(target: Path, count: int) -> Path:
    """count documents made by varying the bundled TEI (ids and titles), plus persons.xml."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "tei" / "persons.xml", target / "persons.xml")
    sources = [p for p in sorted((ROOT / "tei").glob("*.xml")) if p.name != "persons.xml"]
    for i in range(count):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        text = text.replace(f'xml:id="d{src.stem}"', f'xml:id="d{i:04d}-{src.stem}"', 1)
        text = text.replace("</title>", f" (copy {i})</title>", 1)
        (target / f"{i:04d}-{src.stem}.xml").write_text(text, encoding="utf-8")
    return target


def child(tei: str, formats: str) -> None:
    """One measurement, in this process: prints seconds and peak memory as JSON."""
    start = time.perf_counter()
    if formats == "lxml":
        from lxml import etree

        for path in sorted(Path(tei).glob("*.xml")):
            etree.tostring(etree.parse(str(path)))
    else:
        from edition.build import build

        formats, _, jobs = formats.partition(" -j")
        with tempfile.TemporaryDirectory() as out:
            outcome = build(Path(tei), Path(out), set(formats.split(",")), {}, jobs=int(jobs or 1))
            assert not outcome.skipped, outcome.problems[:3]
    seconds = time.perf_counter() - start
    peak_kib = max(
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))


def measure(tei: Path, formats: str, runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(tei), formats],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "peak_mib": max(r["peak_mib"] for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {
            "bundled (5)": ROOT / "tei",
            f"generated ({args.count})": make_corpus(Path(tmp) / "big", args.count),
        }
        for name, tei in corpora.items():
            docs = len([p for p in tei.glob("*.xml") if p.name != "persons.xml"])
            floor = measure(tei, "lxml", args.runs)
            for formats in FORMATS:
                if formats == "pdf" and docs > 10:
                    continue  # WeasyPrint: about a second a document; measured on the bundled set
                result = measure(tei, formats, args.runs)
                ms = result["seconds"] * 1000 / docs
                rows.append(
                    (
                        name,
                        formats,
                        ms,
                        docs / result["seconds"],
                        result["peak_mib"],
                        result["seconds"] / floor["seconds"],
                    )
                )
                print(f"{name:16} {formats:16} {ms:8.1f} ms/doc", file=sys.stderr)
    table = [
        "| corpus | formats | ms per document | documents/s | peak memory (MiB) "
        "| × lxml parse+serialize |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        *[
            f"| {c} | {f} | {ms:.1f} | {dps:.1f} | {mem:.0f} | {ratio:.0f}× |"
            for c, f, ms, dps, mem, ratio in rows
        ],
    ]
    print("\n".join(table))
    if args.write:
        doc = ROOT / "docs" / "benchmarks.md"
        text = doc.read_text(encoding="utf-8")
        start, end = text.index("<!-- table -->"), text.index("<!-- /table -->")
        machine = f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}"
        doc.write_text(
            text[:start]
            + "<!-- table -->\n"
            + f"Measured on {machine}.\n\n"
            + "\n".join(table)
            + "\n"
            + text[end:],
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
