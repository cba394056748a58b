from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "sources").glob("*.txt"))
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def tei_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An output folder holding the edition's persons and places, imports dated
    reproducibly."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    out = tmp_path / "tei"
    out.mkdir()
    for name in ("persons.xml", "places.xml"):
        shutil.copy(ROOT / "tei" / name, out / name)
    return out


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled edition built once, every format, for the output tests."""
    from edition.build import FORMATS, build
    from edition.config import load

    out = tmp_path_factory.mktemp("output")
    outcome = build(ROOT / "tei", out, set(FORMATS), load(ROOT).stylesheet_params())
    assert not outcome.problems, outcome.problems
    return out
