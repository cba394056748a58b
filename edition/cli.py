"""The ``edition`` command line: the only module that speaks click."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .diagnostics import to_json
from .errors import EditionError, SourceError
from .importer import import_sources
from .validate import tei_files, validate_file

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="edition")
def cli() -> None:
    """Turn archival transcriptions into a validated TEI P5 edition.

    \b
    Exit codes: 0 success; 1 invalid TEI or a source that cannot be converted;
    2 usage error or unreadable input; 3 an existing TEI file was not overwritten.
    """


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    default="tei",
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the TEI files.",
)
@click.option(
    "--force", is_flag=True, help="Replace TEI files that exist (never ones edited since import)."
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Print problems only, not the report of decisions."
)
def import_command(sources: tuple[Path, ...], out_dir: Path, force: bool, quiet: bool) -> None:
    """Convert SOURCES (.txt transcriptions) into TEI files in --out.

    The source family (archive export or bulletin transcription) is detected. A short
    report lists every decision the reader was not sure of, with its source line; the
    personography (persons.xml in --out) gains anyone met who is not in it yet.

    \b
    Example:
        edition import sources/*.txt --out tei/
    """
    missing = [s for s in sources if not s.is_file()]
    for path in missing:
        click.echo(f"{path}: error: no such file", err=True)
    outcome = import_sources([s for s in sources if s.is_file()], out_dir, force=force)
    for item in outcome.report:
        if not quiet or item.severity != "info":
            click.echo(str(item))
    for error in outcome.failed:
        click.echo(_error_line(error), err=True)
    for target in outcome.written:
        click.echo(f"wrote {target}")
    if outcome.new_persons:
        click.echo(f"persons added to the personography: {', '.join(outcome.new_persons)}")
    if missing:
        sys.exit(2)
    if outcome.failed:
        sys.exit(max(e.exit_code for e in outcome.failed))


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
    path:line[:col]: severity: message. Exit 0 when all are valid, 1 when any is
    invalid, 2 when a path is missing or a file cannot be read.

    \b
    Example:
        edition validate tei/
        edition validate --format json tei/1962-11-04-telegram-alekseev-foreign-ministry.xml
    """
    targets = list(paths) or [Path("tei")]
    missing = [p for p in targets if not p.exists()]
    files = tei_files([p for p in targets if p.exists()])
    problems = [d for f in files for d in validate_file(f)]
    if fmt == "json":
        click.echo(to_json(problems))
    else:
        for problem in problems:
            click.echo(str(problem))
        for path in missing:
            click.echo(f"{path}: error: no such file or folder", err=True)
        click.echo(f"{len(files)} file(s) checked, {len(problems)} problem(s)", err=True)
    if missing or any(p.code == "unreadable" for p in problems):
        sys.exit(2)
    if problems:
        sys.exit(1)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except EditionError as exc:  # pragma: no cover - the commands catch their own
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
