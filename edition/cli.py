"""The ``edition`` command line: the only module that speaks click."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .batch import BatchEntry, load_batch
from .build import FORMATS, build
from .changes import Change, as_markdown, as_terminal, compare
from .config import Project, load, safe_url
from .corrections import (
    KINDS,
    NOTE,
    CorrectionError,
    Request,
    UnknownDocument,
    correct_document,
    write_corrected,
)
from .diagnostics import to_json
from .errors import EditionError, SourceError
from .importer import import_sources, today
from .names import printable
from .review import recorded
from .tei import AUTHORITY_FILES
from .validate import documents, parse, same_names, tei_files, validate_file, validate_tree

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def echo(message: object = "", err: bool = False) -> None:
    """click.echo, with anything unprintable in a file name escaped, so that no name can
    forge a line of output."""
    click.echo(_printable_lines(str(message)), err=err)


def _printable_lines(text: str) -> str:
    return "\n".join(printable(line) for line in text.split("\n"))


def folder_option(flag: str, dest: str, default: str, help_text: str, exists: bool = False):
    """A folder option, as every command has one or two; by default the edition's own
    (paths in edition.toml), else the folder of that name here."""
    kind = click.Path(path_type=Path, file_okay=False, exists=exists)
    shown = f"the edition's {default} folder (edition.toml), else ./{default}"
    return click.option(flag, dest, default=None, show_default=shown, type=kind, help=help_text)


def jobs_option(help_text: str):
    """-j/--jobs: how many worker processes (by default one per CPU, at most 8)."""
    return click.option("-j", "--jobs", default=min(os.cpu_count() or 1, 8),
                        show_default="number of CPUs, at most 8", type=click.IntRange(1, 64),
                        help=help_text)  # fmt: skip


def project() -> Project:
    """The edition this command works on: --project, or the nearest edition.toml."""
    ctx = click.get_current_context()
    found = ctx.find_object(Project)
    if found is None:
        root = ctx.find_root()
        found = load(root.params.get("project_path"))
        root.obj = found
    return found


def folder(value: Path | None, name: str) -> Path:
    return value if value is not None else project().folder(name)  # type: ignore[arg-type]


EXIT_OUTPUT = 4  # an output could not be written (read-only, full, not a folder)
EXIT_INTERNAL = 70  # a bug in edition


class EditionGroup(click.Group):
    """Every command's failures as one line and a documented exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except EditionError as exc:
            echo(f"error: {printable(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            where = printable(os.fsdecode(exc.filename)) + ": " if exc.filename else ""
            echo(f"error: {where}cannot write or read: {exc.strerror or exc}", err=True)
            ctx.exit(EXIT_OUTPUT)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug: said plainly, with what to report
            name = type(exc).__name__
            echo(f"error: internal error ({name}: {exc}); please report it", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=EditionGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="edition")
@click.option(
    "--project",
    "project_path",
    type=click.Path(path_type=Path, exists=True),
    help="The edition's folder or its edition.toml (default: the nearest edition.toml "
    "from the current folder up).",
)
def cli(project_path: Path | None) -> None:
    """Turn archival transcriptions into a validated TEI P5 edition.

    \b
    Exit codes: 0 success; 1 invalid TEI, a source that cannot be converted or a
    correction that cannot be made; 2 usage error or unreadable input; 3 an existing TEI
    file was not overwritten; 4 an output could not be written; 70 an internal error.
    """


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@folder_option("--out", "out_dir", "tei", "Folder for the TEI files.")
@click.option(
    "--force", is_flag=True, help="Replace TEI files that exist (never ones edited since import)."
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Print problems only, not the report of decisions."
)
@click.option(
    "--adopt",
    is_flag=True,
    help="Replace TEI files with a fresh import, carrying over their corrections, notes, "
    "contributors and history (refused for a document where one cannot be placed).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; show where a fresh import would differ from the TEI in --out "
    "beyond its recorded corrections (exit 1 when it would).",
)
@jobs_option("Worker processes; the result is the same as with one.")
def import_command(
    sources: tuple[Path, ...],
    out_dir: Path | None,
    force: bool,
    quiet: bool,
    adopt: bool,
    check: bool,
    jobs: int,
) -> None:
    """Convert SOURCES (.txt transcriptions) into TEI files in --out.

    The source family (archive export or bulletin transcription) is detected. A short
    report lists every decision the reader was not sure of, with its source line; the
    personography (persons.xml in --out) gains anyone met who is not in it yet. --out may
    be a volume's folder in the TEI folder (tei/vol-1): the documents go there, and the
    edition's persons.xml and places.xml stay in the TEI folder.

    With --check nothing is written: each source is imported in memory and compared
    with its TEI file, the file's recorded corrections taken back. With --adopt, what a
    newer reader makes replaces the TEI file, and the file's corrections, notes,
    contributors and history are carried over: where one cannot be placed (the text as
    received changed there), that document is refused and keeps its file.

    \b
    Example:
        edition import sources/*.txt --out tei/
        edition import sources/1963-*.txt --out tei/vol-2
        edition import --check sources/*.txt
        edition import --adopt sources/*.txt
    """
    out_dir = folder(out_dir, "tei")
    authorities = _authorities(out_dir)
    missing = [s for s in sources if not s.exists()]
    for path in missing:
        echo(f"{path}: error: no such file", err=True)
    if check:
        _check_import([s for s in sources if s.exists()], out_dir, authorities, bool(missing))
        return
    outcome = import_sources(
        [s for s in sources if s.exists()],
        out_dir,
        force=force,
        gazetteer=project().gazetteer(authorities),
        edition=project().edition,
        adopt=adopt,
        jobs=jobs,
        authorities=authorities,
    )
    for item in outcome.report:
        if not quiet or item.severity != "info":
            echo(str(item))
    for error in outcome.failed:
        echo(_error_line(error), err=True)
    for target in outcome.written:
        echo(f"wrote {target}")
    if outcome.new_persons:
        echo(f"persons added to the personography: {', '.join(outcome.new_persons)}")
    if missing:
        sys.exit(2)
    if outcome.failed:
        sys.exit(max(e.exit_code for e in outcome.failed))


def _authorities(out_dir: Path) -> Path:
    """Where the personography of documents written to out_dir is: out_dir, or the TEI
    folder when out_dir is a volume's folder in it."""
    tei = project().folder("tei")
    return tei if out_dir.resolve().parent == tei.resolve() else out_dir


def _check_import(sources: list[Path], out_dir: Path, authorities: Path, missing: bool) -> None:
    from .importer import check_sources

    differ = False
    found = check_sources(
        sources, out_dir, project().gazetteer(authorities), project().edition, authorities
    )
    for checked in found:
        if checked.error:
            echo(f"error: {checked.error}", err=True)
            differ = True
        elif checked.changes:
            differ = True
            _show_changes(
                f"{checked.target}: a fresh import of {checked.source} differs", checked.changes
            )
        else:
            kept = f" ({checked.corrections} correction(s) kept)" if checked.corrections else ""
            echo(f"{checked.target}: same as a fresh import of {checked.source}{kept}")
    if missing:
        sys.exit(2)
    if differ:
        sys.exit(1)


def _show_changes(title: str, changes: list[Change], fmt: str = "text") -> None:
    if fmt == "md":
        echo(as_markdown(title, changes))
        return
    for line in as_terminal(title, changes):
        click.echo("".join(click.style(printable(text), fg=colour) for text, colour in line))


def _error_line(error: EditionError) -> str:
    if isinstance(error, SourceError):
        return f"{error.location()}error: {error.message}"
    return f"error: {error}"


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def validate_command(paths: tuple[Path, ...], fmt: str) -> None:
    """Check TEI files against the edition's schema and their cross-references.

    PATHS are files or folders (default: tei/). Every problem is printed as
    path:line[:col]: severity: message. Exit 0 when all are valid (warnings, such as a
    language edition.toml does not list, do not count), 1 when any is invalid, 2 when a
    path is missing or a file cannot be read.

    \b
    Example:
        edition validate tei/
        edition validate --format json tei/1962-11-04-telegram-alekseev-foreign-ministry.xml
    """
    targets = list(paths) or [project().folder("tei")]
    missing = [p for p in targets if not p.exists()]
    files = tei_files([p for p in targets if p.exists()])
    languages = project().edition.languages
    problems = [d for f in files for d in validate_file(f, languages)]
    problems += same_names([f for f in files if f.name not in AUTHORITY_FILES])
    if fmt == "json":
        echo(to_json(problems))
    else:
        for problem in problems:
            echo(str(problem))
        for path in missing:
            echo(f"{path}: error: no such file or folder", err=True)
        echo(f"{len(files)} file(s) checked, {len(problems)} problem(s)", err=True)
    if missing or any(p.code == "unreadable" for p in problems):
        sys.exit(2)
    if any(p.severity == "error" for p in problems):
        sys.exit(1)


@cli.command("build")
@folder_option("--tei", "tei_dir", "tei", "The TEI folder.")
@folder_option("--out", "out_dir", "output", "Where the editions go.")
@click.option(
    "--formats",
    default=",".join(FORMATS),
    show_default=True,
    help="Comma-separated: html, print, pdf, text (pdf implies print).",
)
@jobs_option("Worker processes; each compiles the stylesheets once.")
@click.option("--title", help="Edition title (stylesheet parameter edition-title).")
@click.option("--base-url", help="Published URL of the HTML edition, for citations.")
@click.option(
    "--view", type=click.Choice(["reading", "diplomatic"]), help="The view a reader sees first."
)
@click.option(
    "--suggest-to",
    metavar="URL",
    help="Where readers' suggested corrections go: mailto:ADDRESS or an http(s) issue form.",
)
@click.option(
    "--force-all",
    is_flag=True,
    help="Build every document, even those whose outputs are current.",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents and PDFs are made: local processes (-j), or a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask scheduler, for --executor dask (tcp://HOST:8786); docs/scale.md.",
)
def build_command(
    tei_dir: Path | None,
    out_dir: Path | None,
    formats: str,
    jobs: int,
    title: str | None,
    base_url: str | None,
    view: str | None,
    suggest_to: str | None,
    force_all: bool,
    executor: str,
    scheduler: str | None,
) -> None:
    """Validate tei/ and publish it: HTML, print HTML + PDF, and plain text.

    \b
    output/html/   index.html, persons.html, one page per document
    output/print/  print HTML (paged media), edition.html (the volume; or one file
                   per volume of edition.toml)
    output/pdf/    one PDF per document and per volume
    output/text/   one UTF-8 text per document
    output/tei/    each document's TEI, as validated (with the HTML, for download)

    An invalid document is reported (as by edition validate) and skipped; the others are
    built and the exit code is 1.

    Only what is not current is built: a document whose TEI, personography entries,
    stylesheets, parameters and formats are those of its last build keeps its outputs, and
    the index, registers and volumes are made again only when one of them changed.
    --force-all builds everything. With --executor dask, documents and PDFs are made on a
    Dask cluster (docs/scale.md); the edition pages are made here.

    \b
    Example:
        edition build
        edition build --formats html,text --base-url https://example.org/edition/ -j 2
    """
    chosen = {f.strip() for f in formats.split(",") if f.strip()}
    unknown = chosen - set(FORMATS)
    if unknown or not chosen:
        raise click.UsageError(
            f"--formats takes {', '.join(FORMATS)}; not {', '.join(sorted(unknown)) or 'nothing'}"
        )
    for name, value in (("--base-url", base_url), ("--suggest-to", suggest_to)):
        if value and not safe_url(value, mail=name == "--suggest-to"):
            raise click.BadParameter(
                f"{value!r}: only an http(s) URL"
                + (" or a mailto: address" if name == "--suggest-to" else ""),
                param_hint=name,
            )
    chosen_params = (
        ("edition-title", title),
        ("base-url", base_url),
        ("default-view", view),
        ("suggest-to", suggest_to),
    )
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS (tcp://HOST:8786)")
    params = {**project().stylesheet_params(), **{k: v for k, v in chosen_params if v}}
    tei_dir, out_dir = folder(tei_dir, "tei"), folder(out_dir, "output")
    if not tei_dir.is_dir():
        raise click.BadParameter(f"{tei_dir}: no such folder", param_hint="--tei")
    volumes = project().volumes(tei_dir)
    steps = len(documents(tei_dir)) * (2 if "pdf" in chosen else 1)
    steps += max(1, len(volumes)) if "pdf" in chosen else 0
    with _progress(steps) as tick:
        try:
            outcome = build(
                tei_dir,
                out_dir,
                chosen,
                params,
                jobs=jobs,
                progress=tick,
                volumes=volumes,
                force_all=force_all,
                executor=executor,
                scheduler=scheduler,
            )
        except EditionError as exc:
            echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
    for problem in outcome.problems:
        echo(str(problem), err=True)
    for path in outcome.skipped:
        echo(f"{path}: skipped: not valid", err=True)
    current = f"; {len(outcome.reused)} document(s) already current" if outcome.reused else ""
    echo(
        f"{len(outcome.rebuilt)} document(s) built{current}; {len(outcome.written)} file(s) "
        f"in {out_dir}/"
    )
    if any(problem.severity == "error" for problem in outcome.problems):
        sys.exit(1)


@cli.command("correct")
@click.argument("document", required=False)
@click.option("--find", "find", help="The text to correct, as a reader sees it.")
@click.option(
    "--replace",
    "replace",
    help="What it should read (for --kind attribution, a "
    "person id or listed name; for --kind date, YYYY-MM-DD).",
)
@click.option("--by", "by", help="Your name, as it is to be credited (for instance 'Jane Roe').")
@click.option("--in", "within", metavar="ID", help="Only in this paragraph, turn or other id.")
@click.option("--occurrence", type=click.IntRange(1), help="The Nth of several matches.")
@click.option("--reason", default="", help="Why: shown to readers in the errata.")
@click.option("--kind", type=click.Choice(KINDS), default="typo", show_default=True)
@click.option("--header", is_flag=True, help="Search the teiHeader instead of the text.")
@click.option("--dry-run", is_flag=True, help="Show the change as a diff; write nothing.")
@click.option(
    "--apply",
    "batch",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Apply a TOML file of corrections (docs/corrections.md).",
)
@folder_option("--tei", "tei_dir", "tei", "Where documents named without a path are.")
def correct_command(
    document: str | None, find: str | None, replace: str | None, by: str | None,
    within: str | None, occurrence: int | None, reason: str, kind: str, header: bool,
    dry_run: bool, batch: Path | None, tei_dir: Path | None,
) -> None:  # fmt: skip
    """Correct DOCUMENT (a TEI file, or its name in --tei) and record who, when and why.

    The text is found as a reader sees it, across names and other markup; when it is
    absent or found more than once, every match is listed and nothing is changed. The
    correction is kept as choice/sic/corr, credited to --by (added once to the header),
    and recorded in the revisionDesc; the document must stay valid, or nothing is written.

    \b
    Exit codes: 0 corrected; 1 a correction that cannot be made (not found, ambiguous,
    invalid result, file changed meanwhile); 2 usage error, unknown document, bad batch file.

    \b
    Example:
        edition correct 1962-11-06-telegram-mikoyan-cc-cpsu --find "feel he acute" \\
            --replace "feel the acute" --by "Jane Roe" --reason "A typing slip."
        edition correct --apply corrections.toml --dry-run
    """
    try:
        if batch is not None:
            if document or find or replace:
                raise click.UsageError("--apply takes its corrections from the file alone")
            entries = load_batch(batch)
        else:
            if not (document and find is not None and replace is not None and by):
                raise click.UsageError("DOCUMENT, --find, --replace and --by are needed")
            request = Request(find, replace, by, kind, reason, within, occurrence, header)
            entries = [BatchEntry(document, request, None)]
    except CorrectionError as exc:
        echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    _run_corrections(entries, tei_dir, dry_run)


def _run_corrections(entries: list[BatchEntry], tei_dir: Path | None, dry_run: bool) -> None:
    """Each document's requests all together; a report line for each made or refused.
    A contributor named by an editor's id in edition.toml is credited by their name."""
    tei_dir = folder(tei_dir, "tei")
    groups: dict[str, list[BatchEntry]] = {}
    for entry in entries:
        name = project().editor_name(entry.request.by)
        request = replace(entry.request, by=name) if name else entry.request
        groups.setdefault(entry.document, []).append(replace(entry, request=request))
    failed = 0
    when = today()
    for name, group in groups.items():
        try:
            path = _document_path(name, tei_dir)
            done = correct_document(path, [e.request for e in group], when)
            if dry_run:
                _show_diff(done.old, done.new, str(path))
            else:
                write_corrected(done)
        except CorrectionError as exc:
            echo(f"error: {exc}", err=True)
            failed = max(failed, exc.exit_code)
            continue
        for item in done.applied:
            change = f"{item.before!r} -> {item.after!r}" if item.before else f"{item.after!r}"
            echo(f"{path}: {item.target} in {item.at}: {change} ({item.kind})")
    if dry_run:
        echo("dry run: nothing written", err=True)
    if failed:
        sys.exit(failed)


@cli.command("annotate")
@click.argument("document")
@click.option("--find", "find", required=True, help="The text the note follows.")
@click.option("--note", "note", required=True, help="The note: an editor's remark in place.")
@click.option("--by", "by", required=True, help="Your name, as it is to be credited.")
@click.option("--in", "within", metavar="ID", help="Only in this paragraph or other id.")
@click.option("--occurrence", type=click.IntRange(1), help="The Nth of several matches.")
@click.option("--reason", default="", help="Why the note (recorded in the revisionDesc).")
@click.option("--header", is_flag=True, help="Search the teiHeader instead of the text.")
@click.option("--dry-run", is_flag=True, help="Show the change as a diff; write nothing.")
@folder_option("--tei", "tei_dir", "tei", "Where documents named without a path are.")
def annotate_command(
    document: str, find: str, note: str, by: str, within: str | None,
    occurrence: int | None, reason: str, header: bool, dry_run: bool, tei_dir: Path | None,
) -> None:  # fmt: skip
    """Add a note of this edition's editors to DOCUMENT, right after the text --find.

    The note is kept apart from the text as received (note type="editorial"
    subtype="edition", credited to --by and recorded in the revisionDesc) and shown in
    every output as a note of this edition. Refusals and exit codes as for correct.

    \b
    Example:
        edition annotate 1963-03-23-journal-alekseyev-conversation-castro \\
            --find "13 February 1963" --by "Jane Roe" --note "The title says 15 January."
    """
    request = Request(find, note, by, NOTE, reason, within, occurrence, header)
    _run_corrections([BatchEntry(document, request, None)], tei_dir, dry_run)


def _document_path(name: str, tei_dir: Path) -> Path:
    from .names import name_problem

    path = Path(name)
    if path.suffix == ".xml" and path.is_file():
        return path
    stem = name.removesuffix(".xml")
    if not name_problem(stem):  # in the TEI folder or a volume's folder in it
        found = next((p for p in documents(tei_dir) if p.stem == stem), None)
        if found is not None:
            return found
    raise UnknownDocument(f"{name}: no such document (a TEI file, or a name in {tei_dir}/)")


def _show_diff(old: bytes, new: bytes, label: str) -> None:
    import difflib

    lines = difflib.unified_diff(
        old.decode("utf-8").splitlines(keepends=True),
        new.decode("utf-8").splitlines(keepends=True),
        fromfile=f"{label} (now)",
        tofile=f"{label} (corrected)",
    )
    colours = {"+": "green", "-": "red", "@": "cyan"}
    for line in lines:
        click.secho(_printable_lines(line), nl=False, fg=colours.get(line[:1]))


@cli.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--rev",
    metavar="GITREV",
    help="Compare PATHS (default: tei/) as they are now with the same files at this git revision.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md"]),
    default="text",
    show_default=True,
    help="md: Markdown, to paste into a pull request.",
)
def diff_command(paths: tuple[Path, ...], rev: str | None, fmt: str) -> None:
    """What a contribution changes, in reading terms: OLD NEW, or PATHS against --rev.

    For each document: a word diff of the text paragraph by paragraph (deleted [-...-],
    inserted {+...+}, in colour on a terminal), then markup and attribute changes (new
    corrections, a changed speaker or date, header edits). Exit 0 when nothing differs,
    1 when something does, 2 for a missing file or an unknown revision.

    \b
    Example:
        edition diff old/x.xml tei/x.xml
        edition diff --rev main --format md
    """
    from .changes import git_versions, read_version

    try:
        if rev is None:
            if len(paths) != 2:
                raise click.UsageError("give OLD and NEW, or --rev GITREV [PATH...]")
            pairs = [(f"{paths[0]} → {paths[1]}", read_version(paths[0]), read_version(paths[1]))]
        else:
            pairs = git_versions(rev, list(paths) or [project().folder("tei")])
    except EditionError as exc:
        echo(f"error: {exc}", err=True)
        sys.exit(2)
    differ = False
    for title, old, new in pairs:
        changes = compare(old, new)
        differ = differ or bool(changes)
        _show_changes(title, changes, fmt)
    if differ:
        sys.exit(1)


@cli.command("review")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Problems only, not the list of corrections.")
def review_command(paths: tuple[Path, ...], quiet: bool) -> None:
    """Check every correction in PATHS (default: tei/) and list them for a reviewer.

    Each corr must credit a person named in the header, differ from its sic and not be
    empty, and have a change in the revisionDesc that records it; the documents must pass
    edition validate. Exit 0 when all is well, 1 when not, 2 when a path is missing.

    \b
    Example:
        edition review tei/
    """
    targets = list(paths) or [project().folder("tei")]
    missing = [p for p in targets if not p.exists()]
    problems = 0
    for path in tei_files([p for p in targets if p.exists()]):
        tree, found = parse(path)
        if tree is not None:
            found = validate_tree(tree, path)
        for problem in found:
            echo(str(problem))
        problems += len(found)
        if tree is None or quiet:
            continue
        for item in recorded(tree.getroot()):
            reason = f": {item.reason}" if item.reason else ""
            echo(
                f"{path}:{item.line}: {item.kind} in {item.at or item.target} by "
                f"{item.who or '?'}, {item.when}: {item.before!r} -> {item.after!r}{reason}"
            )
    for path in missing:
        echo(f"{path}: error: no such file or folder", err=True)
    if missing:
        sys.exit(2)
    if problems:
        sys.exit(1)


@cli.command("new")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", required=True, help="The edition's title.")
@click.option("--publisher", default="edition", show_default=True, help="Who publishes it.")
def new_command(folder: Path, title: str, publisher: str) -> None:
    """Start a new edition in FOLDER (new or empty): edition.toml, sources/, tei/, a README,
    a .gitignore, a pre-commit configuration and a CI workflow that validates and builds.

    Then, in FOLDER: put transcriptions in sources/, and run edition import sources/*.txt,
    edition validate, edition build. Exit 2 when FOLDER is not empty or the title is not
    one line of text.

    \b
    Example:
        edition new berlin-crisis --title "Soviet Records of the Berlin Crisis, 1961"
    """
    from .scaffold import new_edition

    for path in new_edition(folder, title, publisher):
        echo(f"wrote {path}")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on a terminal; nothing in CI or when output is redirected."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield lambda _name: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("building", total=total)
        yield lambda name: bar.update(task, advance=1, description=name)


def main() -> None:
    cli()  # EditionGroup turns every failure into one line and an exit code
