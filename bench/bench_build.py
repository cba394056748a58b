"""Benchmark of building at scale, in one run: a full build, a no-op rebuild, a rebuild
after one document changed, `edition validate`, `edition import`, peak memory at two
corpus sizes, the `-j` speedup and the Dask executor on a local cluster. Each figure is also
a ratio to a floor measured in the same run: lxml parsing and serializing the same TEI.

    python bench/bench_build.py            # prints the table
    python bench/bench_build.py --write    # and rewrites it in docs/benchmarks.md

Every measurement runs in a fresh process (start-up, stylesheet compilation and schema
loading included, as a user sees them, with Python's compiled modules kept as an installed
tool keeps them); times are the median of --runs runs, with their spread (lowest-highest).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from edition.tei import AUTHORITY_FILES
from edition.validate import documents

ROOT = Path(__file__).resolve().parent.parent
FAST = "html,print,text"


def make_corpus(target: Path, count: int) -> Path:
    """count documents made by varying the bundled TEI (ids and titles), plus the persons
    and places."""
    target.mkdir(parents=True)
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, target / name)
    sources = documents(ROOT / "tei")
    for i in range(count):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        text = text.replace(f'xml:id="d{src.stem}"', f'xml:id="d{i:05d}-{src.stem}"', 1)
        text = text.replace("</title>", f" (copy {i})</title>", 1)
        (target / f"{i:05d}-{src.stem}.xml").write_text(text, encoding="utf-8")
    return target


def make_sources(target: Path, count: int) -> Path:
    target.mkdir(parents=True)
    sources = sorted((ROOT / "sources").glob("*.txt"))
    for i in range(count):
        src = sources[i % len(sources)]
        shutil.copy(src, target / f"{i:05d}-{src.name}")
    return target


def volumes(tei: Path, size: int) -> list[tuple[str, str, list[str]]]:
    """The corpus of make_corpus in volumes of size documents (a multiple of 100): by the
    first three digits of their names."""
    count = len(documents(tei))
    per = size // 100
    return [(f"v{k + 1}", f"Volume {k + 1}", [f"{k * per + j:03d}*" for j in range(per)])
            for k in range(-(-count // size))]  # fmt: skip


def fresh_edition(folder: Path) -> None:
    """An empty TEI folder holding the edition's persons and places, to import into."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, folder / name)


# -- one measurement, in a child process ---------------------------------------------------


def child(task: str, args: list[str]) -> None:
    """Run one task here and print its seconds and peak memory as JSON."""
    start = time.perf_counter()
    if task == "floor":
        from lxml import etree

        for path in sorted(Path(args[0]).glob("*.xml")):
            etree.tostring(etree.parse(str(path)))
    elif task == "build":
        from edition.build import build

        tei, out, jobs, executor = args[0], args[1], int(args[2]), args[3]
        scheduler = args[4] if len(args) > 4 else None
        outcome = build(Path(tei), Path(out), set(FAST.split(",")), {}, jobs=jobs,
                        executor=executor, scheduler=scheduler)  # fmt: skip
        assert not outcome.skipped, outcome.problems[:3]
    elif task == "build-volumes":  # one process, the corpus in volumes of size documents
        from edition.build import build

        tei, out, size = Path(args[0]), Path(args[1]), int(args[2])
        jobs = int(args[3]) if len(args) > 3 else 1
        outcome = build(tei, out, set(FAST.split(",")), {}, jobs=jobs,
                        volumes=volumes(tei, size))  # fmt: skip
        assert not outcome.skipped, outcome.problems[:3]
    elif task == "validate":
        from edition.validate import documents, validate_file

        for path in documents(Path(args[0])):
            assert not validate_file(path)
    elif task == "import":
        from edition.config import load
        from edition.importer import import_sources

        files, out, jobs = sorted(Path(args[0]).glob("*.txt")), Path(args[1]), int(args[2])
        import_sources(files, out, gazetteer=load(ROOT).gazetteer(out), jobs=jobs)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))  # fmt: skip
    print(json.dumps({"seconds": seconds, "peak_mib": peak / 1024}))


# As an installed tool runs: its modules compiled once, not at every start.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(task: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", task, *args],
        check=True, capture_output=True, text=True, env=CHILD_ENV,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def timed(task: str, *args: str, runs: int, before=None) -> list[float]:
    """Seconds of runs runs (before, if given, prepares each run and is not timed)."""
    found = []
    for _ in range(runs):
        if before:
            before()
        found.append(run(task, *args)["seconds"])
    return found


# -- the whole bench -----------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=1000, help="documents of the main corpus")
    parser.add_argument("--memory", default="300,3000", help="two corpus sizes for memory")
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1:])
        return
    rows: list[tuple[str, str, str]] = []  # what, figure, ratio

    def spread(values: list[float]) -> str:
        return f"{min(values):.2f}–{max(values):.2f} s"

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        n = args.count
        tei = make_corpus(tmp / "tei", n)
        floor = statistics.median(timed("floor", str(tei), runs=args.runs))
        rows.append(("floor: lxml parse + serialize", f"{floor * 1000 / n:.2f} ms/document "
                     f"({floor:.2f} s for {n})", "1×"))  # fmt: skip
        out = tmp / "out"

        def fresh() -> None:
            shutil.rmtree(out, ignore_errors=True)

        def report(what: str, values: list[float], per_doc: bool = True) -> float:
            median = statistics.median(values)
            figure = f"{median * 1000 / n:.1f} ms/document" if per_doc else f"{median:.2f} s"
            rows.append((what, f"{figure} (median {median:.2f} s, {spread(values)})",
                         f"{median / floor:.0f}×"))  # fmt: skip
            print(f"{what:42} {median:8.2f} s", file=sys.stderr)
            return median

        full = report(f"full build, {FAST}, one process",
                      timed("build", str(tei), str(out), "1", "local", runs=args.runs,
                            before=fresh))  # fmt: skip
        full_j2 = report(f"full build, {FAST}, -j 2",
                         timed("build", str(tei), str(out), "2", "local", runs=args.runs,
                               before=fresh))  # fmt: skip
        rows.append(("-j 2 speedup", f"{full / full_j2:.2f}×", ""))
        noop = report("no-op rebuild (nothing changed), -j 2",
                      timed("build", str(tei), str(out), "2", "local", runs=args.runs),
                      per_doc=False)  # fmt: skip
        rows.append(("no-op rebuild / full build (-j 2)", f"{noop / full_j2:.1%}", ""))
        target = next(tei.glob("00004-*.xml"))
        original = target.read_text(encoding="utf-8")
        count = iter(range(1000))

        def edit_body() -> None:  # a later paragraph: the first one is in the index
            text = original.replace('<p xml:id="p3">', f'<p xml:id="p3">Edit {next(count)} ', 1)
            target.write_text(text, encoding="utf-8")

        def edit_header() -> None:
            text = original.replace("</title>", f" edit {next(count)}</title>", 1)
            target.write_text(text, encoding="utf-8")

        report("one document's text changed, rebuild", timed(
            "build", str(tei), str(out), "2", "local", runs=args.runs, before=edit_body),
            per_doc=False)  # fmt: skip
        report("one document's header changed, rebuild (index, registers too)", timed(
            "build", str(tei), str(out), "2", "local", runs=args.runs, before=edit_header),
            per_doc=False)  # fmt: skip
        fresh()  # the same corpus in ten volumes: only the changed one's pages are made again
        run("build-volumes", str(tei), str(out), str(n // 10), "2")
        report("the same, the corpus in ten volumes", timed(
            "build-volumes", str(tei), str(out), str(n // 10), "2", runs=args.runs,
            before=edit_header), per_doc=False)  # fmt: skip
        target.write_text(original, encoding="utf-8")
        report("edition validate", timed("validate", str(tei), runs=args.runs))
        imported = tmp / "imported"
        # 200 sources, start-up a fifth of the time; 1,000, the rate of a long import. An
        # import takes seconds: at least five runs, for a steadier median.
        for count, jobs in ((200, 1), (200, 2), (1000, 2)):
            sources = tmp / f"sources{count}"
            if not sources.exists():
                make_sources(sources, count)
            values = timed("import", str(sources), str(imported), str(jobs),
                           runs=max(args.runs, 5),
                           before=lambda: fresh_edition(imported))  # fmt: skip
            median = statistics.median(values)
            how = "one process" if jobs == 1 else f"-j {jobs}"
            rows.append((f"edition import ({count:,} sources), {how}",
                         f"{count / median:.0f} documents/s"
                         f" (median {median:.2f} s, {spread(values)})",
                         f"{median / count / (floor / n):.0f}×"))  # fmt: skip
        dask = _dask_rows(tei, out, fresh, n, args.runs, floor, full_j2)
        rows += dask
        sizes = [int(s) for s in args.memory.split(",")]
        peaks = {}
        for size in sizes:
            corpus = make_corpus(tmp / f"mem{size}", size)
            for how in ("volumes", "one"):
                if how == "one" and size != sizes[-1]:
                    continue
                fresh()
                task = ("build-volumes", str(corpus), str(out), str(sizes[0])) if how == "volumes" \
                    else ("build", str(corpus), str(out), "1", "local")  # fmt: skip
                peaks[how, size] = run(*task)["peak_mib"]
                print(f"memory {size} ({how}): {peaks[how, size]:.0f} MiB", file=sys.stderr)
            shutil.rmtree(corpus)
        small, large = peaks["volumes", sizes[0]], peaks["volumes", sizes[1]]
        rows.append((f"peak memory, full build in one process, {sizes[0]} → {sizes[1]} "
                     f"documents in volumes of {sizes[0]}", f"{small:.0f} → {large:.0f} MiB",
                     f"{large / small:.2f}× (goal ≤ 1.25×)"))  # fmt: skip
        rows.append((f"peak memory, {sizes[1]} documents in one volume",
                     f"{peaks['one', sizes[1]]:.0f} MiB",
                     f"{peaks['one', sizes[1]] / small:.2f}×"))  # fmt: skip
    table = ["| measurement | figure | × floor |", "| --- | --- | ---: |",
             *[f"| {a} | {b} | {c} |" for a, b, c in rows]]  # fmt: skip
    print("\n".join(table))
    if args.write:
        doc = ROOT / "docs" / "benchmarks.md"
        text = doc.read_text(encoding="utf-8")
        start, end = text.index("<!-- table -->"), text.index("<!-- /table -->")
        machine = (f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
                   f"{platform.python_version()}, {platform.system()}")  # fmt: skip
        when = datetime.date.today().isoformat()
        head = f"Measured on {when}, {machine}; corpus of {args.count} documents.\n\n"
        doc.write_text(text[:start] + "<!-- table -->\n" + head + "\n".join(table) + "\n"
                       + text[end:], encoding="utf-8")  # fmt: skip


def _dask_rows(tei: Path, out: Path, fresh, n: int, runs: int, floor: float,
               pool: float) -> list[tuple[str, str, str]]:  # fmt: skip
    """A local Dask cluster of two single-threaded workers against the -j 2 pool."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return [("Dask executor", "not measured: pip install 'dask[distributed]'", "")]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:  # fmt: skip
        values = timed("build", str(tei), str(out), "1", "dask", cluster.scheduler_address,
                       runs=runs, before=fresh)  # fmt: skip
    median = statistics.median(values)
    print(f"{'dask':42} {median:8.2f} s", file=sys.stderr)
    overhead = (median - pool) * 1000 / n
    return [
        ("full build on a local Dask cluster (2 workers × 1 thread)",
         f"{median * 1000 / n:.1f} ms/document (median {median:.2f} s, "
         f"{min(values):.2f}–{max(values):.2f} s)", f"{median / floor:.0f}×"),
        ("Dask overhead per document, against -j 2", f"{overhead:+.1f} ms", ""),
    ]  # fmt: skip


if __name__ == "__main__":
    main()
