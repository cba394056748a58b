"""Errors raised by the library; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class EditionError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 1


class SourceError(EditionError):
    """A source file that cannot be converted, with the line where the problem is."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(self.location() + message)

    def location(self) -> str:
        from .names import printable

        path = printable(self.path)
        return f"{path}:{self.line}: " if self.line else f"{path}: "


class InlineError(ValueError):
    """A problem inside one line of text (an unbalanced bracket, a missing footnote)."""

    def __init__(self, message: str, col: int | None = None) -> None:
        self.message = message
        self.col = col
        super().__init__(message)


class RefusedOverwrite(EditionError):
    """An existing TEI file would be replaced without --force, or it carries edits."""

    exit_code = 3
