"""Print HTML to PDF with WeasyPrint, which may read local files only (never the network)."""

from __future__ import annotations

from pathlib import Path


def render_pdf(html_file: Path) -> bytes:
    from weasyprint import HTML, URLFetcher

    fetcher = URLFetcher(allowed_protocols=["file"])
    return HTML(filename=str(html_file), url_fetcher=fetcher).write_pdf()  # type: ignore[no-any-return]
