"""Stamps are told apart by what they say, not by the line they are on."""

from __future__ import annotations

import pytest
from conftest import SOURCES

from edition.cli import cli
from edition.readers import stamps


def kinds(lines: list[str]) -> list[tuple[str, list[str]]]:
    found, _ = stamps.read(lines)
    return [(s.type, [text for _, text in s.parts]) for s in found]


def test_two_stamps_on_one_line():
    assert kinds(["Top Secret Copy № 1"]) == [
        ("classification", ["Top Secret"]),
        ("copy", ["Copy № 1"]),
    ]


def test_a_declassification_stamp_keeps_its_number_and_date():
    assert kinds(["РАССЕКРЕТНО", "№ 97/07", "22.10.97"]) == [
        ("declassification", ["РАССЕКРЕТНО", "№ 97/07", "22.10.97"])
    ]


def test_a_handling_note_wrapped_over_two_lines_is_one_stamp():
    assert kinds(["СОВ. СЕКРЕТНО", "Этот документ не подлежит", "распространению"]) == [
        ("classification", ["СОВ. СЕКРЕТНО"]),
        ("handling", ["Этот документ не подлежит", "распространению"]),
    ]


def test_dispatch_date_and_registration_number():
    assert kinds(["23 March 1963", "Outgoing № 86"]) == [
        ("dispatch", ["23 March 1963"]),
        ("registration", ["Outgoing № 86"]),
    ]


def test_a_phrase_is_not_cut_at_a_word_of_another_kind():
    assert kinds(["Making Copies Prohibited", "Copy No. 12"]) == [
        ("handling", ["Making Copies Prohibited"]),
        ("copy", ["Copy No. 12"]),
    ]


def test_cipher_numbers_over_several_lines_are_one_registration():
    assert kinds(["51028 51022", "51029 51036", "51078"]) == [
        ("registration", ["51028 51022", "51029 51036", "51078"])
    ]


def test_a_date_after_another_stamp_is_not_swallowed():
    assert kinds(["Copy No. 3", "22.10.97"]) == [
        ("copy", ["Copy No. 3"]),
        ("dispatch", ["22.10.97"]),
    ]


def test_an_unknown_mark_is_reported():
    found, doubts = stamps.read(["TOP SECRET", "Spravka"])
    assert [s.type for s in found] == ["classification", "handling"]
    assert doubts == ["'Spravka' read as a handling mark"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("journal", '<stamp type="classification">Top Secret</stamp> <stamp type="copy">Copy № 1'),
        ("journal", '<stamp type="registration">Outgoing № 86</stamp>'),
        (
            "memcon",
            '<stamp type="declassification">РАССЕКРЕТНО<lb/>№ 97/07<lb/>'
            '<date when="1997-10-22">22.10.97</date></stamp>',
        ),
        ("11-06", '<stamp type="handling">Этот документ не подлежит<lb/>распространению</stamp>'),
    ],
)
def test_bundled_stamps(runner, tei_dir, name, expected):
    source = next(s for s in SOURCES if name in s.name)
    assert runner.invoke(cli, ["import", str(source), "--out", str(tei_dir)]).exit_code == 0
    assert expected in (tei_dir / f"{source.stem}.xml").read_text(encoding="utf-8")
