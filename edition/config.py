"""An edition's configuration: ``edition.toml`` in its folder, found like git finds a
repository (from the current folder up), or named with ``--project``. Checked on load by
msgspec: an unknown key, a value of the wrong type or a missing field is one clear line.

Nothing edition-specific is in the package: the title, the publisher, the editors, the
gazetteer and where the folders are all come from here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from . import entities
from .errors import EditionError
from .names import VOLUME_ID, folder_pattern, printable
from .tei import PLACES_FILE
from .validate import documents

CONFIG_FILE = "edition.toml"
SAFE_URL = r"^https?://[^\s\"'<>`\\]+$"
MAIL = r"^mailto:[\w.+-]+@[\w-]+(\.[\w-]+)+$"
EDITOR_ID = r"^[a-z][a-z0-9-]{0,60}$"


def safe_url(value: str, mail: bool = False) -> bool:
    """An http(s) URL (or, if allowed, a mailto: address) with nothing that could break out
    of an attribute or start another scheme: what a link of the edition may be."""
    return bool(re.match(SAFE_URL, value) or (mail and re.match(MAIL, value)))


class ConfigError(EditionError):
    """An edition.toml that cannot be read or does not describe an edition."""

    exit_code = 2


class Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A table of edition.toml: unknown keys refused, values checked as typed."""


def string(min_length: int = 0, max_length: int | None = None, pattern: str | None = None) -> Meta:
    """What a text value of edition.toml must be: its length, and a pattern it matches."""
    return Meta(min_length=min_length, max_length=max_length, pattern=pattern)


TEXT = r"^[^\x00-\x1f\x7f]*$"  # one line, no control character
ONE_LINE = Annotated[str, string(1, 300, TEXT)]


class Licence(Strict):
    name: Annotated[str, string(1)]
    url: Annotated[str, string(pattern=SAFE_URL)] | None = None


class Editor(Strict):
    """A person the edition credits; corrections can be made in their name (--by ID)."""

    id: Annotated[str, string(pattern=EDITOR_ID)]
    name: Annotated[str, string(2, 80)]
    role: str = "editor"


class Paths(Strict):
    """Folders of the edition, relative to its edition.toml (checked by _check_paths)."""

    sources: str = "sources"
    tei: str = "tei"
    output: str = "output"


class Volume(Strict):
    """A volume: the documents whose names match one of its patterns (``1962-10-*``), or,
    without patterns, those of the TEI folder's folder named by its id (``tei/vol-1/``)."""

    id: Annotated[str, string(pattern=VOLUME_ID.pattern)]
    title: ONE_LINE
    documents: list[str] = []


class Gazetteer(Strict):
    """Names the readers tag as placeName and orgName, as the sources write them; titles
    of works and names of events, tagged whole so that no place or body inside them is."""

    places: list[str] = []
    organisations: list[str] = []
    works: list[str] = []
    events: list[str] = []


class Edition(Strict):
    title: ONE_LINE
    publisher: ONE_LINE
    subtitle: Annotated[str, string(0, 300, TEXT)] = ""
    licence: Licence | None = None
    editors: list[Editor] = []
    base_url: Annotated[str, string(pattern=rf"{SAFE_URL}|^$")] = ""
    languages: list[str] = []  # codes; validate warns of others
    default_view: Literal["reading", "diplomatic"] = "reading"
    suggest_to: Annotated[str, string(pattern=rf"{SAFE_URL}|{MAIL}|^$")] = ""
    paths: Paths = msgspec.field(default_factory=Paths)
    volumes: list[Volume] = []
    gazetteer: Gazetteer = msgspec.field(default_factory=Gazetteer)


class Project:
    """An edition folder and its configuration (or the defaults, where there is none)."""

    def __init__(self, root: Path, edition: Edition, found: bool) -> None:
        self.root = root
        self.edition = edition
        self.found = found

    def folder(self, name: Literal["sources", "tei", "output"]) -> Path:
        path = self.root / getattr(self.edition.paths, name)
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path

    def gazetteer(self, tei_dir: Path) -> entities.Gazetteer:
        """The forms the readers tag: those of places.xml in the TEI folder written to
        (each with its @ref, as persons.xml there gives persons), and any listed in
        edition.toml."""
        names = self.edition.gazetteer
        listed = entities.Gazetteer(
            tuple(names.places), tuple(names.organisations), tuple(names.works), tuple(names.events)
        )
        return listed.with_places(tei_dir / PLACES_FILE)

    def volumes(self, tei_dir: Path) -> list[tuple[str, str, list[str]]]:
        """(id, title, document patterns) of each volume: those configured (one with no
        patterns: the documents of its folder, "vol-1/*"), then one for each other folder
        of tei_dir holding documents, named after it; none when the edition is one volume
        (the build then makes one of the whole edition)."""
        configured = [(v.id, v.title, list(v.documents) or [folder_pattern(v.id)])
                      for v in self.edition.volumes]  # fmt: skip
        named = {v[0] for v in configured}
        folders = sorted({p.parent.name for p in documents(tei_dir) if p.parent != tei_dir})
        return configured + [(f, f, [folder_pattern(f)]) for f in folders if f not in named]

    def editor_name(self, editor_id: str) -> str | None:
        return next((e.name for e in self.edition.editors if e.id == editor_id), None)

    def stylesheet_params(self) -> dict[str, str]:
        edition = self.edition
        params = {
            "edition-title": edition.title,
            "edition-subtitle": edition.subtitle,
            "publisher": edition.publisher,
            "base-url": edition.base_url,
            "default-view": edition.default_view,
            "suggest-to": edition.suggest_to,
        }
        if edition.licence:
            params["licence"] = edition.licence.name
            params["licence-url"] = edition.licence.url or ""
        return {key: value for key, value in params.items() if value}


UNNAMED = Edition(title="Untitled edition", publisher="edition")


def find(start: Path | None = None) -> Path | None:
    """The nearest edition.toml from start (the current folder) up, or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
    return None


def load(project: Path | None = None) -> Project:
    """The edition named by --project (a folder or its edition.toml), or the nearest one;
    without any, the current folder with default settings."""
    if project is not None:
        path = project / CONFIG_FILE if project.is_dir() else project
        if not path.is_file():
            raise ConfigError(f"{printable(str(path))}: no such edition configuration")
    else:
        path = find()
        if path is None:
            return Project(Path.cwd(), UNNAMED, found=False)
    return Project(path.parent, read(path), found=True)


def read(path: Path) -> Edition:
    where = printable(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{where}: not UTF-8") from None
    return check_text(text, where)


def check_text(text: str, where: str) -> Edition:
    """The edition a configuration's text describes, or a ConfigError saying what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not TOML: {exc}") from None
    try:
        edition = msgspec.convert(data, Edition)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"{where}: {_said(exc)}") from None
    _check_paths(edition.paths, where)
    return edition


def _check_paths(paths: Paths, where: str) -> None:
    for name in ("sources", "tei", "output"):
        value = getattr(paths, name)
        if Path(value).is_absolute() or ".." in Path(value).parts or not value.strip():
            raise ConfigError(
                f"{where}: 'paths.{name}': must be a folder inside the edition "
                "(no '..', not absolute)"
            )


# What msgspec says: "Object contains unknown field `x` - at `$.licence`".
SAID = re.compile(r"^(?P<what>.*?)(?: - at `\$\.?(?P<at>[^`]*)`)?$", re.S)
PATTERNS = {  # the patterns, as a user reads them
    TEXT: "one line with no control character",
    SAFE_URL: "an http(s) address",
    rf"{SAFE_URL}|^$": "an http(s) address, or empty",
    rf"{SAFE_URL}|{MAIL}|^$": "an http(s) or mailto: address, or empty",
    EDITOR_ID: "an id: a lower-case letter, then up to 60 lower-case letters, digits or '-'",
    VOLUME_ID.pattern: "an id: up to 61 lower-case letters, digits or '-' ('-' not first)",
}


def _said(exc: msgspec.ValidationError) -> str:
    """msgspec's message as one line of ours: where in the file (a.b.0.c), and what."""
    found = SAID.match(str(exc))
    assert found is not None  # the pattern matches any text
    what, at = found["what"], re.sub(r"\[(\d+)\]", r".\1", found["at"] or "")
    if unknown := re.fullmatch(r"Object contains unknown field `(.*)`", what):
        return f"unknown key '{'.'.join(filter(None, [at, unknown[1]]))}'"
    if missing := re.fullmatch(r"Object missing required field `(.*)`", what):
        return f"'{'.'.join(filter(None, [at, missing[1]]))}' is missing"
    for pattern, meaning in PATTERNS.items():
        what = what.replace(f"matching regex {pattern!r}", f"that is {meaning}")
    return f"'{at or 'edition'}': {what}"
