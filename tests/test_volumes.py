"""An edition divided into volumes (edition.toml [[volumes]]): the HTML edition is organised
by volume as the print is, each volume with its contents, registers and errata, and the
edition's own pages made from what each volume names; a correction remakes only its
volume's pages."""

from __future__ import annotations

import re
import shutil
from fnmatch import fnmatchcase
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html
from test_incremental import FAST, outputs

from edition.build import Done, _membership, build
from edition.config import load

PARAMS = load(ROOT).stylesheet_params()
AUTUMN = ("autumn-1962", "Volume I: Autumn 1962", ["1962-10-*", "1962-11-0[45]-*"])
LATER = ("later", "Volume II: Later", ["1962-11-06-*"])  # the journal is in no volume
JOURNAL = "1963-03-23-journal-alekseyev-conversation-castro"
TELEGRAM = "1962-11-06-telegram-mikoyan-cc-cpsu"


@pytest.fixture
def series(tmp_path: Path) -> tuple[Path, Path]:
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    out = tmp_path / "out"
    outcome = build(tei, out, FAST, PARAMS, volumes=[AUTUMN, LATER])
    assert not outcome.skipped
    assert [p.message for p in outcome.problems] == [
        f"1 document(s) in no volume ({JOURNAL}): listed in 'Other documents'"
    ]
    return tei, out


def page(path: Path) -> html.HtmlElement:
    return html.parse(str(path)).getroot()


def listed(path: Path) -> list[str]:
    """The documents a contents page lists, in order."""
    return [a.get("href") for a in page(path).iterfind(".//table[@class='documents']//td/a")]


def test_the_index_lists_the_volumes_and_each_volume_its_documents(series):
    _tei, out = series
    rows = page(out / "html" / "index.html").iterfind(".//table[@class='volumes']/tbody/tr")
    cells = [[td.text_content() for td in row.iterfind("td")] for row in rows]
    assert cells == [
        ["Volume I: Autumn 1962", "28 October 1962 – 5 November 1962", "3"],
        ["Volume II: Later", "6 November 1962", "1"],
        ["Other documents", "13 February 1963", "1"],
    ]
    everything = []
    for volume in ("autumn-1962", "later", "other-documents"):
        everything += listed(out / "html" / f"{volume}.html")
    assert sorted(everything) == sorted(f"{p.stem}.html" for p in (ROOT / "tei").glob("19*.xml"))
    assert listed(out / "html" / "later.html") == [f"{TELEGRAM}.html"]
    nav = page(out / "html" / f"{TELEGRAM}.html").find(".//nav[@class='doc-nav']")
    assert nav.text_content().startswith("Document 1 of 1 in Volume II: Later")
    assert [a.get("href") for a in nav.iterfind("a")] == ["later.html"]  # no neighbour
    for volume in ("autumn-1962", "later", "other-documents"):  # and a print volume each
        assert (out / "print" / f"{volume}.html").is_file()


def test_every_link_of_the_html_edition_has_its_target(series, built):
    """Every page of both kinds of edition (in volumes, and of one volume) links only to
    pages and ids that exist."""
    for folder in (series[1] / "html", built / "html"):
        ids: dict[str, set[str]] = {}
        links = []
        for path in folder.glob("*.html"):
            root = page(path)
            ids[path.name] = {e.get("id") for e in root.iter() if e.get("id")}
            links += [(path.name, a.get("href")) for a in root.iter("a") if a.get("href")]
        for source, href in links:
            if re.match(r"^(https?:|mailto:)", href) or href.startswith("../tei/"):
                continue
            target, _, anchor = href.partition("#")
            target = target or source
            if target.startswith("search/") or target.endswith((".pdf", ".txt", ".xml")):
                continue
            assert target in ids, (source, href)
            assert not anchor or unquote(anchor) in ids[target], (source, href)


def test_a_persons_entry_gives_the_volumes_naming_them(series):
    """The edition's register gives each person the volumes naming them, with the number
    of documents, as each volume's own register lists them."""
    _tei, out = series
    edition = page(out / "html" / "persons.html")
    entry = edition.get_element_by_id("mikoyan")
    found = [(a.get("href"), li.text_content()) for li in entry.iterfind(".//li") for a in li]
    assert [href for href, _ in found] == [
        "autumn-1962-persons.html#mikoyan",
        "later-persons.html#mikoyan",
    ]
    for href, text in found:
        name, _, anchor = href.partition("#")
        own = page(out / "html" / name).get_element_by_id(anchor)
        documents = len(own.findall(".//ul[@class='occurrences']/li"))
        assert text.endswith(f"({documents} document{'s' if documents > 1 else ''})")


def test_search_offers_every_document_once_by_volume(series):
    _tei, out = series
    select = page(out / "html" / "search.html").get_element_by_id("search-doc")
    groups = [(g.get("label"), [o.get("value") for o in g.iterfind("option")])
              for g in select.iterfind("optgroup")]  # fmt: skip
    assert [label for label, _ in groups] == [
        "Volume I: Autumn 1962", "Volume II: Later", "Other documents"
    ]  # fmt: skip
    assert groups[1][1] == [TELEGRAM] and groups[2][1] == [JOURNAL]
    assert sum(len(values) for _, values in groups) == 5


def test_a_volume_taking_an_edition_page_is_refused(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    outcome = build(tei, tmp_path / "out", {"html"}, PARAMS,
                    volumes=[("persons", "P", ["*"]), AUTUMN])  # fmt: skip
    assert any(
        "volume 'persons' would make persons.html, which is taken" in p.message
        for p in outcome.problems
    )
    assert (tmp_path / "out" / "html" / "autumn-1962.html").is_file()
    again = build(tei, tmp_path / "again", {"html"}, PARAMS,
                  volumes=[("../escape", "E", ["*"]), AUTUMN])  # fmt: skip
    assert any("volume id '../escape' is not a plain name" in p.message for p in again.problems)
    assert not (tmp_path / "escape.html").exists()
    assert (tmp_path / "again" / "html" / "autumn-1962.html").is_file()


def test_a_correction_remakes_its_own_volume_only(series):
    """A title changed in one volume: that volume's pages and the edition's are made
    again; the other volumes' are kept; the result equals a fresh build."""
    tei, out = series
    before = outputs(out)
    path = tei / f"{TELEGRAM}.xml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</title>", " (corrected)</title>", 1), encoding="utf-8")
    when = {rel: (out / rel).stat().st_mtime_ns for rel in before}
    again = build(tei, out, FAST, PARAMS, volumes=[AUTUMN, LATER])
    assert [p.stem for p in again.rebuilt] == [TELEGRAM]
    changed = {rel for rel in before if (out / rel).stat().st_mtime_ns != when[rel]}
    assert {"html/later.html", "html/later-persons.html", "html/index.html"} <= changed
    assert not any(rel.startswith(("html/autumn-1962", "print/autumn-1962")) for rel in changed)
    assert "(corrected)" in (out / "html" / "later.html").read_text(encoding="utf-8")
    fresh = out.parent / "fresh"
    build(tei, fresh, FAST, PARAMS, volumes=[AUTUMN, LATER], force_all=True)
    assert outputs(out) == outputs(fresh)


def test_volumes_made_in_several_processes_are_those_made_in_one(series, tmp_path):
    """With -j 2 the volumes' pages are made two at a time, in the build's processes:
    the same files as in one process."""
    tei, out = series
    again = tmp_path / "again"
    outcome = build(tei, again, FAST, PARAMS, jobs=2, volumes=[AUTUMN, LATER])
    assert len(outcome.rebuilt) == 5
    assert outputs(again) == outputs(out)


STEM = st.text(alphabet="ab1-", min_size=1, max_size=6)
PATTERN = st.one_of(
    st.text(alphabet="ab1-*?[]", max_size=5),
    st.tuples(st.sampled_from(["a", "b", "*"]), st.text(alphabet="ab1-*?", max_size=3)).map(
        "/".join
    ),
)


def _matches(path: Path, pattern: str) -> bool:
    """A document of tei/ (or of a volume's folder in it) and a volume's pattern."""
    if "/" not in pattern:
        return fnmatchcase(path.stem, pattern)
    return path.parent != Path("tei") and fnmatchcase(f"{path.parent.name}/{path.stem}", pattern)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "a", "b"]), STEM), max_size=20, unique=True),
       st.lists(st.lists(PATTERN, min_size=1, max_size=3), min_size=1, max_size=4))  # fmt: skip
def test_each_document_is_in_the_volumes_whose_patterns_it_matches(names, patterns):
    """Volumes' documents are found by the fixed beginnings of their patterns: the same
    as trying every pattern on every name (with its folder, for a pattern with one)."""
    docs = [Done(Path("tei", folder, f"{stem}.xml"), [], []) for folder, stem in names]
    volumes = [(f"v{i}", "T", list(p)) for i, p in enumerate(patterns)]
    assert _membership(docs, volumes, Path("tei")) == {
        v[0]: [d for d in docs if any(_matches(d.path, p) for p in v[2])] for v in volumes
    }
