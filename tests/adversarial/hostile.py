"""What the adversarial tests share: an edition folder to break, and what every refusal
must look like (one clear line, a documented exit code, no traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import Result
from lxml import html

from edition.tei import AUTHORITY_FILES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "sources").glob("*.txt"))
TELEGRAM = "1962-11-04-telegram-alekseev-foreign-ministry"
EXIT_CODES = {0, 1, 2, 3, 4}  # docs/cli.md; 70 (a bug) is never expected


def edition_copy(folder: Path, stems: list[str] | None = None) -> Path:
    """The bundled TEI (or some of it) and its persons and places, in folder/tei."""
    tei = folder / "tei"
    tei.mkdir(parents=True)
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, tei)
    for path in sorted((ROOT / "tei").glob("*.xml")):
        if path.name not in AUTHORITY_FILES and (stems is None or path.stem in stems):
            shutil.copy(path, tei)
    return tei


def source_text(stem: str = TELEGRAM) -> str:
    return (ROOT / "sources" / f"{stem}.txt").read_text(encoding="utf-8")


def with_body(body: str, stem: str = TELEGRAM) -> str:
    """An archive export of the bundled telegram with another text after its header."""
    head = source_text(stem).partition("Translation - English")[0]
    return head + "Translation - English\n\n" + body + "\n"


def assert_clean(result: Result, code: int, *fragments: str) -> None:
    """Exit code as documented, no traceback, each fragment said."""
    output = result.output
    assert result.exit_code == code, (result.exit_code, output)
    assert code in EXIT_CODES
    assert "Traceback" not in output and "internal error" not in output, output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    for fragment in fragments:
        assert fragment in output, (fragment, output)


def links(page: Path) -> list[str]:
    """Every URL a page refers to: href, src, action."""
    tree = html.parse(str(page)).getroot()
    return [
        value
        for el in tree.iter()
        for name, value in el.attrib.items()
        if name in ("href", "src", "action", "formaction", "data")
    ]


def safe_link(url: str) -> bool:
    """http(s), mailto, a fragment, or a plain relative name: nothing that runs."""
    lowered = url.strip().lower()
    if lowered.startswith(("http://", "https://", "mailto:", "#")):
        return True
    head = lowered.split("#", 1)[0].split("?", 1)[0]
    return ":" not in head and not head.startswith("//")
