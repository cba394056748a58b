"""Every refused input is one clear line naming the file, with a documented exit code; no
traceback; output that no file name can forge (classes 7 and 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hostile import ROOT, TELEGRAM, assert_clean, edition_copy, source_text, with_body

from edition.cli import cli

MAIN = "from edition.cli import main; main()"


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    """The installed command in a process of its own (for limits, FIFOs, odd names)."""
    return subprocess.run(
        [sys.executable, "-c", MAIN, *args], capture_output=True, timeout=120, **kwargs
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("See [1].\n\n[1] A note citing itself [1].", "footnote [1] refers to itself"),
        ("Deep " + "[" * 300 + "x" + "]" * 300 + ".", "nested more than 32 deep"),
        ("Deep " + "*" * 40 + "x" + "*" * 40 + ".", None),
        ("word " * 1_100_000 + ".", "a paragraph of more than 5,000,000 characters"),
        ("Open [bracket never closed.", "unbalanced '['"),
        ("Closed] never opened.", "unbalanced ']'"),
        ("A mark [7] with no note.", "footnote mark [7] has no footnote text"),
        ("Control \x07 character.", "control character U+0007"),
    ],
)
def test_hostile_text_is_one_clear_line(runner, tmp_path, body, message):
    source = tmp_path / "doc.txt"
    source.write_text(with_body(body), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(source), "--out", str(tmp_path / "tei")])
    if message is None:
        assert_clean(result, 0)
        return
    assert_clean(result, 1, message, f"{source}:")
    assert len([line for line in result.output.splitlines() if "error" in line]) == 1
    assert not (tmp_path / "tei" / "doc.xml").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"", "the file is empty"),
        (b"   \n\n  ", "the file is empty"),
        (b"Just one short line.\n", "unknown source family"),
        ("Заголовок\n\nтекст".encode(), "unknown source family"),
    ],
)
def test_sources_that_are_not_transcriptions(runner, tmp_path, data, message):
    source = tmp_path / "doc.txt"
    source.write_bytes(data)
    result = runner.invoke(cli, ["import", str(source), "--out", str(tmp_path / "tei")])
    assert_clean(result, 1, message, str(source))


def test_validate_dev_zero_and_a_fifo_end_at_once(tmp_path):
    fifo = tmp_path / "x.xml"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo), str(tmp_path)):
        done = run("validate", target)
        assert done.returncode in (0, 2), done
        assert b"Traceback" not in done.stderr
    done = run("validate", "/dev/zero")
    assert done.returncode == 2 and b"/dev/zero: error: not a regular file" in done.stdout
    build = run("build", "--tei", str(tmp_path), "--out", str(tmp_path / "out"), "--formats",
                "html")  # fmt: skip
    assert build.returncode == 1 and b"not a regular file" in build.stdout + build.stderr


@pytest.mark.parametrize("content", [b"<TEI", b"not xml at all", None, "folder"])
@pytest.mark.parametrize(("name", "what"), [("persons.xml", "the personography"),
                                            ("places.xml", "the places")])  # fmt: skip
def test_a_broken_persons_or_places_file_is_said_once(runner, tmp_path, name, what, content):
    """validate says it once for all the pointers into it; import stops with one line and
    writes nothing (without the file it makes a personography, or tags names without an
    entry); build skips the documents pointing into it."""
    tei = edition_copy(tmp_path, [TELEGRAM, "1962-10-28-cable-alekseev-foreign-ministry"])
    path = tei / name
    path.unlink()
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = runner.invoke(cli, ["validate", str(tei / f"{TELEGRAM}.xml")])
    assert_clean(result, 1)
    assert "1 problem(s)" in result.output  # once, not once per reference
    assert f"{name} cannot be read" in result.output or f"{name} is missing" in result.output
    source = tmp_path / "new.txt"
    source.write_text(source_text(), encoding="utf-8")
    imported = runner.invoke(cli, ["import", str(source), "--out", str(tei)])
    if content is None:
        assert_clean(imported, 0)
    else:
        assert_clean(imported, 2, f"{what} cannot be read")
        assert not (tei / "new.xml").exists()
    built = runner.invoke(cli, ["build", "--tei", str(tei), "--out", str(tmp_path / "out"),
                                "--formats", "text"])  # fmt: skip
    assert_clean(built, 1)
    assert not (tmp_path / "out" / "text" / f"{TELEGRAM}.txt").exists()


def test_an_output_folder_under_a_file(runner, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["build", "--tei", str(ROOT / "tei"), "--out",
                                 str(blocker / "out"), "--formats", "text"])  # fmt: skip
    assert_clean(result, 4, "Not a directory")
    result = runner.invoke(cli, ["build", "--tei", str(ROOT / "tei"), "--out", str(blocker)])
    assert_clean(result, 2, "is a file")
    source = tmp_path / "doc.txt"
    source.write_text(source_text(), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(source), "--out", str(blocker / "tei")])
    assert_clean(result, 4)


def test_a_full_disk(tmp_path):
    """ulimit -f: writing fails part way; the command says so, and leaves no half file."""
    out = tmp_path / "out"
    done = subprocess.run(
        ["bash", "-c", f'ulimit -f 8; exec "$0" -c "{MAIN}" build --tei {ROOT / "tei"} '
         f"--out {out} --formats html", sys.executable],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 4, done
    assert b"Traceback" not in done.stderr and b"error:" in done.stderr
    assert not list(out.rglob("*.tmp"))


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path):
    tei = edition_copy(tmp_path, [TELEGRAM])
    forged = tei / "x\nforged.xml:1: error: fake.xml"
    forged.write_text("<broken", encoding="utf-8")
    done = run("validate", str(tei))
    lines = done.stdout.decode().splitlines()
    assert not any(line.startswith("forged.xml") for line in lines), lines
    assert any("\\x{a}forged" in line for line in lines)


def test_json_is_valid_whatever_the_file_name(tmp_path):
    folder = tmp_path.as_posix().encode()
    name = folder + b"/bad-\xff-name.xml"
    with open(name, "wb") as handle:
        handle.write(b"<broken")
    done = run("validate", "--format", "json", tmp_path.as_posix())
    assert done.returncode == 1
    problems = json.loads(done.stdout.decode("utf-8"))
    assert problems and "bad-" in problems[0]["path"]


def test_unusual_but_legitimate_sources_are_not_internal_errors(runner, tmp_path):
    for body in ("A. ALEKSEEV", "Short.", "[signature]"):
        source = tmp_path / "doc.txt"
        source.write_text(with_body(body), encoding="utf-8")
        result = runner.invoke(cli, ["import", str(source), "--out", str(tmp_path / "tei"),
                                     "--force"])  # fmt: skip
        assert_clean(result, 0)
