"""Import of the bundled sources: golden TEI files, reports, overwrite rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SOURCES
from lxml import etree

from edition.cli import cli

GOLDEN = ROOT / "tests" / "golden" / "tei"
ACTUAL = ROOT / "tests" / "_actual"
PI = re.compile(r'<\?xml-model href="[^"]*"')


def normalized(path: Path) -> str:
    return PI.sub('<?xml-model href="SCHEMA"', path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_reader_output_matches_golden(source, runner, tei_dir, update_golden):
    result = runner.invoke(cli, ["import", str(source), "--out", str(tei_dir)])
    assert result.exit_code == 0, result.output
    actual = normalized(tei_dir / f"{source.stem}.xml")
    golden = GOLDEN / f"{source.stem}.xml"
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
    if actual != golden.read_text(encoding="utf-8"):
        ACTUAL.mkdir(exist_ok=True)
        (ACTUAL / golden.name).write_text(actual, encoding="utf-8")
        pytest.fail(f"differs from {golden}; actual output in {ACTUAL / golden.name}")


def test_report_names_lines_of_uncertain_decisions(runner, tei_dir):
    memcon = next(s for s in SOURCES if "memcon" in s.name)
    result = runner.invoke(cli, ["import", str(memcon), "--out", str(tei_dir)])
    assert result.exit_code == 0
    assert f"{memcon}:146: info: 'DORTICOS objects.' read as narrative, not a turn" in result.output
    assert f"{memcon}:40: info: 'A.I. MIKOYAN expressed" in result.output


def test_quiet_hides_the_report_but_not_the_files(runner, tei_dir):
    result = runner.invoke(cli, ["import", *map(str, SOURCES), "--out", str(tei_dir), "-q"])
    assert result.exit_code == 0
    assert "info:" not in result.output
    assert result.output.count("wrote ") == len(SOURCES)


def test_existing_file_is_not_overwritten_without_force(runner, tei_dir):
    source = str(SOURCES[0])
    assert runner.invoke(cli, ["import", source, "--out", str(tei_dir)]).exit_code == 0
    target = tei_dir / f"{SOURCES[0].stem}.xml"
    target.write_text(target.read_text(encoding="utf-8") + "<!-- mine -->", encoding="utf-8")
    refused = runner.invoke(cli, ["import", source, "--out", str(tei_dir)])
    assert refused.exit_code == 3
    assert "use --force" in refused.output
    assert target.read_text(encoding="utf-8").endswith("<!-- mine -->")
    forced = runner.invoke(cli, ["import", source, "--out", str(tei_dir), "--force"])
    assert forced.exit_code == 0
    assert "<!-- mine -->" not in target.read_text(encoding="utf-8")


def test_edited_file_is_never_overwritten_even_with_force(runner, tei_dir):
    source = str(SOURCES[0])
    runner.invoke(cli, ["import", source, "--out", str(tei_dir)])
    target = tei_dir / f"{SOURCES[0].stem}.xml"
    text = target.read_text(encoding="utf-8").replace(
        "</revisionDesc>",
        '<change type="correction" when="2024-01-01" who="#importer">typo</change></revisionDesc>',
    )
    target.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["import", source, "--out", str(tei_dir), "--force"])
    assert result.exit_code == 3
    assert "records edits made after the import" in result.output
    assert target.read_text(encoding="utf-8") == text


def test_personography_is_created_and_new_people_reported(runner, tmp_path):
    out = tmp_path / "fresh"
    result = runner.invoke(cli, ["import", *map(str, SOURCES), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    persons = (out / "persons.xml").read_text(encoding="utf-8")
    for form in ("A.I. MIKOYAN", "O. DORTICOS", "ALEKSEEV", "V. Tikhmenev"):
        assert f">{form}<" in persons
    assert "persons added to the personography:" in result.output
    assert runner.invoke(cli, ["validate", str(out)]).exit_code == 0


def test_every_bundled_source_imports_into_valid_tei(runner, tei_dir):
    result = runner.invoke(cli, ["import", *map(str, SOURCES), "--out", str(tei_dir), "-q"])
    assert result.exit_code == 0
    check = runner.invoke(cli, ["validate", str(tei_dir)])
    assert check.exit_code == 0, check.output


def test_reader_is_general_for_its_family(runner, tei_dir):
    """An archive export of an English original, mixed-case speaker labels, many notes."""
    source = ROOT / "tests" / "fixtures" / "sources" / "1962-10-30-transcript-mccloy-kuznetsov.txt"
    result = runner.invoke(cli, ["import", str(source), "--out", str(tei_dir)])
    assert result.exit_code == 0, result.output
    assert "'McCloy objects to the wording.' read as narrative" in result.output
    tei = (tei_dir / f"{source.stem}.xml").read_text(encoding="utf-8")
    assert '<div type="original" xml:lang="en">' in tei
    assert tei.count('<sp who="persons.xml#mccloy"') == 2
    assert tei.count('<sp who="persons.xml#kuznetsov"') == 1
    assert tei.count('<sp who="persons.xml#mikoyan"') == 1
    assert tei.count('type="footnote"') == 3
    assert '<language ident="en">English</language>' in tei
    assert runner.invoke(cli, ["validate", str(tei_dir)]).exit_code == 0


def test_bulletin_reader_without_an_original(runner, tei_dir):
    """A bulletin transcription with no Russian pages, a footnote and capitals labels."""
    source = ROOT / "tests" / "fixtures" / "sources" / "1962-11-10-bulletin-english-only.txt"
    result = runner.invoke(cli, ["import", str(source), "--out", str(tei_dir)])
    assert result.exit_code == 0, result.output
    tei = (tei_dir / f"{source.stem}.xml").read_text(encoding="utf-8")
    assert 'type="original"' not in tei and '<div type="translation" xml:lang="en"' in tei
    assert '<sp who="persons.xml#u-thant"' in tei and '<sp who="persons.xml#kuznetsov"' in tei
    assert '<note n="1" type="footnote" place="end"' in tei
    assert '<supplied reason="explanation" resp="#ed" cert="low">about the ships</supplied>' in tei
    assert '<date when="1962-11-10">10.XI.62</date>' in tei
    assert "<name>the editor of the Bulletin</name>" in tei
    assert '<persName xml:id="tr1">Jane Roe</persName>' in tei
    assert runner.invoke(cli, ["validate", str(tei_dir)]).exit_code == 0


def test_a_record_dated_apart_from_its_conversation(runner, tei_dir):
    """The journal record: dispatched 23 March 1963, the conversation of 13 February in its
    dateline, and a title that says 15 January: both dates encoded, the conflict reported."""
    journal = next(s for s in SOURCES if "journal" in s.name)
    result = runner.invoke(cli, ["import", str(journal), "--out", str(tei_dir)])
    assert result.exit_code == 0, result.output
    assert f"{journal}:41: warning: the dateline gives 1963-02-13" in result.output
    assert "the title gives yet another date, 1963-01-15" in result.output
    tei = (tei_dir / f"{journal.stem}.xml").read_text(encoding="utf-8")
    assert '<date when="1963-03-23" type="dispatch">March 23, 1963</date>' in tei
    assert '<dateline><date when="1963-02-13" type="conversation">' in tei
    assert '<stamp type="dispatch"><date when="1963-03-23" type="dispatch">' in tei


def test_one_person_in_every_transliteration(runner, tmp_path):
    """Into an empty folder: Alekseev, A.I. ALEKSEEV, A. ALEKSEYEV are one person, as are
    О.ДОРТИКОС, O. DORTICOS and DORTICOS; each form met is kept with their names."""
    out = tmp_path / "fresh"
    result = runner.invoke(cli, ["import", *map(str, SOURCES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "persons added to the personography: alekseev, dortikos, mikoyan, rodriguez, " in (
        result.output
    )
    assert "'A. ALEKSEYEV' read as #alekseev; added to their names" in result.output
    persons = (out / "persons.xml").read_text(encoding="utf-8")
    assert persons.count("<person ") == 6
    for form in ("A.I. ALEKSEEV", "A. ALEKSEYEV", "О.ДОРТИКОС", "O. DORTICOS"):
        assert f">{form}<" in persons


def test_an_ambiguous_name_is_reported_not_minted():
    from edition.persons import Person, Personography

    book = Personography(
        {"fidel-castro": Person("fidel-castro", [("Fidel Castro", None)]),
         "raul-castro": Person("raul-castro", [("Raúl Castro", None)])}
    )  # fmt: skip
    assert book.candidates("CASTRO") == ["fidel-castro", "raul-castro"]
    assert book.candidates("R. Kastro") == ["raul-castro"]
    assert book.candidates("Кастро") == ["fidel-castro", "raul-castro"]
    assert book.resolve("Кастро") is None


def test_notes_say_who_wrote_them(runner, tei_dir):
    """Footnotes and closing notes of an archive export are its editor's, not the
    translator's (the div they sit in is the translator's); the translator's bracketed
    explanations (glosses) stay the translator's."""
    for stem in ("1962-10-28-cable-alekseev-foreign-ministry",
                 "1962-11-04-telegram-alekseev-foreign-ministry"):  # fmt: skip
        source = ROOT / "sources" / f"{stem}.txt"
        assert runner.invoke(cli, ["import", str(source), "--out", str(tei_dir)]).exit_code == 0
        tei = (tei_dir / f"{stem}.xml").read_text(encoding="utf-8")
        notes = [n for n in re.findall(r"<note [^>]*>", tei) if 'type="gloss"' not in n]
        assert notes and all('resp="#ed"' in note for note in notes), notes
        glosses = re.findall(r'<note type="gloss"[^>]*>', tei)
        assert all('resp="#tr1"' in gloss for gloss in glosses), glosses
        assert '<respStmt xml:id="ed">' in tei


def test_a_distribution_table_is_read_column_by_column(runner, tei_dir):
    """The 6 November telegram's list: the first column in its order, then the second;
    the third column's office notes in a list of their own; every item keeps its place."""
    telegram = next(s for s in SOURCES if "mikoyan-cc-cpsu" in s.name)
    assert runner.invoke(cli, ["import", str(telegram), "--out", str(tei_dir)]).exit_code == 0
    root = etree.parse(str(tei_dir / f"{telegram.stem}.xml")).getroot()
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    addressees = root.find(".//t:list[@type='distribution']", ns)
    office = root.find(".//t:list[@type='office']", ns)
    names = ["".join(item.itertext()) for item in addressees]
    assert names[:4] == ["Брезневу", "Воронову", "Кириленко", "Козлову"]  # column 1, in order
    assert names.index("Хрущеву") < names.index("Мжавинадзе")  # column 2 after column 1
    assert ["".join(i.itertext()) for i in office] == ["Копия", "Ю.отдел", "Отдел печати", "В дело"]
    assert [i.get("n") for i in office] == ["2.3", "3.3", "4.3", "5.3"]
    assert addressees[0].get("n") == "1.1" and "Царанкину" in names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "memcon",
            '<speaker><persName ref="persons.xml#mikoyan">A.I. MIKOYAN</persName>, </speaker>'
            '\n          <stage type="delivery">to <persName ref="persons.xml#guevara">Ché'
            "</persName>:",
        ),
        ("memcon", '(<stage type="delivery">To <persName ref="persons.xml#alekseev">Alekseev'),
        (
            "memcon",
            '<note type="gloss" place="inline" resp="#ed" xml:id="n5"><term xml:lang="ru-Latn" '
            'rend="italic">iuridicheski</term></note>',
        ),
        (
            "cable",
            '<note type="gloss" place="inline" resp="#tr1" xml:id="n2">to remove the '
            'missiles under <orgName ref="places.xml#un">UN</orgName> inspection</note>',
        ),
        ("11-06", 'Correct: <gap reason="signature"/>'),
        (
            "11-06",
            'this one <note type="gloss" place="inline" resp="#ed" xml:id="n1">'
            '<date when="1962-10-26" cert="medium">26 October</date></note>',
        ),
    ],
)
def test_brackets_and_directions_by_meaning(runner, tei_dir, name, expected):
    """Implied words, explanations, original terms and stage directions each their own
    way (docs/ENCODING.md gives the reasons)."""
    source = next(s for s in SOURCES if name in s.name)
    assert runner.invoke(cli, ["import", str(source), "--out", str(tei_dir)]).exit_code == 0
    assert expected in (tei_dir / f"{source.stem}.xml").read_text(encoding="utf-8")


def test_an_import_in_several_processes_is_the_import_one_by_one(tmp_path, monkeypatch):
    """Sources converted in two processes give the same files, personography, report and
    refusals as one by one, byte for byte: with persons first met in a batch (whose
    later documents must then be read with them), one met late in a long batch, sources
    that fail mid-batch (one in a task of several documents), and the same sources
    again."""
    from edition.importer import import_sources

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sources = tmp_path / "sources"
    sources.mkdir()
    for i in range(40):  # later batches are sent as tasks of several documents
        src = SOURCES[i % len(SOURCES)]
        (sources / f"{i:02d}-{src.name}").write_bytes(src.read_bytes())
    for broken in ("05-broken.txt", "20-broken.txt"):
        (sources / broken).write_bytes(b"\x00 not a transcription")
    # A person first met late, in a batch of all the rest, and met again after.
    memcon = next(s for s in SOURCES if "memcon" in s.name).read_text(encoding="utf-8")
    for late in ("30-zorin.txt", "36-zorin.txt"):
        (sources / late).write_text(memcon.replace("MIKOYAN", "ZORIN"), encoding="utf-8")
    files = sorted(sources.glob("*.txt"))
    results = {}
    for jobs in (1, 2):
        out = tmp_path / f"tei{jobs}"
        outcome = import_sources(files, out, jobs=jobs)
        results[jobs] = (
            {p.name: p.read_bytes() for p in sorted(out.glob("*.xml"))},
            [str(d) for d in outcome.report],
            [str(e) for e in outcome.failed],
            outcome.new_persons,
        )
    assert results[1] == results[2]
    files_written, _report, failed, new = results[2]
    assert len(files_written) == 43 and "persons.xml" in files_written  # 42 and persons
    assert len(failed) == 2 and "05-broken.txt" in failed[0] and "20-broken.txt" in failed[1]
    assert "mikoyan" in new and any("zorin" in p for p in new)


def test_an_import_stopped_half_way_leaves_nothing(tmp_path, monkeypatch):
    """Documents wait in hidden temporary files until the personography is written; an
    import interrupted before that leaves no document, no temporary file and no
    personography behind."""
    from edition import importer

    made = []
    real = importer.convert

    def convert_then_stop(*args, **kwargs):
        if len(made) == 3:
            raise KeyboardInterrupt
        made.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "convert", convert_then_stop)
    out = tmp_path / "tei"
    with pytest.raises(KeyboardInterrupt):
        importer.import_sources(list(SOURCES), out, jobs=1)
    assert len(made) == 3
    assert sorted(p.name for p in out.iterdir()) == [".edition.lock"]


def test_an_import_never_writes_tei_its_schema_rejects(tmp_path, monkeypatch):
    """The import checks what it made (the tree as it will be written) against the
    schema: a reader's bug is said as one, and that document is not written."""
    from edition import importer
    from edition.tei import E

    real = importer.convert

    def convert_badly(*args, **kwargs):
        root, report = real(*args, **kwargs)
        root.append(E.unknown("not TEI"))
        return root, report

    monkeypatch.setattr(importer, "convert", convert_badly)
    outcome = importer.import_sources([SOURCES[0]], tmp_path / "tei")
    assert len(outcome.failed) == 1 and not outcome.written
    assert "internal error, the TEI produced is invalid" in str(outcome.failed[0])
    assert not (tmp_path / "tei" / f"{SOURCES[0].stem}.xml").exists()
