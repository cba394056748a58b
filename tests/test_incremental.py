"""Incremental builds: what is current is kept, and nothing stale is ever served. After
each kind of change, the folder built incrementally must equal a fresh build, file for
file, and only the documents the change touches may have been built again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from edition import cache
from edition.build import FORMATS, build
from edition.config import load

FAST = {"html", "print", "text"}
PARAMS = load(ROOT).stylesheet_params()
MEMCON = "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez"


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file and its bytes (the build's own records left out)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and cache.FOLDER not in p.parts and p.name != ".edition-build"
    }


def times(out: Path) -> dict[str, int]:
    return {rel: (out / rel).stat().st_mtime_ns for rel in outputs(out)}


@pytest.fixture
def edition(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the bundled TEI, built once."""
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    out = tmp_path / "out"
    first = build(tei, out, FAST, PARAMS)
    assert not first.problems and len(first.rebuilt) == 5
    return tei, out


def same_as_fresh(tei: Path, out: Path, params: dict[str, str] = PARAMS) -> None:
    fresh = out.parent / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    build(tei, fresh, FAST, params, force_all=True)
    assert outputs(out) == outputs(fresh)


def stems(paths: list[Path]) -> set[str]:
    return {p.stem for p in paths}


def test_nothing_changed_nothing_is_built(edition):
    tei, out = edition
    before, when = outputs(out), times(out)
    again = build(tei, out, FAST, PARAMS)
    assert again.rebuilt == [] and len(again.reused) == 5 and not again.problems
    assert outputs(out) == before and times(out) == when  # not even rewritten


def test_one_document_changed(edition):
    tei, out = edition
    when = times(out)
    path = tei / f"{MEMCON}.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("romance", "a romance"), "utf-8")
    again = build(tei, out, FAST, PARAMS)
    assert stems(again.rebuilt) == {MEMCON}
    changed = {rel for rel, t in times(out).items() if t != when.get(rel)}
    assert {f"html/{MEMCON}.html", f"print/{MEMCON}.html", f"text/{MEMCON}.txt"} <= changed
    assert not any(c.startswith(("html/19", "text/19")) and MEMCON not in c for c in changed)
    # Its summary (header, mentions, corrections) is the same: the index and registers are
    # kept; the volume, which holds its text, is filled again.
    assert "html/index.html" not in changed and "html/persons.html" not in changed
    assert "print/edition.html" in changed
    same_as_fresh(tei, out)


def test_a_document_moved_in_the_order_moves_its_neighbours_links(edition):
    """Its neighbours' pages get their new previous and next links without being built
    again; the result is a fresh build's."""
    tei, out = edition
    cable = "1962-10-28-cable-alekseev-foreign-ministry"
    path = tei / f"{cable}.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("1962-10-28", "1962-11-30"), "utf-8")
    again = build(tei, out, FAST, PARAMS)
    assert stems(again.rebuilt) == {cable} and not again.problems
    first = (out / "html" / "1962-11-04-telegram-alekseev-foreign-ministry.html").read_text("utf-8")
    assert "Document 1 of 5" in first and 'rel="prev"' not in first
    moved = (out / "html" / f"{cable}.html").read_text("utf-8")
    assert "Document 4 of 5" in moved
    same_as_fresh(tei, out)


def test_a_correction_changes_the_registers_too(edition, runner):
    from edition.cli import cli

    tei, out = edition
    when = times(out)
    result = runner.invoke(cli, ["correct", str(tei / f"{MEMCON}.xml"), "--find", "romance",
                                 "--replace", "a romance", "--by", "Jane Roe"])  # fmt: skip
    assert result.exit_code == 0, result.output
    again = build(tei, out, FAST, PARAMS)
    assert stems(again.rebuilt) == {MEMCON}
    changed = {rel for rel, t in times(out).items() if t != when.get(rel)}
    assert {"html/errata.html", "html/index.html", "print/edition.html"} <= changed
    same_as_fresh(tei, out)


def test_a_person_changed_rebuilds_the_documents_naming_them(edition):
    tei, out = edition
    persons = tei / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    persons.write_text(text.replace("President of Cuba.", "President of Cuba (1959-1976)."),
                       encoding="utf-8")  # fmt: skip
    naming = {p.stem for p in tei.glob("19*.xml") if b"persons.xml#dorticos" in p.read_bytes()}
    assert 0 < len(naming) < 5
    again = build(tei, out, FAST, PARAMS)
    assert stems(again.rebuilt) == naming
    assert b"(1959-1976)" in (out / "html" / "persons.html").read_bytes()
    same_as_fresh(tei, out)


def test_places_changed_rebuild_the_pages_linking_them(edition):
    tei, out = edition
    places = tei / "places.xml"
    places.write_text(places.read_text("utf-8").replace("Telegraph Agency", "News Agency"), "utf-8")
    again = build(tei, out, FAST, PARAMS)
    assert len(again.rebuilt) == 5
    assert "News Agency of the Soviet Union" in (out / "html" / "abbreviations.html").read_text(
        "utf-8"
    )
    same_as_fresh(tei, out)


def test_new_parameters_rebuild_everything(edition):
    tei, out = edition
    params = {**PARAMS, "edition-title": "Another title"}
    again = build(tei, out, FAST, params)
    assert len(again.rebuilt) == 5
    same_as_fresh(tei, out, params)


def test_a_deleted_document_takes_its_outputs_with_it(edition):
    tei, out = edition
    (tei / f"{MEMCON}.xml").unlink()
    again = build(tei, out, FAST, PARAMS)
    assert again.rebuilt == [] and len(again.reused) == 4
    assert not (out / "html" / f"{MEMCON}.html").exists()
    same_as_fresh(tei, out)


def test_a_missing_output_is_made_again(edition):
    tei, out = edition
    (out / "text" / f"{MEMCON}.txt").unlink()
    again = build(tei, out, FAST, PARAMS)
    assert stems(again.rebuilt) == {MEMCON}
    same_as_fresh(tei, out)


def test_force_all_and_a_damaged_record_build_everything(edition):
    tei, out = edition
    assert len(build(tei, out, FAST, PARAMS, force_all=True).rebuilt) == 5
    for record in (out / cache.FOLDER).glob("state-*.json"):
        record.write_text('{"documents": {"x": 1}', encoding="utf-8")
    assert len(build(tei, out, FAST, PARAMS).rebuilt) == 5
    same_as_fresh(tei, out)


def test_an_invalid_document_is_never_current(edition):
    tei, out = edition
    path = tei / f"{MEMCON}.xml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace('<p xml:id="p1">', '<p xml:id="p1" colour="red">'), "utf-8")
    for _ in range(2):  # reported each time, not remembered as built
        again = build(tei, out, FAST, PARAMS)
        assert stems(again.skipped) == {MEMCON} and MEMCON in stems(again.rebuilt)
    path.write_text(good, encoding="utf-8")
    assert stems(build(tei, out, FAST, PARAMS).rebuilt) == {MEMCON}
    same_as_fresh(tei, out)


def test_the_shared_key_follows_stylesheets_schema_and_settings(tmp_path):
    files = []
    for source in cache.code_files():
        copy = tmp_path / source.parent.name / source.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(source, copy)
        files.append(copy)
    key = cache.build_key(FAST, PARAMS, files)
    assert key == cache.build_key(FAST, dict(PARAMS), files)
    assert key != cache.build_key(FAST | {"pdf"}, PARAMS, files)
    assert key != cache.build_key(FAST, {**PARAMS, "base-url": "https://example.org/"}, files)
    for name in ("common.xsl", "edition.css", "edition.xsd", "build.py"):
        changed = next(f for f in files if f.name == name)
        original = changed.read_bytes()
        changed.write_bytes(original + b"\n")
        assert cache.build_key(FAST, PARAMS, files) != key, name
        changed.write_bytes(original)


def test_a_whole_build_with_pdfs_is_current_the_second_time(built, tmp_path):
    """The bundled edition built with every format (the shared fixture), built again."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    when = times(out)
    again = build(ROOT / "tei", out, set(FORMATS), PARAMS)
    assert again.rebuilt == [] and len(again.reused) == 5 and not again.problems
    assert times(out) == when


def test_a_record_naming_files_outside_the_output_is_not_trusted(edition, tmp_path):
    """A record is input too: an output it names outside the build's own names (an absolute
    path, ..) makes that document not current; nothing outside is read or removed."""
    import json

    tei, out = edition
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    record = next((out / cache.FOLDER).glob("state-*.json"))
    state = json.loads(record.read_text(encoding="utf-8"))
    state["documents"][MEMCON]["outputs"] += [str(outside), "../outside.txt"]
    record.write_text(json.dumps(state), encoding="utf-8")
    again = build(tei, out, FAST, PARAMS)
    assert stems(again.rebuilt) == {MEMCON} and not again.problems
    assert outside.read_text(encoding="utf-8") == "keep me"
    same_as_fresh(tei, out)
