"""edition.toml: found from the current folder up or named with --project, checked on load;
edition new; a second, unrelated edition from an installed (not editable) package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import html

from edition.cli import cli
from edition.config import load

SOURCE = ROOT / "sources" / "1962-11-04-telegram-alekseev-foreign-ministry.txt"


def test_the_bundled_edition_is_a_project(monkeypatch):
    monkeypatch.chdir(ROOT / "tei")  # found from a folder below, like git
    project = load()
    assert project.found and project.root == ROOT
    assert project.edition.title.startswith("Soviet Records of the Cuban Missile Crisis")
    gazetteer = project.gazetteer(ROOT / "tei")  # the forms of tei/places.xml, with refs
    assert "Havana" in gazetteer.places and ("CC CPSU", "places.xml#cc-cpsu") in gazetteer.refs
    assert project.editor_name("editor") == "Edition Editor"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title = "T"\npublisher = "P"\ntitel = "typo"\n', "unknown key 'titel'"),
        ('publisher = "P"\n', "'title' is missing"),
        ('title = 3\npublisher = "P"\n', "'title': Expected `str`, got `int`"),
        ('title = "T"\npublisher = "P"\ndefault_view = "x"\n', "'default_view'"),
        ('title = "T"\npublisher = "P"\nbase_url = "javascript:alert(1)"\n', "'base_url'"),
        ('title = "T"\npublisher = "P"\n[paths]\ntei = "../elsewhere"\n', "'paths.tei'"),
        ('title = "T"\npublisher = "P"\n[[editors]]\nid = "Bad Id"\nname = "X Y"\n',
         "'editors.0.id'"),
        ('title = "T\\u0007"\npublisher = "P"\n', "'title'"),
        ("title = [\n", "not TOML"),
    ],
)  # fmt: skip
def test_a_bad_configuration_is_one_clear_line(runner, tmp_path, text, message):
    (tmp_path / "edition.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["--project", str(tmp_path), "validate"])
    assert result.exit_code == 2, result.output
    assert message in result.output and "edition.toml" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_configuration_sets_title_gazetteer_and_folders(runner, tmp_path):
    (tmp_path / "edition.toml").write_text(
        'title = "A Test Edition"\nsubtitle = "Of one telegram"\npublisher = "Test Press"\n'
        '[licence]\nname = "CC BY 4.0"\nurl = "https://creativecommons.org/licenses/by/4.0/"\n'
        '[paths]\ntei = "master"\noutput = "site"\n'
        '[gazetteer]\nplaces = ["Havana"]\norganisations = []\n',
        encoding="utf-8",
    )
    base = ["--project", str(tmp_path)]
    assert runner.invoke(cli, [*base, "import", "-q", str(SOURCE)]).exit_code == 0
    tei = (tmp_path / "master" / f"{SOURCE.stem}.xml").read_text(encoding="utf-8")
    assert "<placeName>Havana</placeName>" in tei and "<placeName>Cuba</placeName>" not in tei
    assert runner.invoke(cli, [*base, "build", "--formats", "html"]).exit_code == 0
    index = html.parse(str(tmp_path / "site" / "html" / "index.html")).getroot()
    assert index.findtext(".//h1") == "A Test Edition"
    assert "Of one telegram" in index.text_content() and "Published by Test Press" in (
        index.text_content()
    )
    licence = index.find(".//a[@rel='license']")
    assert licence.get("href") == "https://creativecommons.org/licenses/by/4.0/"
    override = runner.invoke(cli, [*base, "build", "--formats", "html", "--title", "Other"])
    assert override.exit_code == 0
    index = html.parse(str(tmp_path / "site" / "html" / "index.html")).getroot()
    assert index.findtext(".//h1") == "Other"


def test_an_editor_of_the_configuration_is_credited_by_id(runner, tmp_path):
    (tmp_path / "edition.toml").write_text(
        'title = "T"\npublisher = "P"\n[[editors]]\nid = "jr"\nname = "Jane Roe"\n',
        encoding="utf-8",
    )
    base = ["--project", str(tmp_path)]
    assert runner.invoke(cli, [*base, "import", "-q", str(SOURCE)]).exit_code == 0
    result = runner.invoke(cli, [*base, "correct", SOURCE.stem, "--find", "We agreed",
                                 "--replace", "We decided", "--by", "jr"])  # fmt: skip
    assert result.exit_code == 0, result.output
    tei = (tmp_path / "tei" / f"{SOURCE.stem}.xml").read_text(encoding="utf-8")
    assert '<respStmt xml:id="c-jane-roe">' in tei and "<persName>Jane Roe</persName>" in tei


def test_new_refuses_a_folder_that_is_not_empty(runner, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "mine.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, ["new", str(tmp_path / "x"), "--title", "T"])
    assert result.exit_code == 2 and "is not an empty folder" in result.output
    result = runner.invoke(cli, ["new", str(tmp_path / "y"), "--title", "T\x07"])
    assert result.exit_code == 2 and not (tmp_path / "y").exists()


def test_a_second_edition_from_an_installed_package(tmp_path):
    """pip install (not editable) into a folder of its own; edition new outside the
    repository; import, validate and build there, with the new edition's own title."""
    target = tmp_path / "site-packages"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check",
         "--target", str(target), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    code = (
        "import sys; sys.path.insert(0, sys.argv.pop(1)); import edition.cli as c; "
        "assert c.__file__.startswith(sys.path[0]), c.__file__; c.main()"
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONNOUSERSITE": "1"}

    def edition(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code, str(target), *args], cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=300)  # fmt: skip

    made = edition("new", "berlin", "--title", "Soviet Records of the Berlin Crisis, 1961",
                   cwd=work)  # fmt: skip
    assert made.returncode == 0, made.stderr
    edition_dir = work / "berlin"
    for name in ("edition.toml", "README.md", ".gitignore", ".pre-commit-config.yaml",
                 ".github/workflows/edition.yml"):  # fmt: skip
        assert (edition_dir / name).is_file(), name
    assert "requirements.txt" in (edition_dir / ".github/workflows/edition.yml").read_text()
    shutil.copy(SOURCE, edition_dir / "sources")
    for args in (("import", "-q", f"sources/{SOURCE.name}"), ("validate",), ("review",),
                 ("build", "--formats", "html,print,text")):  # fmt: skip
        done = edition(*args, cwd=edition_dir)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    index = html.parse(str(edition_dir / "output" / "html" / "index.html")).getroot()
    assert index.findtext(".//h1") == "Soviet Records of the Berlin Crisis, 1961"
    assert (edition_dir / "output" / "text" / f"{SOURCE.stem}.txt").exists()


def test_publisher_and_licence_reach_the_tei(runner, tmp_path):
    (tmp_path / "edition.toml").write_text(
        'title = "T"\npublisher = "Test Press"\n'
        '[licence]\nname = "CC BY 4.0"\nurl = "https://creativecommons.org/licenses/by/4.0/"\n',
        encoding="utf-8",
    )
    base = ["--project", str(tmp_path)]
    assert runner.invoke(cli, [*base, "import", "-q", str(SOURCE)]).exit_code == 0
    tei = (tmp_path / "tei" / f"{SOURCE.stem}.xml").read_text(encoding="utf-8")
    assert "<publisher>Test Press</publisher>" in tei
    assert (
        '<licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence>' in tei
    )
    assert runner.invoke(cli, [*base, "validate"]).exit_code == 0
    check = runner.invoke(cli, [*base, "import", "--check", str(SOURCE)])
    assert check.exit_code == 0, check.output


def test_volumes(runner, tmp_path):
    """Two print volumes, each of the documents whose names match, with its own title; a
    volume named like a document is refused; the former whole-edition volume is removed."""
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    config = tmp_path / "edition.toml"
    config.write_text('title = "T"\npublisher = "P"\n', encoding="utf-8")
    base = ["--project", str(tmp_path), "build", "--formats", "html,print"]
    assert runner.invoke(cli, base).exit_code == 0
    assert (tmp_path / "output" / "print" / "edition.html").exists()
    config.write_text(
        'title = "T"\npublisher = "P"\n'
        '[[volumes]]\nid = "autumn-1962"\ntitle = "Autumn 1962"\ndocuments = ["1962-*"]\n'
        '[[volumes]]\nid = "winter-1963"\ntitle = "Winter 1963"\ndocuments = ["1963-*"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, base)
    assert result.exit_code == 0, result.output
    printed = tmp_path / "output" / "print"
    autumn = (printed / "autumn-1962.html").read_text(encoding="utf-8")
    winter = (printed / "winter-1963.html").read_text(encoding="utf-8")
    assert autumn.count('<article class="document"') == 4 and "Autumn 1962" in autumn
    assert winter.count('<article class="document"') == 1 and "Winter 1963" in winter
    assert not (printed / "edition.html").exists()
    stem = "1962-11-04-telegram-alekseev-foreign-ministry"
    config.write_text(
        f'title = "T"\npublisher = "P"\n[[volumes]]\nid = "{stem}"\ntitle = "X"\n'
        'documents = ["*"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, base)
    assert result.exit_code == 1 and f"would make {stem}.html, which is taken" in result.output
    page = (printed / f"{stem}.html").read_text(encoding="utf-8")
    assert page.count('<article class="document"') == 1 and "title-page" not in page


def test_a_language_the_edition_does_not_list_is_a_warning(runner, tmp_path):
    (tmp_path / "edition.toml").write_text('title = "T"\npublisher = "P"\nlanguages = ["en"]\n',
                                           encoding="utf-8")  # fmt: skip
    base = ["--project", str(tmp_path)]
    assert runner.invoke(cli, [*base, "import", "-q", str(SOURCE)]).exit_code == 0
    result = runner.invoke(cli, [*base, "validate"])
    assert result.exit_code == 0  # a warning, not an error
    assert "warning: language 'ru' is not one of the edition's (en" in result.output
