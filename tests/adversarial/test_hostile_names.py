"""Names that become links, ids and file names: checked where they are used, so that no
script runs and no document is lost to another (issue classes 1 and 2)."""

from __future__ import annotations

import shutil

import pytest
from hostile import ROOT, TELEGRAM, assert_clean, edition_copy, links, safe_link, source_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.build import build
from edition.cli import cli
from edition.names import RESERVED

HOSTILE_STEMS = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "data:text,x",
    "a b",
    'quote"d',
    "<img src=x>",
    "-rf",
    "..hidden",
    "line\nbreak",
    "tab\there",
    "persons",
    "PERSONS",
    "index",
    "edition",
    "errata",
    "places",
    "search",
    "ümlaut-ok-but-not-plain",
]


@pytest.mark.parametrize("stem", HOSTILE_STEMS)
def test_import_refuses_a_source_whose_name_cannot_name_a_document(runner, tmp_path, stem):
    source = tmp_path / f"{stem}.txt"
    source.write_text(source_text(), encoding="utf-8")
    out = tmp_path / "tei"
    result = runner.invoke(cli, ["import", str(source), "--out", str(out)])
    assert_clean(result, 1, "cannot name a document" if stem.lower() not in RESERVED
                 else "is the edition's own")  # fmt: skip
    assert not (out / f"{stem}.xml").exists()
    assert not (out / "persons.xml").exists() or stem.lower() != "persons"


@pytest.mark.parametrize("stem", ["javascript:alert(document.domain)", "index", "a b", "x\ny"])
def test_validate_and_build_refuse_a_tei_file_so_named(runner, tmp_path, stem):
    tei = edition_copy(tmp_path, [TELEGRAM])
    shutil.copy(tei / f"{TELEGRAM}.xml", tei / f"{stem}.xml")
    checked = runner.invoke(cli, ["validate", str(tei)])
    assert_clean(checked, 1)
    assert checked.output.count("error:") == 1
    out = tmp_path / "out"
    built = runner.invoke(cli, ["build", "--tei", str(tei), "--out", str(out), "--formats",
                                "html,print,text", "-j", "1"])  # fmt: skip
    assert_clean(built, 1, "skipped: not valid")
    assert (out / "html" / f"{TELEGRAM}.html").exists()  # the other document is built
    for page in (out / "html").glob("*.html"):
        assert all(safe_link(url) for url in links(page)), (page, links(page))
    if stem == "index":  # the edition's own index, not the document
        assert "Documents in date order" in (out / "html" / "index.html").read_text("utf-8")
    else:
        assert not list(out.rglob(f"{stem}.*"))


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--base-url", "javascript:alert(1)"),
        ("--base-url", "//evil.example/x"),
        ("--base-url", 'https://x.org/" onload="alert(1)'),
        ("--base-url", "data:text/html,<script>x()</script>"),
        ("--suggest-to", "javascript:alert(1)"),
        ("--suggest-to", "mailto:a@b.org?bcc=c@d.org"),
        ("--suggest-to", "vbscript:msgbox"),
        ("--suggest-to", "ftp://x.org/"),
    ],
)
def test_build_refuses_a_link_option_that_is_not_http(runner, tmp_path, option, value):
    result = runner.invoke(cli, ["build", "--tei", str(ROOT / "tei"), "--out",
                                 str(tmp_path / "out"), option, value])  # fmt: skip
    assert_clean(result, 2, option)
    assert not (tmp_path / "out").exists()


def test_the_title_is_text_not_markup(tmp_path):
    tei = edition_copy(tmp_path, [TELEGRAM])
    title = '<script>alert(1)</script>" onmouseover="x'
    build(tei, tmp_path / "out", {"html", "print"}, {"edition-title": title})
    for page in [*(tmp_path / "out" / "html").glob("*.html"), tmp_path / "out/print/edition.html"]:
        tree = etree.parse(str(page), etree.HTMLParser())
        ours = ("edition.js", "search.js")
        assert not [s for s in tree.iter("script") if s.get("src") not in ours]
        assert not [a for el in tree.iter() for a in el.attrib if a.startswith("on")]


SCHEMES = st.sampled_from(["javascript:", "JAVASCRIPT:", " javascript:", "data:", "vbscript:",
                           "file:", "//", "http://", "https://", ""])  # fmt: skip
PAYLOAD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                  max_size=20)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scheme=SCHEMES, payload=PAYLOAD)
def test_no_tei_value_becomes_a_link_that_runs(tmp_path_factory, scheme, payload):
    """Whatever URL a TEI file holds (source URL, a name's ref), only http(s) and plain
    relative links come out, and no attribute starts a script."""
    folder = tmp_path_factory.mktemp("links")
    tei = edition_copy(folder, [TELEGRAM])
    path = tei / f"{TELEGRAM}.xml"
    url = scheme + payload
    root = etree.parse(str(path)).getroot()
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    root.find(".//t:idno[@type='URI']", ns).text = url
    root.find(".//t:text//t:persName", ns).set("ref", url)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    out = folder / "out"
    build(tei, out, {"html", "print"}, {})
    for page in [*out.glob("html/*.html"), *out.glob("print/*.html")]:
        assert all(safe_link(u) for u in links(page)), (url, [u for u in links(page)])
        tree = etree.parse(str(page), etree.HTMLParser())
        assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]


def test_two_sources_with_one_name_in_one_run(runner, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(source_text(), encoding="utf-8")
    (tmp_path / "b" / "SAME.txt").write_text(source_text(), encoding="utf-8")
    out = tmp_path / "tei"
    result = runner.invoke(cli, ["import", str(tmp_path / "a" / "same.txt"),
                                 str(tmp_path / "b" / "same.txt"), str(tmp_path / "b" / "SAME.txt"),
                                 "--out", str(out)])  # fmt: skip
    assert_clean(result, 1, "same document name as")
    assert result.output.count("same document name as") == 2
    assert sorted(p.name for p in out.glob("*.xml")) == ["persons.xml", "same.xml"]


@pytest.mark.parametrize("new_id", ["d1962-10-28-cable-alekseev-foreign-ministry", "x--y"])
def test_root_ids_one_each_and_any_id_in_the_volume(runner, tmp_path, new_id):
    tei = edition_copy(tmp_path, [TELEGRAM, "1962-10-28-cable-alekseev-foreign-ministry"])
    path = tei / f"{TELEGRAM}.xml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        f'xml:id="d{TELEGRAM}"', f'xml:id="{new_id}"'), encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", "--tei", str(tei), "--out", str(out), "--formats",
                                 "html,print,text", "-j", "1"])  # fmt: skip
    volume = (out / "print" / "edition.html").read_text(encoding="utf-8")
    if new_id.startswith("d1962-10-28"):  # the same id as the other document
        assert_clean(result, 1, f"its xml:id '{new_id}' is already that of")
        assert not (out / "html" / f"{TELEGRAM}.html").exists()
        assert volume.count('<article class="document"') == 1
    else:
        assert_clean(result, 0)
        assert volume.count('<article class="document"') == 2
        assert f'id="{new_id}"' in volume


def test_a_root_without_an_id(runner, tmp_path):
    tei = edition_copy(tmp_path, [TELEGRAM])
    path = tei / f"{TELEGRAM}.xml"
    path.write_text(path.read_text(encoding="utf-8").replace(f' xml:id="d{TELEGRAM}"', ""),
                    encoding="utf-8")  # fmt: skip
    assert_clean(runner.invoke(cli, ["validate", str(tei)]), 1, "<TEI> has no xml:id")
    result = runner.invoke(cli, ["build", "--tei", str(tei), "--out", str(tmp_path / "o"),
                                 "--formats", "html,print,text"])  # fmt: skip
    assert_clean(result, 1, "skipped: not valid")
    assert (tmp_path / "o" / "print" / "edition.html").exists()
