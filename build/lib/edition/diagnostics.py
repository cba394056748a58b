"""Problems as data: one type, printed one way (``path:line:col: severity: message``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    col: int | None
    severity: str  # "error", "warning" or "info"
    code: str  # a short stable name such as "schema" or "unresolved-ref"
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.severity}: {self.message}"


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
