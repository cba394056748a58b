"""Stage 1 of every reader: bytes to numbered lines and blank-line separated blocks.

A byte-order mark, CRLF or CR line ends, trailing spaces and extra blank lines are
ordinary and vanish here, so a file imports exactly like its clean twin.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from .errors import SourceError

# Characters XML 1.0 cannot hold (C0 controls but tab and line ends, surrogates, U+FFFE/F).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The same in UTF-8 bytes, looked for at C speed first: a C0 control is one byte, never
# part of a longer character; U+FFFE/F are these three bytes; a surrogate does not decode.
CONTROL_BYTES = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0D})
NOT_XML_BYTES = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def may_hold_not_xml(data: bytes) -> bool:
    """Whether UTF-8 data may hold a character NOT_XML names (False: it holds none)."""
    return len(data.translate(None, CONTROL_BYTES)) != len(data) or any(
        map(data.__contains__, NOT_XML_BYTES)
    )


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the source file
    text: str


@dataclass(frozen=True)
class Block:
    lines: tuple[Line, ...]

    @property
    def no(self) -> int:
        return self.lines[0].no

    @cached_property
    def text(self) -> str:
        """The block's lines joined with single spaces (the source wraps prose lines)."""
        return " ".join(line.text.strip() for line in self.lines)


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) to text, or a SourceError naming the first bad line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            path, line, f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
    if not text.strip():
        raise SourceError(path, None, "the file is empty")
    if may_hold_not_xml(data) and (bad := NOT_XML.search(text)):
        line = text.count("\n", 0, bad.start()) + 1
        raise SourceError(
            path, line, f"control character U+{ord(bad[0]):04X} cannot be kept in XML; remove it"
        )
    return text


def split_lines(text: str) -> list[Line]:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [Line(i, raw.rstrip()) for i, raw in enumerate(text.split("\n"), start=1)]


def split_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(Block(tuple(current)))
            current = []
    if current:
        blocks.append(Block(tuple(current)))
    return blocks


MAX_BLOCK = 5_000_000  # characters in one paragraph: a TEI text node must stay below 10 MB


def read_blocks(data: bytes, path: str) -> list[Block]:
    blocks = split_blocks(split_lines(decode(data, path)))
    for block in blocks:
        if sum(len(line.text) for line in block.lines) > MAX_BLOCK:
            raise SourceError(
                path, block.no, f"a paragraph of more than {MAX_BLOCK:,} characters; split it"
            )
    return blocks
