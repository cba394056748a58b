"""What a reader decided and was not sure of, kept with the source line it is about."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic


@dataclass
class Report:
    path: str
    items: list[Diagnostic] = field(default_factory=list)

    def note(self, line: int | None, message: str, severity: str = "info") -> None:
        self.items.append(Diagnostic(self.path, line, None, severity, "reader", message))

    def warn(self, line: int | None, message: str) -> None:
        self.note(line, message, "warning")
