"""Where the stylesheets and the schema are: in the package once installed, else beside it
(a checkout or an editable install)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_HERE / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"{name}/ not found beside or inside the edition package")


XSLT_DIR = _find("xslt")
SCHEMA_DIR = _find("schema")
