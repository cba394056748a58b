"""Problems as data: one type, printed one way (``path:line:col: severity: message``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .names import printable


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    col: int | None
    severity: str  # "error", "warning" or "info"
    code: str  # a short stable name such as "schema" or "unresolved-ref"
    message: str

    def __str__(self) -> str:
        where = printable(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.severity}: {printable(self.message)}"


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    """Valid JSON whatever the file names: undecodable bytes and controls are escaped."""
    rows = [{**asdict(d), "path": printable(d.path)} for d in diagnostics]
    return json.dumps(rows, ensure_ascii=False, indent=2)
