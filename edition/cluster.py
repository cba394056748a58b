"""Building on a Dask cluster: documents are independent map tasks, PDFs too; the small
reduce (edition pages, volumes) stays with the build that asked.

The machine running ``edition build --executor dask --scheduler tcp://HOST:8786`` reads
the TEI, sends each document's bytes to a worker and writes what comes back, so workers
need no shared folder and the outputs land where the build runs (copy them to object
storage from there). Each worker process compiles the stylesheets once and refuses work
when its own edition, stylesheets or libraries differ from the build's: every output is
the one a serial build makes.
"""

from __future__ import annotations

import hashlib
import re
import socket
import tempfile
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .build import Done, Rendered, render, written
from .diagnostics import Diagnostic
from .errors import EditionError
from .publish import Stylesheets
from .tei import write_atomic
from .validate import read_regular

Setup = tuple[tuple[str, ...], dict[str, str], bytes | None]  # stylesheets, params, persons
IN_FLIGHT = 512  # documents sent ahead of the results read back
CONNECT_TIMEOUT = 20  # seconds to reach the scheduler

_sheets: dict[str, Stylesheets | None] = {}
_lock = threading.Lock()  # one Saxon at a time per worker process, whatever its threads


def _setup_key(setup: Setup) -> str:
    names, params, persons = setup
    text = repr((names, sorted(params.items()))).encode()
    return hashlib.sha256(text + (persons or b"")).hexdigest()


@lru_cache(maxsize=1)
def _worker_code_key() -> str:
    """This worker's edition (files hashed once per process, not once per document)."""
    from . import cache

    return cache.code_key()


def render_on_worker(where: str, stem: str, data: bytes, setup: Setup, code: str) -> Rendered:
    """One document, on a worker: validated and rendered with its compiled stylesheets,
    unless this worker's edition differs from the build's (code: cache.code_key())."""

    with _lock:
        if _worker_code_key() != code:
            why = "this worker runs another version of edition, its stylesheets or libraries"
            return Rendered([Diagnostic(where, None, None, "error", "executor", why)])
        key = _setup_key(setup)
        if key not in _sheets:
            names, params, persons = setup
            _sheets[key] = Stylesheets(names, params, persons) if names else None
        return render(_sheets[key], where, stem, data)


def pdf_on_worker(name: str, page: bytes, css: bytes, is_volume: bool) -> bytes | str:
    """A print page and its style sheet, laid out as a PDF; why not, as text."""
    from .pdf import render_pdf, render_volume

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "print" / f"{name}.html"
        html.parent.mkdir()
        html.write_bytes(page)
        (html.parent / "print.css").write_bytes(css)
        try:
            return (render_volume if is_volume else render_pdf)(html)
        except Exception as exc:  # WeasyPrint's own errors are of many kinds
            return f"no PDF made: {exc}"


ADDRESS = re.compile(r"^(?:tcp://)?(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(?P<port>\d{1,5})$")


def _reachable(address: str) -> None:
    """A scheduler address (tcp://HOST:PORT) that answers; else a clear error, before Dask
    is asked (a client that never connected takes long to give up)."""
    match = ADDRESS.match(address)
    if not match or not 0 < int(match["port"]) < 65536:
        raise EditionError(f"--scheduler {address!r}: give it as tcp://HOST:PORT")
    host = match["host"].strip("[]")
    try:
        socket.create_connection((host, int(match["port"])), timeout=CONNECT_TIMEOUT).close()
    except OSError as exc:
        raise EditionError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


class DaskRunner:
    """The per-document work of a build, on the cluster whose scheduler is at address."""

    def __init__(self, address: str, setup: Setup, out_dir: Path) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise EditionError(
                "--executor dask needs Dask: pip install 'dask[distributed]'"
            ) from None
        _reachable(address)
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise EditionError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        from . import cache

        self.code = cache.code_key()
        self.setup = self.client.scatter(setup, broadcast=True)
        self.out_dir = out_dir

    def documents(self, paths: list[Path]) -> Iterator[Done]:
        from distributed import as_completed

        queue = iter(paths)
        flight = as_completed(loop=self.client.loop)
        sent: dict[str, Path] = {}

        def send() -> Done | None:
            path = next(queue, None)
            if path is None:
                return None
            try:
                data = read_regular(path)
            except OSError as exc:
                why = exc.strerror or str(exc)
                return Done(path, [Diagnostic(str(path), None, None, "error", "unreadable", why)],
                            [])  # fmt: skip
            future = self.client.submit(render_on_worker, str(path), path.stem, data,
                                        self.setup, self.code, pure=False)  # fmt: skip
            sent[future.key] = path
            flight.add(future)
            return None

        for _ in range(IN_FLIGHT):
            unread = send()
            if unread is not None:
                yield unread
        for future in flight:
            path = sent.pop(future.key)
            yield written(self.out_dir, path, future.result())
            unread = send()
            if unread is not None:
                yield unread

    def pdfs(self, pages: list[tuple[Path, bool]]) -> Iterable[Path | Diagnostic]:
        futures = []
        for print_file, is_volume in pages:
            css = (print_file.parent / "print.css").read_bytes()
            futures.append(self.client.submit(pdf_on_worker, print_file.stem,
                                              print_file.read_bytes(), css, is_volume,
                                              pure=False))  # fmt: skip
        for (print_file, _), future in zip(pages, futures, strict=True):
            result = future.result()
            if isinstance(result, str):
                yield Diagnostic(str(print_file), None, None, "error", "pdf", result)
                continue
            target = self.out_dir / "pdf" / f"{print_file.stem}.pdf"
            write_atomic(target, result)
            yield target

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()
