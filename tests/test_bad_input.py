"""Bad sources: one clear line naming file and line, a documented exit code, no file."""

from __future__ import annotations

import pytest
from conftest import SOURCES

from edition.cli import cli

ARCHIVE = next(s for s in SOURCES if "cable" in s.name)  # has a footnote


def run_import(runner, tmp_path, data: bytes, name: str = "doc.txt"):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["import", str(source), "--out", str(out)])
    return result, source, out


def test_messy_twin_imports_exactly_like_the_clean_file(runner, tmp_path, tei_dir):
    clean = ARCHIVE.read_bytes()
    lines = clean.decode("utf-8").split("\n")
    messy = "\r\n".join(line + "   " for line in lines).replace("\r\n\r\n", "\r\n\r\n\r\n")
    twin = tmp_path / ARCHIVE.name
    twin.write_bytes(b"\xef\xbb\xbf" + messy.encode("utf-8"))
    first = runner.invoke(cli, ["import", str(ARCHIVE), "--out", str(tei_dir)])
    assert first.exit_code == 0
    clean_tei = (tei_dir / f"{ARCHIVE.stem}.xml").read_bytes()
    second = runner.invoke(cli, ["import", str(twin), "--out", str(tei_dir), "--force"])
    assert second.exit_code == 0, second.output
    assert (tei_dir / f"{ARCHIVE.stem}.xml").read_bytes() == clean_tei


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"Citation:\n\nabc \xff\xfe def\n", 3, "not UTF-8 (byte 0xff)"),
        (b"", None, "the file is empty"),
        (b"\n \n\t\n", None, "the file is empty"),
        (b"Dear diary,\n\ntoday nothing happened.\n", 1, "unknown source family"),
        (b"Citation:\n\nform\x0cfeed\n", 3, "control character U+000C"),
    ],
    ids=["non-utf8", "empty", "blank", "unknown-family", "control-character"],
)
def test_unusable_file_is_one_clear_line(runner, tmp_path, data, line, message):
    result, source, out = run_import(runner, tmp_path, data)
    assert result.exit_code == 1
    where = f"{source}:{line}:" if line else f"{source}:"
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{where} error: ")
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert not list(out.glob("*.xml")) if out.exists() else True


def _broken_archive(old: str, new: str) -> bytes:
    text = ARCHIVE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("five [Cuban] conditions", "five [Cuban conditions", "unbalanced '['"),
        ("five [Cuban] conditions", "five Cuban] conditions", "unbalanced ']'"),
        ("Dorticos.[1]", "Dorticos.[2]", "footnote mark [2] has no footnote text"),
    ],
    ids=["open-bracket", "close-bracket", "missing-footnote"],
)
def test_bracket_and_footnote_errors_name_the_line(runner, tmp_path, old, new, message):
    data = _broken_archive(old, new)
    line = (
        data.decode("utf-8")
        .split("\n")
        .index(next(x for x in data.decode("utf-8").split("\n") if new in x))
        + 1
    )
    result, source, out = run_import(runner, tmp_path, data, ARCHIVE.name)
    assert result.exit_code == 1
    assert result.output.strip().startswith(f"{source}:{line}: error: column ")
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (out / f"{ARCHIVE.stem}.xml").exists()


def test_footnote_text_without_mark_is_kept_and_reported(runner, tmp_path):
    result, source, out = run_import(
        runner, tmp_path, _broken_archive("Dorticos.[1]", "Dorticos."), ARCHIVE.name
    )
    assert result.exit_code == 0
    assert "warning: footnote [1] has no mark in the text; kept at the end" in result.output
    assert "Presumably a reference" in (out / f"{ARCHIVE.stem}.xml").read_text(encoding="utf-8")


def test_missing_source_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["import", str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_one_bad_source_does_not_stop_the_others(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["import", str(bad), str(ARCHIVE), "--out", str(out)])
    assert result.exit_code == 1
    assert (out / f"{ARCHIVE.stem}.xml").exists()
    assert not (out / "bad.xml").exists()
