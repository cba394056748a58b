"""The search index (edition/search.py): words folded alike, every word of every passage
findable where it stands, persons found by any form of their name, made again when a
document changes."""

from __future__ import annotations

import json
import shutil

from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from edition import search
from edition.build import build
from edition.config import load


def _calls(path):
    text = path.read_text(encoding="utf-8")
    return json.loads("[" + text[text.index("(") + 1 : text.rindex(")")] + "]")


def _postings(folder):
    found = {}
    for shard in folder.glob("t-*.js"):
        name, postings = _calls(shard)
        assert name == shard.name
        for term, flat in postings.items():
            assert search.shard_of(term) == shard.name
            found[term] = set(zip(flat[::2], flat[1::2], strict=True))
    return found


def test_words_are_folded_as_readers_type_them():
    folded = ["che", "guevara", "алексеев", "il", "28"]
    assert search.words("Ché GUEVARA, Алексеёв; IL-28") == folded
    assert search.shard_of("алексеев") == "t-430-43b.js"
    assert search.shard_of("a") == "t-61.js"


@given(st.text(alphabet=st.characters(categories=("L", "N", "M", "P", "Z")), max_size=60))
def test_folding_is_stable(text):
    """What search.js folds a typed query to is what the index holds: folding twice
    changes nothing, and every word is a run of letters and digits."""
    for word in search.words(text):
        assert search.words(word) == [word]


def test_every_word_of_every_passage_is_found_where_it_stands(built):
    folder = built / "html" / "search"
    (listed,) = _calls(folder / "documents.js")
    postings = _postings(folder)
    checked = 0
    for d, (stem, runs) in enumerate(listed):
        _stem, passages = _calls(folder / f"{stem}.js")
        assert _stem == stem and sum(n for _lang, n in runs) == len(passages)
        for p, (_id, label, lang, text, _persons) in enumerate(passages):
            assert label and lang in ("en", "ru")
            for word in search.words(text):
                assert (d, p) in postings[word], (stem, label, word)
                checked += 1
    assert checked > 10000


def test_a_person_is_found_by_every_form_of_the_name(built):
    postings = _postings(built / "html" / "search")
    for form in ("alekseev", "alekseyev", "алексеев"):
        assert postings[form] >= postings["@alekseev"]


def test_the_index_follows_a_changed_document(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    out = tmp_path / "out"
    params = load(ROOT).stylesheet_params()
    build(tei, out, {"html"}, params)
    assert "zyxwvut" not in _postings(out / "html" / "search")
    doc = tei / "1962-10-28-cable-alekseev-foreign-ministry.xml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("prearranged", "zyxwvut"), "utf-8")
    shards = {p.name: p.stat().st_mtime_ns for p in (out / "html" / "search").glob("t-*.js")}
    outcome = build(tei, out, {"html"}, params)
    assert outcome.rebuilt == [doc]
    after = {p.name: p.stat().st_mtime_ns for p in (out / "html" / "search").glob("t-*.js")}
    rewritten = {name for name, when in after.items() if shards.get(name) != when}
    assert 0 < len(rewritten) < len(after) / 2  # only the shards of its words
    assert {"t-70-72.js", "t-7a-79.js"} <= rewritten  # "prearranged" out, "zyxwvut" in
    postings = _postings(out / "html" / "search")
    assert postings["zyxwvut"] == {(0, 1)} and "prearranged" not in postings
    doc.unlink()
    build(tei, out, {"html"}, params)
    assert not (out / "html" / "search" / f"{doc.stem}.js").exists()
    assert "zyxwvut" not in _postings(out / "html" / "search")
