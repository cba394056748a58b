"""Print HTML to PDF with WeasyPrint, which may read local files only (never the network)."""

from __future__ import annotations

from pathlib import Path

from lxml import html


def _fetcher():  # type: ignore[no-untyped-def]
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols=["file"])


def render_pdf(html_file: Path) -> bytes:
    from weasyprint import HTML

    return HTML(filename=str(html_file), url_fetcher=_fetcher()).write_pdf()  # type: ignore[no-any-return]


def render_volume(html_file: Path) -> bytes:
    """The whole-edition volume. Its registers (persons, places and bodies) give each page
    once: the volume is laid out, the page of every paragraph read off it, and the
    registers, which end the volume, laid out again with those numbers (continuing the
    page count) in place of one reference per paragraph."""
    from weasyprint import HTML

    first = HTML(filename=str(html_file), url_fetcher=_fetcher()).render()
    page_of: dict[str, int] = {}
    for number, page in enumerate(first.pages, start=1):
        for anchor in page.anchors:
            page_of.setdefault(anchor, number)
    tree = html.parse(str(html_file))
    registers = [s for s in tree.getroot().iter("section") if "register" in s.classes]
    start = page_of.get(registers[0].get("id", "")) if registers else None
    if start is None:
        return first.write_pdf()  # type: ignore[no-any-return]
    for entry in (e for section in registers for e in section.find_class("entry")):
        refs = entry.find_class("pageref")
        found = (page_of.get(a.get("href", "#")[1:]) for a in refs)
        pages = sorted({number for number in found if number is not None})
        for ref in refs:
            ref.drop_tree()
        if pages:
            entry[-1].tail = (entry[-1].tail or "") + " " + ", ".join(map(str, pages))
    body = tree.getroot().find("body")
    assert body is not None
    body.clear()
    body.extend(registers)
    head = tree.getroot().find("head")
    assert head is not None
    head.append(html.fromstring(f"<style>@page :first {{ counter-reset: page {start} }}</style>"))
    index = HTML(
        string=html.tostring(tree, encoding="unicode"),
        base_url=str(html_file),
        url_fetcher=_fetcher(),
    ).render()
    return first.copy(first.pages[: start - 1] + index.pages).write_pdf()  # type: ignore[no-any-return]
