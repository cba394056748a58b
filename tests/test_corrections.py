"""edition correct and edition review: finding, refusing, provenance, validity, batches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.cli import cli
from edition.corrections import CorrectionError, Request, correct_document, write_corrected
from edition.tei import AUTHORITY_FILES
from edition.validate import documents

TEI = "{http://www.tei-c.org/ns/1.0}"
TELEGRAM = "1962-11-06-telegram-mikoyan-cc-cpsu"
MEMCON = "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez"


@pytest.fixture
def edition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled documents as imported (before any correction), and the personography;
    corrections dated reproducibly."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    folder = tmp_path / "tei"
    shutil.copytree(ROOT / "tests" / "golden" / "tei", folder)
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, folder)
    return folder


def correct(runner, edition: Path, *args: str):
    return runner.invoke(cli, ["correct", "--tei", str(edition), *args])


def root_of(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def test_a_correction_is_recorded_with_its_provenance(runner, edition):
    target = edition / f"{TELEGRAM}.xml"
    result = correct(
        runner, edition, TELEGRAM, "--find", "feel he acute", "--replace", "feel the acute",
        "--by", "Jane Roe", "--reason", "A typing slip.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "corr1 in p3: 'he' -> 'the' (typo)" in result.output
    root = root_of(target)
    choice = root.find(f".//{TEI}choice")
    assert choice.get("{http://www.w3.org/XML/1998/namespace}id") == "corr1"
    assert choice.findtext(f"{TEI}sic") == "he" and choice.findtext(f"{TEI}corr") == "the"
    assert choice.find(f"{TEI}corr").get("resp") == "#c-jane-roe"
    stmt = root.find(f".//{TEI}respStmt[@{{http://www.w3.org/XML/1998/namespace}}id='c-jane-roe']")
    assert stmt.findtext(f"{TEI}persName") == "Jane Roe"
    change = root.findall(f".//{TEI}change")[-1]
    assert change.attrib == {
        "type": "correction", "subtype": "typo", "when": "2023-11-14",
        "who": "#c-jane-roe", "target": "#corr1",
    }  # fmt: skip
    assert "".join(change.itertext()) == "he → the: A typing slip."
    assert runner.invoke(cli, ["validate", str(edition)]).exit_code == 0


def test_the_contributor_is_added_once_with_one_id_across_documents(runner, edition):
    for doc, find, new in [(TELEGRAM, "feel he acute", "feel the acute"),
                           (TELEGRAM, "Example 39", "Copy 39"),
                           (MEMCON, "isn't work dying", "isn't worth dying")]:  # fmt: skip
        assert correct(runner, edition, doc, "--find", find, "--replace", new, "--by",
                       "Jane Roe").exit_code == 0  # fmt: skip
    for doc in (TELEGRAM, MEMCON):
        ids = root_of(edition / f"{doc}.xml").xpath("//@xml:id[starts-with(., 'c-')]")
        assert list(ids) == ["c-jane-roe"]


def test_text_is_found_across_names_and_takes_them_whole(runner, edition):
    result = correct(runner, edition, TELEGRAM, "--find", "Fidel received me", "--replace",
                     "Fidel met me", "--by", "Jane Roe")  # fmt: skip
    assert result.exit_code == 0, result.output
    choice = root_of(edition / f"{TELEGRAM}.xml").find(f".//{TEI}choice")
    assert "".join(choice.find(f"{TEI}sic").itertext()) == "received"
    result = correct(runner, edition, TELEGRAM, "--find", "Fidel Castro himself", "--replace",
                     "Fidel himself", "--by", "Jane Roe")  # fmt: skip
    assert result.exit_code == 0, result.output
    second = root_of(edition / f"{TELEGRAM}.xml").findall(f".//{TEI}choice")[0]
    assert second.find(f"{TEI}sic/{TEI}persName") is not None  # the name taken whole


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--find", "he"], "is found 25 times; say which with --in ID or --occurrence N: 1) p3:"),
        (["--find", "nowhere at all"], "'nowhere at all' is not in the text"),
        (["--find", "  "], "--find is empty"),
        (["--find", "he acute", "--replace", "he  acute"], "--replace is the same as the text"),
        (["--find", "he", "--in", "p3", "--occurrence", "9"], "--occurrence 9, but 'he' is found"),
        (["--find", "acute", "--by", "<b>x</b>"], "is not a person's name"),
        (["--find", "acute", "--kind", "date", "--replace", "1962-13-45"], "not a date"),
        (["--find", "feel he", "--kind", "attribution"], "is not in a speaker turn"),
        (["--find", "astro posed"], "'astro posed' is not in the text"),  # whole words only
        (["--find", "feel he", "--replace", "feel \x07the"], "U+0007, a character XML cannot"),
        (["--find", "feel he", "--reason", "\x00"], "--reason holds U+0000"),
    ],
)
def test_refusals_name_the_file_and_change_nothing(runner, edition, args, message):
    target = edition / f"{TELEGRAM}.xml"
    before = target.read_bytes()
    options = {"--replace": "x", "--by": "Jane Roe"}
    for i in range(0, len(args), 2):
        options.pop(args[i], None)
    extra = [v for pair in options.items() for v in pair]
    result = correct(runner, edition, TELEGRAM, *args, *extra)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert str(target) in result.output or "contributor" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_a_cut_element_is_refused(runner, edition):
    result = correct(runner, edition, TELEGRAM, "--find", "Castro himself greeted", "--replace",
                     "Castro greeted", "--by", "Jane Roe", "--in", "p2")  # fmt: skip
    assert result.exit_code == 1  # 'Castro' is the end of 'Fidel Castro', not all of it
    assert f"{TELEGRAM}.xml: p2: the text cuts <persName> or <p> in two" in result.output
    result = correct(runner, edition, MEMCON, "--find", "MIKOYAN. But", "--replace", "x",
                     "--by", "Jane Roe")  # fmt: skip
    assert result.exit_code == 1
    assert "is not in the text" in result.output  # speaker and speech are two units


def test_unknown_document_is_a_usage_error(runner, edition):
    result = correct(runner, edition, "../etc/passwd", "--find", "a", "--replace", "b",
                     "--by", "Jane Roe")  # fmt: skip
    assert result.exit_code == 2
    assert "no such document" in result.output


def test_a_document_invalid_before_the_change_is_refused(runner, edition):
    target = edition / f"{TELEGRAM}.xml"
    target.write_text(target.read_text(encoding="utf-8").replace('type="import"', 'type="x"'),
                      encoding="utf-8")  # fmt: skip
    result = correct(runner, edition, TELEGRAM, "--find", "feel he", "--replace", "feel the",
                     "--by", "Jane Roe")  # fmt: skip
    assert result.exit_code == 1
    assert "fails validation before the change" in result.output


def test_a_file_changed_meanwhile_is_not_overwritten(edition):
    target = edition / f"{TELEGRAM}.xml"
    done = correct_document(target, [Request("feel he", "feel the", "Jane Roe")], "2024-01-01")
    target.write_bytes(target.read_bytes() + b"<!-- someone else -->")
    with pytest.raises(CorrectionError, match="changed on disk while the correction was made"):
        write_corrected(done)
    assert target.read_bytes().endswith(b"<!-- someone else -->")


def test_dry_run_shows_a_diff_and_writes_nothing(runner, edition):
    target = edition / f"{TELEGRAM}.xml"
    before = target.read_bytes()
    result = correct(runner, edition, TELEGRAM, "--find", "feel he", "--replace", "feel the",
                     "--by", "Jane Roe", "--dry-run")  # fmt: skip
    assert result.exit_code == 0
    assert '+        <respStmt xml:id="c-jane-roe">' in result.output
    assert "<sic>he</sic>" in result.output and "nothing written" in result.output
    assert target.read_bytes() == before


def test_attribution_and_date_keep_the_old_value(runner, edition):
    memcon = edition / f"{MEMCON}.xml"
    result = correct(runner, edition, MEMCON, "--find", "satisfied by our act", "--replace",
                     "guevara", "--kind", "attribution", "--by", "Jane Roe",
                     "--reason", "Test.")  # fmt: skip
    assert result.exit_code == 0, result.output
    root = root_of(memcon)
    change = root.findall(f".//{TEI}change")[-1]
    assert change.findtext(f"{TEI}seg[@type='before']") == "persons.xml#mikoyan"
    sp = root.xpath("//*[@xml:id = $id]", id=change.get("target")[1:])[0]
    assert sp.get("who") == "persons.xml#guevara"
    assert "satisfied by our act" in "".join(sp.itertext())
    result = correct(runner, edition, TELEGRAM, "--find", "6.XI.62", "--replace", "1962-11-07",
                     "--kind", "date", "--by", "Jane Roe")  # fmt: skip
    assert result.exit_code == 0, result.output
    change = root_of(edition / f"{TELEGRAM}.xml").findall(f".//{TEI}change")[-1]
    assert change.findtext(f"{TEI}seg[@type='before']") == "1962-11-06"
    assert change.findtext(f"{TEI}seg[@type='after']") == "1962-11-07"
    assert runner.invoke(cli, ["review", str(edition)]).exit_code == 0


BATCH = """by = "Jane Roe"

[[correction]]
document = "{telegram}"
find = "feel he acute"
replace = "feel the acute"
reason = "A typing slip."

[[correction]]
document = "{telegram}"
find = "Example 39"
replace = "Copy 39"
kind = "translation"

[[correction]]
document = "{memcon}"
find = "{memcon_find}"
replace = "isn't worth dying"
"""


def test_batch_is_all_or_nothing_per_document(runner, edition, tmp_path):
    batch = tmp_path / "fixes.toml"
    batch.write_text(BATCH.format(telegram=TELEGRAM, memcon=MEMCON, memcon_find="not there"),
                     encoding="utf-8")  # fmt: skip
    memcon_before = (edition / f"{MEMCON}.xml").read_bytes()
    result = runner.invoke(cli, ["correct", "--tei", str(edition), "--apply", str(batch)])
    assert result.exit_code == 1
    assert "corr2 in" in result.output and "'not there' is not in the text" in result.output
    assert (edition / f"{MEMCON}.xml").read_bytes() == memcon_before
    assert len(root_of(edition / f"{TELEGRAM}.xml").findall(f".//{TEI}choice")) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[correction]]\ndocument = "x"\nfnd = "a"\n', "fixes.toml:1: unknown key(s) fnd"),
        ('[[correction]]\ndocument = "../x"\nfind = "a"\nreplace = "b"\nby = "J R"\n',
         "is not a document name"),
        ('[[correction]]\ndocument = "x"\nfind = 3\n', "find must be a str"),
        ("[[correction]\n", "not TOML"),
        ('by = "Jane Roe"\n', "no [[correction]] entries"),
        ('[[correction]]\ndocument = "x"\nfind = "a"\nreplace = "b"\n', "by is missing"),
    ],
)  # fmt: skip
def test_a_bad_batch_file_is_refused_whole(runner, edition, tmp_path, text, message):
    batch = tmp_path / "fixes.toml"
    batch.write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in edition.iterdir()}
    result = runner.invoke(cli, ["correct", "--tei", str(edition), "--apply", str(batch)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert {p: p.read_bytes() for p in edition.iterdir()} == before


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('<corr resp="#c-jane-roe">', "<corr>"), "<corr> has no resp"),
        (('<corr resp="#c-jane-roe">', '<corr resp="#importer">'), "must name a person"),
        (('target="#corr1"', 'target="#p3"'), "no <change type=\"correction\"> in the"),
        (("<corr resp=\"#c-jane-roe\">the</corr>", '<corr resp="#c-jane-roe">he</corr>'),
         "reads the same as its <sic>"),
        (('who="#c-jane-roe"', 'who="#importer"'), "must name a person of the header"),
    ],
)  # fmt: skip
def test_review_and_validate_refuse_a_badly_recorded_correction(runner, edition, edit, message):
    correct(runner, edition, TELEGRAM, "--find", "feel he", "--replace", "feel the", "--by",
            "Jane Roe")  # fmt: skip
    target = edition / f"{TELEGRAM}.xml"
    text = target.read_text(encoding="utf-8")
    assert edit[0] in text
    target.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    for command in ("review", "validate"):
        result = runner.invoke(cli, [command, str(target)])
        assert result.exit_code == 1, result.output
        assert message in result.output


def test_review_lists_corrections_for_a_reviewer(runner, edition):
    correct(runner, edition, TELEGRAM, "--find", "feel he", "--replace", "feel the", "--by",
            "Jane Roe", "--reason", "A typing slip.")  # fmt: skip
    result = runner.invoke(cli, ["review", str(edition)])
    assert result.exit_code == 0, result.output
    assert "typo in p3 by Jane Roe, 2023-11-14: 'he' -> 'the': A typing slip." in result.output


def test_corrections_show_in_every_output(built):
    """The bundled edition's corrections: reading and mark in HTML (text as received in
    the diplomatic view), marker and errata in print, PDF and plain text, errata page."""
    from lxml import html
    from pypdf import PdfReader

    page = html.parse(str(built / "html" / f"{TELEGRAM}.html")).getroot()
    marks = page.find_class("choice")
    readings = [m.find_class("reading")[0].text_content() for m in marks]
    received = [m.find_class("diplomatic")[0].text_content() for m in marks]
    assert "the°" in readings and "he" in received
    assert all(m.get("tabindex") == "0" for m in marks)
    assert any("corrected to “the” by Edition Editor" in m.get("title") for m in marks)
    errata = html.parse(str(built / "html" / "errata.html")).getroot()
    links = [a.get("href") for a in errata.iterfind(".//table//a")]
    assert f"{TELEGRAM}.html#p3" in links and f"{MEMCON}.html#p68" in links
    places = [a.text for a in errata.iterfind(".//table//a")]
    assert places.count("opening") == 2 and "closing" in places and "¶ 3" in places
    assert not [p for p in places if p.startswith(("p", "sp", "ru-"))]  # no internal ids
    assert "Брежневу" in errata.text_content() and "Брезневу" in errata.text_content()
    text = (built / "text" / f"{TELEGRAM}.txt").read_text(encoding="utf-8")
    assert "feel the°10 acute" in text and "\nCORRECTIONS\n" in text
    assert "°10 ¶ 3: “he” corrected to “the” by Edition Editor" in text
    printed = (built / "print" / f"{TELEGRAM}.html").read_text(encoding="utf-8")
    assert '<sup class="corr-mark">°10</sup>' in printed and 'class="errata"' in printed
    volume = (built / "print" / "edition.html").read_text(encoding="utf-8")
    assert 'id="errata"' in volume
    pdf = " ".join(p.extract_text() for p in PdfReader(built / "pdf" / f"{TELEGRAM}.pdf").pages)
    assert "Copy°11" in pdf.replace(" ", "") and "corrected to “the”" in pdf


# -- what a contribution changes, and re-import -------------------------------------------------


def test_diff_shows_words_and_markup(runner, edition, tmp_path):
    old = tmp_path / "old.xml"
    old.write_bytes((edition / f"{MEMCON}.xml").read_bytes())
    correct(runner, edition, MEMCON, "--find", "isn't work dying", "--replace",
            "isn't worth dying", "--by", "Jane Roe", "--reason", "Typing.")  # fmt: skip
    correct(runner, edition, MEMCON, "--find", "satisfied by our act", "--replace", "guevara",
            "--kind", "attribution", "--by", "Jane Roe")  # fmt: skip
    new = edition / f"{MEMCON}.xml"
    result = runner.invoke(cli, ["diff", str(old), str(new)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "  p68: … but we believe that it isn't [-work-] {+worth+} dying beautifully." in lines
    assert any(line.startswith('  sp45: <sp who="persons.xml#mikoyan"') for line in lines)
    assert any('added <choice xml:id="corr1"> “work” → “worth”' in line for line in lines)
    assert any('added <respStmt xml:id="c-jane-roe">' in line for line in lines)
    md = runner.invoke(cli, ["diff", str(old), str(new), "--format", "md"])
    assert "| p68 | … but we believe that it isn't ~~work~~ **worth** dying beautifully. |" in (
        md.output
    )
    same = runner.invoke(cli, ["diff", str(new), str(new)])
    assert same.exit_code == 0 and "no change" in same.output


def test_diff_against_a_git_revision(runner, tmp_path, monkeypatch):
    import subprocess

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "golden" / "tei", repo / "tei")
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, repo / "tei")
    monkeypatch.chdir(repo)
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "."], check=True)
    subprocess.run(["git", *env, "commit", "-qm", "x"], check=True)
    runner.invoke(cli, ["correct", MEMCON, "--find", "isn't work dying", "--replace",
                        "isn't worth dying", "--by", "Jane Roe"])  # fmt: skip
    result = runner.invoke(cli, ["diff", "--rev", "HEAD"])
    assert result.exit_code == 1, result.output
    assert f"tei/{MEMCON}.xml (HEAD → now)" in result.output
    assert "[-work-] {+worth+}" in result.output
    assert TELEGRAM not in result.output  # unchanged files are not shown
    for bad in ("--upload-pack=x", "nope", "HEAD;rm"):
        refused = runner.invoke(cli, ["diff", "--rev", bad])
        assert refused.exit_code == 2 and "error:" in refused.output


def test_import_check_sees_work_beyond_the_corrections(runner, edition):
    sources = [str(ROOT / "sources" / f"{d}.txt") for d in (TELEGRAM, MEMCON)]
    correct(runner, edition, MEMCON, "--find", "isn't work dying", "--replace",
            "isn't worth dying", "--by", "Jane Roe")  # fmt: skip
    result = runner.invoke(cli, ["import", "--check", *sources, "--out", str(edition)])
    assert result.exit_code == 0, result.output
    assert "same as a fresh import" in result.output and "(1 correction(s) kept)" in result.output
    target = edition / f"{TELEGRAM}.xml"
    target.write_text(target.read_text(encoding="utf-8").replace("acute", "sharp"),
                      encoding="utf-8")  # fmt: skip  # a hand edit, not recorded
    result = runner.invoke(cli, ["import", "--check", *sources, "--out", str(edition)])
    assert result.exit_code == 1
    assert "a fresh import of" in result.output and "[-sharp-] {+acute+}" in result.output


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda t: t.replace("</revisionDesc>", "<change>x</change></revisionDesc>"),
         "records edits made after the import"),  # no type
        (lambda t: t.replace("</revisionDesc>",
                             '<x:change xmlns:x="urn:x" type="import">x</x:change></revisionDesc>'),
         "records edits made after the import"),  # another namespace
        (lambda t: t.replace("</revisionDesc>", "</revisionDesc>&"), "not well-formed XML"),
        (lambda t: t.replace("acute", "<choice><sic>x</sic><corr>y</corr></choice>", 1),
         "carries corrections"),
        (lambda t: t.replace('type="import"', 'type="import"') + "<!--", "not well-formed"),
        (lambda t: t.replace("<TEI ", "<t:TEI xmlns:t='urn:x' ").replace("</TEI>", "</t:TEI>"),
         "not a TEI document"),
    ],
)  # fmt: skip
def test_force_never_replaces_a_file_that_may_be_edited(runner, edition, edit, reason):
    target = edition / f"{TELEGRAM}.xml"
    text = edit(target.read_text(encoding="utf-8"))
    target.write_text(text, encoding="utf-8")
    source = str(ROOT / "sources" / f"{TELEGRAM}.txt")
    result = runner.invoke(cli, ["import", source, "--out", str(edition), "--force"])
    assert result.exit_code == 3, result.output
    assert f"{target}: not overwritten: " in result.output and reason in result.output
    assert target.read_text(encoding="utf-8") == text


def test_tei_is_its_sources_plus_recorded_corrections(runner):
    """The master copy differs from a fresh import only by its recorded corrections: a
    hand edit of the words, or a reader change not adopted, fails here."""
    result = runner.invoke(
        cli, ["import", "--check", *map(str, sorted((ROOT / "sources").glob("*.txt"))),
              "--out", str(ROOT / "tei")]
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_a_note_of_this_edition(runner, edition):
    journal = "1963-03-23-journal-alekseyev-conversation-castro"
    result = runner.invoke(cli, ["annotate", "--tei", str(edition), journal, "--find",
                                 "13 February 1963", "--note", "Dates disagree.", "--by",
                                 "Jane Roe"])  # fmt: skip
    assert result.exit_code == 0, result.output
    root = root_of(edition / f"{journal}.xml")
    note = root.find(f".//{TEI}note[@subtype='edition']")
    assert note.text == "Dates disagree." and note.get("resp") == "#c-jane-roe"
    assert note.getparent().tag == f"{TEI}dateline"  # after the date, not inside it
    assert note.getprevious().tag == f"{TEI}date"
    change = root.findall(f".//{TEI}change")[-1]
    assert change.get("type") == "annotation" and change.get("target") == "#edn1"
    assert runner.invoke(cli, ["review", str(edition)]).exit_code == 0
    check = runner.invoke(cli, ["import", "--check", str(ROOT / "sources" / f"{journal}.txt"),
                                "--out", str(edition)])  # fmt: skip
    assert check.exit_code == 0, check.output  # not part of the text as received
    target = edition / f"{journal}.xml"
    target.write_text(target.read_text(encoding="utf-8").replace('target="#edn1"', 'target="#p1"'),
                      encoding="utf-8")  # fmt: skip
    result = runner.invoke(cli, ["review", str(target)])
    assert result.exit_code == 1 and 'no <change type="annotation"> records this note' in (
        result.output
    )


def test_the_journal_note_shows_in_every_output(built):
    stem = "1963-03-23-journal-alekseyev-conversation-castro"
    text = " ".join((built / "text" / f"{stem}.txt").read_text(encoding="utf-8").split())
    assert "[Note of this edition (Edition Editor): The dates of this record" in text
    page = (built / "html" / f"{stem}.html").read_text(encoding="utf-8")
    assert "Note of this edition (Edition Editor): </span>" in page or (
        "Note of this edition (Edition Editor): " in page
    )
    assert "Note of this edition (Edition Editor)" in (built / "print" / f"{stem}.html").read_text(
        encoding="utf-8"
    )


def test_a_contributor_named_by_id(runner, edition):
    result = correct(runner, edition, TELEGRAM, "--find", "feel he", "--replace", "feel the",
                     "--by", "c-jane-roe")  # fmt: skip
    assert result.exit_code == 1
    assert "unknown contributor #c-jane-roe" in result.output
    correct(runner, edition, TELEGRAM, "--find", "feel he", "--replace", "feel the", "--by",
            "Jane Roe")  # fmt: skip
    result = correct(runner, edition, MEMCON, "--find", "isn't work dying", "--replace",
                     "isn't worth dying", "--by", "#c-jane-roe")  # fmt: skip
    assert result.exit_code == 0, result.output
    stmt = root_of(edition / f"{MEMCON}.xml").find(f".//{TEI}respStmt[{TEI}persName='Jane Roe']")
    assert stmt is not None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_span_is_corrected_or_refused_and_nothing_else_changes(tmp_path_factory, data):
    """A random run of words of a random unit, replaced: either a clear refusal, or a valid
    document whose text as received is unchanged and whose reading has the replacement."""
    from edition.reading import paragraphs, units

    folder = tmp_path_factory.mktemp("prop")
    shutil.copy(ROOT / "tests" / "golden" / "tei" / f"{TELEGRAM}.xml", folder)
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, folder)
    path = folder / f"{TELEGRAM}.xml"
    root = etree.parse(str(path)).getroot()
    candidates = [u for u in units(root.find(f"{TEI}text")) if len(u.text.split()) >= 2 and u.id]
    unit = data.draw(st.sampled_from(candidates))
    words = unit.text.split()
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, min(len(words), start + 6)))
    find = " ".join(words[start:end])
    request = Request(find, "REPLACED", "Jane Roe", within=unit.id, occurrence=1)
    before = paragraphs(root, "received")
    try:
        done = correct_document(path, [request], "2024-01-01")
    except CorrectionError as exc:
        assert str(exc)
        return
    new = etree.fromstring(done.new)
    assert paragraphs(new, "received") == before
    assert "REPLACED" in paragraphs(new)[done.applied[0].at]


def test_adopt_carries_every_correction_over_a_fresh_import(runner, tmp_path):
    """The bundled master copies adopted as they are give themselves back (one more
    import recorded); a newer reader's markup is kept with the corrections on it."""
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    sources = [str(p) for p in sorted((ROOT / "sources").glob("*.txt"))]
    result = runner.invoke(cli, ["import", "--adopt", "-q", *sources, "--out", str(tei)])
    assert result.exit_code == 0, result.output
    for path in documents(tei):
        master = etree.parse(str(ROOT / "tei" / path.name)).getroot()
        adopted = etree.parse(str(path)).getroot()
        changes = adopted.findall(f".//{TEI}change")
        assert etree.tostring(adopted.find(f"{TEI}text")) == etree.tostring(
            master.find(f"{TEI}text")
        ), path.name
        assert len(changes) == len(master.findall(f".//{TEI}change")) + (
            1 if master.find(f".//{TEI}choice") is not None or "journal" in path.name else 0
        )
    assert runner.invoke(cli, ["review", str(tei)]).exit_code == 0
    check = runner.invoke(cli, ["import", "--check", *sources, "--out", str(tei)])
    assert check.exit_code == 0, check.output


def test_adopt_places_corrections_in_new_markup_and_refuses_what_moved(runner, edition, tmp_path):
    source = ROOT / "sources" / f"{TELEGRAM}.txt"
    correct(runner, edition, TELEGRAM, "--find", "Fidel received me", "--replace",
            "Fidel met me", "--by", "Jane Roe")  # fmt: skip
    correct(runner, edition, TELEGRAM, "--find", "6.XI.62", "--replace", "1962-11-07",
            "--kind", "date", "--by", "Jane Roe")  # fmt: skip
    # A newer reader no longer tags "Fidel" in p3: the correction lands in the new markup.
    config = tmp_path / "edition.toml"
    config.write_text('title = "T"\npublisher = "edition"\n', encoding="utf-8")
    result = runner.invoke(cli, ["--project", str(tmp_path), "import", "--adopt", "-q",
                                 str(source), "--out", str(edition)])  # fmt: skip
    assert result.exit_code == 0, result.output
    adopted = (edition / f"{TELEGRAM}.xml").read_text(encoding="utf-8")
    assert "<placeName>" not in adopted  # the new reading (no gazetteer)
    assert (
        '<choice xml:id="corr1"><sic>received</sic><corr resp="#c-jane-roe">met</corr>' in adopted
    )
    assert 'when="1962-11-07"' in adopted
    assert runner.invoke(cli, ["review", str(edition)]).exit_code == 0
    # The text as received changed where a correction stands: refused, the file kept.
    changed = tmp_path / f"{TELEGRAM}.txt"
    changed.write_text(source.read_text(encoding="utf-8").replace("received me", "greeted me"),
                       encoding="utf-8")  # fmt: skip
    before = (edition / f"{TELEGRAM}.xml").read_bytes()
    result = runner.invoke(cli, ["import", "--adopt", str(changed), "--out", str(edition)])
    assert result.exit_code == 1
    assert "#corr1: the text as received changed in p3; carry it over by hand" in result.output
    assert (edition / f"{TELEGRAM}.xml").read_bytes() == before


def test_adopt_brings_a_master_of_an_older_schema_up_to_date(runner, tmp_path):
    """A master written when brackets were ``supplied reason="subaudible"`` fails today's
    schema; adopting it gives today's encoding with its corrections, which is the way to
    upgrade. A master whose corrections are broken is still refused."""
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    master = tei / f"{TELEGRAM}.xml"
    old = master.read_text(encoding="utf-8").replace('reason="implied"', 'reason="subaudible"')
    master.write_text(old, encoding="utf-8")
    assert runner.invoke(cli, ["validate", str(master)]).exit_code == 1
    source = str(ROOT / "sources" / f"{TELEGRAM}.txt")
    result = runner.invoke(cli, ["import", "--adopt", "-q", source, "--out", str(tei)])
    assert result.exit_code == 0, result.output
    adopted = master.read_text(encoding="utf-8")
    assert 'reason="subaudible"' not in adopted and 'reason="implied"' in adopted
    assert adopted.count("<choice ") == old.count("<choice ")
    assert runner.invoke(cli, ["validate", str(tei)]).exit_code == 0
    broken = adopted.replace('<corr resp="#c-edition-editor">', '<corr resp="#nobody">', 1)
    master.write_text(broken, encoding="utf-8")
    result = runner.invoke(cli, ["import", "--adopt", "-q", source, "--out", str(tei)])
    assert result.exit_code == 3 and "not adopted: its corrections fail" in result.output
    assert master.read_text(encoding="utf-8") == broken
