"""Full-text search with no server: an index of classic scripts in ``html/search/``, read by
``search.js`` in the browser, from ``file://`` as from any static host.

Why not Pagefind: measured with pagefind 1.5.2 (pip ``pagefind[bin]``), its browser side is
an ES module that fetches its index and WebAssembly; Chromium refuses both on a page opened
from ``file://`` (origin ``null``), so its search never answers there. A classic
``<script>`` is the one thing such a page may load, so the index is made of them.
``bench/pagefind_from_disk.py`` repeats the measurement.

- ``search/<stem>.js``: one document's passages (paragraph, label, language, text, the
  persons named), made with the document's pages (and reused with them).
- ``search/t-<hex>.js``: the postings of every word beginning with two given letters, with
  the name forms of the persons a passage names (so "Alekseyev" finds "Alekseev" and
  "Алексеев"), and ``@person-id`` for the person filter.
- ``search/documents.js``: the documents in index order and the languages of their passages.

Words are folded alike here and in search.js: compatibility decomposition, combining marks
dropped, lower case (``Ché`` = ``che``, ``ё`` = ``е``).
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from lxml import etree

from . import paragraphs
from .tei import TEI_NS, tag, write_atomic, xml_attr

WORD = re.compile(r"[^\W_]+")
FOLDER = "search"
PASSAGE_PARTS = etree.XPath(
    "/t:TEI/t:text/t:body/t:div/*", namespaces={"t": TEI_NS}
)  # each part of a text: its numbered blocks are passages, the rest one passage per part
REFS = etree.XPath(".//*[@ref or @who] | self::*[@who]", namespaces={"t": TEI_NS})
SKIPPED = {tag("sic"), tag("orig")}  # the reading text: a choice's correction, not its error
BREAKS = {tag("lb"): " ", tag("pb"): ""}  # pb keeps the spaces of the text (ed:pb-space)


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return _marks().sub("", unicodedata.normalize("NFKD", text)).lower()


@lru_cache(maxsize=1)
def _marks() -> re.Pattern[str]:
    """The combining marks (of the Basic Multilingual Plane), as one character class."""
    marks = [chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))]
    return re.compile("[" + "".join(re.escape(m) for m in marks) + "]")


def words(text: str) -> list[str]:
    """The words of a text as search compares them."""
    return WORD.findall(fold(text))


def reading_text(el: etree._Element) -> str:
    """The text of an element as the reading view shows it, in one line: an inline note
    stays where it stands (reading.units would take it out of the sentence), a footnote is
    a passage of its own."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag in BREAKS:
            parts.append(BREAKS[node.tag])
        elif isinstance(node.tag, str) and not _left_out(node):
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def _left_out(node: etree._Element) -> bool:
    parent = node.getparent()
    if node.tag == tag("note") and node.get("type") == "footnote":
        return True
    return node.tag in SKIPPED and parent is not None and parent.tag == tag("choice")


def passages(root: etree._Element, labels: dict[str, str]) -> list[list[object]]:
    """A document's passages, in order: [id, label, language, text, persons named]. A
    numbered block is one, and each footnote; whatever else a part of the text holds
    (heading, opener, closer) is one passage per part, linked to the document itself."""
    found: list[list[object]] = []

    def add(block: etree._Element, block_id: str, label: str, lang: str) -> None:
        text = reading_text(block)
        if text:
            found.append([block_id, label, lang, text, _persons(block)])

    for part in PASSAGE_PARTS(root):
        lang = part.getparent().get(xml_attr("lang"), "")
        numbered = [el for el in part.iter() if el.get(xml_attr("id")) in labels]
        for block in numbered or [part]:
            block_id = block.get(xml_attr("id")) or ""
            label = labels.get(block_id) or paragraphs.part_label(block) or "text"
            add(block, block_id if block_id in labels else "", label, lang)
            for note in block.iter(tag("note")):
                if note.get("type") == "footnote" and note.get(xml_attr("id")):
                    add(note, note.get(xml_attr("id")), f"note in {label}", lang)
    return found


def _persons(block: etree._Element) -> list[str]:
    refs = (r for el in REFS(block) for r in (el.get("ref") or el.get("who") or "").split())
    return list(dict.fromkeys(r.rsplit("#", 1)[-1] for r in refs if "persons.xml#" in r))


def document_script(stem: str, found: list[list[object]]) -> bytes:
    """search/<stem>.js: a classic script handing the passages to search.js."""
    return _script("document", stem, found)


def _script(call: str, *args: object) -> bytes:
    """A call of search.js with args, as JSON (which is JavaScript)."""
    data = json.dumps(list(args), ensure_ascii=False, separators=(",", ":"))[1:-1]
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"EditionSearch.{call}({data});\n".encode()


def _read_document(path: Path) -> list[list[object]]:
    return _calls(path)[1]  # type: ignore[return-value]


def person_forms(persons: bytes | None) -> dict[str, list[str]]:
    """Each person's id and the words of every form of their name."""
    if persons is None:
        return {}
    from .validate import parse_bytes

    forms: dict[str, list[str]] = {}
    for person in parse_bytes(persons).iter(tag("person")):
        names = " ".join("".join(n.itertext()) for n in person.iter(tag("persName")))
        forms[person.get(xml_attr("id"), "")] = list(dict.fromkeys(words(names)))
    return forms


@lru_cache(maxsize=65536)
def shard_of(term: str) -> str:
    """The file a word's postings are in: named by the code points of its first two
    letters, so that any script makes a safe file name."""
    return "t-" + "-".join(f"{ord(c):x}" for c in term[:2]) + ".js"


def _document_terms(found: list[list[object]], forms: dict[str, list[str]]) -> dict[str, list[int]]:
    """Each word of a document's passages (with the name forms of the persons a passage
    names, and their @id) and the passages holding it."""
    terms: dict[str, list[int]] = {}
    for p, (_id, _label, _lang, text, persons_named) in enumerate(found):
        here = set(words(str(text)))
        for person in persons_named:  # type: ignore[union-attr]
            here.update(forms.get(person, ()))
            here.add("@" + person)
        for term in here:
            terms.setdefault(term, []).append(p)
    return terms


def write_index(search_dir: Path, stems: list[str], persons: bytes | None,
                work: Path, kept: Path) -> list[Path]:  # fmt: skip
    """The postings and the list of documents, from the documents' passage files. The
    postings go to disk by first letter as each document is read, then one letter at a
    time into shards: memory holds one letter's postings, not the whole index. Each
    document's words are kept in kept, for update_index."""
    forms = person_forms(persons)
    for folder in (work, kept):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    listed: list[list[object]] = []
    spill: dict[str, list[str]] = {}
    for d, stem in enumerate(stems):
        found = _read_document(search_dir / f"{stem}.js")
        listed.append([stem, _language_runs(str(p[2]) for p in found)])
        terms = _document_terms(found, forms)
        write_atomic(kept / f"{stem}.json", json.dumps(terms, ensure_ascii=False).encode())
        for term, where in terms.items():
            spill.setdefault(term[0], []).append(f"{term}\t{d}\t{','.join(map(str, where))}\n")
        if sum(len(v) for v in spill.values()) > 200_000:
            _spill(work, spill)
    _spill(work, spill)
    written = [search_dir / "documents.js"]
    write_atomic(written[0], _script("documents", listed))
    for letter_file in sorted(work.iterdir()):
        shards: dict[str, dict[str, list[int]]] = {}
        with letter_file.open(encoding="utf-8") as lines:
            for line in lines:  # a word, a document, the passages holding it there
                term, d, where = line.rstrip("\n").split("\t")
                postings = shards.setdefault(shard_of(term), {}).setdefault(term, [])
                postings.extend(n for p in where.split(",") for n in (int(d), int(p)))
        for name, postings in sorted(shards.items()):
            target = search_dir / name
            write_atomic(target, _script("shard", name, dict(sorted(postings.items()))))
            written.append(target)
    shutil.rmtree(work, ignore_errors=True)
    return written


def update_index(search_dir: Path, stems: list[str], changed: list[str], persons: bytes | None,
                 kept: Path) -> list[Path]:  # fmt: skip
    """The index after changed documents were built again, the list of documents being
    the same: only the shards holding their words before or now are rewritten, each
    with the postings of those documents taken out and put back as they are now."""
    forms = person_forms(persons)
    listing = search_dir / "documents.js"
    (listed,) = _calls(listing)
    number = {stem: d for d, stem in enumerate(stems)}
    now: dict[str, dict[str, list[int]]] = {}
    before: dict[str, dict[str, list[int]]] = {}
    for stem in changed:
        found = _read_document(search_dir / f"{stem}.js")
        listed[number[stem]] = [stem, _language_runs(str(p[2]) for p in found)]
        now[stem] = _document_terms(found, forms)
        before[stem] = json.loads((kept / f"{stem}.json").read_text(encoding="utf-8"))
    gone: dict[str, list[tuple[int, str]]] = {}  # by shard: the words documents had
    come: dict[str, list[tuple[int, str, list[int]]]] = {}  # and have now
    for stem in changed:
        d = number[stem]
        for term in before[stem]:
            gone.setdefault(shard_of(term), []).append((d, term))
        for term, where in now[stem].items():
            come.setdefault(shard_of(term), []).append((d, term, where))
    for name in sorted(set(gone) | set(come)):
        path = search_dir / name
        postings: dict[str, list[int]] = _calls(path)[1] if path.is_file() else {}  # type: ignore[assignment]
        for d, term in gone.get(name, ()):
            flat = postings.get(term, [])
            postings[term] = [
                n for i in range(0, len(flat), 2) if flat[i] != d for n in flat[i : i + 2]
            ]
        for d, term, where in come.get(name, ()):
            postings[term] = sorted_pairs(
                postings.get(term, []) + [n for p in where for n in (d, p)]
            )
        postings = {t: v for t, v in postings.items() if v}
        if postings:
            write_atomic(path, _script("shard", name, dict(sorted(postings.items()))))
        else:
            path.unlink(missing_ok=True)
    write_atomic(listing, _script("documents", listed))
    for stem in changed:  # last: until here, a build that stops does it all again
        write_atomic(kept / f"{stem}.json", json.dumps(now[stem], ensure_ascii=False).encode())
    return index_files(search_dir)


def sorted_pairs(flat: list[int]) -> list[int]:
    """Postings [d, p, d, p, ...] in order of document and passage, as write_index makes them."""
    pairs = sorted(zip(flat[::2], flat[1::2], strict=True))
    return [n for pair in pairs for n in pair]


def _calls(path: Path) -> list[object]:
    text = path.read_text(encoding="utf-8")
    return json.loads("[" + text[text.index("(") + 1 : text.rindex(")")] + "]")  # type: ignore[no-any-return]


def _spill(work: Path, spill: dict[str, list[str]]) -> None:
    for letter, lines in spill.items():
        with (work / f"{ord(letter):x}").open("a", encoding="utf-8") as out:
            out.writelines(lines)
    spill.clear()


def _language_runs(langs: Iterable[str]) -> list[list[object]]:
    """The languages of a document's passages, as runs: [["ru", 5], ["en", 40]]."""
    runs: list[list[object]] = []
    for lang in langs:
        if runs and runs[-1][0] == lang:
            runs[-1][1] += 1  # type: ignore[operator]
        else:
            runs.append([lang, 1])
    return runs


def index_files(search_dir: Path) -> list[Path]:
    """The index files a build made (to keep them when the index is current)."""
    return [search_dir / "documents.js", *sorted(search_dir.glob("t-*.js"))]
