"""The inline parser: each bracket convention, and any input at all (hypothesis)."""

from __future__ import annotations

import pytest
from helpers import element_words, words
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.errors import InlineError
from edition.inline import InlineContext, parse_inline
from edition.sourcetext import NOT_XML
from edition.tei import TEI_NS, E
from edition.validate import schema

FOOTNOTES = {"1": "the footnote text"}


def parse(text: str) -> etree._Element:
    return parse_inline(E.p(), text, InlineContext(footnotes=FOOTNOTES))


def xml(el: etree._Element) -> str:
    return etree.tostring(el, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "five [Cuban] conditions",
            '<p>five <supplied reason="implied" resp="#ed">Cuban</supplied> conditions</p>',
        ),
        (
            "lead [escort?—ed.] planes",
            '<p>lead <supplied reason="explanation" resp="#ed" cert="low">escort</supplied>'
            " planes</p>",
        ),
        (
            "officers [in Cuba—ed.] calm",
            '<p>officers <supplied reason="explanation" resp="#ed">in Cuba</supplied> calm</p>',
        ),
        (
            "legally [*iuridicheski*].",
            '<p>legally <note type="gloss" place="inline" resp="#ed"><term xml:lang="ru-Latn" '
            'rend="italic">iuridicheski</term></note>.</p>',
        ),
        (
            "there [u nas].",
            '<p>there <note type="gloss" place="inline" resp="#ed"><term xml:lang="ru-Latn">'
            "u nas</term></note>.</p>",
        ),
        (
            'world [mir, which could also be translated as "the peace"]',
            '<p>world <note type="gloss" place="inline" resp="#ed"><term xml:lang="ru-Latn">mir'
            '</term>, which could also be translated as "the peace"</note></p>',
        ),
        (
            "decision [to remove the missiles] undertaken",
            '<p>decision <note type="gloss" place="inline" resp="#ed">to remove the missiles'
            "</note> undertaken</p>",
        ),
        (
            "this one [26 October] and",
            '<p>this one <note type="gloss" place="inline" resp="#ed">26 October</note> and</p>',
        ),
        (
            "delay [in providing] the letter",
            '<p>delay <supplied reason="implied" resp="#ed">in providing</supplied> the letter</p>',
        ),
        (
            "agents of the [UN] Council",
            '<p>agents of the <supplied reason="implied" resp="#ed">UN</supplied> Council</p>',
        ),
        ("die[?] It is", '<p>die<supplied reason="omitted" resp="#ed">?</supplied> It is</p>'),
        ("the [?] word", '<p>the <note type="query" place="inline" resp="#ed">?</note> word</p>'),
        ("Correct: (signature)", '<p>Correct: <gap reason="signature"/></p>'),
        (
            "proposal.\" (To Alekseev): Don't",
            '<p>proposal." (<stage type="delivery">To Alekseev</stage>): Don\'t</p>',
        ),
        (
            "[Carlos M.] Lechuga [Hevia], our",
            '<p><supplied reason="implied" resp="#ed">Carlos M.</supplied> Lechuga '
            '<supplied reason="implied" resp="#ed">Hevia</supplied>, our</p>',
        ),
        ("Recorded by: [signature] V.", '<p>Recorded by: <gap reason="signature"/> V.</p>'),
        (
            "Dorticos.[1] In",
            '<p>Dorticos.<note n="1" type="footnote" place="end" resp="#ed">the footnote text'
            "</note> In</p>",
        ),
        (
            "[Ed. note: Article [UN] read.]",
            '<p><note type="editorial" place="inline" resp="#ed">Article <supplied '
            'reason="implied" resp="#ed">UN</supplied> read.</note></p>',
        ),
        (
            "the 27<sup>th</sup>, **bold** and *it*",
            '<p>the 27<hi rend="superscript">th</hi>, <hi rend="bold">bold</hi> and '
            '<hi rend="italic">it</hi></p>',
        ),
        ("a □ b", '<p>a <g type="unrecognized">□</g> b</p>'),
        ("2 * 3 and a lone * star", "<p>2 * 3 and a lone * star</p>"),
    ],
)
def test_bracket_conventions(source, expected):
    assert xml(parse(source)) == expected


@pytest.mark.parametrize(
    ("source", "message", "col"),
    [
        ("a [b c", "unbalanced '[': no ']' closes it", 3),
        ("a b] c", "unbalanced ']': no '[' opens it", 4),
        ("x [2] y", "footnote mark [2] has no footnote text", 3),
        ("[Ed. note: [x]", "unbalanced '['", 1),
    ],
)
def test_errors_carry_their_column(source, message, col):
    with pytest.raises(InlineError) as caught:
        parse(source)
    assert message in caught.value.message
    assert caught.value.col == col


PIECES = [
    "a",
    "Zed",
    " ",
    "[",
    "]",
    "*",
    "**",
    "?",
    "—ed.",
    "1",
    "2",
    "□",
    ", ",
    "Ed. note: ",
    "signature",
    "u nas",
    "*term*",
    "<sup>",
    "</sup>",
    "“",
    "x-y",
    "Cuba",
    "26 October",
]


def wrap(p: etree._Element) -> etree._ElementTree:
    """A minimal document around one paragraph, for the schema."""
    doc = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
        '</fileDesc></teiHeader><text><body><div type="translation"/></body></text></TEI>'
    )
    doc.find(f".//{{{TEI_NS}}}div").append(p)
    return etree.ElementTree(doc)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_any_input_gives_valid_tei_or_a_clear_error_and_loses_no_word(text):
    try:
        p = parse(text)
    except InlineError as exc:
        assert exc.message and exc.col and 1 <= exc.col <= len(text)
        return
    errors = list(schema().iter_errors(wrap(p)))
    assert not errors, errors[0]
    expected = words(text.replace("[1]", " the footnote text "))
    assert element_words(p, skip_footnotes=False) == expected


@settings(max_examples=200, deadline=None)
@given(st.text().filter(lambda t: not NOT_XML.search(t)))
def test_arbitrary_unicode_never_crashes(text):
    try:
        p = parse(text)
    except InlineError:
        return
    assert not list(schema().iter_errors(wrap(p)))


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"), st.sampled_from("\x00\x07\x0b\x1f\t\n\r\ufffe\uffff")
        )
    )
)
def test_the_byte_check_misses_no_character_xml_cannot_hold(text):
    """A source's bytes are looked at first; only text the look passes is left unsearched."""
    from edition.sourcetext import may_hold_not_xml

    assert may_hold_not_xml(text.encode("utf-8")) == bool(NOT_XML.search(text))
