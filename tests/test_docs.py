"""The documentation tells the truth about the commands and the encoding."""

from __future__ import annotations

import pytest
from conftest import ROOT

from edition.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
ENCODING = (ROOT / "docs" / "ENCODING.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented_and_has_help(runner, command):
    assert f"edition {command}" in CLI_DOC
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_readme_gives_the_two_commands():
    assert "bash .ci/run" in README
    assert "pip install -q -e . && .venv/bin/edition build" in README


@pytest.mark.parametrize(
    "convention",
    [
        "Top Secret Copy № 1",
        "Outgoing № 86",
        "№ 97/07",
        "4.XI.62",
        "28/X/62",
        "Evening 5 November 1962",
        "Recorded by: [signature] V. Tikhmenev",
        "A.I. MIKOYAN, to Ché:",
        "DORTICOS objects.",
        "[Ed. note:",
        "[Cuban]",
        "[escort?—ed.]",
        "[*vpechatlitel'nost'*]",
        "[u nas]",
        "[po-kazennomu]",
        "[?]",
        "[signature]",
        "на аэро-",
        "□",
        "<sup>th</sup>",
        "# Шифр",
        "Dash-led",
        "Distribution list",
        "persons.xml",
        "<supplied>Carlos M.</supplied> Lechuga <supplied>Hevia</supplied>",
        "(To Alekseev)",
        "[to remove the missiles under UN inspection]",
        "Caribbean Crisis",
        "(signature)",
    ],
)
def test_encoding_doc_covers_each_convention(convention):
    assert convention in ENCODING


@pytest.mark.parametrize("name", [".pre-commit-config.yaml", ".pre-commit-hooks.yaml"])
def test_pre_commit_hooks_run_real_commands(runner, name):
    import re

    text = (ROOT / name).read_text(encoding="utf-8")
    entries = re.findall(r"entry: edition (\w+)(.*)", text)
    assert {command for command, _ in entries} == {"validate", "review"}
    for command, args in entries:
        result = runner.invoke(cli, [command, *args.split(), str(ROOT / "tei")])
        assert result.exit_code == 0, result.output
