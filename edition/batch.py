"""A batch of corrections in a TOML file, for ``edition correct --apply``: TOML because
Python reads it with nothing to install, a person writes it by hand, comments are allowed,
and no value changes type behind the writer's back (YAML reads ``no`` as false)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .corrections import NOTE, CorrectionError, Request
from .names import name_problem

BATCH_FIELDS = {
    "document": str, "find": str, "replace": str, "note": str, "by": str, "kind": str,
    "reason": str, "in": str, "occurrence": int, "header": bool,
}  # fmt: skip


@dataclass
class BatchEntry:
    document: str
    request: Request
    line: int | None


def load_batch(path: Path) -> list[BatchEntry]:
    """``[[correction]]`` tables, each with the options of ``edition correct`` as keys
    (``in`` for --in); a top-level ``by`` is the default contributor."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise BatchError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BatchError(f"{path}: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise BatchError(f"{path}: not TOML: {exc}") from None
    lines = [i for i, line in enumerate(text.splitlines(), 1) if BATCH_TABLE.match(line)]
    unknown = set(data) - {"by", "correction"}
    if unknown:
        raise BatchError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))}")
    entries = data.get("correction")
    if not isinstance(entries, list) or not entries:
        raise BatchError(f"{path}: no [[correction]] entries")
    default_by = data.get("by")
    out = []
    for n, entry in enumerate(entries, start=1):
        line = lines[n - 1] if n <= len(lines) else None
        where = f"{path}:{line}" if line else f"{path}: correction {n}"
        out.append(_entry(entry, default_by, where, line))
    return out


BATCH_TABLE = re.compile(r"^\s*\[\[\s*correction\s*\]\]")


class BatchError(CorrectionError):
    """A batch file that cannot be read, or an entry that is not well formed."""

    exit_code = 2


def _entry(entry: object, default_by: object, where: str, line: int | None) -> BatchEntry:
    if not isinstance(entry, dict):
        raise BatchError(f"{where}: an entry must be a table")
    unknown = set(entry) - set(BATCH_FIELDS)
    if unknown:
        raise BatchError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
            f"known: {', '.join(BATCH_FIELDS)}"
        )
    values = {"by": default_by, **entry}
    if "note" in values:  # a note of this edition: the text to add, after `find`
        if "replace" in values:
            raise BatchError(f"{where}: give replace (a correction) or note, not both")
        values.update(replace=values.pop("note"), kind=NOTE)
    for key, kind in BATCH_FIELDS.items():
        if values.get(key) is not None and not isinstance(values[key], kind):
            raise BatchError(f"{where}: {key} must be a {kind.__name__}")
    for key in ("document", "find", "replace", "by"):
        if not values.get(key):
            raise BatchError(f"{where}: {key} is missing")
    if name_problem(values["document"].removesuffix(".xml")):
        raise BatchError(
            f"{where}: document {values['document']!r} is not a document name "
            "(the file name in tei/, without folders)"
        )
    request = Request(
        find=values["find"], replace=values["replace"], by=values["by"],
        kind=values.get("kind", "typo"), reason=values.get("reason", ""),
        within=values.get("in"), occurrence=values.get("occurrence"),
        header=values.get("header", False),
    )  # fmt: skip
    return BatchEntry(values["document"].removesuffix(".xml"), request, line)
