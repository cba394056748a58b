"""An edition with one volume per folder (tei/autumn-1962/, tei/later/): documents are
imported into their volume's folder and point to the edition's persons.xml and places.xml
in the folder above; validate, correct and build follow them, and the edition built is
the one its volumes would make if configured by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SOURCES
from lxml import etree
from test_incremental import outputs

from edition.cli import cli
from edition.tei import AUTHORITY_FILES, TEI_NS

AUTUMN = [s for s in SOURCES if s.name.startswith(("1962-10", "1962-11-04", "1962-11-05"))]
LATER = [s for s in SOURCES if s.name.startswith("1962-11-06")]
JOURNAL = [s for s in SOURCES if s.name.startswith("1963")]
MEMCON = "1962-11-05-memcon-mikoyan-dorticos-guevara-rodriguez"


def _edition(folder: Path, volumes: str = "") -> Path:
    """An edition folder: the project's edition.toml (and volumes), its persons and places."""
    folder.mkdir()
    config = (ROOT / "edition.toml").read_text(encoding="utf-8")
    (folder / "edition.toml").write_text(f"{config}\n{volumes}", encoding="utf-8")
    (folder / "tei").mkdir()
    for name in AUTHORITY_FILES:
        shutil.copy(ROOT / "tei" / name, folder / "tei" / name)
    return folder


def _run(runner, folder: Path, *args: str):
    return runner.invoke(cli, ["--project", str(folder), *args])


@pytest.fixture
def in_folders(runner, tmp_path, monkeypatch) -> Path:
    """Three documents in tei/autumn-1962/, one in tei/later/, the journal in tei/."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = _edition(tmp_path / "folders")
    tei = folder / "tei"
    for sources, out in ((AUTUMN, tei / "autumn-1962"), (LATER, tei / "later"), (JOURNAL, tei)):
        result = _run(runner, folder, "import", "-q", *map(str, sources), "--out", str(out))
        assert result.exit_code == 0, result.output
    return folder


def test_documents_of_a_volume_folder_point_to_the_edition_persons(runner, in_folders):
    tei = in_folders / "tei"
    assert sorted(p.name for p in tei.glob("*.xml")) == sorted(
        [*AUTHORITY_FILES, f"{JOURNAL[0].stem}.xml"]
    )
    assert not any((tei / v / name).exists() for v in ("autumn-1962", "later")
                   for name in AUTHORITY_FILES)  # fmt: skip
    memcon = etree.parse(str(tei / "autumn-1962" / f"{MEMCON}.xml"))
    who = memcon.xpath("//t:sp/@who", namespaces={"t": TEI_NS})
    refs = memcon.xpath("//t:placeName/@ref", namespaces={"t": TEI_NS})
    assert who and all(w.startswith("../persons.xml#") for w in who)
    assert refs and all(r.startswith("../places.xml#") for r in refs)
    journal = (tei / f"{JOURNAL[0].stem}.xml").read_text(encoding="utf-8")
    assert 'ref="persons.xml#' in journal and "../persons.xml" not in journal
    result = _run(runner, in_folders, "validate")
    assert result.exit_code == 0, result.output
    assert "7 file(s) checked, 0 problem(s)" in result.output
    check = _run(runner, in_folders, "import", "--check", *map(str, AUTUMN),
                 "--out", str(tei / "autumn-1962"))  # fmt: skip
    assert check.exit_code == 0, check.output
    assert check.output.count("same as a fresh import") == 3


def test_volumes_of_folders_build_as_volumes_configured_by_name(runner, in_folders, tmp_path):
    """With no [[volumes]], each folder is a volume named after it; the edition is the
    one the same volumes give configured by name in one folder (but for the TEI offered
    for download, which keeps its pointers as written)."""
    result = _run(runner, in_folders, "build", "--formats", "html,print,text")
    assert result.exit_code == 0, result.output
    assert "1 document(s) in no volume" in result.output  # the journal, in tei/ itself
    flat = _edition(tmp_path / "flat", volumes=(
        '[[volumes]]\nid = "autumn-1962"\ntitle = "autumn-1962"\n'
        'documents = ["1962-10-*", "1962-11-04-*", "1962-11-05-*"]\n'
        '[[volumes]]\nid = "later"\ntitle = "later"\ndocuments = ["1962-11-06-*"]\n'))  # fmt: skip
    imported = _run(runner, flat, "import", "-q", *map(str, SOURCES))
    assert imported.exit_code == 0, imported.output
    assert _run(runner, flat, "build", "--formats", "html,print,text").exit_code == 0
    made, expected = outputs(in_folders / "output"), outputs(flat / "output")
    assert made.keys() == expected.keys()
    differ = sorted(name for name in made if made[name] != expected[name])
    assert differ == [f"tei/{s.stem}.xml" for s in [*AUTUMN, *LATER]]
    contents = (in_folders / "output" / "html" / "later.html").read_text(encoding="utf-8")
    assert f'href="{LATER[0].stem}.html"' in contents


def test_titles_of_folder_volumes_come_from_edition_toml(runner, in_folders):
    config = in_folders / "edition.toml"
    config.write_text(config.read_text(encoding="utf-8") +
                      '[[volumes]]\nid = "later"\ntitle = "Volume II: Later"\n',
                      encoding="utf-8")  # fmt: skip
    result = _run(runner, in_folders, "build", "--formats", "html")
    assert result.exit_code == 0, result.output
    index = (in_folders / "output" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Volume II: Later" in index and ">autumn-1962<" in index  # a folder all the same
    assert "1 document(s) in no volume" in result.output


def test_a_pointer_from_a_volume_folder_must_reach_the_edition(runner, in_folders):
    target = in_folders / "tei" / "later" / f"{LATER[0].stem}.xml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('"../persons.xml#', '"persons.xml#', 1), encoding="utf-8")
    result = _run(runner, in_folders, "validate")
    assert result.exit_code == 1
    assert "the edition's persons.xml is '../persons.xml' from this file" in result.output


def test_one_name_in_two_volume_folders_is_refused(runner, in_folders):
    tei = in_folders / "tei"
    twin = tei / "later" / f"{MEMCON}.xml"
    shutil.copy(tei / "autumn-1962" / f"{MEMCON}.xml", twin)
    result = _run(runner, in_folders, "validate")
    assert result.exit_code == 1
    assert f"{twin}: error: same document name as {tei / 'autumn-1962' / MEMCON}.xml" in (
        result.output
    )
    built = _run(runner, in_folders, "build", "--formats", "html")
    assert built.exit_code == 1 and "same document name" in built.output
    listed = (in_folders / "output" / "html" / "autumn-1962.html").read_text(encoding="utf-8")
    assert f'href="{MEMCON}.html"' in listed  # the first keeps its place
    twin.unlink()
    source = next(s for s in SOURCES if s.stem == MEMCON)
    again = _run(runner, in_folders, "import", str(source), "--out", str(tei / "later"))
    assert again.exit_code != 0
    assert "has this document's name already" in again.output
    assert not twin.exists()


def test_a_correction_in_a_volume_folder_points_as_its_document_does(runner, in_folders):
    memcon = in_folders / "tei" / "autumn-1962" / f"{MEMCON}.xml"
    result = _run(runner, in_folders, "correct", MEMCON, "--find", "satisfied by our act",
                  "--replace", "guevara", "--kind", "attribution", "--by", "Jane Roe")  # fmt: skip
    assert result.exit_code == 0, result.output
    root = etree.parse(str(memcon)).getroot()
    change = root.findall(f".//{{{TEI_NS}}}change")[-1]
    assert change.findtext(f"{{{TEI_NS}}}seg[@type='before']") == "../persons.xml#mikoyan"
    sp = root.xpath("//*[@xml:id = $id]", id=change.get("target")[1:])[0]
    assert sp.get("who") == "../persons.xml#guevara"
    assert _run(runner, in_folders, "validate").exit_code == 0
    assert _run(runner, in_folders, "review", "-q").exit_code == 0


def test_a_folder_whose_name_cannot_name_files_is_no_volume(runner, in_folders):
    tei = in_folders / "tei"
    (tei / "later").rename(tei / "Later <docs>")
    result = _run(runner, in_folders, "build", "--formats", "html")
    assert result.exit_code == 1
    assert "volume id 'Later <docs>' is not a plain name" in result.output
    assert f"{tei / 'Later <docs>'}: error: volume" in result.output
    others = (in_folders / "output" / "html" / "other-documents.html").read_text(encoding="utf-8")
    assert f'href="{LATER[0].stem}.html"' in others  # still published, and listed
