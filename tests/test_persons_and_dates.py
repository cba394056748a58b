"""Name forms to persons, and dates as the sources write them to ISO."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.dates import find_full_date, infer_year
from edition.persons import Personography

BOOK = Personography.load(ROOT / "tei" / "persons.xml")


@pytest.mark.parametrize(
    ("form", "person"),
    [
        ("O. DORTICOS", "dorticos"),
        ("DORTICOS", "dorticos"),
        ("О.ДОРТИКОС", "dorticos"),
        ("E. GUEVARA", "guevara"),
        ("ERNESTO GUEVARA", "guevara"),
        ("Ché", "guevara"),
        ("C.R. RODRIGUEZ", "rodriguez"),
        ("C. RAFAEL RODRIGUEZ", "rodriguez"),
        ("ALEKSEEV", "alekseev"),
        ("A.I. ALEKSEEV", "alekseev"),
        ("A. ALEKSEYEV", "alekseev"),
        ("A. I. Alekseyev", "alekseev"),
        ("A.I. MIKOYAN", "mikoyan"),
        ("Mikoyan", "mikoyan"),
        ("Comrade Mikoyan", "mikoyan"),
        ("R. Castro", "raul-castro"),
        ("Raúl Castro", "raul-castro"),
        ("F. Castro", "fidel-castro"),
        ("Fidel CASTRO RUZ", "fidel-castro"),
        ("McCloy", "mccloy"),
    ],
)
def test_name_variants_point_to_one_person(form, person):
    assert BOOK.resolve(form) == person


def test_unknown_and_ambiguous_forms_do_not_guess():
    assert BOOK.resolve("Zubok") is None
    assert BOOK.resolve("First") is None


def test_new_person_gets_a_unique_readable_id():
    book = Personography.load(ROOT / "tei" / "persons.xml")
    first = book.add("V. Zorin", None)
    second = book.add("A. Zorin", None)
    assert (first.id, second.id) == ("zorin", "zorin-2")
    assert book.add("Громыко", "ru").id == "gromyko"
    assert book.resolve("V. Zorin") == "zorin"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("4.XI.62", "1962-11-04"),
        ("28/X/62", "1962-10-28"),
        ("6.XI.62", "1962-11-06"),
        ("Evening 5 November 1962", "1962-11-05"),
        ("November 4, 1962", "1962-11-04"),
        ("Вечером 5 ноября 1962 г.", "1962-11-05"),
        ("22.10.97", "1997-10-22"),
        ("13 February 1963", "1963-02-13"),
    ],
)
def test_dates_normalized_to_iso(text, iso):
    found = find_full_date(text)
    assert found is not None and found[1] == iso


def test_year_inferred_from_document_date_is_marked_uncertain():
    guess = infer_year(10, 26, date(1962, 11, 6))
    assert guess is not None and guess.when == "1962-10-26" and not guess.certain
    assert infer_year(1, 31, date(1963, 3, 23)).when == "1963-01-31"  # type: ignore[union-attr]
    assert infer_year(12, 30, date(1963, 1, 2)).when == "1962-12-30"  # type: ignore[union-attr]
    assert find_full_date("31.II.62") is None


def test_a_russian_shelfmark_is_parsed_as_written():
    from lxml import etree

    from edition.header import repository_in, shelfmark, signature_in

    citation = "Wilson Center Digital Archive, AVP RF, f. 0104, op. 19, p. 124, d. 3, ll. 61-65. By"
    assert repository_in(citation) == "AVP RF"
    idno = shelfmark(signature_in(citation))
    assert "".join(idno.itertext()) == "f. 0104, op. 19, p. 124, d. 3, ll. 61-65"
    parts = {el.get("type"): el.text for el in idno.iterchildren()}
    assert parts == {"fond": "0104", "opis": "19", "papka": "124", "delo": "3", "folios": "61-65"}
    assert etree.QName(idno).localname == "idno" and idno.get("type") == "signature"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 3-5 November 1962, see",
         'on <date from="1962-11-03" to="1962-11-05">3-5 November 1962</date>, see'),
        ("letters of 26 and 27 October.",
         'letters of <date when="1962-10-26" cert="medium">26</date> and '
         '<date when="1962-10-27" cert="medium">27 October</date>.'),
        ("on 3 and November 5", 'on 3 and <date when="1962-11-05" cert="medium">November 5</date>'),
        ("pages 3-5 and 9", "pages 3-5 and 9"),
    ],
)  # fmt: skip
def test_date_ranges_and_pairs(text, expected):
    from lxml import etree

    from edition.entities import Gazetteer, make_tagger
    from edition.tei import E

    tag = make_tagger(Personography(), date(1962, 11, 4), Gazetteer())
    p = E.p()
    tag(p, text)
    inner = etree.tostring(p, encoding="unicode").split(">", 1)[1].rsplit("</p>", 1)[0]
    assert inner == expected


def test_initials_before_a_name_are_part_of_it():
    from lxml import etree

    from edition.entities import Gazetteer, make_tagger
    from edition.persons import Person
    from edition.tei import E

    book = Personography({"khrushchev": Person("khrushchev", [("Khrushchev", None)])})
    tag = make_tagger(book, None, Gazetteer(places=("U.S.",)))
    for text, name in [("letter of Cde. N. S. Khrushchev of", "N. S. Khrushchev"),
                       ("N.S. Khrushchev said", "N.S. Khrushchev"),
                       ("to A. B. C. Khrushchev", "A. B. C. Khrushchev"),  # the most
                       ("to A. B. C. D. Khrushchev", "B. C. D. Khrushchev"),
                       ("the U.S. Khrushchev", "Khrushchev")]:  # fmt: skip
        p = E.p()
        tag(p, text)
        assert "".join(p.itertext()) == text
        assert p.find("{http://www.tei-c.org/ns/1.0}persName").text == name
        assert etree.tostring(p).count(b"persName") == 2


def tagged(text: str) -> str:
    from lxml import etree

    from edition.entities import Gazetteer, make_tagger
    from edition.inline import InlineContext, parse_inline
    from edition.tei import TEI_NS, E

    ctx = InlineContext(tag_text=make_tagger(BOOK, None, Gazetteer()))
    return etree.tostring(parse_inline(E.p(), text, ctx), encoding="unicode").replace(
        f' xmlns="{TEI_NS}"', ""
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # every word of a Russian name in its case, the foreign surname undeclined
            "с Карлосом Рафаэлем Родригес",
            'с <persName ref="persons.xml#rodriguez">Карлосом Рафаэлем Родригес</persName>',
        ),
        (
            "предложения У Тана о",
            'предложения <persName ref="persons.xml#u-thant">У Тана</persName> о',
        ),
        (  # "т." (comrade) written close up stays outside the name
            "т.Дортикос сказал",
            'т.<persName ref="persons.xml#dorticos">Дортикос</persName> сказал',
        ),
        (  # supplied parts belong to the name they complete
            "from Comrade [Carlos M.] Lechuga [Hevia], our",
            'from Comrade <persName ref="persons.xml#lechuga"><supplied reason="implied" '
            'resp="#ed">Carlos M.</supplied> Lechuga <supplied reason="implied" resp="#ed">'
            "Hevia</supplied></persName>, our",
        ),
        (  # a bracketed common word beside a name is not part of it
            "[the] Castro [government]",
            '<supplied reason="implied" resp="#ed">the</supplied> <persName '
            'ref="persons.xml#fidel-castro">Castro</persName> <supplied reason="implied" '
            'resp="#ed">government</supplied>',
        ),
    ],
)
def test_whole_names_are_tagged(text, expected):
    assert tagged(text) == f"<p>{expected}</p>"


def test_a_supplied_part_is_taken_when_the_name_comes_in_a_later_text():
    """Text appended to the same element in two runs: the name of the second takes the
    supplied part the first ended with; texts with no bracket leave the rest alone."""
    from lxml import etree

    from edition.entities import Gazetteer, make_tagger
    from edition.inline import InlineContext, parse_inline
    from edition.tei import TEI_NS, E

    ctx = InlineContext(tag_text=make_tagger(BOOK, None, Gazetteer()))
    p = parse_inline(E.p(), "from Comrade [Carlos M.]", ctx)
    parse_inline(p, " Lechuga of", ctx)
    assert p.find(f"{{{TEI_NS}}}persName/{{{TEI_NS}}}supplied") is not None
    parse_inline(p, " [the] state and Castro", ctx)
    assert etree.tostring(p, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "") == (
        '<p>from Comrade <persName ref="persons.xml#lechuga"><supplied reason="implied" '
        'resp="#ed">Carlos M.</supplied> Lechuga</persName> of <supplied reason="implied" '
        'resp="#ed">the</supplied> state and <persName ref="persons.xml#fidel-castro">Castro'
        "</persName></p>"
    )


def test_russian_cases_of_a_name():
    from edition.persons import ru_cases

    cases = ru_cases("Карлос Рафаэль Родригес")
    assert "Карлоса Рафаэля Родригеса" in cases
    assert "Карлосом Рафаэлем Родригес" in cases
    assert ru_cases("А.И.Микоян") == ["А.И.Микояна", "А.И.Микояну", "А.И.Микояном", "А.И.Микояне"]
    assert ru_cases("Ф.Кастро") == []


def test_the_import_keeps_structured_entries_when_it_adds_a_form(tmp_path):
    """A form met in a document is added to its person; the entry's name parts, life
    dates and note are written back as they were."""
    from lxml import etree

    book = Personography.load(ROOT / "tei" / "persons.xml")
    assert book.add_variant("fidel-castro", "Fidel A. Castro", None)
    root = etree.fromstring(book.to_bytes(None))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    (fidel,) = root.xpath("//t:person[@xml:id='fidel-castro']", namespaces=ns)
    assert fidel.xpath("string(t:persName[@type='main']/t:surname)", namespaces=ns) == "Castro Ruz"
    assert fidel.xpath("string(t:birth/@when)", namespaces=ns) == "1926"
    names = [n.xpath("string()") for n in fidel.xpath("t:persName", namespaces=ns)]
    assert names[-1] == "Fidel A. Castro" and len(names) == len(set(names))
    assert [etree.QName(c).localname for c in fidel][-3:] == ["birth", "death", "note"]


def _scan_parts():
    from edition.config import load
    from edition.entities import _finder, _pattern

    gazetteer = load(ROOT).gazetteer(ROOT / "tei")
    people = Personography.load(ROOT / "tei" / "persons.xml").forms()
    groups = (("work", tuple(sorted(gazetteer.works))), ("event", tuple(sorted(gazetteer.events))),
              ("pers", tuple(sorted(people))), ("org", tuple(sorted(gazetteer.organisations))),
              ("place", tuple(sorted(gazetteer.places))))  # fmt: skip
    forms = tuple(form for _group, group_forms in groups for form in group_forms)
    return _pattern(groups), _finder(forms), forms


NAME_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_scan_parts()[2]),
        st.sampled_from(
            [
                "3",
                "26 and 27 October",
                "November 5, 1962",
                "т.",
                "-",
                "N. S. ",
                "mikoyan",
                "KHRUSHCHEV",
                "12-14",
                "«",
                " ",
                ". ",
                "x",
            ]
        ),  # fmt: skip
        st.text(alphabet="aZ1 .-ёЖß_٣İ\u0345", max_size=4),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(NAME_TEXT)
def test_the_word_scan_finds_what_the_whole_pattern_finds(text):
    """Names and dates are looked for only where a listed form, a number or a month
    stands as whole words: the matches must be those of the whole pattern tried at every
    place."""
    from edition.entities import _matches

    pattern, finder, _forms = _scan_parts()
    assert finder is not None
    assert [m.span() for m in _matches(pattern, text, finder)] == [
        m.span() for m in pattern.finditer(text)
    ]


ODD_FORMS = (("org", ("Ltd.", "A-B Co", "Co")), ("pers", ("Ivan", "Ivan Petrov", "U", "Straße")))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["Ltd.", "LTD.", "a-b co", "Co", "ivan", "Ivan Petrov", "U", "u"]),
            st.sampled_from(["Strasse", "STRASSE", "Straße", "5 May", "May 5", " ", ".", "-"]),
            st.text(alphabet="aU .-,ß", max_size=3),
        ),
        max_size=10,
    ).map("".join)
)
def test_the_scan_finds_forms_that_end_in_a_mark_or_fold_longer(text):
    """Forms that end in a mark, hold one, are short (case kept) or fold into more
    letters: the scan still finds what the whole pattern finds."""
    from edition.entities import _finder, _matches, _pattern

    forms = tuple(form for _group, group_forms in ODD_FORMS for form in group_forms)
    pattern, finder = _pattern(ODD_FORMS), _finder(forms)
    assert finder is not None
    assert [m.span() for m in _matches(pattern, text, finder)] == [
        m.span() for m in pattern.finditer(text)
    ]


def test_folding_keeps_words_apart_but_for_the_characters_named():
    """The scan cuts the case-folded text into words: a character that folds into one
    character must be a word's (regex \\w) exactly when its folded form is, save those
    the scan leaves to the whole pattern."""
    import sys

    from edition.entities import FOLDED_INTO_WORDS

    def is_word(c: str) -> bool:
        return c.isalnum() or c == "_"

    changed = {
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if len(c.casefold()) == 1 and is_word(c) != is_word(c.casefold())
    }
    assert changed == set(FOLDED_INTO_WORDS)


def test_the_word_scan_finds_what_the_whole_pattern_finds_in_every_source():
    from edition.entities import _matches

    pattern, finder, _forms = _scan_parts()
    for source in sorted((ROOT / "sources").glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        found = [m.span() for m in _matches(pattern, text, finder)]
        assert found and found == [m.span() for m in pattern.finditer(text)]


def _candidates_one_by_one(book: Personography, form: str) -> list[str]:
    """Personography.candidates as its docstring says it, every name tried in turn."""
    from edition.persons import name_key, surname_key, surname_keys

    key = name_key(form)
    if not key:
        return []
    for person in book.persons.values():
        if any(name_key(n) == key for n, _ in person.names):
            return [person.id]
    surnames, initials = surname_keys(key[-1]), [surname_key(t)[:1] for t in key[:-1]]
    found: list[str] = []
    for person in book.persons.values():
        for n, _ in person.names:
            other = name_key(n)
            if other and surname_key(other[-1]) in surnames:
                theirs = [surname_key(t)[:1] for t in other[:-1]]
                shared = min(len(theirs), len(initials))
                if theirs[:shared] == initials[:shared] and person.id not in found:
                    found.append(person.id)
    return found


FORMS = [n for p in BOOK.persons.values() for n, _ in p.names]
NAME_FORM = st.lists(
    st.one_of(
        st.sampled_from([w for f in FORMS for w in f.split()]),
        st.sampled_from(
            ["A.", "I.", "N. S.", "Ф.", "тов.", "Петров", "Петрову", "Петрова", "Dorticós", "x"]
        ),
    ),
    min_size=1,
    max_size=3,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME_FORM, max_size=4), st.data())
def test_a_name_form_finds_whom_trying_every_name_finds(added, data):
    """candidates looks names up by key; the answer must be that of every name tried in
    turn, also once persons of the same names were added (the first listed wins)."""
    book = Personography.load(ROOT / "tei" / "persons.xml")
    for other in added:
        book.add(other, "ru" if any("а" <= c <= "я" for c in other.lower()) else None)
    named = st.sampled_from(added) if added else NAME_FORM
    form = data.draw(st.one_of(NAME_FORM, named, named.map("И. {}".format)))
    assert book.candidates(form) == _candidates_one_by_one(book, form)


def test_persons_of_one_surname_come_in_the_books_order():
    book = Personography()
    first, second = book.add("Петров", "ru").id, book.add("Петрову", "ru").id
    assert book.candidates("И. Петрову") == [first, second]


def test_a_rollback_forgets_what_a_failed_document_added():
    book = Personography.load(ROOT / "tei" / "persons.xml")
    before = {pid: list(p.names) for pid, p in book.persons.items()}
    point = book.checkpoint()
    new = book.add("Ivan Petrov", None)
    assert book.add_variant(new.id, "I. Petrov", None)
    assert book.add_variant("mikoyan", "Mikojan", None)
    book.rollback(point)
    assert {pid: p.names for pid, p in book.persons.items()} == before
    assert book.checkpoint() == point
