"""edition validate: the bundled edition is valid; seeded errors are reported precisely."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT

from edition.cli import cli
from edition.tei import AUTHORITY_FILES
from edition.validate import schema

MEMCON = ROOT / "tei" / "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez.xml"


def test_bundled_edition_is_valid(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert "7 file(s) checked, 0 problem(s)" in result.output


def broken_copy(tmp_path: Path, edits: list[tuple[str, str]]) -> tuple[Path, list[str]]:
    """A copy of the memcon with edits applied; returns it and its lines."""
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, tmp_path / name)
    text = MEMCON.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    target = tmp_path / MEMCON.name
    target.write_text(text, encoding="utf-8")
    return target, text.split("\n")


def line_of(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_seeded_errors_are_all_reported_with_their_lines(runner, tmp_path):
    target, lines = broken_copy(
        tmp_path,
        [
            ('<p xml:id="p1">', '<p xml:id="p1" colour="red">'),
            (
                '<sp who="persons.xml#dorticos" xml:id="sp1">',
                '<sp who="persons.xml#nobody" xml:id="sp1">',
            ),
            ('xml:id="p3"', 'xml:id="p2"'),
            ('<supplied reason="implied"', '<supplied reason="guessed"'),
            ("<speaker>", "<speeker>"),
            ("</speaker>", "</speeker>"),
        ],
    )
    result = runner.invoke(cli, ["validate", str(target)])
    assert result.exit_code == 1
    out = result.output
    assert f"{target}:{line_of(lines, 'colour=')}: error: <p>: " in out
    assert "colour" in out
    assert (
        f"{target}:{line_of(lines, 'persons.xml#nobody')}: error: "
        '<sp who="persons.xml#nobody">: no such person in persons.xml' in out
    )
    second_p2 = [i for i, x in enumerate(lines, start=1) if 'xml:id="p2"' in x][1]
    assert f"{target}:{second_p2}: error: xml:id 'p2' is used again (first on line" in out
    assert f"{target}:{line_of(lines, 'reason=' + chr(34) + 'guessed')}: error: <supplied>: " in out
    sp_line = line_of(lines, "<speeker>") - 1
    assert f"{target}:{sp_line}: error: <sp>: Unexpected child with tag 'speeker'" in out
    assert "problem(s)" in out and "0 problem(s)" not in out


def test_json_output_for_machines(runner, tmp_path):
    target, _ = broken_copy(tmp_path, [('resp="#ed"', 'resp="#nobody"')])
    result = runner.invoke(cli, ["validate", "--format", "json", str(target)])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems and problems[0]["code"] == "unresolved-ref"
    assert problems[0]["line"] > 1 and problems[0]["path"] == str(target)


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (
            '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>',
            "not-well-formed",
            4,
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            '<TEI xmlns="http://www.tei-c.org/ns/1.0">&xxe;</TEI>',
            "doctype",
            1,
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd">\n'
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
            "doctype",
            1,
        ),
    ],
    ids=["malformed", "external-entity", "external-dtd"],
)
def test_unsafe_or_malformed_xml_is_an_error_never_resolved(runner, tmp_path, content, code, line):
    target = tmp_path / "bad.xml"
    target.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--format", "json", str(target)])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["code"], p["line"]) for p in problems] == [(code, line)]
    assert "root:" not in result.output  # nothing of /etc/passwd


def test_missing_path_exits_2(runner, tmp_path):
    result = runner.invoke(cli, ["validate", str(tmp_path / "missing.xml")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_missing_personography_is_reported(runner, tmp_path):
    shutil.copy(MEMCON, tmp_path / MEMCON.name)
    result = runner.invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "persons.xml is missing beside this file" in result.output


def test_schema_rejects_unknown_elements_in_the_tei_namespace(tmp_path):
    from edition.validate import validate_file

    target, _ = broken_copy(tmp_path, [('<p xml:id="p1">', '<p xml:id="p1"><banana/>')])
    problems = validate_file(target)
    assert any("banana" in p.message for p in problems)


def test_schema_loads_quickly_and_once():
    schema.cache_clear()
    start = time.perf_counter()
    first = schema()
    loaded_in = time.perf_counter() - start
    assert schema() is first
    print(f"schema loaded in {loaded_in:.3f}s")  # reported, not asserted: see bench/


SEEDED = [  # each applied everywhere in the memcon
    [('<p xml:id="p1">', '<p xml:id="p1" colour="red">')],
    [('<supplied reason="implied"', '<supplied reason="guessed"')],
    [("<speaker>", "<speeker>"), ("</speaker>", "</speeker>")],
    [('when="1962-11-05"', 'when="5 Nov 1962"')],
    [('type="gloss"', 'type="glossy"')],
    [("<stage ", "<stagey "), ("</stage>", "</stagey>")],
    [('<stamp type="declassification">', '<stamp type="seen">')],
    [("<term ", '<term type="x" ')],
]


@pytest.mark.parametrize("edits", [[], *SEEDED], ids=lambda e: e[0][1][:24] if e else "as is")
def test_libxml2_and_xmlschema_give_the_same_verdict(edits):
    """libxml2 decides, xmlschema explains: they must agree on what is valid."""
    from lxml import etree

    from edition.validate import fast_schema, schema_problems

    text = MEMCON.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    tree = etree.ElementTree(etree.fromstring(text.encode()))
    assert fast_schema().validate(tree) == (not edits)
    assert (not schema_problems(tree, MEMCON)) == (not edits)


def test_a_duplicate_id_is_reported_once(runner, tmp_path):
    """libxml2 rejects it, xmlschema's message is left out: the reference checks say it."""
    target, _ = broken_copy(tmp_path, [('xml:id="p3"', 'xml:id="p2"')])
    result = runner.invoke(cli, ["validate", str(target)])
    assert result.exit_code == 1
    assert result.output.count("error:") == 1 and "is used again" in result.output


def test_validate_loads_xmlschema_only_for_a_rejected_document(tmp_path):
    """The verdict costs libxml2 only; xmlschema is imported to explain a rejection."""
    import subprocess
    import sys

    probe = (
        "import sys; from pathlib import Path; from edition.validate import validate_file; "
        "p = validate_file(Path(sys.argv[1])); "
        "print(len(p), 'xmlschema' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(MEMCON)], capture_output=True,
                         text=True, check=True).stdout.split()  # fmt: skip
    assert out == ["0", "False"]
    target, _ = broken_copy(tmp_path, [('<p xml:id="p1">', '<p xml:id="p1" colour="red">')])
    out = subprocess.run([sys.executable, "-c", probe, str(target)], capture_output=True,
                         text=True, check=True).stdout.split()  # fmt: skip
    assert out[1] == "True" and int(out[0]) >= 1
