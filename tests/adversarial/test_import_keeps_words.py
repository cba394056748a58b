"""Import keeps every word or refuses with the line; the personography stays whole under
interruption and concurrency; work is linear (classes 4, 5, 6 and 8)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SOURCES
from helpers import element_words, words
from hostile import ROOT, TELEGRAM, assert_clean, source_text, with_body
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.cli import cli

TEI = "{http://www.tei-c.org/ns/1.0}"


def imported(runner, tmp_path: Path, text: str, name: str = "doc") -> tuple[object, Path]:
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "tei"
    return runner.invoke(cli, ["import", str(source), "--out", str(out)]), out / f"{name}.xml"


def test_a_second_summary_is_kept_and_reported(runner, tmp_path):
    text = source_text().replace("Summary:", "Summary:\n\nFirst words kept.\n\nSummary:", 1)
    result, tei = imported(runner, tmp_path, text)
    assert_clean(result, 0, "warning: a second 'Summary:' field; its text follows the first")
    abstract = etree.parse(str(tei)).find(f".//{TEI}abstract")
    assert element_words(abstract)[:3] == ["First", "words", "kept"]


def test_a_second_citation_is_kept(runner, tmp_path):
    text = source_text().replace("Citation:", "Citation:\n\nAn earlier citation.\n\nCitation:", 1)
    result, tei = imported(runner, tmp_path, text)
    assert_clean(result, 0, "a second 'Citation:' field")
    assert "An earlier citation." in tei.read_text(encoding="utf-8")


def test_text_between_contents_and_the_translation_line_is_refused_with_its_line(runner, tmp_path):
    text = source_text().replace("Contents:", "Contents:\n\nA stray paragraph.", 1)
    line = text.splitlines().index("A stray paragraph.") + 1
    result, tei = imported(runner, tmp_path, text)
    assert_clean(result, 1, f"doc.txt:{line}: error: text between 'Contents:'")
    assert not tei.exists()


@pytest.mark.parametrize("year", ["0000", "99999", "1"])
def test_impossible_years_are_kept_as_written(runner, tmp_path, year):
    text = source_text().replace("November 4, 1962", f"November 4, {year}", 1)
    result, tei = imported(runner, tmp_path, text)
    assert_clean(result, 0, "no full date")
    root = etree.parse(str(tei)).getroot()
    assert year in "".join(root.find(f".//{TEI}title").itertext())
    assert not root.xpath("//@when[starts-with(., '1900') or starts-with(., '9999')]")


def test_an_unknown_language_is_kept_and_reported(runner, tmp_path):
    text = source_text().replace("Original Language:\n\nRussian", "Original Language:\n\nKlingon")
    result, tei = imported(runner, tmp_path, text)
    assert_clean(result, 0, "language 'Klingon' is not one known here")
    assert '<language ident="und">Klingon</language>' in tei.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "nothing follows 'Translation - English'"),
        ("A. ALEKSEEV", None),  # a signature alone: legitimate, kept
        ("OK.", None),
        ("- one\n- two", None),
    ],
)
def test_unusual_texts_are_kept_or_refused_for_what_they_lack(runner, tmp_path, body, message):
    result, tei = imported(runner, tmp_path, with_body(body))
    if message:
        assert_clean(result, 1, message)
        return
    assert_clean(result, 0)
    assert words(body) == element_words(etree.parse(str(tei)).find(f"{TEI}text"))
    assert_clean(runner.invoke(cli, ["validate", str(tei)]), 0)


SOURCE_WORDS = st.text(alphabet="abcdefghij ", min_size=1, max_size=30).filter(str.strip)
PARAGRAPH = st.lists(SOURCE_WORDS, min_size=1, max_size=4).map(" ".join).map(str.strip)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(PARAGRAPH, min_size=1, max_size=6))
def test_generated_texts_keep_every_word(tmp_path_factory, paragraphs):
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("gen")
    body = "\n\n".join(p + "." for p in paragraphs)
    result, tei = imported(CliRunner(), folder, with_body(body))
    assert_clean(result, 0)
    assert element_words(etree.parse(str(tei)).find(f"{TEI}text")) == words(body)


def test_a_pathological_line_imports(runner, tmp_path):
    """24,000 '*a ' on one line: every word kept (speed is in bench/bench_linear.py)."""
    body = "*a " * 24000
    result, tei = imported(runner, tmp_path, with_body(body.strip()))
    assert_clean(result, 0)
    assert len(element_words(etree.parse(str(tei)).find(f"{TEI}text"))) == 24000


def test_an_existing_person_keeps_their_id(runner, tmp_path):
    out = tmp_path / "tei"
    out.mkdir()
    persons = out / "persons.xml"
    persons.write_bytes((ROOT / "tei" / "persons.xml").read_bytes())
    (out / "places.xml").write_bytes((ROOT / "tei" / "places.xml").read_bytes())
    before = etree.parse(str(persons)).getroot().xpath("//@xml:id")
    text = with_body("Text.\n\nZ. NEWCOMER. I speak now, and at length, as anyone can see here.")
    result, _ = imported(runner, tmp_path, text)
    assert_clean(result, 0, "newcomer")
    after = etree.parse(str(persons)).getroot().xpath("//@xml:id")
    assert after[: len(before)] == before and "newcomer" in after


def _import_process(out: Path, *sources: Path) -> subprocess.Popen[bytes]:
    code = "from edition.cli import main; main()"
    args = [sys.executable, "-c", code, "import", *map(str, sources), "--out", str(out), "-q"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _sources_with_new_people(folder: Path, n: int, tag: str) -> list[Path]:
    made = []
    for i in range(n):
        path = folder / f"{tag}-{i}.txt"
        speaker = f"Q. {tag.upper()}{chr(65 + i)}MAN"
        path.write_text(with_body(f"Text.\n\n{speaker}. We said this, and then we went on."),
                        encoding="utf-8")  # fmt: skip
        made.append(path)
    return made


def test_concurrent_imports_leave_a_whole_personography(runner, tmp_path):
    out = tmp_path / "tei"
    first = _import_process(out, *_sources_with_new_people(tmp_path, 4, "alpha"))
    second = _import_process(out, *_sources_with_new_people(tmp_path, 4, "beta"))
    assert first.wait(120) == 0 and second.wait(120) == 0
    assert_clean(runner.invoke(cli, ["validate", str(out)]), 0)
    ids = etree.parse(str(out / "persons.xml")).getroot().xpath("//@xml:id")
    assert len(ids) == len(set(ids)) == 8


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.6, 0.9, 1.2])
def test_a_killed_import_leaves_no_dangling_reference(runner, tmp_path, delay):
    """kill -9 at some moment of an import: whatever was written is consistent, and a
    rerun without --force completes the folder."""
    out = tmp_path / "tei"
    sources = _sources_with_new_people(tmp_path, 6, "gamma")
    process = _import_process(out, *sources)
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    if out.exists() and list(out.glob("*.xml")):
        assert_clean(runner.invoke(cli, ["validate", str(out)]), 0)
        assert not list(out.glob(".*.tmp"))
    missing = [s for s in sources if not (out / f"{s.stem}.xml").exists()]
    if missing:
        rerun = runner.invoke(cli, ["import", *map(str, missing), "--out", str(out), "-q"])
        assert_clean(rerun, 0)
    assert_clean(runner.invoke(cli, ["validate", str(out)]), 0)


def test_force_refuses_a_symlink_and_a_folder(runner, tmp_path):
    out = tmp_path / "tei"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.xml"
    elsewhere.write_text("<keep/>", encoding="utf-8")
    (out / "a.xml").symlink_to(elsewhere)
    (out / "b.xml").mkdir()
    for name in ("a", "b"):
        source = tmp_path / f"{name}.txt"
        source.write_text(source_text(), encoding="utf-8")
        result = runner.invoke(cli, ["import", str(source), "--out", str(out), "--force"])
        assert_clean(result, 3, "it is not a regular file")
    assert elsewhere.read_text(encoding="utf-8") == "<keep/>"


def test_a_fifo_source_is_refused_not_waited_for(tmp_path):
    fifo = tmp_path / f"{TELEGRAM}.txt"
    os.mkfifo(fifo)
    code = "from edition.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", code, "import", str(fifo), "--out",
                           str(tmp_path / "tei")], capture_output=True, timeout=60)  # fmt: skip
    assert done.returncode == 1
    assert b"not a regular file" in done.stderr and b"Traceback" not in done.stderr


def test_a_killed_import_leaves_no_worker_holding_its_folder(tmp_path):
    """kill -9 of an import while its worker processes convert: they end with it, so
    nothing is left running and the next import of the folder is not kept waiting for
    its lock."""
    out = tmp_path / "tei"
    sources = _sources_with_new_people(tmp_path, 3, "delta")
    for i in range(60):
        source = SOURCES[i % len(SOURCES)]
        sources.append(Path(shutil.copy(source, tmp_path / f"{i:03d}-{source.name}")))
    process = _import_process(out, *sources)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    for _ in range(400):  # until its workers are there
        if children.exists() and len(children.read_text().split()) >= 2:
            break
        time.sleep(0.01)
    workers = [int(pid) for pid in children.read_text().split()]
    assert len(workers) >= 2, "the import made no worker processes"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    for _ in range(500):
        if not any(map(_running, workers)):
            break
        time.sleep(0.01)
    assert not any(map(_running, workers)), "a worker outlived the import"
    code = "from edition.cli import main; main()"
    args = ["import", str(sources[0]), "--out", str(out), "-q", "--force"]
    again = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=60)
    assert again.returncode == 0, again.stderr


def _running(pid: int) -> bool:
    """Whether a process is there and not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
