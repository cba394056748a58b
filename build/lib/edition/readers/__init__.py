"""Readers, one per source family, each with ``detect(blocks)`` and ``read(blocks, ...)``."""

from __future__ import annotations

from types import ModuleType

from ..errors import SourceError
from ..sourcetext import Block
from . import archive, bulletin

READERS: dict[str, ModuleType] = {archive.NAME: archive, bulletin.NAME: bulletin}


def detect(blocks: list[Block], path: str) -> ModuleType:
    """The one reader for these blocks, or a SourceError saying none fits."""
    for reader in READERS.values():
        if reader.detect(blocks):
            return reader
    raise SourceError(
        path,
        blocks[0].no if blocks else None,
        "unknown source family: neither an archive export ('Citation:' ... 'Contents:') "
        "nor a bulletin transcription (a **bold** title and a closing *[Source: ...]* line)",
    )
