"""Why the HTML edition's search is not Pagefind: the measurement, to run again.

Pagefind indexes the built HTML edition (a copy, in a temporary folder); a probe page then
searches it with Pagefind's own browser API in Chromium, opened once from ``file://`` and
once over ``http://127.0.0.1``. It prints what each gives. Needs, besides the test extras:
``pip install 'pagefind[bin]'``, and a built edition (``edition build``).

    python bench/pagefind_from_disk.py [output/html]
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PROBE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>probe</title>
<script type="module">
try {
  const pagefind = await import("./pagefind/pagefind.js");
  const search = await pagefind.search("Castro");
  const first = search.results.length ? await search.results[0].data() : null;
  document.title = "answered: " + search.results.length + " results, first " + (first && first.url);
} catch (error) {
  document.title = "failed: " + error;
}
</script></head><body></body></html>
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def probe(url: str) -> str:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url)
        page.wait_for_function("document.title !== 'probe'", timeout=15000)
        title = page.title()
        browser.close()
    return title + "".join(f"\n    console: {e[:160]}" for e in errors[:2])


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "output/html")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "html"
        shutil.copytree(site, copy)
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy)], check=True,
                       capture_output=True)  # fmt: skip
        (copy / "probe.html").write_text(PROBE, encoding="utf-8")
        print("file://          ->", probe((copy / "probe.html").as_uri()))
        handler = functools.partial(Quiet, directory=str(copy))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            print("http://127.0.0.1 ->", probe(f"http://127.0.0.1:{server.server_port}/probe.html"))
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
