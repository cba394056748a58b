"""Paragraph numbers: what readers are told of a place in a document ("¶ 12", "original
¶ 3"), in registers, errata, search results and the ¶ links, never an internal id.

Defined here once. The build hands the labels to the stylesheets as ``ed:n`` attributes on
the numbered elements (of the copy Saxon reads; the TEI file is not touched) and puts them
in the document's summary for the edition pages.
"""

from __future__ import annotations

from lxml import etree

from .tei import ED_NS, TEI_NS, xml_attr

LABEL = f"{{{ED_NS}}}n"
# The blocks a reader counts: paragraphs, turns of speech, lists, blocks of a letter's top
# and bottom, each once (a paragraph inside a turn is the turn's).
NUMBERED = etree.XPath(
    "/t:TEI/t:text/t:body/t:div/descendant::*[@xml:id]"
    "[self::t:p or self::t:ab or self::t:sp or self::t:list]"
    "[not(ancestor::*[self::t:p or self::t:ab or self::t:sp or self::t:list or self::t:note])]",
    namespaces={"t": TEI_NS},
)


def labels(root: etree._Element) -> dict[str, str]:
    """The label of each numbered element, by xml:id: numbered from 1 in each part of the
    text; the parts beside the translation named ("original ¶ 3")."""
    found: dict[str, str] = {}
    counts: dict[etree._Element, int] = {}
    for el in NUMBERED(root):
        div = next(a for a in el.iterancestors() if a.getparent().tag == f"{{{TEI_NS}}}body")
        counts[div] = counts.get(div, 0) + 1
        kind = div.get("type", "")
        translated = div.getparent().find(f"{{{TEI_NS}}}div[@type='translation']") is not None
        prefix = f"{kind} " if translated and kind and kind != "translation" else ""
        found[el.get(xml_attr("id"))] = f"{prefix}¶ {counts[div]}"
    return found


PARTS = {"head": "heading", "opener": "opening", "closer": "closing", "postscript": "postscript",
         "note": "note"}  # fmt: skip


def label_of(el: etree._Element, found: dict[str, str]) -> str:
    """The label of the numbered block el is in (or is); outside any, the part of the
    text it is in ("heading", "opening", "closing", "note"); else "text"."""
    for node in (el, *el.iterancestors()):
        label = found.get(node.get(xml_attr("id")) or "")
        if label:
            return label
    return part_label(el) or "text"


def part_label(el: etree._Element) -> str:
    """The part of a text's top or bottom el is in, as readers call it; else ""."""
    for node in (el, *el.iterancestors()):
        name = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if name in PARTS:
            return PARTS[name]
    return ""


def for_stylesheets(root: etree._Element) -> tuple[bytes, dict[str, str]]:
    """What the stylesheets read of a document: it, each label put on its element as ed:n
    (root is changed: pass the build's own copy), as UTF-8; and the labels. A part of the
    text's top or bottom outside any numbered block gets its part's label ("opening")."""
    found = labels(root)
    for el in root.iter():
        part = PARTS.get(etree.QName(el).localname, "") if isinstance(el.tag, str) else ""
        label = found.get(el.get(xml_attr("id")) or "") or part
        if label and label_of(el, found) == label:  # a part inside a paragraph is the paragraph's
            el.set(LABEL, label)
    # One declaration of the labels' namespace, on the root: lxml declared it on each
    # element with a prefix of its own, and Saxon reads at most 2,047 per document.
    etree.cleanup_namespaces(root, top_nsmap={"ed": ED_NS})
    # Saxon reads what lxml read, as text: any encoding lxml accepted, a BOM, all alike.
    return etree.tostring(root, encoding="unicode").encode("utf-8"), found
