"""The Dask executor: a local cluster started here builds the bundled edition and a
generated corpus exactly as the serial build does, byte for byte."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

from edition import cache
from edition.build import FORMATS, build
from edition.cli import cli
from edition.config import load

PARAMS = load(ROOT).stylesheet_params()


def outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and cache.FOLDER not in p.parts and p.name != ".edition-build"
    }


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def corpus(target: Path, count: int) -> Path:
    """count documents made from the bundled ones, as the bench makes them."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_build import make_corpus
    finally:
        sys.path.pop(0)
    return make_corpus(target, count)


def test_the_bundled_edition_with_pdfs_is_built_as_by_a_serial_build(scheduler, built, tmp_path):
    out = tmp_path / "dask"
    outcome = build(ROOT / "tei", out, set(FORMATS), PARAMS, executor="dask", scheduler=scheduler)
    assert not outcome.problems and len(outcome.rebuilt) == 5
    assert outputs(out) == outputs(built)


def test_a_generated_corpus_and_an_incremental_rebuild(scheduler, tmp_path):
    tei = corpus(tmp_path / "tei", 23)
    formats = {"html", "print", "text"}
    serial, dask = tmp_path / "serial", tmp_path / "dask"
    build(tei, serial, formats, PARAMS)
    outcome = build(tei, dask, formats, PARAMS, executor="dask", scheduler=scheduler)
    assert len(outcome.rebuilt) == 23 and outputs(dask) == outputs(serial)
    changed = next(tei.glob("00004-*.xml"))
    changed.write_text(changed.read_text("utf-8").replace("</p>", " (edited)</p>", 1), "utf-8")
    build(tei, serial, formats, PARAMS)
    again = build(tei, dask, formats, PARAMS, executor="dask", scheduler=scheduler)
    assert [p.name for p in again.rebuilt] == [changed.name]
    assert outputs(dask) == outputs(serial)


def test_an_invalid_document_is_reported_from_the_cluster(scheduler, tmp_path):
    tei = corpus(tmp_path / "tei", 3)
    bad = next(tei.glob("00001-*.xml"))
    bad.write_text(bad.read_text("utf-8").replace("<body>", '<body colour="red">'), "utf-8")
    outcome = build(tei, tmp_path / "out", {"html"}, PARAMS, executor="dask", scheduler=scheduler)
    assert outcome.skipped == [bad] and len(outcome.rebuilt) == 3
    assert any(d.path == str(bad) and d.severity == "error" for d in outcome.problems)


def test_cli_dask_options(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("edition.cluster.CONNECT_TIMEOUT", 2)
    result = runner.invoke(cli, ["build", "--out", str(tmp_path), "--executor", "dask"])
    assert result.exit_code == 2 and "needs --scheduler" in result.output
    result = runner.invoke(cli, ["build", "--out", str(tmp_path), "--executor", "dask",
                                 "--scheduler", "tcp://127.0.0.1:9"])  # fmt: skip
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
    for bad in ("notanaddress", "http://host:1", "tcp://host:99999", "tcp://a b:1"):
        result = runner.invoke(cli, ["build", "--out", str(tmp_path), "--executor", "dask",
                                     "--scheduler", bad])  # fmt: skip
        assert result.exit_code == 1 and "give it as tcp://HOST:PORT" in result.output, bad
        assert "Traceback" not in result.output
