"""``edition new``: a ready edition folder to start from."""

from __future__ import annotations

import json
from pathlib import Path

from .config import CONFIG_FILE, ConfigError, check_text
from .tei import write_atomic

CONFIG = """\
# This edition's configuration: every `edition` command run in this folder reads it.
# docs/new-edition.md of the edition package describes each key.

title = {title}
subtitle = ""
publisher = {publisher}
default_view = "reading"
languages = ["en"]    # the languages of the documents; edition validate warns of others
# base_url = "https://example.org/my-edition/"   # where the HTML edition is published
# suggest_to = "mailto:editors@example.org"      # where readers' suggested corrections go

# [licence]
# name = "CC BY 4.0"
# url = "https://creativecommons.org/licenses/by/4.0/"

# Volumes: each folder of tei/ holding documents is one (edition import --out tei/ID),
# and each entry here, of the documents whose names match its patterns, or without
# documents, of the folder tei/ID, which it gives a title (with neither: one volume).
# [[volumes]]
# id = "volume-1"
# title = "Volume 1: 1961"
# documents = ["1961-*"]

[paths]
sources = "sources"   # the transcriptions, as received
tei = "tei"           # the TEI master copy (and persons.xml, the personography)
output = "output"     # what edition build writes

# The editors: corrections and notes can be made in their name (--by ID).
# [[editors]]
# id = "jr"
# name = "Jane Roe"
# role = "general editor"

# Place and body names the readers tag in the text, as the sources write them, besides
# those of tei/places.xml (which the registers are made from; docs/ENCODING.md).
[gazetteer]
places = []
organisations = []
"""

README = """\
# {title}

A scholarly edition made with `edition`: transcriptions in `sources/` (as received, never
edited), the TEI master copy in `tei/`, the published editions in `output/`.

```sh
edition import sources/*.txt      # transcriptions to TEI (then correct in tei/)
edition validate                  # every problem, path:line: message
edition build                     # output/html, output/print, output/pdf, output/text
edition correct DOC --find TEXT --replace TEXT --by NAME --reason WHY
```

The settings (title, publisher, editors, gazetteer, folders) are in `edition.toml`.
"""

GITIGNORE = "output/\n.edition.lock\n"

REQUIREMENTS = """\
# The edition tool this edition is built with, for CI (.github/workflows/edition.yml):
# uncomment and complete one line, for instance a git URL of its repository at a tag.
# edition @ git+https://example.org/you/edition.git@v0.1.0
"""

PRE_COMMIT = """\
# Checks the TEI files a commit changes: pip install pre-commit && pre-commit install
repos:
  - repo: local
    hooks:
      - id: edition-validate
        name: edition validate
        entry: edition validate
        language: system
        files: ^tei/.*\\.xml$
      - id: edition-review
        name: edition review
        entry: edition review -q
        language: system
        files: ^tei/.*\\.xml$
"""

WORKFLOW = """\
# Validate and build the edition on every push (GitHub Actions; adapt for another CI).
name: edition
on: [push, pull_request]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: requirements.txt names the edition tool
        run: grep -q '^[^#]' requirements.txt
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: sudo apt-get update
      - run: sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
      - run: pip install -r requirements.txt
      - run: edition validate
      - run: edition review
      - run: edition build
"""


def new_edition(folder: Path, title: str, publisher: str) -> list[Path]:
    """Write a new edition's files into folder (new, or empty); returns them."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConfigError(f"{folder}: exists and is not an empty folder; choose a new one")
    config = CONFIG.format(
        title=json.dumps(title, ensure_ascii=False),
        publisher=json.dumps(publisher, ensure_ascii=False),
    )
    check_text(config, f"{folder / CONFIG_FILE}")  # nothing is written for a bad title
    files = {
        CONFIG_FILE: config,
        "README.md": README.format(title=title),
        ".gitignore": GITIGNORE,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/edition.yml": WORKFLOW,
        "requirements.txt": REQUIREMENTS,
        "sources/.gitkeep": "",
        "tei/.gitkeep": "",
    }
    written = []
    for relative, text in files.items():
        target = folder / relative
        write_atomic(target, text.encode("utf-8"))
        written.append(target)
    return written
