"""What the last build made, and from what: a document whose inputs have not changed is
not built again.

A document's key is a hash of everything its outputs are made from: its TEI bytes, the
personography entries it points to, and the build's own inputs (stylesheets and their
assets, the schema, the modules that build, the parameters, the formats and the versions
of Saxon, lxml and WeasyPrint). The edition-wide pages (index, registers, errata, the
frame of each print volume) have a key of their own: the summaries of the documents they
list (what those pages take from each: header, mentions, corrections), the whole
personography and the volumes; a print volume is filled again with its articles when one
of them was built. Each summary is kept on disk beside the record, so that the edition
pages can be made again without the documents.

The record lives in ``OUTPUT/.edition-cache/``; anything unreadable there is ignored (the
build then does everything), so a damaged cache costs time, never a stale page.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from lxml import etree

from .diagnostics import Diagnostic
from .resources import SCHEMA_DIR, XSLT_DIR
from .tei import AUTHORITY_FILES, parse_bytes, tag, write_atomic, xml_attr

FOLDER = ".edition-cache"
REFS = re.compile(rb"persons\.xml#([A-Za-z_][\w.-]*)")
STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# What a build writes, relative to the output folder: nothing else is ever trusted from a
# record (its own or the manifest of what was written), read back or removed.
OUTPUT_NAME = re.compile(r"^(html|print|text|pdf|tei)/(search/)?[A-Za-z0-9][A-Za-z0-9._-]*$")
MODULES = ("build.py", "publish.py", "pdf.py", "validate.py", "review.py", "tei.py", "cache.py",
           "cluster.py", "paragraphs.py", "search.py")  # fmt: skip
LIBRARIES = ("saxonche", "lxml", "weasyprint", "edition")


def _sha(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def code_key(files: list[Path] | None = None) -> str:
    """The edition itself: stylesheets and assets, schema, the modules that build, and the
    versions of the libraries they use."""
    files = files if files is not None else code_files()
    parts = [f"{p.parent.name}/{p.name}".encode() + p.read_bytes() for p in files]
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return _sha(json.dumps(versions).encode(), *parts)


def build_key(formats: set[str], params: dict[str, str], files: list[Path] | None = None) -> str:
    """The inputs every output shares: the edition, its parameters and the formats."""
    settings = json.dumps([sorted(formats), sorted(params.items())])
    return _sha(code_key(files).encode(), settings.encode())


def code_files() -> list[Path]:
    here = Path(__file__).parent
    return sorted(
        [*XSLT_DIR.rglob("*.xsl"), *(XSLT_DIR / "assets").glob("*"), *SCHEMA_DIR.glob("*.xsd")]
        + [here / name for name in MODULES]
    )


def person_keys(persons: bytes | None) -> dict[str, str]:
    """Each person's id and a hash of their entry."""
    if persons is None:
        return {}
    root = parse_bytes(persons)
    return {
        person.get(xml_attr("id"), ""): _sha(etree.tostring(person, method="c14n"))
        for person in root.iter(tag("person"))
    }


def document_key(shared: str, data: bytes, persons: dict[str, str]) -> str:
    """A document's inputs: its bytes, the persons it points to, the shared inputs."""
    refs = sorted({m.decode("ascii", "replace") for m in REFS.findall(data)})
    used = json.dumps([(ref, persons.get(ref, "missing")) for ref in refs])
    return _sha(shared.encode(), data, used.encode())


@dataclass
class Entry:
    key: str
    doc_id: str | None
    outputs: list[str]  # relative to the output folder
    warnings: list[list[object]] = field(default_factory=list)

    def problems(self) -> list[Diagnostic]:
        return [Diagnostic(*w) for w in self.warnings]  # type: ignore[arg-type]


class Files:
    """Where the build keeps what it made for itself in an output folder: documents'
    summaries and the parts of the edition pages (small enough to send to a worker)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder = out_dir / FOLDER

    def summary_file(self, stem: str) -> Path:
        return self.folder / "summaries" / f"{stem}.xml"

    def summary(self, stem: str) -> bytes:
        return self.summary_file(stem).read_bytes()

    def frame_file(self, volume_id: str) -> Path:
        """A print volume before its articles are put in (made with the edition pages)."""
        return self.folder / "frames" / f"{volume_id}.html"

    def navigation_file(self, volume_id: str) -> Path:
        """Each document's place in its volume (made with the edition pages)."""
        return self.folder / "navigation" / f"{volume_id}.html"

    def volume_file(self, volume_id: str) -> Path:
        """What the edition's pages need of a volume (made with its pages)."""
        return self.folder / "volumes" / f"{volume_id}.xml"

    def options_file(self, volume_id: str) -> Path:
        """A volume's documents as the search page offers them (made with its pages)."""
        return self.folder / "options" / f"{volume_id}.html"


class BuildCache(Files):
    """The record of one output folder, for one choice of formats."""

    def __init__(self, out_dir: Path, formats: set[str], fresh: bool = False) -> None:
        super().__init__(out_dir)
        self.record = self.folder / f"state-{'-'.join(sorted(formats))}.json"
        self.entries: dict[str, Entry] = {}
        self.edition_key = ""
        self.edition_outputs: list[str] = []
        self.parts: dict[str, str] = {}  # a volume and the key it was filled with
        if not fresh:
            self._load()

    def _load(self) -> None:
        try:
            state = json.loads(self.record.read_bytes())
            self.entries = {
                stem: Entry(e["key"], e["doc_id"], list(e["outputs"]), list(e["warnings"]))
                for stem, e in state["documents"].items()
                if STEM.match(stem)
            }
            self.edition_key = str(state["edition"]["key"])
            self.edition_outputs = [str(o) for o in state["edition"]["outputs"]]
            self.parts = {str(k): str(v) for k, v in state["parts"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries, self.edition_key, self.edition_outputs, self.parts = {}, "", [], {}

    def current(self, stem: str, key: str) -> Entry | None:
        """The record of a document built from these very inputs, its outputs and summary
        all still there; None if it must be built."""
        entry = self.entries.get(stem)
        if entry is None or entry.key != key or not self.summary_file(stem).is_file():
            return None
        if not all(self._present(rel) for rel in entry.outputs):
            return None
        return entry

    def _present(self, rel: str) -> bool:
        """An output the record names: one of the build's own names, there as a file."""
        path = self.out_dir / rel
        return bool(OUTPUT_NAME.match(rel)) and path.is_file() and not path.is_symlink()

    def remember(self, stem: str, key: str, doc_id: str | None, outputs: list[Path],
                 warnings: list[Diagnostic]) -> None:  # fmt: skip
        """A document built from these inputs (its summary already in summary_file)."""
        rel = [p.relative_to(self.out_dir).as_posix() for p in outputs]
        rows = [[w.path, w.line, w.col, w.severity, w.code, w.message] for w in warnings]
        self.entries[stem] = Entry(key, doc_id, rel, rows)

    def forget(self, stem: str) -> None:
        self.entries.pop(stem, None)
        self.summary_file(stem).unlink(missing_ok=True)

    def keep_only(self, stems: set[str]) -> None:
        """Drop the records of documents that are gone."""
        for stem in set(self.entries) - stems:
            self.forget(stem)

    def summary_key(self, stem: str) -> str:
        """A hash of what the edition pages take from a document."""
        return _sha(self.summary(stem))

    def edition_current(self, key: str, frames: list[Path]) -> list[Path] | None:
        """The edition pages, if made from these summaries and all still there."""
        if key != self.edition_key or not all(self._present(r) for r in self.edition_outputs):
            return None
        if not all(f.is_file() for f in frames):
            return None
        return [self.out_dir / rel for rel in self.edition_outputs]

    def part_current(self, name: str, key: str, files: list[Path]) -> bool:
        return self.parts.get(name) == key and all(f.is_file() for f in files)

    def remember_part(self, name: str, key: str) -> None:
        self.parts[name] = key

    def forget_part(self, name: str) -> None:
        self.parts.pop(name, None)

    def remember_edition(self, key: str, outputs: list[Path]) -> None:
        self.edition_key = key
        self.edition_outputs = [p.relative_to(self.out_dir).as_posix() for p in outputs]

    def save(self) -> None:
        state = {
            "documents": {
                stem: {
                    "key": e.key,
                    "doc_id": e.doc_id,
                    "outputs": e.outputs,
                    "warnings": e.warnings,
                }
                for stem, e in sorted(self.entries.items())
            },  # fmt: skip
            "edition": {"key": self.edition_key, "outputs": self.edition_outputs},
            "parts": self.parts,
        }
        write_atomic(self.record, json.dumps(state, indent=1).encode("utf-8"))


def part_key(*parts: object) -> str:
    return _sha(json.dumps(parts, default=str).encode())


def edition_key(shared: str, persons: bytes | None, volumes: object, docs: list[str]) -> str:
    """What the edition pages are made from: the documents' summaries, in order, the whole
    personography and the volumes."""
    listing = json.dumps([volumes, docs], default=str)
    return _sha(
        shared.encode(), persons or b"", listing.encode(), *(f.encode() for f in AUTHORITY_FILES)
    )
